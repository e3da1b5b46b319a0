from __future__ import annotations

import numpy as np

from storycheck.finetune import stack


def _accuracy(truth: np.ndarray):
    def score(p: np.ndarray) -> float:
        return float((p.argmax(axis=1) == truth).mean())

    return score


def test_a_stacked_head_learns_what_a_cue_adds_to_the_encoder() -> None:
    # The encoder never sees class 2 (it splits such texts between 0 and 1); a cue marks
    # exactly those texts, as a phrase given twice marks repetition. No share of the
    # encoder can find class 2; a head over both tables and the cue can.
    rng = np.random.default_rng(0)
    n = 600
    truth = rng.integers(0, 3, n)
    cue = (truth == 2).astype(np.float32)[:, None]
    encoder = np.eye(3)[truth] * 0.8 + 0.1
    encoder[truth == 2] = [0.45, 0.45, 0.1]
    head = np.full((n, 3), 1 / 3)
    folds = np.arange(n) % 4

    stacked, choice = stack.fit(head, encoder, cue, truth, folds, 0.5, _accuracy(truth))

    assert choice.blend_score < 0.7
    assert choice.weight > 0 and choice.score > 0.95
    assert stacked.head is not None
    mixed = stacked.mix(0.5 * head + 0.5 * encoder, head, encoder, cue)
    assert (mixed.argmax(axis=1) == truth).mean() > 0.95
    assert set(choice.table) == {f"C={c} weight={w}" for c in stack.CS for w in stack.WEIGHTS}
    assert choice.details()["weight"] == choice.weight


def test_no_stacked_head_ships_when_the_blend_is_as_good() -> None:
    truth = np.arange(40) % 2
    right = np.eye(2)[truth] * 0.8 + 0.1
    cue = np.zeros((40, 1), dtype=np.float32)

    stacked, choice = stack.fit(right, right, cue, truth, np.arange(40) % 4, 0.5, _accuracy(truth))

    assert (stacked.head, choice.weight) == (None, 0.0)
    blended = np.full((3, 2), 0.5)
    assert stacked.mix(blended, right[:3], right[:3], cue[:3]) is blended
