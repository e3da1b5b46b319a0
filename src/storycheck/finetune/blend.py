"""A fine-tuned encoder mixed with a task's existing head, and how much to trust it.

On the small benchmarks here the fine-tuned upper layers alone do not beat a
linear head over n-grams and frozen embeddings, but they err differently, so
the average of the two probability tables can beat both. How long to train
and the encoder's share are chosen together on out-of-fold predictions of
the training data; a share of 0 ships the head alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck.finetune import lower, top
from storycheck.finetune import train as finetune

SHARES = tuple(round(s, 1) for s in np.arange(0.0, 1.01, 0.1))
Score = Callable[[npt.NDArray[np.float64]], float]


ENCODER_LAYERS = 6


@dataclass(frozen=True)
class Choice:
    epochs: int
    share: float
    score: float
    head_score: float
    # Out-of-fold score of every (epochs, share) tried, for meta.json.
    table: dict[str, float]
    # The encoder's out-of-fold probabilities after ``epochs``, for a stacked head.
    out_of_fold: npt.NDArray[np.float64] | None = field(default=None, repr=False, compare=False)

    def details(self, recipe: finetune.Recipe, selection: str) -> dict[str, Any]:
        """What meta.json records of the encoder; ``lower`` and ``share`` are read back."""
        return {
            "lower": lower.model_name(recipe.frozen),
            "trained_layers": ENCODER_LAYERS - recipe.frozen,
            "share": self.share,
            "epochs": self.epochs,
            "recipe": recipe.as_dict(),
            "selection": (
                f"{selection} (out of fold {self.score:.4f}; head alone {self.head_score:.4f})"
            ),
            "cross_validation": self.table,
        }


def choose(
    encoder_by_epoch: npt.NDArray[np.float64],
    head: npt.NDArray[np.float64],
    score: Score,
    shares: Sequence[float] = SHARES,
) -> Choice:
    """The (epochs, share) with the best out-of-fold score; ties go to fewer epochs, less share."""
    head_score = score(head)
    best = (encoder_by_epoch.shape[0], 0.0, head_score)
    table: dict[str, float] = {}
    for epoch, encoder in enumerate(encoder_by_epoch, start=1):
        for share in shares:
            value = score(share * encoder + (1.0 - share) * head)
            table[f"epochs={epoch} share={share:.1f}"] = round(value, 4)
            if value > best[2] + 1e-9:
                best = (epoch, share, value)
    return Choice(*best, head_score, table)


def fit(
    states: finetune.States,
    labels: npt.NDArray[np.intp],
    folds: npt.NDArray[np.intp],
    head_out_of_fold: npt.NDArray[np.float64],
    score: Score,
    recipe: finetune.Recipe,
    path: Path,
) -> tuple[Blend, Choice]:
    """Choose epochs and share across ``folds``, then fine-tune on all and write it to ``path``.

    ``head_out_of_fold`` holds the task head's probabilities from heads fitted
    without each text's fold; ``states`` are those after ``recipe.frozen``
    layers. A share of 0 removes any graph at ``path``.
    """
    classes = head_out_of_fold.shape[1]
    encoder_by_epoch = finetune.out_of_fold(states, labels, folds, classes, recipe)
    choice = choose(encoder_by_epoch, head_out_of_fold, score)
    choice = replace(choice, out_of_fold=encoder_by_epoch[choice.epochs - 1])
    if choice.share > 0:
        final = replace(recipe, epochs=choice.epochs)
        top.export(finetune.fit(states, labels, classes, final), path)
    else:
        path.unlink(missing_ok=True)
    return Blend(path, choice.share, recipe.frozen), choice


@dataclass(frozen=True)
class Blend:
    """The shipped encoder graph and its share of each probability."""

    path: Path
    share: float
    # The packaged layers the encoder reads frozen, below its own.
    frozen: int

    @classmethod
    def shipped(cls, path: Path, details: dict[str, Any]) -> Blend | None:
        """The blend that meta.json's ``encoder`` details describe; None when they name
        frozen layers that the running code computes differently."""
        frozen = ENCODER_LAYERS - int(details.get("trained_layers", -1))
        if details.get("lower") != lower.model_name(frozen):
            return None
        return cls(path, float(details["share"]), frozen)

    def mix(self, head: npt.NDArray[np.float64], texts: Sequence[str]) -> npt.NDArray[np.float64]:
        if self.share == 0.0 or not texts:
            return head
        return self.combine(head, self.encoder(texts))

    def encoder(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        return top.predict(self.path, texts, self.frozen).astype(np.float64)

    def combine(
        self, head: npt.NDArray[np.float64], encoder: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.float64]:
        return self.share * encoder + (1.0 - self.share) * head
