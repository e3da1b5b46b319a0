"""Whether a story is English, the only language storycheck's models read.

A French article run through English models gets a report that looks like
any other and means nothing, so the report says so. The test is the share
of a text's words that are common English words (spaCy's English stop
list): every English body of the FNC-1 training set, the PTC articles and
the FakeNewsCorpus sample that has 30 words or more lies at 0.23 or above
(the 5th percentile of the FNC-1 bodies is 0.39), the two French bodies of
FNC-1 at 0.01 and 0.02. No model and no download: a user can check it by
hand from the figures in the warning.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from storycheck.model import Story
from storycheck.spacy_import import import_spacy

# Fewer words than this say too little for a share; the declared language decides then.
MIN_WORDS = 30
# Below this share of common English words a text is taken for another language.
MIN_ENGLISH_SHARE = 0.12
# Declared languages that raise no warning ("und": not known, as Twitter writes it).
ENGLISH_OR_UNKNOWN = frozenset({"en", "und", ""})

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def _stop_words() -> frozenset[str]:
    # Imported here: spaCy takes seconds to import, and the command's --help must not wait.
    stop_words: set[str] = import_spacy("spacy.lang.en.stop_words").STOP_WORDS
    return frozenset(stop_words)


def english_share(text: str) -> tuple[float, int]:
    """The share of the text's words that are common English words, and how many words it has."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0
    common = _stop_words()
    return sum(w in common for w in words) / len(words), len(words)


def language_warning(story: Story) -> str | None:
    """Why the story's findings may mean little, when it does not look English."""
    share, words = english_share(story.text)
    if words >= MIN_WORDS:
        if share >= MIN_ENGLISH_SHARE:
            return None
        return (
            f"the text does not read as English: {share:.0%} of its {words:,} words are common "
            f"English words (English news: 23% or more); storycheck's models read English only"
        )
    declared = story.language.split("-")[0].strip().lower()
    if declared in ENGLISH_OR_UNKNOWN:
        return None
    return (
        f"the story is declared to be in '{story.language}'; storycheck's models read English only"
    )


def with_warning(story: Story, warning: str | None) -> Story:
    """The story with ``warning`` among its warnings, once (None: the story as it is)."""
    if warning is None or warning in story.warnings:
        return story
    return replace(story, warnings=(*story.warnings, warning))
