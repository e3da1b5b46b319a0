"""The result tables of a batch run, and how one report becomes their rows.

Every row is derived from the report's JSON, the documented contract, so the
tables say nothing the report does not, and a table whose analyzer did not
run is simply empty. The column lists here are the tables' schema; the same
order is used for DuckDB and for Parquet (docs/batch.md documents them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from storycheck.model import PARAGRAPH_SEPARATOR

Row = tuple[Any, ...]

# Table -> ((column, DuckDB type), ...). The first column of every table is doc_id.
SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    "stories": (
        ("doc_id", "VARCHAR"),
        ("input", "VARCHAR"),
        ("story_id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("url", "VARCHAR"),
        ("published", "DATE"),
        ("words", "INTEGER"),
        ("comments", "INTEGER"),
        ("claims", "INTEGER"),
        ("claims_named", "INTEGER"),
        ("claims_unnamed", "INTEGER"),
        ("claims_unsourced", "INTEGER"),
        ("claims_promised", "INTEGER"),
        ("techniques", "INTEGER"),
        ("seconds", "DOUBLE"),
        ("analysed_at", "TIMESTAMP"),
        ("storycheck_version", "VARCHAR"),
        ("report", "JSON"),
    ),
    "claims": (
        ("doc_id", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("score", "DOUBLE"),
        ("evidence", "VARCHAR"),
        ("source", "VARCHAR"),
        ("anonymity", "VARCHAR"),
        ("source_class", "VARCHAR"),
        ("hands", "INTEGER"),
        ("chain", "VARCHAR"),
        ("hedged", "BOOLEAN"),
    ),
    "sources": (
        ("doc_id", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("source", "VARCHAR"),
        ("anonymity", "VARCHAR"),
        ("source_kind", "VARCHAR"),
        ("cue", "VARCHAR"),
        ("direct", "BOOLEAN"),
        ("hands", "INTEGER"),
        ("chain", "VARCHAR"),
    ),
    "techniques": (
        ("doc_id", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("technique", "VARCHAR"),
        ("text", "VARCHAR"),
        ("score", "DOUBLE"),
    ),
    "comments": (
        ("doc_id", "VARCHAR"),
        ("comment_id", "VARCHAR"),
        ("parent_id", "VARCHAR"),
        ("author", "VARCHAR"),
        ("depth", "INTEGER"),
        ("text", "VARCHAR"),
        ("labels", "JSON"),
    ),
    "errors": (
        ("doc_id", "VARCHAR"),
        ("input", "VARCHAR"),
        ("stage", "VARCHAR"),
        ("code", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("at", "TIMESTAMP"),
    ),
}
# Tables with one row per story, which decide whether a story is already done.
DONE_TABLES = ("stories", "errors")
# Analyzers whose comment annotations describe its structure (depth, sentences), not a judgement.
STRUCTURAL = frozenset({"thread", "sentences"})
# Annotation kinds of the persuasion analyzer that are technique spans.
TECHNIQUE_KINDS = frozenset({"technique"})


@dataclass(slots=True)
class Rows:
    """Rows for every table, from one chunk of stories."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in SCHEMAS})

    def extend(self, other: Rows) -> None:
        for name, rows in other.tables.items():
            self.tables[name].extend(rows)

    @property
    def doc_ids(self) -> list[str]:
        return [row[0] for name in DONE_TABLES for row in self.tables[name]]


def error_row(doc_id: str, source: str, stage: str, code: str, reason: str) -> Row:
    return (doc_id, source, stage, code, reason, _now())


def report_rows(report: Mapping[str, Any], doc_id: str, source: str, seconds: float) -> Rows:
    """All rows one analysed story contributes."""
    rows = Rows()
    story = report["story"]
    annotations: Sequence[Mapping[str, Any]] = report["annotations"]
    text = _text(story["paragraphs"])
    evidence = [a for a in annotations if a["kind"] == "evidence"]
    claims = _claims(annotations, evidence)
    rows.tables["claims"] = [_claim_row(doc_id, text, claim, ev) for claim, ev in claims]
    rows.tables["sources"] = [
        _source_row(doc_id, a) for a in annotations if a["kind"] == "attribution"
    ]
    rows.tables["techniques"] = [
        (doc_id, a["start"], a["end"], a["label"], text[a["start"] : a["end"]], a["score"])
        for a in annotations
        if a["analyzer"] == "persuasion" and a["kind"] in TECHNIQUE_KINDS
    ]
    comments = story.get("thread", {}).get("comments", [])
    rows.tables["comments"] = _comment_rows(doc_id, comments, annotations)
    statuses = [ev["attrs"].get("source_class") for _, ev in claims if ev is not None]
    promised = sum(1 for _, ev in claims if ev is not None and ev["label"] == "promised")
    rows.tables["stories"] = [
        (
            doc_id,
            source,
            story["id"],
            story.get("title"),
            story.get("outlet"),
            story.get("url"),
            _date(story.get("published")),
            len(text.split()),
            len(rows.tables["comments"]),
            len(claims),
            statuses.count("named"),
            statuses.count("unnamed"),
            statuses.count("none"),
            promised,
            len(rows.tables["techniques"]),
            round(seconds, 4),
            _now(),
            report.get("storycheck_version"),
            json.dumps(report, ensure_ascii=False),
        )
    ]
    return rows


def _claims(
    annotations: Sequence[Mapping[str, Any]], evidence: Sequence[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], Mapping[str, Any] | None]]:
    """Each claim with the evidence verdict for the same sentence.

    Without the claims analyzer the evidence verdicts (the headline at least)
    stand for the claims, as they do in the report.
    """
    by_span = {(e["start"], e["end"]): e for e in evidence}
    claims = [a for a in annotations if a["kind"] == "claim"]
    if not claims:
        return [(e, e) for e in evidence]
    return [(c, by_span.get((c["start"], c["end"]))) for c in claims]


def _claim_row(
    doc_id: str, text: str, claim: Mapping[str, Any], evidence: Mapping[str, Any] | None
) -> Row:
    attrs: Mapping[str, Any] = evidence["attrs"] if evidence is not None else {}
    is_claim = claim["kind"] == "claim"
    return (
        doc_id,
        claim["start"],
        claim["end"],
        text[claim["start"] : claim["end"]],
        claim["label"] if is_claim else attrs.get("claim_kind"),
        claim["score"] if is_claim else None,
        evidence["label"] if evidence is not None else None,
        attrs.get("source"),
        attrs.get("anonymity"),
        attrs.get("source_class"),
        attrs.get("hands"),
        _chain(attrs.get("chain")),
        bool(attrs.get("hedges")),
    )


def _source_row(doc_id: str, attribution: Mapping[str, Any]) -> Row:
    attrs = attribution["attrs"]
    source = attrs.get("source") or {}
    cue = attrs.get("cue") or {}
    return (
        doc_id,
        attribution["start"],
        attribution["end"],
        source.get("display"),
        source.get("anonymity"),
        source.get("kind"),
        cue.get("text"),
        attrs.get("direct"),
        attrs.get("hands"),
        _chain(attrs.get("chain")),
    )


def _comment_rows(
    doc_id: str, comments: Sequence[Mapping[str, Any]], annotations: Sequence[Mapping[str, Any]]
) -> list[Row]:
    """One row per comment, with every analyzer's label for it (stance, fallacy, incivility…)."""
    labels: dict[str, dict[str, Any]] = {}
    for a in annotations:
        if a["target"] != "story" and a["analyzer"] not in STRUCTURAL:
            labels.setdefault(a["target"], {})[a["kind"]] = {
                "label": a["label"],
                "score": a["score"],
            }
    return [
        (
            doc_id,
            c["id"],
            c.get("parent"),
            c.get("author"),
            c.get("depth"),
            _text(c["paragraphs"]),
            json.dumps(labels.get(c["id"], {}), ensure_ascii=False),
        )
        for c in comments
    ]


def _chain(chain: Sequence[Mapping[str, Any]] | None) -> str | None:
    """The chain of relay as the report's terminal view writes it: "A → B → this site"."""
    if not chain:
        return None
    return " → ".join(str(hand["who"]) for hand in chain)


def _text(paragraphs: Sequence[Mapping[str, Any]]) -> str:
    """The text annotation offsets count in, laid out as ``model.text_of`` lays it."""
    return PARAGRAPH_SEPARATOR.join(p["text"] for p in paragraphs)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
