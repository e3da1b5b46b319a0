"""Reports kept in one DuckDB file, shared by ``storycheck serve`` and ``storycheck batch``.

A report is stored whole as JSON, the documented contract, beside the few
columns a query needs to find it; nothing is derived that the JSON does not
already say. One connection is shared by the threads of a process behind a
lock, because a DuckDB connection is not safe to use from two threads at once.
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    report_id TEXT PRIMARY KEY,
    story_id TEXT,
    doc_id TEXT,
    created_at TIMESTAMP,
    report JSON
)
"""


class ReportStore:
    """Reports by id in a DuckDB file (``":memory:"`` for one that lasts as long as the object)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._connection = duckdb.connect(self.path)
        self._lock = threading.Lock()
        self.closed = False
        with self._lock:
            self._connection.execute(_SCHEMA)

    def put(self, report: dict[str, Any], *, doc_id: str | None = None) -> str:
        """Store a report and return its new id; ``doc_id`` defaults to the story's id."""
        report_id = uuid.uuid4().hex
        story_id = report.get("story", {}).get("id")
        with self._lock:
            self._connection.execute(
                "INSERT INTO reports VALUES (?, ?, ?, ?, ?)",
                [
                    report_id,
                    story_id,
                    doc_id if doc_id is not None else story_id,
                    datetime.now(UTC).replace(tzinfo=None),
                    json.dumps(report, ensure_ascii=False),
                ],
            )
        return report_id

    def get(self, report_id: str) -> dict[str, Any] | None:
        """The stored report, or None when there is no report with that id."""
        with self._lock:
            row = self._connection.execute(
                "SELECT report FROM reports WHERE report_id = ?", [report_id]
            ).fetchone()
        if row is None:
            return None
        report: dict[str, Any] = json.loads(row[0])
        return report

    def count(self) -> int:
        with self._lock:
            row = self._connection.execute("SELECT count(*) FROM reports").fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        with self._lock:
            self._connection.close()
            self.closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
