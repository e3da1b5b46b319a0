"""FNC-1 (Fake News Challenge stage 1): stance files, our split by body and the official score.

The labelled pairs here are one half of the competition's test set; the other
half is held out and arrives in the same layout (a stances file of Headline,
Body ID, Stance and a bodies file of Body ID, articleBody). Train and dev are
split by body, as the challenge's own baseline splits, so no body is seen on
both sides; headlines do repeat across bodies, as in the held-out half.

The score is the challenge's ``score_submission``: 0.25 for every pair whose
related/unrelated decision is right, 0.75 more for a related pair whose exact
label is right, as a percentage of what the gold labels themselves score.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from storycheck.errors import Problem, StorycheckError
from storycheck.eval import bootstrap
from storycheck.tasks import Evaluation, Published, class_scores

TASK = "stance-story"
METRIC = "fnc"
FOLDER = "fnc1"
STANCES_FILE = "competition_test_half_dev_stances.csv"
BODIES_FILE = "competition_test_half_dev_bodies.csv"
UNLABELLED_BODIES_FILE = "train_bodies.csv"
UNRELATED = "unrelated"
RELATED = ("agree", "disagree", "discuss")
LABELS = (*RELATED, UNRELATED)
DEV_SHARE = 0.2
SPLIT_SEED = 2017
PUBLISHED = (
    Published("Talos (SOLAT in the SWEN)", 82.02, "whole competition test; ours is half of it"),
    Published("Athene", 81.97, "whole competition test"),
    Published("UCL Machine Reading", 81.72, "whole competition test; TF-IDF + one hidden layer"),
)


@dataclass(frozen=True, slots=True)
class Pair:
    headline: str
    body_id: int
    stance: str


@dataclass(frozen=True)
class Dataset:
    """Pairs with the bodies they point at (by id)."""

    pairs: tuple[Pair, ...]
    bodies: Mapping[int, str]

    @property
    def stances(self) -> list[str]:
        return [p.stance for p in self.pairs]

    def body_of(self, pair: Pair) -> str:
        return self.bodies[pair.body_id]

    def subset(self, body_ids: Iterable[int]) -> Dataset:
        keep = set(body_ids)
        return Dataset(
            tuple(p for p in self.pairs if p.body_id in keep),
            {b: text for b, text in self.bodies.items() if b in keep},
        )


def _rows(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            missing = set(columns) - set(reader.fieldnames or ())
            if missing:
                raise StorycheckError(
                    Problem.BAD_DATA, detail=f"{path}: no column {', '.join(sorted(missing))}"
                )
            return list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc


def read_bodies(path: Path) -> dict[int, str]:
    try:
        return {
            int(r["Body ID"]): r["articleBody"] for r in _rows(path, ("Body ID", "articleBody"))
        }
    except ValueError as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc


def read_stances(path: Path) -> list[Pair]:
    """Pairs of a stances file; an unlabelled file (no Stance column) reads as unrelated."""
    pairs = []
    for n, row in enumerate(_rows(path, ("Headline", "Body ID")), start=2):
        stance = (row.get("Stance") or UNRELATED).strip().lower()
        if stance not in LABELS:
            raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: line {n}: stance {stance!r}")
        try:
            pairs.append(Pair(row["Headline"], int(row["Body ID"]), stance))
        except ValueError as exc:
            raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: line {n}: {exc}") from exc
    return pairs


def load(stances: Path, bodies: Path) -> Dataset:
    pairs = read_stances(stances)
    texts = read_bodies(bodies)
    missing = {p.body_id for p in pairs} - set(texts)
    if missing:
        raise StorycheckError(
            Problem.BAD_DATA, detail=f"{stances}: body ids not in {bodies}: {sorted(missing)[:5]}"
        )
    return Dataset(tuple(pairs), texts)


def load_paths(paths: Sequence[Path]) -> Dataset:
    """``--data STANCES BODIES``: which is which is read from the header, in either order."""
    if len(paths) != 2:
        raise StorycheckError(
            Problem.BAD_DATA,
            detail="stance-story takes two files: a stances file and a bodies file",
        )
    first, second = paths
    if _is_bodies(first) and not _is_bodies(second):
        first, second = second, first
    return load(first, second)


def _is_bodies(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream), [])
    except (OSError, UnicodeDecodeError) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    return "articleBody" in header


def load_release(datasets: Path) -> Dataset:
    folder = datasets / FOLDER
    return load(folder / STANCES_FILE, folder / BODIES_FILE)


def unlabelled_bodies(datasets: Path) -> list[str]:
    """The training bodies without their stances: text for vocabularies and topics only."""
    return list(read_bodies(datasets / FOLDER / UNLABELLED_BODIES_FILE).values())


def split(dataset: Dataset, dev_share: float = DEV_SHARE) -> tuple[Dataset, Dataset]:
    """Train and dev by body id: the sorted ids shuffled with a fixed seed, the first fifth dev."""
    ids = sorted(dataset.bodies)
    random.Random(SPLIT_SEED).shuffle(ids)
    n_dev = round(len(ids) * dev_share)
    return dataset.subset(ids[n_dev:]), dataset.subset(ids[:n_dev])


def raw_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The challenge's ``score_submission``."""
    if len(gold) != len(predicted):
        raise ValueError("one prediction per gold label")
    score = 0.0
    for g, p in zip(gold, predicted, strict=True):
        if g == p:
            score += 0.25
            if g != UNRELATED:
                score += 0.50
        if g in RELATED and p in RELATED:
            score += 0.25
    return score


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The FNC-1 score as a percentage of the best possible (0-100)."""
    best = raw_score(gold, gold)
    return 100.0 * raw_score(gold, predicted) / best if best else 0.0


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> list[list[int]]:
    """Counts by gold row and predicted column, both in ``LABELS`` order."""
    index = {label: i for i, label in enumerate(LABELS)}
    matrix = [[0] * len(LABELS) for _ in LABELS]
    for g, p in zip(gold, predicted, strict=True):
        matrix[index[g]][index[p]] += 1
    return matrix


def evaluate(
    gold: Sequence[str],
    predicted: Sequence[str],
    split_name: str,
    extra: Mapping[str, float] | None = None,
    bodies: Sequence[int] = (),
) -> Evaluation:
    """The FNC score, per-class F1, related/unrelated accuracy and the non-zero mistake counts;
    given each pair's body, the score's bootstrap interval over bodies (the split's unit)."""
    classes = class_scores(gold, predicted, LABELS)
    interval = _body_interval(gold, predicted, bodies) if bodies else {}
    related_gold = [g != UNRELATED for g in gold]
    related_pred = [p != UNRELATED for p in predicted]
    n = max(len(gold), 1)
    matrix = confusion(gold, predicted)
    return Evaluation(
        task=TASK,
        metric=METRIC,
        value=fnc_score(gold, predicted),
        split=split_name,
        classes=classes,
        extra={
            "macro F1 (4 classes)": sum(c.f1 for c in classes) / len(classes),
            "related/unrelated accuracy": sum(
                a == b for a, b in zip(related_gold, related_pred, strict=True)
            )
            / n,
            "accuracy": sum(a == b for a, b in zip(gold, predicted, strict=True)) / n,
            **{
                f"mistakes {g} -> {p}": float(matrix[i][j])
                for i, g in enumerate(LABELS)
                for j, p in enumerate(LABELS)
                if i != j and matrix[i][j]
            },
            **interval,
            **(extra or {}),
        },
        published=PUBLISHED,
    )


def _body_interval(
    gold: Sequence[str], predicted: Sequence[str], bodies: Sequence[int]
) -> dict[str, float]:
    """The FNC score's bootstrap interval, resampling bodies with all their pairs."""
    by_body: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for body, g, p in zip(bodies, gold, predicted, strict=True):
        by_body[body].append((g, p))
    return bootstrap.paired_extra(METRIC, "bodies", list(by_body.values()), fnc_score)
