from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from storycheck.errors import StorycheckError
from storycheck.eval import fnc1


@pytest.fixture(scope="module")
def release(datasets: Path) -> fnc1.Dataset:
    return fnc1.load_release(datasets)


def test_score_follows_the_challenge_scorer() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree", "unrelated"]
    predicted = ["agree", "discuss", "agree", "unrelated", "unrelated"]
    # Exact related 1.0; unrelated called related 0; related but wrong 0.25; missed 0; exact 0.25.
    assert fnc1.raw_score(gold, predicted) == pytest.approx(1.5)
    assert fnc1.raw_score(gold, gold) == pytest.approx(3.5)
    assert fnc1.fnc_score(gold, predicted) == pytest.approx(100 * 1.5 / 3.5)
    assert fnc1.fnc_score(gold, gold) == pytest.approx(100.0)
    with pytest.raises(ValueError):
        fnc1.raw_score(gold, predicted[:2])


def test_release_reads_every_pair(release: fnc1.Dataset) -> None:
    assert len(release.pairs) == 12_296
    assert len(release.bodies) == 433
    assert Counter(release.stances) == {
        "unrelated": 9016,
        "discuss": 2046,
        "agree": 897,
        "disagree": 337,
    }
    assert all(release.body_of(p) for p in release.pairs)


def test_split_is_by_body_and_fixed(release: fnc1.Dataset) -> None:
    train, dev = fnc1.split(release)
    assert not set(train.bodies) & set(dev.bodies)
    assert len(dev.bodies) == round(433 * fnc1.DEV_SHARE)
    assert len(train.pairs) + len(dev.pairs) == len(release.pairs)
    assert {p.body_id for p in dev.pairs} == set(dev.bodies)
    again = fnc1.split(release)[1]
    assert sorted(again.bodies) == sorted(dev.bodies)
    assert set(Counter(dev.stances)) == set(fnc1.LABELS)


def test_all_unrelated_scores_a_quarter_of_the_unrelated_share(release: fnc1.Dataset) -> None:
    gold = release.stances
    best = 0.25 * 9016 + 1.0 * (12_296 - 9016)
    evaluation = fnc1.evaluate(gold, ["unrelated"] * len(gold), "all")
    assert evaluation.value == pytest.approx(100 * 0.25 * 9016 / best)
    assert evaluation.last_line == f"stance-story fnc={evaluation.value:.2f}"
    by_label = {c.label: c for c in evaluation.classes}
    assert by_label["agree"].f1 == 0.0
    assert by_label["unrelated"].recall == 1.0
    assert evaluation.extra["mistakes discuss -> unrelated"] == 2046
    assert "mistakes unrelated -> agree" not in evaluation.extra
    assert fnc1.confusion(gold, ["unrelated"] * len(gold))[3] == [0, 0, 0, 9016]
    assert evaluation.published[0].value == 82.02


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_data_files_in_either_order(tmp_path: Path, release: fnc1.Dataset) -> None:
    pairs = [p for p in release.pairs if p.body_id == release.pairs[0].body_id][:4]
    stances = _write(
        tmp_path / "stances.csv",
        ["Headline", "Body ID", "Stance"],
        [[p.headline, str(p.body_id), p.stance] for p in pairs],
    )
    bodies = _write(
        tmp_path / "bodies.csv",
        ["Body ID", "articleBody"],
        [[str(pairs[0].body_id), release.body_of(pairs[0])]],
    )
    for order in ([stances, bodies], [bodies, stances]):
        loaded = fnc1.load_paths(order)
        assert loaded.pairs == tuple(pairs)
    with pytest.raises(StorycheckError):
        fnc1.load_paths([stances])


def test_bad_files_are_refused(tmp_path: Path, release: fnc1.Dataset) -> None:
    pair = release.pairs[0]
    bodies = _write(tmp_path / "bodies.csv", ["Body ID", "articleBody"], [["1", "text"]])
    unknown_body = _write(
        tmp_path / "orphan.csv", ["Headline", "Body ID", "Stance"], [[pair.headline, "2", "agree"]]
    )
    bad_label = _write(
        tmp_path / "label.csv", ["Headline", "Body ID", "Stance"], [[pair.headline, "1", "maybe"]]
    )
    no_column = _write(tmp_path / "columns.csv", ["Title", "Body"], [[pair.headline, "1"]])
    for stances in (unknown_body, bad_label, no_column):
        with pytest.raises(StorycheckError):
            fnc1.load(stances, bodies)
