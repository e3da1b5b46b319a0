"""The shared NLP state of one story: parsed once, read by every analyzer.

Nothing here is computed until an analyzer asks for it, and nothing is
computed twice: the spaCy parse of the story and of each comment, the
sentences, the entities and the sentence embeddings are cached on the Doc.
Analyzers never call a model directly; they read it through this state.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from storycheck import language, nlp
from storycheck.annotation import Annotation
from storycheck.errors import AnalysisError, Problem
from storycheck.model import STORY_TARGET, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

# Stories per spaCy batch: four already parse as fast a story as more do
# (benchmarks/throughput.py), and a larger batch only raises peak memory.
STORY_BATCH = 4


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of a target's text (the story or one comment), end exclusive."""

    target: str
    start: int
    end: int
    text: str
    label: str = ""


class Doc:
    """One story and what has been computed about it so far."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.annotations: list[Annotation] = []
        self._parsed: dict[str, SpacyDoc] = {}
        self._chunk: list[Doc] = [self]

    @classmethod
    def chunk(cls, stories: Iterable[Story]) -> list[Doc]:
        """Docs that are parsed together: the first parse any of them needs parses them all.

        spaCy runs faster over one batch of many texts than over many small
        batches, and a parse does not depend on the texts batched beside it,
        so each story's parse is the one it would get alone. Nothing is parsed
        when no analyzer asks (the fast profile).
        """
        docs = [cls(story) for story in stories]
        for doc in docs:
            doc._chunk = docs
        return docs

    def text_of(self, target: str) -> str:
        return self.story.text if target == STORY_TARGET else self.story.thread[target].text

    @property
    def targets(self) -> list[str]:
        """The story first, then each comment in reading order."""
        return [STORY_TARGET, *(c.id for c in self.story.thread)]

    def parsed(self, target: str = STORY_TARGET) -> SpacyDoc:
        """The spaCy parse of the story or of one comment.

        A comment's parse has sentences and entities but no tags, POS or
        lemmas (``nlp.COMMENT_SKIPS``): no analyzer reads those of a comment.
        """
        if target not in self._parsed:
            self.parse_all()
        return self._parsed[target]

    def parse_all(self) -> None:
        """Parse the story and every comment, and those of every doc in this one's chunk."""
        if len(self._chunk) > 1:
            try:
                _parse(self._chunk)
                return
            except Exception:
                # A text too long to parse (over spaCy's max_length) fails its own story
                # alone, as it would analysed by itself, not every story of its chunk.
                for doc in self._chunk:
                    doc._chunk = [doc]
        _parse([self])

    def sentences(self, target: str = STORY_TARGET) -> list[TextSpan]:
        spans = []
        for sent in self.parsed(target).sents:
            text = sent.text.strip()
            if text:
                start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                spans.append(TextSpan(target, start, start + len(text), text))
        return spans

    def entities(self, target: str = STORY_TARGET) -> list[TextSpan]:
        return [
            TextSpan(target, ent.start_char, ent.end_char, ent.text, ent.label_)
            for ent in self.parsed(target).ents
        ]

    @cached_property
    def language_warning(self) -> str | None:
        """Why the story's findings may mean little, when it does not read as English: the
        report warns of it and the reliability estimate leaves its text signals unread."""
        return language.language_warning(self.story)

    @cached_property
    def sentence_embeddings(self) -> npt.NDArray[np.float32]:
        """One unit vector per story sentence, in the order of ``sentences()``."""
        return nlp.embed([s.text for s in self.sentences()])

    def annotations_of(self, analyzer: str) -> list[Annotation]:
        """What an earlier analyzer found, for analyzers that build on it."""
        return [a for a in self.annotations if a.analyzer == analyzer]


def _parse(docs: Sequence[Doc]) -> None:
    """What the docs lack, parsed in two batches: stories with every component, comments lighter."""
    pipeline = nlp.spacy_pipeline()
    for doc in docs:
        _check_lengths(doc, pipeline.max_length)
    stories = [doc for doc in docs if STORY_TARGET not in doc._parsed]
    texts = [doc.story.text for doc in stories]
    for doc, parsed in zip(stories, pipeline.pipe(texts, batch_size=STORY_BATCH), strict=True):
        doc._parsed[STORY_TARGET] = parsed
    comments = [(doc, c.id) for doc in docs for c in doc.story.thread if c.id not in doc._parsed]
    texts = [doc.text_of(target) for doc, target in comments]
    light = pipeline.pipe(texts, disable=list(nlp.COMMENT_SKIPS))
    for (doc, target), parsed in zip(comments, light, strict=True):
        doc._parsed[target] = parsed


def _check_lengths(doc: Doc, limit: int) -> None:
    """Refuse a text spaCy would refuse, in words that say which text and what to do.

    The parser and entity recogniser need about 1 GB per 100,000 characters,
    so the limit stays where spaCy sets it; a text that long is a book or a
    bad row, not a story.
    """
    for target in doc.targets:
        size = len(doc.text_of(target))
        if size > limit:
            what = "the story's text" if target == STORY_TARGET else f"comment {target}"
            raise AnalysisError(Problem.TOO_LONG, detail=what, size=size, limit=limit)
