"""Headline labels, on headlines of the FNC-1 stances, the FakeNewsCorpus sample and PTC."""

from __future__ import annotations

import pytest

from storycheck import analyze
from storycheck.annotation import Annotation
from storycheck.model import build_story

# A body sentence that shares no words with the headlines, so none inherits its attribution.
BODY = "The weather stayed mild on Tuesday, residents said."


def headline_attribution(title: str) -> Annotation | None:
    report = analyze(build_story("s", title, [BODY]), analyzers=["sources"])
    return next((a for a in report.of_kind("attribution") if a.attrs["sentence"] == 0), None)


@pytest.mark.parametrize(
    ("title", "source", "anonymity", "direct"),
    [
        ("Report: Apple May Buy Social Network Path", "Report", "unnamed-official", False),
        ("Sources: Missing Afghan Soldiers May Have Been Found", "Sources", "anonymous", False),
        ("Analyst: Apple Watch Edition to Cost $950", "Analyst", "unnamed-official", False),
        (
            "CNBC: Tesla chooses Nevada for new battery factory plant",
            "CNBC",
            "named-organisation",
            False,
        ),
        (
            "Hungarian Prime Minister: ‘Christianity is Europe’s last hope’",
            "Hungarian Prime Minister",
            "unnamed-official",
            True,
        ),
        (
            "Michael Hayden: We Should Be 'Frightened' by Trump's Remarks",
            "Michael Hayden",
            "named-person",
            False,
        ),
        ("Apple to shut down Beats Music: Report", "Report", "unnamed-official", False),
        ("Tesla chooses Nevada for battery factory: Sources", "Sources", "anonymous", False),
        (
            "Debt-Driven Consumer Economy Breaking Down: Greg Weldon",
            "Greg Weldon",
            "named-person",
            False,
        ),
        # Outlets by the short names NER does not know.
        ("WaPo: Was Foley's killer a former Gitmo detainee?", "WaPo", "named-organisation", False),
        (
            "Hewlett-Packard Plans To Split Into Two Companies: WSJ Report",
            "WSJ Report",
            "named-organisation",
            False,
        ),
    ],
)
def test_a_headlines_label_names_who_says_it(
    title: str, source: str, anonymity: str, direct: bool
) -> None:
    found = headline_attribution(title)
    assert found is not None
    assert (found.attrs["source"]["display"], found.label, found.attrs["direct"]) == (
        source,
        anonymity,
        direct,
    )
    assert found.attrs["cue"]["text"] == ":" and found.attrs["inherited_from"] is None
    assert found.explanation.startswith(f"the headline's label attributes it to {source}")
    content_start, content_end = found.attrs["content"]
    assert title[content_start:content_end] not in {"", source}


@pytest.mark.parametrize(
    "title",
    [
        "BREAKING: Playboy Tycoon Hugh Hefner Passes Away at Age of 88",
        "SPECIAL REPORT: Pope Francis Accused of Inaction in Notorious Sex Abuse Case",
        "Joan Rivers: Doctor Took Selfie With Unconscious Comedian",
        "China: Wife chops off cheating husband's penis twice with scissors",
        "Steven Sotloff: Islamic State 'kills US hostage'",
        "Heads up oil traders: Big pipeline explosion reported in Saudi Arabia",
        "Crabzilla: Photo Appears To Show Giant, 50-Foot Crab Lurking In British Waters",
    ],
)
def test_a_rubric_or_a_topic_before_the_colon_is_no_source(title: str) -> None:
    assert headline_attribution(title) is None
