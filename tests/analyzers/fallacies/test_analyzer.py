from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from storycheck.annotation import Annotation
from storycheck.pipeline import Pipeline
from storycheck.read import read
from storycheck.report.core import Report
from storycheck.report.html import to_html
from storycheck.report.text import render


@pytest.fixture(scope="module")
def report(seed_path: Path) -> Report:
    story = next(iter(read(str(seed_path))))
    assert not isinstance(story, Exception)
    return Pipeline(["sources", "fallacies"])(story)


def _fallacies(report: Report) -> list[Annotation]:
    return report.of_kind("fallacy", None)


def test_smoke_and_fire_surfaces_in_the_story(report: Report) -> None:
    story = [a for a in _fallacies(report) if a.target == "story"]
    smoke = [a for a in story if a.attrs["cue"] == "smoke and fire"]
    assert len(smoke) == 1
    assert smoke[0].label == "false causality"
    start, end = smoke[0].start, smoke[0].end
    assert start is not None and end is not None
    assert report.story.text[start:end] == "where there’s smoke, there is fire"


def test_reported_speech_and_plain_reports_are_left_alone(report: Report) -> None:
    text = report.story.text
    for a in _fallacies(report):
        if a.target == "story" and a.start is not None:
            assert "said" not in text[a.start : a.end]
            assert "bombarded" not in text[a.start : a.end]


def test_whataboutism_surfaces_in_the_comments(report: Report) -> None:
    relevance = {a.target for a in _fallacies(report) if a.label == "fallacy of relevance"}
    assert {"c2", "c4"} <= relevance
    # c5 only quotes c2's "let's not forget" to ask for evidence.
    assert "c5" not in relevance
    summary = report.summaries["fallacies"]
    assert summary["comments"] == 6
    assert summary["by_cue"] >= 3


def test_reports_show_each_comments_fallacy(report: Report) -> None:
    console = Console(width=200, record=True, color_system=None)
    console.print(render(report))
    out = console.export_text()
    assert "‹fallacy of relevance: whataboutism (tu quoque)›" in out
    page = to_html(report)
    assert 'class="flag flag-fallacy"' in page
    assert '<span class="fallacy" title="false causality">where there’s smoke' in page
