"""Saving and loading trained artefacts without pickle.

An artefact is a folder: ``meta.json`` (what it is, its format version, how it
was trained and what it scored) beside arrays in ``.npz`` files read with
``allow_pickle=False`` and, for boosted trees, LightGBM's own text format. A
file that is not ours cannot run code when it is loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck.errors import Problem, StorycheckError
from storycheck.paths import model_dir

META = "meta.json"


@dataclass
class Meta:
    task: str
    format_version: int
    trained_on: str
    model: str
    scores: dict[str, float] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    created: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d"))


def save_meta(task: str, meta: Meta) -> Path:
    folder = model_dir(task)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / META).write_text(json.dumps(meta.__dict__, indent=2, sort_keys=True) + "\n")
    return folder


def load_meta(task: str) -> Meta:
    path = model_dir(task) / META
    if not path.is_file():
        raise StorycheckError(Problem.NO_MODEL, detail=task)
    return Meta(**json.loads(path.read_text()))


def save_json(path: Path, format_version: int, payload: dict[str, Any]) -> None:
    """A JSON artefact stamped with its format version, keys sorted so a retrain diffs cleanly."""
    stamped = {"format_version": format_version, **payload}
    path.write_text(json.dumps(stamped, indent=1, sort_keys=True) + "\n")


def load_json(path: Path, format_version: int, task: str) -> dict[str, Any]:
    """A JSON artefact's contents; NO_MODEL when it is missing or of another format version."""
    if not path.is_file():
        raise StorycheckError(Problem.NO_MODEL, detail=task)
    payload: dict[str, Any] = json.loads(path.read_text())
    if payload.get("format_version") != format_version:
        raise StorycheckError(Problem.NO_MODEL, detail=task)
    return payload


def save_arrays(task: str, name: str, **arrays: npt.ArrayLike) -> None:
    folder = model_dir(task)
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / f"{name}.npz", allow_pickle=False, **arrays)


def load_arrays(task: str, name: str) -> dict[str, npt.NDArray[Any]]:
    path = model_dir(task) / f"{name}.npz"
    if not path.is_file():
        raise StorycheckError(Problem.NO_MODEL, detail=task)
    with np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def load_booster(task: str, filename: str) -> Any:
    """A LightGBM model from its own text format (never pickle), or NO_MODEL when absent."""
    import lightgbm

    path = model_dir(task) / filename
    if not path.is_file():
        raise StorycheckError(Problem.NO_MODEL, detail=task)
    return lightgbm.Booster(model_file=str(path))
