"""Rumour veracity from the thread's stances (``storycheck train|eval veracity-thread``).

RumourEval 2017 task B, closed variant: whether a source tweet turned out
true, false or unverified, from nothing but the thread. The stance head reads
every reply; what the replies add up to (how many deny or ask for evidence,
how sure the head is, among direct replies and overall) and a few cues of the
source itself (does it ask, say "rumour", cite a confirmation, link) feed a balanced logistic
regression. Training threads get their stances out of fold (leave one event
out), so the veracity model learns from stances as noisy as the ones it will
see. Dev holds 25 threads of one event: its figures move by 0.04 per thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storycheck.analyzers.stance import train as stance_train
from storycheck.analyzers.stance.features import cue_values
from storycheck.analyzers.stance.head import LIGHTGBM, StanceHead, shipped
from storycheck.analyzers.stance.head import TASK as STANCE_TASK
from storycheck.analyzers.stance.lexicon import CUES
from storycheck.artefact import Meta, load_meta, save_arrays, save_meta
from storycheck.errors import Problem, StorycheckError
from storycheck.eval import bootstrap
from storycheck.eval import rumoureval as benchmark
from storycheck.eval.rumoureval import STANCES, TASK_A, TASK_B, VERACITIES
from storycheck.heads import SoftmaxHead
from storycheck.paths import datasets_dir
from storycheck.tasks import Evaluation, class_scores

TASK_NAME = "veracity-thread"
METRIC = "macro_f1"
FORMAT_VERSION = 1
HEAD = "linear"
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
SOURCE_CUES = ("question", "calls_rumour", "confirms", "calls_false", "negation", "emotion")
# The 2017 task's official metric was accuracy; printed beside ours, not as a macro-F1.
PUBLISHED_ACCURACY = ("published accuracy, NileTMRG linear SVM (RumourEval 2017 test)", 0.536)
PUBLISHED_RMSE = ("published confidence RMSE, NileTMRG (RumourEval 2017 test)", 0.672)


def feature_names() -> list[str]:
    names = [f"mean_p_{s}" for s in STANCES] + [f"share_{s}" for s in STANCES]
    names += [f"direct_mean_p_{s}" for s in STANCES] + [f"direct_share_{s}" for s in STANCES]
    names += ["log_replies", "max_depth", "deny_minus_support"]
    names += [f"source_{c}" for c in SOURCE_CUES] + ["source_link"]
    return names


def thread_features(
    items: stance_train.Items,
    probabilities: npt.NDArray[np.float64],
    decided: Sequence[str],
) -> tuple[list[str], npt.NDArray[np.float32]]:
    """One row per source: its replies' stance aggregates and its own cues, in source order."""
    cue_index = {name: i for i, (name, _, _) in enumerate(CUES)}
    sources = np.array(items.sources)
    depth = np.array([t.depth for t in items.turns])
    labels = np.array(decided)
    order = list(dict.fromkeys(items.sources))
    rows = []
    for source in order:
        mine = sources == source
        replies = mine & (depth >= 0)
        direct = mine & (depth == 0)
        claim = items.turns[int(np.flatnonzero(mine & (depth < 0))[0])].text
        cues = cue_values(claim)
        share = _shares(labels[replies])
        rows.append(
            [
                *_means(probabilities[replies]),
                *share,
                *_means(probabilities[direct]),
                *_shares(labels[direct]),
                float(np.log1p(replies.sum())),
                float(depth[replies].max(initial=0)),
                share[STANCES.index("deny")] - share[STANCES.index("support")],
                *(cues[cue_index[c]] for c in SOURCE_CUES),
                float("http" in claim),
            ]
        )
    return order, np.asarray(rows, dtype=np.float32).reshape(len(order), len(feature_names()))


def _means(p: npt.NDArray[np.float64]) -> list[float]:
    return [float(v) for v in p.mean(axis=0)] if len(p) else [0.0] * len(STANCES)


def _shares(labels: npt.NDArray[np.str_]) -> list[float]:
    n = max(len(labels), 1)
    return [float((labels == s).sum()) / n for s in STANCES]


def _out_of_fold_stances(
    x: npt.NDArray[np.float32], items: stance_train.Items, gold: dict[str, str], head: StanceHead
) -> npt.NDArray[np.float64]:
    """The stance head's out-of-fold probabilities on train: left by its training, else refit."""
    path = stance_train.out_of_fold_path()
    if path.is_file():
        cached = np.load(path, allow_pickle=False)
        if cached.shape == (len(items.ids), len(STANCES)):
            return np.asarray(cached, dtype=np.float64)
    return stance_train.out_of_fold(x, items, gold, _refit_like(head))


def head_alone() -> StanceHead:
    """The shipped stance head without its fine-tuned encoder, deciding as tuned for it alone.

    Veracity reads the thread's stances from the head alone: by leave-one-event-out
    cross-validation on train its features gave macro-F1 0.386, against 0.357 from the
    stances blended with the encoder (docs/stance-thread.md).
    """
    stance = shipped()
    weights = load_meta(STANCE_TASK).details["weights_by_head"][stance.kind]
    return replace(stance, blend=None, weights=np.asarray(weights, dtype=np.float64))


def _refit_like(head: StanceHead) -> stance_train.Fit:
    """The shipped stance head's recipe, to refit it without one event for out-of-fold stances."""
    if head.kind == LIGHTGBM:
        return stance_train.fit_lightgbm
    c = float(load_meta(STANCE_TASK).details["linear"]["chosen"].split("=")[1])

    def fit(x: npt.NDArray[np.float32], y: npt.NDArray[np.intp]) -> StanceHead:
        return stance_train.fit_linear(x, y, c)

    return fit


@dataclass(frozen=True)
class VeracityHead:
    """Balanced logistic regression over the thread features, loaded from arrays."""

    softmax: SoftmaxHead

    def probabilities(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        return self.softmax.probabilities(x)

    def predict(self, x: npt.NDArray[np.float32]) -> list[str]:
        return [label for label, _ in self.predict_with_confidence(x)]

    def predict_with_confidence(self, x: npt.NDArray[np.float32]) -> list[tuple[str, float]]:
        """Each thread's label and the probability the head gives it (task B's confidence)."""
        probabilities = self.probabilities(x)
        best = np.argmax(probabilities, axis=1)
        return [(VERACITIES[k], float(row[k])) for k, row in zip(best, probabilities, strict=True)]

    @classmethod
    def fit(cls, x: npt.NDArray[np.float32], y: Sequence[str], c: float) -> VeracityHead:
        target = np.array([VERACITIES.index(v) for v in y])
        return cls(SoftmaxHead.fit(x, target, c, len(VERACITIES), balanced=True))

    @classmethod
    def load(cls) -> VeracityHead:
        meta = load_meta(TASK_NAME)
        if (
            meta.format_version != FORMAT_VERSION
            or meta.details.get("features") != feature_names()
            or meta.details.get("stance_artefact") != stance_train.artefact_digest()
        ):
            raise StorycheckError(Problem.NO_MODEL, detail=TASK_NAME)
        return cls(SoftmaxHead.load(TASK_NAME, HEAD))


def _rows(
    items: stance_train.Items, probabilities: npt.NDArray[np.float64], head: StanceHead
) -> tuple[list[str], npt.NDArray[np.float32]]:
    decided = [STANCES[k] for k in head.decide(probabilities)]
    return thread_features(items, probabilities, decided)


def score(
    gold: dict[str, str], predicted: dict[str, tuple[str, float]], split: str, threads: int
) -> Evaluation:
    truth, guess = benchmark.aligned(gold, {k: label for k, (label, _) in predicted.items()})
    return Evaluation(
        task=TASK_NAME,
        metric=METRIC,
        value=benchmark.macro_f1(truth, guess, VERACITIES),
        split=split,
        classes=class_scores(truth, guess, VERACITIES),
        extra={
            "accuracy (the official 2017 metric)": benchmark.accuracy(truth, guess),
            PUBLISHED_ACCURACY[0]: PUBLISHED_ACCURACY[1],
            "confidence RMSE (task B's second metric, lower is better)": (
                benchmark.confidence_rmse(gold, predicted)
            ),
            PUBLISHED_RMSE[0]: PUBLISHED_RMSE[1],
            "threads scored": float(len(gold)),
            "threads read": float(threads),
            **bootstrap.paired_extra(
                METRIC,
                "threads",
                [[pair] for pair in zip(truth, guess, strict=True)],
                lambda t, g: benchmark.macro_f1(t, g, VERACITIES),
            ),
        },
    )


class VeracityThreadTask:
    name = TASK_NAME
    metric = METRIC
    description = (
        "rumour veracity true/false/unverified from the thread's stances (RumourEval 2017 "
        "task B, macro-F1); --data FOLDER_OF_THREADS --data subtaskB.json"
    )

    def train(self, datasets: Path) -> Evaluation:
        from sklearn.model_selection import LeaveOneGroupOut

        stance = head_alone()
        train_a = benchmark.load_split(datasets, "train", TASK_A)
        train_b = benchmark.load_split(datasets, "train", TASK_B)
        dev = benchmark.load_split(datasets, "dev", TASK_B)
        items = stance_train.items_of(train_a.threads)
        x_stance = stance_train.features(items, "rumoureval2017-train")
        oof = _out_of_fold_stances(x_stance, items, dict(train_a.gold), stance)
        ids, x_all = _rows(items, oof, stance)
        keep = [k for k, source in enumerate(ids) if source in train_b.gold]
        x = x_all[keep]
        y = [train_b.gold[ids[k]] for k in keep]
        event_of = {t.story.id: t.event for t in train_a.threads}
        events = [event_of[ids[k]] for k in keep]

        cv: dict[float, float] = {}
        for c in C_GRID:
            guess = [""] * len(y)
            for fit_rows, held in LeaveOneGroupOut().split(x, y, events):
                head = VeracityHead.fit(x[fit_rows], [y[k] for k in fit_rows], c)
                for k, label in zip(held, head.predict(x[held]), strict=True):
                    guess[k] = label
            cv[c] = benchmark.macro_f1(y, guess, VERACITIES)
        c = max(cv, key=lambda k: cv[k])
        head = VeracityHead.fit(x, y, c)
        save_arrays(TASK_NAME, HEAD, **head.softmax.arrays())
        evaluation = self._score(head, stance, dev, "rumoureval2017-dev")
        counts = {v: y.count(v) for v in VERACITIES}
        save_meta(
            TASK_NAME,
            Meta(
                task=TASK_NAME,
                format_version=FORMAT_VERSION,
                trained_on=(
                    f"RumourEval 2017 train subtask B: {len(y)} threads ("
                    + ", ".join(f"{v} {n}" for v, n in counts.items())
                    + "), stances out of fold by event; dev: 25 threads of germanwings-crash"
                ),
                model=f"{HEAD} head over thread stance aggregates and source cues",
                scores={
                    "dev_macro_f1": round(evaluation.value, 4),
                    **{f"dev {k}": round(v, 4) for k, v in evaluation.extra.items()},
                    **{f"cv_macro_f1 C={k}": round(v, 4) for k, v in cv.items()},
                },
                details={
                    "C": c,
                    "features": feature_names(),
                    "stance_artefact": stance_train.artefact_digest(),
                    "selection": "C by leave-one-event-out cross-validation on train (macro-F1)",
                },
            ),
        )
        return evaluation

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        head = VeracityHead.load()
        stance = head_alone()
        if data:
            return self._score(head, stance, benchmark.load_data(data, TASK_B), "rumoureval-eval")
        split = benchmark.load_split(datasets_dir(), "dev", TASK_B)
        return self._score(head, stance, split, "rumoureval2017-dev")

    def _score(
        self, head: VeracityHead, stance: StanceHead, split: benchmark.Split, cache: str
    ) -> Evaluation:
        items = stance_train.items_of(split.threads)
        probabilities = stance.probabilities(stance_train.features(items, cache))
        ids, x = _rows(items, probabilities, stance)
        predicted = dict(zip(ids, head.predict_with_confidence(x), strict=True))
        return score(dict(split.gold), predicted, split.name, len(ids))


TASK = VeracityThreadTask()
