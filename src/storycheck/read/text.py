"""The plain-text shape of a story copied from a page, comments and all.

The shape (see ``examples/``): a title line, paragraphs separated by blank
lines, then a comment section in which a bullet opens a comment and the
bullet's indentation gives its reply depth. A bullet followed by a short line
that reads as a name carries the author, and the comment's text follows on
deeper-indented lines; a name and a colon opening the bullet's line carry it
too ("• Joe: Good riddance."); a bullet followed by prose opens an anonymous
comment.

Every paragraph is a verbatim slice of the input, so nothing is lost or
duplicated and every offset maps straight back to the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storycheck.errors import Problem, ReadError
from storycheck.model import (
    Paragraph,
    ParagraphKind,
    SourceSpan,
    Story,
    Thread,
    join_paragraphs,
    link_comments,
)

BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<bullet>[•●◦▪‣∙*+\-–])[ \t]+(?P<rest>\S.*)$")
# A comment that opens with its author's name and a colon, as forums and chat logs write them:
# "• Joe: Good riddance."
LABELLED = re.compile(r"^(?P<name>[^:]{1,60}):[ \t]+\S")
# Labels that open a comment in its writer's own voice, not an author's name.
COMMENT_LABELS = frozenset(
    {
        "update",
        "edit",
        "quote",
        "note",
        "fact",
        "facts",
        "ps",
        "p.s",
        "source",
        "sources",
        "re",
        "reply",
        "answer",
        "question",
        "correction",
        "summary",
        "fyi",
        "btw",
        "translation",
        "example",
        "warning",
        "spoiler",
        "breaking",
        "also",
        "agreed",
        "wrong",
        "true",
        "false",
        "wow",
        "exactly",
        "indeed",
        "absolutely",
        "seriously",
        "honestly",
        "lol",
        "yes",
        "no",
        "ok",
        "okay",
        "well",
        "so",
        "hmm",
        "sure",
        "nope",
        "yep",
        "yeah",
        "thanks",
        "sorry",
        "first",
        "second",
        "third",
        "finally",
        "meanwhile",
    }
)
# Name particles that may stand lower-case inside a personal name.
NAME_PARTICLES = frozenset(
    {
        "al",
        "bin",
        "ibn",
        "de",
        "del",
        "der",
        "di",
        "da",
        "du",
        "la",
        "le",
        "van",
        "von",
        "y",
        "el",
        "ben",
        "dos",
        "das",
    }
)
ANONYMOUS_NAMES = frozenset({"anonymous", "guest", "anon", "unknown"})
MAX_TITLE_CHARS = 300
MAX_HEADING_WORDS = 10
TAB_WIDTH = 4


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    start: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indent_chars(self) -> int:
        return len(self.text) - len(self.text.lstrip(" \t"))

    @property
    def indent(self) -> int:
        """Indentation in columns, tabs expanded, so mixed indentation compares right."""
        return len(self.text[: self.indent_chars].expandtabs(TAB_WIDTH))


def parse_text(text: str, doc_id: str) -> Story:
    """Read one story in the plain-text shape; raise ReadError if it holds no text."""
    lines = _lines(text)
    comments_at = _comment_section_start(lines)
    article = lines if comments_at is None else lines[:comments_at]
    blocks = _blocks(text, article)
    if not blocks:
        raise ReadError(doc_id, Problem.NO_TEXT, detail="only comments, no article")
    title_text = blocks[0][0]
    has_title = "\n" not in title_text and len(title_text) <= MAX_TITLE_CHARS and len(blocks) > 1
    parts: list[tuple[str, ParagraphKind, int | None]] = []
    for i, (block, start) in enumerate(blocks):
        kind: ParagraphKind = "text"
        if i == 0 and has_title:
            kind = "title"
        elif _reads_as_heading(block):
            kind = "heading"
        parts.append((block, kind, start))
    thread = Thread() if comments_at is None else _thread(text, lines[comments_at:])
    return Story(
        id=doc_id,
        title=title_text if has_title else "",
        paragraphs=join_paragraphs(parts),
        thread=thread,
        source_format="text",
    )


def _lines(text: str) -> list[Line]:
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append(Line(raw, offset))
        offset += len(raw) + 1
    return lines


def _comment_section_start(lines: Sequence[Line]) -> int | None:
    """Index of the first line of the comment section, if the text has one.

    It is the earliest bullet from which the rest of the text holds only
    bullets and lines indented deeper than the shallowest of those bullets: a
    bulleted list inside the article, followed by more article, does not
    qualify, while a thread always does.
    """
    bullet_rows = [i for i, line in enumerate(lines) if BULLET.match(line.text)]
    for first in bullet_rows:
        rest = lines[first:]
        base = min(line.indent for line in rest if BULLET.match(line.text))
        if all(line.blank or BULLET.match(line.text) or line.indent > base for line in rest):
            return first
    return None


def _blocks(text: str, lines: Sequence[Line]) -> list[tuple[str, int]]:
    """Runs of non-blank lines, each as (verbatim slice of the text, offset)."""
    blocks: list[tuple[str, int]] = []
    run: list[Line] = []
    for line in [*lines, Line("", -1)]:
        if not line.blank:
            run.append(line)
            continue
        if run:
            start = run[0].start + run[0].indent_chars
            end = run[-1].start + len(run[-1].text.rstrip())
            blocks.append((text[start:end], start))
            run = []
    return blocks


def _reads_as_heading(block: str) -> bool:
    words = block.split()
    return (
        "\n" not in block
        and 0 < len(words) <= MAX_HEADING_WORDS
        and block[-1] not in ".!?:;,\"'”’)"
        and block[0].isupper()
    )


def reads_as_name(line: str) -> bool:
    """Whether a bullet's line is a commenter's name rather than prose."""
    line = line.strip()
    words = line.split()
    if not words or len(line) > 60 or len(words) > 5 or re.search(r"[!?;:,\"“”]", line):
        return False
    if line.endswith(".") and not re.search(r"\b[A-Z]\.$", line):
        return False
    if len(words) == 1:
        return re.fullmatch(r"@?[\w.\-]+", line) is not None
    return all(
        w[0].isupper() or w[0] == "@" or w.lower().split("-")[0] in NAME_PARTICLES for w in words
    )


def _labels_an_author(label: str) -> bool:
    """ "Joe", "Maria Lindqvist", "harbour_watch99" before a colon name the comment's author;
    "Update", "Fact", "PS" label what follows."""
    return reads_as_name(label) and label.lower().rstrip(".") not in COMMENT_LABELS


def _thread(text: str, lines: Sequence[Line]) -> Thread:
    flat: list[tuple[str, str | None, tuple[Paragraph, ...], str | None]] = []
    author_spans: dict[str, SourceSpan] = {}
    stack: list[tuple[int, str]] = []
    bullet_rows = [i for i, line in enumerate(lines) if BULLET.match(line.text)]
    for n, row in enumerate(bullet_rows, start=1):
        line = lines[row]
        match = BULLET.match(line.text)
        assert match is not None
        next_row = bullet_rows[n] if n < len(bullet_rows) else len(lines)
        following = lines[row + 1 : next_row]
        rest_start = line.start + match.start("rest")
        rest = match.group("rest").rstrip()
        comment_id = f"c{n}"
        has_body = any(not ln.blank for ln in following)
        # The author's name, if the bullet gives one, and where on its line the comment starts
        # (None: on the lines below).
        name: str | None = None
        said: int | None = match.start("rest")
        labelled = LABELLED.match(rest)
        if has_body and reads_as_name(rest):
            name, said = rest, None
        elif labelled and _labels_an_author(labelled.group("name")):
            name, said = labelled.group("name"), match.start("rest") + labelled.end() - 1
        author = None if name is None or name.lower() in ANONYMOUS_NAMES else name
        if name is not None:
            author_spans[comment_id] = SourceSpan(rest_start, rest_start + len(name))
        opening = [] if said is None else [Line(" " * said + line.text[said:], line.start)]
        body = _blocks(text, [*opening, *following])
        while stack and stack[-1][0] >= line.indent:
            stack.pop()
        parent = stack[-1][1] if stack else None
        stack.append((line.indent, comment_id))
        paragraphs = join_paragraphs([(b, "text", start) for b, start in body])
        flat.append((comment_id, author, paragraphs, parent))
    return link_comments(flat, author_spans=author_spans)
