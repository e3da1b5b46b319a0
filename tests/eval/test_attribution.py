"""The hand-annotated attribution sample and its scorer.

The sample is only worth anything if every sentence can be found again in the
corpus it came from and the labels are the ones the guidelines define, so those
are checked on every run; the scorer is checked to run and to give figures in
range, never for a particular score (the analyzer may change, the gold may not).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from storycheck.eval import attribution as att

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "attribution-sample.jsonl"
# Drawn and annotated after the rules were last changed, and never used to change them.
HELDOUT = DATA / "attribution-heldout.jsonl"


@pytest.fixture(scope="module")
def sample() -> list[att.GoldSentence]:
    return att.load_sample(SAMPLE)


@pytest.fixture(scope="module", params=[SAMPLE, HELDOUT], ids=["sample", "heldout"])
def any_sample(request: pytest.FixtureRequest) -> list[att.GoldSentence]:
    return att.load_sample(request.param)


@cache
def _csv_texts(path: Path, id_column: str, text_column: str) -> dict[str, str]:
    csv.field_size_limit(1 << 30)
    with path.open(newline="", encoding="utf-8") as stream:
        return {row[id_column]: row[text_column] for row in csv.DictReader(stream)}


def _article(datasets: Path, corpus: str, doc_id: str) -> str:
    if corpus == "fnc1":
        return _csv_texts(datasets / "fnc1" / "train_bodies.csv", "Body ID", "articleBody")[doc_id]
    if corpus == "fakenewscorpus":
        path = datasets / "fakenewscorpus" / "news_sample.csv"
        return _csv_texts(path, "id", "content")[doc_id]
    return (datasets / "ptc" / "articles" / f"article{doc_id}.txt").read_text(encoding="utf-8")


def test_sample_is_large_enough(sample: list[att.GoldSentence]) -> None:
    attributed = [s for s in sample if s.rows]
    assert len(attributed) >= 150
    assert len({(s.corpus, s.doc_id) for s in sample}) >= 40
    # Own-voice sentences are in it too: precision needs negatives.
    assert len(sample) - len(attributed) >= 50


def test_every_sentence_is_verbatim_in_its_article(
    any_sample: list[att.GoldSentence], datasets: Path
) -> None:
    missing = [
        (s.corpus, s.doc_id, s.sentence[:60])
        for s in any_sample
        if s.sentence not in _article(datasets, s.corpus, s.doc_id)
    ]
    assert not missing


def test_labels_follow_the_guidelines(any_sample: list[att.GoldSentence]) -> None:
    for s in any_sample:
        assert s.sentence == s.sentence.strip()
        for row in s.rows:
            assert row.anonymity in att.LEVELS
            # A cue is written as in the sentence; a cue-less row is a continued quotation.
            if row.cue is not None:
                assert row.cue.lower() in s.sentence.lower()
                assert row.source is not None
            assert row.source or row.name


def test_name_matching_is_lenient_only_within_a_name() -> None:
    assert att.same_name("Tim Cook", "Cook")
    assert att.same_name("the Washington Post", "Washington Post")
    assert att.same_name("O’Shaughnessy", "O'Shaughnessy")
    assert not att.same_name("Tim Cook", "Tim Berners-Lee")
    assert not att.same_name(None, "Cook")


def test_scores_count_spurious_and_missed_rows() -> None:
    gold = att.GoldSentence(
        "fnc1",
        "x",
        "Cook said it would come, the paper reported.",
        (att.GoldRow("Cook", "Tim Cook", "said", False, "named-person-with-role"),),
    )
    right = att.Predicted(
        "said", "Cook", (0, 4), "Cook", "Cook", "person", 0, False, "named-person", "x"
    )
    wrong = att.Predicted(
        "reported", "the paper", (25, 34), None, "paper", "media", 1, False, "anonymous", "x"
    )
    scores = att.score([gold], [[right, wrong]])
    assert (scores.source.correct, scores.source.predicted, scores.source.gold) == (1, 2, 1)
    assert scores.source.precision == pytest.approx(0.5)
    assert scores.source_strict.correct == 1
    assert scores.anonymity.correct == 0 and scores.direct.correct == 1
    assert scores.confusion[("named-person-with-role", "named-person")] == 1
    assert scores.confusion[(att.SPURIOUS, "anonymous")] == 1


def test_the_held_out_sample_shares_no_article_with_the_first() -> None:
    first = {(s.corpus, s.doc_id) for s in att.load_sample(SAMPLE)}
    held_out = {(s.corpus, s.doc_id) for s in att.load_sample(HELDOUT)}
    assert len(held_out) >= 12 and not first & held_out


def test_a_gold_mention_is_found_as_whole_words() -> None:
    sentence = "The UK Home Office admitted him, though he has said so."
    gold = att.GoldRow("he", "Shaykh Hamza Sodagar", "said", False, "named-person-with-role")
    office = att.Predicted(
        "admitted",
        "The UK Home Office",
        (0, 18),
        None,
        "UK Home Office",
        "organisation",
        0,
        False,
        "named-organisation",
        "x",
    )
    speaker = att.Predicted(
        "said", "he", (40, 42), None, "he", "person", 1, False, "anonymous", "x"
    )
    assert att.source_match(sentence, gold, office) == 0
    assert att.source_match(sentence, gold, speaker) == 2


def test_scorer_runs_on_a_few_documents(sample: list[att.GoldSentence]) -> None:
    wanted = {("fnc1", "1835"), ("ptc", "758669180")}
    few = [s for s in sample if (s.corpus, s.doc_id) in wanted]
    assert len(few) >= 10
    scores = att.evaluate(sample=few)
    for prf in (scores.detection, scores.source, scores.anonymity, scores.direct):
        for value in (prf.precision, prf.recall, prf.f1):
            assert 0.0 <= value <= 1.0
    assert 0.0 <= scores.anonymity_accuracy <= 1.0
    assert 0.0 <= scores.direct_accuracy <= 1.0
    assert att.format_report(scores).splitlines()[-1].startswith("attribution precision=")


def test_a_wrongly_resolved_name_fails_only_the_strict_figure() -> None:
    gold = att.GoldRow("one official", None, "said", True, "unnamed-official")
    merged = att.Predicted(
        "said", "one official", (0, 12), "Obama", "Obama", "person", 3, True, "named-person", "x"
    )
    assert att.source_match("one official said so.", gold, merged) == 2
    assert att.name_conflict(gold, merged)
    alias = att.GoldRow("Isis", "Islamic State", "warned", False, "named-organisation")
    said = att.Predicted(
        "warned", "Isis", (0, 4), "Isis", "Isis", "organisation", 0, False, "anonymous", "x"
    )
    assert not att.name_conflict(alias, said)
