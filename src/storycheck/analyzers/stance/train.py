"""Training and scoring the thread-stance head (``storycheck train|eval stance-thread``).

Two heads read the same features (``features.featurize``) of RumourEval 2017
task A: a balanced multinomial logistic regression and LightGBM. What is tuned
(the regularisation, the per-class decision weights that lift the rare deny
and query) is tuned by leave-one-event-out cross-validation on the seven
training events, because tweets of one event share wording and a random split
would flatter the head. The same cross-validation picks between the two
finished heads; the dev event (germanwings-crash) is read once, to report.

MiniLM's upper four layers are then fine-tuned on tweet, parent and claim read
as one sequence; how long to train them and their share of the chosen head's
probabilities are chosen by the same leave-one-event-out cross-validation,
with the decision weights tuned anew for every candidate.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck import mpnet, nlp
from storycheck.analyzers.stance.compose import toward_story
from storycheck.analyzers.stance.features import (
    FEATURE_VERSION,
    Turn,
    feature_names,
    featurize,
    pair_text,
    texts_to_embed,
    turns_of,
)
from storycheck.analyzers.stance.head import (
    FORMAT_VERSION,
    LIGHTGBM,
    LIGHTGBM_FILE,
    LINEAR,
    StanceHead,
    shipped,
)
from storycheck.analyzers.stance.head import TASK as TASK_NAME
from storycheck.artefact import META, Meta, save_arrays, save_meta
from storycheck.errors import Problem, StorycheckError
from storycheck.eval import bootstrap
from storycheck.eval import rumoureval as benchmark
from storycheck.eval.rumoureval import STANCES, TASK_A
from storycheck.finetune import blend, lower, top
from storycheck.finetune import train as finetune
from storycheck.heads import SoftmaxHead
from storycheck.paths import cache_dir, datasets_dir, model_dir
from storycheck.tasks import Evaluation, Published, class_scores

METRIC = "macro_f1"
LINEAR_C_GRID = (0.003, 0.01)
SEED = 7
LIGHTGBM_PARAMS: dict[str, Any] = {
    "objective": "multiclass",
    "num_class": len(STANCES),
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.2,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_bin": 63,
    "num_threads": 1,
    "verbose": -1,
    "seed": SEED,
}
LIGHTGBM_ROUNDS = 300
# Decision weights tried for deny, query and support; comment stays at 1.
WEIGHT_GRID = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
WEIGHT_ROUNDS = 2
# The span tagger's depth (docs/fine-tuning.md): four layers trained on a frozen lower two.
ENCODER_RECIPE = finetune.Recipe(epochs=4, seed=SEED, frozen=2)
PUBLISHED = (
    Published(
        "RumourEval 2019 task A best, BLCU_NLP (fine-tuned GPT)",
        0.619,
        "2019 test set, Twitter and Reddit threads; not this split",
    ),
)
# The 2017 task's official metric was accuracy; printed beside ours, not as a macro-F1.
PUBLISHED_ACCURACY = ("published accuracy, Turing branch-LSTM (RumourEval 2017 test)", 0.784)

Fit = Callable[[npt.NDArray[np.float32], npt.NDArray[np.intp]], StanceHead]


@dataclass(frozen=True)
class Items:
    """Every tweet of some threads as the head sees it: each source, then its replies.

    ``parents`` index the tweet each reply answers (None for a direct reply
    and for a source), for the deny-of-a-denial rule.
    """

    ids: tuple[str, ...]
    turns: tuple[Turn, ...]
    events: tuple[str, ...]
    sources: tuple[str, ...]
    parents: tuple[int | None, ...]


def items_of(threads: Sequence[benchmark.RumourThread]) -> Items:
    ids: list[str] = []
    turns: list[Turn] = []
    events: list[str] = []
    sources: list[str] = []
    parents: list[int | None] = []
    for thread in threads:
        story = thread.story
        claim = story.title
        base = len(ids) + 1
        position = {c.id: base + k for k, c in enumerate(story.thread)}
        ids.append(story.id)
        turns.append(Turn(claim, None, claim, -1, True))
        parents.append(None)
        for comment, turn in zip(story.thread, turns_of(story, claim), strict=True):
            ids.append(comment.id)
            turns.append(turn)
            parents.append(None if comment.parent is None else position[comment.parent])
        events += [thread.event] * (len(story.thread) + 1)
        sources += [story.id] * (len(story.thread) + 1)
    return Items(tuple(ids), tuple(turns), tuple(events), tuple(sources), tuple(parents))


def features(items: Items, cache_name: str) -> npt.NDArray[np.float32]:
    """The feature matrix, the embeddings kept on disk between runs."""
    texts = texts_to_embed(items.turns)
    cached = nlp.embed_cached(texts, cache_name, nlp.Encoder(mpnet.EMBEDDER_ID, mpnet.embed))
    vectors = dict(zip(texts, cached, strict=True))
    return featurize(items.turns, vectors)


def fit_linear(x: npt.NDArray[np.float32], y: npt.NDArray[np.intp], c: float) -> StanceHead:
    arrays = SoftmaxHead.fit(x, y, c, len(STANCES), balanced=True).arrays()
    return StanceHead(LINEAR, np.ones(len(STANCES)), arrays=arrays)


def fit_lightgbm(x: npt.NDArray[np.float32], y: npt.NDArray[np.intp]) -> StanceHead:
    import lightgbm

    counts = np.bincount(y, minlength=len(STANCES)).astype(np.float64)
    balanced = len(y) / (len(STANCES) * np.maximum(counts, 1.0))
    data = lightgbm.Dataset(x, label=y, weight=balanced[y], feature_name=feature_names())
    booster = lightgbm.train(LIGHTGBM_PARAMS, data, num_boost_round=LIGHTGBM_ROUNDS)
    return StanceHead(LIGHTGBM, np.ones(len(STANCES)), booster=booster)


def _linear(c: float) -> Fit:
    def fit(x: npt.NDArray[np.float32], y: npt.NDArray[np.intp]) -> StanceHead:
        return fit_linear(x, y, c)

    return fit


def labelled(
    items: Items, gold: Mapping[str, str]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.intp]]:
    """Which rows have a gold label, and those labels as class indices."""
    mask = np.array([i in gold for i in items.ids])
    y = np.array([STANCES.index(gold[i]) for i in items.ids if i in gold], dtype=np.intp)
    return mask, y


def out_of_fold(
    x: npt.NDArray[np.float32], items: Items, gold: Mapping[str, str], fit: Fit
) -> npt.NDArray[np.float64]:
    """Probabilities for every tweet from a head trained on the other events' labelled tweets."""
    mask = np.array([i in gold for i in items.ids])
    y = np.array([STANCES.index(gold.get(i, STANCES[-1])) for i in items.ids], dtype=np.intp)
    events = np.array(items.events)
    probabilities = np.zeros((len(items.ids), len(STANCES)))
    for event in sorted(set(items.events)):
        held = events == event
        head = fit(x[mask & ~held], y[mask & ~held])
        probabilities[held] = head.probabilities(x[held])
    return probabilities


def _decided(
    probabilities: npt.NDArray[np.float64], weights: npt.NDArray[np.float64], items: Items
) -> dict[str, str]:
    chosen = np.argmax(probabilities * weights, axis=1)
    return {i: STANCES[k] for i, k in zip(items.ids, chosen, strict=True)}


def tune_weights(
    probabilities: npt.NDArray[np.float64], items: Items, gold: Mapping[str, str]
) -> tuple[npt.NDArray[np.float64], float]:
    """Per-class decision weights with the best macro-F1 on out-of-fold probabilities."""
    weights = np.ones(len(STANCES))

    def score(w: npt.NDArray[np.float64]) -> float:
        return benchmark.macro_f1(
            *benchmark.aligned(gold, _decided(probabilities, w, items)), STANCES
        )

    best = score(weights)
    for _ in range(WEIGHT_ROUNDS):
        for label in ("deny", "query", "support"):
            k = STANCES.index(label)
            for value in WEIGHT_GRID:
                trial = weights.copy()
                trial[k] = value
                trial_score = score(trial)
                if trial_score > best + 1e-9:
                    best, weights = trial_score, trial
    return weights, best


def fit_encoder(
    items: Items,
    gold: Mapping[str, str],
    head_out_of_fold: npt.NDArray[np.float64],
    recipe: finetune.Recipe,
    target: Path,
) -> tuple[blend.Blend, blend.Choice]:
    """Fine-tune the upper layers, choosing epochs and share by leave-one-event-out CV.

    Every candidate is scored as it would ship: its probabilities in place of
    the head's out-of-fold ones, with decision weights tuned for it.
    """
    mask, y = labelled(items, gold)
    rows = np.flatnonzero(mask)
    events = sorted(set(items.events))
    folds = np.array([events.index(items.events[i]) for i in rows], dtype=np.intp)

    def cv_score(probabilities: npt.NDArray[np.float64]) -> float:
        table = head_out_of_fold.copy()
        table[rows] = probabilities
        return tune_weights(table, items, gold)[1]

    return blend.fit(
        lower.hidden_states([pair_text(items.turns[i]) for i in rows], recipe.frozen),
        y,
        folds,
        head_out_of_fold[rows],
        cv_score,
        recipe,
        target,
    )


def predictions(
    head: StanceHead, x: npt.NDArray[np.float32], items: Items
) -> tuple[dict[str, str], dict[str, str]]:
    """The head's label per tweet id, and the label after the deny-of-a-denial rule."""
    raw = [STANCES[k] for k in head.decide(head.mixed(x, items.turns))]
    toward = toward_story(raw, list(items.parents))
    return dict(zip(items.ids, raw, strict=True)), dict(zip(items.ids, toward, strict=True))


def score(
    gold: Mapping[str, str],
    predicted: Mapping[str, str],
    toward: Mapping[str, str],
    items: Items,
    split: str,
) -> Evaluation:
    """Macro-F1 over every annotated id, sources included, as the task scores it."""
    truth, guess = benchmark.aligned(gold, predicted)
    sources = set(items.sources)
    replies = {k: v for k, v in gold.items() if k not in sources}
    reply_truth, reply_guess = benchmark.aligned(replies, predicted)
    rule_truth, rule_guess = benchmark.aligned(gold, toward)
    extra = {
        "accuracy (the official 2017 metric)": benchmark.accuracy(truth, guess),
        PUBLISHED_ACCURACY[0]: PUBLISHED_ACCURACY[1],
        "macro_f1, replies only": benchmark.macro_f1(reply_truth, reply_guess, STANCES),
        "accuracy, replies only": benchmark.accuracy(reply_truth, reply_guess),
        "macro_f1 after the deny-of-a-denial rule": benchmark.macro_f1(
            rule_truth, rule_guess, STANCES
        ),
        "annotated tweets": float(len(gold)),
        "annotated tweets without a prediction": float(sum(i not in predicted for i in gold)),
        **bootstrap.paired_extra(
            METRIC,
            "threads",
            by_thread(gold, predicted, items),
            lambda g, p: benchmark.macro_f1(g, p, STANCES),
        ),
    }
    return Evaluation(
        task=TASK_NAME,
        metric=METRIC,
        value=benchmark.macro_f1(truth, guess, STANCES),
        split=split,
        classes=class_scores(truth, guess, STANCES),
        extra=extra,
        published=PUBLISHED,
    )


def by_thread(
    gold: Mapping[str, str], predicted: Mapping[str, str], items: Items
) -> list[list[tuple[str, str]]]:
    """The annotated tweets' gold and predicted labels, thread by thread (a tweet whose thread
    is unknown, its file missing, is a thread of its own)."""
    thread_of = dict(zip(items.ids, items.sources, strict=True))
    truth, guess = benchmark.aligned(gold, predicted)
    threads: dict[str, list[tuple[str, str]]] = {}
    for tweet, pair in zip(sorted(gold), zip(truth, guess, strict=True), strict=True):
        threads.setdefault(thread_of.get(tweet, tweet), []).append(pair)
    return list(threads.values())


def evaluate_split(head: StanceHead, split: benchmark.Split, cache_name: str) -> Evaluation:
    items = items_of(split.threads)
    raw, toward = predictions(head, features(items, cache_name), items)
    return score(split.gold, raw, toward, items, split.name)


def artefact_digest() -> str:
    """Which stance artefact is shipped: what a model trained on top of it must match."""
    path = model_dir(TASK_NAME) / META
    if not path.is_file():
        raise StorycheckError(Problem.NO_MODEL, detail=TASK_NAME)
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def out_of_fold_path() -> Path:
    """Where training leaves the shipped head's out-of-fold train probabilities for veracity."""
    return cache_dir() / f"{TASK_NAME}-oof-{artefact_digest()}.npy"


class StanceThreadTask:
    name = TASK_NAME
    metric = METRIC
    description = (
        "reply stance support/deny/query/comment toward the rumour (RumourEval 2017 task A, "
        "macro-F1); --data FOLDER_OF_THREADS --data subtaskA.json"
    )

    def train(self, datasets: Path) -> Evaluation:
        started = time.perf_counter()
        train_split = benchmark.load_split(datasets, "train", TASK_A)
        dev_split = benchmark.load_split(datasets, "dev", TASK_A)
        items = items_of(train_split.threads)
        dev_items = items_of(dev_split.threads)
        x = features(items, "rumoureval2017-train")
        x_dev = features(dev_items, "rumoureval2017-dev")
        mask, y = labelled(items, train_split.gold)
        featurised = time.perf_counter()

        candidates: dict[str, Fit] = {f"{LINEAR} C={c}": _linear(c) for c in LINEAR_C_GRID}
        candidates[LIGHTGBM] = fit_lightgbm
        cv: dict[str, tuple[float, npt.NDArray[np.float64]]] = {}
        oof: dict[str, npt.NDArray[np.float64]] = {}
        for name, fit in candidates.items():
            oof[name] = out_of_fold(x, items, train_split.gold, fit)
            weights, cv_f1 = tune_weights(oof[name], items, train_split.gold)
            cv[name] = (cv_f1, weights)
        cv_done = time.perf_counter()

        best_linear = max((n for n in cv if n.startswith(LINEAR)), key=lambda n: cv[n][0])
        heads: dict[str, StanceHead] = {}
        dev_f1: dict[str, float] = {}
        for name in (best_linear, LIGHTGBM):
            head = candidates[name](x[mask], y)
            head.weights = cv[name][1]
            heads[head.kind] = head
            raw, _ = predictions(head, x_dev, dev_items)
            dev_f1[head.kind] = benchmark.macro_f1(*benchmark.aligned(dev_split.gold, raw), STANCES)
        chosen_cv = max((best_linear, LIGHTGBM), key=lambda n: cv[n][0])
        chosen = LIGHTGBM if chosen_cv == LIGHTGBM else LINEAR
        head = heads[chosen]
        fitted = time.perf_counter()

        head.blend, choice = fit_encoder(
            items,
            train_split.gold,
            oof[chosen_cv],
            ENCODER_RECIPE,
            model_dir(TASK_NAME) / top.ENCODER_FILE,
        )
        blended = oof[chosen_cv].copy()
        if choice.out_of_fold is not None:
            blended[mask] = head.blend.combine(blended[mask], choice.out_of_fold)
        head.weights = tune_weights(blended, items, train_split.gold)[0]
        encoded = time.perf_counter()

        raw, toward = predictions(head, x_dev, dev_items)
        evaluation = score(dev_split.gold, raw, toward, dev_items, dev_split.name)
        seconds = {
            "features": round(featurised - started, 1),
            "cross_validation": round(cv_done - featurised, 1),
            "final_fits": round(fitted - cv_done, 1),
            "encoder": round(encoded - fitted, 1),
        }
        self._save(heads, chosen, choice, evaluation, cv, dev_f1, (train_split, dev_split), seconds)
        np.save(out_of_fold_path(), oof[chosen_cv], allow_pickle=False)
        shipped.cache_clear()
        return evaluation

    def _save(
        self,
        heads: Mapping[str, StanceHead],
        chosen: str,
        choice: blend.Choice,
        evaluation: Evaluation,
        cv: Mapping[str, tuple[float, npt.NDArray[np.float64]]],
        dev_f1: Mapping[str, float],
        splits: tuple[benchmark.Split, benchmark.Split],
        seconds: Mapping[str, float],
    ) -> None:
        train_split, dev_split = splits
        best_linear = max((n for n in cv if n.startswith(LINEAR)), key=lambda n: cv[n][0])
        folder = model_dir(TASK_NAME)
        folder.mkdir(parents=True, exist_ok=True)
        save_arrays(TASK_NAME, LINEAR, **heads[LINEAR].arrays)
        heads[LIGHTGBM].booster.save_model(str(folder / LIGHTGBM_FILE))
        head = heads[chosen]
        counts = {s: sum(1 for v in train_split.gold.values() if v == s) for s in STANCES}
        save_meta(
            TASK_NAME,
            Meta(
                task=TASK_NAME,
                format_version=FORMAT_VERSION,
                trained_on=(
                    f"RumourEval 2017 train: {len(train_split.threads)} threads of 7 events, "
                    f"{len(train_split.gold)} annotated tweets (sources included): "
                    + ", ".join(f"{s} {n}" for s, n in counts.items())
                    + f"; dev: {dev_split.name}, {len(dev_split.gold)} tweets"
                ),
                model=(
                    f"{chosen} head on {mpnet.EMBEDDER_ID} embeddings of reply, parent and claim "
                    "plus lexical cues, depth and similarities"
                ),
                scores={
                    "dev_macro_f1": round(evaluation.value, 4),
                    **{f"dev_f1_{c.label}": round(c.f1, 4) for c in evaluation.classes},
                    **{f"dev {k}": round(v, 4) for k, v in evaluation.extra.items()},
                    **{f"dev_macro_f1_{k}": round(v, 4) for k, v in dev_f1.items()},
                    **{f"cv_macro_f1 {k}": round(v[0], 4) for k, v in cv.items()},
                },
                details={
                    "head": chosen,
                    "weights": [round(float(w), 4) for w in head.weights],
                    "weights_by_head": {
                        LINEAR: [round(float(w), 4) for w in cv[best_linear][1]],
                        LIGHTGBM: [round(float(w), 4) for w in cv[LIGHTGBM][1]],
                    },
                    "labels": list(STANCES),
                    "features": len(feature_names()),
                    "feature_version": FEATURE_VERSION,
                    "embedder": mpnet.EMBEDDER_ID,
                    "linear": {"chosen": best_linear, "C_grid": list(LINEAR_C_GRID)},
                    "lightgbm": {"params": LIGHTGBM_PARAMS, "rounds": LIGHTGBM_ROUNDS},
                    "encoder": choice.details(
                        ENCODER_RECIPE,
                        "epochs and share by leave-one-event-out cross-validation on train, "
                        "decision weights tuned for each",
                    ),
                    "selection": (
                        "C, linear vs LightGBM and decision weights by leave-one-event-out "
                        "cross-validation on train (macro-F1); the encoder's epochs and share, "
                        "then the decision weights, by the same cross-validation; dev read "
                        "once, to report (both heads' dev figures are recorded)"
                    ),
                    "seconds": dict(seconds),
                },
            ),
        )

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        head = shipped()
        if data:
            return evaluate_split(head, benchmark.load_data(data, TASK_A), "rumoureval-eval")
        split = benchmark.load_split(datasets_dir(), "dev", TASK_A)
        return evaluate_split(head, split, "rumoureval2017-dev")


TASK = StanceThreadTask()
