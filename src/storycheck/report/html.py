"""The report as a self-contained HTML page: no script, no stylesheet fetched from anywhere."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from storycheck.annotation import Annotation
from storycheck.model import Paragraph, Thread
from storycheck.report.core import Report

# CSS class per entity type; the stylesheet colours each class, the legend names it.
ENTITY_CLASSES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "place",
    "NORP": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "time",
    "TIME": "time",
}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("storycheck.report", "templates"),
        autoescape=select_autoescape(["html"]),
    )


def to_html(report: Report) -> str:
    from storycheck import __version__

    story = report.story
    entities = report.of_kind("entity")
    meta = " · ".join(
        v for v in (story.outlet, story.published and story.published.isoformat(), story.url) if v
    )
    return (
        _environment()
        .get_template("report.html")
        .render(
            version=__version__,
            story=story,
            meta=meta,
            paragraphs=[{"kind": p.kind, "html": marked(p, entities)} for p in story.body],
            top_entities=report.summaries.get("sentences", {}).get("top_entities", []),
            comments=list(story.thread),
            thread=report.summaries.get("thread"),
            tree=_tree(story.thread, None),
        )
    )


def marked(paragraph: Paragraph, annotations: Sequence[Annotation]) -> Markup:
    """The paragraph as HTML with non-overlapping annotations inside it wrapped in <mark>."""
    inside = sorted(
        (
            a
            for a in annotations
            if a.start is not None
            and a.end is not None
            and paragraph.start <= a.start
            and a.end <= paragraph.end
        ),
        key=lambda a: (a.start, a.end),
    )
    pieces: list[str] = []
    cursor = paragraph.start
    for a in inside:
        assert a.start is not None and a.end is not None
        if a.start < cursor:
            continue
        pieces.append(escape(paragraph.text[cursor - paragraph.start : a.start - paragraph.start]))
        css = ENTITY_CLASSES.get(a.label, "other")
        text = escape(paragraph.text[a.start - paragraph.start : a.end - paragraph.start])
        pieces.append(Markup('<mark class="{}" title="{}">{}</mark>').format(css, a.label, text))
        cursor = a.end
    pieces.append(escape(paragraph.text[cursor - paragraph.start :]))
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
