from __future__ import annotations

import json
from pathlib import Path

import pytest

from storycheck.errors import ReadError
from storycheck.read import read, read_one
from storycheck.read.storyjson import story_from_dict, story_to_dict


def test_round_trip_keeps_the_whole_story(seed_path: Path) -> None:
    story = read_one(seed_path)
    assert story_from_dict(json.loads(json.dumps(story_to_dict(story))), "x") == story


def test_hand_written_story_gets_offsets_children_and_depths(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text(
        json.dumps(
            {
                "id": "s1",
                "title": "Title",
                "paragraphs": ["First paragraph.", {"text": "Second.", "start": 999}],
                "thread": {
                    "comments": [
                        {"id": "a", "author": "Ann", "paragraphs": ["Hello."]},
                        {"id": "b", "parent": "a", "paragraphs": ["Reply."]},
                    ]
                },
            }
        )
    )
    story = read_one(path)
    assert story.id == "s1"
    assert [p.start for p in story.paragraphs] == [0, 7, 25]
    assert story.text[25:] == "Second."
    assert story.paragraphs[0].kind == "title" and story.paragraphs[0].text == "Title"
    assert story.thread["a"].children == ("b",)
    assert story.thread["b"].depth == 1 and story.thread["b"].author is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"title": "x"', "[E007]"),
        ('{"title": "x"}', "'paragraphs' is a required property"),
        ('{"paragraphs": [], "title": "x"}', "at paragraphs"),
        (
            '{"paragraphs": ["a"], "thread": {"comments": '
            '[{"id": "b", "parent": "z", "paragraphs": ["x"]}]}}',
            "parent 'z'",
        ),
    ],
)
def test_malformed_json_is_refused_with_the_place(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    [result] = list(read(path))
    assert isinstance(result, ReadError)
    assert message in str(result) and str(path) in str(result)


def test_a_list_reports_each_bad_item_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(
        json.dumps([{"paragraphs": ["one"]}, {"paragraphs": 3}, {"paragraphs": ["three"]}])
    )
    results = list(read(path))
    assert [type(r).__name__ for r in results] == ["Story", "ReadError", "Story"]
    assert isinstance(results[1], ReadError) and results[1].doc_id == f"{path}[1]"
