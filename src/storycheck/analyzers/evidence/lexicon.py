"""Cues the evidence rules look for, as data: each list is what a reader would underline."""

from __future__ import annotations

import re

# The story shows the evidence itself: a link, or the material put in front of the reader.
SHOWN = re.compile(
    r"https?://|www\.\w|\b(see|watch|listen to|read|view)\s+(the|this|a)\s+"
    r"(full\s+)?(video|document|recording|footage|report|letter|audio|transcript|photo)"
    r"|\b(video|document|recording|footage|letter|audio|transcript)\s+(is\s+)?"
    r"(published|attached|embedded)\s+(below|above|here)"
    r"|\b(seen|obtained|reviewed|verified)\s+by\s+(this|our|the)\s+(site|newspaper|paper|outlet|reporters?)",
    re.IGNORECASE,
)

# Evidence announced for later.
# A negation before the verb or between it and the release ("does not plan to release
# notes", "will never show") withholds evidence rather than promising it.
PROMISED = re.compile(
    r"(?<!\bnot )(?<!n't )(?<!\bnever )"
    r"\b(will|would|is to|are to|to be|plans? to|promised to|vowed to)\b"
    r"(?:(?!\bnot\b|n't\b|\bnever\b)[^.;]){0,60}?"
    r"\b(released?|publish(ed)?|present(ed)?|made public|provided?|shown|show|reveal(ed)?|"
    r"disclosed?|shared?|handed over)\b"
    r"|\bin the coming (days|weeks|months)\b|\bat a later date\b",
    re.IGNORECASE,
)

# A source or the story itself says it is not so, or that the evidence is missing.
DENIAL = re.compile(
    r"\b(den(y|ied|ies|ial)|dismiss(ed|es)?|reject(ed|s)?|refut(ed|es)|rebut(ted|s)?)\b"
    r"|\b(was|is|were) a mistake\b|\bnot true\b|\b(false|baseless|unfounded|fabricated|"
    r"unsubstantiated|unproven|unconfirmed|unverified)\b",
    re.IGNORECASE,
)
LACK_OF_EVIDENCE = re.compile(
    r"\b(no|without|lack(s|ing)? (of )?|not (\w+ )?(reinforced|backed|supported|substantiated) "
    r"(with|by)( any)?)\s*(evidence|proof)\b|\bprovided no (evidence|proof)\b",
    re.IGNORECASE,
)
# "denied this", "rejected that": a denial of whatever was said just before.
DENIED_THIS = re.compile(
    r"\b(den(y|ied|ies)|dismiss(ed|es)?|reject(ed|s)?|refut(ed|es)|rebut(ted|s)?)\s+"
    r"(this|that|it|these|those)\b",
    re.IGNORECASE,
)
BACK_REFERENCE = re.compile(
    r"\b(this|that|these|those|such|the)\s+(\w+\s+)?(claims?|allegations?|accusations?|reports?|"
    r"stor(y|ies)|charges?|assertions?)\b|^\W*(this|that)\b",
    re.IGNORECASE,
)

HEDGES = (
    "allegedly",
    "reportedly",
    "apparently",
    "purportedly",
    "supposedly",
    "presumably",
    "possibly",
    "perhaps",
    "probably",
    "likely",
    "most likely",
    "it is believed",
    "it is thought",
    "it is said",
    "it seems",
    "seems",
    "seemingly",
    "appears to",
    "may",
    "might",
    "could",
    "suggests",
    "rumoured",
    "rumored",
    "unconfirmed",
    "it is possible",
    "according to some",
    "maybe",
)
BOOSTERS = (
    "clearly",
    "certainly",
    "undoubtedly",
    "definitely",
    "obviously",
    "of course",
    "without doubt",
    "no doubt",
    "proven",
    "indeed",
    "surely",
    "everyone knows",
    "it is clear",
    "in fact",
    "undeniably",
    "beyond doubt",
    "absolutely",
    "always",
    "never",
)


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Longest phrase first, whole words only, so "most likely" wins over "likely"."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in ordered) + r")\b", re.IGNORECASE)


HEDGE = phrase_pattern(HEDGES)
BOOSTER = phrase_pattern(BOOSTERS)
