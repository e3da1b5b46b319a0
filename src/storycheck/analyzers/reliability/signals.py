"""The named signals a story's reliability estimate adds up.

Each is measured from what the other analyzers found (claims and their
sources and evidence, persuasion spans, the tone and reading ease of the
writing, the thread's stances, known fact-checks) or from the outlet's
rating, so every point of the estimate leads back to annotations a reader
can inspect. A signal that cannot be measured for a story (no claims, too
few comments, an unrated outlet) is ``None`` and moves the score by nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storycheck.analyzers.cues import WORD
from storycheck.analyzers.reliability.outlets import Rating
from storycheck.annotation import Annotation
from storycheck.model import STORY_TARGET, Story

# Fewer comments than this say nothing about how readers took the story.
MIN_COMMENTS = 3
# A rate per 1,000 words of a shorter text is mostly chance: one hedge in a
# 20-word note would be 50 per 1,000.
MIN_WORDS = 100
CHALLENGING = frozenset({"deny", "query"})
# Fact-check verdicts (LIAR's and common ClaimReview ratings) that call a claim false.
FALSE_VERDICTS = frozenset({"false", "pants-fire", "pants on fire", "mostly false", "fake"})

# Signal families, for the ablation and for readers: which analyzer each signal comes from.
FAMILIES: dict[str, tuple[str, ...]] = {
    "sources": ("claims_unsourced", "claims_unnamed"),
    "evidence": ("evidence_promised", "evidence_shown"),
    "certainty": ("hedges_per_1000_words", "boosters_per_1000_words"),
    "persuasion": ("techniques_per_1000_words",),
    "style": ("emotive_sentences", "reading_ease"),
    "thread": ("thread_challenge",),
    "factchecks": ("claims_rated_false",),
    "outlet": ("outlet_rating",),
}
NAMES: tuple[str, ...] = tuple(name for names in FAMILIES.values() for name in names)
# Signals read off the story's words and its thread's, which English models misread in
# another language; the outlet's rating is read off a site list and stands in any.
READ_FROM_TEXT: frozenset[str] = frozenset(NAMES) - frozenset(FAMILIES["outlet"])
# Why they are left unread then; the report's warning gives the figures.
NOT_ENGLISH = "the text does not read as English, and storycheck's models read English only"


@dataclass(frozen=True, slots=True)
class Signal:
    name: str
    # None: not measurable for this story.
    value: float | None
    # What was counted, in words a reader can check against the report.
    detail: str


def measure(story: Story, annotations: Sequence[Annotation], rating: Rating | None) -> list[Signal]:
    """Every signal of ``NAMES``, in that order, from the other analyzers' ``annotations``
    of ``story`` and the site lists' ``rating`` of its outlet (None: unrated)."""
    by: dict[str, list[Annotation]] = defaultdict(list)
    for a in annotations:
        by[a.analyzer].append(a)
    words = len(WORD.findall(story.text))
    verdicts = [a for a in by["evidence"] if a.kind == "evidence"]
    return [
        *_claim_shares(verdicts),
        _per_thousand("hedges_per_1000_words", "hedge", by["evidence"], words, "hedges"),
        _per_thousand("boosters_per_1000_words", "booster", by["evidence"], words, "boosters"),
        _per_thousand(
            "techniques_per_1000_words",
            "technique",
            by["persuasion"],
            words,
            "persuasion-technique spans",
        ),
        *_style(by["style"], words),
        _thread_challenge(by["stance"]),
        _rated_false(by["factchecks"]),
        _outlet(story.outlet, rating),
    ]


def unread(signals: Sequence[Signal], why: str) -> list[Signal]:
    """``signals`` with those read from the text unmeasured, because of ``why``.

    A French story run through English models gets claims, hedges and tones
    that mean nothing; scoring them would give a confident number for noise.
    """
    return [Signal(s.name, None, why) if s.name in READ_FROM_TEXT else s for s in signals]


# Claim-share signals: which verdicts each counts, and how its detail says it.
CLAIM_SHARES: dict[str, tuple[Callable[[Annotation], bool], str]] = {
    "claims_unsourced": (lambda v: v.attrs["source_class"] == "none", "name no source"),
    "claims_unnamed": (lambda v: v.attrs["source_class"] == "unnamed", "rest on unnamed sources"),
    "evidence_promised": (
        lambda v: v.label == "promised",
        "have evidence promised for later, not shown",
    ),
    "evidence_shown": (lambda v: v.label == "shown", "have evidence shown in the story"),
}


def _claim_shares(verdicts: Sequence[Annotation]) -> list[Signal]:
    n = len(verdicts)
    signals = []
    for name, (counts, what) in CLAIM_SHARES.items():
        count = sum(1 for v in verdicts if counts(v))
        signals.append(Signal(name, count / n if n else None, f"{count} of {n} claims {what}"))
    return signals


def _per_thousand(
    name: str, kind: str, annotations: Sequence[Annotation], words: int, what: str
) -> Signal:
    count = sum(1 for a in annotations if a.kind == kind and a.target == STORY_TARGET)
    if words < MIN_WORDS:
        return Signal(name, None, f"{what}: the story has {words} words (fewer than {MIN_WORDS})")
    return Signal(name, 1000 * count / words, f"{what}: {count} in {words} words")


def _style(annotations: Sequence[Annotation], words: int) -> list[Signal]:
    """The share of sentences in an emotive tone, and the Flesch reading ease."""
    readability = next((a for a in annotations if a.kind == "readability"), None)
    if words < MIN_WORDS or readability is None:
        why = f"the story has {words} words (fewer than {MIN_WORDS})"
        return [
            Signal("emotive_sentences", None, f"emotive sentences: {why}"),
            Signal("reading_ease", None, f"reading ease: {why}"),
        ]
    sentences = int(readability.attrs["sentences"])
    emotive = sum(1 for a in annotations if a.kind == "tone")
    return [
        Signal(
            "emotive_sentences",
            emotive / sentences,
            f"{emotive} of {sentences} sentences in an emotive tone (VADER)",
        ),
        Signal("reading_ease", float(readability.attrs["reading_ease"]), readability.explanation),
    ]


def _thread_challenge(annotations: Sequence[Annotation]) -> Signal:
    stances = [a.label for a in annotations if a.kind == "stance"]
    challenged = sum(1 for s in stances if s in CHALLENGING)
    detail = f"{challenged} of {len(stances)} comments deny the main claim or ask about it"
    if len(stances) < MIN_COMMENTS:
        return Signal(
            "thread_challenge", None, f"{len(stances)} comments (fewer than {MIN_COMMENTS})"
        )
    return Signal("thread_challenge", challenged / len(stances), detail)


def _rated_false(annotations: Sequence[Annotation]) -> Signal:
    checks = [a for a in annotations if a.kind == "factcheck"]
    false = sum(1 for a in checks if a.label.strip().lower() in FALSE_VERDICTS)
    return Signal(
        "claims_rated_false",
        float(false),
        f"{false} of {len(checks)} claims with a known fact-check resemble one rated false",
    )


def _outlet(outlet: str | None, rating: Rating | None) -> Signal:
    if rating is None:
        return Signal("outlet_rating", None, f"outlet {outlet or 'unknown'}: not rated")
    return Signal("outlet_rating", rating.value, rating.detail)
