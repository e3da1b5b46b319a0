from __future__ import annotations

import csv
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from storycheck import analyze, read_one
from storycheck.analyzers.reliability import rubric, signals, train
from storycheck.model import build_story
from storycheck.report.core import Report


@pytest.fixture(scope="module")
def seed_report(seed_path: Path) -> Report:
    return analyze(read_one(seed_path), analyzers=["reliability"])


def test_seed_score_is_the_sum_of_its_contributions(seed_report: Report) -> None:
    [estimate] = seed_report.of_kind("reliability")
    points = [c["points"] for c in estimate.attrs["contributions"]]
    assert estimate.attrs["score"] == pytest.approx(rubric.BASE + sum(points), abs=0.05)
    assert estimate.score == pytest.approx(estimate.attrs["score"] / 100, abs=1e-3)
    assert estimate.label == rubric.band(estimate.attrs["score"])


def test_seed_loses_points_for_promised_evidence_and_challenging_readers(
    seed_report: Report,
) -> None:
    [estimate] = seed_report.of_kind("reliability")
    by_signal = {c["signal"]: c for c in estimate.attrs["contributions"]}
    # The four claims on the speaker's word, whose details "will be released later"; how many
    # others the story has depends on which sentences rank among its three most check-worthy.
    assert re.fullmatch(
        r"4 of [67] claims have evidence promised for later, not shown",
        by_signal["evidence_promised"]["detail"],
    )
    assert by_signal["evidence_promised"]["points"] < 0
    assert by_signal["thread_challenge"]["points"] < 0
    assert estimate.attrs["score"] < rubric.BASE
    assert "evidence promised" in estimate.explanation
    assert [u["signal"] for u in estimate.attrs["unmeasured"]] == ["outlet_rating"]


def test_a_rated_outlet_adds_its_points(seed_path: Path, seed_report: Report) -> None:
    story = replace(read_one(seed_path), outlet="canadafreepress.com")
    [rated] = analyze(story, analyzers=["reliability"]).of_kind("reliability")
    [unrated] = seed_report.of_kind("reliability")
    by_signal = {c["signal"]: c for c in rated.attrs["contributions"]}
    assert by_signal["outlet_rating"]["points"] == -8.0
    assert rated.attrs["score"] == pytest.approx(unrated.attrs["score"] - 8.0, abs=0.05)


def test_evaluation_labels_stories_by_their_outlets_rating(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(
        "id,domain,type,title,content\n"
        "1,washingtonexaminer.com,political,A,Officials said the plan was approved on Monday.\n"
        "2,beforeitsnews.com,fake,B,They don't want you to know the shocking truth.\n"
        "3,newsmax.com,,C,Mixed outlets count in neither class.\n"
        "4,unlisted.example,fake,D,The file's own type rates what the lists do not.\n"
        "5,unlisted2.example,satire,E,Satire rates nothing.\n"
    )
    labelled = train.labelled_stories([corpus])
    assert [(s.id, label) for s, label in labelled] == [("1", 1), ("2", 0), ("4", 0)]


def test_a_note_too_short_for_rates_moves_nothing() -> None:
    [estimate] = analyze(build_story("note", "", ["Hello."]), ["reliability"]).of_kind(
        "reliability"
    )
    assert estimate.attrs["score"] == rubric.BASE
    unmeasured = {u["signal"]: u["detail"] for u in estimate.attrs["unmeasured"]}
    assert "fewer than 100" in unmeasured["techniques_per_1000_words"]
    assert "fewer than 100" in unmeasured["emotive_sentences"]
    assert "fewer than 100" in unmeasured["reading_ease"]


def test_the_seed_style_signals_count_what_the_style_analyzer_found(
    seed_report: Report,
) -> None:
    [estimate] = seed_report.of_kind("reliability")
    by_signal = {c["signal"]: c for c in estimate.attrs["contributions"]}
    tones = seed_report.of_kind("tone")
    [readability] = seed_report.of_kind("readability")
    sentences = readability.attrs["sentences"]
    assert by_signal["emotive_sentences"]["value"] == pytest.approx(
        len(tones) / sentences, abs=1e-4
    )
    assert by_signal["emotive_sentences"]["detail"] == (
        f"{len(tones)} of {sentences} sentences in an emotive tone (VADER)"
    )
    assert by_signal["reading_ease"]["value"] == readability.attrs["reading_ease"]
    assert by_signal["reading_ease"]["detail"] == readability.explanation


def test_evaluation_reads_a_corpus_with_an_article_over_128_kb(tmp_path: Path) -> None:
    # A fresh interpreter: the csv module's field limit is process-wide, and other tests raise it.
    corpus = tmp_path / "corpus.csv"
    long = "word " * 40_000
    corpus.write_text(
        "id,domain,type,title,content\n"
        f"1,washingtonexaminer.com,political,A,{long}\n"
        "2,beforeitsnews.com,fake,B,They don't want you to know.\n"
    )
    code = (
        "import sys; from pathlib import Path; "
        "from storycheck.analyzers.reliability.train import labelled_stories; "
        "print([(s.id, label) for s, label in labelled_stories([Path(sys.argv[1])])])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(corpus)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[('1', 1), ('2', 0)]"


def test_a_story_not_in_english_is_scored_on_its_outlet_alone(datasets: Path) -> None:
    # FNC-1 body 1686 is a French article of 419 words: English models would find claims,
    # hedges and tones in it all the same, and the score would rest on noise.
    csv.field_size_limit(10**9)
    with (datasets / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        body = next(r["articleBody"] for r in csv.DictReader(handle) if r["Body ID"] == "1686")
    french = build_story("1686", "Star Wars VII en été ?", [body])
    [unrated] = analyze(french, ["reliability"]).of_kind("reliability")
    unread = {u["signal"]: u["detail"] for u in unrated.attrs["unmeasured"]}
    assert set(unread) == set(signals.NAMES)
    assert {unread[name] for name in signals.READ_FROM_TEXT} == {signals.NOT_ENGLISH}
    assert unrated.attrs["contributions"] == []
    assert (unrated.attrs["score"], unrated.label) == (rubric.BASE, rubric.NOTHING_MEASURED)

    rated = analyze(replace(french, outlet="canadafreepress.com"), ["reliability"])
    [estimate] = rated.of_kind("reliability")
    assert [c["signal"] for c in estimate.attrs["contributions"]] == ["outlet_rating"]
    assert estimate.attrs["score"] == rubric.BASE - 8.0
    assert estimate.label == rubric.band(rubric.BASE - 8.0)
