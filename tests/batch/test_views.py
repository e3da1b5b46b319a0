from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storycheck import analyze, read_one
from storycheck.batch import open_sink
from storycheck.batch.tables import report_rows
from storycheck.batch.views import PRIOR_STORIES, TYPICAL_SCORE, VIEWS, query
from storycheck.cli import app

# The seed story as if four outlets had printed it: three rated by the site lists, one not.
OUTLETS = (
    "canadafreepress.com",
    "washingtonexaminer.com",
    "washingtonexaminer.com",
    "x.example",
    "newsmax.com",
    "newsmax.com",
    "newsmax.com",
)


@pytest.fixture(scope="module")
def results(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    seed = read_one(seed_path)
    out = tmp_path_factory.mktemp("views") / "results.duckdb"
    sink = open_sink(out)
    try:
        for n, outlet in enumerate(OUTLETS):
            report = analyze(replace(seed, id=f"seed-{n}", outlet=outlet), ["reliability"])
            sink.write(report_rows(report.to_dict(), f"seed-{n}", "test", 0.0))
    finally:
        sink.close()
    return out


def test_story_reliability_keeps_the_outlets_rating_out_of_the_text_score(results: Path) -> None:
    rows = query(
        results,
        "SELECT outlet, score, text_score, listed_rating FROM story_reliability "
        "WHERE doc_id IN ('seed-0', 'seed-1', 'seed-3') ORDER BY doc_id",
    )
    [(_, low, text, rating), (_, high, text_high, _), (_, unrated, text_x, none)] = rows
    assert rating == "low" and none is None
    assert text == text_high == text_x == unrated
    assert low == pytest.approx(text - 8.0, abs=0.05)
    assert high == pytest.approx(text + 8.0, abs=0.05)


def test_an_outlets_record_is_shrunk_toward_a_typical_story(results: Path) -> None:
    [(stories, mean, record, rating, by)] = query(
        results,
        "SELECT stories, mean_text_score, record, listed_rating, listed_by "
        "FROM outlet_reliability WHERE outlet = 'washingtonexaminer.com'",
    )
    assert (stories, rating, by) == (2, "high", "mbfc")
    expected = (2 * float(mean) + PRIOR_STORIES * TYPICAL_SCORE) / (2 + PRIOR_STORIES)
    assert record == pytest.approx(expected, abs=0.1)
    assert float(mean) < float(record) < TYPICAL_SCORE


def test_agreement_with_the_lists_is_measured_over_rated_outlets(results: Path) -> None:
    records = dict(query(results, "SELECT listed_rating, record FROM outlet_reliability"))
    [(outlets, rho, high, mixed, low)] = query(results, "SELECT * FROM outlet_agreement")
    assert (outlets, high, mixed, low) == (3, records["high"], records["mixed"], records["low"])
    # The same text everywhere: records differ only by shrinkage, the more stories the lower.
    assert float(records["low"]) > float(records["high"]) > float(records["mixed"])
    assert rho == pytest.approx(-0.5)


def test_query_help_names_every_view() -> None:
    result = CliRunner().invoke(app, ["query", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert [name for name in VIEWS if name not in result.output] == []
