from __future__ import annotations

import numpy as np
import numpy.typing as npt

from storycheck.analyzers.claims.train import event_folds, out_of_fold


class Memory:
    """A head that scores 1 for a row it was fitted on and 0 for any other."""

    def __init__(self, x: npt.NDArray[np.float32]) -> None:
        self.seen = {row.tobytes() for row in x}

    def score(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        return np.array([float(row.tobytes() in self.seen) for row in x])


def test_out_of_fold_scores_come_from_heads_that_never_saw_the_event() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 4)).astype(np.float32)
    y = (rng.random(60) < 0.2).astype(np.int8)
    events = np.repeat(np.arange(12), 5)
    folds = event_folds(x, events)
    for fit_rows, held_rows in folds:
        assert not set(events[fit_rows]) & set(events[held_rows])
    scores = out_of_fold(lambda a, _: Memory(a), x, y, folds)  # type: ignore[arg-type,return-value]
    assert scores.shape == (60,)
    assert not scores.any()
