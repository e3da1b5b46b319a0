"""The story model every reader returns and every analyzer reads.

A story is plain, typed and immutable once read. Offsets are kept twice:
``Paragraph.start`` places a paragraph inside the text an analyzer sees
(``Story.text`` or ``Comment.text``), ``Paragraph.source_start`` places it in the
original input, so an annotation found by an analyzer can be highlighted in the
file the user gave us. A paragraph's text is always a verbatim slice of its
source (when the reader had one), which makes that mapping a plain addition.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

PARAGRAPH_SEPARATOR = "\n\n"
STORY_TARGET = "story"

ParagraphKind = Literal["title", "heading", "text"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of text: the title, a sub-heading or a paragraph of prose."""

    text: str
    start: int
    kind: ParagraphKind = "text"
    source_start: int | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def join_paragraphs(
    texts: Sequence[tuple[str, ParagraphKind, int | None]],
) -> tuple[Paragraph, ...]:
    """Lay paragraphs end to end, blank line between, recording where each starts."""
    paragraphs: list[Paragraph] = []
    offset = 0
    for text, kind, source_start in texts:
        paragraphs.append(Paragraph(text, offset, kind, source_start))
        offset += len(text) + len(PARAGRAPH_SEPARATOR)
    return tuple(paragraphs)


def text_of(paragraphs: Sequence[Paragraph]) -> str:
    return PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs)


def to_source_offset(paragraphs: Sequence[Paragraph], offset: int) -> int | None:
    """Map an offset in the joined text back to the original input, if it has one."""
    for p in paragraphs:
        if p.start <= offset <= p.end:
            return None if p.source_start is None else p.source_start + offset - p.start
    return None


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A stretch of the original input (e.g. the author line of a comment)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment; ``author`` is None for anonymous comments."""

    id: str
    author: str | None
    paragraphs: tuple[Paragraph, ...]
    parent: str | None = None
    children: tuple[str, ...] = ()
    depth: int = 0
    published: str | None = None
    author_span: SourceSpan | None = None

    @property
    def text(self) -> str:
        return text_of(self.paragraphs)

    def source_offset(self, offset: int) -> int | None:
        return to_source_offset(self.paragraphs, offset)


@dataclass(frozen=True, slots=True)
class Thread:
    """The comment section, comments in reading order (a pre-order walk of the tree)."""

    comments: tuple[Comment, ...] = ()
    _index: Mapping[str, Comment] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {c.id: c for c in self.comments})

    def __len__(self) -> int:
        return len(self.comments)

    def __iter__(self) -> Iterator[Comment]:
        return iter(self.comments)

    def __getitem__(self, comment_id: str) -> Comment:
        return self._index[comment_id]

    @property
    def roots(self) -> tuple[Comment, ...]:
        return tuple(c for c in self.comments if c.parent is None)

    def children_of(self, comment_id: str) -> tuple[Comment, ...]:
        return tuple(self._index[c] for c in self._index[comment_id].children)

    @property
    def max_depth(self) -> int:
        return max((c.depth for c in self.comments), default=-1) + 1


@dataclass(frozen=True, slots=True)
class Story:
    """An article with its metadata and its comment thread.

    ``text`` (title, then paragraphs, blank line between) is what story-level
    analyzers read; their span offsets index into it.
    """

    id: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    thread: Thread = field(default_factory=Thread)
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str = "en"
    authors: tuple[str, ...] = ()
    source_format: str = "text"
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return text_of(self.paragraphs)

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """The paragraphs after the title: what the outlet wrote under it."""
        return tuple(p for p in self.paragraphs if p.kind != "title")

    def source_offset(self, offset: int) -> int | None:
        return to_source_offset(self.paragraphs, offset)


def build_story(story_id: str, title: str, body: Sequence[str], **metadata: Any) -> Story:
    """Make a story from plain strings, for readers whose input has no offsets to keep."""
    parts: list[tuple[str, ParagraphKind, int | None]] = []
    if title:
        parts.append((title, "title", None))
    parts.extend((p, "text", None) for p in body if p.strip())
    return Story(story_id, title, join_paragraphs(parts), **metadata)


def link_comments(
    flat: Sequence[tuple[str, str | None, tuple[Paragraph, ...], str | None]],
    published: Mapping[str, str] | None = None,
    author_spans: Mapping[str, SourceSpan] | None = None,
) -> Thread:
    """Build a thread from (id, author, paragraphs, parent id) in reading order.

    Children lists and depths are derived here, once, so no reader computes them
    its own way.
    """
    children: dict[str, list[str]] = {cid: [] for cid, *_ in flat}
    depth: dict[str, int] = {}
    for cid, _, _, parent in flat:
        if parent is not None:
            children[parent].append(cid)
        depth[cid] = 0 if parent is None else depth[parent] + 1
    return Thread(
        tuple(
            Comment(
                id=cid,
                author=author,
                paragraphs=paragraphs,
                parent=parent,
                children=tuple(children[cid]),
                depth=depth[cid],
                published=(published or {}).get(cid),
                author_span=(author_spans or {}).get(cid),
            )
            for cid, author, paragraphs, parent in flat
        )
    )
