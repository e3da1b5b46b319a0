from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from storycheck import nlp
from storycheck.analyzers.fallacies.features import TextFeatures
from storycheck.analyzers.fallacies.gate import unmarked_lines
from storycheck.analyzers.fallacies.head import LinearHead, predict, shipped
from storycheck.analyzers.fallacies.lexicon import find_cues
from storycheck.analyzers.fallacies.train import (
    C_GRID,
    TASK,
    choose_c,
    choose_threshold,
    fit,
    folds_of,
    macro_f1_of,
)
from storycheck.eval import logic, ptc


@pytest.fixture(scope="module")
def train_slice(datasets: Path) -> list[logic.Example]:
    examples = logic.read_split(datasets / logic.FOLDER / logic.TRAIN_FILE)
    return examples[::12]


def test_cues_name_the_patterns_and_skip_quotations() -> None:
    names = [m.cue.name for m in find_cues("But where there’s smoke, there is fire.")]
    assert names == ["smoke and fire"]
    assert find_cues("What about Iraq, then?")[0].cue.label == "fallacy of relevance"
    assert find_cues("America is very hypocrite to speak about Terrorism.")
    assert find_cues("First let’s not forget the videos.")
    assert find_cues("“First let’s not forget the videos.” Please give evidence.") == []
    assert find_cues("The smoke cleared and firefighters left.") == []


def test_features_come_back_the_same_from_their_arrays(
    train_slice: list[logic.Example],
) -> None:
    texts = [e.text for e in train_slice]
    embeddings = nlp.embed(texts)
    fitted = TextFeatures.fit(texts)
    rebuilt = TextFeatures.from_arrays(fitted.arrays())
    a = fitted.matrix(texts, embeddings)
    b = rebuilt.matrix(texts, embeddings)
    assert a.shape == b.shape
    assert abs(a - b).max() < 1e-5


def test_a_head_fitted_on_a_slice_saves_and_predicts(train_slice: list[logic.Example]) -> None:
    texts = [e.text for e in train_slice]
    embeddings = nlp.embed(texts)
    head = fit(train_slice, embeddings, 3.0)
    again = LinearHead.from_arrays(head.arrays())
    p = head.proba(texts, embeddings)
    assert p.shape == (len(texts), len(head.classes))
    assert np.allclose(p.sum(axis=1), 1.0)
    assert np.allclose(p, again.proba(texts, embeddings), atol=1e-4)
    # It learns its own training slice.
    labels = [head.classes[i] for i in p.argmax(axis=1)]
    right = [label == e.labels[0] for label, e in zip(labels, train_slice, strict=True)]
    assert np.mean(right) > 0.8


def test_c_is_chosen_on_folds_the_heads_never_saw(train_slice: list[logic.Example]) -> None:
    texts = [e.text for e in train_slice]
    embeddings = nlp.embed(texts)
    classes = tuple(sorted({e.labels[0] for e in train_slice}))
    folds = folds_of(np.array([classes.index(e.labels[0]) for e in train_slice]))
    choice = choose_c(train_slice, embeddings, folds, classes)
    assert set(choice.table) == {f"C={c:g}" for c in C_GRID}
    assert choice.table[f"C={choice.c:g}"] == max(choice.table.values())
    assert np.allclose(choice.out_of_fold.sum(axis=1), 1.0)
    # A fold that leaked into its own head would score near the in-sample fit.
    in_sample = fit(train_slice, embeddings, choice.c).proba(texts, embeddings)
    assert macro_f1_of(train_slice, classes, in_sample) > 0.8
    assert macro_f1_of(train_slice, classes, choice.out_of_fold) < 0.6


def test_threshold_is_the_lowest_reaching_the_precision_target(datasets: Path) -> None:
    model = shipped()
    examples = logic.read_split(datasets / logic.FOLDER / logic.DEV_FILE)[::3]
    texts = [e.text for e in examples]
    predictions = predict(model.head, texts, nlp.embed(texts), use_cues=False, threshold=0.0)
    threshold, curve = choose_threshold(examples, predictions)
    assert curve[f"{threshold:.2f}"]["precision"] >= 0.8
    lower = [k for k in curve if float(k) < threshold]
    assert lower
    assert all(curve[k]["precision"] < 0.8 for k in lower)
    coverage = [curve[k]["coverage"] for k in sorted(curve)]
    assert coverage == sorted(coverage, reverse=True)


def test_a_confident_model_is_not_overruled_by_a_cue() -> None:
    model = shipped()
    text = (
        "Bill: “I believe that abortion is morally wrong.” Dave: “Of course you would say "
        "that, you’re a priest.” Bill: “What about the arguments I gave to support my position?”"
    )
    (p,) = model.predict([text])
    assert p.cue is None
    assert p.label == "ad hominem"


def test_shipped_model_on_a_slice_of_dev(datasets: Path, tmp_path: Path) -> None:
    source = datasets / logic.FOLDER / logic.DEV_FILE
    with source.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))[:60]
    sliced = tmp_path / "dev-slice.csv"
    with sliced.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=[logic.TEXT, logic.EDU_LABEL])
        writer.writeheader()
        writer.writerows({k: r[k] for k in (logic.TEXT, logic.EDU_LABEL)} for r in rows)
    evaluation = TASK.evaluate([sliced])
    assert evaluation.last_line.startswith("fallacy macro_f1=")
    assert evaluation.extra["accuracy"] > 0.45


def test_gate_negatives_touch_no_propaganda_span(datasets: Path) -> None:
    corpus = ptc.load_release(datasets, ptc.SI_LABELS)
    some = corpus.subset(sorted(corpus.articles)[:10])
    for article, text in some.articles.items():
        lines = unmarked_lines({article: text}, some.spans)
        spans = [(s.start, s.end) for s in some.spans if s.article == article]
        for line in lines:
            start = text.index(line)
            assert not any(a < start + len(line) and b > start for a, b in spans)
        # Every line long enough and outside the spans is kept: the title is the only other loss.
        assert len(lines) < len(text.split("\n"))
    assert unmarked_lines(some.articles, some.spans)


def test_shipped_classifier_blends_its_fine_tuned_encoder(train_slice: list[logic.Example]) -> None:
    model = shipped()
    assert 0.0 < model.blend.share < 1.0
    assert model.blend.path.is_file()
    texts = [e.text for e in train_slice[:20]]
    head_only = model.head.proba(texts, nlp.embed(texts))
    blended = model.blend.mix(head_only, texts)
    assert blended.shape == head_only.shape
    assert np.allclose(blended.sum(axis=1), 1.0, atol=1e-4)
    assert np.abs(blended - head_only).max() > 0.05


def test_the_encoder_reads_only_texts_that_can_surface(seed_path: Path, monkeypatch) -> None:
    from storycheck import read_one

    model = shipped()
    texts = [c.text for c in read_one(seed_path).thread if c.text.strip()]
    read: list[str] = []
    encoder = type(model.blend).encoder

    def counting(self, batch):
        read.extend(batch)
        return encoder(self, batch)

    monkeypatch.setattr(type(model.blend), "encoder", counting)
    predictions = model.predict(texts)

    surfaced = {t for t, p in zip(texts, predictions, strict=True) if model.surfaces(p)}
    assert surfaced, "the seed's whataboutism surfaces"
    assert surfaced <= set(read)
    # The gate turns some comments away (two of the seed's six); only the rest cost an encoder pass.
    assert len(read) < len(texts)
    embeddings = nlp.embed(texts)
    everything = predict(
        model.head,
        texts,
        embeddings,
        model.use_cues,
        model.threshold,
        model.gate.proba(embeddings),
        model.blend,
    )
    assert {t for t, p in zip(texts, everything, strict=True) if model.surfaces(p)} == surfaced
