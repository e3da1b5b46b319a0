"""Incivility in the thread: insult, identity attack, threat and profanity, per comment.

Each comment gets a score for each label from the weighted word lists of
``lexicon`` (there is no toxic-comment corpus to train on here); a label is
reported when its score reaches ``THRESHOLD``, with the words that raised it.
``storycheck eval incivility`` measures the lists against our hand-labelled
sample; ``storycheck train incivility`` has nothing to fit and says so.
"""

from __future__ import annotations

from typing import ClassVar

from storycheck.analyzers.base import register
from storycheck.analyzers.incivility.lexicon import LABELS, score
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc

# A single strong term (an insult word aimed at "you", a slur, a swear word) reaches it.
THRESHOLD = 0.5


@register
class Incivility:
    name: ClassVar[str] = "incivility"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = "insult, identity attack, threat, profanity per comment (lexicon)"

    def __call__(self, doc: Doc) -> Findings:
        annotations = []
        for comment in doc.story.thread:
            scores = score(comment.text)
            for label in LABELS:
                value = scores.values[label]
                if value < THRESHOLD:
                    continue
                words = scores.words(label)
                annotations.append(
                    Annotation(
                        analyzer=self.name,
                        kind="incivility",
                        label=label,
                        explanation=(
                            f"{label.replace('_', ' ')} score {value:.2f} (reported from "
                            f"{THRESHOLD}) from: {', '.join(repr(w) for w in words)}"
                        ),
                        target=comment.id,
                        score=value,
                        attrs={"words": words, "scores": scores.values},
                    )
                )
        uncivil = {a.target for a in annotations}
        summary = {
            "comments": len(doc.story.thread),
            "uncivil_comments": len(uncivil),
            "threshold": THRESHOLD,
            "by_label": {
                label: sum(1 for a in annotations if a.label == label) for label in LABELS
            },
        }
        return Findings(tuple(annotations), summary)
