"""Where the shared datasets and the trained artefacts live."""

from __future__ import annotations

import os
from pathlib import Path

from storycheck.errors import Problem, StorycheckError

PACKAGE = Path(__file__).resolve().parent
MODELS = PACKAGE / "models"


def datasets_dir() -> Path:
    """$STORYCHECK_DATASETS, else ../shared/datasets beside the working folder or the checkout."""
    candidates = []
    if env := os.environ.get("STORYCHECK_DATASETS"):
        candidates.append(Path(env))
    if env := os.environ.get("STORYCHECK_SHARED"):
        candidates.append(Path(env) / "datasets")
    candidates += [
        Path.cwd().parent / "shared" / "datasets",
        PACKAGE.parents[2] / "shared" / "datasets",
    ]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise StorycheckError(Problem.NO_DATASETS, detail=", ".join(str(c) for c in candidates))


def model_dir(task: str) -> Path:
    return MODELS / task


def cache_dir() -> Path:
    """Derived data worth keeping between runs (dataset embeddings); safe to delete."""
    base = os.environ.get("STORYCHECK_CACHE") or os.environ.get("XDG_CACHE_HOME")
    folder = Path(base) / "storycheck" if base else Path.home() / ".cache" / "storycheck"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def data_dir() -> Path:
    """What the user adds and expects to keep (their fact-check index); never deleted for them."""
    base = os.environ.get("STORYCHECK_DATA") or os.environ.get("XDG_DATA_HOME")
    folder = Path(base) / "storycheck" if base else Path.home() / ".local" / "share" / "storycheck"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
