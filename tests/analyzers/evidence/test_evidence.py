from __future__ import annotations

from pathlib import Path

import pytest

from storycheck import analyze, read_one
from storycheck.analyzers.evidence import Evidence
from storycheck.analyzers.sources import Sources
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc
from storycheck.model import build_story

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "harbour-closure.txt"


def every_sentence_a_claim(path: Path) -> Findings:
    """Evidence over every sentence, as if the claims analyzer had flagged them all."""
    doc = Doc(read_one(path))
    doc.annotations.extend(Sources()(doc).annotations)
    doc.annotations.extend(
        Annotation("claims", "claim", "statement of fact", "test", start=s.start, end=s.end)
        for s in doc.sentences()
    )
    return Evidence()(doc)


def verdicts(findings: Findings) -> dict[int, Annotation]:
    return {a.attrs["sentence"]: a for a in findings.annotations if a.kind == "evidence"}


def test_seed_headline_evidence_is_promised_not_shown(seed_path: Path) -> None:
    report = analyze(read_one(seed_path), analyzers=["evidence"])
    [headline] = [a for a in report.of_kind("evidence") if a.attrs["sentence"] == 0]
    assert headline.label == "promised"
    assert headline.attrs["anonymity"] == "unnamed-official"
    assert headline.attrs["hands"] >= 3
    assert headline.attrs["promised_by"] == [8]
    assert 11 in headline.attrs["disputed_by"]
    assert "more details will be released later" in headline.explanation


@pytest.fixture(scope="module")
def seed_all(seed_path: Path) -> dict[int, Annotation]:
    return verdicts(every_sentence_a_claim(seed_path))


def test_seed_denial_by_another_source_disputes(seed_all: dict[int, Annotation]) -> None:
    assert seed_all[3].label == "disputed"
    assert seed_all[3].attrs["disputed_by"] == [4]
    assert seed_all[3].attrs["voice"] == "own"


def test_seed_named_sources_are_cited(seed_all: dict[int, Annotation]) -> None:
    assert seed_all[9].label == "cited"
    assert seed_all[9].attrs["source"] == "Walid al-Muallem (Syrian Foreign Minister)"
    assert seed_all[7].label == "cited"


def test_seed_hedges_are_marked(seed_path: Path) -> None:
    findings = every_sentence_a_claim(seed_path)
    hedges = {a.label for a in findings.annotations if a.kind == "hedge"}
    assert {"most likely", "maybe"} <= hedges


@pytest.fixture(scope="module")
def example_all() -> dict[int, Annotation]:
    return verdicts(every_sentence_a_claim(EXAMPLE))


def test_example_statuses(example_all: dict[int, Annotation]) -> None:
    assert example_all[1].label == "promised"
    assert example_all[3].label == "disputed" and example_all[3].attrs["disputed_by"] == [4]
    assert example_all[6].label == "asserted" and example_all[6].attrs["source_class"] == "unnamed"
    assert example_all[8].label == "asserted" and example_all[8].attrs["hedges"] == [
        "it is believed"
    ]
    assert example_all[7].label == "cited"


def test_shown_evidence_wins() -> None:
    story = build_story(
        "s",
        "Council Spent Twice Its Budget",
        [
            "The council spent twice its budget, its treasurer Anna Berg said. "
            "See the full document at https://example.org/budget.pdf for the figures."
        ],
    )
    report = analyze(story, analyzers=["evidence"])
    [headline] = report.of_kind("evidence")
    # The headline restates the first sentence, whose paragraph links the document.
    assert headline.label == "shown" and headline.attrs["shown_by"] == [2]
    assert headline.attrs["source"] == "Anna Berg (treasurer)"
    doc = Doc(story)
    doc.annotations.extend(Sources()(doc).annotations)
    first = doc.sentences()[1]
    doc.annotations.append(
        Annotation("claims", "claim", "quantity", "t", start=first.start, end=first.end)
    )
    shown = verdicts(Evidence()(doc))[1]
    assert shown.label == "shown" and shown.attrs["shown_by"] == [2]


def test_may_the_month_is_not_a_hedge() -> None:
    story = build_story("s", "", ["The law passed in May. Prices may rise."])
    findings = Evidence()(Doc(story))
    assert [a.label for a in findings.annotations if a.kind == "hedge"] == ["may"]


def test_a_denial_of_this_disputes_only_the_sentence_before(
    example_all: dict[int, Annotation],
) -> None:
    # Sentence 4, "The port authority denied this", answers the workers (3), not Reyes (2).
    assert example_all[3].attrs["disputed_by"] == [4]
    assert 4 not in example_all[2].attrs["disputed_by"]
    assert example_all[2].label == "cited"


def test_a_headline_is_shown_by_the_paragraph_of_the_sentence_it_restates() -> None:
    story = build_story(
        "s",
        "Minister Hid Safety Report",
        [
            "The minister hid a safety report for two years, according to documents seen by "
            "this newspaper.",
            "The opposition leader, Maria Lopez, said the minister must resign.",
        ],
    )
    report = analyze(story, analyzers=["evidence"])
    headline = next(a for a in report.of_kind("evidence") if a.attrs["sentence"] == 0)
    assert headline.label == "shown" and headline.attrs["shown_by"] == [1]
