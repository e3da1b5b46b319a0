"""A task's upper encoder layers and classifier: trained in torch, shipped and run as int8 ONNX.

The layers start from the packaged model's own upper layers; mean pooling
over the tokens and one linear layer give the class probabilities. The
exported graph takes the frozen layers' token states and mask and returns
probabilities, so inference needs onnxruntime only.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storycheck import embedder
from storycheck.finetune import lower

if TYPE_CHECKING:
    import torch

ENCODER_FILE = "encoder.onnx"
INPUTS = (lower.OUTPUT, "attention_mask")
OUTPUT = "probabilities"


def top_model(classes: int, dropout: float, frozen: int) -> torch.nn.Module:
    """The packaged layers above the ``frozen`` lower ones, with mean pooling and a fresh
    linear classifier."""
    import torch

    bert = embedder.packaged_bert()

    class Top(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            # Named ``layer`` as in BERT, so the quantiser finds the same node names.
            self.layer = torch.nn.ModuleList(bert.encoder.layer[frozen:])
            self.dropout = torch.nn.Dropout(dropout)
            self.classifier = torch.nn.Linear(embedder.EMBEDDING_DIM, classes)

        def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            """Logits, one row per text."""
            hidden = embedder.run_layers(self.layer, hidden, attention_mask)
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            logits: torch.Tensor = self.classifier(self.dropout(pooled))
            return logits

    return Top()


def export(model: torch.nn.Module, target: Path) -> None:
    """Write the model, softmax included, as an int8 ONNX graph (atomically)."""
    import torch

    export_over_states(model, partial(torch.softmax, dim=-1), target, OUTPUT, {0: "batch"})


def export_over_states(
    model: torch.nn.Module,
    activation: Callable[[torch.Tensor], torch.Tensor],
    target: Path,
    output: str,
    output_axes: dict[int, str],
) -> None:
    """Write a model of the frozen layers' states and mask, ``activation`` applied to its
    logits, as an int8 ONNX graph, atomically: exported beside ``target`` in float32,
    quantised, then renamed into place."""
    import torch

    class Activated(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return activation(self.model(hidden, attention_mask))

    example = (
        torch.zeros((2, 8, embedder.EMBEDDING_DIM), dtype=torch.float32),
        torch.ones((2, 8), dtype=torch.int64),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.stem}-") as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        int8 = Path(tmp) / "int8.onnx"
        embedder.export_graph(Activated(), example, INPUTS, (output, output_axes), fp32)
        embedder.quantise(fp32, int8)
        int8.replace(target)
    # A session opened on the file this replaced would go on running the old model.
    _session.cache_clear()


def predict(path: Path, texts: Sequence[str], frozen: int) -> npt.NDArray[np.float32]:
    """Class probabilities from the shipped graph at ``path``, which reads the states after
    ``frozen`` layers, one row per text."""
    width = _session(str(path), embedder.default_threads()).get_outputs()[0].shape[-1]
    out = np.zeros((len(texts), width), dtype=np.float32)
    for rows, probabilities, _ in graph_outputs(path, texts, frozen, OUTPUT):
        out[rows] = probabilities
    return out


def graph_outputs(
    path: Path, texts: Sequence[str], frozen: int, output: str
) -> Iterator[lower.Batch]:
    """The shipped graph at ``path`` run over the states after ``frozen`` layers, batch by
    batch: rows, the graph's ``output`` and the mask."""
    session = _session(str(path), embedder.default_threads())
    for rows, states, mask in lower.hidden_batches(texts, layers=frozen):
        (values,) = session.run([output], {lower.OUTPUT: states, "attention_mask": mask})
        yield rows, values, mask


@cache
def _session(path: str, threads: int) -> Any:
    return embedder.cpu_session(Path(path), threads)
