"""Finding the texts closest to a claim: BM25, then embedding similarity, then a re-ranker.

BM25 (bm25s) and the cosine of all-MiniLM-L6-v2 embeddings each propose
their best candidates; the union is re-ranked by a logistic combination of
the two scores. BM25 catches the rare names and numbers a claim repeats word
for word; the embedding catches the paraphrase that shares few words.
``RERANK_WEIGHTS`` were fitted on the derived LIAR-PLUS pairs
(``storycheck factchecks evaluate`` prints the fit and its held-out scores).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Each scorer's top candidates that enter re-ranking.
CANDIDATES = 50
# intercept, cosine, BM25 relative to the query's best BM25 score: fitted by
# ``storycheck factchecks evaluate`` on every derived pair (docs/factchecks.md).
RERANK_WEIGHTS = (-13.256, 16.643, 3.329)
# The cosine above which a fact-check is attached to a story's claim: the top-1
# precision on the derived pairs is 0.97 above it (``storycheck factchecks evaluate``).
SIMILARITY_THRESHOLD = 0.73
_MIN_STEM = 4


def _fold_plural(word: str) -> str:
    """A light stemmer: 'taxes' and 'tax', 'jobs' and 'job' match; no other morphology."""
    if len(word) > _MIN_STEM and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= _MIN_STEM and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Hit:
    """One retrieved text: its position in the index and the scores that placed it."""

    index: int
    bm25: float
    bm25_relative: float
    cosine: float
    score: float


def rerank_score(
    cosine: npt.NDArray[np.float64],
    bm25_relative: npt.NDArray[np.float64],
    weights: Sequence[float] = RERANK_WEIGHTS,
) -> npt.NDArray[np.float64]:
    """The re-ranker's probability that a candidate is the claim's fact-check."""
    z = weights[0] + weights[1] * cosine + weights[2] * bm25_relative
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


class Retriever:
    """An index over texts and their unit-length embeddings, searched by text and vector."""

    def __init__(self, texts: Sequence[str], vectors: npt.NDArray[np.float32]) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG, so any application that configures logging
        # would print its index-building chatter.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        if len(texts) != len(vectors):
            raise ValueError("one vector per text")
        self.size = len(texts)
        self.vectors = vectors
        self.tokenizer = bm25s.tokenization.Tokenizer(stopwords="en", stemmer=_fold_plural)
        self.bm25 = bm25s.BM25()
        if self.size:
            # An empty memory (no datasets, nothing imported) has nothing to index:
            # bm25s would average over no documents.
            tokens = self.tokenizer.tokenize(list(texts), return_as="tuple", show_progress=False)
            self.bm25.index(tokens, show_progress=False)

    def bm25_scores(self, query: str) -> npt.NDArray[np.float64]:
        if self.size == 0:
            return np.zeros(0)
        ids = self.tokenizer.tokenize(
            [query], update_vocab=False, return_as="ids", show_progress=False
        )[0]
        if not ids:
            return np.zeros(self.size)
        return np.asarray(self.bm25.get_scores_from_ids(ids), dtype=np.float64)

    def candidates(
        self, query: str, vector: npt.NDArray[np.float32]
    ) -> tuple[
        npt.NDArray[np.intp],
        npt.NDArray[np.float64],
        npt.NDArray[np.float64],
        npt.NDArray[np.float64],
    ]:
        """Candidate rows, their cosine, their BM25, and that relative to the query's best."""
        bm25 = self.bm25_scores(query)
        cosine = np.asarray(self.vectors @ vector, dtype=np.float64)
        n = min(CANDIDATES, self.size)
        rows = np.union1d(_top(bm25, n), _top(cosine, n))
        best = float(bm25.max(initial=0.0))
        relative = bm25[rows] / best if best > 0 else np.zeros(len(rows))
        return rows, cosine[rows], bm25[rows], np.asarray(relative, dtype=np.float64)

    def search(
        self,
        query: str,
        vector: npt.NDArray[np.float32],
        k: int,
        weights: Sequence[float] = RERANK_WEIGHTS,
    ) -> list[Hit]:
        if self.size == 0:
            return []
        rows, cosine, bm25, relative = self.candidates(query, vector)
        scores = rerank_score(cosine, relative, weights)
        order = np.argsort(-scores, kind="stable")[:k]
        return [
            Hit(
                int(rows[i]), float(bm25[i]), float(relative[i]), float(cosine[i]), float(scores[i])
            )
            for i in order
        ]


def _top(scores: npt.NDArray[np.float64], n: int) -> npt.NDArray[np.intp]:
    if n >= len(scores):
        return np.arange(len(scores))
    return np.argpartition(-scores, n - 1)[:n]
