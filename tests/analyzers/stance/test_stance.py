from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from storycheck import mpnet
from storycheck.analyzers.stance import Stance, main_claim
from storycheck.analyzers.stance.features import featurize, texts_to_embed, turns_of
from storycheck.analyzers.stance.head import shipped
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc
from storycheck.eval.rumoureval import STANCES
from storycheck.pipeline import analyze
from storycheck.read import read_one
from storycheck.read.rumour import read_thread
from storycheck.report.html import to_html
from storycheck.report.text import render


@pytest.fixture(scope="module")
def seed_findings(seed_path: Path) -> tuple[Doc, Findings]:
    doc = Doc(read_one(seed_path))
    return doc, Stance()(doc)


def test_every_seed_comment_gets_one_stance(seed_findings: tuple[Doc, Findings]) -> None:
    doc, findings = seed_findings
    thread = doc.story.thread
    assert len(thread) > 5
    assert [a.target for a in findings.annotations] == [c.id for c in thread]
    for a in findings.annotations:
        assert a.kind == "stance" and a.label in STANCES
        assert a.score is not None and 0.0 < a.score <= 1.0
        assert a.score == pytest.approx(a.attrs["probabilities"][a.attrs["head_label"]], abs=1e-4)
        assert "toward the title" in a.explanation
        assert a.attrs["depth"] == thread[a.target].depth
        assert 0.0 <= a.attrs["encoder_probability"] <= 1.0
        assert "the encoder reading it with what it answers" in a.explanation
        if a.label != a.attrs["head_label"]:
            parent = thread[a.target].parent
            assert (a.attrs["head_label"], a.label) == ("deny", "support")
            assert parent is not None and "denies a comment that denies" in a.explanation


def test_the_encoder_moves_the_head_by_its_share(seed_findings: tuple[Doc, Findings]) -> None:
    doc, _ = seed_findings
    head = shipped()
    assert head.blend is not None and 0.0 < head.blend.share < 1.0
    turns = turns_of(doc.story, doc.story.title)
    texts = texts_to_embed(turns)
    x = featurize(turns, dict(zip(texts, mpnet.embed(texts), strict=True)))
    alone = head.probabilities(x)
    encoder = head.encoder(turns)
    assert encoder is not None and encoder.shape == alone.shape
    assert np.allclose(encoder.sum(axis=1), 1.0, atol=1e-3)
    share = head.blend.share
    assert np.allclose(head.mixed(x, turns), share * encoder + (1 - share) * alone)
    # The two readers disagree somewhere, or the encoder would add nothing.
    assert np.abs(encoder - alone).max() > 0.1


def test_seed_summary_adds_up(seed_findings: tuple[Doc, Findings]) -> None:
    doc, findings = seed_findings
    summary = findings.summary
    assert summary["main_claim"] == doc.story.title and summary["main_claim_from"] == "title"
    assert summary["comments"] == len(doc.story.thread) == sum(summary["counts"].values())
    by_depth = summary["by_depth"]
    assert [row["depth"] for row in by_depth] == sorted({c.depth for c in doc.story.thread})
    assert sum(row[s] for row in by_depth for s in STANCES) == summary["comments"]
    assert summary["asking_for_evidence"] >= summary["counts"]["query"]
    assert 0.0 <= summary["asking_for_evidence_share"] <= 1.0


def test_the_seed_comment_asking_for_evidence_is_seen_asking(
    seed_findings: tuple[Doc, Findings],
) -> None:
    doc, findings = seed_findings
    [asking] = [a for a in findings.annotations if "Please give evidence" in doc.text_of(a.target)]
    assert "question" in asking.attrs["cues"]
    assert asking.label in {"query", "deny"}


def test_the_top_claim_replaces_the_title_when_claims_ran(seed_path: Path) -> None:
    doc = Doc(read_one(seed_path))
    text = doc.text_of("story")
    start = text.index("The Syrian parliament speaker said")
    end = text.index(".", start) + 1
    for score, (s, e) in ((0.9, (start, end)), (0.4, (0, 20))):
        doc.annotations.append(
            Annotation("claims", "claim", "accusation", "test", start=s, end=e, score=score)
        )
    claim, origin = main_claim(doc)
    assert origin == "claim" and claim == text[start:end]


def test_a_rumour_thread_gets_the_stances_annotators_gave(datasets: Path) -> None:
    from storycheck.eval.rumoureval import TASK_A, read_gold

    root = datasets / "rumoureval2017"
    gold = read_gold(root / "dev-annotations" / TASK_A, STANCES)
    right = total = 0
    for folder in sorted((root / "dev" / "germanwings-crash").iterdir())[:6]:
        findings = Stance()(Doc(read_thread(folder)))
        for a in findings.annotations:
            if a.target in gold:
                total += 1
                right += a.attrs["head_label"] == gold[a.target]
    assert total > 30
    assert right / total > 0.6


def test_reports_show_the_stance_badge(seed_path: Path) -> None:
    report = analyze(read_one(seed_path), ["thread", "stance"])
    stances = report.of_kind("stance", None)
    assert len(stances) == len(report.story.thread)
    assert report.summaries["stance"]["comments"] == len(stances)
    console = Console(width=200, record=True)
    console.print(render(report))
    shown = console.export_text()
    assert all(f"‹{a.label} {a.score:.2f}›" in shown for a in stances)
    html = to_html(report)
    assert html.count('class="stance stance-') == len(stances)
