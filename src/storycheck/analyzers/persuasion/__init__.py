"""Persuasion and propaganda techniques in the story's title and body, as highlighted spans.

The span tagger trained on the Propaganda Techniques Corpus (``storycheck
train propaganda-spans``: a CRF and a fine-tuned word tagger, blended) marks
the stretches of text that use a technique;
the technique classifier (``storycheck train propaganda-techniques``) names
each one. Stock phrases from the lexicon that the tagger missed are added as
spans too: they are rare in the corpus, so the tagger seldom learns them, yet
a reader spots them at once. Both models learnt from news articles annotated
by experts, so they flag what those annotators flagged: mostly loaded words,
labels and doubt, and fewer of the techniques that need the whole argument.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import ClassVar

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.base import register
from storycheck.analyzers.persuasion import classifier, tagger
from storycheck.analyzers.persuasion.features import Sentence, cue_marks, make_sentence
from storycheck.annotation import Annotation, Findings
from storycheck.doc import Doc
from storycheck.eval.ptc import TECHNIQUES

# Reader-facing names of the PTC techniques, in ``TECHNIQUES`` order.
TECHNIQUE_NAMES: dict[str, str] = {
    "Appeal_to_Authority": "appeal to authority",
    "Appeal_to_fear-prejudice": "appeal to fear or prejudice",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon / reductio ad hitlerum",
    "Black-and-White_Fallacy": "black-and-white fallacy",
    "Causal_Oversimplification": "causal oversimplification",
    "Doubt": "doubt",
    "Exaggeration,Minimisation": "exaggeration or minimisation",
    "Flag-Waving": "flag-waving",
    "Loaded_Language": "loaded language",
    "Name_Calling,Labeling": "name calling or labeling",
    "Repetition": "repetition",
    "Slogans": "slogan",
    "Thought-terminating_Cliches": "thought-terminating cliché",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism, straw man or red herring",
}
CUE_NAMES: dict[str, str] = {
    "loaded": "loaded word",
    "intens": "intensifier",
    "label": "label",
    "doubt": "doubt cue",
    "fear": "fear word",
    "flag": "group appeal",
    "causal": "causal cue",
    "dichot": "either-or cue",
    "auth": "authority cue",
    "bandw": "bandwagon cue",
    "cliche": "stock phrase",
    "whatab": "deflection cue",
}
FloatArray = npt.NDArray[np.float64]
_WORD = re.compile(r"\w+")
ALTERNATIVES = 3
# Cues specific enough to say why a span reads as persuasive.
EXPLAINING_CUES = frozenset(
    ("loaded", "label", "doubt", "fear", "flag", "cliche", "whatab", "intens")
)
# Stock phrases add a span of their own; other cues only explain the model's spans.
LEXICON_SPAN_CUES = ("cliche",)


@register
class Persuasion:
    name: ClassVar[str] = "persuasion"
    version: ClassVar[str] = "1.1"
    requires: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = (
        "propaganda technique spans in title and body (SemEval-2020 Task 11 taggers and classifier)"
    )

    def __call__(self, doc: Doc) -> Findings:
        text = doc.story.text
        sentences = [make_sentence(text, s.start, s.end) for s in doc.sentences()]
        span_tagger = tagger.shipped()
        sentence_vectors = doc.sentence_embeddings
        scores = span_tagger.head.score(sentence_vectors)
        has_title = bool(doc.story.title)
        found = span_tagger.spans(sentences, scores, has_title)
        found += _lexicon_spans(sentences, found)
        found.sort()
        owners = [_owner(sentences, start) for start, _, _ in found]
        given = classifier.with_neighbours(
            [
                classifier.GivenSpan(
                    start, end, text[start:end], sentences[i], has_title and i == 0, 1
                )
                for (start, end, _), i in zip(found, owners, strict=True)
            ]
        )
        model = classifier.shipped()
        x = classifier.feature_matrix(
            given,
            text,
            sentence_vectors[owners] if given else np.zeros((0, nlp.EMBEDDING_DIM), np.float32),
            nlp.embed([g.text for g in given]),
            model.memory,
            None,
        )
        probabilities = model.probabilities(x, given)
        annotations = [
            _annotation(span, span_score, row)
            for span, (_, _, span_score), row in zip(given, found, probabilities, strict=True)
        ]
        return Findings(tuple(annotations), _summary(annotations, text))


def _owner(sentences: list[Sentence], start: int) -> int:
    return next(i for i, s in enumerate(sentences) if s.start <= start < s.end)


def _lexicon_spans(
    sentences: list[Sentence], found: list[tuple[int, int, float]]
) -> list[tuple[int, int, float]]:
    """Runs of stock-phrase words that no model span covers; their score is that of the cue."""
    extra: list[tuple[int, int, float]] = []
    for sentence in sentences:
        marks = cue_marks(sentence.tokens)
        run: list[int] = []
        for token, cues in [*zip(sentence.tokens, marks, strict=True), (None, set())]:
            if token is not None and any(c in cues for c in LEXICON_SPAN_CUES):
                run = [run[0] if run else token.start, token.end]
                continue
            if run and not any(s < run[1] and run[0] < e for s, e, _ in found):
                extra.append((run[0], run[1], -1.0))
            run = []
    return extra


def _annotation(span: classifier.GivenSpan, span_score: float, row: FloatArray) -> Annotation:
    """A lexicon span carries a negative ``span_score``: no tagger probability exists for it."""
    source = "lexicon" if span_score < 0 else "tagger"
    order = np.argsort(-row, kind="stable")
    technique = TECHNIQUES[int(order[0])]
    name = TECHNIQUE_NAMES[technique]
    tokens = make_sentence(span.text, 0, len(span.text)).tokens
    cues = sorted(
        {
            f"{CUE_NAMES[c]} '{t.text}'"
            for t, marks in zip(tokens, cue_marks(tokens), strict=True)
            for c in marks
            if c in EXPLAINING_CUES
        }
    )
    found_by = (
        f"the span tagger (p={span_score:.2f})"
        if source == "tagger"
        else "the lexicon of stock phrases"
    )
    because = f"; cues: {', '.join(cues[:4])}" if cues else ""
    return Annotation(
        analyzer="persuasion",
        kind="technique",
        label=name,
        explanation=(
            f"found by {found_by}; the technique classifier calls it {name} "
            f"(p={row[order[0]]:.2f}){because}"
        ),
        start=span.start,
        end=span.end,
        score=round(float(row[order[0]]), 4),
        attrs={
            "technique": technique,
            "span_probability": round(span_score, 4) if source == "tagger" else None,
            "source": source,
            "alternatives": [
                {"technique": TECHNIQUE_NAMES[TECHNIQUES[int(i)]], "p": round(float(row[i]), 4)}
                for i in order[1 : 1 + ALTERNATIVES]
            ],
        },
    )


def _summary(annotations: list[Annotation], text: str) -> dict[str, object]:
    words = len(_WORD.findall(text))
    counts = Counter(a.label for a in annotations)
    per_thousand = 1000 / words if words else 0.0
    return {
        "spans": len(annotations),
        "words": words,
        "spans_per_1000_words": round(len(annotations) * per_thousand, 2),
        "by_technique": {
            name: {"count": counts[name], "per_1000_words": round(counts[name] * per_thousand, 2)}
            for name in TECHNIQUE_NAMES.values()
            if counts[name]
        },
    }
