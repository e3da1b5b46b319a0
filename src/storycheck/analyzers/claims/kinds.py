"""What sort of claim a check-worthy sentence makes, by rules a reader can check.

The first rule that fires decides, in order of what a fact-checker would
want to know first: an accusation, a prediction, a quantity, an opinion
stated in the writer's own voice as if it were fact, else a statement of fact.
Each rule returns the words that made it fire, so the report can say why; an
accusation also keeps the lemmas of its accusing words, which tell one
accusation from another when a story is retold (``groups.drift``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storycheck.analyzers.claims import lexicon

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Span, Token

ACCUSATION = "accusation"
PREDICTION = "prediction"
QUANTITY = "quantity"
OPINION = "opinion presented as fact"
FACT = "statement of fact"
KINDS = (FACT, QUANTITY, PREDICTION, ACCUSATION, OPINION)

# Groups named as wrongdoers by their name alone; "IS" only as a proper noun, never the verb.
_WRONGDOER_NAMES = re.compile(
    r"\b(ISIS|ISIL|Daesh|Islamic State|al-Qaeda|Al-Qaeda|al Qaeda|Al Qaeda|al-Nusra|Al-Nusra"
    r"|Nusra Front|Boko Haram)\b"
)
_QUOTES = frozenset('"“”«»')


@dataclass(frozen=True, slots=True)
class ClaimKind:
    """A claim's kind, the reason in words, and for an accusation the lemmas that make it one."""

    label: str
    reason: str
    words: tuple[str, ...] = ()


def claim_kind(span: Span) -> ClaimKind:
    """The kind of claim ``span`` makes and why."""
    for rule in (_accusation, _prediction, _quantity, _opinion):
        found = rule(span)
        if found is not None:
            return found
    return ClaimKind(
        FACT, "no accusation, prediction, number or unhedged judgement: a plain statement"
    )


def _lemma(token: Token) -> str:
    return str(token.lemma_).lower()


def _accusation(span: Span) -> ClaimKind | None:
    accusing = [t for t in span if _accuses(t)]
    lowered = span.text.lower()
    phrases = [p for p in lexicon.ACCUSATION_PHRASES if re.search(rf"\b{re.escape(p)}\b", lowered)]
    if accusing or phrases:
        first = accusing[0].text if accusing else phrases[0]
        lemmas = dict.fromkeys([*(_lemma(t) for t in accusing), *phrases])
        return ClaimKind(ACCUSATION, f"accusation word '{first}'", tuple(lemmas))
    return _collusion(span)


def _collusion(span: Span) -> ClaimKind | None:
    """An actor named as dealing with wrongdoers: "the US military coordinated the offensive of
    the terrorists", "conversations between the Americans and IS". The link must reach the
    wrongdoer: "his support for air strikes against IS", "a battle between Kurdish forces and
    ISIS militants" and "pleaded with ISIS" name both but join them in no deal."""
    wrongdoers = [t for t in span if _lemma(t) in lexicon.WRONGDOER_LEMMAS or _is_is(t)]
    named = _WRONGDOER_NAMES.search(span.text)
    # The token a group's name starts at, and the name in full ("Boko Haram", not "Boko").
    full_names = {}
    if named:
        full_names = {t.i: named.group(0) for t in span if t.idx == span[0].idx + named.start()}
        wrongdoers += [span.doc[i] for i in full_names]
    links = [t for t in span if _link_lemma(t)]
    if not (wrongdoers and links):
        return None
    theirs = {t.i for w in wrongdoers for t in _phrase(w)}
    actors = [
        ent
        for ent in span.ents
        if ent.label_ in lexicon.ACTOR_ENTITIES
        and not theirs.intersection(t.i for t in ent)
        and not _WRONGDOER_NAMES.search(ent.text)
    ]
    joined = [(link, w, _reaches(link, w, actors)) for link in links for w in wrongdoers]
    joined += [(links[0], w, _between(links[0], w, actors)) for w in wrongdoers]
    joined = [(link, w, near) for link, w, near in joined if near]
    if not joined:
        return None
    link, wrongdoer, candidates = joined[0]
    # Who deals with the group: its partner in "X and the group", else whoever the clause says
    # does the dealing, else the named organisation or country nearest the group; nationalities
    # only failing a named one.
    dealers = (
        _partners(wrongdoer, candidates)
        or _named_partner(wrongdoer)
        or _subjects(link, candidates)
        or candidates
    )
    actor = min(
        dealers,
        key=lambda ent: (
            ent.label_ == "NORP",
            min(abs(ent.start - wrongdoer.i), abs(ent.end - wrongdoer.i)),
        ),
    )
    group = full_names.get(wrongdoer.i, wrongdoer.text)
    return ClaimKind(
        ACCUSATION,
        f"names {actor.text} together with '{group}', linked by '{link.text}'",
        tuple(dict.fromkeys(_link_lemma(link) for link, _, _ in joined)),
    )


def _link_lemma(token: Token) -> str:
    """The lemma of a word of dealing with someone, else "". Title case hides a headline noun's
    lemma ("Conversations Between US Military And Terrorist Group IS")."""
    lemma = _lemma(token)
    if token.pos_ == "PROPN" and lemma.endswith("s"):
        lemma = lemma[:-1]
    if lemma not in lexicon.LINK_LEMMAS:
        return ""
    if lemma in lexicon.LINK_BARE and any(c.dep_ == "amod" for c in token.children):
        return ""
    return lemma if lexicon.LINK_POS.get(lemma, token.pos_) == token.pos_ else ""


def _reaches(link: Token, wrongdoer: Token, actors: list[Span]) -> list[Span]:
    """The actors the link joins to the wrongdoer it governs: all of them when the wrongdoer is
    its object ("coordinated the offensive of the terrorists"), those of its "by" phrase when
    the wrongdoer is its passive subject ("jihadists are being trained by Saddam Hussein's
    former pilots"). None when the wrongdoer does the linking itself ("IS leaders are training
    their fighters"), sits in a clause of its own ("helped Kurdish forces fight IS"), is a target
    ("support for air strikes against IS") or a topic ("talked about the Islamic State")."""
    if not link.is_ancestor(wrongdoer) or _opposes(wrongdoer):
        return []
    top = wrongdoer
    while top.head != link:
        top = top.head
        if top.pos_ in {"VERB", "AUX"} or _blocks(top):
            return []
    through = lexicon.LINK_THROUGH.get(_link_lemma(link))
    if top.dep_ in lexicon.LINK_DOING_DEPS or through not in {None, top.lower_}:
        return []
    if through is not None and not _governs_group(top, wrongdoer):
        return []
    if any(_blocks(t) for t in link.doc[link.i + 1 : wrongdoer.i]):
        return []
    if top.dep_ == "nsubjpass":
        agents = [t.i for c in link.children if c.dep_ == "agent" for t in c.subtree]
        return [ent for ent in actors if ent.start in agents]
    return actors


def _governs_group(word: Token, wrongdoer: Token) -> bool:
    """Whether the group, or those "of" it, is what ``word`` governs: "with Boko Haram", "with
    members of ISIS"; not "with resistance from ISIS"."""
    token = _phrase_head(wrongdoer)
    while token.head != word:
        token = token.head
        if not (token.lower_ == "of" or token.pos_ in {"NOUN", "PROPN"}):
            return False
    return token.dep_ == "pobj"


def _blocks(token: Token) -> bool:
    return token.lower_ in lexicon.LINK_BLOCKERS or _lemma(token) in lexicon.HOSTILE_LEMMAS


def _opposes(wrongdoer: Token) -> bool:
    """ "anti-ISIS coalition partners", "counter-terrorism aid"."""
    before = [t.lower_ for t in wrongdoer.doc[max(wrongdoer.i - 2, 0) : wrongdoer.i]]
    return before[-2:] in (["anti", "-"], ["counter", "-"])


def _between(link: Token, wrongdoer: Token, actors: list[Span]) -> list[Span]:
    """The actors of "a conversation ... between the Americans and IS", none of "a battle between
    Kurdish forces and ISIS": a "between" after the link whose phrase holds actors and then the
    wrongdoer, read in word order because the parser often leaves a bare "IS" out of the phrase."""
    for token in reversed(wrongdoer.doc[link.i + 1 : wrongdoer.i]):
        if token.lower_ == "between":
            if _lemma(token.head) in lexicon.HOSTILE_LEMMAS:
                return []
            return [ent for ent in actors if token.i < ent.start < wrongdoer.i]
        if token.is_punct or token.pos_ == "VERB" or _blocks(token):
            return []
    return []


def _partners(wrongdoer: Token, actors: list[Span]) -> list[Span]:
    """The actors joined to the group by "and": "between the Americans and IS", "conversations
    between terrorists of the Islamic State and the US Army"."""
    head = _phrase_head(wrongdoer)
    joined = _conjuncts(head)
    return [
        ent
        for ent in actors
        if ent.root.i in joined or head.i in _conjuncts(_phrase_head(ent.root))
    ]


def _named_partner(wrongdoer: Token) -> list[Span]:
    """A proper name the group is joined to that NER left out, as it does in title case:
    "Between US Military And Terrorist Group IS"."""
    head = _phrase_head(wrongdoer)
    first = head.head
    if head.dep_ != "conj" or first.pos_ != "PROPN":
        return []
    return [first.doc[first.left_edge.i : first.i + 1]]


def _conjuncts(head: Token) -> set[int]:
    """The tokens joined by "and" to the phrase of ``head`` ("... and the US Army")."""
    return {t.i for c in head.subtree if c.dep_ in {"conj", "cc"} for t in c.subtree}


def _subjects(link: Token, actors: list[Span]) -> list[Span]:
    """The actors in the subject of the nearest clause around the link whose subject names
    someone: "Nigerian officials said the deal was reached in Chad in talks with Boko Haram"
    names Nigeria's officials, not Chad; "al-Shabab, which is allied with al-Qaeda" al-Shabab;
    "Macklemore is affiliated with ISIS" Macklemore. A subject named by a common noun ("the
    government has negotiated") ends the search."""
    for verb in _clauses(link):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if verb.dep_ == "relcl" and any(s.tag_ in {"WDT", "WP"} for s in subjects):
            return [e for e in actors if _phrase_head(e.root) == verb.head]
        found = [e for e in actors if any(s.is_ancestor(e.root) or s == e.root for s in subjects)]
        if found or any(s.dep_ == "nsubj" and s.pos_ != "PRON" for s in subjects):
            return found
    return []


def _clauses(link: Token) -> Iterator[Token]:
    """The link if it is a verb, then each verb above it, nearest first."""
    token = link
    while True:
        if token.pos_ in {"VERB", "AUX"}:
            yield token
        if token.head == token:
            return
        token = token.head


def _phrase_head(token: Token) -> Token:
    while token.dep_ in {"compound", "amod"} and token.head != token:
        token = token.head
    return token


def _phrase(wrongdoer: Token) -> list[Token]:
    """The noun phrase the wrongdoer belongs to ("ISIS fighters in Iraq", "terrorists of the
    Islamic State"), without what is joined to it by "and" ("... and the US Army")."""
    head = _phrase_head(wrongdoer)
    joined = _conjuncts(head)
    return [t for t in head.subtree if t.i not in joined]


def _accuses(token: Token) -> bool:
    """Whether an accusation word is used in its accusing sense ("lied", not "lay down")."""
    lemma = _lemma(token)
    if lemma not in lexicon.ACCUSATION_LEMMAS or _names_no_one(token):
        return False
    if lemma in lexicon.DOER_NEEDED:
        return _thief_given(token)
    if lemma == "allege" and token.dep_ == "amod":
        return _wrongdoing_named(token)
    if token.pos_ != "VERB" or token.lower_ == "lied":
        return True
    governed = {c.lower_ for c in token.children}
    return not governed & lexicon.INNOCENT_WHEN.get(lemma, frozenset())


def _wrongdoing_named(alleged: Token) -> bool:
    """ "the alleged killing", "the alleged attempted rapist", "alleged links to al-Qaeda",
    "alleged IS supporters" charge someone; "his alleged death", "Phelps' alleged girlfriend",
    "the alleged information" only doubt a report."""
    phrase = [t for t in alleged.head.subtree if t != alleged]
    named = _WRONGDOER_NAMES.search(" ".join(t.text for t in phrase))
    return named is not None or any(
        _lemma(t) in lexicon.WRONGDOING_NOUNS
        or _lemma(t) in lexicon.WRONGDOER_LEMMAS
        or (_lemma(t) in lexicon.ACCUSATION_LEMMAS and _lemma(t) != "allege")
        or _is_is(t)
        for t in phrase
    )


def _names_no_one(token: Token) -> bool:
    """A word of charge or judgement that is about no one: a field or a genre, part of a body's
    name ("the NYPD's Organized Crime Control Bureau"; a verb is never one, though NER may take
    "Some Blame Islamic State" for a name), or criminals in general. Neither accuses nor
    judges."""
    return (
        _names_a_field(token)
        or (token.ent_type_ in lexicon.NAME_ENTITIES and token.pos_ != "VERB")
        or (_lemma(token) == "criminal" and _generic_plural(token))
    )


def _names_a_field(token: Token) -> bool:
    """ "crime scene", "criminal courts", "conspiracy theory", "non-criminal violence",
    "a crime-fighting staple", "to fight crime"."""
    doc = token.doc
    words = [t.lower_ for t in doc[max(token.i - 2, 0) : token.i + 3] if t.text != "-"]
    at = words.index(token.lower_)
    pairs = {"-".join(words[i : i + 2]) for i in (at - 1, at) if i >= 0}
    return bool(pairs & lexicon.NAMING_PHRASES)


def _thief_given(token: Token) -> bool:
    """A theft, or a fabrication, is a charge when someone did it: "the woman stealing a cat", "X
    stole it", "the car was stolen by two men", "his theft", "he admitted fabricating"; not "the
    stolen aircraft", "his phone had been stolen", "the supposed theft", "a fabricated story"."""
    deps = {c.dep_ for c in token.children}
    if token.pos_ == "NOUN":
        return bool(deps & {"poss", "agent"}) or any(
            c.dep_ == "prep" and c.lower_ == "by" for c in token.children
        )
    if deps & {"agent", "nsubj"}:
        return True
    # "were said to have stolen $25 million": a perfect tense, the thief raised out of sight.
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in token.children)
    passive = "auxpass" in deps or "nsubjpass" in deps or (token.tag_ == "VBN" and not perfect)
    return not passive and token.dep_ != "amod"


def _generic_plural(token: Token) -> bool:
    """ "where criminals will strike", "other criminals out there", "he fights criminals": no
    one in particular; "the criminals who", "they are criminals" charge someone."""
    determined = any(c.dep_ in {"det", "poss"} for c in token.children)
    return token.tag_ == "NNS" and not determined and token.dep_ not in {"attr", "appos"}


def _is_is(token: Token) -> bool:
    """Whether "IS" names the group, not the verb: a proper noun, or closing a clause."""
    if token.text != "IS":
        return False
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.pos_ == "PROPN" or after is None or after.is_punct


def _prediction(span: Span) -> ClaimKind | None:
    for t in span:
        if t.tag_ == "MD" and t.lower_ in lexicon.FUTURE_MODALS:
            return ClaimKind(PREDICTION, f"future tense ('{t.text}')")
    lowered = " ".join(t.lower_ for t in span)
    for phrase in lexicon.PREDICTION_PHRASES:
        if f" {phrase} " in f" {lowered} ":
            return ClaimKind(PREDICTION, f"looks ahead ('{phrase}')")
    for t in span:
        if t.pos_ == "VERB" and _lemma(t) in lexicon.PREDICTION_LEMMAS:
            return ClaimKind(PREDICTION, f"forecasting verb '{t.text}'")
    return None


def _quantity(span: Span) -> ClaimKind | None:
    for ent in span.ents:
        if ent.label_ in lexicon.QUANTITY_ENTITIES and not _counts_speakers(ent.root):
            return ClaimKind(QUANTITY, f"{ent.label_.lower()} '{ent.text}'")
    for t in span:
        if (
            t.like_num
            and t.ent_type_ not in lexicon.NON_QUANTITY_ENTITIES
            and not _counts_speakers(t)
        ):
            return ClaimKind(QUANTITY, f"number '{t.text}'")
    return None


def _counts_speakers(number: Token) -> bool:
    """A number that counts who speaks states nothing to check: "according to two officials",
    "one of them said", "three people familiar with the talks told Reuters". "Police said 12
    people died" still states a quantity. Where the parse gives the verb two subjects, taking a
    quotation's words for one, the speaker is the one nearest the verb: "'Dozens of shots in
    parliament,' Josh Wingrove tweeted" states a quantity, "'I could wait all day,' one
    ex-soldier told The Times" does not."""
    counted = number.head if number.dep_ == "nummod" else number
    if counted.dep_ == "nsubj":
        verb = counted.head
        if verb.pos_ != "VERB" or _lemma(verb) not in lexicon.SPEECH_VERBS:
            return False
        subjects = {c.i for c in verb.children if c.dep_ == "nsubj"}
        # A hyphenated speaker comes as a run of subjects: "one ex - soldier".
        run = {counted.i}
        while max(run) + 1 in subjects:
            run.add(max(run) + 1)
        return min(subjects, key=lambda i: abs(i - verb.i)) in run
    if counted.dep_ == "pobj" and counted.head.lower_ == "to":
        return counted.head.head.lower_ == "according"
    return False


def _opinion(span: Span) -> ClaimKind | None:
    judgements = [
        t.text
        for t in span
        if t.pos_ in {"ADJ", "ADV", "NOUN"}
        and (_lemma(t) in lexicon.EVALUATIVE or t.lower_ in lexicon.EVALUATIVE)
        and not _names_no_one(t)
    ]
    if not judgements:
        return None
    lowered = span.text.lower()
    hedged = any(t.lower_ in lexicon.HEDGES for t in span) or any(
        p in lowered for p in lexicon.HEDGE_PHRASES
    )
    attributed = (
        any(t.pos_ == "VERB" and _lemma(t) in lexicon.SPEECH_VERBS for t in span)
        or "according to" in lowered
        or any(c in _QUOTES for c in span.text)
    )
    if hedged or attributed:
        return None
    return ClaimKind(
        OPINION,
        f"judgement '{judgements[0]}' in the writer's own voice, without hedge or attribution",
    )
