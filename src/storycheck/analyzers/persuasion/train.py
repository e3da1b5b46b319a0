"""Training and scoring the propaganda span tagger and technique classifier.

``storycheck train|eval propaganda-spans`` (SemEval-2020 Task 11 SI, span F1)
and ``storycheck train|eval propaganda-techniques`` (TC, micro-F1). Both train
on the PTC articles outside the dev split (``storycheck.eval.ptc.dev_ids``:
a fifth of the articles, by a seeded shuffle). The sentence head feeding the
CRF is fitted on out-of-fold predictions over training articles, so the CRF
learns how far to trust a score it has not seen its own sentence trained on;
the word tagger's epochs, its weight against the CRF and the span threshold
are chosen on a fifth of the training articles held out of both. The
technique head (the linear one at some C, or the boosted one) is blended with
the encoder's fine-tuned upper layers; which head, how long to fine-tune and
the encoder's share are all chosen by cross-validation over training
articles, never on dev, which the 59 articles make too noisy to choose on.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storycheck import mpnet, nlp
from storycheck.analyzers.persuasion import baseline, classifier, silver, tagger
from storycheck.analyzers.persuasion.features import (
    FEATURE_VERSION,
    Sentence,
    bio_tags,
    line_sentences,
)
from storycheck.artefact import Meta, save_arrays, save_meta
from storycheck.eval import fnc1, ptc
from storycheck.finetune import blend, lower, stack, teacher, tokens, top
from storycheck.finetune import train as finetune
from storycheck.heads import BoostedHead, Head, SoftmaxHead
from storycheck.paths import datasets_dir, model_dir
from storycheck.tasks import Evaluation

if TYPE_CHECKING:
    import torch

FORMAT_VERSION = 1
SEED = 13
FOLDS = 5
SENTENCE_C = 1.0
CRF_PARAMS: dict[str, object] = {
    "c1": 0.1,
    "c2": 0.05,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
# The word tagger: how long it may train, the layers above which it trains (docs/persuasion.md),
# and how much a word inside a span counts in its loss.
WORD_RECIPE = finetune.Recipe(epochs=4, label_smoothing=0.0, seed=SEED, frozen=2)
WORD_POSITIVE_WEIGHT = 2.0
# The mpnet teacher's epochs (its dev figure is flat from the second; docs/persuasion.md), and
# how much a silver sentence counts against a gold one in the word tagger's loss.
TEACHER_EPOCHS = 2
SILVER_WEIGHT = 1.0
CRF_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
LINEAR_C = (0.001, 0.003, 0.01, 0.03)
LIGHTGBM_PARAMS: dict[str, object] = {
    "objective": "multiclass",
    "num_class": len(ptc.TECHNIQUES),
    "learning_rate": 0.08,
    "num_leaves": 15,
    "min_child_samples": 10,
    "feature_fraction": 0.15,
    "force_col_wise": True,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 2,
    "seed": SEED,
    "verbose": -1,
}
LIGHTGBM_ROUNDS = 200
# A sentence's word-piece labels (``finetune.tokens.piece_labels``).
Piece = npt.NDArray[np.int64]
# A technique head fitted to features and labels.
HeadFit = Callable[[npt.NDArray[np.float32], npt.NDArray[np.int64]], Head]
# All six layers on the token embeddings: the whole recipe 0.658 out of fold against 0.651 for four
# on the frozen lower two, at the same cost per span (docs/persuasion.md).
RECIPE = finetune.Recipe(epochs=6, frozen=lower.EMBEDDINGS_ONLY)


@dataclass(frozen=True)
class Prepared:
    """Sentences of every article and their embeddings, rows in article order."""

    ids: list[str]
    sentences: dict[str, list[Sentence]]
    rows: dict[str, npt.NDArray[np.int64]]
    embeddings: npt.NDArray[np.float32]


def prepare(corpus: ptc.Corpus) -> Prepared:
    ids = sorted(corpus.articles)
    sentences = {a: line_sentences(corpus.articles[a]) for a in ids}
    texts = [s.text for a in ids for s in sentences[a]]
    rows: dict[str, npt.NDArray[np.int64]] = {}
    k = 0
    for a in ids:
        rows[a] = np.arange(k, k + len(sentences[a]))
        k += len(sentences[a])
    return Prepared(ids, sentences, rows, nlp.embed_cached(texts, "ptc-sentences"))


def _gold_merged(corpus: ptc.Corpus) -> dict[str, list[tuple[int, int]]]:
    return {a: ptc.merge_overlapping(v) for a, v in ptc.gold_si(corpus).items()}


def _folds(ids: Sequence[str]) -> list[list[str]]:
    order = list(np.random.RandomState(SEED).permutation(sorted(ids)))
    return [[str(a) for a in part] for part in np.array_split(np.asarray(order), FOLDS)]


def _rows(prepared: Prepared, ids: Sequence[str]) -> npt.NDArray[np.int64]:
    return np.concatenate([prepared.rows[a] for a in ids])


def sentence_scores_oof(
    prepared: Prepared, train_ids: Sequence[str], y: npt.NDArray[np.int8]
) -> tuple[npt.NDArray[np.float64], tagger.SentenceHead]:
    """Out-of-fold sentence scores over training articles, and the head fitted on all of them."""
    scores = np.zeros(len(prepared.embeddings))
    x = prepared.embeddings
    for held in _folds(train_ids):
        fit_ids = [a for a in train_ids if a not in set(held)]
        fit, out = _rows(prepared, fit_ids), _rows(prepared, held)
        scores[out] = tagger.fit_sentence_head(x[fit], y[fit], SENTENCE_C).score(x[out])
    rows = _rows(prepared, train_ids)
    return scores, tagger.fit_sentence_head(x[rows], y[rows], SENTENCE_C)


def train_crf(
    prepared: Prepared,
    train_ids: Sequence[str],
    scores: npt.NDArray[np.float64],
    gold: dict[str, list[tuple[int, int]]],
    path: Path,
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for a in train_ids:
        sentences = prepared.sentences[a]
        items = tagger.article_items(sentences, scores[prepared.rows[a]], title=True)
        for sentence, features in zip(sentences, items, strict=True):
            if features:
                trainer.append(features, bio_tags(sentence, gold[a]))
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(path))


def predict_si(
    span_tagger: tagger.SpanTagger,
    prepared: Prepared,
    ids: Sequence[str],
    threshold: float | None = None,
) -> dict[str, list[tuple[int, int]]]:
    scores = span_tagger.head.score(prepared.embeddings)
    sentences = [s for a in ids for s in prepared.sentences[a]]
    words = by_article(prepared, ids, span_tagger.words.probabilities(sentences))
    predicted = {}
    for a in ids:
        found = span_tagger.spans(
            prepared.sentences[a], scores[prepared.rows[a]], True, words[a], threshold
        )
        predicted[a] = [(start, end) for start, end, _ in found]
    return predicted


def by_article(
    prepared: Prepared, ids: Sequence[str], values: Sequence[npt.NDArray[np.float64]]
) -> dict[str, list[npt.NDArray[np.float64]]]:
    """One value per sentence of the articles ``ids``, in that order, split back by article."""
    flat = iter(values)
    return {a: [next(flat) for _ in prepared.sentences[a]] for a in ids}


@dataclass(frozen=True)
class BlendChoice:
    """The word tagger's epochs, the CRF's weight and the threshold, with their held-out F1."""

    epochs: int
    crf_weight: float
    threshold: float
    f1: float
    table: dict[str, float]


def word_labels(
    prepared: Prepared, gold: dict[str, list[tuple[int, int]]], tokenizer: Any = None
) -> list[Piece]:
    """Every sentence's piece labels against the gold spans, in ``prepared`` row order
    (MiniLM's pieces unless another model's ``tokenizer`` is given)."""
    texts, inside = [], []
    for a in prepared.ids:
        for s in prepared.sentences[a]:
            texts.append(s.text)
            inside.append(
                [
                    (max(g0, s.start) - s.start, min(g1, s.end) - s.start)
                    for g0, g1 in gold[a]
                    if g0 < s.end and s.start < g1
                ]
            )
    return tokens.piece_labels(texts, inside, tokenizer)


@dataclass(frozen=True)
class Silver:
    """Unlabelled sentences' piece targets from the teacher, and their frozen MiniLM states."""

    states: finetune.States
    targets: list[npt.NDArray[np.float32]]

    def weights(self) -> list[float]:
        return [SILVER_WEIGHT] * len(self.targets)


def held_and_rest(train_ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """The fold of training articles that chooses the blend (the first of ``_folds``), and the
    others."""
    held = _folds(train_ids)[0]
    held_out = set(held)
    return held, [a for a in train_ids if a not in held_out]


@dataclass(frozen=True)
class Lessons:
    """What every teacher reads, computed once: the training sentences' frozen mpnet states
    and mpnet piece labels (by row of ``Prepared``), and the unlabelled news sentences with
    their frozen mpnet states (the teacher's input) and frozen MiniLM states (the student's)."""

    states: dict[int, npt.NDArray[np.float16]]
    labels: dict[int, Piece]
    news: list[Sentence]
    news_states: finetune.States
    news_student_states: finetune.States


def lessons(
    prepared: Prepared,
    train_ids: Sequence[str],
    gold: dict[str, list[tuple[int, int]]],
    datasets: Path,
) -> Lessons:
    texts = [s.text for a in prepared.ids for s in prepared.sentences[a]]
    rows = [int(i) for i in _rows(prepared, train_ids)]
    labels = word_labels(prepared, gold, mpnet.tokenizer())
    states = teacher.hidden_states([texts[i] for i in rows])
    news = silver.sentences(datasets)
    news_texts = [s.text for s in news]
    return Lessons(
        dict(zip(rows, states, strict=True)),
        {i: labels[i] for i in rows},
        news,
        teacher.hidden_states(news_texts),
        lower.hidden_states(news_texts, WORD_RECIPE.frozen),
    )


def distil(lessons: Lessons, rows: npt.NDArray[np.int64]) -> Silver:
    """The mpnet teacher trained on the training sentences ``rows``, and its probabilities
    for the unlabelled news sentences as targets for the MiniLM word tagger."""
    model = tokens.fit(
        [lessons.states[int(i)] for i in rows],
        [lessons.labels[int(i)] for i in rows],
        teacher.recipe(TEACHER_EPOCHS, SEED),
        WORD_POSITIVE_WEIGHT,
        description="teacher word tagger (mpnet)",
        build=teacher.tagger_model,
    )
    texts = [s.text for s in lessons.news]
    words = [tagger.word_offsets(s) for s in lessons.news]
    probabilities = teacher.word_probabilities(model, texts, lessons.news_states, words)
    return Silver(lessons.news_student_states, tokens.piece_targets(texts, words, probabilities))


def choose_blend(
    prepared: Prepared,
    train_ids: Sequence[str],
    oof: npt.NDArray[np.float64],
    gold: dict[str, list[tuple[int, int]]],
    states: finetune.States,
    labels: Sequence[Piece],
    extra: Silver,
    scratch: Path,
) -> BlendChoice:
    """Epochs, CRF weight and threshold that score best on a fold of training articles
    that neither the CRF, the word tagger nor its teacher saw (``held_and_rest``)."""
    held, rest = held_and_rest(train_ids)
    train_crf(prepared, rest, oof, gold, scratch)
    crf = tagger.open_crf(scratch)
    marginals = {
        a: tagger.crf_marginals(crf, prepared.sentences[a], oof[prepared.rows[a]], True)
        for a in held
    }
    sentences = [s for a in held for s in prepared.sentences[a]]
    held_rows = _rows(prepared, held)
    rest_rows = _rows(prepared, rest)
    by_epoch: dict[int, list[npt.NDArray[np.float64]]] = {}

    def record(epoch: int, model: torch.nn.Module) -> None:
        pieces = tokens.predict(model, [states[i] for i in held_rows])
        by_epoch[epoch] = tokens.word_probabilities(
            [s.text for s in sentences], pieces, [tagger.word_offsets(s) for s in sentences]
        )

    tokens.fit(
        [states[i] for i in rest_rows] + list(extra.states),
        [labels[i] for i in rest_rows] + extra.targets,
        WORD_RECIPE,
        WORD_POSITIVE_WEIGHT,
        record,
        "word tagger, held-out fold",
        weights=[1.0] * len(rest_rows) + extra.weights(),
    )
    held_gold = {a: gold[a] for a in held}
    table: dict[str, float] = {}
    for epoch, words in by_epoch.items():
        split = by_article(prepared, held, words)
        for weight in CRF_WEIGHTS:
            for cut in THRESHOLDS:
                predicted = {
                    a: [
                        (start, end)
                        for start, end, _ in tagger.blended_spans(
                            prepared.sentences[a], marginals[a], split[a], weight, cut
                        )
                    ]
                    for a in held
                }
                table[f"{epoch}/{weight}/{cut}"] = ptc.si_score(predicted, held_gold).f1
    best = max(table, key=lambda k: table[k])
    chosen_epochs, chosen_weight, chosen_cut = best.split("/")
    return BlendChoice(
        int(chosen_epochs), float(chosen_weight), float(chosen_cut), table[best], table
    )


def _lexicon_si(prepared: Prepared, ids: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    return {a: baseline.lexicon_spans(prepared.sentences[a]) for a in ids}


def _eval_corpus(
    data: Sequence[Path], labels: str, dev_name: Callable[[ptc.Corpus], str]
) -> tuple[ptc.Corpus, str]:
    """The files given (named by their paths), else the dev split of the release."""
    if data:
        return ptc.load(data, labels), ", ".join(str(p) for p in data)
    _, corpus = ptc.split(ptc.load_release(datasets_dir(), labels))
    return corpus, dev_name(corpus)


def _si_split_name(corpus: ptc.Corpus) -> str:
    return f"dev ({len(corpus.articles)} PTC articles, seed {ptc.SPLIT_SEED})"


class SpansTask:
    name = ptc.SI_TASK
    metric = ptc.SI_METRIC
    description = (
        "propaganda spans in news articles (SemEval-2020 Task 11 SI, span F1); "
        "--data FOLDER_OF_ARTICLES --data SI_LABELS"
    )

    def train(self, datasets: Path) -> Evaluation:
        started = time.perf_counter()
        corpus = ptc.load_release(datasets, ptc.SI_LABELS)
        train, dev = ptc.split(corpus)
        prepared = prepare(corpus)
        gold = _gold_merged(corpus)
        y = np.asarray(
            [
                int(any(g[0] < s.end and s.start < g[1] for g in gold[a]))
                for a in prepared.ids
                for s in prepared.sentences[a]
            ],
            dtype=np.int8,
        )
        train_ids, dev_ids = sorted(train.articles), sorted(dev.articles)
        oof, head = sentence_scores_oof(prepared, train_ids, y)
        featurised = time.perf_counter()
        folder = model_dir(self.name)
        folder.mkdir(parents=True, exist_ok=True)
        train_crf(prepared, train_ids, oof, gold, folder / tagger.CRF_FILE)
        crf_done = time.perf_counter()

        # Two teachers: one trained without the held-out fold labels the silver sentences
        # while the blend is chosen on that fold, so that the fold stays unseen; one trained
        # on every training article labels them for the shipped tagger.
        taught = lessons(prepared, train_ids, gold, datasets)
        extra = distil(taught, _rows(prepared, held_and_rest(train_ids)[1]))
        distilled = time.perf_counter()
        texts = [s.text for a in prepared.ids for s in prepared.sentences[a]]
        states = lower.hidden_states(texts, WORD_RECIPE.frozen)
        labels = word_labels(prepared, gold)
        with tempfile.TemporaryDirectory() as scratch:
            choice = choose_blend(
                prepared,
                train_ids,
                oof,
                gold,
                states,
                labels,
                extra,
                Path(scratch) / tagger.CRF_FILE,
            )
        chosen = time.perf_counter()
        rows = _rows(prepared, train_ids)
        extra = distil(taught, rows)
        taught_again = time.perf_counter()
        model = tokens.fit(
            [states[i] for i in rows] + list(extra.states),
            [labels[i] for i in rows] + extra.targets,
            replace(WORD_RECIPE, epochs=choice.epochs),
            WORD_POSITIVE_WEIGHT,
            description="word tagger",
            weights=[1.0] * len(rows) + extra.weights(),
        )
        tokens.export(model, folder / tokens.TAGGER_FILE)
        words_done = time.perf_counter()

        span_tagger = tagger.SpanTagger(
            head,
            tagger.open_crf(folder / tagger.CRF_FILE),
            tagger.WordTagger(folder / tokens.TAGGER_FILE, WORD_RECIPE.frozen),
            choice.crf_weight,
            choice.threshold,
        )
        dev_gold = {a: gold[a] for a in dev_ids}
        lexicon_score = ptc.si_score(_lexicon_si(prepared, dev_ids), dev_gold)
        save_arrays(self.name, tagger.SENTENCE_HEAD, **head.arrays())
        evaluation = ptc.evaluate_si(
            dev, predict_si(span_tagger, prepared, dev_ids), _si_split_name(dev)
        )
        evaluation.extra["lexicon baseline f1"] = lexicon_score.f1
        evaluation.extra["held-out fold f1 (blend)"] = choice.f1
        # The CRF alone, at its own best threshold on the held-out fold: what the blend adds.
        crf_cut = max(THRESHOLDS, key=lambda t: choice.table[f"1/1.0/{t}"])
        crf_alone = replace(span_tagger, crf_weight=1.0)
        crf_only = ptc.si_score(predict_si(crf_alone, prepared, dev_ids, crf_cut), dev_gold)
        evaluation.extra["crf alone f1"] = crf_only.f1
        save_meta(
            self.name,
            Meta(
                task=self.name,
                format_version=tagger.FORMAT_VERSION,
                trained_on=(
                    f"PTC (SemEval-2020 Task 11 training release), {len(train_ids)} articles, "
                    f"{len(train.spans)} SI spans; dev: {len(dev_ids)} articles"
                ),
                model=(
                    f"CRFsuite BIO tagger over word, shape, lexicon, quotation and sentence-score "
                    f"features (sentence score = logistic regression on {nlp.EMBEDDER_ID}), "
                    f"blended with {nlp.EMBEDDER_ID}'s top "
                    f"{blend.ENCODER_LAYERS - WORD_RECIPE.frozen} layers "
                    f"fine-tuned as a word tagger (int8 ONNX), distilled from "
                    f"all-mpnet-base-v2's top {12 - teacher.FROZEN_LAYERS} layers "
                    f"fine-tuned the same way"
                ),
                scores={
                    "dev_f1": evaluation.value,
                    "dev_precision": evaluation.extra["precision"],
                    "dev_recall": evaluation.extra["recall"],
                    "dev_f1_lexicon_baseline": lexicon_score.f1,
                    "dev_f1_crf_alone": crf_only.f1,
                    "held_out_fold_f1": choice.f1,
                },
                details={
                    "threshold": choice.threshold,
                    "crf_weight": choice.crf_weight,
                    "word_tagger_epochs": choice.epochs,
                    "word_recipe": WORD_RECIPE.as_dict(),
                    "word_positive_weight": WORD_POSITIVE_WEIGHT,
                    "word_frozen_layers": WORD_RECIPE.frozen,
                    "word_lower": lower.model_name(WORD_RECIPE.frozen),
                    "teacher": {
                        "model": "all-mpnet-base-v2",
                        "frozen_layers": teacher.FROZEN_LAYERS,
                        "recipe": teacher.recipe(TEACHER_EPOCHS, SEED).as_dict(),
                        "trained_on": (
                            "training articles outside the held-out fold (to choose the blend), "
                            "all training articles (for the shipped tagger)"
                        ),
                        "silver_sentences": len(extra.targets),
                        "silver_sources": [
                            "/".join(silver.SAMPLE),
                            f"fnc1/{fnc1.UNLABELLED_BODIES_FILE}",
                        ],
                        "silver_weight": SILVER_WEIGHT,
                    },
                    "held_out_fold_f1_by_epochs_weight_threshold": choice.table,
                    "embedder": nlp.EMBEDDER_ID,
                    "feature_version": FEATURE_VERSION,
                    "split_seed": ptc.SPLIT_SEED,
                    "dev_share": ptc.DEV_SHARE,
                    "dev_articles": dev_ids,
                    "crf_params": CRF_PARAMS,
                    "sentence_head_C": SENTENCE_C,
                    "seconds": {
                        "features": round(featurised - started, 1),
                        "crf": round(crf_done - featurised, 1),
                        "teacher_and_silver": round(distilled - crf_done, 1),
                        "blend": round(chosen - distilled, 1),
                        "second_teacher": round(taught_again - chosen, 1),
                        "word_tagger": round(words_done - taught_again, 1),
                    },
                },
            ),
        )
        tagger.shipped.cache_clear()
        return evaluation

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        corpus, split_name = _eval_corpus(data, ptc.SI_LABELS, _si_split_name)
        prepared = prepare(corpus)
        predicted = predict_si(tagger.shipped(), prepared, prepared.ids)
        evaluation = ptc.evaluate_si(corpus, predicted, split_name)
        lexicon_score = ptc.si_score(_lexicon_si(prepared, prepared.ids), ptc.gold_si(corpus))
        evaluation.extra["lexicon baseline f1"] = lexicon_score.f1
        return evaluation


def given_spans(corpus: ptc.Corpus, prepared: Prepared) -> list[classifier.GivenSpan]:
    """The gold spans of the corpus as the classifier sees them, in corpus order."""
    same: dict[tuple[str, int, int], int] = {}
    for s in corpus.spans:
        key = (s.article, s.start, s.end)
        same[key] = same.get(key, 0) + 1
    by_article: dict[str, list[classifier.GivenSpan]] = {}
    for s in corpus.spans:
        sentences = prepared.sentences[s.article]
        sentence = next(
            (x for x in sentences if x.start <= s.start < x.end),
            min(sentences, key=lambda x: abs(x.start - s.start)),
        )
        text = corpus.articles[s.article]
        by_article.setdefault(s.article, []).append(
            classifier.GivenSpan(
                s.start,
                s.end,
                text[s.start : s.end],
                sentence,
                sentence is sentences[0],
                same[(s.article, s.start, s.end)],
            )
        )
    told = {a: iter(classifier.with_neighbours(spans)) for a, spans in by_article.items()}
    return [next(told[s.article]) for s in corpus.spans]


def tc_features(
    corpus: ptc.Corpus,
    prepared: Prepared,
    spans: Sequence[classifier.GivenSpan],
    memory: classifier.Memory,
    leave_out: bool,
) -> npt.NDArray[np.float32]:
    """Features of every gold span (``spans``, from ``given_spans``, in corpus order);
    ``leave_out`` hides a span's own article from the memory."""
    span_vectors = nlp.embed_cached([s.text for s in spans], "ptc-spans")
    sentence_row = {
        (a, s.start): row
        for a in prepared.ids
        for s, row in zip(prepared.sentences[a], prepared.rows[a], strict=True)
    }
    rows = []
    for gold, span, vector in zip(corpus.spans, spans, span_vectors, strict=True):
        sentence_vector = prepared.embeddings[sentence_row[(gold.article, span.sentence.start)]]
        rows.append(
            classifier.feature_matrix(
                [span],
                corpus.articles[gold.article],
                sentence_vector[None, :],
                vector[None, :],
                memory,
                gold.article if leave_out else None,
            )[0]
        )
    return np.asarray(rows, dtype=np.float32).reshape(-1, len(classifier.feature_names()))


def _groups(corpus: ptc.Corpus) -> list[int]:
    index: dict[tuple[str, int, int], int] = {}
    return [index.setdefault((s.article, s.start, s.end), len(index)) for s in corpus.spans]


def fit_linear(x: npt.NDArray[np.float32], y: npt.NDArray[np.int64], c: float) -> SoftmaxHead:
    return SoftmaxHead.fit(x, y, c, len(ptc.TECHNIQUES))


def fit_lightgbm(x: npt.NDArray[np.float32], y: npt.NDArray[np.int64]) -> BoostedHead:
    import lightgbm

    data = lightgbm.Dataset(x, label=y, feature_name=classifier.feature_names())
    booster = lightgbm.train(LIGHTGBM_PARAMS, data, LIGHTGBM_ROUNDS)
    return BoostedHead(booster, len(ptc.TECHNIQUES), classifier.THREADS)


def span_folds(train: ptc.Corpus) -> npt.NDArray[np.intp]:
    """The fold of every training span: its article's, so no article is on both sides."""
    fold_of = {a: k for k, part in enumerate(_folds(sorted(train.articles))) for a in part}
    return np.array([fold_of[s.article] for s in train.spans], dtype=np.intp)


def head_out_of_fold(
    x: npt.NDArray[np.float32], y: npt.NDArray[np.int64], folds: npt.NDArray[np.intp], fit: HeadFit
) -> npt.NDArray[np.float64]:
    """Every span's probabilities from a head fitted without its fold."""
    table = np.zeros((len(y), len(ptc.TECHNIQUES)))
    for fold in range(FOLDS):
        held = folds == fold
        table[held] = fit(x[~held], y[~held]).probabilities(x[held])
    return table


def tc_scorer(corpus: ptc.Corpus) -> Callable[[npt.NDArray[np.float64]], float]:
    """Micro-F1 of a probability table over the corpus's spans, in corpus order."""
    groups = _groups(corpus)

    def score(probabilities: npt.NDArray[np.float64]) -> float:
        return ptc.tc_micro_f1(list(corpus.spans), classifier.assign(probabilities, groups))

    return score


def head_candidates() -> dict[str, HeadFit]:
    """The heads cross-validation chooses among, by the name meta.json records."""

    def linear(c: float) -> HeadFit:
        return lambda x, y: fit_linear(x, y, c)

    fits: dict[str, HeadFit] = {f"{classifier.LINEAR} C={c}": linear(c) for c in LINEAR_C}
    fits[classifier.LIGHTGBM] = fit_lightgbm
    return fits


def fit_blend(
    spans: Sequence[classifier.GivenSpan],
    x: npt.NDArray[np.float32],
    y: npt.NDArray[np.int64],
    head_oof: npt.NDArray[np.float64],
    folds: npt.NDArray[np.intp],
    score: Callable[[npt.NDArray[np.float64]], float],
) -> tuple[blend.Blend, blend.Choice, stack.Stack, stack.StackChoice]:
    """Fine-tune the encoder on the spans, then the stacked head, each chosen on the article
    ``folds`` that chose the head; ``head_oof`` holds the head's out-of-fold probabilities."""
    mix, choice = blend.fit(
        lower.hidden_states([classifier.encoder_text(s) for s in spans], RECIPE.frozen),
        y.astype(np.intp),
        folds,
        head_oof,
        score,
        RECIPE,
        model_dir(ptc.TC_TASK) / top.ENCODER_FILE,
    )
    if choice.share == 0.0 or choice.out_of_fold is None:
        return mix, choice, stack.Stack(None, 0.0), stack.skipped(score(head_oof))
    stacked, stack_choice = stack.fit(
        head_oof,
        choice.out_of_fold,
        classifier.cues_of(x),
        y.astype(np.intp),
        folds,
        choice.share,
        score,
    )
    return mix, choice, stacked, stack_choice


def _tc_split_name(corpus: ptc.Corpus) -> str:
    return f"dev ({len(corpus.articles)} PTC articles, {len(corpus.spans)} spans)"


class TechniquesTask:
    name = ptc.TC_TASK
    metric = ptc.TC_METRIC
    description = (
        "technique of given propaganda spans (SemEval-2020 Task 11 TC, micro-F1); "
        "--data FOLDER_OF_ARTICLES --data TC_LABELS"
    )

    def train(self, datasets: Path) -> Evaluation:
        started = time.perf_counter()
        corpus = ptc.load_release(datasets, ptc.TC_LABELS)
        train, dev = ptc.split(corpus)
        memory = classifier.Memory.build(
            [
                (s.article, train.articles[s.article][s.start : s.end], s.technique)
                for s in train.spans
            ]
        )
        prepared_train, prepared_dev = prepare(train), prepare(dev)
        spans_train = given_spans(train, prepared_train)
        spans_dev = given_spans(dev, prepared_dev)
        x_train = tc_features(train, prepared_train, spans_train, memory, leave_out=True)
        x_dev = tc_features(dev, prepared_dev, spans_dev, memory, leave_out=False)
        y = np.asarray([ptc.TECHNIQUES.index(s.technique) for s in train.spans], dtype=np.int64)
        featurised = time.perf_counter()
        # The head and its C by out-of-fold micro-F1 over training articles; dev only reports.
        candidates = head_candidates()
        folds = span_folds(train)
        train_score = tc_scorer(train)
        out_of_fold = {
            name: head_out_of_fold(x_train, y, folds, fit) for name, fit in candidates.items()
        }
        head_cv = {name: round(train_score(table), 4) for name, table in out_of_fold.items()}
        best = max(head_cv, key=lambda name: head_cv[name])
        head = candidates[best](x_train, y)
        heads_done = time.perf_counter()
        dev_groups = _groups(dev)
        dev_score = tc_scorer(dev)
        head_f1 = dev_score(head.probabilities(x_dev))
        lexicon_f1 = ptc.tc_micro_f1(
            list(dev.spans),
            [
                baseline.lexicon_technique(dev.articles[s.article][s.start : s.end])
                for s in dev.spans
            ],
        )
        # Only the chosen head ships: the boosted one is 5 MB of text.
        for stale in (classifier.LIGHTGBM_FILE, f"{classifier.LINEAR}.npz"):
            (model_dir(self.name) / stale).unlink(missing_ok=True)
        if isinstance(head, SoftmaxHead):
            chosen = classifier.LINEAR
            save_arrays(self.name, classifier.LINEAR, **head.arrays())
        else:
            assert isinstance(head, BoostedHead)
            chosen = classifier.LIGHTGBM
            head.booster.save_model(str(model_dir(self.name) / classifier.LIGHTGBM_FILE))
        save_arrays(self.name, classifier.MEMORY, **memory.arrays())
        mix, choice, stacked, stack_choice = fit_blend(
            spans_train, x_train, y, out_of_fold[best], folds, train_score
        )
        blended_done = time.perf_counter()
        stack_file = model_dir(self.name) / f"{classifier.STACK}.npz"
        stack_file.unlink(missing_ok=True)
        if stacked.head is not None:
            save_arrays(self.name, classifier.STACK, **stacked.head.arrays())
        model = classifier.TechniqueClassifier(chosen, head, memory, mix, stacked)
        predicted = classifier.assign(model.probabilities(x_dev, spans_dev), dev_groups)
        evaluation = ptc.evaluate_tc(dev, predicted, _tc_split_name(dev))
        evaluation.extra["lexicon baseline micro_f1"] = lexicon_f1
        evaluation.extra["head alone micro_f1"] = head_f1
        save_meta(
            self.name,
            Meta(
                task=self.name,
                format_version=FORMAT_VERSION,
                trained_on=(
                    f"PTC (SemEval-2020 Task 11 training release), {len(train.articles)} articles, "
                    f"{len(train.spans)} TC spans; dev: {len(dev.articles)} articles, "
                    f"{len(dev.spans)} spans"
                ),
                model=(
                    f"{chosen} head on span and sentence {nlp.EMBEDDER_ID} embeddings + "
                    f"{len(classifier.CUE_FEATURES)} cue and span-memory features, blended "
                    f"with the encoder's top layers fine-tuned (share {choice.share}), "
                    f"averaged with a stacked head over both and the cues "
                    f"(weight {stack_choice.weight})"
                ),
                scores={
                    "dev_micro_f1": evaluation.value,
                    "dev_macro_f1": evaluation.extra["macro_f1"],
                    "dev_micro_f1_lexicon_baseline": lexicon_f1,
                    "dev_micro_f1_head_alone": head_f1,
                },
                details={
                    "head": chosen,
                    "head_selection": {
                        "chosen": best,
                        "by": f"{FOLDS}-fold cross-validation over training articles, micro-F1",
                        "cross_validation": head_cv,
                    },
                    "encoder": {
                        **choice.details(
                            RECIPE,
                            f"epochs and share by {FOLDS}-fold cross-validation over training "
                            "articles, micro-F1",
                        ),
                        "input": "span [SEP] its sentence",
                    },
                    "stack": {
                        **stack_choice.details(),
                        "inputs": "head and encoder probabilities, cue features",
                    },
                    "embedder": nlp.EMBEDDER_ID,
                    "feature_version": FEATURE_VERSION,
                    "cue_features": list(classifier.CUE_FEATURES),
                    "split_seed": ptc.SPLIT_SEED,
                    "dev_share": ptc.DEV_SHARE,
                    "dev_articles": sorted(dev.articles),
                    "lightgbm": {"params": LIGHTGBM_PARAMS, "rounds": LIGHTGBM_ROUNDS},
                    "seconds": {
                        "features": round(featurised - started, 1),
                        "heads": round(heads_done - featurised, 1),
                        "fine_tune": round(blended_done - heads_done, 1),
                    },
                },
            ),
        )
        classifier.shipped.cache_clear()
        return evaluation

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        corpus, split_name = _eval_corpus(data, ptc.TC_LABELS, _tc_split_name)
        model = classifier.shipped()
        prepared = prepare(corpus)
        spans = given_spans(corpus, prepared)
        x = tc_features(corpus, prepared, spans, model.memory, leave_out=False)
        probabilities = model.probabilities(x, spans)
        predicted = classifier.assign(probabilities, _groups(corpus))
        evaluation = ptc.evaluate_tc(corpus, predicted, split_name)
        evaluation.extra["lexicon baseline micro_f1"] = ptc.tc_micro_f1(
            list(corpus.spans),
            [
                baseline.lexicon_technique(corpus.articles[s.article][s.start : s.end])
                for s in corpus.spans
            ],
        )
        return evaluation


SPANS = SpansTask()
TECHNIQUES_TASK = TechniquesTask()
