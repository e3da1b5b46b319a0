"""The report as a self-contained HTML page: no script, no stylesheet fetched from anywhere."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from storycheck.annotation import Annotation
from storycheck.model import Paragraph, Thread
from storycheck.report.core import Report
from storycheck.report.text import comment_flags, unmeasured_reasons
from storycheck.report.words import counted

# CSS class per kind of finding; the stylesheet styles each class, the legend names it.
MARK_CLASSES = {
    "evidence": "claim",
    "source": "source",
    "hedge": "hedge",
    "booster": "booster",
    "fallacy": "fallacy",
    "technique": "technique",
}
# Filters report.html uses; the web page's environment, which extends the template, adds them too.
FILTERS = {"counted": counted}


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("storycheck.report", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    environment.filters.update(FILTERS)
    return environment


def to_html(report: Report) -> str:
    return _environment().get_template("report.html").render(context(report))


def context(report: Report) -> dict[str, Any]:
    """What report.html shows; the web page extends that template with the same context."""
    from storycheck import __version__

    story = report.story
    marks = [a for a in report.annotations if a.kind in MARK_CLASSES and a.target == "story"]
    meta = " · ".join(
        v for v in (story.outlet, story.published and story.published.isoformat(), story.url) if v
    )
    claims = report.of_kind("evidence")
    return {
        "version": __version__,
        "story": story,
        "meta": meta,
        "paragraphs": [{"kind": p.kind, "html": marked(p, marks)} for p in story.body],
        "claims": [
            {
                "text": story.text[c.start : c.end],
                "anchor": claim_anchor(c),
                **c.attrs,
                "status": c.label,
                "why": c.explanation,
            }
            for c in claims
            if c.start is not None and c.end is not None
        ],
        "factchecks": [
            {
                "text": story.text[f.start : f.end],
                "verdict": f.label,
                "match": f.attrs["matches"][0],
            }
            for f in report.of_kind("factcheck")
            if f.start is not None and f.end is not None and f.attrs.get("matches")
        ],
        "reliability": report.summaries.get("reliability"),
        "unmeasured": unmeasured_reasons(report.summaries.get("reliability") or {"unmeasured": []}),
        "evidence": report.summaries.get("evidence"),
        "persuasion": report.summaries.get("persuasion"),
        "top_entities": report.summaries.get("sentences", {}).get("top_entities", []),
        "comments": list(story.thread),
        "thread": report.summaries.get("thread"),
        "tree": _tree(
            story.thread,
            None,
            {a.target: a for a in report.of_kind("stance", None)},
            comment_flags(report),
        ),
    }


def claim_anchor(claim: Annotation) -> str:
    """The id of a claim's row in the claims table, which its marks in the story point to."""
    return f"claim-{claim.attrs['sentence']}"


def marked(paragraph: Paragraph, annotations: Sequence[Annotation]) -> Markup:
    """The paragraph as HTML, each stretch wrapped in one <span> naming every finding over it.

    Findings nest (a source inside a claim), so the text is cut at every
    boundary and each piece carries the classes of all findings covering it.
    """
    inside = [
        a
        for a in annotations
        if a.start is not None
        and a.end is not None
        and a.start < paragraph.end
        and a.end > paragraph.start
    ]
    cuts = sorted(
        {paragraph.start, paragraph.end}
        | {
            max(paragraph.start, min(paragraph.end, x))
            for a in inside
            for x in (a.start, a.end)
            if x is not None
        }
    )
    pieces: list[Markup] = []
    for left, right in itertools.pairwise(cuts):
        text = paragraph.text[left - paragraph.start : right - paragraph.start]
        covering = [
            a
            for a in inside
            if a.start is not None and a.end is not None and a.start <= left and right <= a.end
        ]
        if not covering:
            pieces.append(escape(text))
            continue
        classes = " ".join(sorted({MARK_CLASSES[a.kind] for a in covering}))
        title = "; ".join(a.label for a in covering)
        claim = next((claim_anchor(a) for a in covering if a.kind == "evidence"), None)
        ref = Markup(' data-claim="{}"').format(claim) if claim else Markup("")
        pieces.append(
            Markup('<span class="{}" title="{}"{}>{}</span>').format(classes, title, ref, text)
        )
    return Markup("").join(pieces)


def _tree(
    thread: Thread,
    parent: str | None,
    stances: dict[str, Annotation],
    flags: dict[str, list[Annotation]] | None = None,
) -> Markup:
    """Nested comments, each with its stance badge (label, confidence; the reason on hover)."""
    comments = thread.roots if parent is None else thread.children_of(parent)
    if not comments:
        return Markup("")
    items = []
    for c in comments:
        who = (
            Markup('<span class="author">{}</span>').format(c.author)
            if c.author
            else Markup('<span class="anonymous">anonymous</span>')
        )
        stance = stances.get(c.id)
        if stance is not None:
            who += Markup(' <span class="stance stance-{}" title="{}">{} {:.2f}</span>').format(
                stance.label, stance.explanation, stance.label, stance.score or 0.0
            )
        for flag in (flags or {}).get(c.id, []):
            score = "" if flag.score is None else f" {flag.score:.2f}"
            who += Markup(' <span class="flag flag-{}" title="{}">{}{}</span>').format(
                flag.kind, flag.explanation, flag.label.replace("_", " "), score
            )
        body = Markup("").join(Markup("<p>{}</p>").format(p.text) for p in c.paragraphs)
        items.append(
            Markup('<li class="comment" id="{}">{} {}{}</li>').format(
                c.id, who, body, _tree(thread, c.id, stances, flags)
            )
        )
    css = "thread" if parent is None else "replies"
    return Markup('<ul class="{}">{}</ul>').format(css, Markup("").join(items))
