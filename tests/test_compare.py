from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storycheck.cli import app
from storycheck.compare import body_of, claim_of, compare
from storycheck.eval import fnc1
from storycheck.model import Story, build_story

runner = CliRunner()


@pytest.fixture(scope="module")
def stories(datasets: Path) -> tuple[Story, Story, Story]:
    """Three dev-split articles of FNC-1: a story, one that agrees with it, one on another topic.

    Each is titled with one of its own headlines, as an outlet would title it.
    """
    _, dev = fnc1.split(fnc1.load_release(datasets))
    agreeing = Counter(p.headline for p in dev.pairs if p.stance == "agree")
    claim = agreeing.most_common(1)[0][0]
    agree_bodies = sorted(
        {p.body_id for p in dev.pairs if p.headline == claim and p.stance == "agree"}
    )
    unrelated_body = min(
        p.body_id for p in dev.pairs if p.headline == claim and p.stance == "unrelated"
    )

    def article(body_id: int, title: str | None = None) -> Story:
        own = sorted(
            p.headline for p in dev.pairs if p.body_id == body_id and p.stance != "unrelated"
        )
        paragraphs = [p for p in dev.bodies[body_id].split("\n") if p.strip()]
        return build_story(f"fnc-{body_id}", title or own[0], paragraphs)

    return (
        article(agree_bodies[0], claim),
        article(agree_bodies[1]),
        article(unrelated_body),
    )


def test_claim_and_body_of_a_story() -> None:
    titled = build_story("a", "Headline here", ["First sentence. Second one."])
    assert claim_of(titled) == "Headline here"
    assert body_of(titled) == "First sentence. Second one."
    untitled = build_story("b", "", ["First sentence. Second one."])
    assert claim_of(untitled) == "First sentence."
    assert body_of(untitled) == "First sentence. Second one."


@pytest.mark.slow
def test_related_and_unrelated_articles(stories: tuple[Story, Story, Story]) -> None:
    story, agreeing, other_topic = stories
    results = compare(story, [agreeing, other_topic])
    assert [r.other_id for r in results] == [agreeing.id, other_topic.id]
    related, unrelated = results
    assert related.stance.label in fnc1.RELATED
    assert unrelated.stance.label == "unrelated"
    assert unrelated.reverse.label == "unrelated"
    assert related.similarity > unrelated.similarity
    for r in results:
        assert sum(r.stance.probabilities.values()) == pytest.approx(1.0)
        assert r.stance.confidence == r.stance.probabilities[r.stance.label]
    assert compare(story, []) == []


def _write(path: Path, story: Story) -> Path:
    path.write_text(story.title + "\n\n" + body_of(story) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_compare_command(stories: tuple[Story, Story, Story], tmp_path: Path) -> None:
    agreeing = stories[1]
    files = [_write(tmp_path / f"{s.id}.txt", s) for s in stories]
    result = runner.invoke(app, ["compare", *map(str, files), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["story"] == str(files[0])
    rows = payload["comparisons"]
    assert [row["other"] for row in rows] == [str(files[1]), str(files[2])]
    assert rows[0]["stance"] in fnc1.RELATED
    assert rows[1]["stance"] == "unrelated"
    assert rows[0]["other_title"] == agreeing.title

    table = runner.invoke(app, ["compare", *map(str, files)])
    assert table.exit_code == 0, table.output
    assert "unrelated" in table.stdout
    assert "similarity" in table.stdout

    missing = runner.invoke(app, ["compare", str(files[0]), str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1
    assert "nope.txt" in missing.output
