"""all-mpnet-base-v2 as a word tagger: the teacher of the shipped MiniLM tagger.

mpnet's twelve 768-wide layers tag propaganda spans better than MiniLM's six
(docs/persuasion.md), but a pass over a story's sentences costs five times as
much and its trained layers would not fit the models' size budget, so it never
ships. It is trained on the gold spans, gives sentences of unlabelled news its
probabilities, and the MiniLM tagger learns from both (distillation): mpnet's
reading at MiniLM's cost. Training only, in torch under bfloat16 autocast.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storycheck import embedder, mpnet
from storycheck.finetune import tokens
from storycheck.finetune.train import Recipe, States

if TYPE_CHECKING:
    import torch

# The lower eight layers frozen, the top four trained: on dev as good as the top eight
# (docs/persuasion.md) at half the cost of an epoch.
FROZEN_LAYERS = 8
BATCH = 64


def recipe(epochs: int, seed: int) -> Recipe:
    return Recipe(
        epochs=epochs, label_smoothing=0.0, seed=seed, frozen=FROZEN_LAYERS, bfloat16=True
    )


def hidden_states(texts: Sequence[str], layers: int = FROZEN_LAYERS) -> States:
    """Each text's mpnet token states after ``layers`` layers, unpadded, in float16."""
    import torch

    bert = embedder.load_offline(mpnet.source_dir())
    out: list[npt.NDArray[np.float16]] = [np.zeros((0, 0), dtype=np.float16)] * len(texts)
    batches = embedder.padded_batches(texts, BATCH, encoder=mpnet.tokenizer(), pad=mpnet.PAD)
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
        for rows, input_ids, mask in batches:
            hidden = bert.embeddings(input_ids=torch.from_numpy(input_ids))
            hidden = run_layers(
                bert.encoder, bert.encoder.layer[:layers], hidden, torch.from_numpy(mask)
            )
            for k, i in enumerate(rows):
                out[i] = hidden[k, : int(mask[k].sum())].to(torch.float16).numpy()
    return out


def run_layers(
    encoder: Any, layers: Any, hidden: torch.Tensor, attention_mask: torch.Tensor
) -> torch.Tensor:
    """mpnet layers over token states: BERT's additive padding mask, and the relative-position
    bias that mpnet's encoder computes once for all its layers."""
    import torch

    bias = encoder.compute_position_bias(hidden)
    extended = embedder.additive_mask(attention_mask, torch.float32)
    for layer in layers:
        hidden = layer(hidden, extended, bias)[0]
    return hidden


def tagger_model(dropout: float, frozen: int = FROZEN_LAYERS) -> torch.nn.Module:
    """mpnet's layers above the ``frozen`` lower ones, and a linear layer giving each token's
    logit (``tokens.tagger_model``'s shape)."""
    import torch

    bert = embedder.load_offline(mpnet.source_dir())
    encoder = bert.encoder

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layer = torch.nn.ModuleList(encoder.layer[frozen:])
            self.dropout = torch.nn.Dropout(dropout)
            self.classifier = torch.nn.Linear(mpnet.EMBEDDING_DIM, 1)

        def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = run_layers(encoder, self.layer, hidden, attention_mask)
            logits: torch.Tensor = self.classifier(self.dropout(hidden)).squeeze(-1)
            return logits

    return Tagger()


def word_probabilities(
    model: torch.nn.Module,
    texts: Sequence[str],
    states: States,
    words: Sequence[tokens.Words],
) -> list[npt.NDArray[np.float64]]:
    """Each word's probability from the trained teacher (the highest of its mpnet pieces'),
    reading the texts' frozen ``states`` (``hidden_states``), which several teachers share."""
    pieces = tokens.predict(model, states, bfloat16=True)
    return tokens.word_probabilities(texts, pieces, words, mpnet.tokenizer())
