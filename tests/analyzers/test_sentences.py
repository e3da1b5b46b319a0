from __future__ import annotations

from pathlib import Path

from storycheck.analyzers.sentences import SentencesAndEntities
from storycheck.doc import Doc
from storycheck.read import read_one


def test_seed_entities_include_the_people_and_places(seed_path: Path) -> None:
    doc = Doc(read_one(seed_path))
    findings = SentencesAndEntities()(doc)
    story_entities = {
        (a.attrs["text"], a.label)
        for a in findings.annotations
        if a.kind == "entity" and a.target == "story"
    }
    assert ("Deir ez-Zor", "GPE") in story_entities
    assert ("Pentagon", "ORG") in story_entities
    assert any(label == "PERSON" and "Muallem" in text for text, label in story_entities)
    for a in findings.annotations:
        assert a.start is not None and a.end is not None
        assert doc.text_of(a.target)[a.start : a.end].strip()
    assert findings.summary["story_sentences"] >= 12
    assert findings.summary["comment_sentences"] > findings.summary["story_sentences"]


def test_corpus_rows_analyse(datasets: Path) -> None:
    from storycheck.read import read

    stories = [
        s
        for s, _ in zip(
            read(datasets / "fnc1" / "competition_test_half_dev_bodies.csv"), range(5), strict=False
        )
    ]
    for story in stories:
        assert not isinstance(story, Exception)
        summary = SentencesAndEntities()(Doc(story)).summary
        assert summary["story_sentences"] > 0
