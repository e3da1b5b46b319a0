from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from storycheck.language import language_warning, with_warning
from storycheck.model import build_story

FRENCH_FNC_BODIES = {"1686", "2515"}


def _fnc_bodies(datasets: Path) -> dict[str, str]:
    csv.field_size_limit(10**9)
    with (datasets / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}


def test_only_the_french_bodies_of_fnc1_are_taken_for_another_language(datasets: Path) -> None:
    warned = {
        body_id
        for body_id, text in _fnc_bodies(datasets).items()
        if language_warning(build_story(body_id, "", [text]))
    }
    assert warned == FRENCH_FNC_BODIES


def test_the_warning_gives_the_share_it_is_based_on(datasets: Path) -> None:
    body = _fnc_bodies(datasets)["1686"]
    warning = language_warning(build_story("fr", "Dieu", [body]))
    assert warning is not None
    assert warning.startswith("the text does not read as English: 2% of its 419 words")


def test_a_short_text_is_judged_by_its_declared_language() -> None:
    short = build_story("s", "", ["Le maire a démissionné vendredi."])
    assert language_warning(short) is None
    assert language_warning(replace(short, language="en-GB")) is None
    assert language_warning(replace(short, language="und")) is None
    assert language_warning(replace(short, language="fr")) == (
        "the story is declared to be in 'fr'; storycheck's models read English only"
    )


def test_the_warning_is_added_once() -> None:
    story = replace(build_story("s", "", ["Kurz."]), language="de")
    warning = language_warning(story)
    warned = with_warning(with_warning(story, warning), warning)
    assert len(warned.warnings) == 1
    english = replace(story, language="en")
    assert with_warning(english, language_warning(english)).warnings == ()
