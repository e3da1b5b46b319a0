from __future__ import annotations

import itertools
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from storycheck.analyzers.persuasion import tagger, train
from storycheck.eval import ptc
from storycheck.finetune import lower, tokens

SLICE = 6


@pytest.fixture(scope="module")
def small(datasets: Path) -> tuple[ptc.Corpus, ptc.Corpus]:
    """A few training and a few dev articles of the real release."""
    corpus = ptc.load_release(datasets, ptc.SI_LABELS)
    fit, dev = ptc.split(corpus)
    return fit.subset(sorted(fit.articles)[:SLICE]), dev.subset(sorted(dev.articles)[:3])


@pytest.mark.slow
def test_tagger_trains_on_a_slice_and_predicts_disjoint_spans(
    small: tuple[ptc.Corpus, ptc.Corpus], tmp_path: Path
) -> None:
    fit, dev = small
    both = ptc.Corpus({**fit.articles, **dev.articles}, fit.spans + dev.spans)
    prepared = train.prepare(both)
    gold = {a: ptc.merge_overlapping(v) for a, v in ptc.gold_si(both).items()}
    y = np.asarray(
        [
            int(any(g[0] < s.end and s.start < g[1] for g in gold[a]))
            for a in prepared.ids
            for s in prepared.sentences[a]
        ],
        dtype=np.int8,
    )
    head = tagger.fit_sentence_head(
        prepared.embeddings[train._rows(prepared, sorted(fit.articles))],
        y[train._rows(prepared, sorted(fit.articles))],
        1.0,
    )
    scores = head.score(prepared.embeddings)
    path = tmp_path / tagger.CRF_FILE
    train.train_crf(prepared, sorted(fit.articles), scores, gold, path)
    rows = train._rows(prepared, sorted(fit.articles))
    texts = [s.text for a in prepared.ids for s in prepared.sentences[a]]
    states = lower.hidden_states(texts, train.WORD_RECIPE.frozen)
    labels = train.word_labels(prepared, gold)
    # One short epoch: tests/finetune/test_tokens.py checks that the word tagger learns.
    model = tokens.fit(
        [states[i] for i in rows],
        [labels[i] for i in rows],
        replace(train.WORD_RECIPE, epochs=1),
        train.WORD_POSITIVE_WEIGHT,
    )
    tokens.export(model, tmp_path / tokens.TAGGER_FILE)
    words = tagger.WordTagger(tmp_path / tokens.TAGGER_FILE, train.WORD_RECIPE.frozen)
    # On its own training articles the CRF must find most of the gold spans.
    crf_alone = tagger.SpanTagger(head, tagger.open_crf(path), words, 1.0, 0.3)
    seen = train.predict_si(crf_alone, prepared, sorted(fit.articles))
    assert ptc.si_score(seen, {a: gold[a] for a in fit.articles}).f1 > 0.5
    span_tagger = replace(crf_alone, crf_weight=0.5)
    unseen = train.predict_si(span_tagger, prepared, sorted(dev.articles))
    score = ptc.si_score(unseen, {a: gold[a] for a in dev.articles})
    assert 0.0 <= score.f1 <= 1.0
    for a, spans in unseen.items():
        ordered = sorted(spans)
        assert all(0 <= s < e <= len(dev.articles[a]) for s, e in ordered)
        assert all(e <= s for (_, e), (s, _) in itertools.pairwise(ordered))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("task", "labels", "floor"),
    [(train.SPANS, ptc.SI_LABELS, 0.25), (train.TECHNIQUES_TASK, ptc.TC_LABELS, 0.4)],
)
def test_shipped_models_score_dev_articles_given_as_data(
    task: train.SpansTask | train.TechniquesTask,
    labels: str,
    floor: float,
    datasets: Path,
    tmp_path: Path,
) -> None:
    source = datasets / ptc.FOLDER
    ids = ptc.dev_ids(ptc.read_articles(source / ptc.ARTICLES))[:8]
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in ids:
        shutil.copy(source / ptc.ARTICLES / f"article{i}.txt", articles)
    rows = [
        line for line in (source / labels).read_text().splitlines() if line.split("\t")[0] in ids
    ]
    (tmp_path / labels).write_text("\n".join(rows) + "\n")
    evaluation = task.evaluate([articles, tmp_path / labels])
    assert evaluation.task == task.name and evaluation.metric == task.metric
    assert evaluation.value > floor
    assert evaluation.last_line.startswith(f"{task.name} {task.metric}=")
    assert any(p.value > 0.5 for p in evaluation.published)


def test_shipped_technique_classifier_blends_its_fine_tuned_encoder(
    small: tuple[ptc.Corpus, ptc.Corpus], datasets: Path
) -> None:
    from storycheck.analyzers.persuasion import classifier

    model = classifier.shipped()
    assert 0.0 < model.blend.share < 1.0
    assert model.blend.path.is_file()
    _, dev = small
    tc = ptc.load_release(datasets, ptc.TC_LABELS).subset(sorted(dev.articles))
    prepared = train.prepare(tc)
    spans = train.given_spans(tc, prepared)
    x = train.tc_features(tc, prepared, spans, model.memory, leave_out=False)
    head_only = model.head.probabilities(x)
    blended = model.probabilities(x, spans)
    assert blended.shape == (len(spans), len(ptc.TECHNIQUES))
    assert np.abs(blended - head_only).max() > 0.05
    assert classifier.encoder_text(spans[0]).startswith(spans[0].text + " [SEP] ")


def test_technique_heads_are_scored_on_folds_they_never_saw() -> None:
    # Each row has a feature of its own, so only a head that saw the row can know its label.
    rng = np.random.default_rng(0)
    n = 280
    y = rng.integers(0, len(ptc.TECHNIQUES), n).astype(np.int64)
    x = np.eye(n, dtype=np.float32)
    folds = (np.arange(n) % train.FOLDS).astype(np.intp)
    table = train.head_out_of_fold(x, y, folds, lambda a, b: train.fit_linear(a, b, 100.0))
    assert np.allclose(table.sum(axis=1), 1.0)
    assert np.mean(table.argmax(axis=1) == y) < 0.25
    seen = train.fit_linear(x, y, 100.0).probabilities(x)
    assert np.mean(seen.argmax(axis=1) == y) > 0.9
    assert set(train.head_candidates()) == {
        *(f"linear C={c}" for c in train.LINEAR_C),
        "lightgbm",
    }
