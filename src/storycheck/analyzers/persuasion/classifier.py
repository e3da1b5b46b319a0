"""The technique classifier: which of the 14 PTC techniques a given span uses.

A span is described by its own embedding, the embedding of its sentence, cues
a reader would point at (length, repetition in the text, quotation marks, "!",
lexicon words) and a memory of the training spans: how the same words, once
lower-cased and stripped of punctuation, were labelled in other training
articles. Two heads read the same features, a multinomial logistic regression
(``linear.npz``) and LightGBM (``lightgbm.txt``); ``meta.json`` names the one
that cross-validation over the training articles chose. Beside the head, the
encoder's upper layers are fine-tuned on each span set against its sentence
(``encoder.onnx``) and the two probability tables are blended
(``storycheck.finetune``); a second head over both tables and the cues
(``stack.npz``) is averaged in where cross-validation finds it helps. Spans
given more than once at the same offsets carry several techniques, so such a
group gets its distinct likeliest labels.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.persuasion import lexicon
from storycheck.analyzers.persuasion.features import (
    FEATURE_VERSION,
    Sentence,
    span_cues,
    tokenize,
)
from storycheck.artefact import load_arrays, load_meta
from storycheck.errors import Problem, StorycheckError
from storycheck.eval.ptc import TECHNIQUES
from storycheck.finetune import top
from storycheck.finetune.blend import Blend
from storycheck.finetune.stack import Stack
from storycheck.heads import BoostedHead, Head, SoftmaxHead
from storycheck.paths import model_dir

TASK = "propaganda-techniques"
LINEAR = "linear"
LIGHTGBM = "lightgbm"
LIGHTGBM_FILE = "lightgbm.txt"
MEMORY = "memory"
STACK = "stack"
# One thread per LightGBM call: spans come a story at a time, too few to share out.
THREADS = 1
CUE_FEATURES: tuple[str, ...] = (
    "log_chars",
    "log_tokens",
    "log_occurrences",
    "repeated",
    "in_title",
    "exclamation",
    "question",
    "quote_mark",
    "share_of_sentence",
    "upper_share",
    "position",
    "log_same_offsets",
    "capitalised",
    "log_memory_count",
    "sentence_exclamation",
    "sentence_question",
    "log_same_text_spans",
    "same_text_span",
    "log_sharing_text_spans",
    "recurring_word_share",
    "log_word_recurrence",
    *(f"cue_{cue}" for cue in lexicon.CUES),
    *(f"memory_{re.sub(r'[^A-Za-z]+', '_', t)}" for t in TECHNIQUES),
)
_NON_WORD = re.compile(r"\W+")
_CONTENT_WORD = re.compile(r"[a-z]{4,}")


def normalise(text: str) -> str:
    """The key of the span memory: lower-case words only."""
    return _NON_WORD.sub(" ", text.lower()).strip()


@dataclass(frozen=True, slots=True)
class GivenSpan:
    """A span to classify, with the text it lies in and its sentence."""

    start: int
    end: int
    text: str
    sentence: Sentence
    in_title: bool
    same_offsets: int
    # Other spans of the text, at other offsets, with the same words / with words
    # that hold these or are held by them (``with_neighbours``).
    same_text: int = 0
    sharing_text: int = 0


def with_neighbours(spans: Sequence[GivenSpan]) -> list[GivenSpan]:
    """The spans of one text, each told how many of the others repeat its words.

    A phrase given as a span at two places is most often repetition, which the
    span and its sentence alone cannot show; at run time the other spans are
    the tagger's, as at training they are the gold ones.
    """
    words = {(s.start, s.end): normalise(s.text) for s in spans}
    out = []
    for span in spans:
        mine = words[(span.start, span.end)]
        others = [w for key, w in words.items() if key != (span.start, span.end) and w]
        same = sum(w == mine for w in others) if mine else 0
        sharing = sum(mine in w or w in mine for w in others) if mine else 0
        out.append(replace(span, same_text=same, sharing_text=sharing))
    return out


@dataclass
class Memory:
    """Technique counts of training span texts, per article so that an article can be left out."""

    counts: dict[str, dict[str, Counter[str]]]

    def distribution(self, text: str, leave_out: str | None) -> tuple[list[float], int]:
        found: Counter[str] = Counter()
        for article, counter in self.counts.get(normalise(text), {}).items():
            if article != leave_out:
                found.update(counter)
        total = sum(found.values())
        return [found[t] / total if total else 0.0 for t in TECHNIQUES], total

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        keys, articles, labels, counts = [], [], [], []
        for key, by_article in sorted(self.counts.items()):
            for article, counter in sorted(by_article.items()):
                for label, count in sorted(counter.items()):
                    keys.append(key)
                    articles.append(article)
                    labels.append(TECHNIQUES.index(label))
                    counts.append(count)
        return {
            "keys": np.asarray(keys, dtype=np.str_),
            "articles": np.asarray(articles, dtype=np.str_),
            "labels": np.asarray(labels, dtype=np.int16),
            "counts": np.asarray(counts, dtype=np.int32),
        }

    @classmethod
    def build(cls, rows: Sequence[tuple[str, str, str]]) -> Memory:
        """From (article, span text, technique) rows."""
        counts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        for article, text, technique in rows:
            key = normalise(text)
            if key:
                counts[key][article][technique] += 1
        return cls({k: dict(v) for k, v in counts.items()})

    @classmethod
    def load(cls) -> Memory:
        a = load_arrays(TASK, MEMORY)
        rows = [
            (str(article), str(key), TECHNIQUES[int(label)])
            for key, article, label, count in zip(
                a["keys"], a["articles"], a["labels"], a["counts"], strict=True
            )
            for _ in range(int(count))
        ]
        return cls.build(rows)


def cue_features(span: GivenSpan, text: str, memory: Memory, leave_out: str | None) -> list[float]:
    """The hand-made features of one span, in ``CUE_FEATURES`` order."""
    words = span.text
    tokens = tokenize(words)
    lowered = words.lower().strip()
    lowered_text = text.lower()
    occurrences = lowered_text.count(lowered) if lowered else 0
    memory_share, memory_total = memory.distribution(words, leave_out)
    sentence = span.sentence.text
    recurrences = [lowered_text.count(w) for w in _CONTENT_WORD.findall(normalise(words))]
    return [
        math.log1p(len(words)),
        math.log1p(len(tokens)),
        math.log1p(occurrences),
        float(occurrences > 1),
        float(span.in_title),
        float("!" in words),
        float("?" in words),
        float(any(q in words for q in '"“”')),
        len(words) / max(len(sentence), 1),
        sum(c.isupper() for c in words) / max(len(words), 1),
        span.start / max(len(text), 1),
        math.log1p(span.same_offsets),
        float(words[:1].isupper()),
        math.log1p(memory_total),
        float("!" in sentence),
        float("?" in sentence),
        math.log1p(span.same_text),
        float(span.same_text > 0),
        math.log1p(span.sharing_text),
        sum(n > 1 for n in recurrences) / max(len(recurrences), 1),
        sum(math.log1p(n) for n in recurrences) / max(len(recurrences), 1),
        *span_cues(tokens),
        *memory_share,
    ]


def feature_matrix(
    spans: Sequence[GivenSpan],
    text: str,
    sentence_vectors: npt.NDArray[np.float32],
    span_vectors: npt.NDArray[np.float32],
    memory: Memory,
    leave_out: str | None,
) -> npt.NDArray[np.float32]:
    """Span embedding, sentence embedding, then the cue features, one row per span."""
    cues = np.asarray(
        [cue_features(s, text, memory, leave_out) for s in spans], dtype=np.float32
    ).reshape(len(spans), len(CUE_FEATURES))
    return np.hstack([span_vectors, sentence_vectors, cues]).astype(np.float32)


def feature_names() -> list[str]:
    dim = nlp.EMBEDDING_DIM
    return (
        [f"span_{i}" for i in range(dim)] + [f"sent_{i}" for i in range(dim)] + list(CUE_FEATURES)
    )


def assign(probabilities: npt.NDArray[np.float64], groups: Sequence[int]) -> list[str]:
    """One label per span; spans of one group (same offsets) take distinct labels in turn."""
    labels: list[str] = []
    seen: Counter[int] = Counter()
    for row, group in zip(probabilities, groups, strict=True):
        order = np.argsort(-row, kind="stable")
        labels.append(TECHNIQUES[int(order[seen[group] % len(order)])])
        seen[group] += 1
    return labels


def encoder_text(span: GivenSpan) -> str:
    """What the fine-tuned encoder reads: the span, then the sentence it sits in."""
    return f"{span.text} [SEP] {span.sentence.text}"


@dataclass(frozen=True)
class TechniqueClassifier:
    name: str
    head: Head
    memory: Memory
    blend: Blend
    stack: Stack

    def probabilities(
        self, x: npt.NDArray[np.float32], spans: Sequence[GivenSpan]
    ) -> npt.NDArray[np.float64]:
        """One row per span (``x`` its features), the head blended with the encoder."""
        head = self.head.probabilities(x)
        if self.blend.share == 0.0 or not spans:
            return head
        encoder = self.blend.encoder([encoder_text(s) for s in spans])
        blended = self.blend.combine(head, encoder)
        return self.stack.mix(blended, head, encoder, cues_of(x))


def cues_of(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The cue columns of a feature matrix, which the stacked head reads."""
    return x[:, -len(CUE_FEATURES) :]


@cache
def shipped() -> TechniqueClassifier:
    """The shipped classifier, refused when its features would not match the running code's."""
    meta = load_meta(TASK)
    trained_with = (
        meta.details.get("embedder"),
        meta.details.get("feature_version"),
        meta.details.get("cue_features"),
    )
    blend = Blend.shipped(model_dir(TASK) / top.ENCODER_FILE, meta.details.get("encoder", {}))
    if blend is None or trained_with != (nlp.EMBEDDER_ID, FEATURE_VERSION, list(CUE_FEATURES)):
        raise StorycheckError(Problem.NO_MODEL, detail=TASK)
    name = str(meta.details["head"])
    head: Head = (
        SoftmaxHead.load(TASK, LINEAR)
        if name == LINEAR
        else BoostedHead.load(TASK, LIGHTGBM_FILE, len(TECHNIQUES), THREADS)
    )
    weight = float(meta.details.get("stack", {}).get("weight", 0.0))
    stack = Stack(SoftmaxHead.load(TASK, STACK) if weight > 0 else None, weight)
    return TechniqueClassifier(name, head, Memory.load(), blend, stack)
