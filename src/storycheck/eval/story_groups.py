"""Scoring story groups against FNC-1: bodies related to the same headline claim belong together.

FNC-1 pairs headlines with article bodies; a pair labelled agree, disagree or
discuss says the body reports the headline's claim. Joining bodies through
the headlines they relate to gives the gold groups (connected components of
the body-headline graph); bodies related to no headline are left out, since
the data says nothing about what they report. Metrics: B-cubed precision,
recall and F1 (Bagga and Baldwin 1998) and pairwise precision/recall/F1.

The labelled half of the FNC-1 competition test is split by gold group, not
by body, into a tuning half (``train`` picks the threshold there) and a
scoring half (``eval``'s default).
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from storycheck.errors import Problem, StorycheckError

STANCES = "competition_test_half_dev_stances.csv"
BODIES = "competition_test_half_dev_bodies.csv"


@dataclass(frozen=True, slots=True)
class Gold:
    body_ids: tuple[str, ...]
    texts: tuple[str, ...]
    groups: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Scores:
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pair_precision: float
    pair_recall: float
    pair_f1: float


def default_files(datasets: Path) -> tuple[Path, Path]:
    return datasets / "fnc1" / STANCES, datasets / "fnc1" / BODIES


def load(stances: Path, bodies: Path) -> Gold:
    """The bodies that relate to some headline, with their gold group."""
    csv.field_size_limit(1 << 24)
    try:
        with stances.open(encoding="utf-8", newline="") as handle:
            related = [
                (row["Headline"], row["Body ID"])
                for row in csv.DictReader(handle)
                if row["Stance"] != "unrelated"
            ]
        with bodies.open(encoding="utf-8", newline="") as handle:
            text = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    except (OSError, KeyError) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{stances}, {bodies}: {exc}") from exc
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for headline, body in related:
        a, b = root(f"h:{headline}"), root(f"b:{body}")
        if a != b:
            parent[a] = b
    ids = sorted({body for _, body in related if body in text}, key=int)
    roots: dict[str, int] = {}
    groups = tuple(roots.setdefault(root(f"b:{i}"), len(roots)) for i in ids)
    return Gold(tuple(ids), tuple(text[i] for i in ids), groups)


def halves(gold: Gold) -> tuple[Gold, Gold]:
    """(tuning, scoring): each gold group falls wholly in one, by a hash of its smallest id."""
    members: dict[int, list[int]] = defaultdict(list)
    for index, group in enumerate(gold.groups):
        members[group].append(index)
    tune: list[int] = []
    score: list[int] = []
    for indices in members.values():
        first = gold.body_ids[indices[0]]
        digest = hashlib.sha256(first.encode()).digest()[0]
        (tune if digest % 2 == 0 else score).extend(indices)
    return _subset(gold, sorted(tune)), _subset(gold, sorted(score))


def _subset(gold: Gold, indices: Sequence[int]) -> Gold:
    return Gold(
        tuple(gold.body_ids[i] for i in indices),
        tuple(gold.texts[i] for i in indices),
        tuple(gold.groups[i] for i in indices),
    )


def score(gold: Sequence[int], predicted: Sequence[int]) -> Scores:
    """B-cubed and pairwise scores of a predicted grouping against the gold one."""
    by_gold = _members(gold)
    by_pred = _members(predicted)
    precision = recall = 0.0
    for i in range(len(gold)):
        same_pred = by_pred[predicted[i]]
        same_gold = by_gold[gold[i]]
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    n = max(1, len(gold))
    bp, br = precision / n, recall / n
    pairs_both = sum(
        _pairs(len(by_pred[p] & by_gold[g])) for p in by_pred for g in {gold[i] for i in by_pred[p]}
    )
    pairs_pred = sum(_pairs(len(m)) for m in by_pred.values())
    pairs_gold = sum(_pairs(len(m)) for m in by_gold.values())
    pp = pairs_both / pairs_pred if pairs_pred else 1.0
    pr = pairs_both / pairs_gold if pairs_gold else 1.0
    return Scores(bp, br, _f1(bp, br), pp, pr, _f1(pp, pr))


def _members(labels: Sequence[int]) -> Mapping[int, set[int]]:
    members: dict[int, set[int]] = defaultdict(set)
    for index, label in enumerate(labels):
        members[label].add(index)
    return members


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
