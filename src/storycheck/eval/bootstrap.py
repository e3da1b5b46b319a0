"""How far a dev score could move by chance: a bootstrap interval over the split's units.

The dev splits here are small (59 PTC articles, 25 RumourEval threads, 300
LOGIC texts), and a target missed or met by a span or a tweet says little
unless the score's own spread is printed beside it. The units resampled are
those the split was drawn by (articles, threads), so that what one article or
thread holds moves together, as it would in another draw of the split.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

ROUNDS = 1000
SEED = 20261127
LEVEL = 0.95

Part = TypeVar("Part")
Gold = TypeVar("Gold")
Guess = TypeVar("Guess")


def interval(
    parts: Sequence[Part], combine: Callable[[Sequence[Part]], float]
) -> tuple[float, float]:
    """The central ``LEVEL`` of ``combine`` over ``ROUNDS`` resamples of ``parts`` with
    replacement, each as many as ``parts``; seeded, so a rerun prints the same interval."""
    if not parts:
        raise ValueError("no units to resample")
    rng = np.random.default_rng(SEED)
    draws = rng.integers(0, len(parts), size=(ROUNDS, len(parts)))
    values = [combine([parts[i] for i in draw]) for draw in draws]
    tail = (1 - LEVEL) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return round(float(low), 4), round(float(high), 4)


def interval_extra(
    metric: str, units: str, parts: Sequence[Part], combine: Callable[[Sequence[Part]], float]
) -> dict[str, float]:
    """The interval as two lines of an evaluation's extra figures."""
    low, high = interval(parts, combine)
    where = f"{LEVEL:.0%} bootstrap interval over {len(parts)} {units}"
    return {f"{metric}, {where}, low": low, f"{metric}, {where}, high": high}


def paired_extra(
    metric: str,
    units: str,
    groups: Sequence[Sequence[tuple[Gold, Guess]]],
    score: Callable[[list[Gold], list[Guess]], float],
) -> dict[str, float]:
    """``interval_extra`` over groups of (gold, predicted) pairs, each group one unit of the
    split (a body's pairs, a thread's tweets, or a single text), scored by ``score`` over the
    pairs of the groups drawn."""

    def pooled(drawn: Sequence[Sequence[tuple[Gold, Guess]]]) -> float:
        pairs = [pair for group in drawn for pair in group]
        return score([g for g, _ in pairs], [p for _, p in pairs])

    return interval_extra(metric, units, groups, pooled)
