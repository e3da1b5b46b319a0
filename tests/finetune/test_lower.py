from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storycheck.eval import logic
from storycheck.finetune import lower


@pytest.fixture(scope="module")
def texts(datasets: Path) -> list[str]:
    return [e.text for e in logic.read_split(datasets / logic.FOLDER / logic.DEV_FILE)[:24]]


def test_states_are_unpadded_per_text_and_in_order(texts: list[str]) -> None:
    from storycheck import embedder

    states = lower.hidden_states(texts)
    lengths = [len(e.ids) for e in embedder.tokenizer().encode_batch(texts)]
    assert [s.shape for s in states] == [(n, 384) for n in lengths]
    alone = lower.hidden_states([texts[5]])[0]
    # Dynamic int8 scales follow the batch, so a text's states move a little with its neighbours.
    cosine = (alone.astype(np.float32).ravel() @ states[5].astype(np.float32).ravel()) / (
        np.linalg.norm(alone.astype(np.float32)) * np.linalg.norm(states[5].astype(np.float32))
    )
    assert cosine > 0.99


@pytest.mark.slow
@pytest.mark.parametrize("layers", [lower.FROZEN_LAYERS, 2, lower.EMBEDDINGS_ONLY])
def test_int8_states_follow_the_packaged_layers(texts: list[str], layers: int) -> None:
    import torch

    from storycheck import embedder

    bert = embedder.packaged_bert()
    ids = embedder.tokenizer().encode(texts[0]).ids
    with torch.no_grad():
        exact = bert(input_ids=torch.tensor([ids]), output_hidden_states=True).hidden_states
    reference = exact[layers][0].numpy()
    ours = lower.hidden_states([texts[0]], layers)[0].astype(np.float32)
    cosines = (reference * ours).sum(axis=1) / (
        np.linalg.norm(reference, axis=1) * np.linalg.norm(ours, axis=1)
    )
    assert cosines.min() > 0.95
    assert cosines.mean() > 0.98


def test_every_depth_starts_from_the_one_token_embedding_graph() -> None:
    assert lower.segments(lower.EMBEDDINGS_ONLY) == [(0, 0)]
    assert lower.segments(2) == [(0, 0), (0, 2)]
    assert lower.segments(4) == [(0, 0), (0, 2), (2, 4)]
    assert lower.segment_path(0, 2) != lower.segment_path(2, 4)


def test_the_frozen_layers_read_the_sentence_embedders_own_token_embeddings() -> None:
    from storycheck import embedder

    # One session, so one copy of the 47 MB table in memory (docs/profile.md).
    assert lower._session(1, 0, 0) is embedder.embeddings_session(1)
    with pytest.raises(ValueError, match="frozen layers"):
        lower.segments(3)
