"""The span tagger: a CRF over lexical features and a fine-tuned word tagger, blended.

A sentence head (logistic regression on the sentence embedding) says how
propagandistic a sentence reads; its score becomes a feature of every token
of the sentence, which is how the embedding reaches the CRF (a linear-chain
CRF over 384 dense dimensions per token would be slow to train on two cores
and no better). The CRF is CRFsuite's, saved in CRFsuite's own binary format,
which holds weights and feature names only and runs no code when loaded. The
word tagger is the packaged encoder's upper layers fine-tuned to mark word
pieces (``finetune.tokens``); it sees each word in its sentence, where the
CRF sees a window of features, and the two err in different places. A token
is inside a span when the weighted mean of the CRF's marginal probability and
the tagger's reaches the threshold; the weight and the threshold are chosen
on training articles held out of both models."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.persuasion.features import (
    FEATURE_VERSION,
    Sentence,
    article_counts,
    crf_items,
    spans_from_inside,
)
from storycheck.artefact import load_arrays, load_meta
from storycheck.errors import Problem, StorycheckError
from storycheck.finetune import lower, tokens
from storycheck.paths import model_dir

TASK = "propaganda-spans"
# Version 2 added the word tagger and its blend with the CRF; 3, the layers it reads frozen.
FORMAT_VERSION = 3
SENTENCE_HEAD = "sentence_head"
CRF_FILE = "crf.crfsuite"


@dataclass(frozen=True)
class SentenceHead:
    """Logistic regression: the probability that a sentence holds a technique span."""

    coef: npt.NDArray[np.float64]
    intercept: float

    def score(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        if len(x) == 0:
            return np.zeros(0)
        z = x.astype(np.float64) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        return {"coef": self.coef, "intercept": np.asarray([self.intercept])}

    @classmethod
    def load(cls, task: str = TASK) -> SentenceHead:
        a = load_arrays(task, SENTENCE_HEAD)
        return cls(a["coef"], float(a["intercept"][0]))


def fit_sentence_head(
    x: npt.NDArray[np.float32], y: npt.NDArray[np.int8], c: float
) -> SentenceHead:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y)
    return SentenceHead(model.coef_[0].astype(np.float64), float(model.intercept_[0]))


def article_items(
    sentences: Sequence[Sentence], scores: npt.NDArray[np.float64], title: bool
) -> list[list[dict[str, float]]]:
    """CRF features of every sentence of one text; the first is its title when ``title``."""
    counts: Counter[str] = article_counts(sentences)
    return [
        crf_items(s, float(score), counts, title and i == 0)
        for i, (s, score) in enumerate(zip(sentences, scores, strict=True))
    ]


FloatArray = npt.NDArray[np.float64]
# Each token's CRF probability of being inside a span, and whether B beats I for it.
Marginals = tuple[list[float], list[bool]]


@dataclass(frozen=True)
class WordTagger:
    """The fine-tuned token tagger: each word's probability of lying inside a span."""

    path: Path
    # The packaged layers it reads frozen, below its own.
    frozen: int

    def probabilities(self, sentences: Sequence[Sentence]) -> list[FloatArray]:
        texts = [s.text for s in sentences]
        pieces = tokens.piece_probabilities(self.path, texts, self.frozen)
        return tokens.word_probabilities(texts, pieces, [word_offsets(s) for s in sentences])


@dataclass
class SpanTagger:
    head: SentenceHead
    crf: Any
    words: WordTagger
    crf_weight: float
    threshold: float

    def spans(
        self,
        sentences: Sequence[Sentence],
        scores: FloatArray,
        title: bool,
        word_probabilities: Sequence[FloatArray] | None = None,
        threshold: float | None = None,
    ) -> list[tuple[int, int, float]]:
        """Predicted spans of one text with the mean inside-probability of their tokens."""
        words = (
            self.words.probabilities(sentences)
            if word_probabilities is None
            else word_probabilities
        )
        return blended_spans(
            sentences,
            crf_marginals(self.crf, sentences, scores, title),
            words,
            self.crf_weight,
            self.threshold if threshold is None else threshold,
        )


def crf_marginals(
    crf: Any, sentences: Sequence[Sentence], scores: FloatArray, title: bool
) -> list[Marginals]:
    """Per sentence, P(inside a span) of each token, and whether B is likelier than I for it."""
    out: list[Marginals] = []
    for items in article_items(sentences, scores, title):
        if not items:
            out.append(([], []))
            continue
        crf.set(items)
        crf.tag()
        b = np.asarray([crf.marginal("B", i) for i in range(len(items))])
        inner = np.asarray([crf.marginal("I", i) for i in range(len(items))])
        out.append(((b + inner).tolist(), (b > inner).tolist()))
    return out


def word_offsets(sentence: Sentence) -> list[tuple[int, int]]:
    """The sentence's words as offsets into its own text, as the tokeniser counts them."""
    return [(t.start - sentence.start, t.end - sentence.start) for t in sentence.tokens]


def blended_spans(
    sentences: Sequence[Sentence],
    crf: Sequence[Marginals],
    words: Sequence[FloatArray],
    crf_weight: float,
    threshold: float,
) -> list[tuple[int, int, float]]:
    """Spans where the weighted mean of the CRF's and the word tagger's probabilities
    reaches ``threshold``; the CRF says where one span ends and the next begins."""
    found: list[tuple[int, int, float]] = []
    for sentence, (inside, begins), word in zip(sentences, crf, words, strict=True):
        if not sentence.tokens:
            continue
        probs = crf_weight * np.asarray(inside) + (1.0 - crf_weight) * word
        for start, end in spans_from_inside(sentence.tokens, list(probs >= threshold), begins):
            members = [
                p
                for t, p in zip(sentence.tokens, probs, strict=True)
                if start <= t.start and t.end <= end
            ]
            found.append((start, end, float(np.mean(members))))
    return found


def open_crf(path: Path) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@cache
def shipped() -> SpanTagger:
    """The shipped tagger, refused when its features would not match the running code's."""
    meta = load_meta(TASK)
    if (meta.format_version, meta.details.get("embedder"), meta.details.get("feature_version")) != (
        FORMAT_VERSION,
        nlp.EMBEDDER_ID,
        FEATURE_VERSION,
    ):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    path = model_dir(TASK) / CRF_FILE
    if not path.is_file():
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    words = model_dir(TASK) / tokens.TAGGER_FILE
    frozen = int(meta.details["word_frozen_layers"])
    if not words.is_file() or meta.details.get("word_lower") != lower.model_name(frozen):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    return SpanTagger(
        SentenceHead.load(),
        open_crf(path),
        WordTagger(words, frozen),
        float(meta.details["crf_weight"]),
        float(meta.details["threshold"]),
    )
