"""Bytes to text, without losing a document to a wrong guess about its encoding.

Real archives hold UTF-8, UTF-16 with a byte-order mark, and a good deal of
cp1252/latin-1. We decode what can be decoded, say which encoding we used when
it was not UTF-8, and refuse only what is not text at all.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import chardet

from storycheck.errors import Problem, ReadError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PAR1", "a Parquet file"),
    (b"\x7fELF", "an executable"),
)

# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str

    @property
    def warnings(self) -> tuple[str, ...]:
        if self.encoding in {"utf-8", "utf-8-sig", "ascii"}:
            return ()
        return (f"decoded as {self.encoding} (the input was not UTF-8)",)


def check_size(doc_id: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ReadError(
            doc_id, Problem.TOO_LARGE, detail=_megabytes(size), limit=_megabytes(max_bytes)
        )


def decode(data: bytes, doc_id: str) -> Decoded:
    """Decode a document's bytes or raise a ReadError that says why not."""
    if not data.strip():
        raise ReadError(doc_id, Problem.EMPTY)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(doc_id, data.decode(encoding, errors="replace"), encoding)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(doc_id, Problem.BINARY, detail=f"it looks like {what}")
    if b"\x00" in data[:4096]:
        raise ReadError(doc_id, Problem.BINARY, detail="it contains NUL bytes")
    try:
        return _checked(doc_id, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # chardet, not charset-normalizer: on English cp1252 (the seed story saved by
    # Windows) charset-normalizer guessed cp775, and on a German sentence Big5.
    guess = chardet.detect(data, prefer_superset=True)["encoding"] or "cp1252"
    try:
        encoding = codecs.lookup(guess).name
        return _checked(doc_id, data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(doc_id, Problem.UNDECODABLE, detail=str(exc)) from exc


def _checked(doc_id: str, text: str, encoding: str) -> Decoded:
    if not text.strip():
        raise ReadError(doc_id, Problem.EMPTY)
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise ReadError(
            doc_id, Problem.BINARY, detail=f"{controls} control characters in {len(text)}"
        )
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
