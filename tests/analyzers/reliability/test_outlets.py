from __future__ import annotations

from pathlib import Path

from storycheck.analyzers.reliability import outlets


def test_site_lists_rate_outlets_mbfc_first(datasets: Path) -> None:
    table = outlets.build(datasets)
    # MBFC rates it mixed in 2018 and low in 2020: the later release wins.
    assert table.rating("canadafreepress.com") == outlets.Rating(
        "canadafreepress.com", "mbfc", "low"
    )
    high = table.rating("https://www.washingtonexaminer.com/some/story")
    assert high is not None and high.value == 1.0
    fake = table.rating("beforeitsnews.com")
    assert fake is not None and (fake.source, fake.value) == ("opensources", -1.0)
    assert table.rating("no-such-outlet.example") is None


def test_types_that_rate_slant_not_accuracy_are_left_unrated(datasets: Path) -> None:
    table = outlets.build(datasets)
    # OpenSources calls it "bias" and MBFC does not list it.
    assert table.rating("365usanews.com") is None


def test_shipped_table_is_the_one_the_lists_give(datasets: Path) -> None:
    assert outlets.shipped().by_domain == outlets.build(datasets).by_domain
