from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from storycheck import embedder, nlp


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts each call of the embedder was given, from here on."""
    given: list[list[str]] = []
    real = embedder.embed

    def counted(texts: list[str]) -> npt.NDArray[np.float32]:
        given.append(list(texts))
        return real(texts)

    monkeypatch.setattr(embedder, "embed", counted)
    return given


def test_a_text_embedded_again_comes_from_the_memo(calls: list[list[str]]) -> None:
    first = nlp.embed(["The harbour will close for six weeks.", "Who said so?"])
    again = nlp.embed(["Who said so?", "A new sentence.", "Who said so?"])
    assert calls[-1] == ["A new sentence."]
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[1])
    assert again.shape == (3, nlp.EMBEDDING_DIM) and nlp.embed([]).shape == (0, nlp.EMBEDDING_DIM)


def test_the_memo_forgets_the_oldest_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "MEMO_SIZE", 2)
    nlp.embed(["one", "two", "three"])
    assert list(nlp._memo)[-2:] == ["two", "three"] and len(nlp._memo) == 2


def test_a_story_memo_holds_only_its_own_story(calls: list[list[str]]) -> None:
    nlp.embed(["Embedded before the story."])
    with nlp.story_memo():
        nlp.embed(["Embedded before the story.", "The story's own sentence."])
        nlp.embed(["The story's own sentence."])
    assert calls[1:] == [["Embedded before the story.", "The story's own sentence."]]
    assert "The story's own sentence." not in nlp._memo


@pytest.mark.parametrize(
    "text",
    [
        "Report: Apple May Buy Social Network Path\n\nApple is in talks to acquire Path, people "
        "familiar with the matter said on Monday.",
        # PTC article 701553469 (shortened).
        "McGill Student Expelled From University Board for Opposing BDS\n\nFirst they came for "
        "the Jews.\n\nAnd then they came for the Zionists.",
    ],
)
def test_a_paragraphs_first_word_does_not_stand_alone(text: str) -> None:
    sentences = [s.text.strip() for s in nlp.spacy_pipeline()(text).sents]
    assert len(sentences) == text.count("\n\n") + 1
    assert all(len(s.split()) > 1 for s in sentences)


def test_cached_vectors_are_not_reused_once_the_batching_changes(
    calls: list[list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(nlp, "cache_dir", lambda: tmp_path)
    texts = ["The harbour will close.", "Who said so?"]
    nlp.embed_cached(texts, "batching")
    nlp.embed_cached(texts, "batching")
    assert len(calls) == 1
    monkeypatch.setattr(embedder, "BATCHING", "batch16-padding2x+32")
    nlp.embed_cached(texts, "batching")
    assert len(calls) == 2 and len(list(tmp_path.glob("batching-*.npy"))) == 2
