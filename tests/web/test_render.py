"""What the analysed page adds to the HTML report: badges, legend colours, the chart."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from storycheck import analyze, read_one
from storycheck.annotation import Annotation
from storycheck.report.core import Report
from storycheck.report.html import MARK_CLASSES
from storycheck.web.render import page_context, reliability_chart, report_from_dict, thread_tree


@pytest.fixture(scope="module")
def seed_report(seed_path: Path) -> Report:
    return analyze(read_one(seed_path))


def test_a_stored_report_renders_as_the_report_it_was(seed_report):
    data = seed_report.to_dict()

    again = report_from_dict(data)

    assert again.to_dict() == data
    assert again.story.thread.children_of("c1") == seed_report.story.thread.children_of("c1")


def _badges(report: Report) -> dict[str, list[str]]:
    tree = lxml_html.fromstring(str(thread_tree(report)))
    return {
        li.get("id"): [b.text for b in li.find("div").find_class("badge")] for li in tree.iter("li")
    }


def test_every_finding_about_a_comment_is_a_badge_on_that_comment_only(seed_report):
    stance = Annotation("stance", "stance", "deny", "disputes the story's claim", "c2", score=0.81)
    incivility = Annotation("incivility", "incivility", "insult", "calls names", "c2")
    report = dataclasses.replace(
        seed_report, annotations=(*seed_report.annotations, stance, incivility)
    )

    before, after = _badges(seed_report), _badges(report)

    assert after["c2"] == [*before["c2"], "stance: deny 0.81", "incivility: insult"]
    assert {k: v for k, v in after.items() if k != "c2"} == {
        k: v for k, v in before.items() if k != "c2"
    }
    # The thread analyzer's structural findings are not judgements: no badge for them.
    assert not any(
        b.startswith(("comment:", "sentence:", "entity:")) for v in after.values() for b in v
    )


def test_a_new_kind_of_mark_gets_a_colour_and_a_place_in_the_legend(seed_report, monkeypatch):
    monkeypatch.setitem(MARK_CLASSES, "novelty", "novelty-mark")

    ctx = page_context(seed_report, "r1")

    assert "novelty-mark" in ctx["legend"]
    assert "novelty-mark" in ctx["mark_colours"]
    assert {"claim", "source", "hedge"}.isdisjoint(ctx["mark_colours"])
    assert len(set(ctx["mark_colours"].values())) == len(ctx["mark_colours"])
    assert set(ctx["chains"]) == {c["anchor"] for c in ctx["claims"]}


def test_the_reliability_chart_draws_one_bar_per_contribution():
    svg = reliability_chart(
        {
            "score": 42.0,
            "contributions": [
                {"signal": "claims_unnamed", "points": -6.0},
                {"signal": "evidence_shown", "points": 3.0},
                {"signal": "boosters_per_1000_words", "points": 0.0},
            ],
        }
    )
    assert svg is not None
    root = etree.fromstring(str(svg))
    rects = root.findall(".//rect")
    axis = float(root.find(".//line").get("x1"))
    negative, positive = rects
    assert float(negative.get("x")) + float(negative.get("width")) == pytest.approx(axis)
    assert float(positive.get("x")) == pytest.approx(axis)
    assert float(negative.get("width")) == pytest.approx(2 * float(positive.get("width")))
    assert "claims unnamed" in str(svg)


@pytest.mark.parametrize(
    "summary",
    [None, {}, {"score": 50.0}, {"contributions": [{"signal": "claims_unnamed", "points": 0.0}]}],
)
def test_no_chart_when_no_signal_moved_the_score(summary):
    assert reliability_chart(summary) is None
