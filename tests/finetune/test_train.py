from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from storycheck.eval import logic
from storycheck.finetune import blend, lower, top
from storycheck.finetune import train as finetune

TWO = ("ad hominem", "false dilemma")


@pytest.fixture(scope="module")
def examples(datasets: Path) -> tuple[list[str], np.ndarray]:
    """Thirty training examples of each of two LOGIC classes that read differently."""
    train = logic.read_split(datasets / logic.FOLDER / logic.TRAIN_FILE)
    chosen = [e for label in TWO for e in [x for x in train if x.labels[0] == label][:30]]
    labels = np.array([TWO.index(e.labels[0]) for e in chosen], dtype=np.intp)
    return [e.text for e in chosen], labels


@pytest.fixture(scope="module")
def trained(examples: tuple[list[str], np.ndarray]) -> object:
    texts, labels = examples
    recipe = replace(finetune.Recipe(), epochs=4, batch_size=8, lr_layers=3e-4)
    return finetune.fit(lower.hidden_states(texts), labels, len(TWO), recipe)


def test_fine_tuning_learns_its_training_examples(
    examples: tuple[list[str], np.ndarray], trained: object
) -> None:
    texts, labels = examples
    probabilities = finetune.predict(trained, lower.hidden_states(texts))  # type: ignore[arg-type]
    assert probabilities.shape == (len(texts), 2)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert (probabilities.argmax(axis=1) == labels).mean() >= 0.9


def test_int8_graph_gives_the_torch_model_s_answers(
    examples: tuple[list[str], np.ndarray], trained: object, tmp_path: Path
) -> None:
    texts, _ = examples
    path = tmp_path / top.ENCODER_FILE
    top.export(trained, path)  # type: ignore[arg-type]
    exact = finetune.predict(trained, lower.hidden_states(texts))  # type: ignore[arg-type]
    shipped = top.predict(path, texts, lower.FROZEN_LAYERS)
    assert shipped.shape == exact.shape
    assert (shipped.argmax(axis=1) == exact.argmax(axis=1)).mean() >= 0.95
    assert np.abs(shipped - exact).max() < 0.1
    # The upper layers alone: far smaller than the 62 MB graph of the frozen ones.
    assert path.stat().st_size < 10_000_000


def test_out_of_fold_never_predicts_a_text_it_trained_on(
    examples: tuple[list[str], np.ndarray],
) -> None:
    texts, labels = examples
    states = lower.hidden_states(texts)
    folds = np.arange(len(texts)) % 2
    recipe = replace(finetune.Recipe(), epochs=2, batch_size=8)
    by_epoch = finetune.out_of_fold(states, labels, folds, 2, recipe)
    assert by_epoch.shape == (2, len(texts), 2)
    assert np.allclose(by_epoch.sum(axis=2), 1.0)


def test_class_weights_lift_rare_classes() -> None:
    weights = finetune.class_weights(np.array([0] * 90 + [1] * 10), 2)
    assert weights[1] == pytest.approx(3 * weights[0])


def test_blend_share_is_zero_when_the_encoder_only_hurts() -> None:
    truth = np.array([0, 1, 0, 1])
    head = np.eye(2)[truth] * 0.6 + 0.2
    useless = np.eye(2)[1 - truth][None, :, :].repeat(3, axis=0)

    def accuracy(p: np.ndarray) -> float:
        return float((p.argmax(axis=1) == truth).mean())

    choice = blend.choose(useless, head, accuracy)
    assert choice.share == 0.0
    assert choice.score == 1.0
    assert len(choice.table) == 3 * len(blend.SHARES)


def test_blend_takes_the_encoder_where_it_fixes_the_head() -> None:
    truth = np.array([0, 1, 0, 1])
    head = np.array([[0.6, 0.4], [0.55, 0.45], [0.6, 0.4], [0.4, 0.6]])
    encoder = np.eye(2)[truth][None, :, :].repeat(2, axis=0) * 0.8 + 0.1
    choice = blend.choose(encoder, head, lambda p: float((p.argmax(axis=1) == truth).mean()))
    assert choice.score == 1.0
    assert choice.share > 0.0
    assert choice.epochs == 1


def test_blend_fit_writes_the_encoder_it_chose_and_records_it(
    examples: tuple[list[str], np.ndarray], tmp_path: Path
) -> None:
    texts, labels = examples
    # A head that cannot tell the classes apart: any encoder better than chance should get a share.
    uninformed = np.full((len(texts), 2), 0.5)

    def accuracy(p: np.ndarray) -> float:
        return float((p.argmax(axis=1) == labels).mean())

    recipe = replace(finetune.Recipe(), epochs=4, batch_size=8, lr_layers=3e-4)
    path = tmp_path / top.ENCODER_FILE
    folds = np.arange(len(texts)) % 2
    states = lower.hidden_states(texts)
    mixed, choice = blend.fit(states, labels, folds, uninformed, accuracy, recipe, path)
    assert choice.head_score == 0.5
    assert choice.share > 0.0 and choice.score > 0.5
    assert path.is_file() and mixed.path == path
    assert mixed.mix(uninformed[:3], texts[:3]).shape == (3, 2)
    details = choice.details(recipe, "two folds")
    assert details["lower"] == lower.MODEL_NAME
    assert details["share"] == choice.share and details["epochs"] == choice.epochs


def test_a_shipped_blend_reads_the_frozen_graph_it_was_trained_on() -> None:
    details = {"lower": lower.model_name(4), "trained_layers": 2, "share": 0.3}
    shipped = blend.Blend.shipped(Path("encoder.onnx"), details)
    assert shipped == blend.Blend(Path("encoder.onnx"), 0.3, 4)
    # States from another export, or a layer count that does not match its name, are refused.
    assert blend.Blend.shipped(Path("e"), {**details, "lower": "minilm-lower4-int8-v0"}) is None
    assert blend.Blend.shipped(Path("e"), {**details, "trained_layers": 4}) is None
    assert blend.Blend.shipped(Path("e"), {"share": 0.3}) is None
