"""The analysed page: the HTML report's context, plus what a browser adds to it.

The story, its marks and the claims table come from ``report.html.context``;
this adds what only the interactive page shows: the thread with a badge for
every finding about a comment, a legend for whatever mark kinds exist, the
reliability chart, and the claims' chains as data for the script that opens
them. Findings are shown generically (kind, label, score), so an analyzer
added later shows up without a change here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from markupsafe import Markup

from storycheck.annotation import Annotation
from storycheck.model import Thread
from storycheck.read.storyjson import story_from_dict
from storycheck.report.core import AnalyzerRun, Report
from storycheck.report.html import MARK_CLASSES, context, marked

# Kinds that describe a comment's structure or language, not a judgement about it.
STRUCTURAL_KINDS = frozenset({"comment", "sentence", "entity"})
PALETTE = ("#e3d4f5", "#d4f5dc", "#f5e0d4", "#d4e4f5", "#f5d4ec", "#e8f5d4", "#f0f0c8")
_CSS_CLASS = re.compile(r"^[a-z][a-z0-9-]*$")


def report_from_dict(data: Mapping[str, Any]) -> Report:
    """A stored report back as the object the renderers take."""
    story = story_from_dict(data["story"], str(data["story"].get("id", "report")))
    annotations = tuple(
        Annotation(
            analyzer=a["analyzer"],
            kind=a["kind"],
            label=a["label"],
            explanation=a.get("explanation", ""),
            target=a.get("target", "story"),
            start=a.get("start"),
            end=a.get("end"),
            score=a.get("score"),
            attrs=a.get("attrs") or {},
        )
        for a in data.get("annotations", [])
    )
    runs = tuple(
        AnalyzerRun(r["name"], r["version"], r.get("seconds", 0.0))
        for r in data.get("analyzers", [])
    )
    return Report(story, annotations, dict(data.get("summaries", {})), runs)


@cache
def styled_classes() -> frozenset[str]:
    """Classes report.html's stylesheet styles; a mark class it does not gets a colour here."""
    page = files("storycheck.report").joinpath("templates/report.html").read_text("utf-8")
    style = page.split("<style>", 1)[-1].split("</style>", 1)[0]
    return frozenset(re.findall(r"\.([a-z][a-z0-9-]*)", style))


def page_context(report: Report, report_id: str) -> dict[str, Any]:
    ctx = context(report)
    legend = sorted(set(MARK_CLASSES.values()))
    extra = [c for c in legend if c not in styled_classes() and _CSS_CLASS.match(c)]
    ctx.update(
        report_id=report_id,
        legend=legend,
        mark_colours={c: PALETTE[n % len(PALETTE)] for n, c in enumerate(extra)},
        web_tree=thread_tree(report),
        chains={c["anchor"]: _chain_data(c) for c in ctx["claims"]},
        reliability_svg=reliability_chart(report.summaries.get("reliability")),
    )
    return ctx


def _chain_data(claim: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "text": claim["text"],
        "status": claim["status"],
        "why": claim["why"],
        "anonymity": claim.get("anonymity"),
        "chain": [
            {"who": link.get("who"), "how": link.get("how"), "anonymity": link.get("anonymity")}
            for link in claim.get("chain", [])
        ],
    }


def thread_tree(report: Report) -> Markup:
    """The comment thread as nested lists, each comment with its findings as badges."""
    by_target: dict[str, list[Annotation]] = {}
    for a in report.annotations:
        if a.target != "story":
            by_target.setdefault(a.target, []).append(a)
    return _subtree(report.story.thread, None, by_target)


def _subtree(thread: Thread, parent: str | None, found: Mapping[str, list[Annotation]]) -> Markup:
    comments = thread.roots if parent is None else thread.children_of(parent)
    if not comments:
        return Markup("")
    items = []
    for c in comments:
        mine = found.get(c.id, [])
        who = (
            Markup('<span class="author">{}</span>').format(c.author)
            if c.author
            else Markup('<span class="anonymous">anonymous</span>')
        )
        marks = [a for a in mine if a.kind in MARK_CLASSES]
        body = Markup("").join(Markup("<p>{}</p>").format(marked(p, marks)) for p in c.paragraphs)
        items.append(
            Markup('<li class="comment" id="{}"><div class="head">{} {}</div>{}{}</li>').format(
                c.id, who, badges(mine), body, _subtree(thread, c.id, found)
            )
        )
    css = "thread" if parent is None else "replies"
    return Markup('<ul class="{}">{}</ul>').format(css, Markup("").join(items))


def badges(annotations: Sequence[Annotation]) -> Markup:
    """One badge per finding about a comment: its kind, label and score, explained on hover."""
    shown = [a for a in annotations if a.kind not in STRUCTURAL_KINDS]
    return Markup("").join(
        Markup('<span class="badge badge-{}" title="{}">{}: {}{}</span>').format(
            a.kind if _CSS_CLASS.match(a.kind) else "other",
            a.explanation,
            a.kind,
            a.label,
            f" {a.score:.2f}" if a.score is not None else "",
        )
        for a in shown
    )


def reliability_chart(summary: Mapping[str, Any] | None) -> Markup | None:
    """The points each signal gave the reliability score, as a horizontal bar chart in SVG.

    Reads the ``reliability`` summary's ``contributions`` (objects with
    ``signal`` and ``points``, docs/report-schema.md); signals that moved the
    score by nothing get no bar, and points above zero go right of the axis.
    """
    if not summary:
        return None
    bars = _contributions(summary.get("contributions"))
    if not bars:
        return None
    width, label_w, row_h = 640, 220, 26
    half = (width - label_w - 20) / 2
    axis = label_w + half
    biggest = max(abs(v) for _, v in bars) or 1.0
    rows = []
    for n, (name, value) in enumerate(bars):
        y = 10 + n * row_h
        length = abs(value) / biggest * (half - 40)
        x = axis if value >= 0 else axis - length
        colour = "#2f7d32" if value >= 0 else "#b3261e"
        text_x = axis + length + 4 if value >= 0 else axis - length - 4
        anchor = "start" if value >= 0 else "end"
        rows.append(
            Markup(
                "<g><title>{name}: {value:+.3f}</title>"
                '<text x="{lx}" y="{ty}" text-anchor="end">{name}</text>'
                '<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}" fill="{c}"/>'
                '<text x="{vx:.1f}" y="{ty}" text-anchor="{a}">{value:+.2f}</text></g>'
            ).format(
                name=name,
                value=value,
                lx=label_w - 8,
                ty=y + 15,
                x=x,
                y=y + 3,
                w=max(length, 1.0),
                h=row_h - 8,
                c=colour,
                vx=text_x,
                a=anchor,
            )
        )
    height = 20 + len(bars) * row_h
    return Markup(
        '<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'aria-label="contributions to the reliability score" font-size="13">'
        '<line x1="{a}" y1="4" x2="{a}" y2="{h2}" stroke="#888"/>{rows}</svg>'
    ).format(w=width, h=height, a=axis, h2=height - 4, rows=Markup("").join(rows))


def _contributions(raw: Any) -> list[tuple[str, float]]:
    if not isinstance(raw, list):
        return []
    return [
        (str(item["signal"]).replace("_", " "), float(item["points"]))
        for item in raw
        if isinstance(item, Mapping) and item.get("points")
    ]
