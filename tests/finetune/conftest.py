from __future__ import annotations

from pathlib import Path

import pytest

from storycheck.eval import ptc


@pytest.fixture(scope="session")
def ptc_sentences(datasets: Path) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """The lines of a few real PTC articles, each with its gold spans in its own offsets."""
    corpus = ptc.load_release(datasets, ptc.SI_LABELS)
    chosen = sorted(corpus.articles)[:4]
    gold = ptc.gold_si(corpus.subset(chosen))
    texts, spans = [], []
    for a in chosen:
        offset = 0
        for line in corpus.articles[a].split("\n"):
            if line.strip():
                inside = [
                    (max(s, offset) - offset, min(e, offset + len(line)) - offset)
                    for s, e in gold[a]
                    if s < offset + len(line) and offset < e
                ]
                texts.append(line)
                spans.append(inside)
            offset += len(line) + 1
    return texts, spans
