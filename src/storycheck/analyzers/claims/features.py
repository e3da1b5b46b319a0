"""What the check-worthiness head reads: a sentence's embedding beside features of its parse.

Training and the analyzer compute the same features through the same
functions, so a sentence scores the same in a debate transcript and in a story.
The parse features are cheap signals fact-checkers react to (numbers, named
actors, attribution, tense) that a sentence embedding blurs.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from storycheck import nlp
from storycheck.analyzers.claims import lexicon
from storycheck.paths import cache_dir

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span

# Changes whenever ``parse_features`` would return something else for the same text.
PARSE_VERSION = "1"
# Changes whenever the head's input would (parse features, or the context around them).
FEATURE_VERSION = "2"
# Read from the sentences around each one, in document order.
CONTEXT_FEATURES: tuple[str, ...] = (
    *(f"prev_emb_{i}" for i in range(nlp.EMBEDDING_DIM)),
    "cosine_prev",
    "cosine_next",
)
PARSE_FEATURES: tuple[str, ...] = (
    "log_words",
    "question",
    "has_number",
    "digit_tokens",
    *(f"ent_{label}" for label in lexicon.ENTITY_TYPES),
    "speech_verbs",
    "according_to",
    "past",
    "present",
    "future",
    "modal",
    "first_singular",
    "first_plural",
    "second_person",
    "negation",
    "comparative",
    "superlative",
    "proper_noun_share",
)
# Components the features read; the parser only splits sentences, and a
# transcript line is one already.
_UNUSED_FOR_FEATURES = ("parser", nlp.PARAGRAPH_BREAKS)
BATCH_SIZE = 256


def parse_features(tokens: Span | SpacyDoc) -> list[float]:
    """The parse features of one sentence (a spaCy span of a story, or a parsed line)."""
    words = [t for t in tokens if not (t.is_space or t.is_punct)]
    lowers = [t.lower_ for t in tokens]
    entities = [ent.label_ for ent in tokens.ents]
    has_number = any(
        (t.like_num and t.ent_type_ not in lexicon.NON_QUANTITY_ENTITIES)
        or t.ent_type_ in lexicon.QUANTITY_ENTITIES
        for t in tokens
    )
    tags = [t.tag_ for t in tokens]
    future = sum(
        1 for t in tokens if t.tag_ == "MD" and t.lower_ in lexicon.FUTURE_MODALS
    ) + _count_phrase(lowers, ("going", "to"))
    return [
        math.log1p(len(words)),
        float("?" in lowers),
        float(has_number),
        _log_count(any(c.isdigit() for c in t.text) for t in tokens),
        *(_log_count(label == wanted for label in entities) for wanted in lexicon.ENTITY_TYPES),
        _log_count(t.pos_ == "VERB" and t.lemma_.lower() in lexicon.SPEECH_VERBS for t in tokens),
        float(_count_phrase(lowers, ("according", "to")) > 0),
        _log_count(tag == "VBD" for tag in tags),
        _log_count(tag in {"VBZ", "VBP"} for tag in tags),
        math.log1p(future),
        _log_count(t.tag_ == "MD" and t.lower_ in lexicon.MODALS for t in tokens),
        _log_count(w in lexicon.FIRST_SINGULAR for w in lowers),
        _log_count(w in lexicon.FIRST_PLURAL for w in lowers),
        _log_count(w in lexicon.SECOND_PERSON for w in lowers),
        _log_count(w in lexicon.NEGATIONS for w in lowers),
        _log_count(tag in {"JJR", "RBR"} for tag in tags),
        _log_count(tag in {"JJS", "RBS"} for tag in tags),
        sum(1 for t in words if t.pos_ == "PROPN") / max(len(words), 1),
    ]


def _log_count(flags: Iterable[bool]) -> float:
    return math.log1p(sum(1 for f in flags if f))


def _count_phrase(words: Sequence[str], phrase: tuple[str, ...]) -> int:
    n = len(phrase)
    return sum(1 for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == phrase)


def parse_matrix(texts: list[str], name: str) -> npt.NDArray[np.float32]:
    """Parse features of many sentences, kept on disk like their embeddings.

    The file name carries a digest of the texts, the spaCy model and the
    feature version, so a changed dataset or feature never reads stale rows.
    """
    digest = hashlib.sha256(f"{nlp.SPACY_MODEL}/{PARSE_VERSION}".encode())
    for text in texts:
        digest.update(text.encode() + b"\0")
    path = cache_dir() / f"{name}-parse-{digest.hexdigest()[:16]}.npz"
    if path.is_file():
        with np.load(path, allow_pickle=False) as data:
            return np.asarray(data["features"], dtype=np.float32)
    pipeline = nlp.spacy_pipeline()
    disabled = [p for p in _UNUSED_FOR_FEATURES if p in pipeline.pipe_names]
    with pipeline.select_pipes(disable=disabled):
        rows = [parse_features(doc) for doc in pipeline.pipe(texts, batch_size=BATCH_SIZE)]
    matrix = np.asarray(rows, dtype=np.float32).reshape(len(texts), len(PARSE_FEATURES))
    np.savez_compressed(path, features=matrix)
    return matrix


def combine(
    embeddings: npt.NDArray[np.float32], parse: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """The head's input: the sentence embedding, the parse features, then the context.

    ``embeddings`` are one document's sentences in order. Many check-worthy
    sentences lean on the one before ("It is the biggest job-killer in this
    country" after a sentence naming the law), so the previous sentence's
    embedding and the cosine to each neighbour go in too: on the CheckThat!
    dev transcripts they raised the LightGBM head's MAP from 0.093 to 0.127.
    """
    zero = np.zeros((1, embeddings.shape[1]), dtype=np.float32)
    previous = np.vstack([zero, embeddings[:-1]])[: len(embeddings)]
    following = np.vstack([embeddings[1:], zero])[: len(embeddings)]
    cosine_prev = (embeddings * previous).sum(axis=1, keepdims=True)
    cosine_next = (embeddings * following).sum(axis=1, keepdims=True)
    return np.hstack([embeddings, parse, previous, cosine_prev, cosine_next]).astype(np.float32)


def feature_names() -> list[str]:
    return (
        [f"emb_{i}" for i in range(nlp.EMBEDDING_DIM)]
        + list(PARSE_FEATURES)
        + list(CONTEXT_FEATURES)
    )
