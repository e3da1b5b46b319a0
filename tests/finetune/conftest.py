from __future__ import annotations

from pathlib import Path

import pytest

from storycheck.analyzers.persuasion.features import line_sentences
from storycheck.eval import ptc


@pytest.fixture(scope="session")
def ptc_sentences(datasets: Path) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """The lines of a few real PTC articles, each with its gold spans in its own offsets."""
    corpus = ptc.load_release(datasets, ptc.SI_LABELS)
    chosen = sorted(corpus.articles)[:4]
    gold = ptc.gold_si(corpus.subset(chosen))
    texts, spans = [], []
    for a in chosen:
        for s in line_sentences(corpus.articles[a]):
            texts.append(s.text)
            spans.append(
                [
                    (max(g0, s.start) - s.start, min(g1, s.end) - s.start)
                    for g0, g1 in gold[a]
                    if g0 < s.end and s.start < g1
                ]
            )
    return texts, spans
