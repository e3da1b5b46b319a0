from __future__ import annotations

import pytest

from storycheck.analyzers.evidence.lexicon import PROMISED


@pytest.mark.parametrize(
    "sentence",
    [
        "The politician added that more details will be released later.",
        "The ministry plans to publish the report next week.",
        "He vowed to reveal the documents.",
        "The data will be presented on Friday.",
        "Results are expected in the coming weeks.",
    ],
)
def test_evidence_announced_for_later_is_a_promise(sentence: str) -> None:
    assert PROMISED.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Wolff said he does not plan to release notes or recordings.",
        "He will not release the tapes.",
        "It will never be made public.",
        "The minister released the report on Monday.",
    ],
)
def test_evidence_withheld_or_already_given_is_no_promise(sentence: str) -> None:
    assert not PROMISED.search(sentence)
