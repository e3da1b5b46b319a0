"""``storycheck train|eval story-groups``: the cosine threshold that links two stories.

The only learnt number is the threshold, chosen on the tuning half of the
FNC-1 groups by B-cubed F1; the scoring half is untouched until ``eval``.
Beside it, two baselines are scored: every story alone, and near-duplicate
text alone (no embeddings).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storycheck.artefact import Meta, load_meta, save_meta
from storycheck.eval import story_groups as benchmark
from storycheck.groups.cluster import components, lead_vectors, link, near_duplicates
from storycheck.paths import datasets_dir
from storycheck.tasks import Evaluation

NAME = "story-groups"
FORMAT_VERSION = 1
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.50, 0.96, 0.025))


class StoryGroupsTask:
    name = NAME
    metric = "bcubed_f1"
    description = (
        "group stories that report the same claim (FNC-1 bodies by headline); "
        "--data takes an FNC-1 stances file and its bodies file"
    )

    def train(self, datasets: Path) -> Evaluation:
        tune, _ = benchmark.halves(benchmark.load(*benchmark.default_files(datasets)))
        vectors = lead_vectors(tune.texts, "story-groups-fnc1-tune")
        results = {
            t: benchmark.score(tune.groups, _labels(tune.texts, vectors, t)).bcubed_f1
            for t in THRESHOLDS
        }
        best = max(results, key=lambda t: (results[t], t))
        save_meta(
            NAME,
            Meta(
                task=NAME,
                format_version=FORMAT_VERSION,
                trained_on="FNC-1 competition test, labelled half: tuning half of the gold groups",
                model="MinHash 5-gram near-duplicates + lead-embedding cosine, components",
                scores={"tune_bcubed_f1": round(results[best], 4)},
                details={
                    "threshold": best,
                    "sweep": {str(t): round(f, 4) for t, f in results.items()},
                },
            ),
        )
        return self.evaluate(())

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        threshold = float(load_meta(NAME).details["threshold"])
        if data:
            stances, bodies = _two(data)
            gold, split = benchmark.load(stances, bodies), f"{stances.name} + {bodies.name}"
        else:
            _, gold = benchmark.halves(benchmark.load(*benchmark.default_files(datasets_dir())))
            split = "FNC-1 labelled half, scoring half of the gold groups"
        name = None if data else "story-groups-fnc1-score"
        vectors = lead_vectors(gold.texts, name)
        ours = benchmark.score(gold.groups, _labels(gold.texts, vectors, threshold))
        alone = benchmark.score(gold.groups, list(range(len(gold.groups))))
        copied_groups = components(len(gold.texts), sorted(near_duplicates(gold.texts)))
        copied = benchmark.score(gold.groups, [int(g) for g in copied_groups])
        return Evaluation(
            task=NAME,
            metric=self.metric,
            value=ours.bcubed_f1,
            split=split,
            extra={
                "bodies": float(len(gold.groups)),
                "gold_groups": float(len(set(gold.groups))),
                "threshold": threshold,
                "bcubed_precision": ours.bcubed_precision,
                "bcubed_recall": ours.bcubed_recall,
                "pair_precision": ours.pair_precision,
                "pair_recall": ours.pair_recall,
                "pair_f1": ours.pair_f1,
                "baseline_singletons_bcubed_f1": alone.bcubed_f1,
                "baseline_near_duplicates_bcubed_f1": copied.bcubed_f1,
            },
        )


def _labels(texts: Sequence[str], vectors: np.typing.NDArray[np.float32], t: float) -> list[int]:
    return [int(x) for x in components(len(texts), link(texts, vectors, t))]


def _two(data: Sequence[Path]) -> tuple[Path, Path]:
    """(stances, bodies), in either order: the bodies file is the one with "bodies" in its name."""
    from storycheck.errors import Problem, StorycheckError

    if len(data) != 2:
        raise StorycheckError(
            Problem.BAD_DATA, detail="story-groups needs two files: FNC-1 stances and bodies"
        )
    first, second = data
    return (second, first) if "bodies" in first.name.lower() else (first, second)


TASK = StoryGroupsTask()
