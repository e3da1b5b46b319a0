"""Reading ClaimReview records (schema.org JSON-LD), the format fact-checkers publish.

A file holds one ClaimReview object, a list of them, a JSON-LD document
with an ``@graph``, or JSON Lines with one object per line. Only the fields
schema.org documents are read: ``claimReviewed``, ``reviewRating``
(``alternateName``, the verdict in words, else ``ratingValue`` on its
``worstRating``-``bestRating`` scale), ``itemReviewed.author.name`` (who made
the claim), ``url``, ``datePublished`` and ``author.name`` (the fact-checker).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storycheck.errors import Problem, StorycheckError
from storycheck.factchecks.records import FactCheck

CLAIM_REVIEW = "ClaimReview"


def read_file(path: Path) -> tuple[list[FactCheck], list[str]]:
    """The fact-checks of a file, and why each object that is not one was skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    return parse(text, str(path))


def parse(text: str, origin: str = "<input>") -> tuple[list[FactCheck], list[str]]:
    records: list[FactCheck] = []
    skipped: list[str] = []
    for n, obj in enumerate(_objects(text, origin)):
        try:
            records.append(to_factcheck(obj))
        except ValueError as exc:
            skipped.append(f"{origin}: object {n + 1}: {exc}")
    return records, skipped


def _objects(text: str, origin: str) -> Iterator[Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        document = None
        lines = [line for line in text.splitlines() if line.strip()]
        try:
            parsed = [json.loads(line) for line in lines]
        except json.JSONDecodeError as exc:
            raise StorycheckError(
                Problem.BAD_DATA, detail=f"{origin}: neither JSON nor JSON Lines ({exc})"
            ) from exc
        yield from (o for p in parsed for o in _flatten(p))
    if document is not None:
        yield from _flatten(document)


def _flatten(document: Any) -> Iterator[Any]:
    if isinstance(document, list):
        for item in document:
            yield from _flatten(item)
    elif isinstance(document, dict) and "@graph" in document:
        yield from _flatten(document["@graph"])
    else:
        yield document


def _is_claim_review(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return CLAIM_REVIEW in kinds


def _name(value: Any) -> str:
    """A schema.org Person/Organization's name, a bare string, or the first of a list."""
    if isinstance(value, list):
        return _name(value[0]) if value else ""
    if isinstance(value, dict):
        return str(value.get("name") or "").strip()
    return str(value or "").strip()


def to_factcheck(obj: Any) -> FactCheck:
    """One ClaimReview object as a fact-check; ValueError when it is not a usable one."""
    if not isinstance(obj, dict) or not _is_claim_review(obj):
        raise ValueError("not a ClaimReview object")
    claim = str(obj.get("claimReviewed") or "").strip()
    if not claim:
        raise ValueError("no claimReviewed")
    rating = obj.get("reviewRating") or {}
    if not isinstance(rating, dict):
        raise ValueError("reviewRating is not an object")
    value = _number(rating.get("ratingValue"))
    verdict = str(rating.get("alternateName") or "").strip()
    if not verdict and value is not None:
        verdict = (
            f"{value:g} on a scale {rating.get('worstRating', '?')}-{rating.get('bestRating', '?')}"
        )
    if not verdict:
        raise ValueError("reviewRating has neither alternateName nor ratingValue")
    item = obj.get("itemReviewed") or {}
    claimant = _name(item.get("author")) if isinstance(item, dict) else ""
    return FactCheck(
        claim=claim,
        verdict=verdict,
        source=_name(obj.get("author")) or "ClaimReview",
        claimant=claimant,
        date=str(obj.get("datePublished") or "").strip()[:10],
        url=str(obj.get("url") or "").strip(),
        rating_value=value,
        id=str(obj.get("url") or ""),
    )


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
