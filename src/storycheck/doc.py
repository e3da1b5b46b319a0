"""The shared NLP state of one story: parsed once, read by every analyzer.

Nothing here is computed until an analyzer asks for it, and nothing is
computed twice: the spaCy parse of the story and of each comment, the
sentences, the entities and the sentence embeddings are cached on the Doc.
Analyzers never call a model directly; they read it through this state.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.annotation import Annotation
from storycheck.model import STORY_TARGET, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc


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

    def text_of(self, target: str) -> str:
        return self.story.text if target == STORY_TARGET else self.story.thread[target].text

    @property
    def targets(self) -> list[str]:
        """The story first, then each comment in reading order."""
        return [STORY_TARGET, *(c.id for c in self.story.thread)]

    def parsed(self, target: str = STORY_TARGET) -> SpacyDoc:
        """The spaCy parse of the story or of one comment."""
        if target not in self._parsed:
            self.parse_all()
        return self._parsed[target]

    def parse_all(self) -> None:
        """Parse the story and every comment in one batch, which is faster than one by one."""
        missing = [t for t in self.targets if t not in self._parsed]
        texts = [self.text_of(t) for t in missing]
        for target, parsed in zip(missing, nlp.spacy_pipeline().pipe(texts), strict=True):
            self._parsed[target] = parsed

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
    def sentence_embeddings(self) -> npt.NDArray[np.float32]:
        """One unit vector per story sentence, in the order of ``sentences()``."""
        return nlp.embed([s.text for s in self.sentences()])

    def annotations_of(self, analyzer: str) -> list[Annotation]:
        """What an earlier analyzer found, for analyzers that build on it."""
        return [a for a in self.annotations if a.analyzer == analyzer]
