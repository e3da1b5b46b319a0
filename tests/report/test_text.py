from __future__ import annotations

from pathlib import Path

from rich.console import Console

from storycheck import analyze, read_one
from storycheck.report.text import render


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
