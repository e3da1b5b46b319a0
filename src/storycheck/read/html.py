"""A saved web page: the article through trafilatura, the comment thread through lxml.

Trafilatura is good at finding the article in a page full of menus and
widgets, but it hands comments back as flat text, with no authors and no
reply tree. So the page is parsed once with lxml, the comment sections are
read from that tree by the rules in ``COMMENT_MARKUPS`` and cut out of it, and
only then does trafilatura see the page: comment text cannot leak into the
article, and a commenter cannot be taken for the article's author.

Offsets into the page are not kept (``source_start`` is None): lxml does not
record where an element starts, and the text of a page is not a verbatim
slice of its markup anyway (entities, collapsed whitespace).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Document

from storycheck.errors import Problem, ReadError
from storycheck.model import (
    ParagraphKind,
    Story,
    Thread,
    join_paragraphs,
    link_comments,
)
from storycheck.read.text import ANONYMOUS_NAMES

DEFAULT_LANGUAGE = "en"
SOURCE_FORMAT = "html"

# A declaration naming an encoding makes lxml refuse a str; the page was
# already decoded by the caller, so the declaration is only in the way.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
LANGUAGE_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_]|\s*$)")
EXSLT_REGEX = "http://exslt.org/regular-expressions"

# Elements that hold one paragraph of a comment; a block holding other blocks
# (a blockquote of paragraphs) is read through them instead.
COMMENT_BLOCKS = frozenset(
    {"p", "blockquote", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt"}
)
# Elements whose text a reader never sees.
HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript"})
# Line breaks: "a<br>b" is two words, not "ab". ``lb`` is trafilatura's <br>.
BREAK_TAGS = frozenset({"br", "lb"})
# Trafilatura's block elements: one holding any of them is read through them.
ARTICLE_BLOCKS = frozenset({"p", "head", "list", "table", "quote", "code", "div"})


def _has_class(*names: str) -> str:
    """An XPath test for whole class tokens: 'comment' must not match 'comments-area'."""
    return " or ".join(
        f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in names
    )


@dataclass(frozen=True, slots=True)
class CommentMarkup:
    """Where one comment system puts its thread, as XPath expressions.

    ``sections`` finds each comment section in the page; it is cut out before
    the article is extracted. ``comments`` finds, from a section, every
    comment in it at any depth: a comment replies to the nearest comment it is
    nested in, so no system needs its own rule for reply lists. ``author``,
    ``body`` and ``date`` are tried in order from a comment, and the first that
    finds something inside that comment (not inside one of its replies) wins.
    """

    sections: str
    comments: str
    author: tuple[str, ...]
    body: tuple[str, ...]
    date: tuple[str, ...]


WORDPRESS = CommentMarkup(
    sections=f"//*[self::ol or self::ul][{_has_class('commentlist', 'comment-list')}]",
    # Pingbacks and trackbacks share the list but are not comments.
    comments=f".//li[{_has_class('comment')}]",
    author=(
        f".//*[{_has_class('comment-author')}]//*[{_has_class('fn')}]",
        f".//cite[{_has_class('fn')}]",
    ),
    body=(
        f".//*[{_has_class('comment-content')}]",
        f".//*[{_has_class('comment-body')}]/p",
    ),
    date=(
        f".//*[{_has_class('comment-metadata', 'commentmetadata')}]//time/@datetime",
        ".//time/@datetime",
        f".//*[{_has_class('comment-metadata', 'commentmetadata')}]",
    ),
)

DISQUS = CommentMarkup(
    sections=f"//ul[@id='post-list' or {_has_class('post-list')}]",
    comments=f".//li[{_has_class('post')}]",
    author=(f".//*[{_has_class('author')}]//a", f".//*[{_has_class('author')}]"),
    body=(f".//*[{_has_class('post-message')}]",),
    date=(f".//*[{_has_class('time-ago')}]/@title", ".//time/@datetime"),
)

_GENERIC_AUTHOR = (
    ".//*[@itemprop='author']",
    ".//*[contains(@class, 'author')]",
    f".//*[{_has_class('fn')}]",
    ".//cite",
)
_GENERIC_BODY = (
    ".//*[@itemprop='text' or @itemprop='commentText']",
    ".//*[contains(@class, 'comment-text') or contains(@class, 'comment-body')"
    " or contains(@class, 'comment-content') or contains(@class, 'message')]",
    ".//p",
)
# An article, section, div or li is a comment when a class token or its id names one
# ('comment', 'user-comment', 'comment-item', id 'comment-42') or it says so in
# microdata, and it holds an author or a comment body. 'comments',
# 'comments-area' and 'comment-form' name the section or the form around the
# thread, and 'has-comments' may sit on the article itself.
_GENERIC_COMMENT = (
    "(self::article or self::section or self::div or self::li)"
    " and (re:test(@class, '(^|\\s)([a-z]+[-_])?comment([-_](\\d+|item|entry))?(\\s|$)', 'i')"
    " or re:test(@id, '^([a-z]+[-_])?comment[-_]?\\d+$', 'i')"
    " or contains(@itemtype, 'schema.org/Comment'))"
    f" and ({' or '.join(_GENERIC_AUTHOR[:3] + _GENERIC_BODY[:2])})"
)
GENERIC = CommentMarkup(
    # Each outermost comment is a section of its own: there is no list to find.
    sections=f"//*[{_GENERIC_COMMENT}][not(ancestor::*[{_GENERIC_COMMENT}])]",
    comments=f"descendant-or-self::*[{_GENERIC_COMMENT}]",
    author=_GENERIC_AUTHOR,
    body=_GENERIC_BODY,
    date=(
        ".//time/@datetime",
        ".//*[@itemprop='dateCreated' or @itemprop='datePublished']/@content",
        ".//time",
    ),
)

# Tried in order, the specific systems before the generic rule: a section read
# by one markup is cut out before the next looks, so no comment is read twice.
COMMENT_MARKUPS: tuple[CommentMarkup, ...] = (WORDPRESS, DISQUS, GENERIC)


@cache
def _xpath(expression: str) -> etree.XPath:
    return etree.XPath(expression, namespaces={"re": EXSLT_REGEX})


@dataclass(frozen=True, slots=True)
class _RawComment:
    """A comment read from the page, before ids are settled across sections."""

    element_id: str | None
    author: str | None
    texts: tuple[str, ...]
    parent: int | None
    published: str | None


def parse_html(markup: str, doc_id: str) -> Story:
    """Read one saved page; raise ReadError when it holds no article text.

    A page cut off mid-download still gives the text it has, with a warning,
    because losing the end of a story is better than losing the story.
    """
    truncation = _truncation(markup)
    warnings = (f"the HTML looks truncated: {truncation}",) if truncation else ()
    try:
        tree = lxml_html.document_fromstring(
            XML_DECLARATION.sub("", markup, count=1),
            parser=lxml_html.HTMLParser(
                remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
            ),
        )
        language = _language(tree)
        thread = _read_thread(tree)
    except (etree.LxmlError, ValueError) as exc:
        raise ReadError(
            doc_id, Problem.NO_TEXT, detail=f"the HTML cannot be parsed: {exc}"
        ) from exc
    document = _extract(tree, doc_id)
    title = _clean(document.title or "") if document is not None else ""
    body = _article_texts(document.body, title) if document is not None else []
    if document is None or not body:
        detail = "the page has no paragraphs outside menus, scripts and comments"
        if truncation:
            detail += f"; {truncation}"
        raise ReadError(doc_id, Problem.NO_TEXT, detail=detail)
    parts: list[tuple[str, ParagraphKind, int | None]] = [(title, "title", None)] if title else []
    parts.extend((text, kind, None) for text, kind in body)
    return Story(
        id=doc_id,
        title=title,
        paragraphs=join_paragraphs(parts),
        thread=thread,
        outlet=_outlet(document.hostname, document.url, document.sitename),
        url=document.url or None,
        published=_date(document.date),
        language=language,
        authors=_authors(document.author),
        source_format=SOURCE_FORMAT,
        warnings=warnings,
    )


def _extract(tree: Any, doc_id: str) -> Document | None:
    """Trafilatura's article and metadata, or None when it finds no article."""
    try:
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_date_params(),
        )
    # Trafilatura documents no exceptions; whatever it raises, this page failed,
    # and a batch must go on to the next one.
    except Exception as exc:
        raise ReadError(
            doc_id, Problem.NO_TEXT, detail=f"the article extractor failed: {exc!r}"
        ) from exc
    return document if isinstance(document, Document) else None


def _truncation(markup: str) -> str | None:
    """Say why the page looks cut off, or None when it looks whole.

    lxml quietly closes whatever is open, so the cut has to be seen in the
    markup itself: a last tag left open, or a page opened but never closed.
    """
    tail = markup.rstrip()
    last_open = tail.rfind("<")
    if last_open > tail.rfind(">"):
        return f"it ends inside a tag ({tail[last_open:][:40]!r})"
    opened = re.search(r"<(?:html|body)\b", markup, re.IGNORECASE)
    if opened and not re.search(r"</(?:html|body)\s*>", markup, re.IGNORECASE):
        return "it has no closing </body> or </html> tag"
    return None


def _read_thread(tree: Any) -> Thread:
    """Read every comment section and cut it out of the tree."""
    raw: list[_RawComment] = []
    for markup in COMMENT_MARKUPS:
        found = _xpath(markup.sections)(tree)
        # A list nested in another (a theme that marks reply lists like the
        # top one) is read with the outer one, not a second time.
        for section in _outermost(found):
            raw.extend(_read_section(section, markup, offset=len(raw)))
            section.drop_tree()
    ids = _settle_ids([comment.element_id for comment in raw])
    flat = [
        (
            ids[i],
            comment.author,
            join_paragraphs([(text, "text", None) for text in comment.texts]),
            None if comment.parent is None else ids[comment.parent],
        )
        for i, comment in enumerate(raw)
    ]
    published = {ids[i]: c.published for i, c in enumerate(raw) if c.published is not None}
    return link_comments(flat, published=published)


def _outermost(elements: Sequence[Any]) -> list[Any]:
    among = set(elements)
    return [e for e in elements if not any(a in among for a in e.iterancestors())]


def _read_section(section: Any, markup: CommentMarkup, offset: int) -> Iterator[_RawComment]:
    """Read one section's comments in page order; parents index the whole thread."""
    comments = list(_xpath(markup.comments)(section))
    index = {element: offset + i for i, element in enumerate(comments)}

    def owner(node: Any) -> Any:
        return next((a for a in node.iterancestors() if a in index), None)

    def own(element: Any, expressions: Sequence[str]) -> list[Any]:
        for expression in expressions:
            found = [
                node
                for node in _xpath(expression)(element)
                if owner(node if isinstance(node, etree._Element) else node.getparent()) is element
                and _node_text(node)
            ]
            if found:
                return found
        return []

    for element in comments:
        author = next(iter(own(element, markup.author)), None)
        name = _node_text(author) if author is not None else None
        date_node = next(iter(own(element, markup.date)), None)
        parent = owner(element)
        yield _RawComment(
            element_id=(element.get("id") or "").strip() or None,
            author=None if name is None or name.casefold() in ANONYMOUS_NAMES else name,
            texts=tuple(text for body in own(element, markup.body) for text in _blocks(body)),
            parent=None if parent is None else index[parent],
            published=_node_text(date_node) if date_node is not None else None,
        )


def _settle_ids(wanted: Sequence[str | None]) -> list[str]:
    """Keep the page's ids where they are unique, else number by reading order."""
    used: set[str] = set()
    ids: list[str] = []
    for position, element_id in enumerate(wanted, start=1):
        candidate = element_id if element_id and element_id not in used else f"c{position}"
        suffix = 1
        while candidate in used:
            suffix += 1
            candidate = f"c{position}-{suffix}"
        used.add(candidate)
        ids.append(candidate)
    return ids


def _blocks(element: Any) -> list[str]:
    """A comment body's paragraphs: its innermost blocks, or its whole text if it has none."""
    leaves = [
        node
        for node in element.iter(*COMMENT_BLOCKS)
        if not any(d.tag in COMMENT_BLOCKS for d in node.iterdescendants())
    ]
    texts = [_text(node) for node in leaves] if leaves else [_text(element)]
    return [text for text in texts if text]


def _article_texts(body: Any, title: str) -> list[tuple[str, ParagraphKind]]:
    """Trafilatura's body as paragraphs, less a first heading that repeats the title."""
    texts = [(text, kind) for child in body for text, kind in _article_blocks(child) if text]
    if texts and texts[0][1] == "heading" and texts[0][0].casefold() == title.casefold():
        return texts[1:]
    return texts


def _article_blocks(element: Any) -> Iterator[tuple[str, ParagraphKind]]:
    """Split trafilatura's output into paragraphs: list items and table rows stand alone."""
    if element.tag == "head":
        yield _text(element), "heading"
    elif element.tag == "list":
        for item in element.iterchildren("item"):
            yield _text(item), "text"
    elif element.tag == "table":
        for row in element.iter("row"):
            yield " | ".join(filter(None, (_text(cell) for cell in row.iter("cell")))), "text"
    elif any(child.tag in ARTICLE_BLOCKS for child in element):
        if element.text and element.text.strip():
            yield _clean(element.text), "text"
        for child in element:
            yield from _article_blocks(child)
            if child.tail and child.tail.strip():
                yield _clean(child.tail), "text"
    else:
        yield _text(element), "text"


def _text(element: Any) -> str:
    """An element's visible text on one line, a line break counting as a space."""
    return _clean("".join(_text_parts(element)))


def _text_parts(element: Any) -> Iterator[str]:
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str) and child.tag not in HIDDEN_TAGS:
            yield " " if child.tag in BREAK_TAGS else "".join(_text_parts(child))
        yield child.tail or ""


def _node_text(node: Any) -> str:
    """The text of an element, or of an attribute an XPath returned as a string."""
    return _text(node) if isinstance(node, etree._Element) else _clean(str(node))


def _clean(text: str) -> str:
    return " ".join(text.split())


def _language(tree: Any) -> str:
    """The page's declared language as a bare code ('en-GB' is 'en'), else English."""
    declared = [
        tree.get("lang"),
        tree.get("xml:lang"),
        *_xpath(
            "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
            " = 'content-language']/@content"
        )(tree),
        *_xpath("//meta[@property='og:locale']/@content")(tree),
    ]
    for value in declared:
        match = LANGUAGE_TAG.match(str(value or ""))
        if match:
            return match.group(1).lower()
    return DEFAULT_LANGUAGE


def _outlet(hostname: str | None, url: str | None, sitename: str | None) -> str | None:
    """The outlet as a domain, which names it the same way on every page; else its name."""
    if not hostname and url:
        try:
            hostname = urlsplit(url).hostname
        except ValueError:
            hostname = None
    if hostname:
        return hostname.lower().removeprefix("www.")
    return _clean(sitename or "") or None


def _date_params() -> dict[str, Any]:
    """Take only dates the page marks up as dates.

    htmldate's search of the visible text takes any year it sees, so a story
    from 2024 about a spill in August 2022 would read as published 2022-01-01.
    """
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": date.today().isoformat(),
    }


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _authors(value: str | None) -> tuple[str, ...]:
    """Trafilatura joins several authors with ';'."""
    return tuple(name for name in (_clean(part) for part in (value or "").split(";")) if name)


__all__ = ["COMMENT_MARKUPS", "CommentMarkup", "parse_html"]
