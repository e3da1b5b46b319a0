"""What the story-stance head reads about a (headline, body) pair.

The features are the ones the strongest FNC-1 systems shared: how much of the
headline the body repeats (TF-IDF and topic cosines, word and character n-gram
overlap, after UCL and the challenge baseline), how close the headline's
sentence embedding comes to the body's sentences (Athene), and the refuting,
hedging, negating and confirming words of the body, counted both over the
whole body and over the few sentences closest to the headline, where a body
takes its stance. Headline and body topics let the head learn which claims
tend to be reported and which denied.

Every text is analysed once however many pairs it is in; pair features are
computed body by body so the similarity matrices stay small.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck.analyzers.stance_story import lexicon

# Changes whenever the features of the same pair would change.
FEATURE_VERSION = "1"
MAX_SENTENCES = 60
LEAD_CHARS = 255
TOP_SENTENCES = 3
SVD_TOPICS = 50
MAX_TERMS = 20000
CHAR_GRAMS = (4, 8)
WORD_GRAMS = (2, 3)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+(?=[\"'“‘(\[]?[A-Z0-9])|\s*\n\s*"
)
_QUOTE = re.compile(r"[\"“”]")

CUES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("refuting", lambda w: w in lexicon.REFUTING),
    ("hedging", lambda w: w in lexicon.HEDGING),
    ("negation", lambda w: w in lexicon.NEGATION or w.endswith("n't")),
    ("confirming", lambda w: w in lexicon.CONFIRMING),
)
SENTENCE_CUES = (*(name for name, _ in CUES), "question", "quote")

PAIR_FEATURES: tuple[str, ...] = (
    "tfidf_cos",
    "tfidf_lead_cos",
    "tfidf_sent_max",
    "tfidf_sent_top3",
    "svd_cos",
    "emb_body_cos",
    "emb_sent_max",
    "emb_sent_mean",
    "emb_sent_top3",
    "emb_first_cos",
    "emb_argmax_position",
    "jaccard",
    "headline_in_body",
    "headline_in_lead",
    "headline_idf_in_body",
    *(f"word{n}_body" for n in WORD_GRAMS),
    *(f"word{n}_lead" for n in WORD_GRAMS),
    *(f"char{n}_body" for n in CHAR_GRAMS),
    *(f"char{n}_lead" for n in CHAR_GRAMS),
    "headline_words_log",
    "body_words_log",
    "body_sentences_log",
    *(f"headline_{c}" for c in SENTENCE_CUES),
    *(f"body_{c}_rate" for c in SENTENCE_CUES),
    *(f"top1_{c}" for c in SENTENCE_CUES),
    *(f"top3_{c}" for c in SENTENCE_CUES),
    "headline_polarity",
    "body_polarity",
    *(f"headline_topic_{i}" for i in range(SVD_TOPICS)),
    *(f"body_topic_{i}" for i in range(SVD_TOPICS)),
)

Embed = Callable[[list[str]], npt.NDArray[np.float32]]


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "denies" with "denied", "reports" with "report"."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def content_stems(tokens: Sequence[str]) -> list[str]:
    return [stem(w) for w in tokens if w not in lexicon.STOP_WORDS and len(w) > 1]


def analyzer(text: str) -> list[str]:
    """The TF-IDF terms of a text: content stems and their bigrams."""
    stems = content_stems(words(text))
    return stems + [f"{a} {b}" for a, b in itertools.pairwise(stems)]


def sentences(text: str) -> list[str]:
    """Body sentences by punctuation and line breaks, at most ``MAX_SENTENCES`` of them."""
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    found = [p for p in parts if len(p) > 1]
    return found[:MAX_SENTENCES] or [text.strip() or "."]


def _cue_counts(text: str) -> list[float]:
    tokens = words(text)
    counts = [float(sum(1 for w in tokens if test(w))) for _, test in CUES]
    return [*counts, float("?" in text), float(bool(_QUOTE.search(text)))]


def _grams(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _char_grams(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _share(needles: set[Any], haystack: set[Any]) -> float:
    return len(needles & haystack) / len(needles) if needles else 0.0


@dataclass(frozen=True)
class Vocabulary:
    """The fitted text statistics: TF-IDF terms with their idf, and the SVD topic directions."""

    terms: tuple[str, ...]
    idf: npt.NDArray[np.float64]
    topics: npt.NDArray[np.float32]

    def tfidf(self, texts: Sequence[str]) -> Any:
        """L2-normalised sublinear TF-IDF rows (scipy CSR)."""
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        counts = CountVectorizer(
            analyzer=analyzer, vocabulary={t: i for i, t in enumerate(self.terms)}
        ).transform(list(texts))
        counts = counts.astype(np.float64)
        counts.data = 1.0 + np.log(counts.data)
        return normalize(counts.multiply(self.idf).tocsr())

    def topic_vectors(self, tfidf: Any) -> npt.NDArray[np.float32]:
        return np.asarray(tfidf @ self.topics.T, dtype=np.float32)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        return {"terms": np.asarray(self.terms), "idf": self.idf, "topics": self.topics}

    @classmethod
    def from_arrays(cls, a: dict[str, npt.NDArray[Any]]) -> Vocabulary:
        return cls(
            tuple(str(t) for t in a["terms"]),
            np.asarray(a["idf"], dtype=np.float64),
            np.asarray(a["topics"], dtype=np.float32),
        )

    @classmethod
    def fit(cls, texts: Sequence[str], seed: int) -> Vocabulary:
        """Terms, idf and topics from unlabelled text (bodies and headlines, no stances)."""
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(
            analyzer=analyzer, min_df=2, max_features=MAX_TERMS, sublinear_tf=True
        )
        matrix = vectorizer.fit_transform(list(texts))
        svd = TruncatedSVD(n_components=SVD_TOPICS, random_state=seed).fit(matrix)
        terms = tuple(vectorizer.get_feature_names_out())
        return cls(
            terms,
            np.asarray(vectorizer.idf_, dtype=np.float64),
            svd.components_.astype(np.float32),
        )


@dataclass(frozen=True)
class _Body:
    tokens: list[str]
    content: set[str]
    lead_content: set[str]
    grams: dict[int, set[tuple[str, ...]]]
    lead_grams: dict[int, set[tuple[str, ...]]]
    chars: dict[int, set[str]]
    lead_chars: dict[int, set[str]]
    cues: npt.NDArray[np.float64]
    sentences: list[str]


def _analyse_body(text: str) -> _Body:
    tokens = words(text)
    lead = words(text[:LEAD_CHARS])
    lowered = " ".join(tokens)
    lead_lowered = " ".join(lead)
    found = sentences(text)
    return _Body(
        tokens=tokens,
        content=set(content_stems(tokens)),
        lead_content=set(content_stems(lead)),
        grams={n: _grams(tokens, n) for n in WORD_GRAMS},
        lead_grams={n: _grams(lead, n) for n in WORD_GRAMS},
        chars={n: _char_grams(lowered, n) for n in CHAR_GRAMS},
        lead_chars={n: _char_grams(lead_lowered, n) for n in CHAR_GRAMS},
        cues=np.asarray([_cue_counts(s) for s in found], dtype=np.float64),
        sentences=found,
    )


def pair_features(
    vocabulary: Vocabulary,
    headlines: Sequence[str],
    bodies: Sequence[str],
    pairs: Sequence[tuple[int, int]],
    embed: Embed,
) -> npt.NDArray[np.float32]:
    """One row of ``PAIR_FEATURES`` per (headline index, body index) pair.

    ``embed`` turns texts into unit vectors; training passes a cached one,
    inference the plain embedder.
    """
    out = np.zeros((len(pairs), len(PAIR_FEATURES)), dtype=np.float32)
    if not pairs:
        return out
    analysed = [_analyse_body(b) for b in bodies]
    head_tokens = [words(h) for h in headlines]
    head_cues = np.asarray([_cue_counts(h) for h in headlines], dtype=np.float64)
    body_sentences = [b.sentences for b in analysed]
    flat = [s for found in body_sentences for s in found]
    starts = np.cumsum([0] + [len(found) for found in body_sentences])

    head_tfidf = vocabulary.tfidf(headlines)
    body_tfidf = vocabulary.tfidf(bodies)
    lead_tfidf = vocabulary.tfidf([b[:LEAD_CHARS] for b in bodies])
    sentence_tfidf = vocabulary.tfidf(flat)
    head_topics = vocabulary.topic_vectors(head_tfidf)
    body_topics = vocabulary.topic_vectors(body_tfidf)
    idf = dict(zip(vocabulary.terms, vocabulary.idf, strict=True))
    max_idf = float(vocabulary.idf.max()) if len(vocabulary.idf) else 1.0

    head_vectors = embed(list(headlines))
    sentence_vectors = embed(flat)

    head_index = [h for h, _ in pairs]
    body_index = [b for _, b in pairs]
    whole_cos = _row_dots(head_tfidf[head_index], body_tfidf[body_index])
    lead_cos = _row_dots(head_tfidf[head_index], lead_tfidf[body_index])

    by_body: dict[int, list[int]] = {}
    for row, (_, b) in enumerate(pairs):
        by_body.setdefault(b, []).append(row)
    for b, rows in by_body.items():
        heads = [pairs[r][0] for r in rows]
        body = analysed[b]
        lo, hi = int(starts[b]), int(starts[b + 1])
        sent_vecs = sentence_vectors[lo:hi]
        body_vec = sent_vecs.mean(axis=0)
        body_vec = body_vec / max(float(np.linalg.norm(body_vec)), 1e-9)
        emb_sims = head_vectors[heads] @ sent_vecs.T
        tfidf_sims = (head_tfidf[heads] @ sentence_tfidf[lo:hi].T).toarray()
        order = np.argsort(-emb_sims, axis=1, kind="stable")
        top1 = body.cues[order[:, 0]]
        top3 = body.cues[order[:, :TOP_SENTENCES]].mean(axis=1)
        rate = body.cues.mean(axis=0)
        n_sent = hi - lo
        for k, r in enumerate(rows):
            h = heads[k]
            tokens = head_tokens[h]
            stems = set(content_stems(tokens))
            joined = " ".join(tokens)
            idf_total = sum(idf.get(s, max_idf) for s in stems)
            idf_found = sum(idf.get(s, max_idf) for s in stems & body.content)
            sorted_emb = np.sort(emb_sims[k])[::-1]
            sorted_tfidf = np.sort(tfidf_sims[k])[::-1]
            refuting_h = head_cues[h][0]
            values = [
                float(whole_cos[r]),
                float(lead_cos[r]),
                float(sorted_tfidf[0]),
                float(sorted_tfidf[:TOP_SENTENCES].mean()),
                _cosine(head_topics[h], body_topics[b]),
                float(head_vectors[h] @ body_vec),
                float(sorted_emb[0]),
                float(sorted_emb.mean()),
                float(sorted_emb[:TOP_SENTENCES].mean()),
                float(emb_sims[k][0]),
                float(order[k, 0]) / max(n_sent - 1, 1),
                len(stems & body.content) / max(len(stems | body.content), 1),
                _share(stems, body.content),
                _share(stems, body.lead_content),
                idf_found / idf_total if idf_total else 0.0,
                *(_share(_grams(tokens, n), body.grams[n]) for n in WORD_GRAMS),
                *(_share(_grams(tokens, n), body.lead_grams[n]) for n in WORD_GRAMS),
                *(_share(_char_grams(joined, n), body.chars[n]) for n in CHAR_GRAMS),
                *(_share(_char_grams(joined, n), body.lead_chars[n]) for n in CHAR_GRAMS),
                math.log1p(len(tokens)),
                math.log1p(len(body.tokens)),
                math.log1p(n_sent),
                *head_cues[h],
                *rate,
                *top1[k],
                *top3[k],
                refuting_h % 2,
                float(body.cues[:, 0].sum() % 2),
                *head_topics[h],
                *body_topics[b],
            ]
            out[r] = values
    return out


def _row_dots(a: Any, b: Any) -> npt.NDArray[np.float64]:
    return np.asarray(a.multiply(b).sum(axis=1), dtype=np.float64).ravel()


def _cosine(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm > 0 else 0.0
