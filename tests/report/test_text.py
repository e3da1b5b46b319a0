from __future__ import annotations

from pathlib import Path

from rich.console import Console

from storycheck import analyze, read_one
from storycheck.model import build_story
from storycheck.report.text import render, unmeasured_reasons


def test_terminal_report_shows_story_and_tree(seed_path: Path) -> None:
    console = Console(width=100, record=True, color_system=None)
    console.print(render(analyze(read_one(seed_path))))
    out = console.export_text()
    assert "Syria Has Recordings" in out
    assert "Political Roadmap" in out
    assert "thread: 6 comments" in out
    lines = out.splitlines()
    c1 = next(i for i, line in enumerate(lines) if "[c1]" in line)
    c2 = next(i for i, line in enumerate(lines) if "[c2]" in line)
    assert "David Lilley" in lines[c1] and "anonymous" in lines[c2]
    assert lines[c2].index("anonymous") > lines[c1].index("David Lilley")


def test_terminal_report_lists_claims_with_chain_and_evidence(seed_path: Path) -> None:
    console = Console(width=160, record=True, color_system=None)
    report = analyze(read_one(seed_path))
    console.print(render(report))
    out = console.export_text()
    assert "claims and the evidence offered" in out
    row = next(line for line in out.splitlines() if "│ 1 " in line)
    assert "promised" in row and "unnamed-official" in row
    promised = report.summaries["evidence"]["by_evidence"]["promised"]
    assert promised >= 1 and "on unnamed ones" in out and f"promised for {promised}" in out


def test_a_claim_with_a_known_fact_check_shows_its_verdict(datasets: Path) -> None:
    with (datasets / "liar" / "train.tsv").open(encoding="utf-8") as rows:
        _, verdict, statement, *_ = next(rows).split("\t")
    story = build_story("fc", statement, ["The statement was repeated on Monday."])
    console = Console(width=200, record=True, color_system=None)
    console.print(render(analyze(story)))
    out = console.export_text()
    assert "known fact-checks of similar claims" in out
    row = next(line for line in out.splitlines() if f" {verdict} " in line and "PolitiFact" in line)
    assert "1.00" in row


def test_counts_of_one_read_in_the_singular(one_comment: Path) -> None:
    console = Console(width=200, record=True, color_system=None)
    console.print(render(analyze(read_one(one_comment))))
    out = console.export_text()
    assert "thread: 1 comment · 1 level deep · 0 anonymous · 1 named participant\n" in out


def test_a_reason_several_signals_share_is_given_once() -> None:
    summary = {
        "unmeasured": [
            {"signal": "claims_unsourced", "detail": "not English"},
            {"signal": "reading_ease", "detail": "not English"},
            {"signal": "outlet_rating", "detail": "outlet unknown: not rated"},
        ]
    }
    assert unmeasured_reasons(summary) == [
        "claims unsourced, reading ease: not English",
        "outlet unknown: not rated",
    ]
