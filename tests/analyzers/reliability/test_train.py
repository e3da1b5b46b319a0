from __future__ import annotations

import pytest

from storycheck.analyzers.reliability import rubric, signals, train


def _story(unsourced: float, ease: float) -> list[signals.Signal]:
    return [
        signals.Signal("claims_unsourced", unsourced, ""),
        signals.Signal("reading_ease", ease, ""),
        signals.Signal("thread_challenge", None, "no comments"),
        signals.Signal("outlet_rating", 1.0, ""),
    ]


def test_each_signal_is_ranked_alone_the_way_its_weight_points() -> None:
    # Unsourced claims (weight -4) separate these perfectly; reading ease (weight -1)
    # runs against its weight here, so alone it ranks them exactly backwards.
    gold = [1, 1, 0, 0]
    found = [_story(0.1, 60.0), _story(0.2, 65.0), _story(0.8, 40.0), _story(0.9, 45.0)]
    figures = train.per_signal(gold, found, rubric.shipped())
    assert figures["claims_unsourced_roc_auc_alone"] == 1.0
    assert figures["claims_unsourced_mean_reliable"] == pytest.approx(0.15)
    assert figures["claims_unsourced_mean_unreliable"] == pytest.approx(0.85)
    assert figures["reading_ease_roc_auc_alone"] == 0.0
    assert figures["claims_unsourced_articles"] == 4.0


def test_a_signal_measured_in_no_article_gives_only_its_count() -> None:
    figures = train.per_signal([1, 0], [_story(0.1, 50.0), _story(0.9, 60.0)], rubric.shipped())
    assert figures["thread_challenge_articles"] == 0.0
    assert not any(
        k.startswith("thread_challenge_") and k != "thread_challenge_articles" for k in figures
    )
    assert not any(k.startswith("outlet_rating") for k in figures)


def test_a_resample_of_one_class_ranks_at_chance() -> None:
    assert train._pooled_auc([(1, 0.9), (1, 0.2)]) == 0.5
    assert train._pooled_auc([(1, 0.9), (0, 0.2), (1, 0.8)]) == 1.0
