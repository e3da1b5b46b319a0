"""The lexicon baselines the trained models must beat, scored by the same metrics.

SI: every run of words on the strongest cue lists (loaded language, labels,
stock phrases) is a span. TC: a span takes the technique of the cue that
covers most of its words, else the commonest technique, Loaded_Language.
"""

from __future__ import annotations

from collections.abc import Sequence

from storycheck.analyzers.persuasion import lexicon
from storycheck.analyzers.persuasion.features import Sentence, cue_marks, span_cues, tokenize

MAJORITY = "Loaded_Language"


def lexicon_spans(sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        marks = cue_marks(sentence.tokens)
        current: list[int] | None = None
        for token, cues in zip(sentence.tokens, marks, strict=True):
            if any(c in cues for c in lexicon.BASELINE_SPAN_CUES):
                if current is None:
                    current = [token.start, token.end]
                else:
                    current[1] = token.end
            elif current is not None:
                spans.append((current[0], current[1]))
                current = None
        if current is not None:
            spans.append((current[0], current[1]))
    return spans


def lexicon_technique(span_text: str) -> str:
    shares = span_cues(tokenize(span_text))
    best = max(range(len(shares)), key=lambda i: shares[i])
    if shares[best] == 0:
        return MAJORITY
    return lexicon.CUE_TECHNIQUE[lexicon.CUES[best]]
