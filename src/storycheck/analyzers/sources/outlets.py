"""Which proper names are news outlets or platforms, so that "told CNN" passes the words on.

NER calls an outlet an organisation, and often a person ("Virgin Media"), and
"X told the Senate" and "X told The Hollywood Reporter" parse alike: whether
the listener relays the words to this site depends on what it is. A name is an
outlet when it ends in an outlet's word ("Mail Online", "Fox News"), is a web
address ("Inserbia.info") or a platform ("Twitter"), or when the site lists the
package ships for the reliability estimate (Media Bias/Fact Check and
OpenSources, built by ``storycheck train reliability``) hold a news site of
that name: "The Hollywood Reporter" is hollywoodreporter.com, "NBC" has
nbcnews.com. Sites under .org, .gov, .int and .edu are left out: the lists rate
advocacy groups and governments too ("the White House" is no outlet).
"""

from __future__ import annotations

import re
from functools import cache

from storycheck.analyzers.sources.lexicon import MAJOR_OUTLETS, OUTLET_NAME_WORDS, PLATFORMS

# A news site's host: its name and a commercial or national top-level domain.
_NEWS_HOST = re.compile(
    r"^([a-z0-9-]+)\.(?:com|net|news|tv|media|online|info|co|us|ca|ie|in|de|co\.uk|com\.au|co\.za)"
    r"(?:$|-)"  # the lists sometimes keep a path after the host: "theguardian.com-observer"
)
_WEB_ADDRESS = re.compile(r"\.(?:com|org|net|info|co\.uk)$", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
# Shorter names match a listed site only with "news" after them ("AP" is apnews.com).
MIN_STEM = 3


def named_like_outlet(name: str) -> bool:
    """By the name alone: what NER calls a person may be one ("Virgin Media", "Twitter"), but
    not by the lists, which would make Michael Bloomberg's "Bloomberg said" an outlet."""
    words = name.lower().split()
    return bool(words) and (
        words[-1] in OUTLET_NAME_WORDS
        or name.lower() in PLATFORMS
        or bool(_WEB_ADDRESS.search(name))
    )


def is_outlet(organisation: str) -> bool:
    """An organisation's name that is an outlet's, by its words or by the shipped lists."""
    return named_like_outlet(organisation) or _listed(_squashed(organisation))


def listed_word(word: str) -> bool:
    """A one-word name that is a major outlet's or a listed news site's as it stands ("Yonhap",
    "Politico", "Telegraph"); not a name the lists hold only with "news" after it, as they hold
    donaldtrumpnews."""
    return " " not in word.strip() and _listed_as_it_stands(_squashed(word).removeprefix("the"))


def _listed(squashed: str) -> bool:
    """A major outlet, or a news site named so in the shipped lists, with or without "the"
    before and "news" after."""
    bare = squashed.removeprefix("the")
    return _listed_as_it_stands(bare) or f"{bare}news" in news_sites()


def _listed_as_it_stands(bare: str) -> bool:
    stems = news_sites()
    return bare in MAJOR_OUTLETS or (
        len(bare) >= MIN_STEM and (bare in stems or f"the{bare}" in stems)
    )


@cache
def news_sites() -> frozenset[str]:
    """The names of the news sites the shipped lists hold, lower-cased, without punctuation."""
    # Imported here: the reliability analyzer reads the sources analyzer's findings.
    from storycheck.analyzers.reliability.outlets import shipped

    names = set()
    for domain in shipped().by_domain:
        host = _NEWS_HOST.match(domain)
        if host is not None:
            names.add(_squashed(host.group(1)))
    return frozenset(names)


def _squashed(name: str) -> str:
    return _NOT_ALNUM.sub("", name.lower())


def same_outlet(name: str, outlet: str) -> bool:
    """Whether an outlet named in the text ("LifeSiteNews") is the story's own, given as a name
    or a host ("lifesitenews.com")."""
    site = outlet.lower().removeprefix("www.").split(".")[0] if "." in outlet else outlet
    named, own = _squashed(name).removeprefix("the"), _squashed(site).removeprefix("the")
    return bool(named) and bool(own) and (named in own or own in named)
