"""Stance toward the story from stances toward what each comment answers.

A comment that denies a comment which itself stands against the story takes
the story's side: "a reply that denies a denial supports". The head labels a
comment as RumourEval's annotators did, toward the source claim, but a
short "that's not true" under a denial reads to it as a plain deny; this one
visible rule over the tree sets that right, and the head's own label is kept
beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

DENY = "deny"
SUPPORT = "support"


def toward_story(labels: Sequence[str], parents: Sequence[int | None]) -> list[str]:
    """Each label with a deny under a deny (after composition) turned into support.

    ``parents`` index into the same sequence and always point earlier, as in
    a thread's reading order; None marks a direct reply (or the claim itself).
    """
    toward: list[str] = []
    for index, (label, parent) in enumerate(zip(labels, parents, strict=True)):
        if parent is not None and parent >= index:
            raise ValueError(f"comment {index} answers {parent}, which does not come before it")
        flips = label == DENY and parent is not None and toward[parent] == DENY
        toward.append(SUPPORT if flips else label)
    return toward
