"""What the fallacy head reads: word and character n-grams beside the sentence embedding.

The LOGIC examples are short and formulaic ("Everyone is buying it, so it
must be good"), so the words that carry the argument's shape ("everyone",
"either ... or", "because") matter as much as the gist; TF-IDF n-grams keep
them and the embedding adds what the wording hides. The vectorisers are kept
as their vocabulary and IDF weights, never as pickled objects, and rebuilt
from those arrays so that training and the analyzer transform text the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

# Changes whenever the same text and arrays would give other features.
FEATURE_VERSION = "1"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
MIN_DF = 2
# The embedding's columns are scaled by this against the unit-length TF-IDF rows.
EMBEDDING_WEIGHT = 1.0


def _word_vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        ngram_range=WORD_NGRAMS, sublinear_tf=True, min_df=MIN_DF, vocabulary=vocabulary
    )


def _char_vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=CHAR_NGRAMS,
        sublinear_tf=True,
        min_df=MIN_DF,
        vocabulary=vocabulary,
    )


@dataclass(frozen=True)
class TextFeatures:
    """The fitted word and character vectorisers."""

    word: TfidfVectorizer
    char: TfidfVectorizer

    @classmethod
    def fit(cls, texts: list[str]) -> TextFeatures:
        word = _word_vectorizer()
        char = _char_vectorizer()
        word.fit(texts)
        char.fit(texts)
        return cls(word, char)

    def matrix(self, texts: list[str], embeddings: npt.NDArray[np.float32]) -> csr_matrix:
        """One row per text: word n-grams, character n-grams, then the scaled embedding."""
        from scipy.sparse import csr_matrix, hstack

        if len(texts) != len(embeddings):
            raise ValueError("one embedding per text")
        blocks = [
            self.word.transform(texts),
            self.char.transform(texts),
            csr_matrix(embeddings * EMBEDDING_WEIGHT),
        ]
        return csr_matrix(hstack(blocks, format="csr", dtype=np.float32))

    @property
    def width(self) -> int:
        return len(self.word.vocabulary_) + len(self.char.vocabulary_)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        return {
            "word_terms": _terms(self.word),
            "word_idf": self.word.idf_.astype(np.float32),
            "char_terms": _terms(self.char),
            "char_idf": self.char.idf_.astype(np.float32),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, npt.NDArray[Any]]) -> TextFeatures:
        word = _word_vectorizer(_vocabulary(arrays["word_terms"]))
        char = _char_vectorizer(_vocabulary(arrays["char_terms"]))
        word.idf_ = arrays["word_idf"].astype(np.float64)
        char.idf_ = arrays["char_idf"].astype(np.float64)
        return cls(word, char)


def _terms(vectorizer: TfidfVectorizer) -> npt.NDArray[np.str_]:
    vocabulary: dict[str, int] = vectorizer.vocabulary_
    return np.asarray(sorted(vocabulary, key=vocabulary.__getitem__), dtype=np.str_)


def _vocabulary(terms: npt.NDArray[np.str_]) -> dict[str, int]:
    return {str(term): index for index, term in enumerate(terms)}
