"""Which stories report the same thing: near-duplicate text, or close meaning.

Two stories are linked when their word 5-gram sets overlap (MinHash/LSH from
datasketch, for copied and lightly rewritten copy) or when their mean sentence
embeddings are close (cosine, for the same event told in other words). Groups
are the connected components of those links (scipy's csgraph). The cosine
threshold is trained on FNC-1 (``storycheck train story-groups``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from storycheck import nlp

SHINGLE = 5
NUM_PERM = 64
JACCARD = 0.5
# Sentences of the lead that stand for the story: the rest drifts to background.
LEAD_SENTENCES = 8
BLOCK = 2048
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\w+")


def lead_vectors(texts: Sequence[str], cache_name: str | None = None) -> npt.NDArray[np.float32]:
    """One unit vector per story: the mean embedding of its first sentences."""
    leads = [[s for s in _SENTENCE.split(t.strip()) if s][:LEAD_SENTENCES] or [""] for t in texts]
    flat = [s for lead in leads for s in lead]
    vectors = nlp.embed_cached(flat, cache_name) if cache_name else nlp.embed(flat)
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    row = 0
    for i, lead in enumerate(leads):
        out[i] = vectors[row : row + len(lead)].mean(axis=0)
        row += len(lead)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.asarray(out / np.maximum(norms, 1e-9), dtype=np.float32)


def near_duplicates(texts: Sequence[str]) -> set[tuple[int, int]]:
    """Pairs whose 5-gram Jaccard similarity is likely above ``JACCARD`` (MinHash LSH)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=JACCARD, num_perm=NUM_PERM)
    hashes = []
    for i, text in enumerate(texts):
        words = _WORD.findall(text.lower())
        grams = {" ".join(words[k : k + SHINGLE]) for k in range(max(1, len(words) - SHINGLE + 1))}
        minhash = MinHash(num_perm=NUM_PERM, seed=1)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        lsh.insert(str(i), minhash)
        hashes.append(minhash)
    pairs = set()
    for i, minhash in enumerate(hashes):
        for key in lsh.query(minhash):
            j = int(key)
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def close_pairs(vectors: npt.NDArray[np.float32], threshold: float) -> set[tuple[int, int]]:
    """Pairs with cosine at least ``threshold``, computed a block of rows at a time."""
    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(vectors), BLOCK):
        sims = vectors[start : start + BLOCK] @ vectors.T
        rows, cols = np.nonzero(sims >= threshold)
        pairs.update(
            (int(r) + start, int(c)) for r, c in zip(rows, cols, strict=True) if r + start < c
        )
    return pairs


def link(
    texts: Sequence[str], vectors: npt.NDArray[np.float32], threshold: float
) -> list[tuple[int, int]]:
    """The linked pairs (i < j): near-duplicate text or close in meaning."""
    return sorted(near_duplicates(texts) | close_pairs(vectors, threshold))


def components(count: int, pairs: Sequence[tuple[int, int]]) -> npt.NDArray[np.int32]:
    """The group label of every story: connected components of the links."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if not pairs:
        return np.arange(count, dtype=np.int32)
    rows, cols = zip(*pairs, strict=True)
    graph = coo_matrix((np.ones(len(pairs)), (rows, cols)), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels, dtype=np.int32)
