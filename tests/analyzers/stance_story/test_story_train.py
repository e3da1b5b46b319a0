from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from storycheck import nlp
from storycheck.analyzers.stance_story import head, train
from storycheck.analyzers.stance_story.features import PAIR_FEATURES, Vocabulary
from storycheck.cli import app
from storycheck.eval import fnc1
from storycheck.heads import SoftmaxHead


@pytest.fixture(scope="module")
def release(datasets: Path) -> fnc1.Dataset:
    return fnc1.load_release(datasets)


def test_decision_maximises_the_expected_fnc_score() -> None:
    p = np.asarray(
        [
            # Unrelated is likeliest, but 0.25 * 0.5 + 0.75 * 0.3 beats 0.25 * 0.5.
            [0.30, 0.00, 0.20, 0.50],
            [0.05, 0.05, 0.05, 0.85],
            [0.10, 0.60, 0.25, 0.05],
        ]
    )
    assert head.decide(p) == ["agree", "unrelated", "disagree"]
    assert head.decide(np.zeros((0, 4))) == []


@pytest.mark.slow
def test_both_heads_train_on_a_slice(release: fnc1.Dataset, datasets: Path) -> None:
    train_split = fnc1.split(release)[0]
    related = Counter(p.body_id for p in train_split.pairs if p.stance != "unrelated")
    ids = [body for body, _ in related.most_common(5)]
    small = train_split.subset(ids)
    vocabulary = Vocabulary.fit(
        [*fnc1.unlabelled_bodies(datasets)[:200], *small.bodies.values()], seed=1
    )
    x = train.dataset_features(vocabulary, small, nlp.embed)
    y = np.asarray([fnc1.LABELS.index(s) for s in small.stances])
    assert x.shape == (len(small.pairs), len(PAIR_FEATURES))
    linear = train.fit_linear(x, y, c=1.0)
    reloaded = SoftmaxHead(**linear.arrays())
    p = reloaded.probabilities(x)
    assert p.shape == (len(x), 4)
    assert np.allclose(p.sum(axis=1), 1.0)
    # A head scores the pairs it learnt from far above calling everything unrelated.
    floor = fnc1.fnc_score(small.stances, ["unrelated"] * len(x))
    assert fnc1.fnc_score(small.stances, head.decide(p)) > floor + 10
    boosted = train.fit_lightgbm(x, y).probabilities(x)
    assert np.allclose(boosted.sum(axis=1), 1.0)
    assert fnc1.fnc_score(small.stances, head.decide(boosted)) > floor + 10


@pytest.mark.slow
def test_shipped_model_scores_dev_bodies(release: fnc1.Dataset, tmp_path: Path) -> None:
    _, dev = fnc1.split(release)
    small = dev.subset(sorted(dev.bodies)[:6])
    stances = tmp_path / "stances.csv"
    bodies = tmp_path / "bodies.csv"
    with stances.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerows([p.headline, p.body_id, p.stance] for p in small.pairs)
    with bodies.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows([b, text] for b, text in small.bodies.items())
    evaluation = train.TASK.evaluate([stances, bodies])
    assert evaluation.metric == "fnc"
    assert evaluation.split == "stances.csv + bodies.csv"
    # Everything unrelated scores about 40 on such a slice.
    assert 60 < evaluation.value <= 100
    assert evaluation.extra["related/unrelated accuracy"] > 0.9
    assert evaluation.extra[train.SPEED_NOTE] > 0
    # The command takes both files after one --data, as the task's contract writes it.
    result = CliRunner().invoke(app, ["eval", "stance-story", "--data", str(stances), str(bodies)])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("stance-story fnc=")
    assert float(last.split("=")[1]) == pytest.approx(evaluation.value, abs=1.0)
