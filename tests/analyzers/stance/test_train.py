from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from storycheck.analyzers.stance import train as stance_train
from storycheck.analyzers.stance import veracity
from storycheck.analyzers.stance.features import feature_names
from storycheck.analyzers.stance.head import shipped
from storycheck.artefact import load_meta
from storycheck.eval import rumoureval as benchmark
from storycheck.eval.rumoureval import STANCES, TASK_A, TASK_B, VERACITIES
from storycheck.finetune import blend
from storycheck.tasks import get_task


@pytest.fixture(scope="module")
def dev(datasets: Path) -> benchmark.Split:
    return benchmark.load_split(datasets, "dev", TASK_A)


def _slice(split: benchmark.Split, threads: int) -> benchmark.Split:
    kept = split.threads[:threads]
    ids = {t.story.id for t in kept} | {c.id for t in kept for c in t.story.thread}
    return benchmark.Split(split.name, kept, {k: v for k, v in split.gold.items() if k in ids})


def test_items_put_each_source_before_its_replies(dev: benchmark.Split) -> None:
    items = stance_train.items_of(dev.threads[:3])
    for k, (tweet, parent) in enumerate(zip(items.ids, items.parents, strict=True)):
        turn = items.turns[k]
        if turn.depth < 0:
            assert tweet == items.sources[k] and parent is None and turn.text == turn.claim
        elif parent is not None:
            assert parent < k and items.sources[parent] == items.sources[k]
    assert len(set(items.sources)) == 3


def test_training_on_a_slice_scores_above_chance(datasets: Path, dev: benchmark.Split) -> None:
    small = _slice(dev, 12)
    items = stance_train.items_of(small.threads)
    x = stance_train.features(items, "test-rumoureval-slice")
    assert x.shape == (len(items.ids), len(feature_names()))
    mask, y = stance_train.labelled(items, small.gold)
    head = stance_train.fit_linear(x[mask], y, 0.01)
    probabilities = head.probabilities(x)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    weights, tuned = stance_train.tune_weights(probabilities, items, small.gold)
    assert weights.shape == (len(STANCES),) and 0.0 < tuned <= 1.0
    raw, toward = stance_train.predictions(head, x, items)
    # Trained and scored on the same tweets: far above the majority class's macro-F1.
    assert benchmark.macro_f1(*benchmark.aligned(small.gold, raw), STANCES) > 0.5
    assert set(toward) == set(raw)
    contributions = head.contributions(x[:2])
    assert contributions.shape == (2, len(STANCES), x.shape[1])


def test_the_encoder_is_chosen_by_event_and_scored_with_its_own_weights(
    datasets: Path, tmp_path: Path
) -> None:
    train = benchmark.load_split(datasets, "train", TASK_A)
    # Two threads from each of two events: two folds, each held out whole.
    chosen = [t for e in sorted({t.event for t in train.threads})[:2] for t in _of(train, e)[:2]]
    small = _slice(benchmark.Split("train", chosen, train.gold), len(chosen))
    items = stance_train.items_of(small.threads)
    uninformed = np.full((len(items.ids), len(STANCES)), 1 / len(STANCES))
    recipe = replace(stance_train.ENCODER_RECIPE, epochs=1, batch_size=8)
    target = tmp_path / "encoder.onnx"
    mixed, choice = stance_train.fit_encoder(items, small.gold, uninformed, recipe, target)
    # The uninformed head scores what its tuned decision weights can make of equal probabilities.
    assert choice.head_score == stance_train.tune_weights(uninformed, items, small.gold)[1]
    assert set(choice.table) == {f"epochs=1 share={s:.1f}" for s in blend.SHARES}
    assert choice.out_of_fold is not None and choice.out_of_fold.shape == uninformed.shape
    assert mixed.frozen == recipe.frozen and mixed.share == choice.share
    assert target.is_file() == (choice.share > 0)


def _of(split: benchmark.Split, event: str) -> list[benchmark.RumourThread]:
    return [t for t in split.threads if t.event == event]


def test_the_shipped_head_on_a_dev_slice(dev: benchmark.Split) -> None:
    small = _slice(dev, 8)
    evaluation = stance_train.evaluate_split(shipped(), small, "test-rumoureval-dev-slice")
    assert evaluation.task == "stance-thread" and evaluation.metric == "macro_f1"
    assert [c.label for c in evaluation.classes] == list(STANCES)
    assert evaluation.extra["annotated tweets without a prediction"] == 0
    assert evaluation.extra["accuracy (the official 2017 metric)"] > 0.55
    assert evaluation.last_line.startswith("stance-thread macro_f1=0.")


def test_veracity_rows_aggregate_each_thread(dev: benchmark.Split) -> None:
    head = shipped()
    items = stance_train.items_of(dev.threads[:4])
    probabilities = head.probabilities(stance_train.features(items, "test-rumoureval-veracity"))
    decided = [STANCES[k] for k in head.decide(probabilities)]
    ids, x = veracity.thread_features(items, probabilities, decided)
    assert ids == [t.story.id for t in dev.threads[:4]]
    assert x.shape == (4, len(veracity.feature_names()))
    shares = x[:, len(STANCES) : 2 * len(STANCES)]
    assert np.allclose(shares.sum(axis=1), 1.0)


def test_the_shipped_veracity_head_scores_dev(datasets: Path) -> None:
    task = get_task("veracity-thread")
    root = datasets / benchmark.FOLDER
    evaluation = task.evaluate([root / "dev", root / "dev-annotations" / TASK_B])
    assert evaluation.extra["threads scored"] == 25
    assert [c.label for c in evaluation.classes] == list(VERACITIES)
    assert 0.0 <= evaluation.value <= 1.0


def test_veracity_reads_the_stance_head_without_its_encoder(dev: benchmark.Split) -> None:
    blended, alone = shipped(), veracity.head_alone()
    assert blended.blend is not None and alone.blend is None
    items = stance_train.items_of(dev.threads[:3])
    x = stance_train.features(items, "test-rumoureval-veracity")
    # The same LightGBM probabilities, decided by the weights tuned for it before the encoder.
    assert np.array_equal(alone.mixed(x, items.turns), blended.probabilities(x))
    tuned = load_meta("stance-thread").details["weights_by_head"][blended.kind]
    assert alone.weights.tolist() == tuned


def test_the_interval_resamples_whole_threads(dev: benchmark.Split) -> None:
    items = stance_train.items_of(dev.threads)
    predicted = dict.fromkeys(dev.gold, "comment")
    threads = stance_train.by_thread(dev.gold, predicted, items)
    assert len(threads) == len(dev.threads) == 25
    assert sum(len(t) for t in threads) == len(dev.gold) == 281
    sizes = {t.story.id: 0 for t in dev.threads}
    for tweet in dev.gold:
        sizes[items.sources[items.ids.index(tweet)]] += 1
    assert sorted(len(t) for t in threads) == sorted(sizes.values())
