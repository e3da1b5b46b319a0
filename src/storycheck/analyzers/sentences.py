"""Sentences and named entities of the story and of every comment.

The ground floor of the report: later analyzers (claims, sources) work
sentence by sentence and name people and organisations through these entities.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from storycheck.analyzers.base import register
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc
from storycheck.model import STORY_TARGET
from storycheck.nlp import SPACY_MODEL

# Entity types worth a reader's attention; cardinal numbers and ordinals are left out.
NAMED_TYPES = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "NORP",
        "LOC",
        "FAC",
        "EVENT",
        "DATE",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "LAW",
        "PRODUCT",
        "WORK_OF_ART",
        "LANGUAGE",
        "TIME",
    }
)
TOP_ENTITIES = 10


@register
class SentencesAndEntities:
    name: ClassVar[str] = "sentences"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = "sentence boundaries and named entities (spaCy)"

    def __call__(self, doc: Doc) -> Findings:
        annotations: list[Annotation] = []
        mentions: Counter[tuple[str, str]] = Counter()
        for target in doc.targets:
            for n, sent in enumerate(doc.sentences(target)):
                annotations.append(
                    Annotation(
                        analyzer=self.name,
                        kind="sentence",
                        label="sentence",
                        explanation=f"sentence {n + 1}, split by {SPACY_MODEL}",
                        target=target,
                        start=sent.start,
                        end=sent.end,
                        attrs={"index": n},
                    )
                )
            for ent in doc.entities(target):
                if ent.label not in NAMED_TYPES:
                    continue
                mentions[(ent.text, ent.label)] += 1
                annotations.append(
                    Annotation(
                        analyzer=self.name,
                        kind="entity",
                        label=ent.label,
                        explanation=f"named entity recognised by {SPACY_MODEL}",
                        target=target,
                        start=ent.start,
                        end=ent.end,
                        attrs={"text": ent.text},
                    )
                )
        story_sentences = [
            a for a in annotations if a.kind == "sentence" and a.target == STORY_TARGET
        ]
        summary = {
            "story_sentences": len(story_sentences),
            "story_words": sum(1 for t in doc.parsed() if not (t.is_space or t.is_punct)),
            "comment_sentences": sum(1 for a in annotations if a.kind == "sentence")
            - len(story_sentences),
            "entities_by_type": dict(
                Counter(label for _, label in mentions.elements()).most_common()
            ),
            "top_entities": [
                {"text": text, "type": label, "mentions": count}
                for (text, label), count in mentions.most_common(TOP_ENTITIES)
            ],
        }
        return Findings(tuple(annotations), summary)
