from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storycheck import mpnet
from storycheck.analyzers.stance.compose import toward_story
from storycheck.analyzers.stance.features import (
    BLOCKS,
    Turn,
    clean,
    cue_slice,
    cue_values,
    feature_names,
    featurize,
    pair_text,
    reason_groups,
    reasons,
    texts_to_embed,
    turns_of,
)
from storycheck.analyzers.stance.lexicon import CUES
from storycheck.read.rumour import read_thread

CUE_NAMES = [name for name, _, _ in CUES]


def _cues(text: str) -> set[str]:
    return {name for name, v in zip(CUE_NAMES, cue_values(text), strict=True) if v}


def test_cues_name_what_annotators_react_to() -> None:
    assert {"question", "ends_question", "asks_evidence"} <= _cues("@bbc source?")
    assert {"question", "yes_no_opener", "asks_evidence"} <= _cues("Is this confirmed?")
    assert {"calls_false", "negation"} <= _cues("@user this is not true, total hoax")
    assert "calls_false" in _cues("FAKE. Photoshopped")
    assert "agrees" in _cues("Exactly, well said")
    assert _cues("@a @b saw it on the news") == set()
    # Leading @names go: a name like @whoisthis must not read as a question word.
    assert "wh_word" not in _cues("@whoisthis ok")


def test_clean_drops_tweet_furniture_only() -> None:
    assert clean("@a @b: look http://t.co/x @c") == "look link @user"
    assert clean("  plain words ") == "plain words"


def test_the_encoder_reads_tweet_then_parent_then_claim() -> None:
    reply = Turn("@a It is a hoax http://t.co/x", "@b Plane down", "A plane crashed", 1)
    assert pair_text(reply) == "It is a hoax link [SEP] Plane down [SEP] A plane crashed"
    direct = Turn("Source?", None, "A plane crashed", 0)
    assert pair_text(direct) == "Source? [SEP] A plane crashed"
    source = Turn("A plane crashed", None, "A plane crashed", -1, True)
    assert pair_text(source) == "A plane crashed"


def test_a_denial_of_a_denial_supports() -> None:
    # source-level reply 0 denies; 1 denies 0 (so supports); 2 denies 1 (a supporter: deny);
    # 3 denies the story directly; 4 queries 3; 5 supports 0.
    labels = ["deny", "deny", "deny", "deny", "query", "support"]
    parents: list[int | None] = [None, 0, 1, None, 3, 0]
    assert toward_story(labels, parents) == [
        "deny",
        "support",
        "deny",
        "deny",
        "query",
        "support",
    ]


def test_composition_needs_parents_in_reading_order() -> None:
    with pytest.raises(ValueError, match="does not come before"):
        toward_story(["deny", "deny"], [1, None])


def test_feature_rows_of_a_real_thread(datasets: Path) -> None:
    folder = next((datasets / "rumoureval2017" / "dev" / "germanwings-crash").iterdir())
    story = read_thread(folder)
    turns = turns_of(story, story.title)
    assert len(turns) == len(story.thread)
    assert [t.depth for t in turns] == [c.depth for c in story.thread]
    assert all(t.parent is None for t, c in zip(turns, story.thread, strict=True) if c.depth == 0)
    texts = texts_to_embed([Turn(story.title, None, story.title, -1, True), *turns])
    rng = np.random.default_rng(0)
    vectors = {t: rng.normal(size=mpnet.EMBEDDING_DIM).astype(np.float32) for t in texts}
    x = featurize([Turn(story.title, None, story.title, -1, True), *turns], vectors)
    assert x.shape == (len(turns) + 1, len(feature_names()))
    # The source has no parent: its parent block is zero, its "is_claim" flag set.
    parent_block = slice(2 * mpnet.EMBEDDING_DIM, 3 * mpnet.EMBEDDING_DIM)
    assert not x[0, parent_block].any() and x[1:, parent_block].any()
    assert x[0, feature_names().index("is_claim")] == 1.0
    assert x[0, feature_names().index("claim_author")] == 1.0
    assert list(x[1, cue_slice()]) == cue_values(turns[0].text)
    assert featurize([], vectors).shape == (0, len(feature_names()))


def test_every_feature_has_a_reason() -> None:
    groups = reason_groups()
    assert sum(len(cols) for _, cols in groups) == len(feature_names())
    assert {name for name, _ in BLOCKS} <= {name for name, _ in groups}
    assert set(reasons()) >= {name for name, _ in groups}
