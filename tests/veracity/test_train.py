from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storycheck import nlp
from storycheck.eval import liar
from storycheck.veracity import train
from storycheck.veracity.features import CREDIT, TEXT, Featuriser


@pytest.mark.slow
def test_linear_head_learns_from_a_training_slice(datasets: Path) -> None:
    statements = liar.load_split(datasets, liar.TRAIN_FILE)[:600]
    fit, held = statements[:450], statements[450:]
    vectors = nlp.embed([s.text for s in statements])
    gold = [s.label for s in held]
    accuracy = {}
    for feature_set in (TEXT, CREDIT):
        featuriser = Featuriser.fit(fit, feature_set)
        head = train.fit_linear(featuriser.transform(fit, vectors[:450]), train.label_ids(fit), 1.0)
        p = head.probabilities(featuriser.transform(held, vectors[450:]))
        assert np.allclose(p.sum(axis=1), 1.0)
        accuracy[feature_set] = liar.accuracy(gold, train.predictions(p))
    # The credit-history counts carry the statement's own verdict: the known leak shows.
    assert accuracy[CREDIT] > accuracy[TEXT]
    assert accuracy[CREDIT] > 0.3


@pytest.mark.slow
def test_boosted_head_reads_sparse_features(datasets: Path) -> None:
    statements = liar.load_split(datasets, liar.TRAIN_FILE)[:300]
    vectors = nlp.embed([s.text for s in statements])
    featuriser = Featuriser.fit(statements, CREDIT)
    x = featuriser.transform(statements, vectors)
    y = train.label_ids(statements)
    head = train.fit_lightgbm(x, y, featuriser.feature_names(), leaves=4, rounds=20)
    p = head.probabilities(x)
    assert p.shape == (300, len(liar.LABELS))
    assert np.allclose(p.sum(axis=1), 1.0)
    # Trained on these rows with the leaky credit counts, it fits most of them.
    assert liar.accuracy([s.label for s in statements], train.predictions(p)) > 0.5
    assert head.probabilities(x[:0]).shape == (0, len(liar.LABELS))


def test_binary_prediction_sums_each_side() -> None:
    p = np.asarray([[0.2, 0.2, 0.2, 0.4, 0.0, 0.0], [0.0, 0.0, 0.1, 0.3, 0.3, 0.3]])
    # The six-class guess of the first row is half-true, yet the false side holds 0.6.
    assert train.predictions(p) == ["half-true", "half-true"]
    assert train.binary_predictions(p) == ["false side", "true side"]


@pytest.mark.slow
def test_shipped_model_scores_a_valid_slice(datasets: Path, tmp_path: Path) -> None:
    lines = (datasets / liar.FOLDER / liar.DEV_FILE).read_text(encoding="utf-8").splitlines()
    part = tmp_path / "valid-slice.tsv"
    part.write_text("\n".join(lines[:150]) + "\n", encoding="utf-8")
    evaluation = train.TASK.evaluate([part])
    assert evaluation.extra["statements"] == 150
    assert evaluation.last_line.startswith("liar accuracy=")
    assert 0.2 < evaluation.value < 0.5
