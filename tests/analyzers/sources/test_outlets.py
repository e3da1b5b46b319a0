from __future__ import annotations

import pytest

from storycheck.analyzers.sources import outlets


@pytest.mark.parametrize(
    "name",
    ["CNN", "The Associated Press", "Fox News", "Mail Online", "Inserbia.info", "Twitter", "Vice"],
)
def test_outlets_by_their_words_the_major_list_or_the_shipped_site_lists(name: str) -> None:
    assert outlets.is_outlet(name)


@pytest.mark.parametrize(
    "name", ["the Senate", "the White House", "Amnesty International", "the FBI", "Congress"]
)
def test_bodies_an_outlet_might_be_told_of_are_no_outlets(name: str) -> None:
    assert not outlets.is_outlet(name)


def test_the_site_lists_hold_news_sites_but_not_advocacy_or_government_ones() -> None:
    sites = outlets.news_sites()
    assert {"usatoday", "huffingtonpost", "reuters"} <= sites
    assert not {"whitehouse", "amnesty", "aclu"} & sites


def test_a_persons_name_is_an_outlet_only_by_its_own_words() -> None:
    assert outlets.named_like_outlet("Virgin Media")
    assert not outlets.named_like_outlet("Bloomberg")
    assert outlets.is_outlet("Bloomberg")


@pytest.mark.parametrize(
    ("word", "listed"),
    [
        ("Yonhap", True),
        ("Politico", True),
        ("Telegraph", True),
        ("Trump", False),
        ("Donald Trump", False),
    ],
)
def test_a_word_is_an_outlets_name_only_as_the_lists_hold_it(word: str, listed: bool) -> None:
    # The lists hold donaldtrumpnews, which is_outlet reads as "Donald Trump" + "news".
    assert outlets.listed_word(word) is listed
