"""What the stance head reads about one comment: its words, the words it answers, the claim.

Training (RumourEval tweets) and the analyzer (a story's comments) build the
same rows through the same functions, so a comment is classified the same
way wherever it comes from. Embeddings (mpnet's, ``storycheck.mpnet``) carry
what the wording means; the named cues (``lexicon``) carry the few signals
annotators react to and give an explanation something a reader can check;
depth and similarity say where the comment sits in the conversation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from storycheck import mpnet
from storycheck.analyzers.stance.lexicon import CUES, PARENT_CUES
from storycheck.model import Story

# Changes whenever ``featurize`` would return something else for the same turns.
FEATURE_VERSION = "2"

_URL = re.compile(r"https?://\S+|www\.\S+")
_LEADING_MENTIONS = re.compile(r"^(?:\.?@\w+[:,]?\s*)+")
_MENTION = re.compile(r"@\w+")
_HASHTAG = re.compile(r"#\w+")
_CUE_PATTERNS = tuple(re.compile(pattern) for _, _, pattern in CUES)
_CUE_INDEX = {name: i for i, (name, _, _) in enumerate(CUES)}

# Embedding blocks, each explained as one reason.
BLOCKS: tuple[tuple[str, str], ...] = (
    ("reply", "its wording (sentence embedding)"),
    ("reply_x_claim", "its wording set against the claim's (embedding product)"),
    ("parent", "the wording of what it answers (sentence embedding)"),
    ("reply_x_parent", "its wording set against what it answers (embedding product)"),
)
SIMILARITIES: tuple[tuple[str, str], ...] = (
    ("cos_claim", "how close its wording is to the claim"),
    ("cos_parent", "how close its wording is to what it answers"),
    ("cos_parent_claim", "how close what it answers is to the claim"),
)
COUNTS: tuple[tuple[str, str], ...] = (
    ("links", "carries a link"),
    ("hashtags", "uses hashtags"),
    ("mentions", "names other users"),
    ("log_words", "is short or long"),
)
STRUCTURE: tuple[tuple[str, str], ...] = (
    ("depth", "sits deep in the thread"),
    ("direct_reply", "answers the story directly"),
    ("is_claim", "is the claim itself"),
    ("claim_author", "is written by the story's author"),
)


@dataclass(frozen=True, slots=True)
class Turn:
    """One comment as the head sees it.

    ``parent`` is the text it answers, None for a direct reply to the story
    (the claim is then what it answers); ``depth`` is 0 for a direct reply and
    -1 for the claim itself, which RumourEval labels too.
    """

    text: str
    parent: str | None
    claim: str
    depth: int
    claim_author: bool = False


def clean(text: str) -> str:
    """Tweet furniture out: the leading @names of a reply, links as a word, other @names alike."""
    text = _LEADING_MENTIONS.sub("", text.strip())
    text = _URL.sub("link", text)
    return _MENTION.sub("@user", text).strip()


def turns_of(story: Story, claim: str) -> list[Turn]:
    """The thread's comments in reading order, each with the text it answers."""
    thread = story.thread
    authors = set(story.authors)
    return [
        Turn(
            c.text,
            None if c.parent is None else thread[c.parent].text,
            claim,
            c.depth,
            c.author is not None and c.author in authors,
        )
        for c in thread
    ]


def texts_to_embed(turns: Sequence[Turn]) -> list[str]:
    """Every distinct cleaned text the features need, in first-seen order."""
    seen: dict[str, None] = {}
    for turn in turns:
        seen[clean(turn.text)] = None
        seen[clean(turn.claim)] = None
        if turn.parent is not None:
            seen[clean(turn.parent)] = None
    return list(seen)


def pair_text(turn: Turn) -> str:
    """The tweet, what it answers and the claim as one sequence, for the fine-tuned encoder.

    Separate sentence embeddings cannot say whether a reply disputes the tweet
    above it; attention across one sequence can. The tweet comes first, so
    that truncation of a long thread cuts the claim, which every reply shares.
    """
    parts = [clean(turn.text)]
    if turn.depth >= 0:
        if turn.parent is not None:
            parts.append(clean(turn.parent))
        parts.append(clean(turn.claim))
    return " [SEP] ".join(parts)


def cue_values(text: str) -> list[float]:
    lowered = clean(text).lower()
    return [1.0 if pattern.search(lowered) else 0.0 for pattern in _CUE_PATTERNS]


def feature_names() -> list[str]:
    """Columns of the feature matrix in order; embedding columns as ``block_i``."""
    names = [f"{block}_{i}" for block, _ in BLOCKS for i in range(mpnet.EMBEDDING_DIM)]
    names += [name for name, _ in SIMILARITIES]
    names += [name for name, _, _ in CUES]
    names += [f"parent_{name}" for name in PARENT_CUES]
    names += [name for name, _ in COUNTS]
    names += [name for name, _ in STRUCTURE]
    return names


def featurize(
    turns: Sequence[Turn], vectors: Mapping[str, npt.NDArray[np.float32]]
) -> npt.NDArray[np.float32]:
    """One row per turn; ``vectors`` maps each cleaned text to its unit embedding."""
    rows = [_row(turn, vectors) for turn in turns]
    if not rows:
        return np.zeros((0, len(feature_names())), dtype=np.float32)
    return np.asarray(rows, dtype=np.float32)


def _row(turn: Turn, vectors: Mapping[str, npt.NDArray[np.float32]]) -> npt.NDArray[np.float64]:
    reply = vectors[clean(turn.text)]
    claim = vectors[clean(turn.claim)]
    is_claim = turn.depth < 0
    parent_text = turn.claim if turn.parent is None else turn.parent
    parent = np.zeros_like(reply) if is_claim else vectors[clean(parent_text)]
    parent_cues = [0.0] * len(CUES) if is_claim else cue_values(parent_text)
    raw = turn.text
    return np.concatenate(
        [
            reply,
            reply * claim,
            parent,
            reply * parent,
            [float(reply @ claim), float(reply @ parent), float(parent @ claim)],
            cue_values(raw),
            [parent_cues[_CUE_INDEX[c]] for c in PARENT_CUES],
            [
                float(len(_URL.findall(raw))),
                float(len(_HASHTAG.findall(raw))),
                float(len(_MENTION.findall(_LEADING_MENTIONS.sub("", raw.strip())))),
                math.log1p(len(raw.split())),
            ],
            [
                float(max(turn.depth, 0)),
                float(turn.depth == 0),
                float(is_claim),
                float(turn.claim_author),
            ],
        ]
    )


@cache
def reasons() -> Mapping[str, str]:
    """What each named feature (or embedding block) means, for explanations (built once)."""
    phrases = {name: phrase for name, phrase, _ in CUES}
    named = dict(SIMILARITIES) | dict(COUNTS) | dict(STRUCTURE) | dict(BLOCKS) | phrases
    named |= {f"parent_{c}": f"answers a comment that {phrases[c]}" for c in PARENT_CUES}
    return named


@cache
def reason_groups() -> tuple[tuple[str, npt.NDArray[np.intp]], ...]:
    """Feature columns gathered into the reasons an explanation can give (a block is one).

    Built once: every comment's explanation reads it, and rebuilding it from
    the 1,566 column names for each comment cost a sixth of the analyzer's time.
    """
    blocks = {block for block, _ in BLOCKS}
    groups: dict[str, list[int]] = {}
    for i, name in enumerate(feature_names()):
        stem = name.rsplit("_", 1)[0]
        groups.setdefault(stem if stem in blocks else name, []).append(i)
    return tuple((name, np.asarray(cols, dtype=np.intp)) for name, cols in groups.items())


def cue_slice() -> slice:
    """Where the comment's own cues sit in a row."""
    start = len(BLOCKS) * mpnet.EMBEDDING_DIM + len(SIMILARITIES)
    return slice(start, start + len(CUES))
