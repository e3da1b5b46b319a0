"""Training and scoring the LIAR veracity heads (``storycheck train|eval liar``).

Each feature set (``text``, ``meta``, ``credit``; see ``features``) gets a
multinomial logistic regression and LightGBM trees. Their hyper-parameters
are chosen by cross-validation on the training split only; the validation
split then picks the better head of each set. The shipped model is the best
one without the credit-history counts, since those carry the statement's own
verdict; the leaky figure is reported beside it, labelled as such.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from storycheck import nlp
from storycheck.artefact import Meta, save_arrays, save_meta
from storycheck.eval import liar as benchmark
from storycheck.heads import BoostedHead
from storycheck.paths import model_dir
from storycheck.tasks import Evaluation
from storycheck.veracity.features import CREDIT, FEATURE_SETS, META, Featuriser, embeddings
from storycheck.veracity.head import (
    FEATURE_VERSION,
    FEATURISER,
    LIGHTGBM,
    LIGHTGBM_FILE,
    LINEAR,
    THREADS,
    Head,
    LinearHead,
    shipped,
)
from storycheck.veracity.head import TASK as TASK_NAME

FORMAT_VERSION = 1
SEED = 13
CV_FOLDS = 3
LINEAR_C_GRID = (0.1, 0.3, 1.0)
LIGHTGBM_CV_FOLDS = 3
LIGHTGBM_LEAVES_GRID = (15,)
LIGHTGBM_MAX_ROUNDS = 400
LIGHTGBM_EARLY_STOP = 20
LIGHTGBM_PARAMS: dict[str, Any] = {
    "objective": "multiclass",
    "num_class": len(benchmark.LABELS),
    "learning_rate": 0.1,
    "min_child_samples": 20,
    "feature_fraction": 0.2,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 2,
    "seed": SEED,
    "verbose": -1,
}
SHIPPABLE_SETS = tuple(s for s in FEATURE_SETS if s != CREDIT)


def label_ids(statements: Sequence[benchmark.Statement]) -> npt.NDArray[np.int64]:
    index = {label: i for i, label in enumerate(benchmark.LABELS)}
    return np.asarray([index[s.label] for s in statements], dtype=np.int64)


def fit_linear(x: sp.csr_matrix, y: npt.NDArray[np.int64], c: float) -> LinearHead:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=500, tol=1e-3)
    model.fit(x, y)
    return LinearHead(model.coef_.astype(np.float32), model.intercept_.astype(np.float32))


def choose_c(x: sp.csr_matrix, y: npt.NDArray[np.int64]) -> dict[float, float]:
    """Cross-validated accuracy of each C on the training split."""
    from sklearn.model_selection import StratifiedKFold

    folds = list(StratifiedKFold(CV_FOLDS, shuffle=True, random_state=SEED).split(x, y))
    results: dict[float, float] = {}
    for c in LINEAR_C_GRID:
        scores = []
        for fit_rows, held_rows in folds:
            head = fit_linear(x[fit_rows], y[fit_rows], c)
            predicted = head.probabilities(x[held_rows]).argmax(axis=1)
            scores.append(float(np.mean(predicted == y[held_rows])))
        results[c] = float(np.mean(scores))
    return results


def choose_lightgbm(
    x: sp.csr_matrix, y: npt.NDArray[np.int64], names: list[str]
) -> dict[int, tuple[float, int]]:
    """Cross-validated accuracy and early-stopped rounds of each leaf count, on train only."""
    import lightgbm

    results: dict[int, tuple[float, int]] = {}
    for leaves in LIGHTGBM_LEAVES_GRID:
        params = {**LIGHTGBM_PARAMS, "num_leaves": leaves, "metric": "multi_error"}
        data = lightgbm.Dataset(x, label=y, feature_name=names, free_raw_data=False)
        history = lightgbm.cv(
            params,
            data,
            num_boost_round=LIGHTGBM_MAX_ROUNDS,
            nfold=LIGHTGBM_CV_FOLDS,
            stratified=True,
            seed=SEED,
            callbacks=[lightgbm.early_stopping(LIGHTGBM_EARLY_STOP, verbose=False)],
        )
        errors = cast("list[float]", history["valid multi_error-mean"])
        results[leaves] = (1.0 - float(errors[-1]), len(errors))
    return results


def fit_lightgbm(
    x: sp.csr_matrix, y: npt.NDArray[np.int64], names: list[str], leaves: int, rounds: int
) -> BoostedHead:
    import lightgbm

    params = {**LIGHTGBM_PARAMS, "num_leaves": leaves}
    data = lightgbm.Dataset(x, label=y, feature_name=names, free_raw_data=True)
    booster = lightgbm.train(params, data, num_boost_round=rounds)
    return BoostedHead(booster, len(benchmark.LABELS), THREADS)


def binary_predictions(probabilities: npt.NDArray[np.float64]) -> list[str]:
    """The side (false or true) with the larger summed probability."""
    false_side = probabilities[:, : len(benchmark.FALSE_SIDE)].sum(axis=1)
    return [
        benchmark.BINARY_LABELS[0] if p >= 0.5 else benchmark.BINARY_LABELS[1] for p in false_side
    ]


def predictions(probabilities: npt.NDArray[np.float64]) -> list[str]:
    return [benchmark.LABELS[i] for i in probabilities.argmax(axis=1)]


@dataclass
class Candidate:
    """One trained (feature set, head) pair and how it did."""

    feature_set: str
    head_name: str
    featuriser: Featuriser
    head: Head
    cv: dict[str, Any]
    valid_accuracy: float
    valid_binary_accuracy: float


def _train_set(
    feature_set: str,
    train: Sequence[benchmark.Statement],
    train_emb: npt.NDArray[np.float32],
    valid: Sequence[benchmark.Statement],
    valid_emb: npt.NDArray[np.float32],
) -> list[Candidate]:
    featuriser = Featuriser.fit(train, feature_set)
    x = featuriser.transform(train, train_emb)
    y = label_ids(train)
    x_valid = featuriser.transform(valid, valid_emb)
    gold = [s.label for s in valid]
    gold_binary = [benchmark.binary(g) for g in gold]

    cv_c = choose_c(x, y)
    c = max(cv_c, key=lambda k: cv_c[k])
    names = featuriser.feature_names()
    cv_leaves = choose_lightgbm(x, y, names)
    leaves = max(cv_leaves, key=lambda k: cv_leaves[k][0])
    heads: list[tuple[str, Head, dict[str, Any]]] = [
        (
            LINEAR,
            fit_linear(x, y, c),
            {"C": c, "cv_accuracy_by_C": {str(k): v for k, v in cv_c.items()}},
        ),
        (
            LIGHTGBM,
            fit_lightgbm(x, y, names, leaves, cv_leaves[leaves][1]),
            {
                "num_leaves": leaves,
                "rounds": cv_leaves[leaves][1],
                "cv_accuracy_and_rounds_by_leaves": {str(k): list(v) for k, v in cv_leaves.items()},
            },
        ),
    ]
    candidates = []
    for name, head, cv in heads:
        probabilities = head.probabilities(x_valid)
        candidates.append(
            Candidate(
                feature_set,
                name,
                featuriser,
                head,
                cv,
                benchmark.accuracy(gold, predictions(probabilities)),
                benchmark.accuracy(gold_binary, binary_predictions(probabilities)),
            )
        )
    return candidates


def _save(best: Candidate) -> None:
    folder = model_dir(TASK_NAME)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in (folder / f"{LINEAR}.npz", folder / LIGHTGBM_FILE):
        stale.unlink(missing_ok=True)
    save_arrays(TASK_NAME, FEATURISER, **best.featuriser.arrays())
    if isinstance(best.head, LinearHead):
        save_arrays(TASK_NAME, LINEAR, **best.head.arrays())
    elif isinstance(best.head, BoostedHead):
        best.head.booster.save_model(str(folder / LIGHTGBM_FILE))


def _label(candidate: Candidate) -> str:
    return f"{candidate.feature_set}/{candidate.head_name}"


class LiarTask:
    name = TASK_NAME
    metric = benchmark.METRIC
    description = "six-way PolitiFact verdict of a statement (LIAR, accuracy, no credit history)"

    def train(self, datasets: Path) -> Evaluation:
        started = time.perf_counter()
        train = benchmark.load_split(datasets, benchmark.TRAIN_FILE)
        valid = benchmark.load_split(datasets, benchmark.DEV_FILE)
        train_emb = embeddings(train, "liar-train")
        valid_emb = embeddings(valid, "liar-valid")
        candidates: list[Candidate] = []
        seconds: dict[str, float] = {"embeddings": round(time.perf_counter() - started, 1)}
        for feature_set in FEATURE_SETS:
            began = time.perf_counter()
            candidates += _train_set(feature_set, train, train_emb, valid, valid_emb)
            seconds[feature_set] = round(time.perf_counter() - began, 1)
        best_per_set = {
            s: max((c for c in candidates if c.feature_set == s), key=lambda c: c.valid_accuracy)
            for s in FEATURE_SETS
        }
        best = max((best_per_set[s] for s in SHIPPABLE_SETS), key=lambda c: c.valid_accuracy)
        _save(best)
        scores = {f"valid_accuracy {_label(c)}": c.valid_accuracy for c in candidates}
        scores |= {
            f"valid_binary_accuracy {_label(c)}": c.valid_binary_accuracy for c in candidates
        }
        save_meta(
            TASK_NAME,
            Meta(
                task=TASK_NAME,
                format_version=FORMAT_VERSION,
                trained_on=f"LIAR train.tsv ({len(train)} statements); heads chosen on valid.tsv "
                f"({len(valid)})",
                model=(
                    f"{best.head_name} head on TF-IDF 1-2 grams + {nlp.EMBEDDER_ID} embeddings"
                    + (
                        " + speaker/party/job/state/context/subject one-hots"
                        if best.feature_set == META
                        else ""
                    )
                ),
                scores={"valid_accuracy": best.valid_accuracy, **scores},
                details={
                    "head": best.head_name,
                    "feature_set": best.feature_set,
                    "embedder": nlp.EMBEDDER_ID,
                    "feature_version": FEATURE_VERSION,
                    "terms": len(best.featuriser.terms),
                    "metadata_values": len(best.featuriser.meta_names),
                    "cv": {_label(c): c.cv for c in candidates},
                    "lightgbm_params": LIGHTGBM_PARAMS,
                    "seconds": seconds,
                },
            ),
        )
        shipped.cache_clear()
        evaluation = self.evaluate([])
        leak = best_per_set[CREDIT]
        text = best_per_set[FEATURE_SETS[0]]
        extra = {
            **evaluation.extra,
            f"text only ({_label(text)}) accuracy": text.valid_accuracy,
            "text only binary accuracy": text.valid_binary_accuracy,
            f"text + metadata ({_label(best_per_set[META])}) accuracy": best_per_set[
                META
            ].valid_accuracy,
            f"KNOWN LEAK: + credit history ({_label(leak)}) accuracy": leak.valid_accuracy,
            "KNOWN LEAK: + credit history binary accuracy": leak.valid_binary_accuracy,
            **{f"{_label(c)} accuracy": c.valid_accuracy for c in candidates},
        }
        return Evaluation(
            evaluation.task,
            evaluation.metric,
            evaluation.value,
            evaluation.split,
            evaluation.classes,
            extra,
            evaluation.published,
        )

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        if data:
            statements = benchmark.load(data)
            split_name = ", ".join(str(p) for p in data)
            vectors = nlp.embed_cached([s.text for s in statements], "liar-eval")
        else:
            from storycheck.paths import datasets_dir

            statements = benchmark.load_split(datasets_dir(), benchmark.DEV_FILE)
            split_name = f"valid ({benchmark.DEV_FILE})"
            vectors = embeddings(statements, "liar-valid")
        model = shipped()
        probabilities = model.head.probabilities(model.featuriser.transform(statements, vectors))
        return benchmark.evaluate(
            [s.label for s in statements],
            predictions(probabilities),
            binary_predictions(probabilities),
            f"{split_name}; {model.featuriser.feature_set}/{model.head_name} head",
        )


TASK = LiarTask()
