from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from storycheck.analyzers.persuasion import TECHNIQUE_NAMES, Persuasion
from storycheck.annotation import Findings
from storycheck.doc import Doc
from storycheck.read import read_one


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> tuple[Doc, Findings]:
    doc = Doc(read_one(seed_path))
    return doc, Persuasion()(doc)


def _found(doc: Doc, findings: Findings) -> dict[str, str]:
    text = doc.text_of("story")
    return {text[a.start : a.end]: a.label for a in findings.annotations if a.start is not None}


@pytest.mark.slow
def test_seed_techniques_a_reader_sees_are_flagged(seed: tuple[Doc, Findings]) -> None:
    doc, findings = seed
    found = _found(doc, findings)
    # The proverb that stands in for the missing evidence, and the writer's own verdict.
    [smoke] = [span for span in found if "smoke" in span]
    assert found[smoke] == "thought-terminating cliché"
    [verdict] = [span for span in found if "disappointment" in span]
    assert found[verdict] == "loaded language"
    # Plain reporting of who said what is left alone.
    assert not any("Australia, Britain and Denmark" in span for span in found)


@pytest.mark.slow
def test_annotations_are_explained_and_summarised(seed: tuple[Doc, Findings]) -> None:
    _doc, findings = seed
    spans = sorted((a.start or 0, a.end or 0) for a in findings.annotations)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))
    for a in findings.annotations:
        assert a.kind == "technique" and a.label in TECHNIQUE_NAMES.values()
        assert a.target == "story"
        assert a.score is not None and 0 < a.score <= 1
        assert a.label in a.explanation
        assert a.attrs["technique"] in TECHNIQUE_NAMES
        assert len(a.attrs["alternatives"]) == 3
    summary = findings.summary
    assert summary["spans"] == len(findings.annotations)
    assert sum(v["count"] for v in summary["by_technique"].values()) == summary["spans"]
    words = summary["words"]
    for value in summary["by_technique"].values():
        assert value["per_1000_words"] == pytest.approx(value["count"] * 1000 / words, abs=0.01)


@pytest.mark.slow
def test_reports_highlight_techniques_with_a_legend(seed_path: Path) -> None:
    from rich.console import Console

    from storycheck import analyze
    from storycheck.report.html import to_html
    from storycheck.report.text import render

    report = analyze(read_one(seed_path), ["persuasion"])
    console = Console(width=160, record=True, color_system=None)
    console.print(render(report))
    out = console.export_text()
    assert "persuasion technique" in out
    assert "thought-terminating cliché 1" in out
    page = to_html(report)
    assert '<span class="technique">persuasion technique</span>' in page
    assert re.search(r'title="loaded language">[^<]*a disappointment</span>', page)
