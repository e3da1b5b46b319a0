"""How other articles stand toward a story's claim, and how the story stands toward theirs.

Each other article's body is read against the story's headline (its claim)
with the FNC-1 stance model (``storycheck train stance-story``), and the
story's own body against the other article's headline, so a user sees both
whether another outlet backs, denies or merely reports the story, and whether
the story takes up what the other outlet claims. A story without a title is
represented by its first sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storycheck.analyzers.stance_story.features import sentences
from storycheck.analyzers.stance_story.head import StanceModel, decide, shipped
from storycheck.eval.fnc1 import LABELS
from storycheck.model import Story


@dataclass(frozen=True, slots=True)
class Stance:
    """One direction of a comparison: the label, its probability and all four probabilities."""

    label: str
    confidence: float
    probabilities: dict[str, float]


@dataclass(frozen=True, slots=True)
class Comparison:
    other_id: str
    other_title: str
    # The other article's body toward the story's claim.
    stance: Stance
    # The story's body toward the other article's claim.
    reverse: Stance
    # TF-IDF cosine of the two whole texts (0: nothing shared, 1: the same words).
    similarity: float

    def to_dict(self) -> dict[str, object]:
        return {
            "other": self.other_id,
            "other_title": self.other_title,
            "stance": self.stance.label,
            "confidence": round(self.stance.confidence, 4),
            "probabilities": {k: round(v, 4) for k, v in self.stance.probabilities.items()},
            "reverse_stance": self.reverse.label,
            "reverse_confidence": round(self.reverse.confidence, 4),
            "similarity": round(self.similarity, 4),
        }


def claim_of(story: Story) -> str:
    """The story's claim: its title, else its first sentence."""
    if story.title.strip():
        return story.title.strip()
    return sentences(story.text)[0]


def body_of(story: Story) -> str:
    """What the outlet wrote under the title; the whole text when there is nothing else."""
    body = "\n\n".join(p.text for p in story.body)
    return body if body.strip() else story.text


def compare(
    story: Story, others: Sequence[Story], model: StanceModel | None = None
) -> list[Comparison]:
    """Each other article's stance toward ``story`` and back, in the order given."""
    if not others:
        return []
    model = model or shipped()
    everyone = [story, *others]
    claims = [claim_of(s) for s in everyone]
    bodies = [body_of(s) for s in everyone]
    n = len(others)
    # Rows 0..n-1: other i's body toward the story's claim; rows n..2n-1: the reverse.
    pairs = [(0, i) for i in range(1, n + 1)] + [(i, 0) for i in range(1, n + 1)]
    probabilities = model.probabilities(claims, bodies, pairs)
    labels = decide(probabilities)
    texts = model.vocabulary.tfidf([s.text for s in everyone])
    similarity = np.asarray((texts[1:] @ texts[0].T).toarray()).ravel()
    return [
        Comparison(
            other_id=other.id,
            other_title=claims[i + 1],
            stance=_stance(labels[i], probabilities[i]),
            reverse=_stance(labels[n + i], probabilities[n + i]),
            similarity=float(similarity[i]),
        )
        for i, other in enumerate(others)
    ]


def _stance(label: str, row: np.ndarray[tuple[int], np.dtype[np.float64]]) -> Stance:
    chances = {name: float(p) for name, p in zip(LABELS, row, strict=True)}
    return Stance(label, chances[label], chances)
