from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def one_comment(tmp_path: Path) -> Path:
    """A story with a single comment, whose counts read in the singular."""
    path = tmp_path / "one-comment.txt"
    path.write_text(
        "Harbour to close for repairs\n\n"
        "The harbour will close for six weeks, the port authority said on Monday.\n\n"
        "  • Harbourwatcher\n\n    Does anyone have the engineers' report?\n",
        encoding="utf-8",
    )
    return path
