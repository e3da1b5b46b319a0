"""A fine-tuned encoder mixed with a task's existing head, and how much to trust it.

On the small benchmarks here the fine-tuned upper layers alone do not beat a
linear head over n-grams and frozen embeddings, but they err differently, so
the average of the two probability tables can beat both. How long to train
and the encoder's share are chosen together on out-of-fold predictions of
the training data; a share of 0 ships the head alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storycheck.finetune import top

SHARES = tuple(round(s, 1) for s in np.arange(0.0, 1.01, 0.1))
Score = Callable[[npt.NDArray[np.float64]], float]


@dataclass(frozen=True)
class Choice:
    epochs: int
    share: float
    score: float
    # Out-of-fold score of every (epochs, share) tried, for meta.json.
    table: dict[str, float]


def choose(
    encoder_by_epoch: npt.NDArray[np.float64],
    head: npt.NDArray[np.float64],
    score: Score,
    shares: Sequence[float] = SHARES,
) -> Choice:
    """The (epochs, share) with the best out-of-fold score; ties go to fewer epochs, less share."""
    best = Choice(encoder_by_epoch.shape[0], 0.0, score(head), {})
    table: dict[str, float] = {}
    for epoch, encoder in enumerate(encoder_by_epoch, start=1):
        for share in shares:
            value = score(share * encoder + (1.0 - share) * head)
            table[f"epochs={epoch} share={share:.1f}"] = round(value, 4)
            if value > best.score + 1e-9:
                best = Choice(epoch, share, value, {})
    return Choice(best.epochs, best.share, best.score, table)


@dataclass(frozen=True)
class Blend:
    """The shipped encoder graph and its share of each probability."""

    path: Path
    share: float

    def mix(self, head: npt.NDArray[np.float64], texts: Sequence[str]) -> npt.NDArray[np.float64]:
        if self.share == 0.0 or not texts:
            return head
        encoder = top.predict(self.path, texts).astype(np.float64)
        return self.share * encoder + (1.0 - self.share) * head
