"""The int8 ONNX embedder against the sentence-transformers model it replaces."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest

from storycheck import embedder, nlp
from tests.conftest import Reference

SENTENCE_END = re.compile(r"(?<=[.!?”])\s+|\n+")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


@pytest.fixture(scope="module")
def real_sentences(seed_path: Path, datasets: Path) -> list[str]:
    """About 30 sentences of news: the seed story's, headings included, then FNC-1 bodies'."""
    sentences = _sentences(seed_path.read_text(encoding="utf-8"))[:20]
    csv.field_size_limit(1 << 24)
    with (datasets / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            sentences += _sentences(row["articleBody"])[:2]
            if len(sentences) >= 30:
                break
    return sentences


@pytest.mark.slow
def test_int8_vectors_match_sentence_transformers(
    real_sentences: list[str], sentence_transformers_vectors: Reference
) -> None:
    expected = sentence_transformers_vectors(embedder.source_dir(), real_sentences)
    got = embedder.embed(real_sentences)
    cosines = np.sum(got * expected, axis=1)
    assert got.shape == expected.shape == (len(real_sentences), embedder.EMBEDDING_DIM)
    assert cosines.min() >= 0.98, real_sentences[int(cosines.argmin())]


def test_order_survives_batches_of_mixed_lengths(real_sentences: list[str]) -> None:
    long_text = " ".join(real_sentences)
    texts = ["Denied.", long_text, real_sentences[3], "Yes", long_text[:300], real_sentences[0]]
    together = embedder.embed(texts, batch_size=2)
    alone = np.vstack([embedder.embed([text]) for text in texts])
    similarity = together @ alone.T
    assert list(similarity.argmax(axis=1)) == list(range(len(texts)))
    assert np.diag(similarity).min() >= 0.97


def test_empty_input_gives_no_rows() -> None:
    vectors = embedder.embed([])
    assert vectors.shape == (0, embedder.EMBEDDING_DIM)
    assert vectors.dtype == np.float32


def test_vectors_are_unit_float32() -> None:
    vectors = nlp.embed(["The ministry denied the report.", "", "?"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, embedder.EMBEDDING_DIM)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_paraphrase_is_closer_than_an_unrelated_sentence() -> None:
    claim, paraphrase, unrelated = embedder.embed(
        [
            "The government denied that its troops crossed the border.",
            "Officials said soldiers had not entered the neighbouring country.",
            "The recipe calls for two cups of flour and a pinch of salt.",
        ]
    )
    assert claim @ paraphrase > claim @ unrelated + 0.3


def test_text_past_the_token_limit_is_cut_off(real_sentences: list[str]) -> None:
    long_text = " ".join(real_sentences * 3)
    first, extended = embedder.embed([long_text, long_text + " The aliens have landed in Ohio."])
    assert first @ extended > 0.9999


def test_model_is_built_once_with_no_leftovers() -> None:
    path = embedder.ensure_model()
    built = path.stat().st_mtime_ns
    assert embedder.ensure_model() == path
    assert path.stat().st_mtime_ns == built
    assert not list(path.parent.glob(f".{path.stem}-*"))
    assert embedder.embeddings_path().is_file()


def test_idle_pool_threads_wait_without_spinning() -> None:
    # Spinning threads took a core from the spaCy parse and the analyzers (docs/profile.md).
    options = embedder._session(2).get_session_options()
    assert options.get_session_config_entry(embedder.SPINNING) == "0"


def test_every_session_draws_on_the_one_shared_arena() -> None:
    # Separate arenas held the sum of a dozen graphs' peaks (docs/profile.md).
    first = embedder._session(2).get_session_options()
    second = embedder._session(1).get_session_options()
    for options in (first, second):
        assert options.get_session_config_entry(embedder.ENV_ALLOCATORS) == "1"
    # Registering the process's arena again would fail; it happens once.
    embedder.cpu_session(embedder.ensure_model(), 1)


def test_a_token_budget_splits_batches_of_long_texts(real_sentences: list[str]) -> None:
    texts = [*real_sentences, " ".join(real_sentences)]
    plain = list(embedder.padded_batches(texts, 8))
    capped = list(embedder.padded_batches(texts, 8, max_tokens=128))
    assert max(len(rows) for rows, _, _ in plain) == 8
    for rows, ids, mask in capped:
        assert len(rows) == 1 or ids.size <= 128
        assert (mask.sum(axis=1) > 0).all()
    seen = np.concatenate([rows for rows, _, _ in capped])
    assert sorted(seen.tolist()) == list(range(len(texts)))
    assert len(capped) > len(plain)


def test_short_texts_are_not_padded_to_the_length_of_paragraphs(real_sentences: list[str]) -> None:
    """One story's texts run together: headings, sentences, whole paragraphs."""
    texts = [*real_sentences, " ".join(real_sentences[:4]), " ".join(real_sentences[4:12]), "Yes"]
    batches = list(embedder.padded_batches(texts, embedder.BATCH_SIZE))
    assert len(batches) > 1
    for _, ids, mask in batches:
        lengths = mask.sum(axis=1)
        shortest = int(lengths.min())
        allowed = max(embedder.MAX_PADDING * shortest, shortest + embedder.PADDING_SLACK)
        assert ids.shape[1] == lengths.max() <= allowed
    seen = np.concatenate([rows for rows, _, _ in batches])
    assert sorted(seen.tolist()) == list(range(len(texts)))


def test_texts_of_like_length_share_one_batch() -> None:
    """A corpus's length-sorted batches stay as they were: the slack keeps them whole."""
    texts = [f"Claim number {i} " + "word " * (i % 20) for i in range(32)]
    assert len(list(embedder.padded_batches(texts, embedder.BATCH_SIZE))) == 1
