"""What the veracity heads read: the statement's words and embedding, and who said it where.

Everything a fitted featuriser needs is plain arrays (vocabularies as string
arrays, idf weights), so it is saved beside the head without pickle and the
shipped model turns a statement into the same row it was trained on.

Feature sets, from the benchmark's text-only setting to its leaky one:
``text`` (TF-IDF of word 1-2 grams and the sentence embedding), ``meta``
(adds one-hot speaker, party, job, state, context and multi-hot subjects) and
``credit`` (adds the speaker's credit-history counts, which include the
statement's own verdict: reported, never shipped).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from storycheck import nlp
from storycheck.eval.liar import Statement

TEXT = "text"
META = "meta"
CREDIT = "credit"
FEATURE_SETS = (TEXT, META, CREDIT)
NGRAMS = (1, 2)
MIN_DF = 3
MAX_TERMS = 20000
# Metadata values seen fewer times than this in training carry no weight worth learning.
MIN_VALUE_COUNT = 2
SINGLE_FIELDS = ("speaker", "party", "job", "state", "context")
SUBJECTS = "subjects"
META_FIELDS = (*SINGLE_FIELDS, SUBJECTS)
_SPACES = re.compile(r"\s+")


def _norm(value: str) -> str:
    return _SPACES.sub(" ", value).strip().lower()


def field_values(statement: Statement, name: str) -> list[str]:
    """The normalised values of one metadata field (several only for subjects)."""
    if name == SUBJECTS:
        return [_norm(s) for s in statement.subjects if _norm(s)]
    value = _norm(str(getattr(statement, name)))
    return [value] if value else []


@dataclass(frozen=True)
class Featuriser:
    """A fitted featuriser: TF-IDF vocabulary and idf, metadata vocabularies."""

    feature_set: str
    terms: npt.NDArray[np.str_]
    idf: npt.NDArray[np.float32]
    meta_names: npt.NDArray[np.str_]

    @classmethod
    def fit(cls, statements: Sequence[Statement], feature_set: str) -> Featuriser:
        from sklearn.feature_extraction.text import TfidfVectorizer

        if feature_set not in FEATURE_SETS:
            raise ValueError(f"unknown feature set {feature_set!r}")
        vectoriser = TfidfVectorizer(
            ngram_range=NGRAMS, min_df=MIN_DF, max_features=MAX_TERMS, sublinear_tf=True
        )
        vectoriser.fit([s.text for s in statements])
        terms = vectoriser.get_feature_names_out()
        idf = np.asarray(vectoriser.idf_, dtype=np.float32)
        names: list[str] = []
        if feature_set != TEXT:
            for name in META_FIELDS:
                counts = Counter(v for s in statements for v in field_values(s, name))
                names += sorted(f"{name}={v}" for v, n in counts.items() if n >= MIN_VALUE_COUNT)
        return cls(feature_set, np.asarray(terms, dtype=np.str_), idf, np.asarray(names))

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        return {"terms": self.terms, "idf": self.idf, "meta_names": self.meta_names}

    @classmethod
    def from_arrays(cls, feature_set: str, arrays: dict[str, npt.NDArray[Any]]) -> Featuriser:
        return cls(
            feature_set,
            np.asarray(arrays["terms"], dtype=np.str_),
            np.asarray(arrays["idf"], dtype=np.float32),
            np.asarray(arrays["meta_names"], dtype=np.str_),
        )

    def tfidf(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Sublinear, l2-normalised TF-IDF over the fitted vocabulary, as the fit computed it."""
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        vocabulary = {str(t): i for i, t in enumerate(self.terms)}
        counts = CountVectorizer(ngram_range=NGRAMS, vocabulary=vocabulary).transform(texts)
        counts = sp.csr_matrix(counts, dtype=np.float32)
        counts.data = 1.0 + np.log(counts.data)
        weighted = sp.csr_matrix(counts.multiply(self.idf[np.newaxis, :]))
        return sp.csr_matrix(normalize(weighted), dtype=np.float32)

    def metadata(self, statements: Sequence[Statement]) -> sp.csr_matrix:
        column = {str(n): i for i, n in enumerate(self.meta_names)}
        rows: list[int] = []
        cols: list[int] = []
        for r, statement in enumerate(statements):
            for name in META_FIELDS:
                for value in field_values(statement, name):
                    c = column.get(f"{name}={value}")
                    if c is not None:
                        rows.append(r)
                        cols.append(c)
        data = np.ones(len(rows), dtype=np.float32)
        return sp.csr_matrix((data, (rows, cols)), shape=(len(statements), len(column)))

    def transform(
        self, statements: Sequence[Statement], embeddings: npt.NDArray[np.float32]
    ) -> sp.csr_matrix:
        """A row per statement: TF-IDF, embedding, then metadata and credit if the set has them."""
        blocks = [self.tfidf([s.text for s in statements]), sp.csr_matrix(embeddings)]
        if self.feature_set != TEXT:
            blocks.append(self.metadata(statements))
        if self.feature_set == CREDIT:
            credit = np.log1p(np.asarray([s.credit for s in statements], dtype=np.float32))
            blocks.append(sp.csr_matrix(credit.reshape(len(statements), -1)))
        return sp.csr_matrix(sp.hstack(blocks, format="csr"), dtype=np.float32)

    def feature_names(self) -> list[str]:
        names = [f"tfidf_{i}" for i in range(len(self.terms))]
        names += [f"emb_{i}" for i in range(nlp.EMBEDDING_DIM)]
        if self.feature_set != TEXT:
            names += [f"meta_{i}" for i in range(len(self.meta_names))]
        if self.feature_set == CREDIT:
            names += [f"credit_{i}" for i in range(5)]
        return names


def embeddings(statements: Sequence[Statement], name: str) -> npt.NDArray[np.float32]:
    """Sentence embeddings of the statements, cached on disk under ``name``."""
    return nlp.embed_cached([s.text for s in statements], name)
