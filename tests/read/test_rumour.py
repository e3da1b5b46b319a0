"""RumourEval / PHEME thread folders, on the real development threads."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storycheck.errors import Problem, ReadError
from storycheck.model import Story
from storycheck.read import read
from storycheck.read.rumour import find_threads, is_thread_folder, read_thread

NESTED = "580319078155468800"
DEEP = "580325090367315968"


@pytest.fixture(scope="module")
def dev(datasets: Path) -> Path:
    return datasets / "rumoureval2017" / "dev" / "germanwings-crash"


def _preorder(tree: object, parent: str | None = None) -> list[tuple[str, str | None]]:
    """(id, parent) of every node below the source, as structure.json nests them."""
    out: list[tuple[str, str | None]] = []
    if isinstance(tree, dict):
        for key, sub in tree.items():
            out.append((key, parent))
            out.extend(_preorder(sub, key))
    return out


def _copy(src: Path, dst: Path) -> Path:
    """A writable copy: the shared data is read-only, and copytree keeps that."""
    for path in src.rglob("*"):
        if path.is_file():
            target = dst / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return dst


def test_all_dev_threads_are_found_and_read(dev):
    folders = list(find_threads(dev.parent))
    assert len(folders) == 25
    assert folders == sorted(folders)
    for folder in folders:
        story = read_thread(folder)
        assert story.id == folder.name
        assert len(story.thread) == len(list((folder / "replies").glob("*.json")))
        assert {c.id for c in story.thread} == {p.stem for p in (folder / "replies").glob("*.json")}


def test_find_threads_yields_a_thread_folder_itself(dev):
    assert list(find_threads(dev / NESTED)) == [dev / NESTED]
    assert is_thread_folder(dev / NESTED)
    assert not is_thread_folder(dev)
    assert not is_thread_folder(dev / NESTED / "replies")


@pytest.mark.parametrize("thread", [NESTED, DEEP])
def test_thread_tree_equals_structure_json(dev, thread):
    folder = dev / thread
    structure = json.loads((folder / "structure.json").read_text(encoding="utf-8"))
    expected = _preorder(structure[thread])

    story = read_thread(folder)

    assert [(c.id, c.parent) for c in story.thread] == expected
    assert story.warnings == ()
    assert story.thread.max_depth > 3
    for comment in story.thread:
        children = [cid for cid, parent in expected if parent == comment.id]
        assert list(comment.children) == children
        expected_depth = 0 if comment.parent is None else story.thread[comment.parent].depth + 1
        assert comment.depth == expected_depth


def test_source_tweet_becomes_the_story(dev):
    folder = dev / NESTED
    tweet = json.loads((folder / "source-tweet" / f"{NESTED}.json").read_text(encoding="utf-8"))

    story = read_thread(folder)

    assert story.title == tweet["text"]
    assert story.text == tweet["text"]
    assert [p.kind for p in story.paragraphs] == ["title"]
    assert story.outlet == "twitter.com"
    assert story.authors == ("BBCBreaking",)
    assert story.url == f"https://twitter.com/BBCBreaking/status/{NESTED}"
    assert story.published == date(2015, 3, 24)
    assert story.language == "en"
    assert story.source_format == "rumour"


def test_reply_fields(dev):
    folder = dev / NESTED
    story = read_thread(folder)
    reply = story.thread["580325939273424896"]
    tweet = json.loads((folder / "replies" / f"{reply.id}.json").read_text(encoding="utf-8"))

    assert reply.author == tweet["user"]["screen_name"] == "MissWitch2310"
    assert reply.text == tweet["text"]
    assert reply.parent == "580325778207932416"
    assert reply.published == "2015-03-24T11:11:00+00:00"


def test_replies_without_files_are_warned_about(dev):
    folder = dev / "580323060533764097"
    story = read_thread(folder)
    assert len(story.thread) == 0
    assert len(story.warnings) == 1
    assert "580323717210836992" in story.warnings[0]
    assert "580323932911362048" in story.warnings[0]


def test_missing_reply_hands_its_children_to_its_parent(dev, tmp_path):
    folder = _copy(dev / NESTED, tmp_path / NESTED)
    (folder / "replies" / "580325778207932416.json").unlink()

    story = read_thread(folder)

    assert "580325778207932416" not in {c.id for c in story.thread}
    assert story.thread["580325939273424896"].parent == "580319644218687488"
    assert story.thread["580409410884894720"].parent == "580319644218687488"
    assert story.thread.children_of("580319644218687488") == (
        story.thread["580325939273424896"],
        story.thread["580409410884894720"],
    )
    assert any("580325778207932416" in w for w in story.warnings)


def test_reply_file_left_out_of_structure_json_is_placed_by_in_reply_to(dev, tmp_path):
    folder = _copy(dev / NESTED, tmp_path / NESTED)
    structure = json.loads((folder / "structure.json").read_text(encoding="utf-8"))
    # Drop a leaf reply from the tree; its file stays.
    parent = structure[NESTED]["580319644218687488"]["580325778207932416"]
    parent["580325939273424896"]["580326288885420032"] = []
    (folder / "structure.json").write_text(json.dumps(structure), encoding="utf-8")

    story = read_thread(folder)

    assert story.thread["580326388110114816"].parent == "580326288885420032"
    assert len(story.thread) == len(list((folder / "replies").glob("*.json")))
    assert story.warnings == ()


def test_thread_folder_without_structure_json_is_bad_thread(dev, tmp_path):
    folder = _copy(dev / NESTED, tmp_path / "events" / NESTED)
    (folder / "structure.json").unlink()

    assert is_thread_folder(folder)
    with pytest.raises(ReadError) as caught:
        read_thread(folder)
    assert caught.value.problem is Problem.BAD_THREAD
    assert "structure.json" in str(caught.value)

    results = list(read(tmp_path / "events"))
    assert len(results) == 1
    assert isinstance(results[0], ReadError)
    assert results[0].problem is Problem.BAD_THREAD


def test_thread_folder_without_source_tweet_is_bad_thread(dev, tmp_path):
    folder = _copy(dev / NESTED, tmp_path / NESTED)
    (folder / "source-tweet" / f"{NESTED}.json").unlink()
    with pytest.raises(ReadError) as caught:
        read_thread(folder)
    assert caught.value.problem is Problem.BAD_THREAD


def test_read_entry_point_reads_every_dev_thread(dev):
    results = list(read(dev))
    assert len(results) == 25
    assert all(isinstance(r, Story) for r in results)
    assert sum(len(r.thread) for r in results if isinstance(r, Story)) == len(
        list(dev.glob("*/replies/*.json"))
    )
