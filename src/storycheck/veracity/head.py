"""The shipped LIAR veracity head: arrays and LightGBM text, never pickle.

``meta.json`` names the head (``linear`` or ``lightgbm``) and the feature set
it reads; ``featuriser.npz`` holds the TF-IDF vocabulary and metadata values,
``linear.npz`` the multinomial logistic regression, ``lightgbm.txt`` the trees.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from storycheck import nlp
from storycheck.artefact import load_arrays, load_meta
from storycheck.errors import Problem, StorycheckError
from storycheck.eval.liar import LABELS
from storycheck.heads import BoostedHead
from storycheck.veracity.features import Featuriser

TASK = "liar"
LINEAR = "linear"
LIGHTGBM = "lightgbm"
LIGHTGBM_FILE = "lightgbm.txt"
FEATURISER = "featuriser"
FEATURE_VERSION = "1"
# One thread per prediction: statements come a story at a time.
THREADS = 1


class Head(Protocol):
    def probabilities(self, x: sp.csr_matrix) -> npt.NDArray[np.float64]:
        """One row per statement, one column per label of ``LABELS``, rows summing to one."""
        ...


@dataclass(frozen=True)
class LinearHead:
    coef: npt.NDArray[np.float32]
    intercept: npt.NDArray[np.float32]

    def probabilities(self, x: sp.csr_matrix) -> npt.NDArray[np.float64]:
        z = np.asarray(x @ self.coef.T, dtype=np.float64) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        return {"coef": self.coef, "intercept": self.intercept}

    @classmethod
    def load(cls) -> LinearHead:
        a = load_arrays(TASK, LINEAR)
        return cls(a["coef"].astype(np.float32), a["intercept"].astype(np.float32))


@dataclass(frozen=True)
class ShippedModel:
    """The featuriser and head ``meta.json`` chose."""

    head_name: str
    featuriser: Featuriser
    head: Head


@cache
def shipped() -> ShippedModel:
    """The shipped model, refused when its features would not match the running code's."""
    meta = load_meta(TASK)
    if (meta.details.get("embedder"), meta.details.get("feature_version")) != (
        nlp.EMBEDDER_ID,
        FEATURE_VERSION,
    ):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    name = str(meta.details["head"])
    featuriser = Featuriser.from_arrays(
        str(meta.details["feature_set"]), load_arrays(TASK, FEATURISER)
    )
    head: Head = (
        LinearHead.load()
        if name == LINEAR
        else BoostedHead.load(TASK, LIGHTGBM_FILE, len(LABELS), THREADS)
    )
    return ShippedModel(name, featuriser, head)
