from __future__ import annotations

from dataclasses import replace

import numpy as np

from storycheck import mpnet
from storycheck.finetune import teacher, tokens


def test_frozen_states_are_mpnets_pieces_768_wide() -> None:
    texts = ["They unleashed a witch hunt.", "No."]
    states = teacher.hidden_states(texts)
    lengths = [len(e.ids) for e in mpnet.tokenizer().encode_batch(texts)]
    assert [s.shape for s in states] == [(n, mpnet.EMBEDDING_DIM) for n in lengths]
    assert all(np.isfinite(s.astype(np.float32)).all() for s in states)


def test_the_teacher_learns_its_sentences_and_gives_every_word_a_probability(
    ptc_sentences: tuple[list[str], list[list[tuple[int, int]]]],
) -> None:
    texts, spans = (part[:48] for part in ptc_sentences)  # mpnet trains slowly on two cores
    labels = tokens.piece_labels(texts, spans, mpnet.tokenizer())
    states = teacher.hidden_states(texts)
    recipe = replace(teacher.recipe(epochs=6, seed=7), batch_size=8, lr_layers=3e-4)
    model = tokens.fit(states, labels, recipe, 2.0, build=teacher.tagger_model)
    inside = tokens.predict(model, states, bfloat16=True)
    counted = np.concatenate([lab >= 0 for lab in labels])
    truth = np.concatenate(labels)[counted]
    guessed = np.concatenate(inside)[counted] >= 0.5
    assert (guessed == truth).mean() >= 0.85
    assert guessed[truth == 1].mean() >= 0.5
    words = [[(0, len(t.split()[0]))] for t in texts]
    probabilities = teacher.word_probabilities(model, texts, states, words)
    assert [len(p) for p in probabilities] == [1] * len(texts)
