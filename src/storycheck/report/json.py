"""The report as JSON: the stable, documented form (see schema.json)."""

from __future__ import annotations

import json

from storycheck.report.core import Report


def to_json(report: Report, *, indent: int | None = 2) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)
