"""Readers: every input shape becomes the same ``Story``.

``read()`` is the one entry point. It yields a ``Story`` for every document it
could read and a ``ReadError`` (not raised) for every one it could not, so a
corpus with a bad row still yields every good row, and the caller decides
whether a failure stops the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal, get_args

from storycheck.errors import Problem, ReadError
from storycheck.model import Story
from storycheck.read.decode import DEFAULT_MAX_BYTES, check_size, decode

Format = Literal["auto", "text", "html", "json", "jsonl", "csv", "tsv", "parquet", "rumour"]
FORMATS: tuple[str, ...] = get_args(Format)

_BY_SUFFIX: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
}

ReadResult = Story | ReadError


def read(
    source: str | Path,
    *,
    fmt: Format = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadResult]:
    """Read a file, a folder or ``-`` (standard input), one result per document."""
    if str(source) == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
        yield from read_bytes(data, "<stdin>", fmt=fmt, max_bytes=max_bytes)
        return
    path = Path(source)
    doc_id = str(path)
    if not path.exists():
        yield ReadError(doc_id, Problem.NOT_FOUND)
        return
    if path.is_dir():
        yield from _read_folder(path, fmt, max_bytes)
        return
    kind = fmt if fmt != "auto" else _BY_SUFFIX.get(path.suffix.lower(), "auto")
    if kind in {"jsonl", "csv", "tsv", "parquet"}:
        from storycheck.read.corpus import read_corpus

        yield from read_corpus(path, kind, max_bytes=max_bytes)
        return
    try:
        check_size(doc_id, path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except ReadError as exc:
        yield exc
        return
    yield from read_bytes(data, doc_id, fmt=kind, max_bytes=max_bytes)


def read_bytes(
    data: bytes,
    doc_id: str,
    *,
    fmt: Format = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadResult]:
    """Read one in-memory document (standard input, an upload, a saved page)."""
    try:
        check_size(doc_id, len(data), max_bytes)
        decoded = decode(data, doc_id)
    except ReadError as exc:
        yield exc
        return
    kind = fmt if fmt != "auto" else sniff(decoded.text)
    # Readers are imported when first needed: trafilatura and pyarrow take
    # longer to import than a plain-text story takes to read.
    try:
        if kind == "html":
            from storycheck.read.html import parse_html

            yield _with_warnings(parse_html(decoded.text, doc_id), decoded.warnings)
        elif kind == "json":
            from storycheck.read.storyjson import parse_json

            for result in parse_json(decoded.text, doc_id):
                yield (
                    result
                    if isinstance(result, ReadError)
                    else _with_warnings(result, decoded.warnings)
                )
        elif kind == "text":
            from storycheck.read.text import parse_text

            yield _with_warnings(parse_text(decoded.text, doc_id), decoded.warnings)
        else:
            yield ReadError(doc_id, Problem.UNKNOWN_FORMAT, detail=f"{kind} needs a file path")
    except ReadError as exc:
        yield exc


def read_one(
    source: str | Path, *, fmt: Format = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> Story:
    """Read exactly one story, raising the ReadError if it cannot be read."""
    for result in read(source, fmt=fmt, max_bytes=max_bytes):
        if isinstance(result, ReadError):
            raise result
        return result
    raise ReadError(str(source), Problem.EMPTY)


def sniff(content: str) -> Format:
    """Guess the shape of a document from its first characters."""
    head = content.lstrip()[:2048].lower()
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith("<") and any(
        tag in head
        for tag in ("<html", "<!doctype html", "<body", "<article", "<p", "<div", "<head")
    ):
        return "html"
    return "text"


def _read_folder(path: Path, fmt: Format, max_bytes: int) -> Iterator[ReadResult]:
    from storycheck.read import rumour

    threads = list(rumour.find_threads(path)) if fmt in {"auto", "rumour"} else []
    if threads:
        for folder in threads:
            try:
                yield rumour.read_thread(folder)
            except ReadError as exc:
                yield exc
        return
    for child in sorted(path.iterdir()):
        if child.is_file() and child.suffix.lower() in _BY_SUFFIX:
            yield from read(child, fmt=fmt, max_bytes=max_bytes)


def _with_warnings(story: Story, warnings: tuple[str, ...]) -> Story:
    if not warnings:
        return story
    from dataclasses import replace

    return replace(story, warnings=story.warnings + warnings)


__all__ = ["FORMATS", "Format", "ReadResult", "read", "read_bytes", "read_one", "sniff"]
