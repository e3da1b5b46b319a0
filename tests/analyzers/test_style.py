from __future__ import annotations

from pathlib import Path

import pytest

from storycheck import analyze, read_one
from storycheck.analyzers.style import syllables_of
from storycheck.model import build_story


def test_the_seed_reads_fairly_difficult_by_flesch(seed_path: Path) -> None:
    report = analyze(read_one(seed_path), analyzers=["style"])
    [readability] = report.of_kind("readability")
    attrs = readability.attrs
    ease = 206.835 - 1.015 * attrs["words"] / attrs["sentences"]
    ease -= 84.6 * attrs["syllables"] / attrs["words"]
    assert attrs["reading_ease"] == pytest.approx(ease, abs=0.05)
    assert readability.score is None
    assert readability.label == "fairly difficult"
    assert report.summaries["style"]["reading_ease"] == attrs["reading_ease"]


def test_only_sentences_with_a_strong_feeling_are_emotive() -> None:
    story = build_story(
        "s",
        "",
        [
            "The council met on Tuesday to discuss the budget.",
            "This disgusting, evil scheme is a horrible betrayal of everyone.",
            "What a wonderful, brilliant and joyful day for the town!",
        ],
    )
    report = analyze(story, analyzers=["style"])
    tones = {story.text[a.start : a.end]: a.label for a in report.of_kind("tone")}
    assert tones == {
        "This disgusting, evil scheme is a horrible betrayal of everyone.": "negative",
        "What a wonderful, brilliant and joyful day for the town!": "positive",
    }
    assert report.summaries["style"]["emotive_sentences"] == 2


def test_a_simpler_text_reads_easier() -> None:
    plain = build_story("p", "", ["The dog ran. The cat sat. We went home."])
    words = "Governmental infrastructure modernisation necessitates considerable expenditure."
    dense = build_story("d", "", [words])
    [easy] = analyze(plain, analyzers=["style"]).of_kind("readability")
    [hard] = analyze(dense, analyzers=["style"]).of_kind("readability")
    assert easy.attrs["reading_ease"] > 90 > 0 > hard.attrs["reading_ease"]
    assert (easy.label, hard.label) == ("very easy", "very difficult")


@pytest.mark.parametrize(("word", "count"), [("the", 1), ("evidence", 3), ("accusation", 4)])
def test_syllables_come_from_hyphenation(word: str, count: int) -> None:
    assert syllables_of(word) == count
