from __future__ import annotations

from pathlib import Path

import pytest

from storycheck import analyze, read_one
from storycheck.profiles import PROFILES, analyzers_for


def test_seed_cues_without_parsing(seed_path: Path) -> None:
    report = analyze(read_one(seed_path), analyzers=["cues"])
    text = report.story.text
    found = {(a.label, text[a.start : a.end].lower()) for a in report.of_kind("cue")}
    assert {("hedge", "most likely"), ("hedge", "maybe")} <= found
    assert ("promise", "will be released") in found
    assert ("denial", "was a mistake") in found
    summary = report.summaries["cues"]
    assert summary["counts"]["hedge"] == 2
    assert summary["per_1000_words"]["hedge"] == pytest.approx(2000 / summary["words"], abs=0.01)


def test_fast_profile_needs_no_parse(seed_path: Path) -> None:
    report = analyze(read_one(seed_path), analyzers=analyzers_for("fast", None))
    assert [run.name for run in report.analyzers] == list(PROFILES["fast"] or ())
    assert not report.of_kind("sentence")


def test_an_explicit_list_wins_and_an_unknown_profile_is_refused() -> None:
    assert analyzers_for("fast", "thread, cues") == ("thread", "cues")
    with pytest.raises(ValueError, match="no profile named 'quick'"):
        analyzers_for("quick", None)
