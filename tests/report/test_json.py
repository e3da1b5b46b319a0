from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from storycheck import analyze, read_one
from storycheck.read.storyjson import story_from_dict
from storycheck.report.json import to_json
from storycheck.report.schema import SCHEMA_VERSION, load_schema


@pytest.fixture(scope="module")
def seed_report_json(seed_path: Path) -> dict:
    return json.loads(to_json(analyze(read_one(seed_path))))


def test_report_follows_the_schema(seed_report_json: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())
    jsonschema.validate(seed_report_json, load_schema())
    assert seed_report_json["schema_version"] == SCHEMA_VERSION


def test_schema_rejects_a_report_missing_its_story(seed_report_json: dict) -> None:
    broken = {k: v for k, v in seed_report_json.items() if k != "story"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, load_schema())


def test_annotations_point_at_their_text(seed_report_json: dict, seed_path: Path) -> None:
    story = story_from_dict(seed_report_json["story"], "seed")
    for a in seed_report_json["annotations"]:
        if a["kind"] == "entity":
            text = story.text if a["target"] == "story" else story.thread[a["target"]].text
            assert text[a["start"] : a["end"]] == a["attrs"]["text"]


def test_the_embedded_story_reads_back_as_the_same_story(
    seed_report_json: dict, seed_path: Path
) -> None:
    assert story_from_dict(seed_report_json["story"], "x") == read_one(seed_path)
