"""The report as a self-contained HTML page: no script, no stylesheet fetched from anywhere."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from storycheck.annotation import Annotation
from storycheck.model import Paragraph, Thread
from storycheck.report.core import Report

# CSS class per kind of finding; the stylesheet styles each class, the legend names it.
MARK_CLASSES = {"evidence": "claim", "source": "source", "hedge": "hedge", "booster": "booster"}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("storycheck.report", "templates"),
        autoescape=select_autoescape(["html"]),
    )


def to_html(report: Report) -> str:
    from storycheck import __version__

    story = report.story
    marks = [a for a in report.annotations if a.kind in MARK_CLASSES and a.target == "story"]
    meta = " · ".join(
        v for v in (story.outlet, story.published and story.published.isoformat(), story.url) if v
    )
    claims = report.of_kind("evidence")
    return (
        _environment()
        .get_template("report.html")
        .render(
            version=__version__,
            story=story,
            meta=meta,
            paragraphs=[{"kind": p.kind, "html": marked(p, marks)} for p in story.body],
            claims=[
                {
                    "text": story.text[c.start : c.end],
                    "anchor": f"claim-{c.attrs['sentence']}",
                    **c.attrs,
                    "status": c.label,
                    "why": c.explanation,
                }
                for c in claims
                if c.start is not None and c.end is not None
            ],
            evidence=report.summaries.get("evidence"),
            top_entities=report.summaries.get("sentences", {}).get("top_entities", []),
            comments=list(story.thread),
            thread=report.summaries.get("thread"),
            tree=_tree(story.thread, None),
        )
    )


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
        pieces.append(Markup('<span class="{}" title="{}">{}</span>').format(classes, title, text))
    return Markup("").join(pieces)


def _tree(thread: Thread, parent: str | None) -> Markup:
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
        body = Markup("").join(Markup("<p>{}</p>").format(p.text) for p in c.paragraphs)
        items.append(
            Markup('<li class="comment" id="{}">{} {}{}</li>').format(
                c.id, who, body, _tree(thread, c.id)
            )
        )
    css = "thread" if parent is None else "replies"
    return Markup('<ul class="{}">{}</ul>').format(css, Markup("").join(items))
