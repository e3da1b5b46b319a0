"""The span tagger: a sentence head that says how propagandistic a sentence reads, and a CRF
that marks the words of its technique spans.

The sentence head is a logistic regression on the sentence embedding; its
score becomes a feature of every token of the sentence, which is how the
embedding reaches the CRF (a linear-chain CRF over 384 dense dimensions per
token would be slow to train on two cores and no better). The CRF is
CRFsuite's, saved in CRFsuite's own binary format, which holds weights and
feature names only and runs no code when loaded. At run time a token is
inside a span when the CRF's marginal probability of not being outside
reaches the threshold chosen on dev; Viterbi decoding is the special case of
a threshold near one half.
"""

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
from storycheck.paths import model_dir

TASK = "propaganda-spans"
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


@dataclass
class SpanTagger:
    head: SentenceHead
    crf: Any
    threshold: float

    def marginals(self, items: list[dict[str, float]]) -> tuple[list[float], list[bool]]:
        """P(inside a span) of each token, and whether B is likelier than I for it."""
        self.crf.set(items)
        self.crf.tag()
        inside = []
        begins = []
        for i in range(len(items)):
            b = float(self.crf.marginal("B", i))
            inner = float(self.crf.marginal("I", i))
            inside.append(b + inner)
            begins.append(b > inner)
        return inside, begins

    def spans(
        self,
        sentences: Sequence[Sentence],
        scores: npt.NDArray[np.float64],
        title: bool,
        threshold: float | None = None,
    ) -> list[tuple[int, int, float]]:
        """Predicted spans of one text with the mean inside-probability of their tokens."""
        cut = self.threshold if threshold is None else threshold
        found: list[tuple[int, int, float]] = []
        for sentence, items in zip(sentences, article_items(sentences, scores, title), strict=True):
            if not items:
                continue
            probs, begins = self.marginals(items)
            inside = [p >= cut for p in probs]
            for start, end in spans_from_inside(sentence.tokens, inside, begins):
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
    if (meta.details.get("embedder"), meta.details.get("feature_version")) != (
        nlp.EMBEDDER_ID,
        FEATURE_VERSION,
    ):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    path = model_dir(TASK) / CRF_FILE
    if not path.is_file():
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    return SpanTagger(SentenceHead.load(), open_crf(path), float(meta.details["threshold"]))
