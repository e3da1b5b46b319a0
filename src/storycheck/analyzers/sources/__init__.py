"""Who stands behind each sentence of the story, and through whose hands it reached us.

For every sentence with an attribution: the source (resolved across the
story, so "the politician added" is the speaker named earlier), its role, the
cue, direct or indirect quotation, its anonymity, and the chain of relay from
whoever holds the evidence to the outlet that printed it. The headline,
which rarely attributes anything, inherits the chain of the body sentence it
restates. Sentences without an attribution are the outlet's own voice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from storycheck.analyzers.base import register
from storycheck.analyzers.sources import outlets, quotations
from storycheck.analyzers.sources.entities import Entity, Resolver
from storycheck.analyzers.sources.extract import (
    Attribution,
    attributions_in,
    marked_text,
    names_in_bodies,
    narrative_persons,
    wire_service,
)
from storycheck.analyzers.sources.headline import LABEL_CUE, headline_label
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc

if TYPE_CHECKING:
    from spacy.tokens import Span

# Share of the headline's content words a body sentence must repeat to count as its source.
HEADLINE_OVERLAP = 0.4
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
# How many sentences from the top a dateline may open: the headline's, then the body's first.
WIRE_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Link:
    """One hand in a chain of relay."""

    who: str
    anonymity: str
    how: str
    entity: int | None

    def to_dict(self) -> dict[str, object]:
        return {
            "who": self.who,
            "anonymity": self.anonymity,
            "how": self.how,
            "entity": self.entity,
        }


@register
class Sources:
    name: ClassVar[str] = "sources"
    version: ClassVar[str] = "1.13"
    requires: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = "attributions, sources, anonymity and chains of relay (rules)"

    def __call__(self, doc: Doc) -> Findings:
        parsed = doc.parsed()
        sentences = [s for s in parsed.sents if s.text.strip()]
        persons, roles = narrative_persons(parsed)
        hidden, hidden_roles = names_in_bodies(parsed)
        bodies = [e.text for e in parsed.ents if e.label_ == "ORG"]
        resolver = Resolver(persons, {**hidden_roles, **roles}, hidden_names=hidden, bodies=bodies)
        found: list[tuple[Attribution, Entity, Entity | None]] = []
        title = _headline(doc, sentences)
        for index, sentence in enumerate(sentences):
            for a in _attributions(sentence, index, title):
                holder = None if a.holder is None else resolver.resolve(a.holder, index)
                source = resolver.resolve(a.source, index)
                for relay in a.relays:
                    relayer = resolver.resolve(relay, index, relay=True)
                    if relayer.id != source.id:
                        source.relayed_by.append((index, relayer.id))
                found.append((a, source, holder))
        outlet = doc.story.outlet or "this site"
        wire = _copied_from(sentences, doc.story.outlet)
        annotations: list[Annotation] = []
        for a, source, holder in found:
            chain = _chain(a, source, holder, resolver.entities, (wire, outlet))
            annotations.append(_attribution(a, source, chain, sentences, None))
            annotations.append(_source_mention(a, source))
        inherited = _quotation_inheritance(doc, sentences, found)
        headline = _headline_inheritance(doc, sentences, found)
        if headline is not None:
            inherited.append(headline)
        for heir in inherited:
            # The origin's quoting attribution, if it has one besides others ("reportedly"), for
            # each of its coordinated speakers ("O'Brien and Wright said: …").
            of_origin = [f for f in found if f[0].sentence == heir.origin]
            cue = next((f for f in of_origin if f[0].direct), of_origin[0])[0].cue_start
            for a, source, holder in (f for f in of_origin if f[0].cue_start == cue):
                chain = _chain(a, source, holder, resolver.entities, (wire, outlet))
                annotations.append(_attribution(a, source, chain, sentences, heir))
        attributed = {a.attrs["sentence"] for a in annotations if a.kind == "attribution"}
        summary = {
            "sentences": len(sentences),
            "attributed_sentences": len(attributed),
            "own_voice_sentences": len(sentences) - len(attributed),
            "sources": [e.to_dict() for e in resolver.entities if e.kind != "media" or e.mentions],
            "by_anonymity": _count(a.label for a in annotations if a.kind == "attribution"),
        }
        return Findings(tuple(annotations), summary)


def _attributions(sentence: Span, index: int, headline: Span | None) -> list[Attribution]:
    """The sentence's attributions; the headline's label speaks when no cue in it does."""
    found = attributions_in(sentence, index)
    if found or index != 0 or headline is None or (label := headline_label(headline, 0)) is None:
        return found
    return [label]


def _headline(doc: Doc, sentences: list[Span]) -> Span | None:
    """The title's sentences as one span: the parser often ends a sentence at a label's colon."""
    title = doc.story.paragraphs[0] if doc.story.paragraphs else None
    if title is None or title.kind != "title" or not sentences:
        return None
    within = [s for s in sentences if s.start_char < title.end]
    return sentences[0].doc[within[0].start : within[-1].end] if within else None


def _copied_from(sentences: list[Span], outlet: str | None) -> str | None:
    """The wire service a dateline names ("WASHINGTON (Reuters) –"), when the story's outlet is
    known and is another: every source's words then reached this site through it. With the
    outlet unknown, the dateline may name the site itself, so it adds nobody."""
    if not outlet:
        return None
    wire = next((w for s in sentences[:WIRE_SENTENCES] if (w := wire_service(s))), None)
    return None if wire is None or outlets.same_outlet(wire, outlet) else wire


def _chain(
    a: Attribution,
    source: Entity,
    holder: Entity | None,
    entities: list[Entity],
    publishers: tuple[str | None, str],
) -> list[Link]:
    """The hands, from the holder of the evidence to the outlet; ``publishers`` is the wire
    service the story came through, if any, and the outlet."""
    wire, outlet = publishers
    links: list[Link] = []
    if holder is not None and holder.id != source.id:
        links.append(Link(holder.display, holder.anonymity, "holds the evidence", holder.id))
    links.append(Link(source.display, source.anonymity, a.cue.lower(), source.id))
    links.extend(
        Link(entities[r].display, entities[r].anonymity, "quoted", r)
        for r in source.relays_at(a.sentence)
    )
    if wire is not None:
        links.append(Link(wire, "named-organisation", "reported", None))
    links.append(Link(outlet, "none", "published", None))
    return links


@dataclass(frozen=True, slots=True)
class Inherited:
    """A sentence with no cue of its own that takes the attribution of sentence ``origin``."""

    sentence: int
    origin: int
    # Why, as the explanation gives it: "the headline restates sentence 3 (50% …)".
    reason: str


def _attribution(
    a: Attribution,
    source: Entity,
    chain: list[Link],
    sentences: list[Span],
    inherited: Inherited | None,
) -> Annotation:
    index = a.sentence if inherited is None else inherited.sentence
    sentence = sentences[index]
    text = sentence.text.strip()
    start = _stripped_start(sentence)
    origin = chain[0]
    path = " → ".join(link.who for link in chain)
    cue = "the headline's label" if a.cue == LABEL_CUE else f"“{a.cue}”"
    if inherited is None:
        why = f"{cue} attributes it to {source.display}; chain: {path}"
    else:
        why = f"{inherited.reason}, which {cue} attributes to {source.display}; chain: {path}"
    return Annotation(
        analyzer=Sources.name,
        kind="attribution",
        label=origin.anonymity,
        explanation=why,
        start=start,
        end=start + len(text),
        attrs={
            "sentence": index,
            "cue": {"text": a.cue, "start": a.cue_start, "end": a.cue_end},
            "source": source.to_dict(),
            "direct": a.direct,
            "content": [a.content_start, a.content_end],
            "chain": [link.to_dict() for link in chain],
            "hands": len(chain),
            "inherited_from": None if inherited is None else inherited.origin,
        },
    )


def _source_mention(a: Attribution, source: Entity) -> Annotation:
    m = a.source
    return Annotation(
        analyzer=Sources.name,
        kind="source",
        label=source.anonymity,
        explanation=f"source of sentence {a.sentence + 1}: {source.display} ({source.kind})",
        start=m.start,
        end=m.end,
        attrs={"entity": source.id, "sentence": a.sentence, "text": m.text},
    )


def _headline_inheritance(
    doc: Doc, sentences: list[Span], found: list[tuple[Attribution, Entity, Entity | None]]
) -> Inherited | None:
    """The body sentence an unattributed title restates, if one does."""
    title = doc.story.paragraphs[0] if doc.story.paragraphs else None
    if title is None or title.kind != "title":
        return None
    title_sentences = [i for i, s in enumerate(sentences) if s.start_char < title.end]
    if not title_sentences or any(a.sentence in title_sentences for a, _, _ in found):
        return None
    words = set().union(*(_content_words(sentences[i]) for i in title_sentences))
    best: tuple[int, int, float] | None = None
    for a, _, _ in found:
        overlap = len(words & _content_words(sentences[a.sentence])) / max(len(words), 1)
        if overlap >= HEADLINE_OVERLAP and (best is None or overlap > best[2]):
            best = (title_sentences[0], a.sentence, overlap)
    if best is None:
        return None
    title_index, body_index, overlap = best
    reason = f"the headline restates sentence {body_index + 1} ({overlap:.0%} of its content words)"
    return Inherited(title_index, body_index, reason)


def _quotation_inheritance(
    doc: Doc, sentences: list[Span], found: list[tuple[Attribution, Entity, Entity | None]]
) -> list[Inherited]:
    """Body sentences without a cue inside a quotation whose speaker another sentence names,
    or quoted whole right after a sentence that quotes someone ("'…,' said one official. 'We
    found out on Sept. 11 what can happen.'"; the guidelines' addendum A2 and rule 16)."""
    body = [p.start for p in doc.story.paragraphs if p.kind != "title"]
    starts = set(body)
    first_body = next(
        (i for i, s in enumerate(sentences) if body and s.start_char >= body[0]), len(sentences)
    )
    quoting = {a.sentence for a, _, _ in found if a.direct}
    attributed = {a.sentence for a, _, _ in found}
    texts = [marked_text(s) for s in sentences]
    leads = [_stripped_start(s) in starts for s in sentences]
    heirs: dict[int, Inherited] = {}
    for run in quotations.runs(texts, leads):
        cued = [i for i in range(run.first, run.last + 1) if i in quoting]
        before = run.first - 1
        after_quote = before in quoting or before in heirs
        if not cued and run.whole_first and before >= first_body and after_quote:
            cued = [heirs[before].origin if before in heirs else before]
        for index in run.quoting:
            if index < first_body or index in attributed or not cued:
                continue
            origin = min(cued, key=lambda c: (abs(c - index), c))
            reason = f"it lies in the same quotation as sentence {origin + 1}"
            if origin not in run:
                reason = f"it is quoted whole right after sentence {origin + 1}"
            heirs[index] = Inherited(index, origin, reason)
    return list(heirs.values())


def _stripped_start(sentence: Span) -> int:
    return sentence.start_char + len(sentence.text) - len(sentence.text.lstrip())


def _content_words(sentence: Span) -> set[str]:
    return {
        t.lemma_.lower().removesuffix("s")
        for t in sentence
        if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha
    }


def _count(labels: Iterable[str]) -> dict[str, int]:
    return dict(Counter(labels).most_common())
