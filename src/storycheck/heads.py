"""The multinomial logistic-regression head that several tasks ship, kept as arrays.

Coefficients, intercepts and the feature scaling fitted on training data are
saved with ``artefact.save_arrays`` and read back without pickle; scoring is a
few lines of NumPy, so no scikit-learn object is needed at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck.artefact import load_arrays


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
