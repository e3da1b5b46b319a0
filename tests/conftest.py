"""Shared test fixtures: where the project's shared data lies."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from storycheck.model import Story, build_story
from storycheck.read.rumour import find_threads, read_thread

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYCHECK_SHARED", REPO.parent / "shared"))
DATASETS = SHARED / "datasets"
SEED = SHARED / "examples" / "seed-story.txt"


@pytest.fixture(scope="session")
def datasets() -> Path:
    if not DATASETS.is_dir():
        pytest.fail(f"shared datasets not found at {DATASETS}; set STORYCHECK_SHARED")
    return DATASETS


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.fail(f"seed story not found at {SEED}; set STORYCHECK_SHARED")
    return SEED


@pytest.fixture(scope="session")
def threaded_stories(datasets: Path) -> list[Story]:
    """Four FakeNewsCorpus articles, each given a real RumourEval reply thread.

    No corpus here has news bodies with comments, so this pairs them, as
    benchmarks/throughput.py does.
    """
    csv.field_size_limit(1 << 24)
    with (datasets / "fakenewscorpus" / "news_sample.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if 500 < len(r["content"]) < 2500][:4]
    folders = sorted(find_threads(datasets / "rumoureval2017" / "dev"))[:4]
    return [
        replace(
            build_story(f"fnc-{row['id']}", row["title"], row["content"].split("\n\n")),
            thread=read_thread(folder).thread,
        )
        for row, folder in zip(rows, folders, strict=True)
    ]


Reference = Callable[[Path, list[str]], npt.NDArray[np.float32]]


@pytest.fixture(scope="session")
def sentence_transformers_vectors() -> Reference:
    """sentence-transformers' float32 vectors from a packaged model folder: what an int8
    graph replaces, and must stay close to."""

    def encode(source: Path, texts: list[str]) -> npt.NDArray[np.float32]:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(source), device="cpu")
        vectors = model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    return encode
