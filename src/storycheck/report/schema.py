"""The report's JSON Schema, shipped inside the package."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SCHEMA_VERSION = "1.1"


@cache
def load_schema() -> dict[str, Any]:
    text = files("storycheck.report").joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
