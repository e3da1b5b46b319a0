"""Surface cues of sourcing and certainty, found without parsing: the fast profile's signals.

Regular expressions over the raw text, from the same lexicons the parsed
analyzers use (hedges and boosters, anonymous-source phrases, promises and
denials of evidence), plus links, numbers, quotation marks and exclamation
marks. They cost microseconds a story, so a corpus of millions can be
screened this way before the full analysis (``--profile fast``); they
count cues, they do not say whose claim a cue belongs to.
"""

from __future__ import annotations

import re
from typing import ClassVar

from storycheck.analyzers.base import register
from storycheck.analyzers.evidence.lexicon import BOOSTER, DENIAL, HEDGE, PROMISED
from storycheck.analyzers.sources.lexicon import ANONYMITY_PHRASES
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc

ANONYMOUS = re.compile(
    r"\b(sources?\s+(say|said|told|close to|familiar with)|"
    + "|".join(re.escape(p) for p in ANONYMITY_PHRASES)
    + r"|officials? (say|said)|an? (senior |top )?official)\b",
    re.IGNORECASE,
)
LINK = re.compile(r"https?://\S+|www\.\S+")
NUMBER = re.compile(r"\b\d[\d,.]*\b")
QUOTE = re.compile(r"[\"“”]")
WORD = re.compile(r"\w+")
# Cue kind -> pattern; every match becomes one annotation.
SPANS: dict[str, re.Pattern[str]] = {
    "hedge": HEDGE,
    "booster": BOOSTER,
    "anonymous-source": ANONYMOUS,
    "promise": PROMISED,
    "denial": DENIAL,
    "link": LINK,
}


@register
class Cues:
    name: ClassVar[str] = "cues"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = (
        "hedges, boosters, anonymous sources, promises per 1,000 words (no parse)"
    )

    def __call__(self, doc: Doc) -> Findings:
        text = doc.story.text
        annotations = [
            Annotation(
                analyzer=self.name,
                kind="cue",
                label=kind,
                explanation=f"“{match.group(0)}”: {kind.replace('-', ' ')} cue",
                start=match.start(),
                end=match.end(),
            )
            for kind, pattern in SPANS.items()
            for match in pattern.finditer(text)
        ]
        words = len(WORD.findall(text))
        counts = dict.fromkeys(SPANS, 0)
        for a in annotations:
            counts[a.label] += 1
        counts["number"] = len(NUMBER.findall(text))
        counts["quotation-mark"] = len(QUOTE.findall(text))
        counts["exclamation"] = text.count("!")
        per_thousand = {k: round(1000 * v / words, 2) if words else 0.0 for k, v in counts.items()}
        return Findings(
            tuple(annotations), {"words": words, "counts": counts, "per_1000_words": per_thousand}
        )
