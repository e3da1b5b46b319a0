"""Story groups on FNC-1, the scorer on hand-checked cases, and claim drift on real copy."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storycheck import analyze
from storycheck.eval import story_groups as benchmark
from storycheck.groups.cluster import components
from storycheck.groups.drift import (
    GroupStory,
    accusations,
    drift,
    new_accusations,
    order,
    reuse,
)
from storycheck.groups.train import TASK
from storycheck.model import Story, build_story
from storycheck.read import read_one


def test_bcubed_and_pairwise_on_a_worked_example() -> None:
    # Gold {0,1,2} {3}; predicted {0,1} {2,3}.
    scores = benchmark.score([0, 0, 0, 1], [0, 0, 1, 1])
    assert scores.bcubed_precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert scores.bcubed_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert (scores.pair_precision, scores.pair_recall) == pytest.approx((1 / 2, 1 / 3))


def test_components_join_chains_and_keep_singletons() -> None:
    labels = components(5, [(0, 1), (1, 3)])
    assert labels[0] == labels[1] == labels[3]
    assert len({labels[0], labels[2], labels[4]}) == 3


def test_gold_groups_split_whole_into_halves(datasets: Path) -> None:
    gold = benchmark.load(*benchmark.default_files(datasets))
    assert len(gold.body_ids) == 433 and len(set(gold.groups)) == 106
    tune, scored = benchmark.halves(gold)
    assert not set(tune.groups) & set(scored.groups)
    assert len(tune.body_ids) + len(scored.body_ids) == 433


def test_shipped_threshold_groups_fnc1_better_than_baselines(datasets: Path) -> None:
    evaluation = TASK.evaluate(())
    assert evaluation.value > 0.8
    assert evaluation.value > evaluation.extra["baseline_near_duplicates_bcubed_f1"] + 0.3


@pytest.fixture(scope="module")
def copies(datasets: Path) -> list[GroupStory]:
    """An FNC-1 body, and a later copy that drops its hedge and its source."""
    gold = benchmark.load(*benchmark.default_files(datasets))
    body = next(t for t in gold.texts if "reportedly" in t.split(". ")[0] and len(t) < 4000)
    lead = body.split(". ")[0] + "."
    hardened = body.replace("reportedly ", "")
    return [
        _member(build_story(doc_id, title, [text]), published, ["evidence"])
        for doc_id, published, text, title in (
            ("later", "2016-05-02", hardened, lead.replace("reportedly ", "")),
            ("origin", "2016-05-01", body, lead),
        )
    ]


def _member(story: Story, published: str, analyzers: list[str]) -> GroupStory:
    report = analyze(story, analyzers=analyzers).to_dict()
    return GroupStory.from_report(story.id, "outlet-" + story.id, published, report)


def test_order_puts_the_earliest_first(copies: list[GroupStory]) -> None:
    assert [s.doc_id for s in order(copies)] == ["origin", "later"]


def test_reuse_finds_the_copied_passages(copies: list[GroupStory]) -> None:
    [found] = reuse(copies)
    assert (found.earlier, found.later) == ("origin", "later")
    assert found.share_of_later > 0.8


def test_drift_reports_the_dropped_hedge(copies: list[GroupStory]) -> None:
    first, second = drift(copies)
    assert "reportedly" in first.hedges
    assert "hedge dropped: 'reportedly'" in second.changes


@pytest.fixture(scope="module")
def retold(seed_path: Path) -> list[GroupStory]:
    """The seed story; an earlier telling without its charge of coordination; a retelling."""
    seed = read_one(seed_path)
    charge = "The Syrian parliament speaker said during her visit to Iran that the US military"
    earlier = [p.text for p in seed.paragraphs[1:] if not p.text.startswith(charge)]
    assert len(earlier) == len(seed.paragraphs) - 2
    # The earlier charge in other words: the first too far from each earlier sentence (cosine
    # 0.62-0.71) to count as the same claim, but with its accusing word; the second with a word of
    # its own, but the same claim.
    retelling = (
        "Damascus says American officers held conversations with the terrorists. The Syrian "
        "intelligence has recordings of talks between terrorists of the Islamic State and the US "
        "Army just before the air strikes."
    )
    return [
        _member(story, published, ["claims", "evidence"])
        for story, published in (
            (replace(seed, id="seed"), "2016-09-27"),
            (build_story("earlier", seed.title, earlier), "2016-09-26"),
            (build_story("retelling", seed.title, [*earlier, retelling]), "2016-09-28"),
        )
    ]


def test_a_new_charge_is_an_accusation_added(retold: list[GroupStory]) -> None:
    added = new_accusations(order(retold))
    [charge] = added["seed"]
    assert "coordinated the offensive of the terrorists" in charge
    # The earlier accusations, told again or in other words, add nothing.
    assert set(added) == {"seed"}
    words = [
        a.words
        for a in accusations(retold[2])
        if "held conversations" in a.text or "of talks" in a.text
    ]
    assert words == [{"conversation"}, {"talk"}]
    changes = {v.doc_id: v.changes for v in drift(retold)}
    assert f"accusation added: {charge!r}" in changes["seed"]
