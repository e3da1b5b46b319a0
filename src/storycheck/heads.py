"""The multiclass heads that several tasks ship: a softmax kept as arrays, and LightGBM.

Coefficients, intercepts and the feature scaling fitted on training data are
saved with ``artefact.save_arrays`` and read back without pickle; scoring is a
few lines of NumPy, so no scikit-learn object is needed at run time. A
LightGBM booster is saved as LightGBM's own text model (``artefact.load_booster``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from storycheck.artefact import load_arrays, load_booster

# The logit of a class the training rows lacked: never predicted, harmless in a softmax.
ABSENT_LOGIT = -50.0


class Head(Protocol):
    def probabilities(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """One row per example: the probability of each class, in the task's class order."""
        ...


@dataclass(frozen=True)
class SoftmaxHead:
    coef: npt.NDArray[np.float64]
    intercept: npt.NDArray[np.float64]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]

    def probabilities(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """One row per example: the probability of each class, in training order."""
        z = ((x - self.mean) / self.scale) @ self.coef.T + self.intercept
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        return {
            "coef": self.coef,
            "intercept": self.intercept,
            "mean": self.mean,
            "scale": self.scale,
        }

    @classmethod
    def load(cls, task: str, name: str) -> SoftmaxHead:
        a = load_arrays(task, name)
        return cls(a["coef"], a["intercept"], a["mean"], a["scale"])

    @classmethod
    def fit(
        cls,
        x: npt.NDArray[np.floating[Any]],
        y: npt.NDArray[np.integer[Any]],
        c: float,
        classes: int,
        balanced: bool = False,
    ) -> SoftmaxHead:
        """A multinomial logistic regression on standardised columns, with C = ``c``.

        Every class gets a row, so a slice that lacks a class still gives
        ``classes`` probabilities: an absent class is never predicted, and a
        binary fit becomes a softmax over (0, z). ``balanced`` weighs each
        class inversely to its frequency, for tasks scored by macro-F1.
        """
        from sklearn.linear_model import LogisticRegression

        mean = x.mean(axis=0).astype(np.float64)
        scale = x.std(axis=0).astype(np.float64)
        scale[scale == 0] = 1.0
        weights = "balanced" if balanced else None
        model = LogisticRegression(C=c, class_weight=weights, max_iter=3000)
        model.fit((x - mean) / scale, y)
        coef = np.zeros((classes, x.shape[1]))
        intercept = np.full(classes, ABSENT_LOGIT)
        present = [int(k) for k in model.classes_]
        if len(present) == 2:
            intercept[present[0]] = 0.0
            coef[present[1]], intercept[present[1]] = model.coef_[0], model.intercept_[0]
        else:
            for row, k in enumerate(present):
                coef[k], intercept[k] = model.coef_[row], model.intercept_[row]
        return cls(coef, intercept, mean, scale)


@dataclass(frozen=True)
class BoostedHead:
    """A multiclass LightGBM booster; ``threads`` is what one prediction call may use.

    It reads dense rows or, for features such as TF-IDF, a sparse matrix.
    """

    booster: Any
    classes: int
    threads: int

    def probabilities(self, x: npt.NDArray[np.float32] | sp.csr_matrix) -> npt.NDArray[np.float64]:
        if x.shape[0] == 0:
            return np.zeros((0, self.classes))
        return np.asarray(self.booster.predict(x, num_threads=self.threads), dtype=np.float64)

    @classmethod
    def load(cls, task: str, name: str, classes: int, threads: int) -> BoostedHead:
        return cls(load_booster(task, name), classes, threads)
