"""A token tagger: the upper encoder layers with one logit per word piece, as int8 ONNX.

The sequence classifier of ``top`` pools the tokens into one vector; a tagger
keeps them, so each word piece gets the probability that it lies inside a
labelled span. Words are made of pieces, and a word takes the highest
probability among its pieces: a span usually starts or ends mid-word only in
the tokeniser's view. Training reads the frozen layers' states as every
fine-tuned task does (``finetune.train``), so a tagger costs a few minutes an
epoch on two cores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storycheck import embedder
from storycheck.finetune.top import export_over_states, graph_outputs
from storycheck.finetune.train import EpochHook, Recipe, States, padded, train_model

if TYPE_CHECKING:
    import torch

TAGGER_FILE = "tagger.onnx"
OUTPUT = "inside"
# Word pieces the loss ignores: [CLS], [SEP] and padding.
IGNORED = -1
# Character offsets of a text's words, (start, end) each.
Words = Sequence[tuple[int, int]]


def tagger_model(dropout: float, frozen: int) -> torch.nn.Module:
    """The packaged layers above the ``frozen`` lower ones, and a linear layer giving each
    token's logit."""
    import torch

    bert = embedder.packaged_bert()

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layer = torch.nn.ModuleList(bert.encoder.layer[frozen:])
            self.dropout = torch.nn.Dropout(dropout)
            self.classifier = torch.nn.Linear(embedder.EMBEDDING_DIM, 1)

        def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            """Logits, one per token: (batch, tokens)."""
            hidden = embedder.run_layers(self.layer, hidden, attention_mask)
            logits: torch.Tensor = self.classifier(self.dropout(hidden)).squeeze(-1)
            return logits

    return Tagger()


def piece_labels(
    texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], tokenizer: Any = None
) -> list[npt.NDArray[np.int64]]:
    """Per text, 1 for a word piece inside one of its spans, 0 outside, ``IGNORED`` for markers
    (MiniLM's pieces unless another model's ``tokenizer`` is given)."""
    out = []
    encodings = (tokenizer or embedder.tokenizer()).encode_batch(list(texts))
    for encoding, inside in zip(encodings, spans, strict=True):
        labels = np.full(len(encoding.offsets), IGNORED, dtype=np.int64)
        for j, (start, end) in enumerate(encoding.offsets):
            if end > start:
                labels[j] = int(any(s < end and start < e for s, e in inside))
        out.append(labels)
    return out


def fit(
    states: States,
    targets: Sequence[npt.NDArray[np.int64] | npt.NDArray[np.float32]],
    recipe: Recipe,
    positive_weight: float,
    on_epoch: EpochHook | None = None,
    description: str = "fine-tuning the tagger",
    *,
    build: Callable[[float, int], torch.nn.Module] = tagger_model,
    weights: Sequence[float] | None = None,
) -> torch.nn.Module:
    """The tagger trained on each text's states after ``recipe.frozen`` layers and its piece
    targets: 0/1 labels (``piece_labels``) or a teacher's probabilities (``piece_targets``).

    ``build`` makes the packaged MiniLM's tagger unless another is given (``teacher``);
    ``weights`` scales each text's share of the loss (1 for every text unless given).
    """
    import torch

    torch.manual_seed(recipe.seed)
    tagger = build(recipe.dropout, recipe.frozen)
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.tensor(positive_weight))
    text_weights = np.ones(len(states), dtype=np.float32)
    if weights is not None:
        text_weights[:] = weights

    def loss(rows: npt.NDArray[np.intp], hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        target = np.full(mask.shape, IGNORED, dtype=np.float32)
        for k, i in enumerate(rows):
            target[k, : len(targets[i])] = targets[i][: mask.shape[1]]
        y = torch.from_numpy(target)
        counted = (y != IGNORED).float() * torch.from_numpy(text_weights[rows])[:, None]
        each = loss_fn(tagger(hidden, mask).float(), y.clamp(min=0))
        mean: torch.Tensor = (each * counted).sum() / counted.sum().clamp(min=1.0)
        return mean

    return train_model(tagger, states, loss, recipe, on_epoch, description)


def predict(
    model: torch.nn.Module, states: States, bfloat16: bool = False
) -> list[npt.NDArray[np.float32]]:
    """Each text's piece probabilities from the torch model, as the exported graph gives them
    (``bfloat16``: under bfloat16 autocast, as the model was trained)."""
    import torch

    out: list[npt.NDArray[np.float32]] = [np.zeros(0, dtype=np.float32)] * len(states)
    order = np.argsort([len(s) for s in states], kind="stable")
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bfloat16):
        for start in range(0, len(order), 64):
            rows = order[start : start + 64]
            hidden, mask = padded(states, rows)
            inside = torch.sigmoid(model(hidden, mask).float()).numpy()
            for k, i in enumerate(rows):
                out[i] = inside[k, : len(states[i])]
    return out


def export(model: torch.nn.Module, target: Path) -> None:
    """Write the model, sigmoid included, as an int8 ONNX graph (atomically)."""
    import torch

    export_over_states(model, torch.sigmoid, target, OUTPUT, {0: "batch", 1: "tokens"})


def piece_probabilities(
    path: Path, texts: Sequence[str], frozen: int
) -> list[npt.NDArray[np.float32]]:
    """Each text's piece probabilities from the shipped graph at ``path``, which reads the
    states after ``frozen`` layers."""
    out: list[npt.NDArray[np.float32]] = [np.zeros(0, dtype=np.float32)] * len(texts)
    for rows, inside, mask in graph_outputs(path, texts, frozen, OUTPUT):
        for k, i in enumerate(rows):
            out[i] = inside[k, : int(mask[k].sum())]
    return out


def word_probabilities(
    texts: Sequence[str],
    pieces: Sequence[npt.NDArray[np.float32]],
    words: Sequence[Words],
    tokenizer: Any = None,
) -> list[npt.NDArray[np.float64]]:
    """Each word's probability: the highest of the pieces it overlaps (0 past the token limit).
    The pieces are MiniLM's unless another model's ``tokenizer`` made them."""
    out = []
    for overlap, inside in zip(_overlaps(texts, words, tokenizer), pieces, strict=True):
        out.append(
            np.where(overlap[:, : len(inside)], inside[None, :].astype(np.float64), 0.0).max(
                axis=1, initial=0.0
            )
        )
    return out


def piece_targets(
    texts: Sequence[str], words: Sequence[Words], probabilities: Sequence[npt.NDArray[np.float64]]
) -> list[npt.NDArray[np.float32]]:
    """Soft piece targets from word probabilities (a teacher's, read with its own tokeniser):
    a piece takes the highest probability among the words it overlaps, markers ``IGNORED``."""
    out = []
    for overlap, probs in zip(_overlaps(texts, words, None), probabilities, strict=True):
        target = np.where(overlap, probs[:, None], 0.0).max(axis=0, initial=0.0)
        # Every piece with characters overlaps a word; the markers overlap none.
        out.append(np.where(overlap.any(axis=0), target, IGNORED).astype(np.float32))
    return out


def _overlaps(
    texts: Sequence[str], words: Sequence[Words], tokenizer: Any
) -> list[npt.NDArray[np.bool_]]:
    """Per text, (words, pieces): whether a word and a word piece share a character."""
    encodings = (tokenizer or embedder.tokenizer()).encode_batch(list(texts))
    out = []
    for encoding, spans in zip(encodings, words, strict=True):
        offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
        bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
        out.append(
            (offsets[None, :, 1] > offsets[None, :, 0])
            & (offsets[None, :, 0] < bounds[:, 1:2])
            & (bounds[:, 0:1] < offsets[None, :, 1])
        )
    return out
