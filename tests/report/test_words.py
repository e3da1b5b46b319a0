from __future__ import annotations

from storycheck.report.words import counted


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert counted(1, "comment") == "1 comment"
    assert counted(0, "comment") == "0 comments"
    assert counted(6, "named participant") == "6 named participants"
