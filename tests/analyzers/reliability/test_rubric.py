from __future__ import annotations

from pathlib import Path

import pytest

from storycheck.analyzers.reliability import rubric
from storycheck.analyzers.reliability.signals import Signal

RUBRIC = rubric.Rubric(
    (
        rubric.Rule("spans", -6.0, 10.0, 5.0, "persuasion"),
        rubric.Rule("named", 4.0, 0.5, 0.25, "sources"),
    ),
    "test corpus",
)


def test_each_signal_adds_weight_times_its_distance_in_spreads() -> None:
    estimate = RUBRIC.estimate([Signal("spans", 20.0, "a"), Signal("named", 0.75, "b")])
    points = {c.signal: c.points for c in estimate.contributions}
    assert points == {"spans": -12.0, "named": 4.0}
    assert estimate.score == 50 - 12 + 4
    assert [c.signal for c in estimate.contributions] == ["spans", "named"]


def test_distance_is_capped_so_one_signal_cannot_decide_alone() -> None:
    estimate = RUBRIC.estimate([Signal("spans", 1000.0, "a")])
    assert estimate.contributions[0].points == -6.0 * rubric.Z_CAP


def test_unmeasured_and_left_out_signals_move_nothing() -> None:
    estimate = RUBRIC.estimate(
        [Signal("spans", None, "no words"), Signal("named", 1.0, "b")], leave_out=("named",)
    )
    assert estimate.score == rubric.BASE
    assert estimate.contributions == ()
    assert [s.name for s in estimate.unmeasured] == ["spans"]


def test_score_stays_between_0_and_100_and_bands_follow_it() -> None:
    steep = rubric.Rubric((rubric.Rule("spans", -30.0, 0.0, 1.0, "x"),), "c")
    assert steep.estimate([Signal("spans", 3.0, "a")]).score == 0.0
    assert steep.estimate([Signal("spans", -3.0, "a")]).score == 100.0
    assert rubric.band(65.0) == "better supported than most"
    assert rubric.band(64.9) == "typical"
    assert rubric.band(19.9) == "poorly supported"


def test_references_are_medians_and_spreads_have_a_floor() -> None:
    values = {name: [0.0, 0.0, 1.0] for name in rubric.PRIORS}
    values["techniques_per_1000_words"] = [0.0, 10.0, 20.0, 100.0]
    fitted = rubric.fit_references(values, "c", fixed={"outlet_rating": 0.0})
    rules = {r.signal: r for r in fitted.rules}
    assert rules["techniques_per_1000_words"].reference == 15.0
    assert rules["claims_rated_false"].scale == rubric.PRIORS["claims_rated_false"].min_scale
    assert rules["claims_unsourced"].scale == pytest.approx(0.4714, abs=1e-4)
    assert (rules["outlet_rating"].reference, rules["outlet_rating"].scale) == (0.0, 1.0)


def test_saved_rubric_loads_back(tmp_path: Path) -> None:
    RUBRIC.save(tmp_path / "rubric.json")
    assert rubric.Rubric.load(tmp_path / "rubric.json") == RUBRIC


def test_shipped_rubric_has_a_rule_for_every_prior() -> None:
    assert [r.signal for r in rubric.shipped().rules] == list(rubric.PRIORS)
