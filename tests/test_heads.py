from __future__ import annotations

import numpy as np

from storycheck.heads import ABSENT_LOGIT, SoftmaxHead


def test_a_softmax_fit_gives_every_class_a_column_even_when_absent() -> None:
    rng = np.random.default_rng(0)
    y = rng.choice([0, 2, 3], size=300)
    x = (np.eye(4)[y] * 3 + rng.normal(size=(300, 4))).astype(np.float32)

    head = SoftmaxHead.fit(x, y, 1.0, classes=4)

    p = head.probabilities(x)
    assert p.shape == (300, 4)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert head.intercept[1] == ABSENT_LOGIT and p[:, 1].max() < 1e-6
    assert (p.argmax(axis=1) == y).mean() > 0.9


def test_a_binary_fit_is_a_softmax_over_zero_and_its_logit() -> None:
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 200)
    x = (y[:, None] * 2.0 + rng.normal(size=(200, 3))).astype(np.float32)

    head = SoftmaxHead.fit(x, y, 1.0, classes=3)

    p = head.probabilities(x)
    assert (head.intercept[0], head.intercept[2]) == (0.0, ABSENT_LOGIT)
    assert not head.coef[0].any()
    assert (p[:, :2].argmax(axis=1) == y).mean() > 0.85
    assert np.allclose(SoftmaxHead(**head.arrays()).probabilities(x), p)
