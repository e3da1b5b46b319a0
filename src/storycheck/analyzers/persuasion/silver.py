"""Sentences of unlabelled news for the span tagger's teacher to label.

The 238 training articles hold 10,788 sentences; a word tagger learns more
with the teacher's probabilities over twice as many again (docs/persuasion.md). The
FakeNewsCorpus sample comes first, since its sites write as PTC's do, then
FNC-1's training bodies (their stances are not read), each split into
sentences as PTC's articles are: one per line, lines cut after a full stop.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from storycheck.analyzers.persuasion.features import Sentence, make_sentence, tokenize
from storycheck.eval import fnc1

SAMPLE = ("fakenewscorpus", "news_sample.csv")
LIMIT = 24_000
# Shorter lines are bylines and captions; longer ones are lists run together.
MIN_WORDS, MAX_WORDS = 5, 60
_CUT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z])")


def sentences(datasets: Path, limit: int = LIMIT) -> list[Sentence]:
    """Up to ``limit`` distinct sentences, in the order described above."""
    seen: dict[str, None] = {}
    for sentence in itertools.chain.from_iterable(map(split, _texts(datasets))):
        seen.setdefault(sentence)
        if len(seen) == limit:
            break
    return [make_sentence(s, 0, len(s)) for s in seen]


def _texts(datasets: Path) -> Iterator[str]:
    csv.field_size_limit(1 << 30)
    with datasets.joinpath(*SAMPLE).open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield row["content"] or ""
    yield from fnc1.unlabelled_bodies(datasets)


def split(text: str) -> Iterator[str]:
    """A text's sentences of ``MIN_WORDS`` to ``MAX_WORDS`` words."""
    for line in text.split("\n"):
        for piece in _CUT.split(line.strip()):
            sentence = piece.strip()
            if MIN_WORDS <= len(tokenize(sentence)) <= MAX_WORDS:
                yield sentence
