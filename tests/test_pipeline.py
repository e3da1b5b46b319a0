from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

import pytest

from storycheck import analyze, nlp, read_one
from storycheck.analyzers import REGISTRY, resolve
from storycheck.annotation import Findings
from storycheck.doc import Doc
from storycheck.errors import AnalysisError, StorycheckError
from storycheck.model import Story, build_story
from storycheck.pipeline import Pipeline, analyze_many


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


def _without_timings(report: object) -> object:
    if isinstance(report, dict):
        return {k: _without_timings(v) for k, v in report.items() if k != "seconds"}
    if isinstance(report, list):
        return [_without_timings(v) for v in report]
    return report


def test_analyze_many_gives_each_story_the_report_analyze_gives(
    threaded_stories: list[Story], seed_path: Path
) -> None:
    stories = [*threaded_stories, read_one(seed_path)]
    many = list(analyze_many(stories, chunk=3))
    assert [r.story for r in many] == stories
    for story, report in zip(stories, many, strict=True):
        alone = analyze(story)
        assert _without_timings(report.to_dict()) == _without_timings(alone.to_dict())
    assert any(a.target != "story" for r in many for a in r.annotations)


def test_a_report_does_not_depend_on_the_stories_analysed_before_it(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same story in another outlet: the seed's title and every other paragraph. Its
    # sentences, embedded first, were once the vectors the seed's report was made from.
    seed = read_one(seed_path)
    retelling = replace(seed, id="retelling", paragraphs=seed.paragraphs[:1] + seed.body[1::2])
    # Each half starts with an empty process memo, as a process of its own would.
    monkeypatch.setattr(nlp, "_memo", OrderedDict())
    analyze(retelling)
    after = analyze(seed)
    monkeypatch.setattr(nlp, "_memo", OrderedDict())
    alone = analyze(seed)
    assert _without_timings(after.to_dict()) == _without_timings(alone.to_dict())


def test_a_failure_with_its_own_reason_keeps_its_code() -> None:
    limit = nlp.spacy_pipeline().max_length
    with pytest.raises(AnalysisError, match=r"E023\] the story's text is"):
        Pipeline(["sentences"])(build_story("s", "", ["x" * (limit + 1)]))


def test_a_story_not_in_english_is_reported_with_a_warning() -> None:
    story = replace(build_story("s", "", ["Kurz."]), language="de")
    report = Pipeline(["thread"])(story)
    assert report.story.warnings == (
        "the story is declared to be in 'de'; storycheck's models read English only",
    )
