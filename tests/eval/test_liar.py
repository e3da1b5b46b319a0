from __future__ import annotations

from pathlib import Path

import pytest

from storycheck.errors import StorycheckError
from storycheck.eval import liar


@pytest.fixture(scope="module")
def valid(datasets: Path) -> list[liar.Statement]:
    return liar.load_split(datasets, liar.DEV_FILE)


def test_reads_every_valid_row_with_quotes_intact(valid: list[liar.Statement]) -> None:
    assert len(valid) == 1284
    first = valid[0]
    assert first.id == "12134.json"
    assert first.label == "barely-true"
    assert first.speaker == "vicky-hartzler"
    assert first.party == "republican"
    assert first.subjects == ("economy", "jobs")
    assert first.credit == (1, 0, 1, 0, 0)
    assert first.context == "an interview with ABC17 News"
    # Quoting off: a statement that opens with a quote mark keeps it.
    assert any(s.text.startswith('"') for s in valid)
    assert {s.label for s in valid} == set(liar.LABELS)


def test_liar_plus_rows_read_as_the_same_statements(
    datasets: Path, valid: list[liar.Statement]
) -> None:
    plus = liar.read(datasets / liar.PLUS_FOLDER / liar.PLUS_DEV_FILE)
    assert [s.id for s in plus] == [s.id for s in valid]
    assert [s.label for s in plus] == [s.label for s in valid]
    assert plus[0].justification.startswith("However, Hartzler")
    assert sum(bool(s.justification) for s in plus) > 1200


def test_binary_grouping_and_accuracy() -> None:
    assert [liar.binary(label) for label in liar.LABELS] == ["false side"] * 3 + ["true side"] * 3
    assert liar.accuracy(["true", "false"], ["true", "true"]) == 0.5
    with pytest.raises(ValueError):
        liar.accuracy([], [])


def test_evaluation_reports_binary_beside_six_class() -> None:
    gold = ["pants-fire", "false", "true", "half-true"]
    evaluation = liar.evaluate(
        gold, ["false", "false", "true", "true"], ["false side"] * 2 + ["true side"] * 2, "x"
    )
    assert evaluation.value == 0.5
    assert evaluation.last_line == "liar accuracy=0.5000"
    binary = next(v for k, v in evaluation.extra.items() if k.startswith("binary"))
    assert binary == 1.0
    assert any(p.value == 0.274 for p in evaluation.published)


def test_unknown_label_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("1.json\tmaybe\tA claim.\ttaxes\ts\tj\tst\tp\t0\t0\t0\t0\t0\tc\n")
    with pytest.raises(StorycheckError):
        liar.read(bad)
