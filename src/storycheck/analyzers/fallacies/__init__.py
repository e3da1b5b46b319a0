"""Logical fallacies in the thread's comments and in the story's own voice.

Each comment is classified whole; the story is classified a paragraph at a
time, keeping only the sentences the ``sources`` analyzer left unattributed,
because a fallacy in a quoted speaker's mouth is the speaker's, not the
outlet's. The classifier (``storycheck train fallacy``) always names one of
the 13 LOGIC types, since its benchmark has no "no fallacy" class; a unit is
reported only when a gate trained to tell fallacious texts from plain news
sentences lets it through and the model's confidence clears the threshold
chosen on training folds for precision, or when the model is unsure and a
named cue of ``lexicon`` (whataboutism, "where there's smoke, there's
fire") decides.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from storycheck.analyzers.base import register
from storycheck.analyzers.fallacies.head import Prediction, ShippedHead, shipped
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc
from storycheck.eval.logic import LABELS
from storycheck.model import STORY_TARGET


@dataclass(frozen=True, slots=True)
class Unit:
    """A stretch of text classified as one: a comment, or a paragraph's own-voice sentences."""

    target: str
    start: int | None
    end: int | None
    text: str


@register
class Fallacies:
    name: ClassVar[str] = "fallacies"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ("sources",)
    description: ClassVar[str] = (
        "fallacy type of each comment and own-voice paragraph (LOGIC head + named cues)"
    )

    def __call__(self, doc: Doc) -> Findings:
        head = shipped()
        units = own_voice_paragraphs(doc) + [
            Unit(c.id, None, None, c.text) for c in doc.story.thread if c.text.strip()
        ]
        predictions = head.predict([u.text for u in units])
        annotations = [
            _annotation(self.name, unit, p, head, doc.text_of(unit.target))
            for unit, p in zip(units, predictions, strict=True)
            if head.surfaces(p)
        ]
        labels = Counter(a.label for a in annotations)
        summary = {
            "units": len(units),
            "story_paragraphs": sum(1 for u in units if u.target == STORY_TARGET),
            "comments": sum(1 for u in units if u.target != STORY_TARGET),
            "fallacies": len(annotations),
            "threshold": round(head.threshold, 4),
            "gate_threshold": round(head.gate_threshold, 4),
            "by_label": {label: labels[label] for label in LABELS if labels[label]},
            "by_cue": sum(1 for a in annotations if a.attrs["cue"] is not None),
        }
        return Findings(tuple(annotations), summary)


def own_voice_paragraphs(doc: Doc) -> list[Unit]:
    """Each prose paragraph of the story, without the sentences attributed to a source."""
    attributed = {
        a.start for a in doc.annotations_of("sources") if a.kind == "attribution" and a.start
    }
    sentences = [s for s in doc.sentences() if s.start not in attributed]
    units = []
    for paragraph in doc.story.paragraphs:
        if paragraph.kind != "text":
            continue
        own = [s for s in sentences if paragraph.start <= s.start < paragraph.end]
        if own:
            text = " ".join(s.text for s in own)
            units.append(Unit(STORY_TARGET, own[0].start, own[-1].end, text))
    return units


def _annotation(
    analyzer: str, unit: Unit, p: Prediction, head: ShippedHead, target_text: str
) -> Annotation:
    if p.cue is None:
        why = (
            f"the LOGIC classifier gives '{p.label}' probability {p.probability:.2f}, above "
            f"the threshold {head.threshold:.2f} chosen on training folds for precision, and the "
            f"gate puts the chance that it argues fallaciously at all at {p.fallacious:.2f}"
        )
        start, end = unit.start, unit.end
    else:
        why = (
            f"“{p.cue.text}” ({p.cue.cue.name}) {p.cue.cue.why}; the classifier alone was "
            f"unsure (its best guess '{p.model_label}' at {p.model_probability:.2f})"
        )
        found = target_text.find(p.cue.text, unit.start or 0)
        start, end = (unit.start, unit.end) if found < 0 else (found, found + len(p.cue.text))
    return Annotation(
        analyzer=analyzer,
        kind="fallacy",
        label=p.label,
        explanation=why,
        target=unit.target,
        start=start,
        end=end,
        score=None if p.cue is not None else round(p.probability, 4),
        attrs={
            "cue": None if p.cue is None else p.cue.cue.name,
            "cue_text": None if p.cue is None else p.cue.text,
            "model_label": p.model_label,
            "model_probability": round(p.model_probability, 4),
            "fallacious": round(p.fallacious, 4),
            "unit": "comment" if unit.target != STORY_TARGET else "paragraph",
        },
    )
