from __future__ import annotations

import json
from pathlib import Path

import pytest

from storycheck.errors import StorycheckError
from storycheck.eval import rumoureval as benchmark
from storycheck.eval.rumoureval import NO_PREDICTION, STANCES, TASK_A, TASK_B, VERACITIES


@pytest.fixture(scope="module")
def dev(datasets: Path) -> benchmark.Split:
    return benchmark.load_split(datasets, "dev", TASK_A)


def test_dev_split_is_germanwings_with_every_annotated_tweet_read(dev: benchmark.Split) -> None:
    assert dev.name == "dev (germanwings-crash)"
    assert len(dev.threads) == 25
    assert {t.event for t in dev.threads} == {"germanwings-crash"}
    assert len(dev.gold) == 281 and set(dev.gold.values()) == set(STANCES)
    read = {t.story.id for t in dev.threads} | {c.id for t in dev.threads for c in t.story.thread}
    assert set(dev.gold) <= read
    # Sources are annotated too, nearly all as supporting their own rumour.
    sources = [dev.gold[t.story.id] for t in dev.threads]
    assert sources.count("support") > len(sources) / 2


def test_train_veracity_labels(datasets: Path) -> None:
    train = benchmark.load_split(datasets, "train", TASK_B)
    assert len(train.threads) == len(train.gold) == 272
    assert set(train.gold.values()) == set(VERACITIES)
    assert {t.event for t in train.threads} >= {"charliehebdo", "ferguson", "sydneysiege"}
    assert "germanwings-crash" not in {t.event for t in train.threads}


def test_data_takes_one_annotation_file_beside_thread_folders(datasets: Path) -> None:
    root = datasets / benchmark.FOLDER
    folder = next((root / "dev" / "germanwings-crash").iterdir())
    annotation = root / "dev-annotations" / TASK_B
    split = benchmark.load_data([annotation, folder], TASK_B)
    assert [t.story.id for t in split.threads] == [folder.name]
    assert split.gold[folder.name] in VERACITIES
    with pytest.raises(StorycheckError, match="1 folder"):
        benchmark.load_data([folder, annotation, root / "dev-annotations" / TASK_A], TASK_B)
    with pytest.raises(StorycheckError, match="0 folder"):
        benchmark.load_data([annotation], TASK_B)
    with pytest.raises(StorycheckError, match="no such file"):
        benchmark.load_data([folder, root / "missing.json"], TASK_B)


def test_an_annotation_file_of_the_other_subtask_is_refused(datasets: Path) -> None:
    stance_file = datasets / benchmark.FOLDER / "dev-annotations" / TASK_A
    with pytest.raises(StorycheckError, match="not among"):
        benchmark.read_gold(stance_file, VERACITIES)


def test_a_file_that_is_not_a_label_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(["support"]))
    with pytest.raises(StorycheckError, match="not a JSON object"):
        benchmark.read_gold(path, STANCES)


def test_a_missing_prediction_counts_as_wrong() -> None:
    gold = {"1": "deny", "2": "support", "3": "query"}
    truth, guess = benchmark.aligned(gold, {"1": "deny", "3": "query"})
    assert truth == ["deny", "support", "query"]
    assert guess == ["deny", NO_PREDICTION, "query"]
    assert benchmark.accuracy(truth, guess) == pytest.approx(2 / 3)


def test_macro_f1_weighs_rare_classes_like_common_ones() -> None:
    gold = ["comment"] * 8 + ["deny", "query"]
    all_comment = ["comment"] * 10
    assert benchmark.accuracy(gold, all_comment) == pytest.approx(0.8)
    # comment F1 = 2*0.8/1.8; three classes score 0.
    assert benchmark.macro_f1(gold, all_comment, STANCES) == pytest.approx((16 / 18) / 4)
    assert benchmark.macro_f1(gold, gold, STANCES) == pytest.approx(0.75)


def test_confidence_rmse_charges_each_case_as_task_b_scores_it() -> None:
    gold = {"right": "true", "hedged": "unverified", "wrong": "false", "missing": "true"}
    predicted = {"right": ("true", 0.8), "hedged": ("false", 0.5), "wrong": ("true", 0.9)}
    expected = ((0.2**2 + 0.5**2 + 1.0 + 1.0) / 4) ** 0.5
    assert benchmark.confidence_rmse(gold, predicted) == pytest.approx(expected)
    assert benchmark.confidence_rmse({"a": "true"}, {"a": ("true", 1.0)}) == 0.0
