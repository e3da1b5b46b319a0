"""The shipped stance head: loaded from arrays or LightGBM text, never from pickle.

Two heads are trained on the same features: a multinomial logistic regression
(coefficients and feature scaling in ``linear.npz``) and LightGBM
(``lightgbm.txt``). ``meta.json`` names the one that ships and the per-class
decision weights tuned so that the rare deny and query are not drowned by
comment. Both heads give per-feature contributions, which is what lets an
explanation say which cues pushed a comment toward its label. Their
probabilities are averaged with those of MiniLM's upper layers fine-tuned on
tweet, parent and claim read as one sequence (``encoder.onnx``), by the share
``meta.json`` records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck import mpnet
from storycheck.analyzers.stance.features import (
    FEATURE_VERSION,
    Turn,
    feature_names,
    pair_text,
)
from storycheck.artefact import load_arrays, load_booster, load_meta
from storycheck.errors import Problem, StorycheckError
from storycheck.eval.rumoureval import STANCES
from storycheck.finetune import top
from storycheck.finetune.blend import Blend
from storycheck.paths import model_dir

TASK = "stance-thread"
FORMAT_VERSION = 1
LINEAR = "linear"
LIGHTGBM = "lightgbm"
LIGHTGBM_FILE = "lightgbm.txt"


@dataclass
class StanceHead:
    """Class probabilities, their per-feature contributions, and the weighted arg-max."""

    kind: str
    weights: npt.NDArray[np.float64]
    arrays: Mapping[str, npt.NDArray[Any]] = field(default_factory=dict)
    booster: Any = None
    blend: Blend | None = None

    def mixed(self, x: npt.NDArray[np.float32], turns: Sequence[Turn]) -> npt.NDArray[np.float64]:
        """The head's probabilities averaged with the fine-tuned encoder's, when one ships."""
        return self.combine(self.probabilities(x), self.encoder(turns))

    def encoder(self, turns: Sequence[Turn]) -> npt.NDArray[np.float64] | None:
        """The fine-tuned encoder's own probabilities; None when none ships or its share is 0."""
        if self.blend is None or self.blend.share == 0.0 or not turns:
            return None
        return self.blend.encoder([pair_text(t) for t in turns])

    def combine(
        self, head: npt.NDArray[np.float64], encoder: npt.NDArray[np.float64] | None
    ) -> npt.NDArray[np.float64]:
        if self.blend is None or encoder is None:
            return head
        return self.blend.combine(head, encoder)

    def probabilities(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        if len(x) == 0:
            return np.zeros((0, len(STANCES)))
        if self.kind == LIGHTGBM:
            return np.asarray(self.booster.predict(x, num_threads=1), dtype=np.float64)
        logits = self._standard(x) @ self.arrays["coef"].T + self.arrays["intercept"]
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float64)

    def decide(self, probabilities: npt.NDArray[np.float64]) -> npt.NDArray[np.intp]:
        return np.asarray(np.argmax(probabilities * self.weights, axis=1), dtype=np.intp)

    def contributions(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """(rows, classes, features): how far each feature pushed each class's raw score."""
        if self.kind == LIGHTGBM:
            raw = np.asarray(
                self.booster.predict(x, pred_contrib=True, num_threads=1), dtype=np.float64
            )
            return np.asarray(raw.reshape(len(x), len(STANCES), x.shape[1] + 1)[:, :, :-1])
        coef = np.asarray(self.arrays["coef"], dtype=np.float64)
        return np.asarray(self._standard(x)[:, None, :] * coef[None, :, :], dtype=np.float64)

    def _standard(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        mean = np.asarray(self.arrays["mean"], dtype=np.float64)
        return np.asarray((x.astype(np.float64) - mean) / self.arrays["scale"], dtype=np.float64)


def load_head(kind: str, weights: npt.NDArray[np.float64]) -> StanceHead:
    if kind == LIGHTGBM:
        return StanceHead(LIGHTGBM, weights, booster=load_booster(TASK, LIGHTGBM_FILE))
    return StanceHead(LINEAR, weights, arrays=load_arrays(TASK, LINEAR))


@cache
def shipped() -> StanceHead:
    """The shipped head, refused when its features would not match the running code's."""
    meta = load_meta(TASK)
    details = meta.details
    trained_with = (
        meta.format_version,
        details.get("embedder"),
        details.get("feature_version"),
        details.get("features"),
    )
    if trained_with != (FORMAT_VERSION, mpnet.EMBEDDER_ID, FEATURE_VERSION, len(feature_names())):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    head = load_head(str(details["head"]), np.asarray(details["weights"], dtype=np.float64))
    if "encoder" in details:
        head.blend = Blend.shipped(model_dir(TASK) / top.ENCODER_FILE, details["encoder"])
        if head.blend is None:
            raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    return head
