"""The shipped fallacy classifier: n-gram vocabularies and a linear head in one ``.npz``.

A multinomial logistic regression over TF-IDF n-grams and the sentence
embedding gives a probability for each of the 13 LOGIC classes. ``meta.json``
holds the confidence threshold chosen on training folds (a fallacy is surfaced in a
report only above it, and only where the ``gate`` in ``gate.npz`` says the text
argues fallaciously at all) and whether the named cues of ``lexicon`` are used: a
cue decides a text's label only where the model is below that threshold, so a
confident model is never overruled by a stock phrase used in passing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.fallacies.features import FEATURE_VERSION, TextFeatures
from storycheck.analyzers.fallacies.gate import Gate
from storycheck.analyzers.fallacies.lexicon import CueMatch, find_cues
from storycheck.artefact import load_arrays, load_meta
from storycheck.errors import Problem, StorycheckError
from storycheck.eval.logic import LABELS, TASK
from storycheck.finetune import top
from storycheck.finetune.blend import Blend
from storycheck.paths import model_dir

HEAD = "head"
GATE = "gate"


@dataclass(frozen=True)
class LinearHead:
    features: TextFeatures
    coef: npt.NDArray[np.float32]
    intercept: npt.NDArray[np.float32]
    classes: tuple[str, ...]

    def proba(
        self, texts: list[str], embeddings: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float64]:
        """One row per text, one column per class of ``classes``, each row summing to 1."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        z = np.asarray(self.features.matrix(texts, embeddings) @ self.coef.T, dtype=np.float64)
        z += self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        return {
            **self.features.arrays(),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
            "classes": np.asarray(self.classes, dtype=np.str_),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, npt.NDArray[Any]]) -> LinearHead:
        return cls(
            TextFeatures.from_arrays(arrays),
            arrays["coef"],
            arrays["intercept"],
            tuple(str(c) for c in arrays["classes"]),
        )


@dataclass(frozen=True, slots=True)
class Prediction:
    """The class a text is given, the model's probability for it, and the cue that decided it."""

    label: str
    probability: float
    model_label: str
    model_probability: float
    cue: CueMatch | None
    # The gate's probability that the text argues fallaciously at all (1.0 without a gate).
    fallacious: float = 1.0


def predict(
    head: LinearHead,
    texts: list[str],
    embeddings: npt.NDArray[np.float32],
    use_cues: bool,
    threshold: float,
    fallacious: npt.NDArray[np.float64] | None = None,
    blend: Blend | None = None,
    blend_rows: npt.NDArray[np.bool_] | None = None,
) -> list[Prediction]:
    """The label of each text: the classifier's, or a cue's where the classifier is unsure."""
    probabilities = classify(head, texts, embeddings, blend, blend_rows)
    return decide(head.classes, texts, probabilities, use_cues, threshold, fallacious)


def classify(
    head: LinearHead,
    texts: list[str],
    embeddings: npt.NDArray[np.float32],
    blend: Blend | None = None,
    blend_rows: npt.NDArray[np.bool_] | None = None,
) -> npt.NDArray[np.float64]:
    """The classifier's probabilities, columns in ``head.classes`` order.

    With a ``blend``, the classifier is the linear head mixed with the
    fine-tuned encoder, on the texts ``blend_rows`` marks (all without it).
    """
    probabilities = head.proba(texts, embeddings)
    if blend is not None:
        rows = np.arange(len(texts)) if blend_rows is None else np.flatnonzero(blend_rows)
        probabilities[rows] = blend.mix(probabilities[rows], [texts[i] for i in rows])
    return probabilities


def decide(
    classes: Sequence[str],
    texts: Sequence[str],
    probabilities: npt.NDArray[np.float64],
    use_cues: bool,
    threshold: float,
    fallacious: npt.NDArray[np.float64] | None = None,
) -> list[Prediction]:
    """Labels from the classifier's probabilities (columns in ``classes`` order).

    Cues are looked for only below ``threshold``, so that a stock phrase in an
    example the classifier reads confidently ("What about the arguments I
    gave?" inside an ad hominem) cannot overrule it. ``fallacious`` is the
    gate's probability for each text (1.0 without it). Training calls this on
    out-of-fold probabilities to choose the threshold and the cues.
    """
    chances = np.ones(len(texts)) if fallacious is None else fallacious
    predictions = []
    for text, row, chance in zip(texts, probabilities, chances, strict=True):
        best = int(row.argmax())
        cues = find_cues(text) if use_cues and row[best] < threshold else []
        cue = cues[0] if cues else None
        label = classes[best] if cue is None else cue.cue.label
        predictions.append(
            Prediction(
                label=label,
                probability=float(row[list(classes).index(label)]),
                model_label=classes[best],
                model_probability=float(row[best]),
                cue=cue,
                fallacious=float(chance),
            )
        )
    return predictions


@dataclass(frozen=True)
class ShippedHead:
    head: LinearHead
    threshold: float
    use_cues: bool
    gate: Gate
    gate_threshold: float
    blend: Blend

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Predictions for raw texts, embedding them first.

        The fine-tuned encoder, the costliest step, reads only the texts that
        can surface: those the gate passes and those holding a cue. The others
        keep the linear head's probabilities, which no report shows.
        """
        listed = list(texts)
        embeddings = nlp.embed(listed)
        fallacious = self.gate.proba(embeddings)
        cued = np.array([bool(find_cues(t)) for t in listed], dtype=bool)
        can_surface = (fallacious >= self.gate_threshold) | cued
        return predict(
            self.head,
            listed,
            embeddings,
            self.use_cues,
            self.threshold,
            fallacious,
            self.blend,
            can_surface,
        )

    def surfaces(self, prediction: Prediction) -> bool:
        """A cue decided it, or the gate and the classifier are both confident."""
        return prediction.cue is not None or (
            prediction.fallacious >= self.gate_threshold
            and prediction.probability >= self.threshold
        )


@cache
def shipped() -> ShippedHead:
    """The shipped head, refused when its features would not match the running code's."""
    meta = load_meta(TASK)
    trained_with = (meta.details.get("embedder"), meta.details.get("feature_version"))
    blend = Blend.shipped(model_dir(TASK) / top.ENCODER_FILE, meta.details.get("encoder", {}))
    if blend is None or trained_with != (nlp.EMBEDDER_ID, FEATURE_VERSION):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    head = LinearHead.from_arrays(load_arrays(TASK, HEAD))
    if set(head.classes) != set(LABELS):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    return ShippedHead(
        head,
        float(meta.details["threshold"]),
        bool(meta.details["use_cues"]),
        Gate.from_arrays(load_arrays(TASK, GATE)),
        float(meta.details["gate_threshold"]),
        blend,
    )
