"""A second head over the task head's and the encoder's probabilities and the task's cues.

The blend trusts the encoder by one share everywhere. Where the two disagree
the right one often shows in a cue: the encoder reads a span and its
sentence, not the article, so on a phrase repeated elsewhere the task head
knows better. A logistic regression over both probability tables and the
cues learns that. It is fitted on out-of-fold predictions of the training
data, as the blend's share is chosen, and its output is averaged with the
blend's by a weight chosen the same way; a weight of 0 ships the blend alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck.finetune.blend import Score
from storycheck.heads import SoftmaxHead

CS = (0.003, 0.01, 0.03)
WEIGHTS = (0.5, 1.0)


def inputs(
    head: npt.NDArray[np.float64],
    encoder: npt.NDArray[np.float64],
    cues: npt.NDArray[np.float32],
) -> npt.NDArray[np.float32]:
    return np.hstack([head, encoder, cues]).astype(np.float32)


@dataclass(frozen=True)
class Stack:
    """The stacked head, ``None`` when the blend alone ships, and its weight."""

    head: SoftmaxHead | None
    weight: float

    def mix(
        self,
        blended: npt.NDArray[np.float64],
        head: npt.NDArray[np.float64],
        encoder: npt.NDArray[np.float64],
        cues: npt.NDArray[np.float32],
    ) -> npt.NDArray[np.float64]:
        if self.head is None or len(blended) == 0:
            return blended
        stacked = self.head.probabilities(inputs(head, encoder, cues))
        return self.weight * stacked + (1.0 - self.weight) * blended


@dataclass(frozen=True)
class StackChoice:
    c: float
    weight: float
    score: float
    blend_score: float
    # Out-of-fold score of every (C, weight) tried, for meta.json.
    table: dict[str, float]

    def details(self) -> dict[str, Any]:
        """What meta.json records; ``weight`` is read back."""
        return {
            "C": self.c,
            "weight": self.weight,
            "selection": f"out of fold {self.score:.4f}; blend alone {self.blend_score:.4f}",
            "cross_validation": self.table,
        }


def skipped(blend_score: float) -> StackChoice:
    """The choice recorded when there is no encoder to stack on."""
    return StackChoice(CS[0], 0.0, blend_score, blend_score, {})


def fit(
    head: npt.NDArray[np.float64],
    encoder: npt.NDArray[np.float64],
    cues: npt.NDArray[np.float32],
    labels: npt.NDArray[np.intp],
    folds: npt.NDArray[np.intp],
    share: float,
    score: Score,
) -> tuple[Stack, StackChoice]:
    """Choose C and the weight across ``folds``, then fit the stacked head on every row.

    ``head`` and ``encoder`` are out-of-fold probabilities, one row per
    training text; ``share`` is the blend's. The stacked head is scored the
    same way, fitted without each fold and scored on it, so no row's score
    comes from a stacked head that saw the row.
    """
    classes = head.shape[1]
    blended = share * encoder + (1.0 - share) * head
    x = inputs(head, encoder, cues)
    blend_score = score(blended)
    best = (CS[0], 0.0, blend_score)
    table: dict[str, float] = {}
    for c in CS:
        stacked = np.zeros_like(blended)
        for fold in np.unique(folds):
            held = folds == fold
            fitted = SoftmaxHead.fit(x[~held], labels[~held], c, classes)
            stacked[held] = fitted.probabilities(x[held])
        for weight in WEIGHTS:
            value = score(weight * stacked + (1.0 - weight) * blended)
            table[f"C={c} weight={weight}"] = round(value, 4)
            if value > best[2] + 1e-9:
                best = (c, weight, value)
    choice = StackChoice(*best, blend_score, table)
    if choice.weight == 0.0:
        return Stack(None, 0.0), choice
    return Stack(SoftmaxHead.fit(x, labels, choice.c, classes), choice.weight), choice
