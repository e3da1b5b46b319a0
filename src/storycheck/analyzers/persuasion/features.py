"""What the span tagger and the technique classifier read, for PTC articles and stories alike.

Text is cut into sentences (a PTC article has one per line; a story's come
from its parse) and sentences into word tokens with character offsets, so
that tagged tokens map straight back to spans of the raw text. A regex
tokenizer is used rather than spaCy's because it is fast on 300 articles,
gives the same tokens at training and at run time, and never merges a
quotation mark into a word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storycheck.analyzers.persuasion import lexicon

# Changes whenever the features computed for the same text would change.
FEATURE_VERSION = "1"
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_QUOTES = frozenset('"“”«»')
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "them",
        "him",
        "not",
        "no",
        "but",
        "if",
        "than",
        "then",
        "so",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "there",
        "what",
        "which",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "more",
        "most",
        "such",
        "only",
        "also",
        "just",
        "about",
    ]
)
SENTENCE_BINS = 10


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


@dataclass(frozen=True)
class Sentence:
    """A sentence's offsets in its text and its tokens (offsets into the same text)."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    return tuple(
        Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)
    )


def line_sentences(text: str) -> list[Sentence]:
    """The PTC layout: every non-empty line is a sentence (the first one the title)."""
    sentences = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            sentences.append(
                Sentence(start, start + len(stripped), stripped, tokenize(stripped, start))
            )
        offset += len(line) + 1
    return sentences


def make_sentence(text: str, start: int, end: int) -> Sentence:
    """A sentence of ``text`` given by offsets (a story sentence from its parse)."""
    return Sentence(start, end, text[start:end], tokenize(text[start:end], start))


def cue_marks(tokens: Sequence[Token]) -> list[set[str]]:
    """For each token, the lexicon cues it belongs to (a phrase marks all its words)."""
    lowers = [t.lower for t in tokens]
    marks: list[set[str]] = [set() for _ in tokens]
    for i, word in enumerate(lowers):
        for name, words in lexicon.WORD_LISTS.items():
            if word in words:
                marks[i].add(name)
    for name, phrases in lexicon.PHRASE_LISTS.items():
        for phrase in phrases:
            n = len(phrase)
            for i in range(len(lowers) - n + 1):
                if tuple(lowers[i : i + n]) == phrase:
                    for j in range(i, i + n):
                        marks[j].add(name)
    return marks


def quoted(tokens: Sequence[Token]) -> list[bool]:
    """Whether each token lies between quotation marks of its sentence."""
    inside = False
    flags = []
    for token in tokens:
        if token.text in _QUOTES:
            inside = not inside if token.text == '"' else token.text in "“«"
            flags.append(True)
        else:
            flags.append(inside)
    return flags


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "UPPER"
    if word[:1].isupper():
        return "Title"
    if word.isdigit():
        return "digit"
    if not word[:1].isalnum():
        return "punct"
    return "lower"


def article_counts(sentences: Sequence[Sentence]) -> Counter[str]:
    """How often each content word occurs in the whole text (a repetition cue)."""
    return Counter(
        t.lower for s in sentences for t in s.tokens if t.lower not in _STOP and t.text.isalpha()
    )


def crf_items(
    sentence: Sentence, sentence_score: float, counts: Counter[str], is_title: bool
) -> list[dict[str, float]]:
    """The tagger's features of each token: the word and its neighbours, its shape, its
    lexicon cues, quotation, its place in the sentence and the sentence-level score."""
    tokens = sentence.tokens
    marks = cue_marks(tokens)
    quotes = quoted(tokens)
    n = len(tokens)
    sbin = min(int(sentence_score * SENTENCE_BINS), SENTENCE_BINS - 1)
    exclaim = any(t.text == "!" for t in tokens)
    question = any(t.text == "?" for t in tokens)
    items = []
    for i, token in enumerate(tokens):
        word = token.lower
        f: dict[str, float] = {
            "bias": 1.0,
            f"w={word}": 1.0,
            f"suf3={word[-3:]}": 1.0,
            f"pre3={word[:3]}": 1.0,
            f"shape={_shape(token.text)}": 1.0,
            "sent_score": sentence_score,
            f"sent_bin={sbin}": 1.0,
            f"sent_bin={sbin}|shape={_shape(token.text)}": 1.0,
            "rel_pos": i / max(n - 1, 1),
            "log_len": math.log1p(n),
        }
        if word not in _STOP and token.text.isalpha() and counts[word] >= 3:
            f["repeated"] = 1.0
        if quotes[i]:
            f["quoted"] = 1.0
        if is_title:
            f["title"] = 1.0
        if exclaim:
            f["sent_exclaim"] = 1.0
        if question:
            f["sent_question"] = 1.0
        if i == 0:
            f["BOS"] = 1.0
        if i == n - 1:
            f["EOS"] = 1.0
        for cue in marks[i]:
            f[f"cue={cue}"] = 1.0
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f[f"{d}:w={tokens[j].lower}"] = 1.0
                f[f"{d}:shape={_shape(tokens[j].text)}"] = 1.0
                for cue in marks[j]:
                    f[f"{d}:cue={cue}"] = 1.0
                if quotes[j] != quotes[i]:
                    f[f"{d}:quote_edge"] = 1.0
        if 0 < i < n - 1:
            f[f"w-1w={tokens[i - 1].lower}|{word}"] = 1.0
            f[f"ww+1={word}|{tokens[i + 1].lower}"] = 1.0
        items.append(f)
    return items


def bio_tags(sentence: Sentence, spans: Sequence[tuple[int, int]]) -> list[str]:
    """B/I/O of each token against (merged, non-overlapping) gold spans."""
    tags = []
    previous: tuple[int, int] | None = None
    for token in sentence.tokens:
        inside = next((s for s in spans if s[0] < token.end and token.start < s[1]), None)
        if inside is None:
            tags.append("O")
        else:
            tags.append("I" if inside == previous else "B")
        previous = inside
    return tags


def spans_from_inside(
    tokens: Sequence[Token], inside: Sequence[bool], begins: Sequence[bool]
) -> list[tuple[int, int]]:
    """Character spans of runs of inside tokens; a token flagged as a beginning starts a new one."""
    spans: list[tuple[int, int]] = []
    current: list[int] | None = None
    for token, is_in, is_begin in zip(tokens, inside, begins, strict=True):
        if is_in and current is not None and not is_begin:
            current[1] = token.end
            continue
        if current is not None:
            spans.append((current[0], current[1]))
            current = None
        if is_in:
            current = [token.start, token.end]
    if current is not None:
        spans.append((current[0], current[1]))
    return spans


def span_cues(tokens: Sequence[Token]) -> list[float]:
    """Share of the span's tokens carrying each lexicon cue, in ``lexicon.CUES`` order."""
    marks = cue_marks(tokens)
    n = max(len(tokens), 1)
    return [sum(1 for m in marks if cue in m) / n for cue in lexicon.CUES]
