from __future__ import annotations

from pathlib import Path

from storycheck.analyzers.persuasion import silver
from storycheck.analyzers.persuasion.features import tokenize


def test_lines_are_cut_after_a_full_stop_and_short_or_long_pieces_dropped() -> None:
    text = (
        'By Staff\nThe minister denied it. "We never paid them," she told reporters on Monday!'
        " Then what? " + "word " * 70
    )
    assert list(silver.split(text)) == [
        "The minister denied it.",
        '"We never paid them," she told reporters on Monday!',
    ]


def test_sentences_are_distinct_and_read_from_the_shared_news(datasets: Path) -> None:
    found = silver.sentences(datasets, limit=300)
    assert len(found) == 300
    assert len({s.text for s in found}) == 300
    assert all(silver.MIN_WORDS <= len(tokenize(s.text)) <= silver.MAX_WORDS for s in found)
    assert all(s.start == 0 and s.end == len(s.text) for s in found)
