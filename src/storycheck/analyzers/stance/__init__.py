"""Where each comment stands on the story's main claim: support, deny, query or comment.

A moderator wants to know whether readers back the story, dispute it, or ask
for its evidence. Each comment is classified from its own words, the comment
it answers and the claim, by a head trained on RumourEval 2017 tweets that
answer a rumour (``storycheck train stance-thread``), over MiniLM sentence
embeddings and named lexical cues; the cues are what an explanation can name,
so a reader can check that a comment asks a question or calls the story a hoax.
The head's probabilities are averaged with those of MiniLM's upper layers
fine-tuned on comment, parent and claim read as one sequence, which can see
whether a reply disputes what it answers; the explanation gives that
encoder's own probability beside the cues.

The main claim is the most check-worthy sentence the ``claims`` analyzer
found when it ran, else the headline. The head's label is a stance toward
that claim, except that a comment denying a comment that denies the story
takes the story's side (``compose``); the head's own label stays in
``attrs["head_label"]``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from storycheck import mpnet
from storycheck.analyzers.base import register
from storycheck.analyzers.stance.compose import toward_story
from storycheck.analyzers.stance.features import (
    cue_slice,
    featurize,
    reason_groups,
    reasons,
    texts_to_embed,
    turns_of,
)
from storycheck.analyzers.stance.head import shipped
from storycheck.analyzers.stance.lexicon import CUES
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc
from storycheck.eval.rumoureval import STANCES
from storycheck.model import STORY_TARGET

QUOTE_CHARS = 60
TOP_REASONS = 3
# A story without a title is measured against its opening, cut here.
OPENING_CHARS = 300
EVIDENCE_CUE = "asks_evidence"


@register
class Stance:
    name: ClassVar[str] = "stance"
    version: ClassVar[str] = "1.1"
    requires: ClassVar[tuple[str, ...]] = ("thread",)
    description: ClassVar[str] = (
        "each comment's stance on the story's main claim (RumourEval 2017 head): "
        "support, deny, query or comment"
    )

    def __call__(self, doc: Doc) -> Findings:
        thread = doc.story.thread
        claim, claim_from = main_claim(doc)
        if not len(thread):
            return Findings((), summary([], [], [], [], claim, claim_from))
        head = shipped()
        turns = turns_of(doc.story, claim)
        texts = texts_to_embed(turns)
        vectors = dict(zip(texts, mpnet.embed(texts), strict=True))
        x = featurize(turns, vectors)
        encoder = head.encoder(turns)
        probabilities = head.combine(head.probabilities(x), encoder)
        chosen = head.decide(probabilities)
        contributions = head.contributions(x)
        raw = [STANCES[k] for k in chosen]
        position = {c.id: i for i, c in enumerate(thread)}
        toward = toward_story(
            raw, [None if c.parent is None else position[c.parent] for c in thread]
        )
        cues_of = [
            [name for (name, _, _), v in zip(CUES, row, strict=True) if v]
            for row in x[:, cue_slice()]
        ]
        quoted = _quote(claim)
        annotations = []
        for i, comment in enumerate(thread):
            p = float(probabilities[i, chosen[i]])
            why = top_reasons(contributions[i], x[i], int(chosen[i])) or [
                "no single cue stands out"
            ]
            explanation = f"{raw[i]} ({p:.2f}) toward the {claim_from} {quoted}: {', '.join(why)}"
            if encoder is not None:
                explanation += (
                    f"; the encoder reading it with what it answers and the claim: "
                    f"{encoder[i, chosen[i]]:.2f}"
                )
            if toward[i] != raw[i]:
                explanation += "; it denies a comment that denies the story, so it supports it"
            annotations.append(
                Annotation(
                    analyzer=self.name,
                    kind="stance",
                    label=toward[i],
                    explanation=explanation,
                    target=comment.id,
                    score=round(p, 4),
                    attrs={
                        "head_label": raw[i],
                        "probabilities": {
                            s: round(float(v), 4)
                            for s, v in zip(STANCES, probabilities[i], strict=True)
                        },
                        "encoder_probability": (
                            None if encoder is None else round(float(encoder[i, chosen[i]]), 4)
                        ),
                        "depth": comment.depth,
                        "cues": cues_of[i],
                    },
                )
            )
        depths = [c.depth for c in thread]
        return Findings(
            tuple(annotations), summary(toward, raw, depths, cues_of, claim, claim_from)
        )


def main_claim(doc: Doc) -> tuple[str, str]:
    """The claim comments are measured against, and where it came from ("claim" or "title")."""
    found = [
        a
        for a in doc.annotations_of("claims")
        if a.kind == "claim" and a.target == STORY_TARGET and a.start is not None
    ]
    if found:
        top = max(found, key=lambda a: a.score or 0.0)
        text = doc.text_of(STORY_TARGET)[top.start : top.end].strip()
        if text:
            return text, "claim"
    if doc.story.title.strip():
        return doc.story.title.strip(), "title"
    return doc.text_of(STORY_TARGET)[:OPENING_CHARS].strip(), "opening"


def top_reasons(
    contributions: npt.NDArray[np.float64], row: npt.NDArray[np.float32], label: int
) -> list[str]:
    """The reasons that pushed most toward ``label``; a cue or count only when present."""
    phrases = reasons()
    scored: list[tuple[float, str]] = []
    for name, cols in reason_groups():
        push = float(contributions[label, cols].sum())
        present = len(cols) > 1 or name.startswith("cos_") or bool(row[cols[0]] != 0)
        if push > 0 and present:
            scored.append((push, phrases[name]))
    return [phrase for _, phrase in sorted(scored, reverse=True)[:TOP_REASONS]]


def summary(
    toward: Sequence[str],
    raw: Sequence[str],
    depths: Sequence[int],
    cues: Sequence[Sequence[str]],
    claim: str,
    claim_from: str,
) -> dict[str, Any]:
    """Counts per stance, who asks for evidence, and how stance shifts with depth."""
    counts = Counter(toward)
    asking = sum(
        1 for label, c in zip(toward, cues, strict=True) if label == "query" or EVIDENCE_CUE in c
    )
    by_depth: dict[int, Counter[str]] = {}
    for label, depth in zip(toward, depths, strict=True):
        by_depth.setdefault(depth, Counter())[label] += 1
    return {
        "main_claim": claim,
        "main_claim_from": claim_from,
        "comments": len(toward),
        "counts": {s: counts[s] for s in STANCES},
        "asking_for_evidence": asking,
        "asking_for_evidence_share": round(asking / len(toward), 4) if toward else 0.0,
        "denials_of_denials": sum(1 for r, t in zip(raw, toward, strict=True) if r != t),
        "by_depth": [
            {"depth": depth, **{s: by_depth[depth][s] for s in STANCES}}
            for depth in sorted(by_depth)
        ],
    }


def _quote(claim: str) -> str:
    short = claim if len(claim) <= QUOTE_CHARS else claim[: QUOTE_CHARS - 1].rstrip() + "…"
    return f"“{short}”"
