"""Who says what, read off one sentence's dependency parse.

Rules, not a model: a reader must be able to see why a source was named, and
a wrong attribution is worse than a missing one, so every rule is narrow.
The patterns: a speech verb and its subject ("X said", "said X", "X added
that"), "according to X", passive "it is believed that", the relay verbs
("quoted X", "X quoted Y", "as reported by X"), and inside the reported
content, a holder of evidence ("the intelligence service has recordings").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal, NamedTuple

from storycheck.analyzers.sources import outlets, quotations
from storycheck.analyzers.sources.gender import Gender, described_gender, pronoun_gender
from storycheck.analyzers.sources.lexicon import (
    ANONYMITY_PHRASES,
    BODY_NAME_ENDINGS,
    DOCUMENT_NOUNS,
    EVIDENCE_NOUNS,
    FAMILY_NOUNS,
    GENERIC_MODIFIERS,
    HEARSAY_ADVERBS,
    INSTITUTION_NOUNS,
    MEDIA_NOUNS,
    OUTLET_NAME_WORDS,
    PASSIVE_HEARSAY_VERBS,
    PERSON_HEADS,
    PLURAL_PRONOUNS,
    POSSESSION_VERBS,
    PRONOUNS,
    REFUSAL_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    UNNAMED_HEADS,
    VAGUE_SUBJECTS,
    WRITING_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span, Token

Anonymity = Literal[
    "named-person-with-role",
    "named-person",
    "named-organisation",
    "unnamed-official",
    "anonymous",
    "none",
]
MentionKind = Literal["person", "organisation", "media", "vague"]

QUOTES = '"“”«»„'
# Where a doc keeps its text with single quotation marks written as double ones, and where
# its paragraphs that begin inside a quotation start.
_MARKED = "storycheck_sources_marked"
_CARRIED = "storycheck_sources_carried"
PARAGRAPH_BREAK = "\n\n"
NAME_LABELS = frozenset({"PERSON"})
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "person", "man", "woman", "ant")
# Of those, the endings that make a person of a noun no list names ("fighter", "blogger");
# "-or" also ends "error" and "rumor".
PERSON_SUFFIXES = tuple(s for s in AGENT_SUFFIXES if s != "or")
# People who post under an account: "Twitter user MAbiga6", "a user with the handle X".
ACCOUNT_HOLDERS = frozenset({"user", "commenter", "poster"})
# What introduces an account's name: "with the handle ClemtheRanter".
ACCOUNT_NAMES = frozenset({"handle", "username", "name", "account"})
# Nouns with those endings that name things, seen as speakers' heads in FNC-1 bodies.
THING_NOUNS = frozenset(
    ["disclaimer", "marker", "number", "paper", "letter", "computer", "order", "matter"]
)
ORG_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# "The Guardian and the BBC both reported": a word that floats after coordinated sources.
COORDINATING_QUANTIFIERS = frozenset({"both", "all", "each"})
PLACE_LABELS = frozenset({"GPE", "NORP", "FAC"})
# "Many of the residents said": words for a share of the group that speaks.
QUANTIFIERS = frozenset(
    ["many", "some", "most", "several", "few", "all", "none", "each", "both", "half", "majority"]
)
# Tokens glued to a name by bad tokenisation, e.g. "Abbas(photo".
_NAME_JUNK = re.compile(r"\s*\(.*$")
# Where NER ran an entity across a dash: "Taylor Lianne Chandler - who", "movements - Gruber".
_ENTITY_DASH = re.compile(r"\s[-–—]\s")
AFFILIATION_PREPOSITIONS = frozenset({"of", "from", "at", "with"})
# "Dylan Thomas's abdomen": NER keeps the possessive in the name.
_POSSESSIVE = re.compile(r"['’]s?$")
# "Mr Beaton, 68, said": a courtesy title is no part of the name, nor a role.
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Sir|Dame)\.?\s+")
# A speaker's own voice in a quotation: "I", "I'm", "my", "me".
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]y|[Mm]e|[Mm]yself)\b")
# How adjectives of peoples end: "Syrian", "Iraqi", "Chinese", "Turkish", "French".
_DEMONYM_ENDINGS = ("an", "i", "ese", "ish", "ch")
# Where a role stops describing the person: "spokeswoman | for the victim's mother".
_ROLE_ATTACHMENT = re.compile(r"\s(?:of|for|to|at|with|from|in|on)\s")
# "GERMANY, Feb. 8 (LifeSiteNews) –", "WASHINGTON (Reuters) -", "LONDON:": a wire story's
# dateline, whose place the parser may make a subject.
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+ )*[A-Z][A-Z.'’-]{2,}"  # the place, in capitals
    r"(?:, [^()\n]{1,40}?)?"  # a state or a date
    r"(?: ?\((?P<agency>[^)\n]{1,60})\))?"  # the agency or outlet
    r" ?[-–—:]{1,2} ?"
)
# Conjunctions that make a speech verb hypothetical: "if the President declares…".
CONDITIONS = frozenset({"if", "unless", "whether"})
# What "claim" takes when it is no speech: "claimed the lives of 49", "claimed the title".
CLAIMED_THINGS = frozenset(
    {"life", "lives", "title", "victory", "prize", "seat", "throne", "crown", "medal", "trophy"}
)
# What a source gives an outlet: "in a statement to X", "in an interview with X".
STATEMENT_NOUNS = frozenset({"statement", "interview", "comment", "remark"})
# Last words of bodies' names, never a surname: "Cumbria Police", "Human Rights Watch".
BODY_WORDS = INSTITUTION_NOUNS | MEDIA_NOUNS | UNNAMED_HEADS | BODY_NAME_ENDINGS
# Nouns of bodies, which a name after them is the name of: "the risk consultancy Stratfor".
BODY_NOUNS = INSTITUTION_NOUNS | MEDIA_NOUNS | BODY_NAME_ENDINGS | {"consultancy", "firm", "maker"}
# Words no person's name holds: a body's or an outlet's ("Cumbria Police", "Mail Online").
NOT_PERSON_WORDS = BODY_WORDS | OUTLET_NAME_WORDS
# The nouns between an outlet's name and its head: "Yonhap | news agency".
OUTLET_DESCRIBERS = MEDIA_NOUNS | {"news"}
# Whose journalist a listener is: "CNN's " of "CNN's Don Lemon", "The Telegraph's reporter ".
_OUTLETS_OWN = re.compile(r"^(.+?)['’]s\s+(?:[a-z]+\s+)?$")
# The writer, or a quoted speaker, speaking of themselves or to the reader ("you might believe").
PERSONAL_VOICE = frozenset({"i", "we", "you"})
# What "according to" can rest on that is a rule or a tale, not a report: "according to divine
# law", "according to legend".
NORMS = frozenset(
    {"law", "legend", "myth", "folklore", "tradition", "custom", "rule", "definition"}
)
# "according to which": words that stand for the noun a relative clause hangs on.
RELATIVE_PRONOUNS = frozenset({"which", "whom", "who", "that"})
# The same as a participle beside the speech: "Speaking to CNN, X said".
CONVERSATION_VERBS = frozenset({"speak", "talk"})
# "an analyst named Yakoub Mustafa": the participle before a name.
NAMING_VERBS = frozenset({"name", "call"})
_NAMING_WORDS = re.compile(r"\b(?:named|called)\s*$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A noun phrase standing for a source, with offsets in the story's text."""

    text: str
    start: int
    end: int
    head: str
    kind: MentionKind
    anonymity: Anonymity
    name: str | None = None
    role: str | None = None
    pronoun: bool = False
    # "officials", "they": a group, which a singular pronoun or a name never stands for.
    plural: bool = False
    # For a pronoun, the name its own sentence gives it, if any.
    antecedent: str | None = None
    # What the phrase says of the person's gender ("she", "Mrs Lopez", "the spokeswoman").
    gender: Gender | None = None
    # Whom the description says the source serves or comes from, as proper nouns or entities
    # outside the source's own name: "Libyan" of "Libyan officials", "Comcast" of "the Comcast
    # agent".
    affiliation: frozenset[str] = frozenset()


class NarrativePerson(NamedTuple):
    """A person the text names (NER), where, and the gender a title or role gives them."""

    start: int
    name: str
    gender: Gender | None


@dataclass(frozen=True, slots=True)
class Attribution:
    """One act of attribution: a cue, who it names, and what content it covers."""

    sentence: int
    cue: str
    cue_start: int
    cue_end: int
    source: Mention
    direct: bool
    content_start: int
    content_end: int
    holder: Mention | None = None
    relays: tuple[Mention, ...] = field(default=())


def attributions_in(sentence: Span, index: int) -> list[Attribution]:
    """Every attribution the rules find in one sentence, relays attached."""
    relays = _relays(sentence)
    found: list[Attribution] = []
    consumed: set[int] = set()
    for token in sentence:
        if token.i in consumed:
            continue
        if (
            token.lower_ == "according"
            and token.i + 1 < sentence.end
            and token.nbor().lower_ == "to"
        ):
            found.extend(_according_to(sentence, index, token))
        elif _passive_hearsay(token):
            phrase = _passive_phrase(token)
            found.append(_hearsay(index, token, phrase, token, token.lemma_.lower()))
        elif token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_VERBS:
            if token.lemma_.lower() == "quote":
                continue
            found.extend(_speech(sentence, index, token, consumed))
        elif token.lower_ in HEARSAY_ADVERBS and token.dep_ == "advmod":
            adverb = token.doc[token.i : token.i + 1]
            found.append(_hearsay(index, token, adverb, token.head, token.lower_))
    if relays and found:
        found = [_with_relays(a, relays) for a in found]
    found = [_first_person_speaker(a, sentence) for a in found]
    return found + _citations(sentence, found)


def _first_person_speaker(attribution: Attribution, sentence: Span) -> Attribution:
    """ "'I was sitting on my porch …,' Jorge Santamaria told the AP", where NER read the name as
    an organisation: a body does not say "I", so a name of two or three capitalised words, no
    outlet's nor a body's, quoted saying "I" or "my" is a person."""
    source = attribution.source
    words = (source.name or "").split()
    if (
        not attribution.direct
        or source.kind != "organisation"
        or source.text != source.name
        or not 2 <= len(words) <= 3
        or not all(w[:1].isupper() and w.isalpha() for w in words)
        or any(w.lower() in NOT_PERSON_WORDS for w in words)
        or outlets.is_outlet(source.name or "")
    ):
        return attribution
    content = sentence.doc.text[attribution.content_start : attribution.content_end]
    if not _FIRST_PERSON.search(content):
        return attribution
    person = replace(source, kind="person", anonymity="named-person")
    return replace(attribution, source=person)


def _citations(sentence: Span, found: list[Attribution]) -> list[Attribution]:
    """ "…, Reuters reported, citing two sources close to the matter": whom the reporter cites
    is where the content comes from, and the reporter passed it on."""
    cited: list[Attribution] = []
    for token in sentence:
        participle = token.tag_ == "VBG" and token.dep_ in {"advcl", "xcomp"}
        if token.lemma_.lower() != "cite" or not participle:
            continue
        above = {t.idx for t in token.ancestors}
        reporter = next((a for a in found if a.cue_start in above), None)
        objects = [c for c in token.children if c.dep_ == "dobj" and _can_speak(c)]
        if reporter is None or not objects:
            continue
        via = replace(
            reporter,
            source=mention(objects[0]),
            cue=token.text,
            cue_start=token.idx,
            cue_end=token.idx + len(token.text),
            relays=(reporter.source, *reporter.relays),
        )
        cited.extend(_each_conjunct(via, objects[0]))
    return cited


def _with_relays(attribution: Attribution, relays: tuple[Mention, ...]) -> Attribution:
    kept = tuple(r for r in relays if r.start != attribution.source.start)
    return Attribution(
        attribution.sentence,
        attribution.cue,
        attribution.cue_start,
        attribution.cue_end,
        attribution.source,
        attribution.direct,
        attribution.content_start,
        attribution.content_end,
        attribution.holder,
        kept,
    )


def _each_conjunct(attribution: Attribution, head: Token) -> list[Attribution]:
    """ "The Guardian and the BBC both reported": one attribution per source."""
    return [attribution] + [replace(attribution, source=mention(c)) for c in _conjuncts(head)]


def _conjuncts(head: Token) -> list[Token]:
    """Sources coordinated with ``head``."""
    return [c for c in head.conjuncts if c.i > head.i and _separate(head, c)]


def _separate(head: Token, conjunct: Token) -> bool:
    """ "the U.S. and Cuba", "his agent and a Tour official", "family and friends": two sources;
    "Johnson & Johnson" (one name), "a Republican senator and frequent Mideast traveler" or
    "Government spokeswoman and First Lady Rosario Murillo" (one person, described twice): one."""
    if conjunct.pos_ not in {"NOUN", "PROPN"} or _same_entity(head, conjunct):
        return False
    described_twice = head.tag_ == "NN" and not any(
        c.dep_ in {"det", "poss"} for c in conjunct.children
    )
    return conjunct.tag_ in PLURAL_TAGS or not described_twice


def _same_entity(head: Token, other: Token) -> bool:
    return head.ent_type_ != "" and all(
        t.ent_iob_ == "I" for t in head.doc[head.i + 1 : other.i + 1]
    )


def _hearsay(index: int, cue: Token, phrase: Span, clause: Token, head: str) -> Attribution:
    """ "Rogen will reportedly appear", "He was initially thought to have been captured": the
    phrase is the (anonymous) source of the rest of its clause. It quotes nobody, so a quotation
    after it is not taken for its words."""
    tokens = [
        t
        for t in clause.subtree
        if not (t.is_punct or t.is_space or phrase.start <= t.i < phrase.end)
    ]
    tokens = tokens or [clause]
    source = Mention(phrase.text, phrase.start_char, phrase.end_char, head, "vague", "anonymous")
    return Attribution(
        sentence=index,
        cue=cue.text,
        cue_start=cue.idx,
        cue_end=cue.idx + len(cue.text),
        source=source,
        direct=False,
        content_start=tokens[0].idx,
        content_end=tokens[-1].idx + len(tokens[-1].text),
    )


def _passive_hearsay(verb: Token) -> bool:
    """ "He was initially thought to have been captured", "The article is also said to have been
    written by…": a passive belief or report, by nobody named, about its subject ("It is
    believed that…" goes through the speech rules). Inside what a speaker says ("officials say
    500 Britons are believed to be fighting") the belief is the speaker's."""
    children = list(verb.children)
    return (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() in PASSIVE_HEARSAY_VERBS
        and any(c.dep_ == "auxpass" for c in children)
        and any(c.dep_ == "nsubjpass" and c.lower_ != "it" for c in children)
        and any(c.dep_ in {"xcomp", "ccomp"} for c in children)
        and not any(c.dep_ == "agent" for c in children)
        and not any(a.lemma_.lower() in SPEECH_VERBS for a in verb.ancestors)
    )


def _passive_phrase(verb: Token) -> Span:
    """ "was initially thought": from the passive auxiliary to the verb."""
    auxiliary = min(c.i for c in verb.children if c.dep_ == "auxpass")
    return verb.doc[auxiliary : verb.i + 1]


def _according_to(sentence: Span, index: int, according: Token) -> list[Attribution]:
    to = according.nbor()
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects or objects[0].lemma_.lower() in NORMS:
        return []
    source = mention(_antecedent(objects[0], according))
    clause = according.head
    content = [t for t in clause.subtree if t.i < according.i or t.i > objects[0].right_edge.i]
    content_tokens = [t for t in content if not t.is_punct] or list(clause.subtree)
    attribution = Attribution(
        sentence=index,
        cue="according to",
        cue_start=according.idx,
        cue_end=to.idx + len(to.text),
        source=source,
        direct=_quoted(sentence, content_tokens[0].idx, content_tokens[-1].idx),
        content_start=content_tokens[0].idx,
        content_end=content_tokens[-1].idx + len(content_tokens[-1].text),
        holder=_holder(clause),
    )
    return _each_conjunct(attribution, objects[0])


def _antecedent(token: Token, according: Token) -> Token:
    """ "information according to which boys…": a relative pronoun stands for the noun whose
    clause it opens, or, where the parser made no clause of it, the noun just before."""
    if token.lower_ not in RELATIVE_PRONOUNS:
        return token
    clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
    if clause is not None:
        return clause.head
    before = token.doc[according.i - 1] if according.i > 0 else token
    return before if before.pos_ in {"NOUN", "PROPN"} else token


def _nobody(subject: Token) -> bool:
    """ "no one told these journalists", "No US official has confirmed it", "no other outlet
    reported it": nobody spoke ("nobody" is no speaker to begin with); the text says what no one
    said. "A No 10 spokeswoman" speaks for Downing Street."""
    return any(
        c.lower_ == "no" and c.i < subject.i and (c.nbor().i == subject.i or not c.nbor().like_num)
        for c in subject.children
    )


def _speech(sentence: Span, index: int, verb: Token, consumed: set[int]) -> list[Attribution]:
    attribution = _spoken(sentence, index, verb, consumed)
    if attribution is None:
        return []
    return _each_conjunct(*attribution)


def _spoken(
    sentence: Span, index: int, verb: Token, consumed: set[int]
) -> tuple[Attribution, Token] | None:
    """The attribution a speech verb makes, and the head of its source's noun phrase."""
    if _negated(verb) or _inside_quotes(sentence, verb):
        return None
    subject, content_root = _subject(verb), _content(verb)
    if subject is not None and subject.tag_ in {"WDT", "WP"}:
        # "…banks, which stated that…": the relative pronoun stands for the noun it modifies.
        subject = subject.head.head if subject.head.dep_ == "relcl" else None
    if subject is None and verb.dep_ == "conj":
        # "An official dodged the question and stated …": the first verb's active subject
        # (in "Banksy was arrested by a task force and revealed to be…" nobody speaks).
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        # "…, said the speaker of the council said Monday": the subject sits on a
        # second speech verb that the parser hung below the first.
        for child in verb.children:
            if (
                child.dep_ in {"ccomp", "parataxis", "conj"}
                and child.lemma_.lower() in SPEECH_VERBS
                and not _inside_quotes(sentence, child)
            ):
                subject = _subject(child)
                if subject is not None:
                    consumed.add(child.i)
                    content_root = content_root or _content(child)
                    break
    elif _can_speak(subject) and (belief := _own_belief(verb)) is not None:
        # "One friend said he believed Emwazi wanted…": what the speaker believes is the content,
        # not a second attribution.
        content_root = belief
        consumed.add(belief.i)
    content: list[Token] | None = None
    if subject is not None and not _can_speak(subject):
        # "…engineers found cracks in the breakwater, the chairman, Tomas Reyes, told…":
        # the parser made "cracks" the subject; look for the speaker elsewhere.
        subject = None
    if subject is None:
        subject = _name_before(verb)
    if subject is None and (trailing := _trailing_speaker(verb)) is not None:
        subject, content = trailing
    if subject is None or not _can_speak(subject):
        return None
    if subject.lower_ == "it" and subject.dep_ == "nsubj":
        # An active "it said" stands for an organisation named earlier, which these
        # rules do not resolve; only the passive "it is believed" is a (vague) source.
        return None
    if subject.lower_ == "it" and any(c.tag_ == "MD" for c in verb.children):
        # "Which, it must be said, proves…" is the writer's aside, not hearsay.
        return None
    if subject.lower_ in PERSONAL_VOICE or _nobody(subject):
        # "I predict…", "we reported earlier", "you might believe": the writer's own voice or
        # the reader's (the guidelines give them no row); inside quoted words whose marks these
        # rules do not count ('…: 'I thought I…''), the words are the quoted speaker's. "No one
        # told them" says nobody spoke.
        return None
    if content_root is None and content is None:
        content = _quotation_before(sentence, subject, verb)
    if content_root is None and content is None and not _reports_something(sentence, verb):
        return None
    if verb.lemma_.lower() in WRITING_VERBS and not _writes_words(verb):
        return None
    source = mention(subject)
    if source.kind == "vague" and subject.lower_ == "it" and verb.i > subject.i:
        # "It is believed that…": the phrase itself is the (non-)source.
        phrase = sentence.doc.text[subject.idx : verb.idx + len(verb.text)]
        source = Mention(phrase, subject.idx, subject.idx + len(phrase), "it", "vague", "anonymous")
    if content is not None:
        tokens = content
    elif content_root is not None:
        tokens = [t for t in content_root.subtree if not t.is_space]
    else:
        tokens = [
            t
            for t in sentence
            if not (t.is_space or t.i in set(_subtree_ids(subject)) or t.i == verb.i)
        ]
    tokens = [t for t in tokens if not t.is_punct] or tokens
    if not tokens:
        return None
    attribution = Attribution(
        sentence=index,
        cue=verb.text,
        cue_start=verb.idx,
        cue_end=verb.idx + len(verb.text),
        source=source,
        direct=_quoted(sentence, tokens[0].idx, tokens[-1].idx),
        content_start=tokens[0].idx,
        content_end=tokens[-1].idx + len(tokens[-1].text),
        holder=None if content_root is None else _holder(content_root),
    )
    return attribution, subject


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    for child in subjects:
        if len(subjects) > 1 and _caption_label(child):
            # "Inspiration: Mohammed revealed…": the parser hangs the label on the verb too.
            continue
        if not _in_dateline(child):
            return child
        # "KANSAS CITY, Mo. —Research Medical Center said": the speaker hangs on the place.
        speaker = next(
            (c for c in child.children if c.dep_ == "appos" and not _in_dateline(c)), None
        )
        if speaker is not None:
            return speaker
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    for child in verb.children:
        if child.dep_ == "nsubjpass" and child.lower_ == "it":
            return child
    return None


def _caption_label(token: Token) -> bool:
    """ "Inspiration:" or "Birthday fun:" opening a sentence: a picture caption's label."""
    colon = token.i + 1
    return (
        token.left_edge.i == token.sent.start
        and colon < token.sent.end
        and token.doc[colon].text == ":"
    )


def _in_dateline(token: Token) -> bool:
    """Whether the token is part of a dateline that opens its paragraph."""
    sentence = token.sent
    dateline = _dateline(sentence)
    return dateline is not None and token.idx - sentence.start_char < dateline.end()


def _dateline(sentence: Span) -> re.Match[str] | None:
    """The dateline that opens the sentence's paragraph, read off the paragraph's line: the
    parser often makes "WASHINGTON" and "(Reuters) -" sentences of their own."""
    opens_paragraph = sentence.start == 0 or sentence.doc[sentence.start - 1].text.endswith("\n")
    if not opens_paragraph:
        return None
    return _DATELINE.match(sentence.doc.text[sentence.start_char :].split("\n", 1)[0])


def wire_service(sentence: Span) -> str | None:
    """ "WASHINGTON (Reuters) -": the outlet that a dateline opening the sentence names."""
    dateline = _dateline(sentence)
    agency = (dateline.group("agency") or "").strip() if dateline is not None else ""
    return agency if agency and outlets.is_outlet(agency) else None


def _negated(verb: Token) -> bool:
    """ "could not comment", "declined to confirm": a refusal attributes nothing; nor does speech
    in a condition ("if the U.S. President declares it an invasion") or a claim on a thing ("the
    shooting that claimed the lives of 49 people", "claimed the title")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children):
        return True
    if verb.lemma_.lower() == "claim" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in CLAIMED_THINGS for c in verb.children
    ):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSAL_VERBS


def _inside_quotes(sentence: Span, token: Token) -> bool:
    """A speech verb inside a quotation belongs to the quoted words, not to the story."""
    return _quote_open_at(sentence, token.idx)


def _quote_open_at(sentence: Span, offset: int) -> bool:
    """Whether a quotation is open at ``offset``, counting marks from the paragraph's start:
    in '"I spoke to him. But it was on the record," Wolff said' the second sentence opens
    inside the quotation, though it holds only the closing mark. A paragraph may begin inside
    a quotation an earlier one opened (``quotations.carried``)."""
    text = _marked(sentence.doc)
    paragraph = text.rfind(PARAGRAPH_BREAK, 0, sentence.start_char)
    start = 0 if paragraph < 0 else paragraph + len(PARAGRAPH_BREAK)
    depth = 1 if start in _carried_paragraphs(sentence.doc) else 0
    return quotations.depth_after(text[start:offset], depth)[0] > 0


def _carried_paragraphs(doc: SpacyDoc) -> frozenset[int]:
    """Where the paragraphs that begin inside an earlier paragraph's quotation start."""
    cached = doc.user_data.get(_CARRIED)
    if not isinstance(cached, frozenset):
        text = _marked(doc)
        paragraphs = text.split(PARAGRAPH_BREAK)
        steps = (len(p) + len(PARAGRAPH_BREAK) for p in paragraphs[:-1])
        starts = itertools.accumulate(steps, initial=0)
        inside = quotations.carried(paragraphs)
        cached = frozenset(s for s, carried in zip(starts, inside, strict=True) if carried)
        doc.user_data[_CARRIED] = cached
    return cached


def _can_speak(subject: Token) -> bool:
    """People, organisations, documents and vague "it"; not "the picture" or "these journeys".

    A capitalised word inside the sentence counts as a name: the small parser
    tags some surnames ("Reyes said") as common nouns. Nouns of agents
    ("screenwriter", "spokesperson", "physicist") are people even when no
    lexicon lists them.
    """
    lemma = subject.lemma_.lower()
    return (
        subject.ent_type_ in NAME_LABELS | ORG_LABELS
        or subject.pos_ == "PROPN"
        or (subject.is_title and subject.i > subject.sent.start)
        or subject.lower_ in PRONOUNS | {"it", "they", "we", "i", "you"}
        or lemma in ROLE_NOUNS | UNNAMED_HEADS | INSTITUTION_NOUNS | MEDIA_NOUNS | DOCUMENT_NOUNS
        or lemma in FAMILY_NOUNS
        or lemma in VAGUE_SUBJECTS
        or (subject.pos_ == "NOUN" and lemma.endswith(AGENT_SUFFIXES))
        or any(
            p in subject.doc.text[subject.left_edge.idx : subject.right_edge.idx + 20].lower()
            for p in ANONYMITY_PHRASES
        )
    )


def _writes_words(verb: Token) -> bool:
    """ "Cordes wrote in a response: …" reports words; "he wrote three books", "a biopic
    written by Sorkin" and "he wrote to the Pope" report an act of writing."""
    return verb.dep_ != "acl" and not any(
        c.dep_ in {"dobj", "agent"} or (c.dep_ == "prep" and c.lower_ == "to")
        for c in verb.children
    )


def _reports_something(sentence: Span, verb: Token) -> bool:
    """A speech verb with no content clause still reports when it stands beside a quotation
    or has an object ("confirmed it", "denied the report")."""
    text = marked_text(sentence)
    return (
        any(q in text for q in QUOTES)
        or verb.dep_ in {"parataxis", "ccomp"}
        or any(c.dep_ == "dobj" for c in verb.children)
    )


def _name_before(verb: Token) -> Token | None:
    """ "…, its treasurer Anna Berg said.", "In a statement to the Huffington Post, O'Brien and
    Wright said: “…”": a name right before a speech verb that ends its sentence or opens a
    quotation with a colon is its subject, even when the parser hung the name elsewhere ("…
    bearing the logo of newspaper El Universal claimed that" is not El Universal's claim)."""
    after = [t for t in verb.doc[verb.i + 1 : verb.sent.end] if not t.is_space]
    opens_quotation = bool(after) and after[0].text == ":"
    if not opens_quotation and any(not t.is_punct for t in after):
        return None
    name = _entity_ending_at(verb.doc, verb.i, NAME_LABELS | ORG_LABELS)
    if name is None:
        return None
    first = name.root
    while first.dep_ == "conj" and first.head.ent_type_ == first.ent_type_:
        # "O'Brien and Wright said": the first of the names, whose conjuncts follow it.
        first = first.head
    return first


def _trailing_speaker(verb: Token) -> tuple[Token, list[Token]] | None:
    """ "…the harbour will close, the chairman, Tomas Reyes, told Coast FM": a speech verb
    joined to the main clause, right after a comma and a name, reports that clause.

    The name is the subject; what the sentence says before the name and its
    apposed role is the content.
    """
    if verb.dep_ != "conj" or verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return None
    name = _entity_ending_at(verb.doc, verb.i - 1, NAME_LABELS | ORG_LABELS)
    if name is None:
        return None
    top = name.root
    while top.dep_ == "appos" and top.head.i < top.i and top.head.lemma_.lower() in ROLE_NOUNS:
        top = top.head
    content = [t for t in verb.doc[verb.sent.start : top.left_edge.i] if not t.is_space]
    while content and content[-1].is_punct:
        content.pop()
    return (name.root, content) if content else None


def _quotation_before(sentence: Span, subject: Token, verb: Token) -> list[Token] | None:
    """ "“How dare you!” Jeff Sessions said in California": the parser ends a sentence at a
    quotation's "!" or "?", so a sentence that opens with its speaker and speech verb reports
    the quotation that ended the sentence before it."""
    first = sentence[0]
    if sentence.start == 0 or not (
        first.i in _subtree_ids(subject) and subject.i < verb.i and verb.head.i == verb.i
    ):
        return None
    before = [t for t in sentence.doc[: sentence.start] if not t.is_space]
    if not before or _mark(before[-1]) not in quotations.CLOSING_MARKS:
        return None
    quotation = list(before[-1].sent)
    content = [t for t in quotation if not (t.is_space or t.is_punct)]
    if not quotation or _mark(quotation[0]) not in quotations.OPENING_MARKS or not content:
        return None
    return content


def marked_text(sentence: Span) -> str:
    """The sentence's text with single quotation marks written as double ones."""
    return _marked(sentence.doc)[sentence.start_char : sentence.end_char]


def _mark(token: Token) -> str:
    """The token's text, a single quotation mark written as a double one."""
    return _marked(token.doc)[token.idx : token.idx + len(token.text)]


def _marked(doc: SpacyDoc) -> str:
    """The doc's text with single quotation marks written as double ones, worked out once."""
    cached = doc.user_data.get(_MARKED)
    if not isinstance(cached, str):
        cached = quotations.marked(doc.text)
        doc.user_data[_MARKED] = cached
    return cached


def _own_belief(verb: Token) -> Token | None:
    """A speech verb under ``verb`` whose subject is a pronoun: the speaker's own words."""
    for child in verb.children:
        if child.dep_ == "ccomp" and child.lemma_.lower() in SPEECH_VERBS:
            inner = _subject(child)
            if inner is not None and inner.lower_ in PRONOUNS:
                return child
    return None


def _content(verb: Token) -> Token | None:
    """The clause a speech verb reports. A second speech verb below one with no subject is
    where its speaker sits ("…, said the speaker of the council said Monday"), unless what it
    has for a subject cannot speak ("The picture reveals a nebula, NASA said"); below one with
    a subject it is what that speaker reports ("a priest said he wrote to the Pope")."""
    speaker = _subject(verb) is not None
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp"} and (speaker or not _speaks(child)):
            return child
    return None


def _speaks(verb: Token) -> bool:
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    subject = _subject(verb)
    return subject is None or _can_speak(subject)


def _holder(clause: Token) -> Mention | None:
    """The subject of "X has recordings": who holds the evidence the content talks about."""
    if clause.lemma_.lower() not in POSSESSION_VERBS:
        return None
    objects = [c for c in clause.children if c.dep_ == "dobj"]
    if not objects or objects[0].lemma_.lower() not in EVIDENCE_NOUNS | {"recording"}:
        return None
    subject = _subject(clause)
    return None if subject is None else mention(subject)


def _relays(sentence: Span) -> tuple[Mention, ...]:
    """Media that passed the words on: "quoted the channel X", "X quoted Y", "as reported by X"."""
    relays: list[Mention] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma == "quote":
            subject = _subject(token)
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if subject is not None and subject.lower_ != "it":
                relays.append(mention(subject))
            elif objects:
                relays.append(mention(objects[0]))
        elif lemma == "tell":
            # "X told the broadcaster Y": a medium the source spoke to passes the words on.
            listeners = [mention(c) for c in token.children if c.dep_ in {"dobj", "dative"}]
            relays.extend(m for m in listeners if _medium(m))
        elif lemma in STATEMENT_NOUNS or (
            lemma in CONVERSATION_VERBS and token.dep_ in {"advcl", "acl"}
        ):
            # "In a statement to the Huffington Post", "in an interview with CNN", "Speaking to
            # CNN, X said", "sources speaking to 9to5Mac say": the same.
            listeners = [
                mention(pobj)
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ in {"to", "with"}
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
            relays.extend(m for m in listeners if _medium(m))
        elif lemma == "report" and token.dep_ in {"advcl", "acl"}:
            relays.extend(
                mention(pobj)
                for agent in token.children
                if agent.dep_ == "agent"
                for pobj in agent.children
                if pobj.dep_ == "pobj"
            )
    return tuple(relays)


def _medium(listener: Mention) -> bool:
    """An outlet, a name NER saw no outlet in that the outlet lists know ("told The
    Independent"), or an outlet's journalist ("told CNN's Don Lemon", "ESPN.com's Michael
    Collins"); not an audience ("told reporters", "told the Senate")."""
    if listener.kind == "media":
        return True
    if listener.name is None or listener.kind not in {"organisation", "person"}:
        return False
    if listener.kind == "organisation":
        return outlets.is_outlet(_strip_det(listener.name))
    return _outlet_owning(listener.text, listener.name) is not None


def mention(head: Token) -> Mention:
    """Describe the noun phrase headed by ``head``: its name, role, kind, anonymity, number."""
    described = _describe(head)
    # spaCy tags "Gerges" or "Williams" NNPS; a person's name is one person.
    named_person = described.kind == "person" and described.name is not None
    plural = (head.tag_ in PLURAL_TAGS and not named_person) or head.lower_ in PLURAL_PRONOUNS
    return replace(
        described,
        plural=plural,
        gender=_gender(head, described),
        affiliation=_affiliated_names(head, described),
    )


def _affiliated_names(head: Token, described: Mention) -> frozenset[str]:
    """The capitalised words of the phrase, outside the source's own name, honorifics and role
    titles, without dots ("U.S." is "US"). A sentence's first word counts only where it names
    something ("Libyan", "Somali"), not where it is capitalised for its place ("Senior",
    "Anonymous")."""
    name = described.name or ""
    at = head.doc.text.find(name, described.start, described.end) if name else -1
    return frozenset(
        t.text.replace(".", "")
        for t in head.subtree
        if described.start <= t.idx < described.end
        and t.text[:1].isupper()
        and not (at >= 0 and at <= t.idx < at + len(name))
        and not _role_word(t.text)
        and not _HONORIFIC.match(f"{t.text} ")
        and (not t.is_sent_start or _names_something(t))
    )


def _names_something(token: Token) -> bool:
    """A proper noun, an entity's word, or an adjective of a people ("Somali", "Iraqi",
    "Libyan", "Chinese", "British")."""
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in ORG_LABELS
        or (token.tag_ == "JJ" and token.lower_.endswith(_DEMONYM_ENDINGS))
    )


def _gender(head: Token, described: Mention) -> Gender | None:
    """A pronoun's gender, or that of the first gendered word among the head noun, the words
    before it ("Mrs Lopez", "his wife Jahira Dar") and the role up to its first preposition
    ("spokeswoman for the ministry"; not the "mother" of "lawyer for the victim's mother")."""
    if described.pronoun:
        return pronoun_gender(head.text)
    before_head = described.text.split(head.text)[0]
    return described_gender(described.head, before_head, _own_role(described.role))


def _describe(head: Token) -> Mention:
    group = _group_of(head)
    if group is not None:
        return _describe(group)
    tokens = [t for t in head.subtree if not t.is_space]
    core = [t for t in tokens if not (_inside_clause(t, head) or _coordinated(t, head))]
    # Not the bracket that closes "The World Health Organization (WHO)".
    while core and core[-1].is_punct:
        if core[-1].text == ")" and any(t.text == "(" for t in core):
            break
        core.pop()
    core = core or [head]
    start, end = core[0].idx, core[-1].idx + len(core[-1].text)
    text = head.doc.text[start:end]
    phrase = head.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].lower()
    lemma = head.lemma_.lower()
    # The phrase without whose or where: "a lawyer" of "a lawyer for Michael Cohen".
    own = [t for t in core if not _of_someone_else(t, head)]
    speaker = own if lemma in ROLE_NOUNS | UNNAMED_HEADS | ACCOUNT_HOLDERS | FAMILY_NOUNS else core
    if head.pos_ == "NOUN":
        # "the Obama administration", "a Trump spokesman": a name in a compound says whose.
        speaker = [t for t in speaker if not _compound_of(t, head)]
    name = _handle(head) or _head_name(head) or _person_name(speaker)
    organisation = _entity_text(core, ORG_LABELS)
    if head.lower_ in PRONOUNS:
        # Who the pronoun stands for is the resolver's to say; none found, it names nobody.
        return Mention(
            text,
            start,
            end,
            lemma,
            "vague",
            "anonymous",
            pronoun=True,
            antecedent=_sentence_subject(head),
        )
    titled = _titled_name(speaker)
    if titled is not None and (name is None or name.endswith(f" {titled}")):
        # NER may take the title into the name ("Pope Francis"): the title is the role.
        name = titled
    if name is not None:
        # The same where the parse keeps the title out of the phrase's proper nouns
        # ("Cardinal O'Malley").
        name = _through_head(_untitled(name), head)
    if (
        name is None
        and head.pos_ == "PROPN"
        and (_age_given(head) or _role_in_apposition(head) is not None)
    ):
        # "Weinandy, a former chief of staff, warned", where NER saw an organisation.
        name = _proper_name(head)
    if name is None:
        # "CNN's Jake Tapper wrote", "Secretary of Homeland Security Kirstjen Nielsen said":
        # NER read the name into an organisation, or saw none.
        name = _journalist(head, text) or _name_after_role(head, speaker)
    if name is None and lemma in ROLE_NOUNS | FAMILY_NOUNS:
        # "Government spokeswoman, First Lady Rosario Murillo, said", "His wife, Jane Doe, said".
        name = _apposed_name(head)
    if name is not None:
        role = _role(text, name) or _apposed_role(head) or _occupation(head) or _affiliation(head)
        trimmed = _around_name(text, name, role)
        found = head.doc.text.find(trimmed, start, end)
        if found >= 0:
            text, start, end = trimmed, found, found + len(trimmed)
        if _outlet_named(name, role) or _listed_outlet_alone(name, role, text):
            return Mention(text, start, end, lemma, "media", "named-organisation", name=name)
        role = role or _outlet_owning(text, name)
        named: Anonymity = "named-person-with-role" if role else "named-person"
        return Mention(text, start, end, lemma, "person", named, name=name, role=role)
    if head.pos_ != "PROPN" and any(p in phrase for p in ANONYMITY_PHRASES):
        # "two people familiar with the matter"; not "The Washington Post, which cited people
        # familiar with the case". Whatever describes a source, it is nobody the reader can
        # point at ("a source familiar with the matter").
        level: Anonymity = "anonymous" if lemma == "source" else "unnamed-official"
        return Mention(text, start, end, lemma, "person", level, role=_strip_det(text))
    if lemma == "source":
        # "an unnamed source", "sources inside the ministry": the same.
        return Mention(text, start, end, lemma, "vague", "anonymous")
    if lemma in MEDIA_NOUNS or (
        organisation
        and (
            any(t.lemma_.lower() in MEDIA_NOUNS for t in core)
            or (_names_a_body(head) and outlets.is_outlet(organisation))
        )
    ):
        # "some sites reported" or "a website said" names no outlet; "the newspaper" is the
        # one the story named.
        unnamed = organisation is None and _indefinite(head)
        outlet: Anonymity = "unnamed-official" if unnamed else "named-organisation"
        # "South Korea's Yonhap news agency" is Yonhap, not its country.
        before_head = [t for t in own if t.i <= head.i]
        outlet_name = (
            _entity_text(before_head, ORG_LABELS - PLACE_LABELS)
            or _proper_before(head)
            or organisation
            or _body_read_as_person(own)
        )
        return Mention(text, start, end, lemma, "media", outlet, name=outlet_name)
    if lemma in VAGUE_SUBJECTS:
        return Mention(text, start, end, lemma, "vague", "anonymous")
    if lemma in ROLE_NOUNS:
        return Mention(text, start, end, lemma, "person", "unnamed-official", role=_strip_det(text))
    if lemma == "report" and head.tag_ in PLURAL_TAGS and _generic(core, head):
        # "reports", "some reports", "media reports", "US reports": anyone's, as "sources" are
        # (the guidelines' rule 7); "intelligence reports" have an author, though unnamed.
        return Mention(text, start, end, lemma, "vague", "anonymous")
    if lemma in DOCUMENT_NOUNS:
        # "a Reuters report", "a report by Reuters"; "a report from Korea" names no author.
        author = (
            _entity_text(own, ORG_LABELS)
            or _entity_text(core, ORG_LABELS - PLACE_LABELS)
            or _outlet_compound(own, head)
        )
        authored: Anonymity = "named-organisation" if author else "unnamed-official"
        return Mention(text, start, end, lemma, "organisation", authored, name=author)
    if lemma in FAMILY_NOUNS:
        # "His wife said": one person described by kin, which is no role (the guidelines' A6),
        # so no name given later completes it ("his girlfriend" in Oliver Ilic's own words is
        # not Oliver Ilic); a name in apposition names them ("His wife, Jane Doe, said").
        if head.tag_ in PLURAL_TAGS:
            return Mention(text, start, end, lemma, "organisation", "unnamed-official")
        return Mention(text, start, end, lemma, "person", "unnamed-official")
    if lemma in UNNAMED_HEADS:
        # "Another neighbour, who is in his 70s," is one person, whom "he" can stand for;
        # "residents", "the company" are bodies.
        one = lemma in PERSON_HEADS and head.tag_ not in PLURAL_TAGS
        return Mention(
            text, start, end, lemma, "person" if one else "organisation", "unnamed-official"
        )
    if lemma in ACCOUNT_HOLDERS:
        # "The Reddit user", "another user on Twitter": one person the platform does not name,
        # with no role a name given later could complete; "Twitter users" are anyone.
        if head.tag_ in PLURAL_TAGS:
            return Mention(text, start, end, lemma, "vague", "anonymous")
        return Mention(text, start, end, lemma, "person", "unnamed-official")
    if lemma in INSTITUTION_NOUNS:
        return Mention(text, start, end, lemma, "organisation", "named-organisation", name=text)
    # "shoppers in Carlisle": the place describes the speakers, it is not one of them.
    body = _entity_text(own, ORG_LABELS) or _body_read_as_person(own)
    if body is not None and _indefinite(head):
        # "Some Pyongyang watchers": people described by a place or a body, not named.
        return Mention(text, start, end, lemma, "organisation", "unnamed-official")
    if body is not None or head.pos_ == "PROPN":
        return Mention(
            text, start, end, lemma, "organisation", "named-organisation", name=body or text
        )
    if _person_noun(head):
        # "An Islamic State fighter denied…", then '"…," he said': one person, described. What
        # they do is a role a name given later completes ("An American blogger…", "Lana says");
        # a noun in -man or -person ("a woman", then "Nikolai"; "a fisherman") says no doing.
        generic = lemma.endswith(("man", "person"))
        role = None if generic else _strip_det(text)
        return Mention(text, start, end, lemma, "person", "unnamed-official", role=role)
    return Mention(text, start, end, lemma, "vague", "anonymous")


def _own_role(role: str | None) -> str:
    """The role up to its first preposition: what describes the person, not whom they serve."""
    return _ROLE_ATTACHMENT.split(role or "")[0]


def _outlet_named(name: str, role: str | None) -> bool:
    """ "Virgin Media", "Hip Hop Wired.com", "Twitter", "al Sabaah, Iraq's official newspaper":
    an outlet or a platform NER took for a person, by its name or by the noun that describes it."""
    words = _own_role(role).lower().split()
    return outlets.named_like_outlet(name) or (bool(words) and words[-1] in MEDIA_NOUNS)


def _listed_outlet_alone(name: str, role: str | None, text: str) -> bool:
    """ "Yonhap said", "the Telegraph reported", "told Politico": a one-word name the shipped
    lists hold, standing alone, that NER took for a person; not a "Dawn" it found in a longer
    phrase, nor a person's full name that a site is named after."""
    return role is None and _strip_det(text) == name and outlets.listed_word(name)


def _generic(core: list[Token], head: Token) -> bool:
    """Whether only determiners, places and GENERIC_MODIFIERS describe the head."""
    return all(
        t.i == head.i
        or t.is_punct
        or t.dep_ == "det"
        or t.ent_type_ in PLACE_LABELS
        or t.lower_ in GENERIC_MODIFIERS
        for t in core
    )


def _names_a_body(head: Token) -> bool:
    """The head is part of an entity that is no place: "the Associated Press", not "BBC's
    correspondent" (a person) or "Tucson" (a city, and tucson.com a site)."""
    return bool(head.ent_type_) and head.ent_type_ not in PLACE_LABELS | {"LOC"}


def _person_noun(head: Token) -> bool:
    """ "fighter", "blogger", "homeowner": a singular noun of a doer that no list names."""
    lemma = head.lemma_.lower()
    return (
        head.pos_ == "NOUN"
        and head.tag_ not in PLURAL_TAGS
        and lemma.endswith(PERSON_SUFFIXES)
        and lemma not in THING_NOUNS
    )


def _of_someone_else(token: Token, head: Token) -> bool:
    """ "a lawyer for Michael Cohen", "Trump's lawyer", "shoppers in Carlisle": a name in a
    prepositional phrase or a possessive anywhere in the speaker's phrase says whom they work
    for or where they are; it is not the speaker."""
    return any(n.dep_ in {"prep", "poss"} for n in _path_up(token, head))


def _indefinite(head: Token) -> bool:
    """ "sites", "some sites", "a website": not one the reader can tell; a proper noun is."""
    return head.pos_ != "PROPN" and (
        head.tag_ in PLURAL_TAGS
        or any(c.dep_ == "det" and c.lower_ in {"a", "an", "some", "any"} for c in head.children)
    )


def _outlet_compound(own: list[Token], head: Token) -> str | None:
    """ "WSJ Report": an outlet's name NER does not know, before the head; not "the media
    report", whose "media" is no name."""
    return next(
        (
            t.text
            for t in own
            if t.pos_ == "PROPN" and _compound_of(t, head) and outlets.is_outlet(t.text)
        ),
        None,
    )


def _compound_of(token: Token, head: Token) -> bool:
    return any(n.dep_ == "compound" and n.head.i == head.i for n in _path_up(token, head))


def _group_of(head: Token) -> Token | None:
    """ "Many of Williams' colleagues": a share of a group speaks as the group."""
    if head.lemma_.lower() not in QUANTIFIERS:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            group = next((c for c in child.children if c.dep_ == "pobj"), None)
            if group is not None and any(c.dep_ == "case" for c in group.children):
                # The parser can leave the possessor as the object and hang its noun on the
                # quantifier: the group is that noun.
                return next((c for c in head.children if c.dep_ == "appos"), None)
            return group
    return None


def _head_name(head: Token) -> str | None:
    """ "said County Coroner Frank Shultz", which NER reads as two names: the phrase's own
    name is the one its head lies in."""
    if head.ent_type_ not in NAME_LABELS:
        return None
    first = head
    while first.ent_iob_ == "I" and first.i > 0:
        first = first.doc[first.i - 1]
    ent = _entity_from(first)
    if _names_no_one(ent):
        return None
    return _HONORIFIC.sub("", _entity_name(ent.text).strip()) or None


def _through_head(name: str, head: Token) -> str:
    """ "Attorney General Jesus Murillo Karam", where NER ends the name before the phrase's head:
    the proper nouns that run on from the name to the head are the name's."""
    if head.pos_ != "PROPN" or head.ent_type_ in NAME_LABELS:
        return name
    run: list[str] = []
    token: Token | None = head
    while token is not None and token.pos_ == "PROPN" and not _role_word(token.text):
        run.insert(0, token.text)
        token = token.doc[token.i - 1] if token.i > 0 else None
    words = name.split()
    return " ".join(run) if len(run) > len(words) and run[: len(words)] == words else name


def _handle(head: Token) -> str | None:
    """An account's name, which the guidelines count as a name (rule 11): "@philquinn1",
    "Twitter user MAbiga6", "One YouTube user, with the handle ClemtheRanter"."""
    if head.text.startswith("@") and len(head.text) > 1:
        return head.text
    if head.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lemma_.lower() in ACCOUNT_HOLDERS for c in head.children
    ):
        return head.text
    if head.lemma_.lower() not in ACCOUNT_HOLDERS:
        return None
    named = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    named += [
        name
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.lemma_.lower() in ACCOUNT_NAMES
        for name in noun.children
        if name.dep_ in {"appos", "compound"} and name.pos_ == "PROPN"
    ]
    return named[0].text if named else None


def _age_given(head: Token) -> bool:
    """ "Nicola Dawson, 48, said": an age in apposition makes a person, whatever NER said."""
    return head.pos_ == "PROPN" and any(c.dep_ == "appos" and c.like_num for c in head.children)


def _sentence_subject(pronoun: Token) -> str | None:
    """ "But Shapira would be wise … because he accuses others": a singular pronoun after its
    sentence's subject, a proper noun that is no place, stands for that name, unless another
    is named between them ("Mr Titchmarsh asks Professor Crawley …, to which he replies")."""
    if pronoun.lower_ in PLURAL_PRONOUNS:
        return None
    root = pronoun.sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if (
        subject is None
        or subject.pos_ != "PROPN"
        or subject.i >= pronoun.i
        or subject.ent_type_ in PLACE_LABELS | {"LOC"}
        or any(t.pos_ == "PROPN" for t in pronoun.doc[subject.i + 1 : pronoun.i])
    ):
        return None
    return _head_name(subject) or _proper_name(subject)


def _apposed_name(head: Token) -> str | None:
    """The proper noun in apposition to a role noun, or joined to it as the same person
    ("Government spokeswoman and First Lady Rosario Murillo"), when it names no place."""
    for child in head.children:
        joined = child.dep_ == "appos" or (child.dep_ == "conj" and not _separate(head, child))
        if joined and child.pos_ == "PROPN" and child.ent_type_ not in PLACE_LABELS:
            return _proper_name(child)
    return None


def _proper_name(head: Token) -> str:
    """The proper noun and the proper nouns compounded before it: "Nicola Dawson"."""
    words = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return _HONORIFIC.sub("", head.doc[(words[0] if words else head).i : head.i + 1].text)


def _journalist(head: Token, text: str) -> str | None:
    """The name in "CNN's Jake Tapper" or "Al Jazeera's Haru Mutasa": the head and the proper
    nouns compounded before it, two words or more, after an outlet's possessive, when they are
    neither an outlet nor a body ("Yemen's Defence Ministry") nor hold a number ("the New York
    Post's Page Six")."""
    if head.pos_ != "PROPN" or head.lower_ in BODY_WORDS:
        return None
    if any(t.like_num for t in head.lefts if t.dep_ == "compound") or head.like_num:
        return None
    name = _proper_name(head)
    if " " not in name or not _outlet_owning(text, name) or outlets.is_outlet(name):
        return None
    return name


def _name_after_role(head: Token, speaker: list[Token]) -> str | None:
    """ "Secretary of Homeland Security Kirstjen Nielsen", "state prosecutor Inaky Blanco": a
    first name and a surname, the head and the proper noun compounded right before it, after a
    word of a role. The surname ends no body's name ("Health Department"), and neither holds a
    number."""
    first = _first_name(head)
    if first is None or first.like_num or head.like_num:
        return None
    if not any(_role_word(t.text) for t in speaker if t.i < first.i):
        return None
    return f"{first.text} {head.text}"


def _first_name(surname: Token) -> Token | None:
    """The capitalised proper noun compounded right before a capitalised proper noun that
    ends no body's name ("Cumbria Police", "Human Rights Watch"): a first name and a surname."""
    first = surname.doc[surname.i - 1] if surname.i > 0 else None
    if (
        first is not None
        and first.pos_ == surname.pos_ == "PROPN"
        and first.dep_ == "compound"
        and first.head.i == surname.i
        and first.is_title
        and surname.is_title
        and surname.lower_ not in BODY_WORDS
    ):
        return first
    return None


def _outlet_owning(text: str, name: str) -> str | None:
    """The outlet whose possessive stands right before the name, the journalist's affiliation:
    "CNN" of "CNN's Don Lemon"."""
    owner = _OUTLETS_OWN.match(text.split(name)[0])
    return owner[1] if owner is not None and outlets.is_outlet(owner[1]) else None


def _occupation(head: Token) -> str | None:
    """ "Nicola Dawson, 48, a dental receptionist": after an age, the noun in apposition is
    what the person does."""
    if not _age_given(head):
        return None
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return _strip_det(_as_written(list(child.subtree)))
    return None


def _affiliation(head: Token) -> str | None:
    """ "Richard Walton from the Met's Counter Terrorism Command": a named body the person is
    of, from, at or with is their affiliation, which the guidelines count as a role."""
    for child in head.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in AFFILIATION_PREPOSITIONS
            and any(t.ent_type_ == "ORG" for t in child.subtree)
        ):
            return _as_written([t for t in child.subtree if not _inside_clause(t, child)])
    return None


def _as_written(tokens: list[Token]) -> str:
    """The tokens with the text's own spacing ("the Met's", not "the Met 's"), without
    punctuation at either end."""
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text


def _inside_clause(token: Token, head: Token) -> bool:
    """Relative clauses ("who asked not to be named") count for anonymity, not for the name;
    "an analyst named Yakoub Mustafa" gives the name."""
    return any(n.dep_ in {"relcl", "acl"} and not _names(n) for n in _path_up(token, head))


def _coordinated(token: Token, head: Token) -> bool:
    """ "both the PGA Tour and Woods's agent", "The Guardian and the BBC both": the other source
    and the words joining them."""
    return any(
        n.head.i == head.i
        and (
            n.dep_ in {"cc", "preconj"}
            or (n.dep_ == "conj" and _separate(head, n))
            or (n.dep_ == "appos" and n.lower_ in COORDINATING_QUANTIFIERS)
        )
        for n in _path_up(token, head)
    )


def _names(clause: Token) -> bool:
    """ "named Yakoub Mustafa", "called John Smith": a participle that gives a name."""
    return clause.lemma_.lower() in NAMING_VERBS and any(c.dep_ == "oprd" for c in clause.children)


def _path_up(token: Token, head: Token) -> Iterator[Token]:
    """The tokens from ``token`` up the parse to ``head``, which is left out; ``token`` lies
    in ``head``'s subtree."""
    node = token
    while node.i != head.i:
        yield node
        node = node.head


def names_in_bodies(doc: SpacyDoc) -> tuple[list[str], dict[str, str]]:
    """Full names NER swallowed into an organisation, a product or a work ("Comcast's Jason
    Livingood", "reader Lester Holt", "Prosecutor Inaky Blanco"): the entity's last two words,
    a first name and a surname, when the last is no word of a body ("Cumbria Police", "Human
    Rights Watch") and the entity no outlet; and the title of a role before them is the
    person's role ("Sheriff Lombardo": Lombardo, Sheriff). Only a lone surname that NER also
    took for an organisation ("Livingood concluded") is matched against them."""
    names = []
    roles: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS | PLACE_LABELS or len(ent) < 2:
            continue
        last = ent[-1]
        first = _first_name(last)
        if first is not None and not outlets.is_outlet(ent.text):
            title: str | None
            if _role_word(first.text):
                name, title = last.text, first.text
            else:
                name = f"{first.text} {last.text}"
                title = ent[-3].text if len(ent) > 2 and _role_word(ent[-3].text) else None
            names.append(name)
            if title is not None:
                roles.setdefault(name, title)
    return names, roles


def narrative_persons(doc: SpacyDoc) -> tuple[list[NarrativePerson], dict[str, str]]:
    """Where the text names a person, and the name (what a pronoun with no speaker before it can
    stand for), and the role the text gives a name anywhere: "Former Secretary of State Hillary
    Clinton mixed up…" makes the Clinton quoted later a named person with a role."""
    persons: list[NarrativePerson] = []
    roles: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS or _names_no_one(ent):
            continue
        name = _untitled(_POSSESSIVE.sub("", _entity_name(ent.text)).strip())
        if not name:
            continue
        head = ent.root
        before = _as_written(list(doc[head.left_edge.i : ent.end]))
        role = _role(before, ent.text) or _apposed_role(head) or _role_in_apposition(head)
        if _outlet_named(name, role) or _listed_outlet_alone(name, role, before):
            continue
        if role:
            roles.setdefault(name, role)
        title = doc[ent.start - 1].text if ent.start > 0 else ""
        gender = described_gender(
            title, ent.text.split()[0], _own_role(role), _apposed_noun(head)
        ) or _pronoun_after(head)
        persons.append(NarrativePerson(ent.start_char, name, gender))
    return persons, roles


def _apposed_noun(name: Token) -> str:
    """ "Her husband, Pedro" or "Pedro, her husband": the common noun the name is apposed to."""
    nouns = [c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if name.dep_ == "appos" and name.head.pos_ == "NOUN":
        nouns.append(name.head)
    return " ".join(n.lemma_ for n in nouns)


def _pronoun_after(subject: Token) -> Gender | None:
    """ "Kadalim says he fired off a text", "Ana Ruiz missed her ferry": the gender of a pronoun
    that follows a name which is a subject, in its sentence, with no other name between (the
    "his" of "Anna Berg, his deputy," is about someone else)."""
    if subject.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    own = set(_subtree_ids(subject))
    for token in subject.doc[subject.i + 1 : subject.sent.end]:
        if token.pos_ == "PROPN":
            # "Fang, who kept in touch with Foley, wrote that his interest…": his is Foley's.
            return None
        outside = token.i not in own and token.dep_ in {"nsubj", "nsubjpass", "poss"}
        if outside and (gender := pronoun_gender(token.text)) is not None:
            return gender
    return None


def _role_in_apposition(head: Token) -> str | None:
    """ "Tom Perez, the DNC chair, said": a role noun in apposition after the name. It makes a
    person of a name NER called an organisation ("Weinandy, a former chief of staff for …")."""
    for child in head.children:
        if child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS:
            return _strip_det(
                _as_written([t for t in child.subtree if not _inside_clause(t, child)])
            )
    return None


def _untitled(name: str) -> str:
    """ "Pope Francis", "Mr Beaton" as NER gives them: the name without its title."""
    words = _HONORIFIC.sub("", name).split()
    while len(words) > 1 and _role_word(words[0]):
        words = words[1:]
    return " ".join(words)


def _entity_ending_at(doc: SpacyDoc, end: int, labels: frozenset[str]) -> Span | None:
    """The entity whose last token is ``end - 1``, read off the tokens' IOB tags.

    ``doc.ents`` builds every entity span on each access, which made it the
    costliest line of this analyzer; the tags give the one span needed.
    """
    if end < 1:
        return None
    last = doc[end - 1]
    if last.ent_type_ not in labels or (end < len(doc) and doc[end].ent_iob_ == "I"):
        return None
    start = end - 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return doc[start:end]


def _entity_from(first: Token) -> Span:
    """The entity that begins at ``first`` (its IOB tag is B)."""
    end = first.i + 1
    while end < len(first.doc) and first.doc[end].ent_iob_ == "I":
        end += 1
    return first.doc[first.i : end]


def _entity_text(tokens: list[Token], labels: frozenset[str]) -> str | None:
    """The first entity of the phrase that is a name, not a nationality adjective ("Syrian")."""
    return _name_of(next(_entities(tokens, labels), None))


def _person_name(tokens: list[Token]) -> str | None:
    """The first name of a person in the phrase, past what NER took for one where the words
    around it say otherwise (``_names_no_one``)."""
    return _name_of(next((e for e in _entities(tokens, NAME_LABELS) if not _names_no_one(e)), None))


def _body_read_as_person(tokens: list[Token]) -> str | None:
    """The name of a body NER took for a person's: "Stratfor" of "the risk consultancy Stratfor"."""
    return _name_of(next((e for e in _entities(tokens, NAME_LABELS) if _names_no_one(e)), None))


def _name_of(ent: Span | None) -> str | None:
    return None if ent is None else _entity_name(ent.text).strip() or None


def _entities(tokens: list[Token], labels: frozenset[str]) -> Iterator[Span]:
    for token in tokens:
        if token.ent_type_ in labels and token.ent_iob_ == "B":
            ent = _entity_from(token)
            if not all(t.pos_ == "ADJ" for t in ent):
                yield ent


def _names_no_one(ent: Span) -> bool:
    """A one-word "person" that is an acronym ("GB") or that "the" or a noun of a body
    describes ("the Observatory", "the risk consultancy Stratfor"), or a longer one that a
    medium's noun describes ("Iraqi newspaper Al-Sabah"); not "On her blog Lana wrote", "the
    Castro health rumors", nor "Chief of Police Charles Bordeleau", where the body is whose."""
    first = ent[0]
    if len(ent) == 1 and first.text.isupper() and len(first.text) > 1:
        return True
    if first.i == 0:
        return False
    before = first.doc[first.i - 1]
    if not (ent.start <= before.head.i < ent.end or ent.root.head == before):
        return False
    noun = before.lemma_.lower()
    if len(ent) == 1:
        return before.lower_ == "the" or noun in BODY_NOUNS
    return before.text.islower() and noun in MEDIA_NOUNS


def _proper_before(head: Token) -> str | None:
    """The proper nouns just before a medium's head noun, past the nouns that describe it:
    "Yonhap news agency" of "South Korea's Yonhap news agency", where NER saw no name."""
    i = head.i - 1
    while i >= 0 and head.doc[i].lemma_.lower() in OUTLET_DESCRIBERS:
        i -= 1
    end = i + 1
    while i >= 0 and head.doc[i].pos_ == "PROPN" and head.doc[i].ent_type_ != "GPE":
        i -= 1
    if end == i + 1:
        return None
    return head.doc[i + 1 : head.i + 1].text


def _entity_name(text: str) -> str:
    """An entity's text without what bad tokenisation glued to it ("Abbas(photo") and, where NER
    ran it across a dash, the capitalised side: "Taylor Lianne Chandler" of "Taylor Lianne
    Chandler - who", "Gruber" of "movements - Gruber"."""
    parts = _ENTITY_DASH.split(_NAME_JUNK.sub("", text))
    return next((p for p in parts if p[:1].isupper()), parts[0])


def _titled_name(core: list[Token]) -> str | None:
    """ "Mayor Ines Varga", "Mr Abdulla": a title or a courtesy title before proper nouns makes
    a person, whatever NER said."""
    for n, token in enumerate(core[:-1]):
        titled = _role_word(token.text) or _HONORIFIC.match(f"{token.text} ") is not None
        if titled and token.text[:1].isupper():
            names = [t for t in core[n + 1 :] if t.pos_ == "PROPN"]
            if names and all(t.pos_ == "PROPN" or t.is_punct for t in core[n + 1 :]):
                return " ".join(t.text for t in names)
    return None


def _role_word(word: str) -> bool:
    """ "Mayor", "Sen.", "spokesman": a word of a role, with or without its full stop."""
    return word.lower().rstrip(".") in ROLE_NOUNS | ACCOUNT_HOLDERS


def _role(text: str, name: str) -> str | None:
    """The comma-separated part of the phrase, or the title before the name, that holds a role;
    with single spaces where the name stood ("Commander of the Metropolitan Police")."""
    for part in _NAME_JUNK.sub("", text).split(","):
        rest = " ".join(_NAMING_WORDS.sub(" ", part.replace(name, " ")).split())
        if any(_role_word(w) for w in rest.split()):
            return _strip_det(rest)
    return None


def _apposed_role(head: Token) -> str | None:
    """ "its treasurer Anna Berg": the name hangs as an apposition under its role."""
    governor = head.head
    if head.dep_ != "appos" or governor.lemma_.lower() not in ROLE_NOUNS:
        return None
    modifiers = [t.text for t in governor.lefts if t.dep_ in {"amod", "compound"}]
    return " ".join([*modifiers, governor.text])


def _around_name(text: str, name: str, role: str | None) -> str:
    """Keep the parts of the phrase that name the person or give the role, drop parse spill-over."""
    parts = [p.strip() for p in _NAME_JUNK.sub("", text).split(",")]
    kept = [p for p in parts if name in p or (role and role in p)]
    return ", ".join(kept) if kept else name


def _strip_det(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _quoted(sentence: Span, start: int, end: int) -> bool:
    text = _marked(sentence.doc)
    before = text[sentence.start_char : start]
    after = text[end : sentence.end_char]
    return (
        any(q in before[-3:] for q in QUOTES)
        or (any(q in before for q in QUOTES) and any(q in after for q in QUOTES))
        or _quote_open_at(sentence, start)
    )


def _subtree_ids(token: Token) -> list[int]:
    return [t.i for t in token.subtree]
