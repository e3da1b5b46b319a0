"""Headline labels: "Report: …", "Analyst: …", "CNN: …", "… Beats Music: Report".

A headline often names its source in a label before or after a colon, which nothing else in
the analyzer reads. Of the 1,430 distinct headlines of the FNC-1 stances, the FakeNewsCorpus
sample and the PTC articles, 181 open with up to four capitalised words and a colon, about half
of them a source; the others are rubrics ("BREAKING:", "Flashback:") and topics ("Joan Rivers:
Doctor took selfie …", "China: …"). So a label counts only when its head is a word for someone
who speaks or something that reports, when it names an outlet, or when it is a name and the
words after it speak in the first person or open with a quotation. The guidelines leave
headlines unannotated (rule 17), so no sample scores this; docs/attribution.md (1.8) has what
reading them found.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from storycheck.analyzers.sources import outlets
from storycheck.analyzers.sources.extract import NAME_LABELS, Attribution, marked_text, mention
from storycheck.analyzers.sources.lexicon import (
    DOCUMENT_NOUNS,
    FAMILY_NOUNS,
    ROLE_NOUNS,
    UNNAMED_HEADS,
)
from storycheck.analyzers.sources.quotations import OPENING_MARKS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# "Hungarian Prime Minister:" is a label; "Coroner Defies Court Order:" is a headline of its own.
LABEL_TOKENS = 4
# Heads of a label that make it a source whatever follows: people by what they are, and what
# reports ("Report:", "Study:", "Sources:", "Rumor:").
SPEAKING_HEADS = (
    ROLE_NOUNS | UNNAMED_HEADS | FAMILY_NOUNS | DOCUMENT_NOUNS | {"rumor", "rumour", "police"}
)
# Words of a rubric: the outlet's own label for its story, not a source ("SPECIAL REPORT:").
RUBRIC_WORDS = frozenset({"special", "exclusive", "breaking", "update", "watch", "fake", "our"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
# A name opening a headline may be a person's, an organisation's or a group's; one closing it is
# a source only as a person's (`NAME_LABELS`): NER tags stray title words ORG.
NAMED_SPEAKERS = NAME_LABELS | {"ORG", "NORP"}
NOUNS = frozenset({"NOUN", "PROPN"})
# The cue of a label's attribution: its colon.
LABEL_CUE = ":"


def headline_label(sentence: Span, index: int) -> Attribution | None:
    """The attribution a headline's label makes, if it makes one: a label opening the headline
    ("Analyst: …") or closing it ("Apple to shut down Beats Music: Report")."""
    tokens = [t for t in sentence if not t.is_space]
    colons = [i for i, t in enumerate(tokens) if t.text == LABEL_CUE]
    if not colons:
        return None
    return _leading(sentence, index, tokens, colons[0]) or _trailing(
        sentence, index, tokens, colons[-1]
    )


def _leading(sentence: Span, index: int, tokens: list[Token], colon: int) -> Attribution | None:
    content = [t for t in tokens[colon + 1 :] if not t.is_punct]
    if not content or not 0 < colon <= LABEL_TOKENS:
        return None
    speaker = _speaker(sentence.doc[tokens[0].i : tokens[colon].i])
    cue = tokens[colon]
    # "Hungarian Prime Minister: ‘Christianity is …’": quoted words right after the label are
    # the speaker's own; quotation marks further on may be anyone's, or scare quotes.
    after = marked_text(sentence)[cue.idx + len(cue.text) - sentence.start_char :].lstrip()
    quoting = after[:1] in OPENING_MARKS
    first_person = any(t.pos_ == "PRON" and t.lower_ in FIRST_PERSON for t in content)
    if not _speaks(speaker) and not (_named(speaker, NAMED_SPEAKERS) and (quoting or first_person)):
        return None
    return _attribution(index, cue, speaker, content, quoting)


def _trailing(sentence: Span, index: int, tokens: list[Token], colon: int) -> Attribution | None:
    """ "… selfie during procedure: CNN", "… into two companies: WSJ Report", "… 'Complete
    Fabrication': Bettman": a name after the closing colon is a source even alone."""
    words = [t for t in tokens[colon + 1 :] if not t.is_punct]
    content = [t for t in tokens[:colon] if not t.is_punct]
    if not content or not 0 < len(words) <= LABEL_TOKENS:
        return None
    speaker = sentence.doc[words[0].i : words[-1].i + 1]
    if not _speaks(speaker) and not _named(speaker, NAME_LABELS):
        return None
    quoting = marked_text(sentence).lstrip()[:1] in OPENING_MARKS
    return _attribution(index, tokens[colon], speaker, content, quoting)


def _attribution(
    index: int, cue: Token, speaker: Span, content: list[Token], quoting: bool
) -> Attribution | None:
    # A word alone after the colon is the noun, whatever the tagger says ("…: report").
    noun = speaker.root.pos_ in NOUNS or (len(speaker) == 1 and _speaks(speaker))
    if any(t.lower_ in RUBRIC_WORDS for t in speaker) or not noun:
        return None
    # The label parsed apart: in the headline's parse its phrase runs on past the colon.
    source = mention(speaker.as_doc()[:].root)
    offset = speaker.start_char
    return Attribution(
        sentence=index,
        cue=cue.text,
        cue_start=cue.idx,
        cue_end=cue.idx + len(cue.text),
        source=replace(source, start=source.start + offset, end=source.end + offset),
        direct=quoting,
        content_start=content[0].idx,
        content_end=content[-1].idx + len(content[-1].text),
    )


def _speaker(label: Span) -> Span:
    """ "Cardinal Burke to Michael Matt:", "Hackers to Sony:": the one who speaks comes first."""
    to = next((t for t in label if t.lower_ == "to" and t.i > label.start), None)
    return label if to is None else label.doc[label.start : to.i]


def _speaks(speaker: Span) -> bool:
    """A word for someone who speaks or something that reports, or an outlet's name."""
    return speaker.root.lemma_.lower() in SPEAKING_HEADS or outlets.is_outlet(speaker.text)


def _named(speaker: Span, labels: frozenset[str]) -> bool:
    """A name and nothing else ("Michael Hayden", "DNC's Tom Perez", "British Labor Party")."""
    return all(t.ent_type_ in labels or t.is_punct or t.tag_ == "POS" for t in speaker)
