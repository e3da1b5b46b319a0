"""The shipped story-stance model: vocabulary, head and decision rule, loaded without pickle.

Two heads read the same features: a multinomial logistic regression
(coefficients and feature scaling in ``linear.npz``) and gradient-boosted trees
(LightGBM's own text format in ``lightgbm.txt``); ``meta.json`` names the one
that scored better on dev. Both give four probabilities, and the label is the
one with the highest expected FNC-1 score rather than the most probable one:
calling a pair related earns 0.25 whenever it is related, so an uncertain
related pair is better called "discuss" than "unrelated".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.stance_story.features import (
    FEATURE_VERSION,
    PAIR_FEATURES,
    Embed,
    Vocabulary,
    pair_features,
)
from storycheck.artefact import load_arrays, load_meta
from storycheck.errors import Problem, StorycheckError
from storycheck.eval.fnc1 import LABELS, RELATED, TASK, UNRELATED
from storycheck.heads import BoostedHead, Head, SoftmaxHead

LINEAR = "linear"
LIGHTGBM = "lightgbm"
LIGHTGBM_FILE = "lightgbm.txt"
VOCABULARY = "vocabulary"
# The FNC-1 score's weights: the related/unrelated decision, then the exact related label.
RELATED_CREDIT = 0.25
EXACT_CREDIT = 0.75
# A story is compared with whole corpora of bodies at once: both cores help.
THREADS = 2


def decide(probabilities: npt.NDArray[np.float64]) -> list[str]:
    """The label of highest expected FNC-1 score for each row of probabilities."""
    if len(probabilities) == 0:
        return []
    unrelated = probabilities[:, LABELS.index(UNRELATED)]
    expected = np.column_stack(
        [
            *(
                RELATED_CREDIT * (1.0 - unrelated)
                + EXACT_CREDIT * probabilities[:, LABELS.index(label)]
                for label in RELATED
            ),
            RELATED_CREDIT * unrelated,
        ]
    )
    order = (*RELATED, UNRELATED)
    return [order[i] for i in expected.argmax(axis=1)]


@dataclass(frozen=True)
class StanceModel:
    """What ``storycheck compare`` and the eval run: features, head and decision together."""

    name: str
    vocabulary: Vocabulary
    head: Head

    def probabilities(
        self,
        headlines: list[str],
        bodies: list[str],
        pairs: list[tuple[int, int]],
        embed: Embed = nlp.embed,
    ) -> npt.NDArray[np.float64]:
        x = pair_features(self.vocabulary, headlines, bodies, pairs, embed)
        return self.head.probabilities(x)


def load_head(name: str) -> Head:
    if name == LINEAR:
        return SoftmaxHead.load(TASK, LINEAR)
    return BoostedHead.load(TASK, LIGHTGBM_FILE, len(LABELS), THREADS)


@cache
def shipped() -> StanceModel:
    """The shipped model, refused when its features would not match the running code's."""
    meta = load_meta(TASK)
    trained_with = (meta.details.get("embedder"), meta.details.get("feature_version"))
    if trained_with != (nlp.EMBEDDER_ID, FEATURE_VERSION) or meta.details.get("features") != list(
        PAIR_FEATURES
    ):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    name = str(meta.details["head"])
    return StanceModel(name, Vocabulary.from_arrays(load_arrays(TASK, VOCABULARY)), load_head(name))
