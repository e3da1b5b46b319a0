"""LIAR (Wang 2017): PolitiFact statements with six-way verdicts; reader and metrics.

The release has no header and 14 tab-separated columns; statements hold
quote marks, so it is read with quoting off. LIAR-PLUS files carry the same
columns after a leading row number, and a justification at the end; one
reader takes both. The benchmark's metric is six-class accuracy. The five
credit-history counts include the statement's own verdict (a known leak), so
the task's figure never uses them.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storycheck.errors import Problem, StorycheckError
from storycheck.eval import bootstrap
from storycheck.tasks import Evaluation, Published, class_scores

TASK = "liar"
METRIC = "accuracy"
FOLDER = "liar"
PLUS_FOLDER = "liar-plus"
TRAIN_FILE = "train.tsv"
DEV_FILE = "valid.tsv"
PLUS_DEV_FILE = "val2.tsv"
# From least to most true, as PolitiFact's Truth-O-Meter orders them.
LABELS = ("pants-fire", "false", "barely-true", "half-true", "mostly-true", "true")
# The binary grouping reported beside the benchmark: the three lower ratings against the rest.
FALSE_SIDE = frozenset(LABELS[:3])
BINARY_LABELS = ("false side", "true side")
# Credit-history columns in file order.
CREDIT_COLUMNS = ("barely-true", "false", "half-true", "mostly-true", "pants-fire")
LIAR_COLUMNS = 14
PUBLISHED = (
    Published("Wang 2017 hybrid CNN, text + all metadata", 0.274, "LIAR test split"),
    Published("Wang 2017 CNN, text only", 0.270, "LIAR test split"),
    Published(
        "Alhindi et al. 2018, with justifications (LIAR-PLUS)",
        0.37,
        "about 0.37-0.38 on test; needs the LIAR-PLUS train file, not in shared",
    ),
)


@dataclass(frozen=True)
class Statement:
    """One fact-checked statement with its verdict and what PolitiFact recorded about it."""

    id: str
    label: str
    text: str
    subjects: tuple[str, ...]
    speaker: str
    job: str
    state: str
    party: str
    credit: tuple[int, ...]
    context: str
    justification: str = ""


def read(path: Path) -> list[Statement]:
    """Statements of a LIAR file, or of a LIAR-PLUS file (row number first, justification last)."""
    statements: list[Statement] = []
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            for n, row in enumerate(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)):
                if not row or not "".join(row).strip():
                    continue
                statements.append(_statement(row, f"{path}: line {n + 1}"))
    except (OSError, UnicodeDecodeError) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    if not statements:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: no statements")
    return statements


def _statement(row: list[str], where: str) -> Statement:
    plus = len(row) > LIAR_COLUMNS and not row[0].endswith(".json") and row[1].endswith(".json")
    justification = row[LIAR_COLUMNS + 1].strip() if plus and len(row) > LIAR_COLUMNS + 1 else ""
    if plus:
        row = row[1 : LIAR_COLUMNS + 1]
    if len(row) < LIAR_COLUMNS - 1:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{where} has {len(row)} columns")
    row = row + [""] * (LIAR_COLUMNS - len(row))
    label = row[1].strip()
    if label not in LABELS:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{where}: unknown label {label!r}")
    return Statement(
        id=row[0].strip(),
        label=label,
        text=row[2].strip(),
        subjects=tuple(s.strip() for s in row[3].split(",") if s.strip()),
        speaker=row[4].strip(),
        job=row[5].strip(),
        state=row[6].strip(),
        party=row[7].strip(),
        credit=tuple(_count(v) for v in row[8:13]),
        context=row[13].strip(),
        justification=justification,
    )


def _count(value: str) -> int:
    """A credit-history count; a handful of rows leave them empty, which means none."""
    value = value.strip()
    return int(float(value)) if value else 0


def load(paths: Sequence[Path]) -> list[Statement]:
    return [s for p in paths for s in read(p)]


def load_split(datasets: Path, file: str) -> list[Statement]:
    return read(datasets / FOLDER / file)


def binary(label: str) -> str:
    return BINARY_LABELS[0] if label in FALSE_SIDE else BINARY_LABELS[1]


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    if len(gold) != len(predicted) or not gold:
        raise ValueError("one prediction per gold label, at least one")
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def evaluate(
    gold: Sequence[str],
    predicted: Sequence[str],
    predicted_binary: Sequence[str],
    split_name: str,
    extra: dict[str, float] | None = None,
) -> Evaluation:
    """Six-class accuracy with the per-class table, and binary accuracy beside it.

    ``predicted_binary`` comes from the summed probabilities of each side, not
    from grouping the six-class guess, so a model torn between two false-side
    ratings still says false.
    """
    return Evaluation(
        task=TASK,
        metric=METRIC,
        value=accuracy(gold, predicted),
        split=split_name,
        classes=class_scores(gold, predicted, LABELS),
        extra={
            "binary accuracy (pants-fire/false/barely-true vs half-true/mostly-true/true)": (
                accuracy([binary(g) for g in gold], predicted_binary)
            ),
            "statements": float(len(gold)),
            **bootstrap.paired_extra(
                METRIC,
                "statements",
                [[pair] for pair in zip(gold, predicted, strict=True)],
                accuracy,
            ),
            **(extra or {}),
        },
        published=PUBLISHED,
    )
