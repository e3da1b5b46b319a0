from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from storycheck.eval import bootstrap, fnc1, ptc


def _share(parts: Sequence[tuple[int, int]]) -> float:
    return sum(right for right, _ in parts) / sum(total for _, total in parts)


def test_a_score_every_unit_agrees_on_has_no_spread() -> None:
    assert bootstrap.interval([(3, 4)] * 20, _share) == (0.75, 0.75)


def test_the_interval_holds_the_score_widens_with_fewer_units_and_reruns_alike() -> None:
    rng = random.Random(3)
    many = [(rng.randint(0, 10), 10) for _ in range(200)]
    few = many[:20]
    low, high = bootstrap.interval(many, _share)
    assert low < _share(many) < high
    few_low, few_high = bootstrap.interval(few, _share)
    assert few_high - few_low > high - low
    assert bootstrap.interval(many, _share) == (low, high)
    with pytest.raises(ValueError, match="no units"):
        bootstrap.interval([], _share)


def test_si_parts_add_up_to_the_score_and_its_interval_holds_it(datasets: Path) -> None:
    _, dev = ptc.split(ptc.load_release(datasets, ptc.SI_LABELS))
    gold = ptc.gold_si(dev)
    # Every other merged gold span, cut short: a score between 0 and 1.
    predicted = {
        article: [(s, max(s + 1, e - 5)) for s, e in ptc.merge_overlapping(spans)[::2]]
        for article, spans in gold.items()
    }
    parts = ptc.si_parts(predicted, gold)
    assert ptc.si_combine(parts.values()) == ptc.si_score(predicted, gold)
    evaluation = ptc.evaluate_si(dev, predicted, "dev")
    interval = [v for k, v in evaluation.extra.items() if "bootstrap interval over 59" in k]
    assert len(interval) == 2 and interval[0] < evaluation.value < interval[1]


def test_the_fnc_interval_resamples_bodies_only_when_it_is_told_them() -> None:
    gold = ["agree", "unrelated", "discuss", "unrelated", "disagree", "unrelated"]
    predicted = ["agree", "unrelated", "agree", "discuss", "disagree", "unrelated"]
    bodies = [1, 1, 2, 2, 3, 3]
    told = fnc1.evaluate(gold, predicted, "s", bodies=bodies)
    interval = [v for k, v in told.extra.items() if "bootstrap interval over 3 bodies" in k]
    assert len(interval) == 2 and interval[0] <= told.value <= interval[1] <= 100.0
    untold = fnc1.evaluate(gold, predicted, "s")
    assert not any("bootstrap" in k for k in untold.extra)
    with pytest.raises(ValueError):
        fnc1.evaluate(gold, predicted, "s", bodies=bodies[:-1])
