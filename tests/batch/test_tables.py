"""The seed's report as result-table rows."""

from __future__ import annotations

import json
from pathlib import Path

from storycheck import analyze, read_one
from storycheck.batch.tables import SCHEMAS, report_rows


def test_seed_report_becomes_rows_of_every_table(seed_path: Path) -> None:
    report = analyze(read_one(seed_path)).to_dict()
    rows = report_rows(report, "seed", str(seed_path), 1.5).tables
    for name, table in rows.items():
        assert all(len(row) == len(SCHEMAS[name]) for row in table)
    [story] = rows["stories"]
    assert story[0] == "seed" and story[9] == len(rows["claims"]) > 0
    headline = rows["claims"][0]
    assert headline[6] == "promised" and headline[11].endswith("→ this site")
    assert len(rows["comments"]) == 6
    labels = [json.loads(row[-1]) for row in rows["comments"]]
    assert all("stance" in found and "sentence" not in found for found in labels)
    assert {row[3] for row in rows["techniques"]} >= {"loaded language"}
