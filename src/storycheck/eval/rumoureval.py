"""RumourEval 2017 (SemEval-2017 Task 8): its threads, gold labels and official metrics.

Threads are read with the reader ``storycheck analyze`` uses on a rumour
folder, so a model trained here sees the reply tree exactly as the analyzer
will. Task A (stance, SDQC) labels every annotated tweet, source tweets
included (a source's stance toward its own rumour, nearly always support): the
official scorer walks every id of the annotation file, so sources are scored
too and an annotated id without a prediction counts as wrong. Task B
(veracity) labels each source true, false or unverified; its scorer also
measures the confidence by RMSE.

Data on the command line (``--data``, repeatable, in any order): one or more
folders holding thread folders (searched at any depth, as in the shared
``dev/`` and ``train/``) and exactly one annotation file of the subtask::

    storycheck eval stance-thread --data dev/ --data dev-annotations/subtaskA.json
    storycheck eval veracity-thread --data dev/ --data dev-annotations/subtaskB.json
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from storycheck.errors import Problem, ReadError, StorycheckError
from storycheck.model import Story
from storycheck.read.rumour import find_threads, read_thread

FOLDER = "rumoureval2017"
DEV_EVENT = "germanwings-crash"
STANCES = ("support", "deny", "query", "comment")
VERACITIES = ("true", "false", "unverified")
# What an annotated id without a prediction is scored as: a label no class has.
NO_PREDICTION = "(no prediction)"
TASK_A = "subtaskA.json"
TASK_B = "subtaskB.json"
DATA_CONVENTION = (
    "give the folder of thread folders and the subtask's annotation file, e.g. "
    "--data dev/ --data dev-annotations/subtaskA.json"
)


@dataclass(frozen=True)
class RumourThread:
    """One rumour thread: its event (the folder above it) and the story the reader made of it."""

    event: str
    story: Story


@dataclass(frozen=True)
class Split:
    """Threads with the gold labels of one subtask, keyed by tweet id (A) or source id (B)."""

    name: str
    threads: tuple[RumourThread, ...]
    gold: Mapping[str, str]


def read_threads(folders: Sequence[Path]) -> list[RumourThread]:
    """Every thread under the folders; a thread the reader refuses stops the evaluation."""
    threads: list[RumourThread] = []
    for folder in folders:
        for path in find_threads(folder):
            try:
                story = read_thread(path)
            except ReadError as exc:
                raise StorycheckError(Problem.BAD_DATA, detail=str(exc)) from exc
            threads.append(RumourThread(path.parent.name, story))
    if not threads:
        raise StorycheckError(
            Problem.BAD_DATA, detail=f"no rumour threads under {', '.join(map(str, folders))}"
        )
    return threads


def read_gold(path: Path, labels: Sequence[str]) -> dict[str, str]:
    """An annotation file: a JSON object from id to label, every label one of ``labels``."""
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    if not isinstance(obj, dict) or not obj:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: not a JSON object of labels")
    unknown = sorted({str(v) for v in obj.values()} - set(labels))
    if unknown:
        raise StorycheckError(
            Problem.BAD_DATA, detail=f"{path}: labels {unknown} are not among {', '.join(labels)}"
        )
    return {str(k): str(v) for k, v in obj.items()}


def _labels_of(annotation: str) -> tuple[str, ...]:
    return STANCES if annotation == TASK_A else VERACITIES


def load_split(datasets: Path, split: str, annotation: str) -> Split:
    """``train`` or ``dev`` of the shared release, with the labels of one subtask."""
    root = datasets / FOLDER
    name = f"dev ({DEV_EVENT})" if split == "dev" else split
    return Split(
        name,
        tuple(read_threads([root / split])),
        read_gold(root / f"{split}-annotations" / annotation, _labels_of(annotation)),
    )


def load_data(data: Sequence[Path], annotation: str) -> Split:
    """Paths given with ``--data``: thread folders plus one annotation file (module docstring)."""
    missing = [p for p in data if not p.exists()]
    if missing:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{missing[0]}: no such file or folder")
    folders = [p for p in data if p.is_dir()]
    files = [p for p in data if p.is_file()]
    if len(files) != 1 or not folders:
        raise StorycheckError(
            Problem.BAD_DATA,
            detail=f"got {len(folders)} folder(s) and {len(files)} file(s); {DATA_CONVENTION}",
        )
    return Split(
        ", ".join(str(p) for p in data),
        tuple(read_threads(folders)),
        read_gold(files[0], _labels_of(annotation)),
    )


def aligned(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Gold and predicted labels over every annotated id, as the official scorer walks them."""
    ids = sorted(gold)
    return [gold[i] for i in ids], [predicted.get(i, NO_PREDICTION) for i in ids]


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The official metric of both subtasks: right answers over annotated ids."""
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    """Unweighted mean of the classes' F1; a class never predicted nor present scores 0."""
    from sklearn.metrics import f1_score

    return float(f1_score(gold, predicted, labels=list(labels), average="macro", zero_division=0))


def confidence_rmse(gold: Mapping[str, str], predicted: Mapping[str, tuple[str, float]]) -> float:
    """Task B's confidence error, as its scorer counts it.

    A right label costs (1 - confidence)²; a wrong one on an unverified
    rumour costs confidence², since being unsure of it was the right call;
    any other wrong label, or none, costs 1.
    """
    errors = []
    for key, truth in gold.items():
        label, confidence = predicted.get(key, (NO_PREDICTION, 1.0))
        if label == truth:
            errors.append((1.0 - confidence) ** 2)
        elif truth == "unverified":
            errors.append(confidence**2)
        else:
            errors.append(1.0)
    return math.sqrt(sum(errors) / len(errors)) if errors else 0.0
