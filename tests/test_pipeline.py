from __future__ import annotations

from pathlib import Path

import pytest

from storycheck import analyze, read_one
from storycheck.analyzers import REGISTRY, resolve
from storycheck.annotation import Findings
from storycheck.doc import Doc
from storycheck.errors import AnalysisError, StorycheckError
from storycheck.model import build_story
from storycheck.pipeline import Pipeline


def test_analyze_runs_every_registered_analyzer(seed_path: Path) -> None:
    report = analyze(read_one(seed_path))
    assert [run.name for run in report.analyzers] == resolve()
    assert set(report.summaries) == set(REGISTRY)


def test_a_chosen_analyzer_runs_alone() -> None:
    report = analyze(build_story("s", "Title", ["Some text."]), analyzers=["thread"])
    assert [run.name for run in report.analyzers] == ["thread"]
    assert report.summaries["thread"]["comments"] == 0


def test_unknown_analyzer_is_named_in_the_error() -> None:
    with pytest.raises(StorycheckError, match=r"E021.*'nope'"):
        Pipeline(["nope"])


def test_a_failing_analyzer_is_reported_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        name = "broken"
        version = "0"
        requires = ("thread",)
        description = "always fails"

        def __call__(self, doc: Doc) -> Findings:
            raise ValueError("boom")

    monkeypatch.setitem(REGISTRY, "broken", Broken)
    assert resolve(["broken"]) == ["thread", "broken"]
    with pytest.raises(AnalysisError, match=r"E020.*broken.*ValueError: boom"):
        Pipeline(["broken"])(build_story("s", "T", ["x"]))
