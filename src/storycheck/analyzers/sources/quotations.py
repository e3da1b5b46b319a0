"""Which sentences lie inside one quotation, so that a speaker named once speaks for all of it.

'"I absolutely spoke to the president. But it was not off the record," Wolff said': the
first sentence has no cue of its own, yet it is Wolff's as much as the second. A quotation
opened in one paragraph and taken up by an opening mark at the start of the next is the same
quotation (the press convention for a quote that runs over paragraphs). British papers quote
with single marks ("Miss Smith said: 'I thought I may as well tell them.'"), which are also
apostrophes; ``marked`` tells the two apart and writes the quotation marks as double ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = '"'
# Marks that can open or close a quotation, the straight one being either.
OPENING_MARKS = OPENING | {STRAIGHT}
CLOSING_MARKS = CLOSING | {STRAIGHT}
# Every double quotation mark, the straight one included.
MARKS = OPENING_MARKS | CLOSING
# A "quotation" longer than this is unbalanced marks, not a quotation.
MAX_SENTENCES = 8
# Paragraphs without an opening mark that a quotation may run over, its closing mark in the last.
MAX_CARRIED = 3
SINGLE_OPENING = frozenset("‘'")
SINGLE_CLOSING = frozenset("’'")
# "the '90s": an apostrophe before a decade.
_DECADE = re.compile(r"['’]\d0s\b")


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive sentences, ``first`` to ``last``, that lie in one quotation."""

    first: int
    last: int
    # The first sentence opens with the quotation mark: it is quoted words from its first word.
    whole_first: bool
    # The sentences that hold quoted words; not '"' alone, nor '"\nThis is…', which the
    # parser began with the closing mark of the quotation before it.
    quoting: tuple[int, ...]

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and self.first <= index <= self.last


def runs(texts: Sequence[str], paragraph_starts: Sequence[bool]) -> list[Run]:
    """The quotations that hold at least one whole sentence or run over a sentence boundary."""
    found: list[Run] = []
    depth = 0
    first: int | None = None
    whole = False
    quoting: list[int] = []
    for index, (raw, starts_paragraph) in enumerate(zip(texts, paragraph_starts, strict=True)):
        text = raw.strip()
        opens_with_mark = text[:1] in OPENING_MARKS
        if depth > 0 and starts_paragraph and opens_with_mark:
            text = text[1:]
        elif depth == 0:
            first, whole, quoting = index, opens_with_mark, []
        depth, words = depth_after(text, depth)
        if first == index and depth == 0:
            # '"Hope" was the slogan' opens with a mark but is not quoted words throughout.
            whole = whole and _closes_at_end(text)
        if first is None:
            continue
        if words:
            quoting.append(index)
        if depth == 0 and (whole or first < index):
            found.append(Run(first, index, whole, tuple(quoting)))
        if depth == 0 or index - first >= MAX_SENTENCES:
            depth, first = 0, None
    return found


def carried(paragraphs: Sequence[str]) -> list[bool]:
    """For each paragraph, whether a quotation opened before it is still open at its start.

    Writers who break a quoted tweet or speech into lines often leave out the press
    convention's opening mark on each new one ('“I have nothing to prove.' / 'People can
    believe it or not.' / 'I affirmed it,” she wrote'). A paragraph counts as inside only
    when the first mark after the open one is a curly closing mark, at most
    ``MAX_CARRIED`` paragraphs on: a stray or straight mark never swallows what follows.
    """
    inside = [False] * len(paragraphs)
    depth = 0
    for index, text in enumerate(paragraphs):
        stripped = text.strip()
        if depth > 0 and stripped[:1] not in OPENING_MARKS and _closed_later(paragraphs, index):
            inside[index] = True
        else:
            depth = 0
        depth, _ = depth_after(stripped, depth)
    return inside


def _closed_later(paragraphs: Sequence[str], start: int) -> bool:
    """Whether the first quotation mark from paragraph ``start`` on closes a curly quotation."""
    for text in paragraphs[start : start + MAX_CARRIED]:
        mark = next((c for c in text if c in MARKS), None)
        if mark is not None:
            return mark in CLOSING
    return False


def _closes_at_end(text: str) -> bool:
    last = max((i for i, char in enumerate(text) if char in MARKS), default=-1)
    return not any(char.isalnum() for char in text[last + 1 :])


def depth_after(text: str, depth: int) -> tuple[int, bool]:
    """The quotation depth after ``text``, and whether any letter or digit lay inside one.

    A straight mark closes whatever quotation is open, curly or not ('“…," she said'),
    and opens one otherwise."""
    words = False
    for char in text:
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(depth - 1, 0)
        elif char == STRAIGHT:
            depth = 0 if depth > 0 else 1
        elif depth > 0 and char.isalnum():
            words = True
    return depth, words


def marked(text: str) -> str:
    """The text with its single quotation marks written as double ones, at the same offsets.

    A single mark opens a quotation after a space, a bracket or a double mark and before a
    letter, a digit or another mark ("said: 'I", "‘We"), and closes an open one after a
    non-space and before what cannot go on a word ("wrong.'", "fire’ shouted"); the same
    characters inside words ("don't", "Smith’s"), before a decade ("the '90s") or after a
    word with no single quotation open ("students' union") are apostrophes. A mark still
    open at the end of its line stays as written: a quotation in single marks that runs over
    lines cannot be told from a stray apostrophe, and taken for one it would swallow the
    speaker named after it on a later line ("'He ordered drills.\n'They were crawling,' the
    source told Reuters").
    """
    chars = list(text)
    opened: list[int] = []
    for i, char in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if char == "\n":
            for unclosed in opened:
                chars[unclosed] = text[unclosed]
            opened = []
        elif (
            char in SINGLE_OPENING
            and (before.isspace() or before in "([" or before in OPENING_MARKS)
            and (after.isalnum() or after in OPENING_MARKS)
            and not _DECADE.match(text, i)
        ):
            chars[i] = "“"
            opened.append(i)
        elif (
            char in SINGLE_CLOSING
            and opened
            and not before.isspace()
            and not (after.isalnum() or after in "'’")
        ):
            chars[i] = "”"
            opened.pop()
    for unclosed in opened:
        chars[unclosed] = text[unclosed]
    return "".join(chars)
