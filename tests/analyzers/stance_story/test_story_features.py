from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from storycheck import nlp
from storycheck.analyzers.stance_story import features
from storycheck.eval import fnc1


@pytest.fixture(scope="module")
def release(datasets: Path) -> fnc1.Dataset:
    return fnc1.load_release(datasets)


@pytest.fixture(scope="module")
def vocabulary(datasets: Path) -> features.Vocabulary:
    return features.Vocabulary.fit(fnc1.unlabelled_bodies(datasets)[:300], seed=1)


def test_words_stems_and_sentences() -> None:
    assert features.words("Apple didn’t deny it's true") == [
        "apple",
        "didn't",
        "deny",
        "it's",
        "true",
    ]
    assert features.stem("denies") == features.stem("denied") == "deny"
    assert features.stem("reports") == "report"
    assert features.stem("glass") == "glass"
    found = features.sentences('He said "no." Then he left.\nA new line. 3 more?')
    assert found == ['He said "no."', "Then he left.", "A new line.", "3 more?"]
    assert len(features.sentences("One. " * 500)) == features.MAX_SENTENCES


def test_vocabulary_round_trips_through_arrays(vocabulary: features.Vocabulary) -> None:
    again = features.Vocabulary.from_arrays(vocabulary.arrays())
    texts = ["The ISIS fighter was captured", "Apple will launch a watch"]
    assert (vocabulary.tfidf(texts) != again.tfidf(texts)).nnz == 0
    assert vocabulary.topics.shape == (features.SVD_TOPICS, len(vocabulary.terms))
    norms = np.sqrt(vocabulary.tfidf(texts).multiply(vocabulary.tfidf(texts)).sum(axis=1))
    assert np.allclose(norms, 1.0)


@pytest.mark.slow
def test_related_headlines_share_more_with_the_body(
    release: fnc1.Dataset, vocabulary: features.Vocabulary
) -> None:
    # The body with the most headlines, related and not.
    body_id = Counter(p.body_id for p in release.pairs).most_common(1)[0][0]
    pairs = [p for p in release.pairs if p.body_id == body_id]
    headlines = [p.headline for p in pairs]
    x = features.pair_features(
        vocabulary,
        headlines,
        [release.bodies[body_id]],
        [(i, 0) for i in range(len(pairs))],
        nlp.embed,
    )
    assert x.shape == (len(pairs), len(features.PAIR_FEATURES))
    assert np.isfinite(x).all()
    related = np.asarray([p.stance != "unrelated" for p in pairs])
    assert related.any() and (~related).any()
    for name in ("tfidf_cos", "emb_sent_max", "headline_in_body", "char4_body"):
        column = x[:, features.PAIR_FEATURES.index(name)]
        assert column[related].mean() > column[~related].mean(), name
    # Body-level cues are the same for every headline of one body.
    rate = x[:, features.PAIR_FEATURES.index("body_hedging_rate")]
    assert np.ptp(rate) == 0.0
    assert features.pair_features(vocabulary, headlines, [], [], nlp.embed).shape == (
        0,
        len(features.PAIR_FEATURES),
    )
