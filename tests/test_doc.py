from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc as SpacyDoc

from storycheck import nlp
from storycheck.doc import Doc
from storycheck.errors import AnalysisError
from storycheck.model import STORY_TARGET, Paragraph, Story, Thread, build_story
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


def _tokens(parsed: SpacyDoc) -> list[tuple[object, ...]]:
    return [
        (t.idx, t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in parsed
    ]


def _sentences_and_entities(parsed: SpacyDoc) -> tuple[list[tuple[int, int]], list[object]]:
    sentences = [(s.start_char, s.end_char) for s in parsed.sents]
    return sentences, [(e.start_char, e.end_char, e.label_) for e in parsed.ents]


def test_a_chunk_is_parsed_at_once_and_as_each_story_would_be_alone(
    threaded_stories: list[Story], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = Doc.chunk(threaded_stories)
    docs[1].parsed()
    for doc in docs:
        monkeypatch.setattr(doc, "parse_all", lambda: pytest.fail("parsed twice"))
    pipeline = nlp.spacy_pipeline()
    for doc, story in zip(docs, threaded_stories, strict=True):
        assert _tokens(doc.parsed()) == _tokens(pipeline(story.text))
        assert story.thread
        for comment in story.thread:
            full = pipeline(comment.text)
            assert _sentences_and_entities(doc.parsed(comment.id)) == _sentences_and_entities(full)


def test_a_comment_is_parsed_without_the_components_no_analyzer_reads(seed_path: Path) -> None:
    doc = Doc(read_one(seed_path))
    assert any(t.tag_ for t in doc.parsed())
    for comment in doc.story.thread:
        assert not any(t.tag_ or t.lemma_ for t in doc.parsed(comment.id))
    assert set(nlp.COMMENT_SKIPS) <= set(nlp.spacy_pipeline().pipe_names)


def test_a_story_spacy_refuses_fails_alone_in_its_chunk(
    threaded_stories: list[Story], monkeypatch: pytest.MonkeyPatch
) -> None:
    longest = max(threaded_stories, key=lambda s: len(s.text))
    monkeypatch.setattr(nlp.spacy_pipeline(), "max_length", len(longest.text) - 1)
    docs = Doc.chunk(threaded_stories)
    size = f"{len(longest.text):,}"
    with pytest.raises(AnalysisError, match=rf"E023\] the story's text is {size} characters"):
        next(d for d in docs if d.story is longest).parsed()
    for doc in docs:
        if doc.story is not longest:
            assert doc.parsed(STORY_TARGET).text == doc.story.text


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


def test_a_comment_too_long_to_parse_is_named(seed_path: Path) -> None:
    story = read_one(seed_path)
    limit = nlp.spacy_pipeline().max_length
    long_text = (Paragraph("x " * limit, 0, 2 * limit, "text"),)
    comments = tuple(replace(c, paragraphs=long_text) if c.id == "c3" else c for c in story.thread)
    with pytest.raises(AnalysisError, match=r"E023\] comment c3 is 2,000,000 characters"):
        Doc(replace(story, thread=Thread(comments))).parsed()
