"""Inside a group of stories: who printed first, who reused whose text, how the claim hardened.

Stories are ordered by publication date (undated ones last, in input order).
Text reuse is found by aligning word sequences (difflib) and keeping shared
passages of at least ``MIN_PASSAGE`` words; the earlier story of a pair is
taken as the origin, which dates alone can only suggest, not prove. The
shared claim is the earliest story's headline; in every story the assessed
claim (headline or claim sentence) closest to it in meaning stands for it,
and its hedges, boosters and sourcing are compared step by step.

A story also adds an accusation when it makes one (a claim of that kind)
that no earlier story made: its accusing words are not all among the earlier
accusations' and none of these is the same claim in other words (the cosine
above which the fact-check memory takes two claims for one). Meaning alone
cannot tell them apart, because retellings of one event stay close: in the
seed story, "the US military coordinated the offensive of the terrorists" is
a new charge after "recordings of conversations between terrorists ... and
the US Army" at a cosine of 0.59-0.62, and "American officers held
conversations with the terrorists", the old charge retold, reaches only
0.62-0.71 (tests/groups/test_groups.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storycheck import nlp
from storycheck.factchecks.retrieval import SIMILARITY_THRESHOLD as SAME_CLAIM
from storycheck.model import PARAGRAPH_SEPARATOR

MIN_PASSAGE = 8
_WORD = re.compile(r"\S+")
# Sourcing from weakest to strongest claim of certainty: a claim that loses its
# source reads as more certain, not less.
_SOURCING = {"named": 0, "unnamed": 1, "none": 2}


@dataclass(frozen=True, slots=True)
class Reuse:
    """``later`` shares ``words`` words with ``earlier``, in passages of ``MIN_PASSAGE`` or more."""

    earlier: str
    later: str
    words: int
    share_of_later: float
    passages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimVersion:
    doc_id: str
    outlet: str | None
    published: str | None
    text: str
    similarity: float
    hedges: tuple[str, ...]
    boosters: tuple[str, ...]
    source_class: str | None
    changes: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class GroupStory:
    doc_id: str
    outlet: str | None
    published: str | None
    text: str
    report: Mapping[str, Any]

    @classmethod
    def from_report(
        cls, doc_id: str, outlet: str | None, published: str | None, report: Mapping[str, Any]
    ) -> GroupStory:
        """A stored report as a member of a group: its annotations' offsets index the text."""
        text = PARAGRAPH_SEPARATOR.join(p["text"] for p in report["story"]["paragraphs"])
        return cls(doc_id, outlet, published, text, report)


def order(stories: Sequence[GroupStory]) -> list[GroupStory]:
    """By date, undated last; ties keep their input order."""
    indexed = list(enumerate(stories))
    indexed.sort(key=lambda p: (p[1].published is None, p[1].published or "", p[0]))
    return [s for _, s in indexed]


def reuse(stories: Sequence[GroupStory]) -> list[Reuse]:
    """For every later story, the earlier one it shares most text with, if any passage."""
    ordered = order(stories)
    words = [_WORD.findall(s.text) for s in ordered]
    found: list[Reuse] = []
    for j in range(1, len(ordered)):
        best: Reuse | None = None
        for i in range(j):
            matcher = difflib.SequenceMatcher(None, words[i], words[j], autojunk=False)
            blocks = [b for b in matcher.get_matching_blocks() if b.size >= MIN_PASSAGE]
            shared = sum(b.size for b in blocks)
            if shared and (best is None or shared > best.words):
                passages = tuple(" ".join(words[j][b.b : b.b + b.size]) for b in blocks[:3])
                best = Reuse(
                    ordered[i].doc_id,
                    ordered[j].doc_id,
                    shared,
                    round(shared / max(1, len(words[j])), 3),
                    passages,
                )
        if best is not None:
            found.append(best)
    return found


def drift(stories: Sequence[GroupStory]) -> list[ClaimVersion]:
    """The shared claim as each story words it, in date order, with what changed at each step."""
    ordered = order(stories)
    candidates = [_assessed(s) for s in ordered]
    anchor = candidates[0][0]["text"] if candidates and candidates[0] else None
    if anchor is None:
        return []
    added = new_accusations(ordered)
    texts = [c["text"] for options in candidates for c in options]
    vectors = nlp.embed([anchor, *texts])
    sims = vectors[1:] @ vectors[0]
    versions: list[ClaimVersion] = []
    offset = 0
    for story, options in zip(ordered, candidates, strict=True):
        if not options:
            continue
        k = int(np.argmax(sims[offset : offset + len(options)]))
        chosen, similarity = options[k], float(sims[offset + k])
        offset += len(options)
        version = ClaimVersion(
            story.doc_id,
            story.outlet,
            story.published,
            chosen["text"],
            round(similarity, 3),
            tuple(chosen["hedges"]),
            tuple(chosen["boosters"]),
            chosen["source_class"],
        )
        previous = versions[-1] if versions else None
        changes = () if previous is None else _changes(previous, version)
        changes += tuple(f"accusation added: {text!r}" for text in added.get(story.doc_id, ()))
        versions.append(ClaimVersion(**{**_fields(version), "changes": changes}))
    return versions


@dataclass(frozen=True, slots=True)
class Accusation:
    """An accusation as a story words it, and the lemmas of its accusing words."""

    text: str
    words: frozenset[str]


def new_accusations(ordered: Sequence[GroupStory]) -> dict[str, list[str]]:
    """Per story after the first, the accusations no earlier story made, in date order."""
    made = [accusations(s) for s in ordered]
    flat = [a for found in made for a in found]
    vectors = nlp.embed([a.text for a in flat])
    added: dict[str, list[str]] = {}
    before = len(made[0]) if made else 0
    for story, found in zip(ordered[1:], made[1:], strict=True):
        words = frozenset().union(*(a.words for a in flat[:before]))
        for k, accusation in enumerate(found):
            similar = vectors[:before] @ vectors[before + k]
            if accusation.words <= words or (similar.size and similar.max() >= SAME_CLAIM):
                continue
            added.setdefault(story.doc_id, []).append(accusation.text)
        before += len(found)
    return added


def accusations(story: GroupStory) -> list[Accusation]:
    """The story's accusations, read back from its report: groups work on stored results."""
    return [
        Accusation(story.text[a["start"] : a["end"]], frozenset(a["attrs"]["accusation_words"]))
        for a in story.report.get("annotations", [])
        if a["kind"] == "claim" and a["target"] == "story" and "accusation_words" in a["attrs"]
    ]


def _assessed(story: GroupStory) -> list[dict[str, Any]]:
    """The headline and claims the evidence analyzer assessed, with their certainty markers."""
    return [
        {
            "text": story.text[a["start"] : a["end"]],
            "hedges": a["attrs"].get("hedges", []),
            "boosters": a["attrs"].get("boosters", []),
            "source_class": a["attrs"].get("source_class"),
        }
        for a in story.report.get("annotations", [])
        if a["kind"] == "evidence" and a["target"] == "story"
    ]


def _changes(before: ClaimVersion, after: ClaimVersion) -> tuple[str, ...]:
    changes = [f"hedge dropped: {h!r}" for h in before.hedges if h not in after.hedges]
    changes += [f"hedge added: {h!r}" for h in after.hedges if h not in before.hedges]
    changes += [f"certainty raised: {b!r}" for b in after.boosters if b not in before.boosters]
    was = _SOURCING.get(before.source_class or "", -1)
    now = _SOURCING.get(after.source_class or "", -1)
    if was >= 0 and now > was:
        changes.append(f"sourcing weakened: {before.source_class} → {after.source_class}")
    elif now >= 0 and was > now:
        changes.append(f"sourcing strengthened: {before.source_class} → {after.source_class}")
    return tuple(changes)


def _fields(version: ClaimVersion) -> dict[str, Any]:
    return {name: getattr(version, name) for name in ClaimVersion.__slots__}
