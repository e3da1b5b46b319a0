"""Corpus files: many stories in one CSV, TSV, JSONL or Parquet file.

Corpora run to gigabytes, so every format is streamed a row at a time and a
row that cannot be read becomes a ``ReadError`` for that row alone: one broken
line must not cost the million good ones around it. Each corpus names its
columns its own way; the names we recognise are kept as data in
``FIELD_COLUMNS`` so a new corpus is usually a new entry there, not new code.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from storycheck.errors import Problem, ReadError
from storycheck.model import Story, build_story
from storycheck.read.decode import check_size

# Our fields, each with the column names that carry it, best first. Names are
# compared after ``_normalise_column``: lower case, runs of spaces, dashes and
# underscores as one underscore ("Body ID" is "body_id").
FIELD_COLUMNS: Mapping[str, tuple[str, ...]] = {
    # FakeNewsCorpus "id", FNC-1 "Body ID".
    "id": ("id", "body_id", "doc_id", "document_id", "article_id", "story_id", "guid", "uuid"),
    "title": ("title", "headline", "heading"),
    # FakeNewsCorpus "content", FNC-1 "articleBody", LOGIC "source_article".
    "body": (
        "content",
        "articlebody",
        "article_body",
        "body",
        "text",
        "article",
        "source_article",
        "article_text",
        "story",
        "maintext",
    ),
    # FakeNewsCorpus "domain"; LogicClimate has none and gets the url's domain.
    "outlet": ("domain", "outlet", "source", "site", "publisher", "website", "news_source"),
    # LogicClimate "original_url".
    "url": ("url", "original_url", "source_url", "article_url", "link"),
    "published": (
        "published",
        "date",
        "published_at",
        "publish_date",
        "pub_date",
        "date_publish",
        "datetime",
    ),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
}

DEFAULT_LANGUAGE = "en"
# Rows per Parquet batch: small enough that a batch of long articles stays a
# few megabytes, large enough that Arrow's per-batch cost does not dominate.
PARQUET_BATCH_ROWS = 256
_DELIMITERS = {"csv": ",", "tsv": "\t"}

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A line break, unless a letter or comma before it and a lower-case word after it wrap a line.
_UNWRAPPED_BREAK = re.compile(r"(?<![A-Za-z,;])\n|\n(?![ \t]*[a-z])")
_ISO_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
_AUTHOR_SEPARATORS = re.compile(r"\s*[;,]\s*|\s+and\s+")
_UTF8_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_corpus(path: Path, kind: str, *, max_bytes: int) -> Iterator[Story | ReadError]:
    """Yield one story per row, and a ReadError in place of each row that fails."""
    if kind not in {"jsonl", *_DELIMITERS, "parquet"}:
        yield ReadError(str(path), Problem.UNKNOWN_FORMAT, detail=f"{kind} is not a corpus format")
        return
    try:
        if kind == "parquet":
            yield from _read_parquet(path, max_bytes)
            return
        with path.open("rb") as fh:
            start = fh.read(4)
            if start.startswith(_WIDE_BOMS):
                yield ReadError(
                    str(path),
                    Problem.UNDECODABLE,
                    detail="corpus files must be UTF-8; this one is UTF-16 or UTF-32",
                )
                return
            fh.seek(len(_UTF8_BOM) if start.startswith(_UTF8_BOM) else 0)
            if kind == "jsonl":
                yield from _read_jsonl(path.name, fh, max_bytes)
            else:
                yield from _read_delimited(path, fh, _DELIMITERS[kind], max_bytes)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        yield ReadError(str(path), Problem.NOT_FOUND)
    except OSError as exc:
        yield ReadError(str(path), Problem.UNDECODABLE, detail=str(exc))


def parquet_rows(path: Path) -> int | None:
    """How many results reading a Parquet corpus gives, from its footer, without reading a row.

    None when the footer cannot say: the file is not Parquet, or it has no
    article-text column and reading it gives one error rather than one per row.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, ValueError, OSError):
        return None
    if "body" not in _layout(tuple(parquet.schema_arrow.names)):
        return None
    return int(parquet.metadata.num_rows)


def story_from_record(record: Mapping[str, object], row_id: str, source_format: str) -> Story:
    """Map one row, whatever its corpus calls its columns, onto a story.

    ``row_id`` names the row when it has no id column of its own, and says where
    it is in an error about a row that has one.
    """
    columns = _layout(tuple(record))
    story_id = _name_of(record, row_id)
    where = "" if story_id == row_id else f" at {row_id}"
    body_column = columns.get("body")
    if body_column is None:
        raise ReadError(
            story_id,
            Problem.NO_TEXT,
            detail=f"no article-text column{where}; columns: {_listing(list(record))}",
        )
    paragraphs = split_paragraphs(_text(record, body_column))
    if not paragraphs:
        raise ReadError(
            story_id, Problem.NO_TEXT, detail=f"the {body_column!r} column is empty{where}"
        )
    url = _text(record, columns.get("url"))
    outlet = _text(record, columns.get("outlet"))
    return build_story(
        story_id,
        _text(record, columns.get("title")),
        paragraphs,
        outlet=domain_of(outlet) or domain_of(url) or outlet or None,
        url=url or None,
        published=parse_date(_value(record, columns.get("published"))),
        language=_text(record, columns.get("language")) or DEFAULT_LANGUAGE,
        authors=_authors(_value(record, columns.get("authors"))),
        source_format=source_format,
    )


def split_paragraphs(body: str) -> list[str]:
    """Blank lines part paragraphs; a body without any uses one line per paragraph.

    Scraped corpora differ: some keep the page's blank lines, others flatten an
    article to one paragraph per line, and both should give the same paragraphs.
    Inside a paragraph a line break still ends a heading, a caption or a list
    item ("Outline" then "Circulating report claims…"): of the 1,437 in FNC-1's
    paragraphs, 7 have a letter before them and a lower-case word after, the
    look of a wrapped line, which is the only kind kept inside a paragraph.
    """
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    pieces = _BLANK_LINE.split(body) if _BLANK_LINE.search(body) else body.split("\n")
    lines = [line for piece in pieces for line in _UNWRAPPED_BREAK.split(piece)]
    return [line.strip() for line in lines if line.strip()]


def domain_of(value: str) -> str:
    """The outlet as a bare host name, so it matches outlet lists keyed the same way.

    A corpus's outlet column may hold a host ("www.newsmax.com") or a URL; the
    media-factuality lists key outlets without "www.", and so do we.
    """
    value = value.strip().lower()
    if not value:
        return ""
    try:
        host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    except ValueError:
        return ""
    if "." not in host or " " in value:
        return ""
    return host.removeprefix("www.")


def parse_date(value: object) -> date | None:
    """Dates as corpora write them; anything we cannot read as a date is None, not a guess."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def allow_fields(max_bytes: int) -> None:
    """Let the csv module read fields of up to ``max_bytes``; its default stops at 128 KB.

    The limit only grows: it is process-wide, and a field over max_bytes fails
    the row size check anyway.
    """
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))


def _read_delimited(
    path: Path, fh: BinaryIO, delimiter: str, max_bytes: int
) -> Iterator[Story | ReadError]:
    """CSV and TSV, one record at a time; TSV is read unquoted.

    TSV corpora (LIAR, CheckThat!) put bare quote marks inside fields, which a
    quoting reader takes for the start of a quoted field and runs on into the
    following rows.
    """
    source_format = "csv" if delimiter == "," else "tsv"
    allow_fields(max_bytes)
    replaced_lines: list[int] = []
    reader = csv.reader(
        _decoded_lines(fh, replaced_lines),
        delimiter=delimiter,
        quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL,
    )
    try:
        header = next(reader)
    except StopIteration:
        yield ReadError(str(path), Problem.EMPTY)
        return
    except csv.Error as exc:
        yield ReadError(str(path), Problem.BAD_ROW, detail=f"unreadable header: {exc}")
        return
    if "body" not in _layout(tuple(header)):
        yield ReadError(
            str(path),
            Problem.NO_TEXT,
            detail=f"the header names no article-text column: {_listing(header)}",
        )
        return
    while True:
        first_line = reader.line_num + 1
        row_id = f"{path.name}:{first_line}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadError(row_id, Problem.BAD_ROW, detail=str(exc))
            continue
        finally:
            repaired = [n for n in replaced_lines if n >= first_line]
            replaced_lines.clear()
        if not row:
            continue
        if len(row) != len(header):
            yield ReadError(
                row_id,
                Problem.BAD_ROW,
                detail=f"{len(row)} fields where the header has {len(header)}",
            )
            continue
        try:
            record = dict(zip(header, row, strict=True))
            check_size(_name_of(record, row_id), _record_size(row), max_bytes)
            story = story_from_record(record, row_id, source_format)
        except ReadError as exc:
            yield exc
            continue
        yield _with_replacement_warning(story, repaired)


def _read_jsonl(name: str, fh: BinaryIO, max_bytes: int) -> Iterator[Story | ReadError]:
    for line_no, data, size in _bounded_lines(fh, max_bytes):
        row_id = f"{name}:{line_no}"
        try:
            check_size(row_id, size, max_bytes)
        except ReadError as exc:
            yield exc
            continue
        if not data.strip():
            continue
        text, replaced = _decode_line(data)
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ReadError(row_id, Problem.BAD_JSON, detail=str(exc))
            continue
        if not isinstance(obj, dict):
            yield ReadError(
                row_id, Problem.BAD_ROW, detail=f"a JSON {type(obj).__name__}, not an object"
            )
            continue
        try:
            story = _story_from_json(obj, row_id)
        except ReadError as exc:
            yield exc
            continue
        yield _with_replacement_warning(story, [line_no] if replaced else [])


def _story_from_json(obj: Mapping[str, Any], row_id: str) -> Story:
    """Our own story schema (or a report embedding it) is read as such, anything else as a row.

    Reports written with ``--format jsonl`` carry the story under "story"; reading
    them back must give the same stories, offsets and thread included.
    """
    inner = obj.get("story")
    story_obj = inner if isinstance(inner, Mapping) and "paragraphs" in inner else obj
    if "paragraphs" in story_obj:
        from storycheck.read import storyjson

        return storyjson.story_from_dict(story_obj, row_id)
    return story_from_record(obj, row_id, "jsonl")


def _read_parquet(path: Path, max_bytes: int) -> Iterator[Story | ReadError]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, ValueError) as exc:
        yield ReadError(str(path), Problem.UNKNOWN_FORMAT, detail=f"not a Parquet file: {exc}")
        return
    names: list[str] = list(parquet.schema_arrow.names)
    columns = _layout(tuple(names))
    if "body" not in columns:
        yield ReadError(
            str(path),
            Problem.NO_TEXT,
            detail=f"no article-text column among: {_listing(names)}",
        )
        return
    row_no = 0
    try:
        for batch in parquet.iter_batches(
            batch_size=PARQUET_BATCH_ROWS, columns=sorted(set(columns.values()))
        ):
            for record in batch.to_pylist():
                row_no += 1
                row_id = f"{path.name}:{row_no}"
                try:
                    check_size(_name_of(record, row_id), _record_size(record.values()), max_bytes)
                    yield story_from_record(record, row_id, "parquet")
                except ReadError as exc:
                    yield exc
    except (pa.ArrowException, OSError) as exc:
        yield ReadError(
            str(path),
            Problem.UNDECODABLE,
            detail=f"Parquet data unreadable after row {row_no}: {exc}",
        )


@lru_cache(maxsize=64)
def _layout(names: tuple[str, ...]) -> Mapping[str, str]:
    """Which of a corpus's columns carries each of our fields (fields it lacks are left out)."""
    by_normal: dict[str, str] = {}
    for name in names:
        by_normal.setdefault(_normalise_column(name), name)
    layout: dict[str, str] = {}
    for field, candidates in FIELD_COLUMNS.items():
        for candidate in candidates:
            if candidate in by_normal:
                layout[field] = by_normal[candidate]
                break
    return layout


def _normalise_column(name: str) -> str:
    return re.sub(r"[\s_\-]+", "_", name.strip().lower())


def _name_of(record: Mapping[str, object], row_id: str) -> str:
    """A row's own id when it has one: what the user will look for in their corpus."""
    return _text(record, _layout(tuple(record)).get("id")) or row_id


def _listing(names: Sequence[str], limit: int = 8) -> str:
    """Column names for an error line; a headerless file's "header" is a whole data row."""
    shown = ", ".join(repr(n[:40]) for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "") or "none"


def _value(record: Mapping[str, object], column: str | None) -> object:
    return None if column is None else record.get(column)


def _text(record: Mapping[str, object], column: str | None) -> str:
    """A cell as text; Parquet's float ids (141.0) read as the integers they were."""
    value = _value(record, column)
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def _authors(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        names: Iterable[object] = _AUTHOR_SEPARATORS.split(value)
    elif isinstance(value, Sequence):
        names = value
    else:
        return ()
    return tuple(str(n).strip() for n in names if n is not None and str(n).strip())


def _record_size(values: Iterable[object]) -> int:
    return sum(len(v.encode()) if isinstance(v, str) else len(str(v)) for v in values)


def _decode_line(data: bytes) -> tuple[str, bool]:
    """UTF-8, with undecodable bytes replaced and reported rather than fatal to the file."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), True


def _decoded_lines(fh: BinaryIO, replaced_lines: list[int]) -> Iterator[str]:
    """Feed the csv module text one physical line at a time, noting lines that needed repair."""
    for line_no, data in enumerate(fh, start=1):
        text, replaced = _decode_line(data)
        if replaced:
            replaced_lines.append(line_no)
        yield text


def _bounded_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes, int]]:
    """(line number, line, its size); a line over max_bytes is measured but never held whole."""
    line_no = 0
    while True:
        data = fh.readline(max_bytes + 1)
        if not data:
            return
        line_no += 1
        size = len(data)
        while not data.endswith(b"\n") and size > max_bytes:
            data = fh.readline(max_bytes + 1)
            if not data:
                break
            size += len(data)
        yield line_no, data if size <= max_bytes else b"", size


def _with_replacement_warning(story: Story, lines: Sequence[int]) -> Story:
    if not lines:
        return story
    where = ", ".join(str(n) for n in lines)
    warning = f"line {where} is not valid UTF-8; undecodable bytes were replaced with U+FFFD"
    return replace(story, warnings=(*story.warnings, warning))
