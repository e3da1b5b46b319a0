from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storycheck.cli import app
from storycheck.errors import StorycheckError
from storycheck.factchecks import claimreview, store


def test_one_object_reads_every_documented_field(claim_review: dict[str, Any]) -> None:
    records, skipped = claimreview.parse(json.dumps(claim_review))
    assert skipped == []
    (record,) = records
    assert record.claim == "The harbour will close to all shipping next month"
    assert record.verdict == "Mostly false"
    assert record.rating_value == 2.0
    assert record.claimant == "A. Councillor"
    assert record.source == "Example Fact Desk"
    assert record.date == "2026-03-02"
    assert record.url == "https://example.com/factchecks/harbour-closure"


def test_list_graph_and_json_lines_all_read(claim_review: dict[str, Any]) -> None:
    other = {**claim_review, "url": "https://example.com/b", "claimReviewed": "Another claim"}
    no_name = {**other, "reviewRating": {"ratingValue": 4, "bestRating": 5, "worstRating": 1}}
    as_list, _ = claimreview.parse(json.dumps([claim_review, other]))
    as_graph, _ = claimreview.parse(json.dumps({"@graph": [claim_review, other]}))
    as_lines, _ = claimreview.parse(json.dumps(claim_review) + "\n" + json.dumps(no_name))
    assert [r.claim for r in as_list] == [r.claim for r in as_graph] == [r.claim for r in as_lines]
    assert as_lines[1].verdict == "4 on a scale 1-5"


def test_objects_that_are_not_claim_reviews_are_skipped_with_a_reason(
    claim_review: dict[str, Any],
) -> None:
    article = {"@type": "NewsArticle", "headline": "x"}
    empty = {**claim_review, "claimReviewed": ""}
    records, skipped = claimreview.parse(json.dumps([article, empty, claim_review]))
    assert len(records) == 1
    assert len(skipped) == 2
    assert "not a ClaimReview" in skipped[0]
    assert "claimReviewed" in skipped[1]
    with pytest.raises(StorycheckError):
        claimreview.parse("{not json")


def test_import_command_adds_once(
    claim_review: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYCHECK_DATA", str(tmp_path / "data"))
    file = tmp_path / "reviews.json"
    file.write_text(json.dumps([claim_review]), encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(app, ["factchecks", "import", str(file)])
    again = runner.invoke(app, ["factchecks", "import", str(file)])
    assert first.exit_code == 0, first.output
    assert "imported 1 fact-checks (0 already there)" in first.output
    assert "imported 0 fact-checks (1 already there)" in again.output
    (kept,) = store.load()
    assert kept.verdict == "Mostly false"
    assert store.user_index_path().parent == tmp_path / "data" / "storycheck"
