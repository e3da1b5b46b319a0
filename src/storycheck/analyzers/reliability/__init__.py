"""An explained estimate of how much of a story stands on evidence.

One annotation for the whole story: a score from 0 to 100, its band, and the
points each signal added or took away (``rubric``), each with what was
counted (``signals``). The score is relative: 50 is a story whose every
signal sits at the median of the reference news corpus. Its weights are
priors, not yet fitted to reliability labels (docs/reliability.md says why
and what it reaches on the labelled sample there is).
"""

from __future__ import annotations

from typing import Any, ClassVar

from storycheck.analyzers.base import register
from storycheck.analyzers.reliability import outlets, rubric, signals
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc


@register
class Reliability:
    name: ClassVar[str] = "reliability"
    version: ClassVar[str] = "1.2"
    requires: ClassVar[tuple[str, ...]] = (
        "claims",
        "evidence",
        "persuasion",
        "style",
        "factchecks",
        "stance",
    )
    description: ClassVar[str] = (
        "0-100 estimate of how much the story stands on evidence, with each signal's points"
    )

    def __call__(self, doc: Doc) -> Findings:
        model = rubric.shipped()
        outlet = doc.story.outlet
        rating = outlets.shipped().rating(outlet) if outlet else None
        measured = signals.measure(doc.story, doc.annotations, rating)
        if doc.language_warning is not None:
            measured = signals.unread(measured, signals.NOT_ENGLISH)
        estimate = model.estimate(measured)
        attrs = as_json(estimate)
        annotation = Annotation(
            analyzer=self.name,
            kind="reliability",
            label=estimate.band,
            explanation=explain(estimate),
            score=round(estimate.score / 100, 3),
            attrs=attrs,
        )
        summary = {
            **attrs,
            # Without the outlet's rating, for outlet records that must not feed a rating back.
            "text_score": model.estimate(measured, leave_out=("outlet_rating",)).score,
            "outlet": _listed(rating),
            "reference_corpus": model.reference_corpus,
        }
        return Findings((annotation,), summary)


def _listed(rating: outlets.Rating | None) -> dict[str, Any] | None:
    if rating is None:
        return None
    return {
        "domain": rating.domain,
        "list": rating.source,
        "rating": rating.label,
        "value": rating.value,
    }


def as_json(estimate: rubric.Estimate) -> dict[str, Any]:
    return {
        "score": estimate.score,
        "band": estimate.band,
        "base": rubric.BASE,
        "contributions": [
            {
                "signal": c.signal,
                "value": round(c.value, 4),
                "reference": c.reference,
                "points": c.points,
                "detail": c.detail,
                "why": c.why,
            }
            for c in estimate.contributions
        ],
        "unmeasured": [{"signal": s.name, "detail": s.detail} for s in estimate.unmeasured],
    }


def explain(estimate: rubric.Estimate) -> str:
    moved = [c for c in estimate.contributions if c.points]
    parts = [
        f"{c.points:+.1f} {c.signal.replace('_', ' ')}: {c.detail} "
        f"(typical {c.reference:.3g}; {c.why})"
        for c in moved
    ]
    steps = "; ".join(parts) if parts else "no signal moved it"
    return (
        f"{estimate.score:g} of 100, {estimate.band}: {rubric.BASE:g} for a story whose signals "
        f"are all typical, then {steps}"
    )
