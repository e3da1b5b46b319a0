"""What an analyzer says about a story: typed, located, explained."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storycheck.model import STORY_TARGET

JSON = Any


@dataclass(frozen=True, slots=True)
class Annotation:
    """One finding about a span of the story or of a comment.

    ``target`` is ``"story"`` or a comment id; ``start``/``end`` index that
    target's text (end exclusive), or are None when the finding is about the
    whole target. ``explanation`` says, in words a reader can check, why the
    analyzer says so: no finding without its reason.
    """

    analyzer: str
    kind: str
    label: str
    explanation: str
    target: str = STORY_TARGET
    start: int | None = None
    end: int | None = None
    score: float | None = None
    attrs: dict[str, JSON] = field(default_factory=dict)

    def to_dict(self) -> dict[str, JSON]:
        return {
            "analyzer": self.analyzer,
            "kind": self.kind,
            "label": self.label,
            "target": self.target,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "explanation": self.explanation,
            "attrs": self.attrs,
        }


@dataclass(frozen=True, slots=True)
class Findings:
    """An analyzer's output: its annotations and a summary of them."""

    annotations: tuple[Annotation, ...] = ()
    summary: dict[str, JSON] = field(default_factory=dict)
