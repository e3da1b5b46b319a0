"""How the story is written: the tone of its sentences and how easy it is to read.

Tone: VADER (``vaderSentiment``, whose lexicon ships inside the package) scores
each story sentence; one whose compound score reaches ``EMOTIVE`` either way
is written to stir a feeling, and is marked so that a reader sees which
sentences the reliability estimate counted. Reading ease: Flesch's formula
over spaCy's sentences and words, with syllables from pyphen's English
hyphenation dictionary (textstat, the usual library, fetches CMUdict over the
network on first use, which storycheck never does). Both are lexical
measures with known limits: VADER reads "killed" as negative in a plain
report of a death, and Flesch counts syllables, not ideas.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, ClassVar

from storycheck.analyzers.base import register
from storycheck.annotation import JSON, Annotation, Findings
from storycheck.doc import Doc

if TYPE_CHECKING:
    from pyphen import Pyphen
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# |compound| from which a sentence's tone counts as emotive: VADER's authors put
# the neutral band at ±0.05; ±0.5 keeps the sentences whose words carry a
# strong feeling, not every one that mentions an attack or a win.
EMOTIVE = 0.5
# Flesch reading ease: 206.835 − 1.015 × words a sentence − 84.6 × syllables a word.
FLESCH = (206.835, 1.015, 84.6)
# Flesch's own bands, lowest score of each.
EASE_BANDS: tuple[tuple[float, str], ...] = (
    (90.0, "very easy"),
    (80.0, "easy"),
    (70.0, "fairly easy"),
    (60.0, "plain English"),
    (50.0, "fairly difficult"),
    (30.0, "difficult"),
    (float("-inf"), "very difficult"),
)


@register
class Style:
    name: ClassVar[str] = "style"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = "the story's emotive sentences (VADER) and its Flesch reading ease"

    def __call__(self, doc: Doc) -> Findings:
        sentences = doc.sentences()
        tones = [_tone(s.start, s.end, s.text) for s in sentences]
        emotive = [a for a in tones if a is not None]
        words = [t.text for t in doc.parsed() if t.is_alpha]
        syllables = sum(syllables_of(w) for w in words)
        summary: dict[str, JSON] = {
            "sentences": len(sentences),
            "emotive_sentences": len(emotive),
            "words": len(words),
        }
        if not sentences or not words:
            return Findings(tuple(emotive), summary)
        readability = _readability(len(sentences), len(words), syllables)
        summary["reading_ease"] = readability.attrs["reading_ease"]
        return Findings((*emotive, readability), summary)


def _tone(start: int, end: int, text: str) -> Annotation | None:
    compound = float(_vader().polarity_scores(text)["compound"])
    if abs(compound) < EMOTIVE:
        return None
    label = "negative" if compound < 0 else "positive"
    return Annotation(
        analyzer=Style.name,
        kind="tone",
        label=label,
        explanation=f"emotive {label} tone: VADER compound score {compound:+.2f}",
        start=start,
        end=end,
        score=round(abs(compound), 3),
        attrs={"compound": round(compound, 4)},
    )


def _readability(sentences: int, words: int, syllables: int) -> Annotation:
    base, per_sentence, per_syllable = FLESCH
    words_per_sentence = words / sentences
    syllables_per_word = syllables / words
    ease = round(base - per_sentence * words_per_sentence - per_syllable * syllables_per_word, 1)
    band = next(name for lowest, name in EASE_BANDS if ease >= lowest)
    return Annotation(
        analyzer=Style.name,
        kind="readability",
        label=band,
        explanation=(
            f"Flesch reading ease {ease:g} ({band}): {words_per_sentence:.1f} words a sentence, "
            f"{syllables_per_word:.2f} syllables a word"
        ),
        attrs={
            "reading_ease": ease,
            "sentences": sentences,
            "words": words,
            "syllables": syllables,
            "words_per_sentence": round(words_per_sentence, 2),
            "syllables_per_word": round(syllables_per_word, 3),
        },
    )


def syllables_of(word: str) -> int:
    """Syllables as hyphenation points plus one, as textstat counts words CMUdict lacks."""
    return len(_hyphenator().positions(word.lower())) + 1


@cache
def _vader() -> SentimentIntensityAnalyzer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _hyphenator() -> Pyphen:
    from pyphen import Pyphen

    return Pyphen(lang="en_US")
