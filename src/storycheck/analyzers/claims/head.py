"""The shipped check-worthiness head: loaded from arrays and LightGBM text, never from pickle.

Two heads are trained on the same features: a logistic regression (its
coefficients and the feature scaling in ``linear.npz``) and gradient-boosted
trees (LightGBM's own text format in ``lightgbm.txt``). ``meta.json`` names the
one that ranked held-out training events better and the threshold above which
a sentence is called a claim, both chosen by cross-validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.claims.features import FEATURE_VERSION, PARSE_FEATURES
from storycheck.artefact import load_arrays, load_booster, load_meta
from storycheck.errors import Problem, StorycheckError

TASK = "checkworthy"
LINEAR = "linear"
LIGHTGBM = "lightgbm"
LIGHTGBM_FILE = "lightgbm.txt"


class Head(Protocol):
    def score(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """Check-worthiness in [0, 1], one per row of features."""
        ...


@dataclass(frozen=True)
class LinearHead:
    coef: npt.NDArray[np.float64]
    intercept: float
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]

    def score(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        return {
            "coef": self.coef,
            "intercept": np.asarray([self.intercept]),
            "mean": self.mean,
            "scale": self.scale,
        }

    @classmethod
    def load(cls) -> LinearHead:
        a = load_arrays(TASK, LINEAR)
        return cls(a["coef"], float(a["intercept"][0]), a["mean"], a["scale"])


@dataclass(frozen=True)
class BoostedHead:
    booster: Any

    def score(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        if len(x) == 0:
            return np.zeros(0)
        return np.asarray(self.booster.predict(x, num_threads=1), dtype=np.float64)

    @classmethod
    def load(cls) -> BoostedHead:
        return cls(load_booster(TASK, LIGHTGBM_FILE))


@dataclass(frozen=True)
class ShippedHead:
    """The head ``meta.json`` chose, with its claim threshold."""

    name: str
    head: Head
    threshold: float

    def score(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        return self.head.score(x)


def load_head(name: str) -> Head:
    return LinearHead.load() if name == LINEAR else BoostedHead.load()


@cache
def shipped() -> ShippedHead:
    """The shipped head, refused when its features would not match the running code's."""
    meta = load_meta(TASK)
    trained_with = (meta.details.get("embedder"), meta.details.get("feature_version"))
    if trained_with != (nlp.EMBEDDER_ID, FEATURE_VERSION) or meta.details.get(
        "parse_features"
    ) != list(PARSE_FEATURES):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    name = str(meta.details["head"])
    return ShippedHead(name, load_head(name), float(meta.details["threshold"]))
