"""The ``groups`` command: the same story across the outlets of a batch run."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from storycheck.batch.cli import DEFAULT_RESULTS, open_results
from storycheck.groups.drift import GroupStory, drift, order, reuse

err = Console(stderr=True)


def groups(
    db: Annotated[
        Path, typer.Option("--db", help="Results of `storycheck batch` (DuckDB file or .parquet).")
    ] = DEFAULT_RESULTS,
    smallest: Annotated[int, typer.Option(help="Show groups of at least this many stories.")] = 2,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per group.")] = False,
) -> None:
    """Find stories that report the same thing, who printed first, and how the claim drifted.

    Stories are linked when their text is a near-duplicate (MinHash) or their
    leads are close in meaning (the threshold `storycheck train story-groups`
    chose on FNC-1). Inside a group: date order, each story's stance toward
    the first one's claim (agree, disagree, discuss; the FNC-1 model), the text
    each story reuses from an earlier one, and the shared claim as each outlet
    words it, with hedges dropped, certainty raised, sourcing weakened, and
    the accusations each story adds to those made before it.

    `storycheck groups --db runs/news.duckdb --smallest 3`
    """
    from storycheck.artefact import load_meta
    from storycheck.groups.cluster import components, lead_vectors, link

    connection = open_results(db)
    try:
        rows = connection.execute(
            "SELECT doc_id, outlet, CAST(published AS VARCHAR), report FROM stories ORDER BY doc_id"
        ).fetchall()
    finally:
        connection.close()
    stories = [_story(*row) for row in rows]
    threshold = float(load_meta("story-groups").details["threshold"])
    texts = [s.text for s in stories]
    labels = components(len(stories), link(texts, lead_vectors(texts), threshold))
    members: dict[int, list[GroupStory]] = defaultdict(list)
    for story, label in zip(stories, labels, strict=True):
        members[int(label)].append(story)
    found = sorted(
        (order(m) for m in members.values() if len(m) >= smallest), key=lambda m: -len(m)
    )
    for number, group in enumerate(found, 1):
        result = {
            "group": number,
            "stories": [
                {"doc_id": s.doc_id, "outlet": s.outlet, "published": s.published} for s in group
            ],
            "first": group[0].doc_id if group[0].published else None,
            "stance_to_first": _stances(group),
            "reuse": [asdict(r) for r in reuse(group)],
            "drift": [asdict(v) for v in drift(group)],
        }
        if as_json:
            typer.echo(json.dumps(result, ensure_ascii=False))
        else:
            _print(result)
    if not as_json:
        err.print(f"{len(found)} groups of {smallest} or more among {len(stories)} stories")


def _stances(group: list[GroupStory]) -> dict[str, dict[str, object]]:
    """How each later story's body stands toward the first story's claim (FNC-1 model)."""
    from storycheck.compare import compare
    from storycheck.read.storyjson import story_from_dict

    first, *later = (story_from_dict(s.report["story"], s.doc_id) for s in group)
    return {
        c.other_id: {"stance": c.stance.label, "confidence": round(c.stance.confidence, 3)}
        for c in compare(first, later)
    }


def _story(doc_id: str, outlet: str | None, published: str | None, report: str) -> GroupStory:
    return GroupStory.from_report(doc_id, outlet, published, json.loads(report))


def _print(result: dict[str, Any]) -> None:
    console = Console()
    first = result["first"] or "(undated: cannot tell)"
    table = Table(title=f"group {result['group']}: first printed by {first}", show_lines=True)
    for column in ("story", "outlet", "date", "stance to the first", "claim as worded", "changes"):
        table.add_column(column)
    versions = {v["doc_id"]: v for v in result["drift"]}
    stances = result["stance_to_first"]
    for story in result["stories"]:
        version = versions.get(story["doc_id"], {})
        stance = stances.get(story["doc_id"])
        table.add_row(
            story["doc_id"],
            story["outlet"] or "",
            story["published"] or "",
            f"{stance['stance']} {stance['confidence']:.2f}" if stance else "(the first)",
            version.get("text", ""),
            "; ".join(version.get("changes", ())),
        )
    console.print(table)
    for r in result["reuse"]:
        console.print(
            f"  {r['later']} reuses {r['words']} words "
            f"({r['share_of_later']:.0%}) of {r['earlier']}"
        )
