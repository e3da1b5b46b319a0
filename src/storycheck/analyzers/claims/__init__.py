"""Check-worthy claims of the story: which sentences a fact-checker should look at first.

Every story sentence, the title included, is scored by the head trained on
CheckThat! 2020 Task 5 (``storycheck train checkworthy``); those above the
threshold chosen on training debates become claims, and so do the headline, accusations and
the story's best-ranked sentences (``_why_a_claim``), each labelled with its
kind by the rules in ``kinds``. The head learnt from political debates, so its
scores rank sentences within a story better than they compare stories.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import numpy.typing as npt

from storycheck.analyzers.base import register
from storycheck.analyzers.claims.features import combine, parse_features
from storycheck.analyzers.claims.head import shipped
from storycheck.analyzers.claims.kinds import ACCUSATION, KINDS, claim_kind
from storycheck.annotation import JSON, Annotation, Findings
from storycheck.doc import Doc, TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span

TOP_CLAIMS = 5
# The story's best-ranked sentences that are claims whatever the threshold says.
TOP_RANKED = 3
# Fewer tokens than this is a heading or a fragment, never a claim for its rank alone.
MIN_TOKENS = 6


@register
class Claims:
    name: ClassVar[str] = "claims"
    version: ClassVar[str] = "1.6"
    requires: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = "check-worthy sentences (CheckThat! 2020 head) and their kind"

    def __call__(self, doc: Doc) -> Findings:
        head = shipped()
        sentences = doc.sentences()
        parsed = doc.parsed()
        spans = [_span(parsed, s) for s in sentences]
        parse = np.asarray([parse_features(s) for s in spans], dtype=np.float32)
        scores = head.score(combine(doc.sentence_embeddings, parse.reshape(len(spans), -1)))
        annotations = []
        title = doc.story.title
        leaders = _best_ranked(spans, scores)
        for index, (sentence, span, score) in enumerate(zip(sentences, spans, scores, strict=True)):
            kind = claim_kind(span)
            why = _why_a_claim(
                float(score),
                head.name,
                head.threshold,
                kind.label,
                headline=bool(title) and sentence.start == 0,
                leading=index in leaders,
            )
            if why is None:
                continue
            attrs: dict[str, JSON] = {
                "kind_reason": kind.reason,
                "checkworthiness": round(float(score), 4),
            }
            if kind.words:
                attrs["accusation_words"] = list(kind.words)
            annotations.append(
                Annotation(
                    analyzer=self.name,
                    kind="claim",
                    label=kind.label,
                    explanation=f"{why}; {kind.label}: {kind.reason}",
                    start=sentence.start,
                    end=sentence.end,
                    score=round(float(score), 4),
                    attrs=attrs,
                )
            )
        kinds = Counter(a.label for a in annotations)
        top = sorted(annotations, key=lambda a: -(a.score or 0.0))[:TOP_CLAIMS]
        summary = {
            "claims": len(annotations),
            "sentences": len(sentences),
            "threshold": round(head.threshold, 4),
            "by_kind": {k: kinds[k] for k in KINDS if kinds[k]},
            "top_claims": [
                {
                    "text": doc.text_of(a.target)[a.start : a.end],
                    "kind": a.label,
                    "score": a.score,
                    "start": a.start,
                    "end": a.end,
                }
                for a in top
            ],
        }
        return Findings(tuple(annotations), summary)


def _best_ranked(spans: list[Span], scores: npt.NDArray[np.float64]) -> set[int]:
    """The ``TOP_RANKED`` best-scored sentences of the story, headings and fragments left out."""
    eligible = [i for i, span in enumerate(spans) if len(span) >= MIN_TOKENS]
    eligible.sort(key=lambda i: -scores[i])
    return set(eligible[:TOP_RANKED])


def _why_a_claim(
    score: float, head: str, threshold: float, kind: str, *, headline: bool, leading: bool
) -> str | None:
    """Why a sentence is a claim, or None when it is not.

    The head learnt from political debates, where one sentence in seventy is
    check-worthy and its threshold is set for that; its metric ranks sentences
    within a transcript. So in a story, the best-ranked sentences are claims
    too (on the dev transcripts the head's top three are check-worthy a third
    of the time), and so are the headline (the story's main claim) and every
    accusation, which debates rarely hold (docs/checkworthy.md).
    """
    if score >= threshold:
        return f"check-worthiness {score:.3f} reaches the {head} head's threshold {threshold:.3f}"
    if headline:
        return f"the headline, the story's main claim (check-worthiness {score:.2f})"
    if kind == ACCUSATION:
        return f"an accusation, checkable whatever its check-worthiness ({score:.2f})"
    if leading:
        return f"among the story's {TOP_RANKED} most check-worthy sentences ({score:.2f})"
    return None


def _span(parsed: SpacyDoc, sentence: TextSpan) -> Span:
    span = parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        raise ValueError(f"sentence {sentence.start}-{sentence.end} does not align with tokens")
    return span
