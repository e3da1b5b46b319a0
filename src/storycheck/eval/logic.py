"""LOGIC and LogicClimate (Jin et al., "Logical Fallacy Detection", Findings of EMNLP 2022).

Both split layouts of ``../shared/datasets/logic/`` are read as the source
published them: the educational set (text in ``source_article``, one label in
``updated_label``) and the climate set (labels in ``logical_fallacies``, where
a text may carry several). The paper's metric is macro precision, recall and
F1 over the 13 fallacy types. A climate text with several gold labels counts
a prediction as right when it is any of them (and as a miss of its first
label otherwise), because a single-label classifier cannot name them all.
The released climate files hold a few rows with empty text; they are kept
and scored, as they are part of the split. "fallacy of logic" is the
dataset's name for what the paper calls the deductive fallacy.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storycheck.errors import Problem, StorycheckError
from storycheck.eval import bootstrap
from storycheck.tasks import ClassScore, Evaluation, Published, class_scores

# The paper's 13 classes; "miscellaneous" in mappings.csv labels no example.
LABELS: tuple[str, ...] = (
    "faulty generalization",
    "ad hominem",
    "false causality",
    "ad populum",
    "circular reasoning",
    "appeal to emotion",
    "fallacy of logic",
    "fallacy of relevance",
    "intentional",
    "false dilemma",
    "fallacy of credibility",
    "fallacy of extension",
    "equivocation",
)
TEXT = "source_article"
EDU_LABEL = "updated_label"
CLIMATE_LABEL = "logical_fallacies"
TASK = "fallacy"
METRIC = "macro_f1"
FOLDER = "logic"
TRAIN_FILE = "edu_train.csv"
DEV_FILE = "edu_dev.csv"
CLIMATE_DEV_FILE = "climate_dev.csv"
PUBLISHED = (
    Published(
        "Jin et al. 2022, Electra-StructAware",
        0.588,
        "LOGIC test (ours: dev); the paper's best",
    ),
    Published(
        "Jin et al. 2022, Electra-StructAware",
        0.2,
        "LogicClimate test, approximate (ours: climate_dev_macro_f1 above)",
    ),
)

Predictor = Callable[[list[str]], list[str]]


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    labels: tuple[str, ...]


def read_split(path: Path) -> list[Example]:
    """One split file in either layout, told apart by its label column."""
    try:
        with path.open(newline="", encoding="utf-8") as stream:
            rows = list(csv.DictReader(stream))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    if not rows or TEXT not in rows[0]:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: no {TEXT} column")
    if EDU_LABEL in rows[0]:
        column = EDU_LABEL
    elif CLIMATE_LABEL in rows[0]:
        column = CLIMATE_LABEL
    else:
        raise StorycheckError(
            Problem.BAD_DATA, detail=f"{path}: neither {EDU_LABEL} nor {CLIMATE_LABEL}"
        )
    examples = []
    for number, row in enumerate(rows, start=2):
        labels = parse_labels(row[column])
        unknown = [label for label in labels if label not in LABELS]
        if not labels or unknown:
            raise StorycheckError(
                Problem.BAD_DATA, detail=f"{path} line {number}: labels {row[column]!r}"
            )
        examples.append(Example(row[TEXT], labels))
    return examples


def parse_labels(cell: str) -> tuple[str, ...]:
    """A label cell: one name, a comma-separated list, or a Python list literal."""
    cell = cell.strip()
    if cell.startswith("["):
        try:
            items = ast.literal_eval(cell)
        except (ValueError, SyntaxError):
            return ()
        names = [str(item) for item in items]
    else:
        names = cell.split(",")
    return tuple(dict.fromkeys(n.strip().lower() for n in names if n.strip()))


def read_mappings(path: Path) -> dict[str, str]:
    """The inventory's description of each of the 13 classes."""
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return {
        row["Original Name"].strip(): row["Description"].strip()
        for row in rows
        if row["Original Name"].strip() in LABELS
    }


def credited(example: Example, predicted: str) -> str:
    """The gold label a prediction is scored against: itself when it is among the gold ones."""
    return predicted if predicted in example.labels else example.labels[0]


def score(examples: Sequence[Example], predicted: Sequence[str]) -> tuple[ClassScore, ...]:
    gold = [credited(e, p) for e, p in zip(examples, predicted, strict=True)]
    return class_scores(gold, predicted, LABELS)


def macro(classes: Sequence[ClassScore], field: str = "f1") -> float:
    return sum(float(getattr(c, field)) for c in classes) / len(classes)


def evaluate_files(
    predict: Predictor,
    files: Sequence[Path],
    task: str,
    extra_files: Sequence[Path] = (),
) -> Evaluation:
    """Macro-F1 of ``predict`` over ``files`` pooled; ``extra_files`` are scored on their own.

    The extra files (LogicClimate dev when scoring the default split) add an
    out-of-domain figure to the report without moving the headline number.
    """
    examples = [e for path in files for e in read_split(path)]
    predicted = predict([e.text for e in examples])
    classes = score(examples, predicted)
    extra = {
        "macro_precision": macro(classes, "precision"),
        "macro_recall": macro(classes, "recall"),
        "accuracy": sum(credited(e, p) == p for e, p in zip(examples, predicted, strict=True))
        / len(examples),
        **bootstrap.paired_extra(
            METRIC,
            "texts",
            [[pair] for pair in zip(examples, predicted, strict=True)],
            lambda drawn, guesses: macro(score(drawn, guesses)),
        ),
    }
    for path in extra_files:
        others = read_split(path)
        other_classes = score(others, predict([e.text for e in others]))
        for field in ("precision", "recall", "f1"):
            extra[f"{path.stem}_macro_{field}"] = macro(other_classes, field)
    return Evaluation(
        task=task,
        metric=METRIC,
        value=macro(classes),
        split="+".join(path.name for path in files),
        classes=classes,
        extra=extra,
        published=PUBLISHED,
    )
