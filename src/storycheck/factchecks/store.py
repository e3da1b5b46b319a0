"""The user's own fact-checks: a JSON Lines file in the user's data folder.

JSON Lines keeps the file readable and appendable by hand; an import adds
only records not already there (same claim, same fact-check URL).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from storycheck.errors import Problem, StorycheckError
from storycheck.factchecks.records import FactCheck
from storycheck.paths import data_dir

FILE = "factchecks.jsonl"


def user_index_path() -> Path:
    return data_dir() / FILE


def load(path: Path | None = None) -> list[FactCheck]:
    path = path or user_index_path()
    if not path.is_file():
        return []
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        try:
            records.append(FactCheck.from_dict(json.loads(line)))
        except (json.JSONDecodeError, TypeError) as exc:
            raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: line {n + 1}: {exc}") from exc
    return records


def add(records: Iterable[FactCheck], path: Path | None = None) -> tuple[int, int]:
    """Append the records not yet in the index; returns how many were added and skipped."""
    path = path or user_index_path()
    seen = {r.key for r in load(path)}
    added = skipped = 0
    with path.open("a", encoding="utf-8") as stream:
        for record in records:
            if record.key in seen:
                skipped += 1
                continue
            seen.add(record.key)
            stream.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            added += 1
    return added, skipped
