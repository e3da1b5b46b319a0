"""Measuring retrieval on pairs derived from LIAR-PLUS, since shared has no claim-retrieval set.

Each LIAR-PLUS val2 row gives a pair: the fact-checked statement and the
justification PolitiFact wrote for it. One direction queries with the
statement against an index of every justification; the other queries with
the justification against an index of every statement. Each query has
exactly one relevant item, so AP@5 is 1/rank when the rank is at most 5
(MAP@5 is then MRR@5), and recall@10 is the share of queries whose item is in
the first 10. The re-ranker is scored by two-fold cross-fitting: weights
fitted on one half of the queries rank the other half.

The similarity threshold for attaching a fact-check to a story's claim is
the lowest top-1 cosine above which the top-1 is the right item for at least
``TARGET_PRECISION`` of the statement-to-justification queries. The target is
high because different claims on the same subject (two statements about
jobs since the 1970s) already reach a cosine of 0.6-0.7 between LIAR
statements: a looser threshold would attach fact-checks of related claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.eval import liar
from storycheck.factchecks.retrieval import RERANK_WEIGHTS, Retriever, rerank_score

MAP_DEPTH = 5
RECALL_DEPTH = 10
TARGET_PRECISION = 0.97
MIN_ABOVE_THRESHOLD = 20
SYSTEMS = ("bm25", "embedding", "rerank (cross-fitted)", "rerank (shipped weights, in-sample)")
BM25_RATIO_GRID = tuple(round(0.1 * i, 1) for i in range(16))


@dataclass
class DirectionResult:
    name: str
    queries: int
    map5: dict[str, float] = field(default_factory=dict)
    recall10: dict[str, float] = field(default_factory=dict)


@dataclass
class RetrievalReport:
    directions: list[DirectionResult]
    weights: tuple[float, float, float]
    threshold: float
    threshold_precision: float
    threshold_coverage: float


def pairs(datasets: Path, limit: int | None = None) -> tuple[list[str], list[str]]:
    """Statements and their justifications, row for row (rows without one left out)."""
    rows = [
        s for s in liar.read(datasets / liar.PLUS_FOLDER / liar.PLUS_DEV_FILE) if s.justification
    ]
    rows = rows[:limit] if limit else rows
    return [s.text for s in rows], [s.justification for s in rows]


def ranks(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Rank (1 = first) of each query's own item (row i's is column i); ties count against."""
    own = np.diag(scores)
    return np.asarray((scores > own[:, None]).sum(axis=1) + 1, dtype=np.int64)


def map_at(rank: npt.NDArray[np.int64], depth: int = MAP_DEPTH) -> float:
    return float(np.mean(np.where(rank <= depth, 1.0 / rank, 0.0)))


def recall_at(rank: npt.NDArray[np.int64], depth: int = RECALL_DEPTH) -> float:
    return float(np.mean(rank <= depth))


@dataclass
class _Scored:
    """Per query: BM25, cosine and relative-BM25 over the candidates, the rest left at -inf."""

    bm25: npt.NDArray[np.float64]
    cosine: npt.NDArray[np.float64]
    candidate: npt.NDArray[np.bool_]
    relative: npt.NDArray[np.float64]


def _score_all(
    queries: Sequence[str], q_vectors: npt.NDArray[np.float32], retriever: Retriever
) -> _Scored:
    n, m = len(queries), retriever.size
    bm25 = np.zeros((n, m))
    candidate = np.zeros((n, m), dtype=bool)
    relative = np.zeros((n, m))
    for i, query in enumerate(queries):
        bm25[i] = retriever.bm25_scores(query)
        rows, _, _, rel = retriever.candidates(query, q_vectors[i])
        candidate[i, rows] = True
        relative[i, rows] = rel
    cosine = np.asarray(q_vectors @ retriever.vectors.T, dtype=np.float64)
    return _Scored(bm25, cosine, candidate, relative)


def _rerank(scored: _Scored, weights: Sequence[float]) -> npt.NDArray[np.float64]:
    scores = rerank_score(scored.cosine, scored.relative, weights)
    return np.where(scored.candidate, scores, -np.inf)


def fit_weights(scored: _Scored, rows: npt.NDArray[np.intp]) -> tuple[float, float, float]:
    """Re-ranker weights learnt on the queries ``rows``.

    Ranking depends only on the ratio of the BM25 weight to the cosine
    weight, so that ratio is the one chosen for MAP@5 on these queries; a
    logistic regression of "is the query's item" on the combined score then
    sets the scale and intercept, so the score reads as a probability.
    """
    from sklearn.linear_model import LogisticRegression

    best_ratio = max(
        BM25_RATIO_GRID,
        key=lambda ratio: map_at(ranks(_rerank(scored, (0.0, 1.0, ratio))[np.ix_(rows, rows)])),
    )
    combined = []
    labels = []
    for i in rows:
        cols = np.flatnonzero(scored.candidate[i])
        combined.append(scored.cosine[i, cols] + best_ratio * scored.relative[i, cols])
        labels.append(cols == i)
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(np.concatenate(combined)[:, None], np.concatenate(labels))
    scale = float(model.coef_[0][0])
    return (float(model.intercept_[0]), scale, scale * best_ratio)


def _direction(
    name: str, queries: list[str], items: list[str], q_name: str, i_name: str
) -> tuple[DirectionResult, _Scored]:
    q_vectors = nlp.embed_cached(queries, q_name)
    retriever = Retriever(items, nlp.embed_cached(items, i_name))
    scored = _score_all(queries, q_vectors, retriever)
    n = len(queries)
    halves = (np.arange(0, n, 2), np.arange(1, n, 2))
    crossfit = np.full((n, n), -np.inf)
    for fit_rows, held_rows in (halves, halves[::-1]):
        weights = fit_weights(scored, fit_rows)
        crossfit[held_rows] = _rerank(scored, weights)[held_rows]
    systems = {
        SYSTEMS[0]: scored.bm25,
        SYSTEMS[1]: scored.cosine,
        SYSTEMS[2]: crossfit,
        SYSTEMS[3]: _rerank(scored, RERANK_WEIGHTS),
    }
    result = DirectionResult(name, n)
    for system, scores in systems.items():
        r = ranks(scores)
        result.map5[system] = map_at(r)
        result.recall10[system] = recall_at(r)
    return result, scored


def threshold_for_precision(
    top_cosine: npt.NDArray[np.float64], correct: npt.NDArray[np.bool_]
) -> tuple[float, float, float]:
    """Lowest cosine above which the top-1 is right for TARGET_PRECISION of queries.

    Returns the threshold, the precision above it and the share of queries above it.
    """
    order = np.argsort(-top_cosine, kind="stable")
    hits = np.cumsum(correct[order])
    counts = np.arange(1, len(order) + 1)
    precision = hits / counts
    ok = np.flatnonzero((precision >= TARGET_PRECISION) & (counts >= MIN_ABOVE_THRESHOLD))
    if len(ok) == 0:
        return 1.0, 0.0, 0.0
    last = int(ok[-1])
    return float(top_cosine[order[last]]), float(precision[last]), float(counts[last] / len(order))


def evaluate(datasets: Path, limit: int | None = None) -> RetrievalReport:
    statements, justifications = pairs(datasets, limit)
    tag = f"-{limit}" if limit else ""
    forward, scored = _direction(
        "statement -> justifications",
        statements,
        justifications,
        f"liar-plus-val2-statements{tag}",
        f"liar-plus-val2-justifications{tag}",
    )
    backward, _ = _direction(
        "justification -> statements",
        justifications,
        statements,
        f"liar-plus-val2-justifications{tag}",
        f"liar-plus-val2-statements{tag}",
    )
    n = len(statements)
    weights = fit_weights(scored, np.arange(n))
    shipped = _rerank(scored, RERANK_WEIGHTS)
    top = shipped.argmax(axis=1)
    top_cosine = scored.cosine[np.arange(n), top]
    threshold, precision, coverage = threshold_for_precision(top_cosine, top == np.arange(n))
    return RetrievalReport([forward, backward], weights, threshold, precision, coverage)
