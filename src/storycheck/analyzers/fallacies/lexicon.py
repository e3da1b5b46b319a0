"""Named argument patterns a reader recognises on sight, each mapped to a LOGIC class.

The classifier learnt from textbook examples and misses some patterns that
newspaper comments spell out in stock phrases: "what about ...?" turning an
accusation back on the accuser (whataboutism, a fallacy of relevance), or the
proverb "where there's smoke, there's fire" standing in for evidence. A cue
names the pattern and the words that matched, so the report can say why; its
effect on the dev split is measured at training time and kept in meta.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RELEVANCE = "fallacy of relevance"
FALSE_CAUSALITY = "false causality"


@dataclass(frozen=True, slots=True)
class Cue:
    name: str
    label: str
    pattern: re.Pattern[str]
    why: str


@dataclass(frozen=True, slots=True)
class CueMatch:
    cue: Cue
    start: int
    end: int
    text: str


def _cue(name: str, label: str, pattern: str, why: str) -> Cue:
    return Cue(name, label, re.compile(pattern, re.IGNORECASE), why)


_APOSTROPHE = "['’]"
CUES: tuple[Cue, ...] = (
    _cue(
        "whataboutism",
        RELEVANCE,
        r"\bwhat about\b|\band yet (?:nobody|no one|no-one) (?:talks|talked|speaks|mentions)\b",
        "answers a charge by pointing at someone else's wrongdoing instead of the charge",
    ),
    _cue(
        "whataboutism (tu quoque)",
        RELEVANCE,
        r"\bhypocri(?:te|tical)\s+(?:\w+\s+){0,2}(?:to|for)\s+(?:speak|talk|lecture|complain)\w*\s+"
        r"about\b",
        "dismisses a charge because the accuser is guilty of it too",
    ),
    _cue(
        "whataboutism (let's not forget)",
        RELEVANCE,
        rf"\blet{_APOSTROPHE}?s not forget\b|\bdon{_APOSTROPHE}?t forget (?:that )?(?:the|who)\b",
        "turns from the matter at hand to another party's misdeeds",
    ),
    _cue(
        "smoke and fire",
        FALSE_CAUSALITY,
        rf"\bwhere there(?:{_APOSTROPHE}s| is) smoke,? there(?:{_APOSTROPHE}s| is| must be) "
        r"(?:a )?fire\b|\bno smoke without (?:a )?fire\b",
        "takes the existence of a rumour as proof of what it alleges, with no evidence between",
    ),
)


# A quotation: a cue inside one is the quoted writer's, not this one's.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def find_cues(text: str) -> list[CueMatch]:
    """Every cue in ``text`` outside quotation marks, in reading order."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    found = [
        CueMatch(cue, m.start(), m.end(), m.group(0))
        for cue in CUES
        for m in cue.pattern.finditer(text)
        if not any(a <= m.start() < b for a, b in quoted)
    ]
    return sorted(found, key=lambda m: m.start)
