"""The DuckDB report store, on a real report of the seed story."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from storycheck import analyze, read_one
from storycheck.store import ReportStore


@pytest.fixture(scope="module")
def seed_report(seed_path: Path) -> dict:
    return analyze(read_one(seed_path)).to_dict()


def test_a_stored_report_comes_back_whole(tmp_path, seed_report):
    with ReportStore(tmp_path / "reports.duckdb") as store:
        first = store.put(seed_report)
        second = store.put(seed_report, doc_id="row 7")
        assert first != second
        assert store.get(first) == seed_report
        assert store.count() == 2
        assert store.get("no-such-id") is None


def test_reports_outlive_the_store_that_wrote_them(tmp_path, seed_report):
    path = tmp_path / "sub" / "reports.duckdb"
    with ReportStore(path) as store:
        report_id = store.put(seed_report, doc_id="row 7")
    with ReportStore(path) as store:
        assert store.get(report_id) == seed_report
    with duckdb.connect(str(path)) as db:
        columns = db.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'reports' ORDER BY ordinal_position"
        ).fetchall()
        row = db.execute(
            "SELECT story_id, doc_id, report->>'$.story.title' FROM reports WHERE report_id = ?",
            [report_id],
        ).fetchone()
    assert [name for name, _ in columns] == [
        "report_id",
        "story_id",
        "doc_id",
        "created_at",
        "report",
    ]
    assert dict(columns)["report"] == "JSON"
    assert row == (seed_report["story"]["id"], "row 7", seed_report["story"]["title"])
