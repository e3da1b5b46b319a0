"""Training and scoring the check-worthiness head (``storycheck train|eval checkworthy``).

Both heads read the same features (sentence embedding and parse features) of
CheckThat! 2020 Task 5 transcripts. The logistic regression's C, the choice
between the two heads and the claim threshold are all made by cross-validation
over training events; dev is read only to report.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.claims.features import (
    FEATURE_VERSION,
    PARSE_FEATURES,
    combine,
    feature_names,
    parse_matrix,
)
from storycheck.analyzers.claims.head import (
    LIGHTGBM,
    LIGHTGBM_FILE,
    LINEAR,
    BoostedHead,
    Head,
    LinearHead,
    shipped,
)
from storycheck.analyzers.claims.head import TASK as TASK_NAME
from storycheck.artefact import Meta, save_arrays, save_meta
from storycheck.eval import checkworthy as benchmark
from storycheck.paths import model_dir
from storycheck.tasks import Evaluation

FORMAT_VERSION = 1
LINEAR_C_GRID = (0.01, 0.03, 0.1, 0.3)
CV_FOLDS = 5
SEED = 13
LIGHTGBM_PARAMS: dict[str, object] = {
    "objective": "binary",
    "learning_rate": 0.03,
    "num_leaves": 15,
    "min_child_samples": 40,
    "feature_fraction": 0.3,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "scale_pos_weight": 10.0,
    "num_threads": 2,
    "seed": SEED,
    "verbose": -1,
}
LIGHTGBM_ROUNDS = 400


def transcript_features(transcript: benchmark.Transcript) -> npt.NDArray[np.float32]:
    """Features of one transcript's sentences, cached per transcript for train and eval alike."""
    texts = list(transcript.sentences)
    name = f"{TASK_NAME}-{transcript.name}"
    return combine(nlp.embed_cached(texts, name), parse_matrix(texts, name))


def _stack(
    transcripts: Sequence[benchmark.Transcript],
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int8], npt.NDArray[np.int64]]:
    """Features, labels and the event index of every sentence."""
    groups = benchmark.event_groups(transcripts)
    event_of = {name: i for i, group in enumerate(groups) for name in group}
    x = np.vstack([transcript_features(t) for t in transcripts])
    y = np.concatenate([np.asarray(t.labels, dtype=np.int8) for t in transcripts])
    events = np.concatenate([np.full(len(t.labels), event_of[t.name]) for t in transcripts])
    return x, y, events


def fit_linear(x: npt.NDArray[np.float32], y: npt.NDArray[np.int8], c: float) -> LinearHead:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0).astype(np.float64)
    scale = x.std(axis=0).astype(np.float64)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    model.fit((x - mean) / scale, y)
    return LinearHead(model.coef_[0].astype(np.float64), float(model.intercept_[0]), mean, scale)


def fit_lightgbm(x: npt.NDArray[np.float32], y: npt.NDArray[np.int8]) -> BoostedHead:
    import lightgbm

    data = lightgbm.Dataset(x, label=y, feature_name=feature_names(), free_raw_data=True)
    return BoostedHead(lightgbm.train(LIGHTGBM_PARAMS, data, num_boost_round=LIGHTGBM_ROUNDS))


def _mean_ap(
    y: npt.NDArray[np.int8], scores: npt.NDArray[np.float64], units: npt.NDArray[np.int64]
) -> float:
    """MAP with ``units`` (transcripts or events) as the ranked lists."""
    aps = [
        benchmark.average_precision(list(y[units == u]), scores[units == u])
        for u in np.unique(units)
        if y[units == u].any()
    ]
    return float(np.mean(aps))


Folds = list[tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]]


def event_folds(x: npt.NDArray[np.float32], events: npt.NDArray[np.int64]) -> Folds:
    """Folds by event, so that near-duplicate transcripts never straddle a fold."""
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(n_splits=CV_FOLDS).split(x, groups=events))


def out_of_fold(
    fit: Callable[[npt.NDArray[np.float32], npt.NDArray[np.int8]], Head],
    x: npt.NDArray[np.float32],
    y: npt.NDArray[np.int8],
    folds: Folds,
) -> npt.NDArray[np.float64]:
    """Each sentence scored by a head fitted without its fold."""
    scores = np.empty(len(y), dtype=np.float64)
    for fit_rows, held_rows in folds:
        scores[held_rows] = fit(x[fit_rows], y[fit_rows]).score(x[held_rows])
    return scores


def cross_validated_map(
    y: npt.NDArray[np.int8],
    scores: npt.NDArray[np.float64],
    events: npt.NDArray[np.int64],
    folds: Folds,
) -> float:
    """Each fold's MAP over its held-out events, averaged over the folds."""
    return float(np.mean([_mean_ap(y[held], scores[held], events[held]) for _, held in folds]))


def best_threshold(y: npt.NDArray[np.int8], scores: npt.NDArray[np.float64]) -> float:
    """The score threshold with the best F1 of the check-worthy class."""
    from sklearn.metrics import precision_recall_curve

    precision, recall, thresholds = precision_recall_curve(y, scores)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return float(thresholds[int(np.argmax(f1[:-1]))])


def _score(
    head: Head, transcripts: Sequence[benchmark.Transcript]
) -> list[npt.NDArray[np.float64]]:
    return [head.score(transcript_features(t)) for t in transcripts]


class CheckworthyTask:
    name = TASK_NAME
    metric = benchmark.METRIC
    description = "rank debate sentences by check-worthiness (CLEF CheckThat! 2020 Task 5, MAP)"

    def train(self, datasets: Path) -> Evaluation:
        started = time.perf_counter()
        transcripts = benchmark.load_release(datasets)
        train, dev = benchmark.split(transcripts)
        x, y, events = _stack(train)
        featurised = time.perf_counter()

        folds = event_folds(x, events)
        by_c = {c: out_of_fold(partial(fit_linear, c=c), x, y, folds) for c in LINEAR_C_GRID}
        cv = {c: cross_validated_map(y, scores, events, folds) for c, scores in by_c.items()}
        c = max(cv, key=lambda k: cv[k])
        oof = {LINEAR: by_c[c], LIGHTGBM: out_of_fold(fit_lightgbm, x, y, folds)}
        cv_map = {name: cross_validated_map(y, s, events, folds) for name, s in oof.items()}
        chosen = max(cv_map, key=lambda k: cv_map[k])
        threshold = best_threshold(y, oof[chosen])
        chosen_done = time.perf_counter()
        linear = fit_linear(x, y, c)
        linear_done = time.perf_counter()
        boosted = fit_lightgbm(x, y)
        boosted_done = time.perf_counter()

        heads: dict[str, Head] = {LINEAR: linear, LIGHTGBM: boosted}
        dev_scores = {name: _score(head, dev) for name, head in heads.items()}
        dev_map = {
            name: float(
                np.mean(
                    [benchmark.average_precision(t.labels, s) for t, s in zip(dev, sc, strict=True)]
                )
            )
            for name, sc in dev_scores.items()
        }

        save_arrays(TASK_NAME, LINEAR, **linear.arrays())
        boosted.booster.save_model(str(model_dir(TASK_NAME) / LIGHTGBM_FILE))
        evaluation = benchmark.evaluate(dev, dev_scores[chosen], threshold, _dev_name(dev))
        save_meta(
            TASK_NAME,
            Meta(
                task=TASK_NAME,
                format_version=FORMAT_VERSION,
                trained_on=(
                    f"CheckThat! 2020 Task 5 release ({len(train)} transcripts, {len(y)} "
                    f"sentences, {int(y.sum())} check-worthy); dev: {_dev_name(dev)}"
                ),
                model=(
                    f"{chosen} head on {nlp.EMBEDDER_ID} embeddings + "
                    f"{len(PARSE_FEATURES)} spaCy parse features"
                ),
                scores={
                    "dev_map": evaluation.value,
                    **{f"cv_map_{name}": value for name, value in cv_map.items()},
                    **{f"dev_map_{name}": value for name, value in dev_map.items()},
                    **{k: v for k, v in evaluation.extra.items() if not k.startswith("AP ")},
                },
                details={
                    "head": chosen,
                    "threshold": threshold,
                    "embedder": nlp.EMBEDDER_ID,
                    "spacy_model": nlp.SPACY_MODEL,
                    "feature_version": FEATURE_VERSION,
                    "parse_features": list(PARSE_FEATURES),
                    "train_transcripts": [t.name for t in train],
                    "dev_transcripts": [t.name for t in dev],
                    "dev_ap": {
                        name: {
                            t.name: benchmark.average_precision(t.labels, s)
                            for t, s in zip(dev, sc, strict=True)
                        }
                        for name, sc in dev_scores.items()
                    },
                    "linear": {"C": c, "cv_map_by_C": {str(k): v for k, v in cv.items()}},
                    "lightgbm": {"params": LIGHTGBM_PARAMS, "rounds": LIGHTGBM_ROUNDS},
                    "seconds": {
                        "features": round(featurised - started, 1),
                        "cross_validation": round(chosen_done - featurised, 1),
                        "linear_fit": round(linear_done - chosen_done, 1),
                        "lightgbm_fit": round(boosted_done - linear_done, 1),
                    },
                },
            ),
        )
        shipped.cache_clear()
        return evaluation

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        if data:
            transcripts = benchmark.load(data)
            split_name = ", ".join(t.name for t in transcripts)
        else:
            from storycheck.paths import datasets_dir

            _, transcripts = benchmark.split(benchmark.load_release(datasets_dir()))
            split_name = _dev_name(transcripts)
        head = shipped()
        return benchmark.evaluate(
            transcripts, _score(head, transcripts), head.threshold, split_name
        )


def _dev_name(dev: Sequence[benchmark.Transcript]) -> str:
    return f"dev ({', '.join(t.name for t in dev)})"


TASK = CheckworthyTask()
