from __future__ import annotations

import json
from pathlib import Path

import pytest

from storycheck.analyzers.incivility import THRESHOLD
from storycheck.analyzers.incivility.lexicon import LABELS, score
from storycheck.analyzers.incivility.train import TASK
from storycheck.eval import incivility as benchmark
from storycheck.pipeline import Pipeline
from storycheck.read import read


def _flagged(text: str) -> set[str]:
    values = score(text).values
    return {label for label in LABELS if values[label] >= THRESHOLD}


# Real replies from the RumourEval 2017 threads (as in tests/data/incivility-sample.jsonl).
def test_lexicon_names_each_kind() -> None:
    assert _flagged("@CutGovtSpending @BreakingNews you stupid fuck") == {"insult", "profanity"}
    assert "threat" in _flagged("These bastards need to be exterminated on sight")
    assert "identity_attack" in _flagged("That is the way of Jews. Always lying. Killers")
    assert "identity_attack" in _flagged("@AP We don't need the krauts here")
    assert _flagged("@cnnbrk we need d I.D of the shooter") == set()


def test_news_verbs_and_a_named_nation_are_not_attacks() -> None:
    assert _flagged("Soldier shot, shooter still at large") == set()
    assert _flagged("It is so unfortunate that Russia cannot join the free world.") == set()
    assert _flagged("anyone can trash our argument if they have a better one") == set()


def test_scores_stay_in_range_and_name_their_words() -> None:
    scores = score("Idiot. You moron, you idiot!")
    assert 0.9 <= scores.values["insult"] <= 1.0
    assert scores.words("insult") == ["Idiot", "moron", "idiot"]


def test_the_labelled_sample_is_whole() -> None:
    comments = benchmark.read_sample(benchmark.DEFAULT_SAMPLE)
    assert len(comments) >= 400
    assert len({c.id for c in comments}) == len(comments)
    for label in LABELS:
        assert sum(c.labels[label] for c in comments) >= 8
    assert sum(1 for c in comments if c.batch == benchmark.FRESH) >= 150


def test_eval_reports_auc_per_label(tmp_path: Path) -> None:
    evaluation = TASK.evaluate([])
    assert evaluation.last_line.startswith("incivility mean_auc=")
    assert evaluation.value > 0.75
    assert {f"auc {label}" for label in LABELS} <= set(evaluation.extra)
    assert "fresh mean_auc" in evaluation.extra
    rows = [
        {
            "id": "a",
            "text": "you stupid fuck",
            "insult": 1,
            "identity_attack": 0,
            "threat": 0,
            "profanity": 1,
        },
        {
            "id": "b",
            "text": "stay safe everyone",
            "insult": 0,
            "identity_attack": 0,
            "threat": 0,
            "profanity": 0,
        },
    ]
    data = tmp_path / "two.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    small = TASK.evaluate([data])
    assert small.extra["auc insult"] == pytest.approx(1.0)
    assert small.extra["auc threat"] == pytest.approx(0.5)


def test_train_has_nothing_to_fit_and_says_so(datasets: Path) -> None:
    evaluation = TASK.train(datasets)
    assert "nothing to train" in evaluation.split


def test_seed_comments_are_scored(seed_path: Path) -> None:
    story = next(iter(read(str(seed_path))))
    assert not isinstance(story, Exception)
    report = Pipeline(["incivility"])(story)
    flagged = {(a.target, a.label) for a in report.of_kind("incivility", None)}
    assert flagged == {("c4", "insult")}
    assert report.summaries["incivility"]["uncivil_comments"] == 1
