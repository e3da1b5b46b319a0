from __future__ import annotations

from pathlib import Path

from storycheck.analyzers.thread import ThreadSummary
from storycheck.doc import Doc
from storycheck.read import read_one


def test_seed_thread_summary(seed_path: Path) -> None:
    summary = ThreadSummary()(Doc(read_one(seed_path))).summary
    assert summary["comments"] == 6
    assert summary["top_level"] == 1
    assert summary["max_depth"] == 4
    assert summary["anonymous"] == 3
    assert summary["participants"] == 1
    graph = {(e["from"], e["to"]): e["replies"] for e in summary["reply_graph"]}
    assert graph == {
        ("David Lilley", "(story)"): 1,
        ("(anonymous)", "David Lilley"): 3,
        ("David Lilley", "(anonymous)"): 2,
    }


def test_each_comment_is_annotated_with_whom_it_answers(seed_path: Path) -> None:
    findings = ThreadSummary()(Doc(read_one(seed_path)))
    by_target = {a.target: a for a in findings.annotations}
    assert by_target["c3"].attrs == {
        "depth": 2,
        "replies": 1,
        "replies_to": "(anonymous)",
        "words": by_target["c3"].attrs["words"],
    }
    assert by_target["c1"].label == "top-level"
    assert "David Lilley replies to (story)" in by_target["c1"].explanation
