from __future__ import annotations

from pathlib import Path

import pytest

from storycheck.errors import StorycheckError
from storycheck.eval import logic


@pytest.fixture(scope="module")
def folder(datasets: Path) -> Path:
    return datasets / logic.FOLDER


def test_both_layouts_read_with_the_thirteen_classes(folder: Path) -> None:
    dev = logic.read_split(folder / logic.DEV_FILE)
    climate = logic.read_split(folder / logic.CLIMATE_DEV_FILE)
    assert len(dev) == 300
    assert len(climate) == 277
    seen = {label for e in dev for label in e.labels}
    assert seen == set(logic.LABELS)
    assert all(e.text.strip() for e in dev)
    # LogicClimate as published keeps a few rows whose text is empty; they are scored too.
    assert sum(1 for e in climate if not e.text.strip()) == 7


def test_label_cells_in_every_spelling() -> None:
    assert logic.parse_labels("['ad hominem', 'Ad Populum']") == ("ad hominem", "ad populum")
    assert logic.parse_labels("false dilemma, equivocation") == ("false dilemma", "equivocation")
    assert logic.parse_labels("['broken") == ()


def test_a_prediction_among_several_gold_labels_is_right() -> None:
    example = logic.Example("t", ("ad hominem", "intentional"))
    assert logic.credited(example, "intentional") == "intentional"
    assert logic.credited(example, "equivocation") == "ad hominem"


def test_macro_f1_over_all_thirteen_classes(folder: Path) -> None:
    dev = folder / logic.DEV_FILE
    gold = {e.text: e.labels[0] for e in logic.read_split(dev)}
    perfect = logic.evaluate_files(lambda texts: [gold[t] for t in texts], [dev], logic.TASK)
    assert perfect.value == pytest.approx(1.0)
    assert perfect.last_line == "fallacy macro_f1=1.0000"
    constant = logic.evaluate_files(lambda t: ["ad hominem"] * len(t), [dev], logic.TASK)
    # One class right at best: its F1 over 13 classes.
    assert constant.value < 1 / 13


def test_a_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nhello,ad hominem\n")
    with pytest.raises(StorycheckError):
        logic.read_split(bad)
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("source_article,updated_label\nhello,not a fallacy\n")
    with pytest.raises(StorycheckError):
        logic.read_split(unknown)
