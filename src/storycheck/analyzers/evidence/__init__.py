"""What evidence the story offers for each claim, and how sure it sounds.

Each claim (the headline always, and every sentence the ``claims`` analyzer
flags) gets one status, the first that holds of:

- **shown**: the story puts the material in front of the reader (a link, "see
  the video", "documents seen by this paper");
- **promised**: someone in the claim's chain, or the paragraph it stands in,
  says the evidence will come later;
- **disputed**: a different source denies it within the next two sentences,
  or the story's own voice says the evidence is missing;
- **cited**: it rests on a named, checkable source;
- **asserted**: it rests on no source, or on one nobody names.

Hedges ("reportedly", "most likely") and boosters ("clearly") are marked in
every sentence, and each claim says whether it is reported speech or the
outlet's own voice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar

from storycheck.analyzers.base import register
from storycheck.analyzers.evidence.lexicon import (
    BACK_REFERENCE,
    BOOSTER,
    DENIAL,
    DENIED_THIS,
    HEDGE,
    LACK_OF_EVIDENCE,
    PROMISED,
    SHOWN,
)
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc, TextSpan

STATUSES = ("shown", "promised", "disputed", "cited", "asserted")
NAMED = frozenset({"named-person-with-role", "named-person", "named-organisation"})
DISPUTE_WINDOW = 2
MODAL_HEDGES = frozenset({"may", "might", "could"})
EFFECT = {"hedge": "softens", "booster": "hardens"}


@dataclass
class Context:
    """Sentence-level facts the rules share, computed once per story."""

    sentences: list[TextSpan]
    paragraph_of: list[int]
    attribution: dict[int, Annotation]
    claim_kind: dict[int, str] = field(default_factory=dict)

    def source_ids(self, index: int) -> set[int]:
        a = self.attribution.get(index)
        if a is None:
            return set()
        return {link["entity"] for link in a.attrs["chain"] if link["entity"] is not None}


@register
class Evidence:
    name: ClassVar[str] = "evidence"
    version: ClassVar[str] = "1.2"
    requires: ClassVar[tuple[str, ...]] = ("sources",)
    description: ClassVar[str] = "evidence status of each claim, hedges and boosters (rules)"

    def __call__(self, doc: Doc) -> Findings:
        context = _context(doc)
        annotations = [
            *_markers(doc, context, HEDGE, "hedge"),
            *_markers(doc, context, BOOSTER, "booster"),
        ]
        assessed = sorted(set(_headline_sentences(doc, context)) | set(context.claim_kind))
        verdicts = [self._assess(i, context, annotations) for i in assessed]
        annotations.extend(verdicts)
        summary = {
            "claims": len(verdicts),
            "by_evidence": _counts((v.label for v in verdicts), STATUSES),
            "by_source": _counts(
                (v.attrs["source_class"] for v in verdicts), ("named", "unnamed", "none")
            ),
            "reported": sum(1 for v in verdicts if v.attrs["voice"] == "reported"),
            "own_voice": sum(1 for v in verdicts if v.attrs["voice"] == "own"),
            "hedged": sum(1 for v in verdicts if v.attrs["hedges"]),
            "boosted": sum(1 for v in verdicts if v.attrs["boosters"]),
        }
        return Findings(tuple(annotations), summary)

    def _assess(self, index: int, context: Context, markers: list[Annotation]) -> Annotation:
        sentence = context.sentences[index]
        attribution = context.attribution.get(index)
        shown = [j for j in _looked_at(index, context) if SHOWN.search(context.sentences[j].text)]
        promised = _promises(index, context)
        disputed = _disputes(index, context)
        anonymity = "none" if attribution is None else attribution.label
        source_class = (
            "none" if attribution is None else ("named" if anonymity in NAMED else "unnamed")
        )
        status = (
            "shown"
            if shown
            else "promised"
            if promised
            else "disputed"
            if disputed
            else "cited"
            if source_class == "named"
            else "asserted"
        )
        inside = [
            m for m in markers if m.start is not None and sentence.start <= m.start < sentence.end
        ]
        return Annotation(
            analyzer=self.name,
            kind="evidence",
            label=status,
            explanation=_explain(status, context, attribution, shown, promised, disputed),
            start=sentence.start,
            end=sentence.end,
            attrs={
                "sentence": index,
                "claim_kind": context.claim_kind.get(index, "headline"),
                "voice": "own" if attribution is None else "reported",
                "source": None if attribution is None else attribution.attrs["source"]["display"],
                "anonymity": anonymity,
                "source_class": source_class,
                "chain": [] if attribution is None else attribution.attrs["chain"],
                "hands": 1 if attribution is None else attribution.attrs["hands"],
                "shown_by": shown,
                "promised_by": promised,
                "disputed_by": disputed,
                "hedges": [m.label for m in inside if m.kind == "hedge"],
                "boosters": [m.label for m in inside if m.kind == "booster"],
            },
        )


def _context(doc: Doc) -> Context:
    sentences = doc.sentences()
    paragraphs = doc.story.paragraphs
    paragraph_of = [
        next((n for n, p in enumerate(paragraphs) if p.start <= s.start < p.end + 2), 0)
        for s in sentences
    ]
    attribution: dict[int, Annotation] = {}
    for a in doc.annotations_of("sources"):
        if a.kind == "attribution":
            attribution.setdefault(a.attrs["sentence"], a)
    starts = {s.start: i for i, s in enumerate(sentences)}
    claim_kind = {
        starts[a.start]: a.label
        for a in doc.annotations_of("claims")
        if a.kind == "claim" and a.start in starts
    }
    return Context(sentences, paragraph_of, attribution, claim_kind)


def _headline_sentences(doc: Doc, context: Context) -> list[int]:
    title = doc.story.paragraphs[0] if doc.story.paragraphs else None
    if title is None or title.kind != "title":
        return []
    return [i for i, s in enumerate(context.sentences) if s.start < title.end]


def _looked_at(index: int, context: Context) -> list[int]:
    """The claim's paragraph and, for a headline that restates a body sentence, that
    sentence's paragraph: "documents seen by this newspaper" there shows the headline's evidence."""
    attribution = context.attribution.get(index)
    restated = None if attribution is None else attribution.attrs.get("inherited_from")
    if restated is None:
        return _same_paragraph(index, context)
    return sorted({*_same_paragraph(index, context), *_same_paragraph(restated, context)})


def _same_paragraph(index: int, context: Context) -> list[int]:
    return [j for j, p in enumerate(context.paragraph_of) if p == context.paragraph_of[index]]


def _promises(index: int, context: Context) -> list[int]:
    """Promise sentences by someone in the claim's chain, or unattributed in its paragraph."""
    chain = context.source_ids(index)
    paragraph = set(_same_paragraph(index, context))
    found = []
    for j, s in enumerate(context.sentences):
        if j == index or not PROMISED.search(s.text):
            continue
        by = context.source_ids(j)
        if (by and by & chain) or (not by and j in paragraph):
            found.append(j)
    return found


def _disputes(index: int, context: Context) -> list[int]:
    """A different source denying it just after, or the story's own voice noting no evidence.

    A denial that points back ("denied this") speaks of the sentence right
    before it, not of a claim further up.
    """
    chain = context.source_ids(index)
    found = []
    for j in range(index + 1, min(index + 1 + DISPUTE_WINDOW, len(context.sentences))):
        text = context.sentences[j].text
        by = context.source_ids(j)
        points_back = bool(BACK_REFERENCE.search(text) or DENIED_THIS.search(text))
        if (
            DENIAL.search(text)
            and (by - chain if by else points_back)
            and (j == index + 1 or not points_back)
        ):
            found.append(j)
    for j, s in enumerate(context.sentences):
        if j in found or j == index or j in context.attribution:
            continue
        if LACK_OF_EVIDENCE.search(s.text) and _refers_to(s.text, index, context):
            found.append(j)
    return sorted(found)


def _refers_to(text: str, index: int, context: Context) -> bool:
    """Which claims an editorial "this accusation lacks evidence" speaks of."""
    reference = BACK_REFERENCE.search(text)
    if reference is None:
        return False
    noun = reference.group(0).lower()
    kind = context.claim_kind.get(index, "headline")
    if "accusation" in noun or "charge" in noun:
        return kind in {"accusation", "headline"}
    return index in context.attribution or kind == "headline"


def _markers(doc: Doc, context: Context, pattern: re.Pattern[str], kind: str) -> list[Annotation]:
    text = doc.story.text
    modal_tags = {t.idx: t.tag_ for t in doc.parsed() if t.lower_ in MODAL_HEDGES}
    found = []
    for match in pattern.finditer(text):
        phrase = match.group(0).lower()
        if phrase in MODAL_HEDGES and modal_tags.get(match.start()) != "MD":
            continue
        found.append(
            Annotation(
                analyzer=Evidence.name,
                kind=kind,
                label=phrase,
                explanation=f"“{match.group(0)}” {EFFECT[kind]} the certainty of what follows",
                start=match.start(),
                end=match.end(),
            )
        )
    return found


def _explain(
    status: str,
    context: Context,
    attribution: Annotation | None,
    shown: list[int],
    promised: list[int],
    disputed: list[int],
) -> str:
    def quote(j: int) -> str:
        return f"sentence {j + 1}: “{context.sentences[j].text}”"

    source = (
        "the outlet's own voice" if attribution is None else attribution.attrs["source"]["display"]
    )
    reasons = {
        "shown": lambda: "the story shows it: " + "; ".join(quote(j) for j in shown),
        "promised": lambda: (
            "evidence promised, not shown: " + "; ".join(quote(j) for j in promised)
        ),
        "disputed": lambda: "disputed in the text: " + "; ".join(quote(j) for j in disputed),
        "cited": lambda: f"cited to a named source: {source}",
        "asserted": lambda: (
            "asserted in the outlet's own voice, no source given"
            if attribution is None
            else f"asserted on the word of a source nobody names: {source}"
        ),
    }
    text = reasons[status]()
    if status != "disputed" and disputed:
        text += "; also disputed: " + "; ".join(quote(j) for j in disputed)
    return text


def _counts(labels: Any, order: tuple[str, ...]) -> dict[str, int]:
    counted = Counter(labels)
    return {label: counted.get(label, 0) for label in order}
