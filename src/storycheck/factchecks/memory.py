"""The fact-check memory: LIAR's PolitiFact verdicts plus the user's imported ClaimReviews.

Index vectors are the sentence embeddings of each fact-checked claim, built at
first use and cached as ``.npy`` under ``paths.cache_dir()`` (the LIAR
statements are shared with the veracity task's cache). Without the shared
datasets the memory holds the user's records alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.errors import StorycheckError
from storycheck.eval import liar
from storycheck.factchecks import liar_source, store
from storycheck.factchecks.records import FactCheck
from storycheck.factchecks.retrieval import Hit, Retriever


@dataclass(frozen=True)
class Match:
    """A fact-check close to the query, with the scores that ranked it."""

    factcheck: FactCheck
    cosine: float
    bm25: float
    score: float

    def to_dict(self) -> dict[str, object]:
        f = self.factcheck
        return {
            "claim": f.claim,
            "verdict": f.verdict,
            "similarity": round(self.cosine, 4),
            "bm25": round(self.bm25, 3),
            "rerank": round(self.score, 4),
            "source": f.source,
            "claimant": f.claimant,
            "date": f.date,
            "context": f.context,
            "url": f.url,
            "id": f.id,
        }


class Memory:
    def __init__(self, records: list[FactCheck], vectors: npt.NDArray[np.float32]) -> None:
        self.records = records
        self.retriever = Retriever([r.claim for r in records], vectors.astype(np.float32))

    @classmethod
    def of(cls, records: list[FactCheck]) -> Memory:
        """A memory over ``records`` alone, embedded now and not cached (small sets, tests)."""
        return cls(records, nlp.embed([r.claim for r in records]))

    def __len__(self) -> int:
        return len(self.records)

    def search_many(self, queries: list[str], k: int = 5) -> list[list[Match]]:
        if not queries or not self.records:
            return [[] for _ in queries]
        vectors = nlp.embed(queries)
        return [
            [self._match(h) for h in self.retriever.search(q, v, k)]
            for q, v in zip(queries, vectors, strict=True)
        ]

    def search(self, query: str, k: int = 5) -> list[Match]:
        return self.search_many([query], k)[0]

    def _match(self, hit: Hit) -> Match:
        return Match(self.records[hit.index], hit.cosine, hit.bm25, hit.score)


def build(datasets: Path | None, user_index: Path | None = None) -> Memory:
    """The memory over LIAR (when ``datasets`` is given) and the user's index."""
    records: list[FactCheck] = []
    blocks: list[npt.NDArray[np.float32]] = []
    if datasets is not None:
        for split, checks in liar_source.by_split(datasets):
            records += checks
            claims = [c.claim for c in checks]
            blocks.append(nlp.embed_cached(claims, liar_source.embedding_name(split)))
    user = store.load(user_index)
    if user:
        records += user
        blocks.append(nlp.embed_cached([r.claim for r in user], "factchecks-user"))
    vectors = np.vstack(blocks) if blocks else np.zeros((0, nlp.EMBEDDING_DIM), np.float32)
    return Memory(records, vectors)


@cache
def default_memory() -> Memory:
    """LIAR from the shared datasets when they can be found, and the user's index."""
    from storycheck.paths import datasets_dir

    try:
        datasets: Path | None = datasets_dir()
    except StorycheckError:
        datasets = None
    if datasets is not None and not (datasets / liar.FOLDER / liar.TRAIN_FILE).is_file():
        datasets = None
    return build(datasets)
