"""Known fact-checks of the story's claims: the closest already-checked claims and their verdicts.

Each claim the ``claims`` analyzer found is searched in the fact-check memory
(LIAR's PolitiFact verdicts and the user's imported ClaimReviews; BM25, then
embedding similarity, then the re-ranker). A fact-check is attached only when
its claim's cosine similarity reaches the threshold chosen for precision on
derived pairs (docs/factchecks.md). The verdict belongs to the matched claim,
which may differ from the story's in a detail that changes the verdict; the
explanation says so.
"""

from __future__ import annotations

from typing import ClassVar

from storycheck.analyzers.base import register
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc
from storycheck.factchecks.memory import default_memory
from storycheck.factchecks.retrieval import SIMILARITY_THRESHOLD

SEARCHED = 5
SHOWN = 3


@register
class FactChecks:
    name: ClassVar[str] = "factchecks"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ("claims",)
    description: ClassVar[str] = "closest known fact-checks of each claim (LIAR + ClaimReview)"

    def __call__(self, doc: Doc) -> Findings:
        claims = [
            a
            for a in doc.annotations_of("claims")
            if a.kind == "claim" and a.start is not None and a.end is not None
        ]
        memory = default_memory()
        texts = [doc.text_of(a.target)[a.start : a.end] for a in claims]
        annotations = []
        for claim, matches in zip(claims, memory.search_many(texts, SEARCHED), strict=True):
            kept = [m for m in matches if m.cosine >= SIMILARITY_THRESHOLD][:SHOWN]
            if not kept:
                continue
            best = kept[0]
            f = best.factcheck
            by = f" by {f.claimant}" if f.claimant else ""
            annotations.append(
                Annotation(
                    analyzer=self.name,
                    kind="factcheck",
                    label=f.verdict,
                    explanation=(
                        f'a similar claim{by} was rated "{f.verdict}" by {f.source}: "{f.claim}" '
                        f"(similarity {best.cosine:.2f}, threshold {SIMILARITY_THRESHOLD:.2f}); "
                        "the verdict is of that claim, check that it is the same one"
                    ),
                    target=claim.target,
                    start=claim.start,
                    end=claim.end,
                    score=round(max(0.0, min(1.0, best.cosine)), 4),
                    attrs={"matches": [m.to_dict() for m in kept]},
                )
            )
        summary = {
            "index_size": len(memory),
            "claims_searched": len(claims),
            "claims_matched": len(annotations),
            "threshold": SIMILARITY_THRESHOLD,
        }
        return Findings(tuple(annotations), summary)
