from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storycheck.doc import Doc
from storycheck.model import build_story
from storycheck.read import read_one


def test_sentences_never_cross_a_paragraph_break() -> None:
    story = build_story(
        "s", "A Heading Without A Full Stop", ["First sentence here. Second one", "Third."]
    )
    doc = Doc(story)
    texts = [s.text for s in doc.sentences()]
    assert texts[0] == "A Heading Without A Full Stop"
    assert "Third." in texts
    for s in doc.sentences():
        assert story.text[s.start : s.end] == s.text


def test_story_and_comments_are_parsed_once(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Doc(read_one(seed_path))
    first = doc.parsed("c4")
    monkeypatch.setattr(doc, "parse_all", lambda: pytest.fail("parsed twice"))
    assert doc.parsed("c4") is first
    assert doc.parsed().text == doc.story.text
    assert any(e.text == "Nagasaki" for e in doc.entities("c4"))


@pytest.mark.slow
def test_sentence_embeddings_are_unit_vectors_that_know_paraphrase() -> None:
    story = build_story(
        "s",
        "",
        ["The mayor resigned on Friday. On Friday the mayor stepped down. Bananas are yellow."],
    )
    vectors = Doc(story).sentence_embeddings
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similar, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert similar > 0.7 > unrelated
