from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from storycheck.finetune import lower, tokens
from storycheck.finetune import train as finetune


def test_pieces_inside_a_span_are_labelled_and_markers_ignored() -> None:
    text = "They unleashed an unprecedented witch hunt today."
    start = text.index("witch hunt")
    (labels,) = tokens.piece_labels([text], [[(start, start + len("witch hunt"))]])
    assert labels[0] == labels[-1] == tokens.IGNORED
    assert labels[1:-1].sum() == 2  # "witch" and "hunt" are one piece each
    assert set(labels[1:-1].tolist()) == {0, 1}


def test_a_word_takes_its_highest_piece_and_words_past_the_limit_get_nothing() -> None:
    text = "Globalists lie"
    pieces = np.asarray([0.0, 0.2, 0.9, 0.4, 0.0], dtype=np.float32)  # [CLS] global ##ists lie
    words = [(0, 10), (11, 14), (15, 20)]
    (probabilities,) = tokens.word_probabilities([text], [pieces], [words])
    assert probabilities.tolist() == pytest.approx([0.9, 0.4, 0.0])


def test_a_teachers_word_probabilities_become_every_piece_of_the_word() -> None:
    text = "Globalists lie"  # [CLS] global ##ists lie [SEP]
    (targets,) = tokens.piece_targets([text], [[(0, 10), (11, 14)]], [np.asarray([0.9, 0.4])])
    assert targets.tolist() == pytest.approx([tokens.IGNORED, 0.9, 0.9, 0.4, tokens.IGNORED])
    (back,) = tokens.word_probabilities([text], [np.clip(targets, 0, 1)], [[(0, 10), (11, 14)]])
    assert back.tolist() == pytest.approx([0.9, 0.4])


@pytest.mark.slow
def test_the_tagger_learns_its_sentences_and_exports_what_torch_computes(
    ptc_sentences: tuple[list[str], list[list[tuple[int, int]]]], tmp_path: Path
) -> None:
    texts, spans = ptc_sentences
    labels = tokens.piece_labels(texts, spans)
    states = lower.hidden_states(texts)
    recipe = replace(finetune.Recipe(), epochs=6, batch_size=8, lr_layers=3e-4)
    model = tokens.fit(states, labels, recipe, positive_weight=2.0)
    inside = tokens.predict(model, states)
    counted = np.concatenate([lab >= 0 for lab in labels])
    truth = np.concatenate(labels)[counted]
    guessed = np.concatenate(inside)[counted] >= 0.5
    assert (guessed == truth).mean() >= 0.85
    assert guessed[truth == 1].mean() >= 0.5
    tokens.export(model, tmp_path / tokens.TAGGER_FILE)
    shipped = tokens.piece_probabilities(tmp_path / tokens.TAGGER_FILE, texts, lower.FROZEN_LAYERS)
    assert [len(p) for p in shipped] == [len(p) for p in inside]
    assert np.abs(np.concatenate(shipped) - np.concatenate(inside)).max() < 0.1
