"""Shared test fixtures: where the project's shared data lies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
