"""Whether a text argues fallaciously at all, which the LOGIC classifier cannot say.

Every LOGIC example is a fallacy, so the type classifier names one for any
text, a plain report of an air strike included. The gate is a logistic
regression on the sentence embedding that tells fallacious texts (LOGIC and
LogicClimate training examples) from news sentences in which the propaganda
corpus marks no technique at all (PTC lines outside every span, from the
propaganda tasks' training articles). Neither side is a perfect label: a PTC
line without a marked technique may still hold a fallacy, and LogicClimate
is all about climate. It is scored on the held-out side of both: LOGIC and
LogicClimate dev against the PTC dev articles' lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storycheck.eval import logic, ptc

# Lines shorter than this are bylines, datelines and captions, not arguments.
MIN_WORDS = 6
C = 1.0
# Matches LogisticRegression's balanced classes: 0.5 splits the two sides evenly.
THRESHOLD = 0.5
POSITIVE_TRAIN = (logic.TRAIN_FILE, "climate_train.csv")
POSITIVE_DEV = (logic.DEV_FILE, logic.CLIMATE_DEV_FILE)


@dataclass(frozen=True)
class Gate:
    coef: npt.NDArray[np.float32]
    intercept: float

    def proba(self, embeddings: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        z = embeddings.astype(np.float64) @ self.coef.astype(np.float64) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        return {"coef": self.coef.astype(np.float32), "intercept": np.asarray([self.intercept])}

    @classmethod
    def from_arrays(cls, arrays: dict[str, npt.NDArray[Any]]) -> Gate:
        return cls(arrays["coef"], float(arrays["intercept"][0]))


def unmarked_lines(articles: dict[str, str], spans: tuple[ptc.Span, ...]) -> list[str]:
    """Article lines (titles aside) that no propaganda span touches."""
    by_article: dict[str, list[tuple[int, int]]] = {}
    for span in spans:
        by_article.setdefault(span.article, []).append((span.start, span.end))
    lines = []
    for article, text in sorted(articles.items()):
        marked = by_article.get(article, [])
        offset = 0
        for number, line in enumerate(text.split("\n")):
            start, end = offset, offset + len(line)
            offset = end + 1
            if number == 0 or len(line.split()) < MIN_WORDS:
                continue
            if not any(a < end and b > start for a, b in marked):
                lines.append(line.strip())
    return lines


@dataclass(frozen=True)
class GateData:
    train_texts: list[str]
    train_labels: npt.NDArray[np.int8]
    dev_texts: list[str]
    dev_labels: npt.NDArray[np.int8]


def load(datasets: Path) -> GateData:
    folder = datasets / logic.FOLDER
    train_corpus, dev_corpus = ptc.split(ptc.load_release(datasets, ptc.SI_LABELS))
    positive_train = [e.text for f in POSITIVE_TRAIN for e in logic.read_split(folder / f)]
    positive_dev = [e.text for f in POSITIVE_DEV for e in logic.read_split(folder / f)]
    negative_train = unmarked_lines(train_corpus.articles, train_corpus.spans)
    negative_dev = unmarked_lines(dev_corpus.articles, dev_corpus.spans)
    return GateData(
        positive_train + negative_train,
        np.r_[np.ones(len(positive_train)), np.zeros(len(negative_train))].astype(np.int8),
        positive_dev + negative_dev,
        np.r_[np.ones(len(positive_dev)), np.zeros(len(negative_dev))].astype(np.int8),
    )


def fit(embeddings: npt.NDArray[np.float32], labels: npt.NDArray[np.int8]) -> Gate:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    model.fit(embeddings, labels)
    return Gate(model.coef_[0].astype(np.float32), float(model.intercept_[0]))


def report(
    gate: Gate, embeddings: npt.NDArray[np.float32], labels: npt.NDArray[np.int8]
) -> dict[str, float]:
    """Dev AUC and the share of each side that passes the gate."""
    from sklearn.metrics import roc_auc_score

    scores = gate.proba(embeddings)
    passed = scores >= THRESHOLD
    return {
        "gate_dev_auc": float(roc_auc_score(labels, scores)),
        "gate_dev_fallacies_passed": float(passed[labels == 1].mean()),
        "gate_dev_plain_news_passed": float(passed[labels == 0].mean()),
    }
