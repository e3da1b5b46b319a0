from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storycheck import nlp
from storycheck.eval import liar
from storycheck.veracity.features import CREDIT, META, TEXT, Featuriser


@pytest.fixture(scope="module")
def train_slice(datasets: Path) -> list[liar.Statement]:
    return liar.load_split(datasets, liar.TRAIN_FILE)[:400]


def test_text_set_has_no_metadata_and_credit_set_adds_five_counts(
    train_slice: list[liar.Statement],
) -> None:
    zeros = np.zeros((len(train_slice), nlp.EMBEDDING_DIM), dtype=np.float32)
    text = Featuriser.fit(train_slice, TEXT)
    meta = Featuriser.fit(train_slice, META)
    credit = Featuriser.fit(train_slice, CREDIT)
    assert len(text.meta_names) == 0
    assert "party=republican" in set(meta.meta_names)
    widths = [f.transform(train_slice, zeros).shape[1] for f in (text, meta, credit)]
    assert widths[1] == widths[0] + len(meta.meta_names)
    assert widths[2] == widths[1] + 5
    assert widths[2] == len(credit.feature_names())


def test_saved_arrays_give_the_same_rows(train_slice: list[liar.Statement]) -> None:
    zeros = np.zeros((len(train_slice), nlp.EMBEDDING_DIM), dtype=np.float32)
    fitted = Featuriser.fit(train_slice, META)
    loaded = Featuriser.from_arrays(META, fitted.arrays())
    a = fitted.transform(train_slice, zeros)
    b = loaded.transform(train_slice, zeros)
    assert (a != b).nnz == 0
    # TF-IDF rows are unit length, like the vectoriser the vocabulary came from.
    norms = np.sqrt(np.asarray(fitted.tfidf([s.text for s in train_slice]).power(2).sum(axis=1)))
    assert np.allclose(norms[norms > 0], 1.0, atol=1e-5)


def test_metadata_marks_the_speaker_and_every_subject(train_slice: list[liar.Statement]) -> None:
    meta = Featuriser.fit(train_slice, META)
    names = list(meta.meta_names)
    row = meta.metadata(train_slice[:1]).toarray()[0]
    marked = {names[i] for i in np.flatnonzero(row)}
    first = train_slice[0]
    assert {f"subjects={s.lower()}" for s in first.subjects} & set(names) <= marked
    assert f"party={first.party.lower()}" in marked
