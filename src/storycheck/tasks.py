"""The evaluation contract every trained component follows.

``storycheck train TASK`` trains from the shared datasets and writes a small
artefact into the package; ``storycheck eval TASK [--data FILE ...]`` scores
the shipped artefact on the dev split, or on files in the same layout (an
official test split arrives that way), and ends with the line
``TASK METRIC=VALUE``. Each task lives beside what it trains and registers
here by module path, so listing tasks imports none of the heavy code.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from storycheck.errors import Problem, StorycheckError

# Task name -> module that defines ``TASK`` (or "module:NAME" where one module defines several).
TASK_MODULES: dict[str, str] = {
    "checkworthy": "storycheck.analyzers.claims.train",
    "propaganda-spans": "storycheck.analyzers.persuasion.train:SPANS",
    "propaganda-techniques": "storycheck.analyzers.persuasion.train:TECHNIQUES_TASK",
    "story-groups": "storycheck.groups.train",
    "fallacy": "storycheck.analyzers.fallacies.train",
    "incivility": "storycheck.analyzers.incivility.train",
    "stance-thread": "storycheck.analyzers.stance.train",
    "veracity-thread": "storycheck.analyzers.stance.veracity",
    "stance-story": "storycheck.analyzers.stance_story.train",
    "liar": "storycheck.veracity.train",
    "reliability": "storycheck.analyzers.reliability.train:RELIABILITY",
}


@dataclass(frozen=True, slots=True)
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class Published:
    """A published figure to print beside ours, with where it comes from."""

    system: str
    value: float
    note: str


@dataclass(frozen=True)
class Evaluation:
    task: str
    metric: str
    value: float
    split: str
    classes: tuple[ClassScore, ...] = ()
    extra: dict[str, float] = field(default_factory=dict)
    published: tuple[Published, ...] = ()

    @property
    def last_line(self) -> str:
        """The contract's closing line; percentages keep two decimals, fractions four."""
        shown = f"{self.value:.2f}" if self.value > 1 else f"{self.value:.4f}"
        return f"{self.task} {self.metric}={shown}"


class Task(Protocol):
    name: str
    metric: str
    description: str

    def train(self, datasets: Path) -> Evaluation:
        """Train from the shared datasets, write the artefact, score it on the dev split."""
        ...

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        """Score the shipped artefact on ``data``, or on the dev split when it is empty."""
        ...


def get_task(name: str) -> Task:
    if name not in TASK_MODULES:
        raise StorycheckError(
            Problem.UNKNOWN_TASK, detail=repr(name), known=", ".join(sorted(TASK_MODULES)) or "none"
        )
    module, _, attribute = TASK_MODULES[name].partition(":")
    task: Task = getattr(importlib.import_module(module), attribute or "TASK")
    return task


def class_scores(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> tuple[ClassScore, ...]:
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(
        gold, predicted, labels=list(labels), zero_division=0
    )
    return tuple(
        ClassScore(label, float(pi), float(ri), float(fi), int(si))
        for label, pi, ri, fi, si in zip(labels, p, r, f, s, strict=True)
    )
