"""The JSON form of a story, both ways.

One form serves as input (a user hands us a story as JSON) and as the
``story`` object a report embeds, so a report can be read back and analysed
again. ``report/schema.json`` defines it; input is validated against it, so a
malformed file is refused with the JSON path of what is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache
from typing import Any

from storycheck.errors import Problem, ReadError
from storycheck.model import (
    Comment,
    Paragraph,
    SourceSpan,
    Story,
    Thread,
    join_paragraphs,
    link_comments,
)
from storycheck.report.schema import load_schema


def story_to_dict(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "outlet": story.outlet,
        "url": story.url,
        "published": story.published.isoformat() if story.published else None,
        "language": story.language,
        "authors": list(story.authors),
        "source_format": story.source_format,
        "warnings": list(story.warnings),
        "paragraphs": [_paragraph_to_dict(p) for p in story.paragraphs],
        "thread": {"comments": [_comment_to_dict(c) for c in story.thread]},
    }


def story_from_dict(obj: Mapping[str, Any], doc_id: str) -> Story:
    """Build a story from its JSON form; a report's ``story`` object is accepted as is."""
    errors = sorted(_story_validator().iter_errors(obj), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise ReadError(doc_id, Problem.BAD_SCHEMA, detail=f"at {where}: {first.message}")
    published = obj.get("published")
    try:
        published_on = date.fromisoformat(published) if published else None
    except ValueError as exc:  # the schema names the format; the validator does not check it
        raise ReadError(doc_id, Problem.BAD_SCHEMA, detail=f"at published: {exc}") from exc
    return Story(
        id=obj.get("id") or doc_id,
        title=obj.get("title", ""),
        paragraphs=_paragraphs_from_list(_with_title(obj.get("title", ""), obj["paragraphs"])),
        thread=_thread_from_list(obj.get("thread", {}).get("comments", []), doc_id),
        outlet=obj.get("outlet"),
        url=obj.get("url"),
        published=published_on,
        language=obj.get("language", "en"),
        authors=tuple(obj.get("authors", ())),
        source_format=obj.get("source_format", "json"),
        warnings=tuple(obj.get("warnings", ())),
    )


def parse_json(content: str, doc_id: str) -> Iterator[Story | ReadError]:
    """Read a JSON document: a story, a report, or a list of either."""
    try:
        obj = json.loads(content)
    except json.JSONDecodeError as exc:
        yield ReadError(doc_id, Problem.BAD_JSON, detail=str(exc))
        return
    items = obj if isinstance(obj, list) else [obj]
    for n, item in enumerate(items):
        item_id = doc_id if len(items) == 1 else f"{doc_id}[{n}]"
        story = item.get("story", item) if isinstance(item, dict) else item
        try:
            yield story_from_dict(story, item_id)
        except ReadError as exc:
            yield exc


@cache
def _story_validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema()
    return Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/story"})


def _paragraph_to_dict(p: Paragraph) -> dict[str, Any]:
    return {"text": p.text, "start": p.start, "kind": p.kind, "source_start": p.source_start}


def _with_title(title: str, items: list[Any]) -> list[Any]:
    """A title given beside plain paragraphs is analysed as the story's first paragraph."""
    has_title = any(isinstance(p, Mapping) and p.get("kind") == "title" for p in items)
    return items if has_title or not title else [{"text": title, "kind": "title"}, *items]


def _paragraphs_from_list(items: list[str | Mapping[str, Any]]) -> tuple[Paragraph, ...]:
    """Offsets are recomputed, not trusted: a hand-written file may get them wrong."""
    return join_paragraphs(
        [
            (p, "text", None)
            if isinstance(p, str)
            else (p["text"], p.get("kind", "text"), p.get("source_start"))
            for p in items
        ]
    )


def _thread_from_list(items: list[Mapping[str, Any]], doc_id: str) -> Thread:
    """Children and depths are derived from the parents, so they cannot contradict them."""
    seen: set[str] = set()
    flat: list[tuple[str, str | None, tuple[Paragraph, ...], str | None]] = []
    spans: dict[str, SourceSpan] = {}
    published: dict[str, str] = {}
    for n, c in enumerate(items):
        parent = c.get("parent")
        if parent is not None and parent not in seen:
            raise ReadError(
                doc_id,
                Problem.BAD_SCHEMA,
                detail=f"at thread/comments/{n}: parent {parent!r} does not come before it",
            )
        seen.add(c["id"])
        flat.append((c["id"], c.get("author"), _paragraphs_from_list(c["paragraphs"]), parent))
        if c.get("author_span"):
            spans[c["id"]] = SourceSpan(*c["author_span"])
        if c.get("published"):
            published[c["id"]] = c["published"]
    return link_comments(flat, published=published, author_spans=spans)


def _comment_to_dict(c: Comment) -> dict[str, Any]:
    return {
        "id": c.id,
        "author": c.author,
        "parent": c.parent,
        "children": list(c.children),
        "depth": c.depth,
        "published": c.published,
        "author_span": [c.author_span.start, c.author_span.end] if c.author_span else None,
        "paragraphs": [_paragraph_to_dict(p) for p in c.paragraphs],
    }
