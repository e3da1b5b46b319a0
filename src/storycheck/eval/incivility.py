"""Incivility of comments against our own hand-labelled sample: ROC-AUC per label.

No toxic-comment benchmark is among the shared datasets, so the gold file is
ours (``tests/data/incivility-sample.jsonl``, labelling rules in
``docs/incivility.md``): replies from RumourEval 2017 threads and the seed
story's comments, each with 0/1 for insult, identity attack, threat and
profanity. The score is ROC-AUC per label and their mean, as the Jigsaw
toxic-comment challenge scored its labels; precision and recall at the
analyzer's threshold are shown beside them. The figures describe our labels
on our sample, not a benchmark. The lexicon's author labelled the sample: the
comments of batch ``seen`` before writing the lexicon and looking at them while
writing it, those of batch ``fresh`` after it was frozen, so the ``fresh``
figures are the honest estimate and the pooled ones flatter the lexicon.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from storycheck.errors import Problem, StorycheckError
from storycheck.eval import bootstrap
from storycheck.paths import PACKAGE
from storycheck.tasks import ClassScore, Evaluation, Published

TASK = "incivility"
METRIC = "mean_auc"
LABELS: tuple[str, ...] = ("insult", "identity_attack", "threat", "profanity")
# Comments labelled after the lexicon was frozen: the figure not flattered by its author.
FRESH = "fresh"
DEFAULT_SAMPLE = PACKAGE.parents[1] / "tests" / "data" / "incivility-sample.jsonl"
PUBLISHED = (
    Published(
        "Jigsaw Toxic Comment Classification Challenge 2018, winning ensemble",
        0.9885,
        "mean column-wise ROC-AUC on Wikipedia talk comments with six other labels; "
        "not comparable, shown for scale",
    ),
)

Scorer = Callable[[list[str]], Sequence[Mapping[str, float]]]


@dataclass(frozen=True, slots=True)
class LabelledComment:
    id: str
    text: str
    labels: dict[str, int]
    batch: str = ""


def read_sample(path: Path) -> list[LabelledComment]:
    """One JSON object per line: ``id``, ``text`` and 0/1 for each label."""
    comments = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            labels = {label: int(row[label]) for label in LABELS}
            comments.append(
                LabelledComment(str(row["id"]), str(row["text"]), labels, str(row.get("batch", "")))
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise StorycheckError(Problem.BAD_DATA, detail=f"{path} line {number}: {exc}") from exc
    if not comments:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: no comments")
    return comments


def auc(gold: Sequence[int], scores: Sequence[float]) -> float:
    """ROC-AUC; 0.5 (no information) when the sample holds only one class."""
    from sklearn.metrics import roc_auc_score

    if len(set(gold)) < 2:
        return 0.5
    return float(roc_auc_score(list(gold), list(scores)))


def evaluate(
    scorer: Scorer, files: Sequence[Path], threshold: float, split_name: str | None = None
) -> Evaluation:
    comments = [c for path in files for c in read_sample(path)]
    scored = scorer([c.text for c in comments])
    classes = []
    extra: dict[str, float] = {"comments": float(len(comments))}
    aucs = []
    for label in LABELS:
        gold = [c.labels[label] for c in comments]
        values = [float(s[label]) for s in scored]
        aucs.append(auc(gold, values))
        extra[f"auc {label}"] = aucs[-1]
        flagged = [v >= threshold for v in values]
        hits = sum(1 for g, f in zip(gold, flagged, strict=True) if g and f)
        precision = hits / sum(flagged) if any(flagged) else 0.0
        recall = hits / sum(gold) if any(gold) else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        classes.append(
            ClassScore(f"{label} (score >= {threshold})", precision, recall, f1, sum(gold))
        )
    fresh = [i for i, c in enumerate(comments) if c.batch == FRESH]
    if fresh:
        fresh_aucs = []
        for label in LABELS:
            fresh_aucs.append(
                auc([comments[i].labels[label] for i in fresh], [scored[i][label] for i in fresh])
            )
            extra[f"fresh auc {label}"] = fresh_aucs[-1]
        extra["fresh comments"] = float(len(fresh))
        extra["fresh mean_auc"] = sum(fresh_aucs) / len(fresh_aucs)
    extra.update(
        bootstrap.interval_extra(
            METRIC, "comments", list(zip(comments, scored, strict=True)), _mean_auc
        )
    )
    return Evaluation(
        task=TASK,
        metric=METRIC,
        value=sum(aucs) / len(aucs),
        split=split_name or "+".join(path.name for path in files),
        classes=tuple(classes),
        extra=extra,
        published=PUBLISHED,
    )


def _mean_auc(pairs: Sequence[tuple[LabelledComment, Mapping[str, float]]]) -> float:
    return sum(
        auc([c.labels[label] for c, _ in pairs], [float(s[label]) for _, s in pairs])
        for label in LABELS
    ) / len(LABELS)
