"""``storycheck train reliability`` and ``storycheck eval reliability``.

Training measures what is typical, not what is reliable: the median and
spread of each story signal over a seeded sample of FNC-1 bodies (news from
many outlets), of the thread signal over the RumourEval threads as the stance
analyzer reads them, and it builds the outlet table from the site lists. The
weights stay the priors of ``rubric.PRIORS``: ../shared/datasets has no
article-level corpus with reliability labels to fit them on.

Evaluation scores stories whose outlet a site list rates (a corpus in the
FakeNewsCorpus layout: ``domain``, ``type``, ``content``) with the outlet
signal left out, since the label is the outlet's: ROC-AUC of the score for
reliable (rated high) against unreliable (rated low) outlets, per article
and per outlet, and the same with each signal family left out (the ablation).
Outlets rated mixed count in neither class.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from storycheck.analyzers.reliability import outlets, rubric, signals
from storycheck.artefact import Meta, save_meta
from storycheck.errors import Problem, ReadError, StorycheckError
from storycheck.eval import bootstrap, rumoureval
from storycheck.model import Story, build_story
from storycheck.paths import datasets_dir, model_dir
from storycheck.pipeline import analyze_many
from storycheck.read.corpus import allow_fields, read_corpus, split_paragraphs
from storycheck.read.decode import DEFAULT_MAX_BYTES
from storycheck.tasks import Evaluation

TASK = outlets.TASK
METRIC = "roc_auc"
FORMAT_VERSION = 1
SEED = 20161004
REFERENCE_BODIES = 400
STORY_ANALYZERS = ("claims", "evidence", "persuasion", "style", "factchecks")
THREAD_ANALYZERS = ("stance",)
DEFAULT_SAMPLE = ("fakenewscorpus", "news_sample.csv")


class ReliabilityTask:
    name = TASK
    metric = METRIC
    description = (
        "0-100 reliability estimate of a story (prior weights; ROC-AUC, rated outlets, "
        "outlet signal left out); --data CORPUS.csv in the FakeNewsCorpus layout"
    )

    def train(self, datasets: Path) -> Evaluation:
        started = time.perf_counter()
        folder = model_dir(TASK)
        folder.mkdir(parents=True, exist_ok=True)
        ratings = outlets.build(datasets)
        ratings.save(folder / outlets.FILE)
        bodies = reference_bodies(datasets)
        values = story_values(bodies)
        values["thread_challenge"] = thread_values(datasets)
        model = rubric.fit_references(
            values,
            f"{len(bodies)} FNC-1 bodies (seeded sample) and "
            f"{len(values['thread_challenge'])} RumourEval threads",
            fixed={"outlet_rating": 0.0},
        )
        model.save(folder / rubric.FILE)
        rubric.shipped.cache_clear()
        outlets.shipped.cache_clear()
        measured = time.perf_counter()
        evaluation = self.evaluate([])
        save_meta(
            TASK,
            Meta(
                task=TASK,
                format_version=FORMAT_VERSION,
                trained_on=model.reference_corpus,
                model=(
                    "additive: 50 + sum of prior weights x capped standardised signals; "
                    "references and spreads measured, weights not fitted"
                ),
                scores={"sample_roc_auc": evaluation.value, **evaluation.extra},
                details={
                    "rules": {r.signal: r.weight for r in model.rules},
                    "outlets_rated": len(ratings.by_domain),
                    "seed": SEED,
                    "seconds": {
                        "references": round(measured - started, 1),
                        "evaluation": round(time.perf_counter() - measured, 1),
                    },
                },
            ),
        )
        return evaluation

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        paths = list(data) or [datasets_dir().joinpath(*DEFAULT_SAMPLE)]
        labelled = labelled_stories(paths)
        leave_out = ("outlet_rating",)
        found_all = measure_all([s for s, _ in labelled], STORY_ANALYZERS + THREAD_ANALYZERS)
        measured = [
            (s, label, found) for (s, label), found in zip(labelled, found_all, strict=True)
        ]
        model = rubric.shipped()
        gold = [label for _, label, _ in measured]
        scores = [model.estimate(found, leave_out).score for _, _, found in measured]
        value = _auc(gold, scores)
        extra: dict[str, float] = {
            "articles_reliable": float(sum(gold)),
            "articles_unreliable": float(len(gold) - sum(gold)),
            "outlet_level_roc_auc": _outlet_auc(
                [s.outlet or "" for s, _, _ in measured], gold, scores
            ),
            "mean_score_reliable": _mean_of(scores, gold, 1),
            "mean_score_unreliable": _mean_of(scores, gold, 0),
            # Articles resampled as if independent; an outlet's articles are not, so this
            # is the least the figure could move.
            **bootstrap.interval_extra(
                METRIC, "articles", list(zip(gold, scores, strict=True)), _pooled_auc
            ),
        }
        for family, names in signals.FAMILIES.items():
            if family == "outlet":
                continue
            without = [model.estimate(found, (*leave_out, *names)).score for *_, found in measured]
            extra[f"roc_auc_without_{family}"] = _auc(gold, without)
        extra.update(per_signal(gold, [found for *_, found in measured], model))
        outlets_of = {s.outlet for s, _, _ in measured}
        split = (
            f"{', '.join(p.name for p in paths)}: {len(gold)} articles of {len(outlets_of)} "
            "rated outlets, outlet signal left out"
        )
        return Evaluation(TASK, METRIC, value, split, extra=extra)


def per_signal(
    gold: Sequence[int], found: Sequence[Sequence[signals.Signal]], model: rubric.Rubric
) -> dict[str, float]:
    """For each text signal, over the articles it was measured in: how many, its mean for
    each class, and how well it ranks them alone, turned the way its weight points.

    The ablation says what a family adds to the sum; this says whether a signal
    separates the classes at all, which the sum can hide.
    """
    weights = {r.signal: r.weight for r in model.rules}
    figures: dict[str, float] = {}
    for name in (n for n in signals.NAMES if n in signals.READ_FROM_TEXT and n in weights):
        pairs = [
            (label, signal.value)
            for label, story in zip(gold, found, strict=True)
            for signal in story
            if signal.name == name and signal.value is not None
        ]
        labels = [label for label, _ in pairs]
        figures[f"{name}_articles"] = float(len(pairs))
        if len(set(labels)) < 2:
            continue
        for label, side in ((1, "reliable"), (0, "unreliable")):
            figures[f"{name}_mean_{side}"] = float(
                np.mean([value for lab, value in pairs if lab == label])
            )
        turned = [value if weights[name] > 0 else -value for _, value in pairs]
        figures[f"{name}_roc_auc_alone"] = _auc(labels, turned)
    return figures


def reference_bodies(datasets: Path) -> list[Story]:
    path = datasets / "fnc1" / "train_bodies.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    chosen = random.Random(SEED).sample(rows, min(REFERENCE_BODIES, len(rows)))
    return [
        build_story(f"fnc1-body-{row['Body ID']}", "", paragraphs)
        for row in chosen
        if (paragraphs := split_paragraphs(row["articleBody"]))
    ]


def measure_all(
    stories: Iterable[Story], analyzers: Sequence[str]
) -> Iterator[list[signals.Signal]]:
    """Each story's signals after ``analyzers`` ran on it (the outlet left unrated)."""
    for report in analyze_many(stories, analyzers):
        yield signals.measure(report.story, report.annotations, None)


def story_values(stories: Sequence[Story]) -> dict[str, list[float]]:
    values: dict[str, list[float]] = defaultdict(list)
    for found in measure_all(stories, STORY_ANALYZERS):
        for signal in found:
            if signal.value is not None:
                values[signal.name].append(signal.value)
    return values


def thread_values(datasets: Path) -> list[float]:
    """The share of challenging comments in every RumourEval thread, as the analyzer reads them."""
    threads = [
        t.story
        for split in ("train", "dev")
        for t in rumoureval.read_threads([datasets / rumoureval.FOLDER / split])
    ]
    return [
        s.value
        for found in measure_all(threads, THREAD_ANALYZERS)
        for s in found
        if s.name == "thread_challenge" and s.value is not None
    ]


def labelled_stories(paths: Sequence[Path]) -> list[tuple[Story, int]]:
    """Stories of rated outlets with 1 (rated high) or 0 (rated low); mixed and unrated left out.

    The shipped outlet table rates an outlet first; the corpus's own ``type``
    column (OpenSources' types) rates those the table does not know.
    """
    table = outlets.shipped()
    labelled: list[tuple[Story, int]] = []
    for path in paths:
        own = corpus_ratings(path)
        for item in read_corpus(path, path.suffix.lstrip(".").lower(), max_bytes=DEFAULT_MAX_BYTES):
            if isinstance(item, ReadError):
                print(f"skipped {item}", file=sys.stderr)
                continue
            rating = table.rating(item.outlet or "") or own.rating(item.outlet or "")
            if rating is not None and rating.value:
                labelled.append((item, int(rating.value > 0)))
    if len({label for _, label in labelled}) < 2:
        raise StorycheckError(
            Problem.BAD_DATA,
            detail=f"{', '.join(map(str, paths))}: need stories of both reliable and unreliable "
            "rated outlets (a `domain` or `url` column naming them)",
        )
    return labelled


def corpus_ratings(path: Path) -> outlets.OutletRatings:
    """What a CSV corpus's own ``type`` column says of its outlets, as the site list's types."""
    if path.suffix.lower() != ".csv":
        return outlets.OutletRatings({})
    allow_fields(DEFAULT_MAX_BYTES)
    with path.open(newline="", encoding="utf-8") as fh:
        return outlets.OutletRatings(outlets.opensources(csv.DictReader(fh)))


def _auc(gold: Sequence[int], scores: Sequence[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(gold, scores)), 4)


def _pooled_auc(pairs: Sequence[tuple[int, float]]) -> float:
    """ROC-AUC of a resample; one that drew a single class ranks nothing, and counts as chance."""
    labels = [label for label, _ in pairs]
    if len(set(labels)) < 2:
        return 0.5
    return _auc(labels, [score for _, score in pairs])


def _mean_of(scores: Sequence[float], gold: Sequence[int], label: int) -> float:
    return round(float(np.mean([s for s, g in zip(scores, gold, strict=True) if g == label])), 1)


def _outlet_auc(outlet_names: Sequence[str], gold: Sequence[int], scores: Sequence[float]) -> float:
    by_outlet: dict[str, list[float]] = defaultdict(list)
    label_of: dict[str, int] = {}
    for name, label, score in zip(outlet_names, gold, scores, strict=True):
        by_outlet[name].append(score)
        label_of[name] = label
    names = sorted(by_outlet)
    if len({label_of[n] for n in names}) < 2:
        return float("nan")
    return _auc([label_of[n] for n in names], [float(np.mean(by_outlet[n])) for n in names])


RELIABILITY = ReliabilityTask()
