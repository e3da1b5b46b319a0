"""``storycheck train fallacy`` / ``storycheck eval fallacy``: the LOGIC fallacy-type task.

The head is fitted on ``edu_train`` and scored with the paper's macro-F1 on
``edu_dev``; LogicClimate dev is scored beside it as an out-of-domain figure,
closer to news than the textbook examples.

Every choice is made on five stratified folds of ``edu_train``, so dev is read
once, to report (300 examples, where one example moves macro-F1 by up to a
point, are too few to choose on): the linear head's C; how long to fine-tune
the encoder's upper layers (``storycheck.finetune``) and their share of the
blended probabilities; then, on the blend's out-of-fold probabilities, the
confidence above which the analyzer surfaces a fallacy (the lowest at which
the label is right at least ``TARGET_PRECISION`` of the time, since a wrongly
named fallacy costs a reader's trust more than a missed one) and whether the
named cues decide where the model is unsure (kept unless they lower
macro-F1). meta.json holds the figures behind each.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.fallacies import gate as fallacy_gate
from storycheck.analyzers.fallacies.features import (
    CHAR_NGRAMS,
    EMBEDDING_WEIGHT,
    FEATURE_VERSION,
    MIN_DF,
    WORD_NGRAMS,
    TextFeatures,
)
from storycheck.analyzers.fallacies.head import (
    GATE,
    HEAD,
    LinearHead,
    Prediction,
    classify,
    decide,
    predict,
    shipped,
)
from storycheck.artefact import Meta, save_arrays, save_meta
from storycheck.eval import logic
from storycheck.finetune import blend, lower, top
from storycheck.finetune import train as finetune
from storycheck.paths import datasets_dir, model_dir
from storycheck.tasks import Evaluation

FORMAT_VERSION = 1
C_GRID = (1.0, 3.0, 10.0, 30.0)
TARGET_PRECISION = 0.8
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.96, 0.05))
FOLDS = 5
SEED = 7
# Four layers on a frozen lower two: 0.581 out of fold against 0.549 for two on the lower four, at
# the same cost per text (docs/fallacies.md).
RECIPE = finetune.Recipe(epochs=8, frozen=2)


def fit(
    examples: Sequence[logic.Example], embeddings: npt.NDArray[np.float32], c: float
) -> LinearHead:
    from sklearn.linear_model import LogisticRegression

    texts = [e.text for e in examples]
    features = TextFeatures.fit(texts)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    model.fit(features.matrix(texts, embeddings), [e.labels[0] for e in examples])
    return LinearHead(
        features,
        model.coef_.astype(np.float32),
        model.intercept_.astype(np.float32),
        tuple(str(c) for c in model.classes_),
    )


def folds_of(labels: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """Each example's cross-validation fold, stratified by class."""
    from sklearn.model_selection import StratifiedKFold

    folds = np.zeros(len(labels), dtype=np.intp)
    splitter = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for fold, (_, held) in enumerate(splitter.split(np.zeros(len(labels)), labels)):
        folds[held] = fold
    return folds


def head_out_of_fold(
    examples: Sequence[logic.Example],
    embeddings: npt.NDArray[np.float32],
    folds: npt.NDArray[np.intp],
    classes: tuple[str, ...],
    c: float,
) -> npt.NDArray[np.float64]:
    """The linear head's probabilities for each example from a head fitted without its fold."""
    out = np.zeros((len(examples), len(classes)))
    for fold in range(FOLDS):
        held = np.flatnonzero(folds == fold).tolist()
        kept = np.flatnonzero(folds != fold).tolist()
        head = fit([examples[i] for i in kept], embeddings[kept], c)
        columns = [head.classes.index(name) for name in classes]
        out[held] = head.proba([examples[i].text for i in held], embeddings[held])[:, columns]
    return out


@dataclass(frozen=True)
class LinearChoice:
    """The C with the best out-of-fold macro-F1, its probabilities, and every C's score."""

    c: float
    out_of_fold: npt.NDArray[np.float64]
    table: dict[str, float]


def choose_c(
    examples: Sequence[logic.Example],
    embeddings: npt.NDArray[np.float32],
    folds: npt.NDArray[np.intp],
    classes: tuple[str, ...],
) -> LinearChoice:
    """The regularisation chosen out of fold: its probabilities then feed the blend's choice."""
    scored = {c: head_out_of_fold(examples, embeddings, folds, classes, c) for c in C_GRID}
    table = {f"C={c:g}": round(macro_f1_of(examples, classes, p), 4) for c, p in scored.items()}
    best = max(C_GRID, key=lambda c: table[f"C={c:g}"])
    return LinearChoice(best, scored[best], table)


def macro_f1_of(
    examples: Sequence[logic.Example],
    classes: Sequence[str],
    probabilities: npt.NDArray[np.float64],
) -> float:
    return logic.macro(logic.score(examples, [classes[k] for k in probabilities.argmax(axis=1)]))


def fit_blend(
    examples: Sequence[logic.Example],
    y: npt.NDArray[np.intp],
    folds: npt.NDArray[np.intp],
    classes: tuple[str, ...],
    head_out_of_fold: npt.NDArray[np.float64],
) -> tuple[blend.Blend, blend.Choice]:
    """Fine-tune the encoder's upper layers and write them, with the share chosen out of fold;
    ``y`` indexes ``classes``."""
    return blend.fit(
        lower.hidden_states([e.text for e in examples], RECIPE.frozen),
        y,
        folds,
        head_out_of_fold,
        partial(macro_f1_of, examples, classes),
        RECIPE,
        model_dir(logic.TASK) / top.ENCODER_FILE,
    )


def embeddings_of(examples: Sequence[logic.Example], name: str) -> npt.NDArray[np.float32]:
    return nlp.embed_cached([e.text for e in examples], f"logic-{name}")


def macro_f1(examples: Sequence[logic.Example], predictions: Sequence[Prediction]) -> float:
    return logic.macro(logic.score(examples, [p.label for p in predictions]))


def choose_threshold(
    examples: Sequence[logic.Example], predictions: Sequence[Prediction]
) -> tuple[float, dict[str, dict[str, float]]]:
    """The lowest threshold whose surfaced labels reach the target precision, and the curve."""
    curve: dict[str, dict[str, float]] = {}
    chosen = THRESHOLDS[-1]
    for threshold in reversed(THRESHOLDS):
        kept = [
            (e, p) for e, p in zip(examples, predictions, strict=True) if p.probability >= threshold
        ]
        right = sum(1 for e, p in kept if p.label in e.labels)
        precision = right / len(kept) if kept else 1.0
        curve[f"{threshold:.2f}"] = {
            "precision": round(precision, 4),
            "coverage": round(len(kept) / len(examples), 4),
        }
        if precision >= TARGET_PRECISION:
            chosen = threshold
    return chosen, dict(sorted(curve.items()))


class FallacyTask:
    name = logic.TASK
    metric = logic.METRIC
    description = "fallacy type of a short text (LOGIC, 13 classes, macro-F1)"

    def train(self, datasets: Path) -> Evaluation:
        started = time.perf_counter()
        folder = datasets / logic.FOLDER
        train = logic.read_split(folder / logic.TRAIN_FILE)
        dev = logic.read_split(folder / logic.DEV_FILE)
        x_train = embeddings_of(train, "edu_train")
        x_dev = embeddings_of(dev, "edu_dev")
        embedded = time.perf_counter()
        classes = tuple(sorted({e.labels[0] for e in train}))
        y = np.array([classes.index(e.labels[0]) for e in train], dtype=np.intp)
        folds = folds_of(y)
        linear = choose_c(train, x_train, folds, classes)
        head = fit(train, x_train, linear.c)
        mix, choice = fit_blend(train, y, folds, classes, linear.out_of_fold)
        fitted = time.perf_counter()
        gate_data = fallacy_gate.load(datasets)
        gate = fallacy_gate.fit(
            nlp.embed_cached(gate_data.train_texts, "logic-gate-train"), gate_data.train_labels
        )
        gate_scores = fallacy_gate.report(
            gate, nlp.embed_cached(gate_data.dev_texts, "logic-gate-dev"), gate_data.dev_labels
        )
        gated = time.perf_counter()

        blended = linear.out_of_fold
        if choice.out_of_fold is not None:
            blended = mix.combine(blended, choice.out_of_fold)
        train_texts = [e.text for e in train]
        plain = decide(classes, train_texts, blended, use_cues=False, threshold=0.0)
        threshold, curve = choose_threshold(train, plain)
        cued = decide(classes, train_texts, blended, use_cues=True, threshold=threshold)
        use_cues = macro_f1(train, cued) >= macro_f1(train, plain)

        dev_texts = [e.text for e in dev]
        dev_probabilities = classify(head, dev_texts, x_dev, blend=mix)
        dev_plain = decide(head.classes, dev_texts, dev_probabilities, False, 0.0)
        dev_cued = decide(head.classes, dev_texts, dev_probabilities, True, threshold)

        save_arrays(logic.TASK, HEAD, **head.arrays())
        save_arrays(logic.TASK, GATE, **gate.arrays())
        save_meta(
            logic.TASK,
            Meta(
                task=logic.TASK,
                format_version=FORMAT_VERSION,
                trained_on=f"LOGIC {logic.TRAIN_FILE} ({len(train)} texts, 13 classes)",
                model=(
                    f"multinomial logistic regression on word {WORD_NGRAMS} and char_wb "
                    f"{CHAR_NGRAMS} TF-IDF n-grams + {nlp.EMBEDDER_ID} embeddings, "
                    f"blended with the encoder's top layers fine-tuned (share {choice.share})"
                ),
                scores={
                    "dev_macro_f1_model": macro_f1(dev, dev_plain),
                    "dev_macro_f1_with_cues": macro_f1(dev, dev_cued),
                    "cv_macro_f1_model": macro_f1(train, plain),
                    "cv_macro_f1_with_cues": macro_f1(train, cued),
                    **gate_scores,
                },
                details={
                    "encoder": choice.details(
                        RECIPE,
                        f"epochs and share by {FOLDS}-fold stratified cross-validation on "
                        f"{logic.TRAIN_FILE}, macro-F1",
                    ),
                    "selection": (
                        f"C, then the encoder's epochs and share, then the threshold and the "
                        f"cues, on {FOLDS}-fold stratified cross-validation of "
                        f"{logic.TRAIN_FILE}; dev read once, to report"
                    ),
                    "use_cues": use_cues,
                    "cues_fired_out_of_fold": sum(1 for p in cued if p.cue is not None),
                    "cues_changed_out_of_fold": sum(1 for p in cued if p.label != p.model_label),
                    "cues_changed_on_dev": sum(1 for p in dev_cued if p.label != p.model_label),
                    "threshold": threshold,
                    "gate_threshold": fallacy_gate.THRESHOLD,
                    "gate": {
                        "C": fallacy_gate.C,
                        "train_fallacies": int(gate_data.train_labels.sum()),
                        "train_plain_news": int((gate_data.train_labels == 0).sum()),
                        "negatives": "PTC train-split article lines outside every SI span",
                    },
                    "target_precision": TARGET_PRECISION,
                    "out_of_fold_precision_by_threshold": curve,
                    "C": linear.c,
                    "C_cross_validation": linear.table,
                    "min_df": MIN_DF,
                    "embedding_weight": EMBEDDING_WEIGHT,
                    "features": head.features.width + nlp.EMBEDDING_DIM,
                    "embedder": nlp.EMBEDDER_ID,
                    "feature_version": FEATURE_VERSION,
                    "seconds": {
                        "embeddings": round(embedded - started, 1),
                        "fit_and_fine_tune": round(fitted - embedded, 1),
                        "gate": round(gated - fitted, 1),
                    },
                },
            ),
        )
        shipped.cache_clear()
        return self.evaluate([])

    def evaluate(self, data: Sequence[Path]) -> Evaluation:
        model = shipped()

        def labels_of(texts: list[str]) -> list[str]:
            embeddings = nlp.embed_cached(texts, "logic-eval")
            predictions = predict(
                model.head, texts, embeddings, model.use_cues, model.threshold, blend=model.blend
            )
            return [p.label for p in predictions]

        if data:
            return logic.evaluate_files(labels_of, data, logic.TASK)
        folder = datasets_dir() / logic.FOLDER
        return logic.evaluate_files(
            labels_of,
            [folder / logic.DEV_FILE],
            logic.TASK,
            extra_files=[folder / logic.CLIMATE_DEV_FILE],
        )


TASK = FallacyTask()
