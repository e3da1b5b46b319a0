"""CheckThat! 2020 Task 5 (check-worthy sentences of debates and speeches): split and metric.

The task ranks the sentences of each transcript by check-worthiness and scores
the ranking with average precision, averaged over transcripts (MAP), exactly as
the task's scorer does: ties keep transcript order, and a transcript's AP is
divided by its number of check-worthy sentences. Transcripts are the unit of
the split: the release holds some events twice under near-identical names (and
two debates under consecutive dates), so transcripts that share a date or a
good part of their sentences are one event and always fall on the same side.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storycheck.errors import Problem, StorycheckError
from storycheck.eval import bootstrap
from storycheck.tasks import Evaluation, Published, class_scores

TASK = "checkworthy"
METRIC = "map"
FOLDER = "checkworthy"
POSITIVE = "check-worthy"
NEGATIVE = "not check-worthy"
# The transcripts that carry the 2019 test-gold layout (CRLF line ends) and that
# cipriancus/checkThat-2020-UAICS-Task5 kept in data/validate/ (see docs/checkworthy.md).
DEV_TRANSCRIPTS = (
    "20160129_7_gop",
    "20160311_12_gop",
    "20190205_trump_state",
    "20190215_trump_emergency",
)
# Two transcripts sharing this fraction of their (long) sentences are one event.
DUPLICATE_SHARE = 0.1
MIN_SHARED_CHARS = 30
PRECISION_RANK = 10
PUBLISHED = (
    Published("CheckThat! 2019 best (Copenhagen)", 0.166, "2019 test set; compare loosely"),
    Published("CheckThat! 2020 Task 5 best", 0.09, "about; 2020 test set, other transcripts"),
)


@dataclass(frozen=True)
class Transcript:
    """One debate, speech or interview: its sentences in order with their gold labels."""

    name: str
    lines: tuple[int, ...]
    speakers: tuple[str, ...]
    sentences: tuple[str, ...]
    labels: tuple[int, ...]

    @property
    def date(self) -> str:
        return self.name[:8]


def read_transcript(path: Path) -> Transcript:
    """One file in the release's layout: line number, speaker, sentence, label; no header."""
    lines: list[int] = []
    speakers: list[str] = []
    sentences: list[str] = []
    labels: list[int] = []
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            for n, row in enumerate(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)):
                if not row or not "".join(row).strip():
                    continue
                if len(row) < 4:
                    raise StorycheckError(
                        Problem.BAD_DATA, detail=f"{path}: line {n + 1} has {len(row)} columns"
                    )
                lines.append(int(row[0]))
                speakers.append(row[1].strip())
                sentences.append(_unquote(row[2]))
                labels.append(int(row[3].strip()))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    if not sentences:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: no sentences")
    return Transcript(path.stem, tuple(lines), tuple(speakers), tuple(sentences), tuple(labels))


def _unquote(text: str) -> str:
    """Undo the spreadsheet quoting some transcripts carry: doubled quote marks inside quotes."""
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] == '"' and '""' in text:
        text = text[1:-1].replace('""', '"')
    return text


def load(paths: Sequence[Path]) -> list[Transcript]:
    return [read_transcript(p) for p in paths]


def load_release(datasets: Path) -> list[Transcript]:
    folder = datasets / FOLDER
    paths = sorted(folder.glob("*.tsv"))
    if not paths:
        raise StorycheckError(Problem.BAD_DATA, detail=f"no transcripts in {folder}")
    return load(paths)


def event_groups(transcripts: Sequence[Transcript]) -> list[list[str]]:
    """Transcripts of one event: same date, or sharing many sentences word for word."""
    names = [t.name for t in transcripts]
    parent = {name: name for name in names}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    shared = [_long_sentences(t) for t in transcripts]
    for i, a in enumerate(transcripts):
        for j in range(i + 1, len(transcripts)):
            b = transcripts[j]
            smaller = min(len(shared[i]), len(shared[j])) or 1
            if a.date == b.date or len(shared[i] & shared[j]) / smaller >= DUPLICATE_SHARE:
                parent[root(b.name)] = root(a.name)
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(root(name), []).append(name)
    return sorted(groups.values())


def _long_sentences(transcript: Transcript) -> set[str]:
    return {
        re.sub(r"\W+", " ", s).strip().lower()
        for s in transcript.sentences
        if len(s) > MIN_SHARED_CHARS
    }


def split(transcripts: Sequence[Transcript]) -> tuple[list[Transcript], list[Transcript]]:
    """Train and dev: dev is the validation transcripts with every transcript of their events."""
    dev_names: set[str] = set()
    for group in event_groups(transcripts):
        if any(name in DEV_TRANSCRIPTS for name in group):
            dev_names.update(group)
    missing = set(DEV_TRANSCRIPTS) - dev_names
    if missing:
        raise StorycheckError(
            Problem.BAD_DATA, detail=f"dev transcripts missing: {sorted(missing)}"
        )
    train = [t for t in transcripts if t.name not in dev_names]
    dev = [t for t in transcripts if t.name in dev_names]
    return train, dev


def ranking(scores: npt.ArrayLike) -> npt.NDArray[np.intp]:
    """Indices by decreasing score; ties keep transcript order, as the task's scorer sorts."""
    return np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")


def average_precision(labels: Sequence[int], scores: npt.ArrayLike) -> float:
    """The task's AP: precision at each check-worthy sentence, over all check-worthy ones."""
    ranked = np.asarray(labels)[ranking(scores)] == 1
    positives = int(ranked.sum())
    if positives == 0:
        return 0.0
    hits = np.cumsum(ranked)
    ranks = np.arange(1, len(ranked) + 1)
    return float((hits[ranked] / ranks[ranked]).sum() / positives)


def precision_at(labels: Sequence[int], scores: npt.ArrayLike, k: int = PRECISION_RANK) -> float:
    """Check-worthy sentences among the top k, over k (the scorer's P@k)."""
    ranked = np.asarray(labels)[ranking(scores)] == 1
    return float(ranked[:k].sum() / k)


def evaluate(
    transcripts: Sequence[Transcript],
    scores: Sequence[npt.NDArray[np.float64]],
    threshold: float,
    split_name: str,
) -> Evaluation:
    """MAP over transcripts, mean P@10, and the positive class's F1 at ``threshold``."""
    if len(transcripts) != len(scores):
        raise ValueError("one score array per transcript")
    aps = [average_precision(t.labels, s) for t, s in zip(transcripts, scores, strict=True)]
    p_at = [precision_at(t.labels, s) for t, s in zip(transcripts, scores, strict=True)]
    gold = [POSITIVE if label == 1 else NEGATIVE for t in transcripts for label in t.labels]
    predicted = [POSITIVE if v >= threshold else NEGATIVE for s in scores for v in s]
    classes = class_scores(gold, predicted, [POSITIVE, NEGATIVE])
    return Evaluation(
        task=TASK,
        metric=METRIC,
        value=float(np.mean(aps)),
        split=split_name,
        classes=classes,
        extra={
            f"P@{PRECISION_RANK} (mean over transcripts)": float(np.mean(p_at)),
            f"F1 {POSITIVE} (threshold {threshold:.3f})": classes[0].f1,
            "transcripts": float(len(transcripts)),
            **bootstrap.interval_extra(
                METRIC, "transcripts", aps, lambda values: float(np.mean(values))
            ),
            **{f"AP {t.name}": ap for t, ap in zip(transcripts, aps, strict=True)},
        },
        published=PUBLISHED,
    )
