"""Training and scoring the story-stance model (``storycheck train|eval stance-story``).

The vocabulary and topics are fitted on unlabelled text only: FNC-1's training
bodies (whose stances are not here) and the bodies and headlines of our train
split. Both heads learn from the train split; the logistic regression's C is
chosen by cross-validation with folds by body, so dev only picks between the
two finished heads. Evaluation always recomputes every feature and embedding,
so the pairs-per-second figure it prints is what a user's files would see.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.stance_story.features import (
    FEATURE_VERSION,
    PAIR_FEATURES,
    Embed,
    Vocabulary,
    pair_features,
)
from storycheck.analyzers.stance_story.head import (
    LIGHTGBM,
    LIGHTGBM_FILE,
    LINEAR,
    THREADS,
    VOCABULARY,
    decide,
    shipped,
)
from storycheck.artefact import Meta, save_arrays, save_meta
from storycheck.eval import fnc1 as benchmark
from storycheck.heads import BoostedHead, Head, SoftmaxHead
from storycheck.paths import model_dir
from storycheck.tasks import Evaluation

FORMAT_VERSION = 1
SEED = 13
LINEAR_C_GRID = (0.003, 0.01, 0.03)
CV_FOLDS = 4
LIGHTGBM_PARAMS: dict[str, object] = {
    "objective": "multiclass",
    "num_class": len(benchmark.LABELS),
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_child_samples": 20,
    "feature_fraction": 0.5,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 2,
    "seed": SEED,
    "verbose": -1,
}
LIGHTGBM_ROUNDS = 400
SPEED_NOTE = "pairs per second (features, embeddings and head; 2 threads)"


def _cached_embed(texts: list[str]) -> npt.NDArray[np.float32]:
    return nlp.embed_cached(texts, benchmark.TASK)


def dataset_features(
    vocabulary: Vocabulary, data: benchmark.Dataset, embed: Embed
) -> npt.NDArray[np.float32]:
    """Features of every pair of ``data``, in its order."""
    headlines = sorted({p.headline for p in data.pairs})
    head_index = {h: i for i, h in enumerate(headlines)}
    body_ids = sorted({p.body_id for p in data.pairs})
    body_index = {b: i for i, b in enumerate(body_ids)}
    pairs = [(head_index[p.headline], body_index[p.body_id]) for p in data.pairs]
    return pair_features(vocabulary, headlines, [data.bodies[b] for b in body_ids], pairs, embed)


def _label_index(stances: Sequence[str]) -> npt.NDArray[np.int64]:
    return np.asarray([benchmark.LABELS.index(s) for s in stances], dtype=np.int64)


def fit_linear(x: npt.NDArray[np.float32], y: npt.NDArray[np.int64], c: float) -> SoftmaxHead:
    return SoftmaxHead.fit(x, y, c, len(benchmark.LABELS))


def fit_lightgbm(x: npt.NDArray[np.float32], y: npt.NDArray[np.int64]) -> BoostedHead:
    import lightgbm

    data = lightgbm.Dataset(x, label=y, feature_name=list(PAIR_FEATURES), free_raw_data=True)
    booster = lightgbm.train(LIGHTGBM_PARAMS, data, num_boost_round=LIGHTGBM_ROUNDS)
    return BoostedHead(booster, len(benchmark.LABELS), THREADS)


def _fnc(head: Head, x: npt.NDArray[np.float32], gold: Sequence[str]) -> float:
    return benchmark.fnc_score(gold, decide(head.probabilities(x)))


def choose_c(
    x: npt.NDArray[np.float32], stances: Sequence[str], bodies: npt.NDArray[np.int64]
) -> dict[float, float]:
    """Cross-validated FNC score of each C, folds by body as the split itself."""
    from sklearn.model_selection import GroupKFold

    y = _label_index(stances)
    gold = np.asarray(stances)
    folds = list(GroupKFold(n_splits=CV_FOLDS).split(x, y, bodies))
    return {
        c: float(
            np.mean(
                [
                    _fnc(fit_linear(x[fit], y[fit], c), x[held], list(gold[held]))
                    for fit, held in folds
                ]
            )
        )
        for c in LINEAR_C_GRID
    }


def fit_vocabulary(datasets: Path, train: benchmark.Dataset) -> Vocabulary:
    texts = [
        *benchmark.unlabelled_bodies(datasets),
        *train.bodies.values(),
        *sorted({p.headline for p in train.pairs}),
    ]
    return Vocabulary.fit(texts, SEED)


class StanceStoryTask:
    name = benchmark.TASK
    metric = benchmark.METRIC
    description = (
        "headline/body stance: agree, disagree, discuss, unrelated (FNC-1 score); "
        "--data STANCES.csv BODIES.csv"
    )

    def train(self, datasets: Path) -> Evaluation:
        started = time.perf_counter()
        train, dev = benchmark.split(benchmark.load_release(datasets))
        vocabulary = fit_vocabulary(datasets, train)
        x = dataset_features(vocabulary, train, _cached_embed)
        dev_x = dataset_features(vocabulary, dev, _cached_embed)
        y = _label_index(train.stances)
        featurised = time.perf_counter()

        bodies = np.asarray([p.body_id for p in train.pairs], dtype=np.int64)
        cv = choose_c(x, train.stances, bodies)
        c = max(cv, key=lambda k: cv[k])
        linear = fit_linear(x, y, c)
        linear_done = time.perf_counter()
        boosted = fit_lightgbm(x, y)
        boosted_done = time.perf_counter()

        heads: dict[str, Head] = {LINEAR: linear, LIGHTGBM: boosted}
        dev_fnc = {name: _fnc(head, dev_x, dev.stances) for name, head in heads.items()}
        chosen = max(dev_fnc, key=lambda k: dev_fnc[k])

        save_arrays(benchmark.TASK, VOCABULARY, **vocabulary.arrays())
        save_arrays(benchmark.TASK, LINEAR, **linear.arrays())
        boosted.booster.save_model(str(model_dir(benchmark.TASK) / LIGHTGBM_FILE))
        predicted = decide(heads[chosen].probabilities(dev_x))
        evaluation = benchmark.evaluate(
            dev.stances, predicted, _dev_name(dev), bodies=[p.body_id for p in dev.pairs]
        )
        save_meta(
            benchmark.TASK,
            Meta(
                task=benchmark.TASK,
                format_version=FORMAT_VERSION,
                trained_on=(
                    f"FNC-1 competition-test half: train split {len(train.bodies)} bodies, "
                    f"{len(train.pairs)} pairs; vocabulary also from "
                    f"{benchmark.UNLABELLED_BODIES_FILE} (unlabelled)"
                ),
                model=(
                    f"{chosen} head over {len(PAIR_FEATURES)} TF-IDF, topic, overlap, cue and "
                    f"{nlp.EMBEDDER_ID} similarity features; expected-score decision"
                ),
                scores={
                    "dev_fnc": evaluation.value,
                    **{f"dev_fnc_{name}": value for name, value in dev_fnc.items()},
                    **{c.label + "_f1": c.f1 for c in evaluation.classes},
                },
                details={
                    "head": chosen,
                    "embedder": nlp.EMBEDDER_ID,
                    "feature_version": FEATURE_VERSION,
                    "features": list(PAIR_FEATURES),
                    "split": {
                        "by": "Body ID",
                        "seed": benchmark.SPLIT_SEED,
                        "dev_share": benchmark.DEV_SHARE,
                        "dev_bodies": sorted(dev.bodies),
                    },
                    "linear": {"C": c, "cv_fnc_by_C": {str(k): v for k, v in cv.items()}},
                    "lightgbm": {"params": LIGHTGBM_PARAMS, "rounds": LIGHTGBM_ROUNDS},
                    "seconds": {
                        "features": round(featurised - started, 1),
                        "linear_cv_and_fit": round(linear_done - featurised, 1),
                        "lightgbm_fit": round(boosted_done - linear_done, 1),
                    },
                },
            ),
        )
        shipped.cache_clear()
        return evaluation

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        if data:
            dataset = benchmark.load_paths(data)
            split_name = " + ".join(p.name for p in data)
        else:
            from storycheck.paths import datasets_dir

            _, dataset = benchmark.split(benchmark.load_release(datasets_dir()))
            split_name = _dev_name(dataset)
        model = shipped()
        started = time.perf_counter()
        probabilities = model.head.probabilities(
            dataset_features(model.vocabulary, dataset, nlp.embed)
        )
        seconds = time.perf_counter() - started
        return benchmark.evaluate(
            dataset.stances,
            decide(probabilities),
            split_name,
            {SPEED_NOTE: len(dataset.pairs) / max(seconds, 1e-9)},
            bodies=[p.body_id for p in dataset.pairs],
        )


def _dev_name(dev: benchmark.Dataset) -> str:
    return f"dev ({len(dev.bodies)} bodies by seed {benchmark.SPLIT_SEED}, {len(dev.pairs)} pairs)"


TASK = StanceStoryTask()
