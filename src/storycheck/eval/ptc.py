"""SemEval-2020 Task 11 (propaganda techniques in news articles): readers, split and scorers.

Two subtasks share the Propaganda Techniques Corpus. SI finds the spans that
use any technique and is scored by the task's span F1 with partial-overlap
credit; TC names the technique of each given gold span and is scored by
micro-F1. Both scorers follow the task's own scripts (``task-SI_scorer.py``,
``task-TC_scorer.py``), reimplemented here rather than copied:

* SI: overlapping gold spans of an article are merged first (sharing at least
  one character; touching spans stay apart), predicted spans must not
  overlap, and every pair of a predicted span ``s`` and a gold span ``t`` of
  the same article adds ``|s∩t|/|s|`` to the precision numerator and
  ``|s∩t|/|t|`` to the recall numerator; precision divides by the number of
  predicted spans, recall by the number of gold spans, and F1 is 1 when both
  are empty.
* TC: the prediction lists the gold spans with one label each; spans with the
  same offsets (one span, several techniques) are matched label to label so
  that agreement is largest, and micro-F1 over all gold spans is then the
  share of labels right.

The dev split is by article, never by span, so no sentence is seen in training
and scored on dev.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storycheck.errors import Problem, StorycheckError
from storycheck.eval import bootstrap
from storycheck.tasks import ClassScore, Evaluation, Published, class_scores

FOLDER = "ptc"
ARTICLES = "articles"
SI_LABELS = "train-task1-SI.labels"
TC_LABELS = "train-task2-TC.labels"
SI_TASK = "propaganda-spans"
TC_TASK = "propaganda-techniques"
SI_METRIC = "f1"
TC_METRIC = "micro_f1"
# In the order of the task's technique list.
TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)
DEV_SHARE = 0.2
SPLIT_SEED = 20200911
SI_PUBLISHED = (
    Published("Hitachi (SemEval-2020 Task 11 SI, best)", 0.5155, "task test set; BERT ensembles"),
    Published("task baseline (random spans)", 0.0030, "task test set"),
)
TC_PUBLISHED = (
    Published("ApplicaAI (SemEval-2020 Task 11 TC, best)", 0.6338, "task test set; RoBERTa"),
    Published("task baseline (span length, logistic)", 0.2520, "task test set"),
)
_ARTICLE_FILE = re.compile(r"article(\d+)\.txt$")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article, end exclusive, with its technique (empty for SI)."""

    article: str
    start: int
    end: int
    technique: str = ""


@dataclass(frozen=True)
class Corpus:
    """Articles by id and the gold spans over them (SI or TC, whichever was read)."""

    articles: dict[str, str]
    spans: tuple[Span, ...]

    def spans_of(self, article: str) -> list[Span]:
        return [s for s in self.spans if s.article == article]

    def subset(self, ids: Iterable[str]) -> Corpus:
        keep = set(ids)
        return Corpus(
            {k: v for k, v in self.articles.items() if k in keep},
            tuple(s for s in self.spans if s.article in keep),
        )


def read_articles(folder: Path) -> dict[str, str]:
    """``article<ID>.txt`` files as they are: offsets count characters of the raw file."""
    articles: dict[str, str] = {}
    for path in sorted(folder.glob("article*.txt")):
        match = _ARTICLE_FILE.search(path.name)
        if match is None:
            continue
        try:
            with path.open(encoding="utf-8", newline="") as stream:
                articles[match.group(1)] = stream.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    if not articles:
        raise StorycheckError(Problem.BAD_DATA, detail=f"no article<ID>.txt files in {folder}")
    return articles


def read_labels(path: Path) -> tuple[Span, ...]:
    """SI rows (id, start, end) or TC rows (id, technique, start, end), tab separated."""
    spans: list[Span] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        row = line.rstrip("\r\n").split("\t")
        try:
            if len(row) == 3:
                span = Span(row[0], int(row[1]), int(row[2]))
            elif len(row) == 4:
                span = Span(row[0], int(row[2]), int(row[3]), row[1])
            else:
                raise ValueError(f"{len(row)} columns")
        except ValueError as exc:
            raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: line {n}: {exc}") from exc
        if not 0 <= span.start < span.end:
            raise StorycheckError(
                Problem.BAD_DATA, detail=f"{path}: line {n}: span {span.start}-{span.end}"
            )
        spans.append(span)
    return tuple(spans)


def load(paths: Sequence[Path], labels_name: str) -> Corpus:
    """The articles and labels ``--data`` names: the articles folder and the labels file,
    or a folder holding both (``articles/`` beside ``labels_name``)."""
    folders = [p for p in paths if p.is_dir()]
    files = [p for p in paths if p.is_file()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise StorycheckError(Problem.BAD_DATA, detail=f"not found: {missing[0]}")
    article_dirs: list[Path] = []
    for folder in folders:
        if (folder / ARTICLES).is_dir():
            article_dirs.append(folder / ARTICLES)
            if not files and (folder / labels_name).is_file():
                files.append(folder / labels_name)
        else:
            article_dirs.append(folder)
    if len(article_dirs) != 1 or len(files) != 1:
        raise StorycheckError(
            Problem.BAD_DATA,
            detail=f"give one folder of article<ID>.txt files and one {labels_name}-style file",
        )
    articles = read_articles(article_dirs[0])
    spans = read_labels(files[0])
    unknown = sorted({s.article for s in spans} - set(articles))
    if unknown:
        raise StorycheckError(
            Problem.BAD_DATA, detail=f"{files[0]}: no article text for ids {unknown[:5]}"
        )
    for span in spans:
        if span.end > len(articles[span.article]):
            raise StorycheckError(
                Problem.BAD_DATA,
                detail=f"{files[0]}: span {span.start}-{span.end} past the end of {span.article}",
            )
    return Corpus(articles, spans)


def load_release(datasets: Path, labels_name: str) -> Corpus:
    folder = datasets / FOLDER
    return load([folder / ARTICLES, folder / labels_name], labels_name)


def dev_ids(ids: Iterable[str]) -> list[str]:
    """The dev articles: a seeded shuffle of the sorted ids, the first fifth of it."""
    ordered = sorted(ids)
    random.Random(SPLIT_SEED).shuffle(ordered)
    return sorted(ordered[: round(len(ordered) * DEV_SHARE)])


def split(corpus: Corpus) -> tuple[Corpus, Corpus]:
    dev = set(dev_ids(corpus.articles))
    return corpus.subset(set(corpus.articles) - dev), corpus.subset(dev)


def merge_overlapping(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sharing a character become one, as the SI scorer treats gold spans."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


@dataclass(frozen=True)
class SpanScore:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int


@dataclass(frozen=True, slots=True)
class SpanParts:
    """One article's share of the SI score's sums: the overlap credit of its predicted and
    of its gold spans, and how many of each it has."""

    precision_credit: float
    predicted: int
    recall_credit: float
    gold: int


def si_parts(
    predicted: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]
) -> dict[str, SpanParts]:
    """Each article's part of the SI scorer's sums, with partial-overlap credit.

    Gold spans are merged where they overlap; predicted spans must not overlap
    (the scorer refuses such a submission). Articles absent from ``predicted``
    count with no predictions.
    """
    gold_merged = {k: merge_overlapping(v) for k, v in gold.items()}
    for article, spans in predicted.items():
        ordered = sorted(spans)
        for (s1, e1), (s2, e2) in itertools.pairwise(ordered):
            if s2 < e1:
                raise ValueError(f"article {article}: predicted spans {s1}-{e1}, {s2}-{e2} overlap")
        if any(e <= s for s, e in spans):
            raise ValueError(f"article {article}: empty predicted span")
    parts = {}
    for article in sorted(gold_merged.keys() | predicted.keys()):
        spans, truth = predicted.get(article, []), gold_merged.get(article, [])
        prec_num = rec_num = 0.0
        for s_start, s_end in spans:
            for g_start, g_end in truth:
                overlap = max(0, min(s_end, g_end) - max(s_start, g_start))
                if overlap:
                    prec_num += overlap / (s_end - s_start)
                    rec_num += overlap / (g_end - g_start)
        parts[article] = SpanParts(prec_num, len(spans), rec_num, len(truth))
    return parts


def si_combine(parts: Iterable[SpanParts]) -> SpanScore:
    """The SI score of articles from their parts (the scorer's sums are over articles)."""
    listed = list(parts)
    n_pred = sum(p.predicted for p in listed)
    n_gold = sum(p.gold for p in listed)
    precision = sum(p.precision_credit for p in listed) / n_pred if n_pred else 0.0
    recall = sum(p.recall_credit for p in listed) / n_gold if n_gold else 0.0
    if n_pred == 0 and n_gold == 0:
        f1 = 1.0
    elif precision > 0 and recall > 0:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 0.0
    return SpanScore(precision, recall, f1, n_pred, n_gold)


def si_score(
    predicted: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]
) -> SpanScore:
    """The SI scorer's precision, recall and F1 with partial-overlap credit (``si_parts``)."""
    return si_combine(si_parts(predicted, gold).values())


def gold_si(corpus: Corpus) -> dict[str, list[tuple[int, int]]]:
    gold: dict[str, list[tuple[int, int]]] = {k: [] for k in corpus.articles}
    for span in corpus.spans:
        gold[span.article].append((span.start, span.end))
    return gold


def evaluate_si(
    corpus: Corpus, predicted: dict[str, list[tuple[int, int]]], split_name: str
) -> Evaluation:
    parts = si_parts(predicted, gold_si(corpus))
    score = si_combine(parts.values())
    return Evaluation(
        task=SI_TASK,
        metric=SI_METRIC,
        value=score.f1,
        split=split_name,
        classes=(
            ClassScore("propaganda span", score.precision, score.recall, score.f1, score.gold),
        ),
        extra={
            "precision": score.precision,
            "recall": score.recall,
            "predicted spans": float(score.predicted),
            "gold spans (merged)": float(score.gold),
            "articles": float(len(corpus.articles)),
            **bootstrap.interval_extra(
                SI_METRIC, "articles", list(parts.values()), lambda ps: si_combine(ps).f1
            ),
        },
        published=SI_PUBLISHED,
    )


def align_tc(gold: Sequence[Span], predicted: Sequence[str]) -> list[str]:
    """Predicted labels reordered within each group of identical spans to agree most with gold,
    as the TC scorer aligns them; ``predicted[i]`` is the label given to ``gold[i]``."""
    if len(gold) != len(predicted):
        raise ValueError("one predicted label per gold span")
    groups: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i, span in enumerate(gold):
        groups[(span.article, span.start, span.end)].append(i)
    aligned = list(predicted)
    for rows in groups.values():
        left = Counter(predicted[i] for i in rows)
        unmatched: list[int] = []
        for i in rows:
            if left[gold[i].technique] > 0:
                aligned[i] = gold[i].technique
                left[gold[i].technique] -= 1
            else:
                unmatched.append(i)
        rest = list(left.elements())
        for i, label in zip(unmatched, rest, strict=True):
            aligned[i] = label
    return aligned


def tc_micro_f1(gold: Sequence[Span], predicted: Sequence[str]) -> float:
    """Micro-F1 over gold spans: with one label per gold span it is the share right."""
    if not gold:
        return 0.0
    aligned = align_tc(gold, predicted)
    return sum(g.technique == p for g, p in zip(gold, aligned, strict=True)) / len(gold)


def evaluate_tc(corpus: Corpus, predicted: Sequence[str], split_name: str) -> Evaluation:
    gold = list(corpus.spans)
    aligned = align_tc(gold, predicted)
    classes = class_scores([s.technique for s in gold], aligned, TECHNIQUES)
    # Each article's right labels and spans, for the interval: micro-F1 is their ratio.
    per_article: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for span, label in zip(gold, aligned, strict=True):
        per_article[span.article][0] += span.technique == label
        per_article[span.article][1] += 1
    return Evaluation(
        task=TC_TASK,
        metric=TC_METRIC,
        value=tc_micro_f1(gold, predicted),
        split=split_name,
        classes=classes,
        extra={
            "spans": float(len(gold)),
            "articles": float(len(corpus.articles)),
            "macro_f1": _macro_f1(classes),
            **bootstrap.interval_extra(
                TC_METRIC,
                "articles",
                list(per_article.values()),
                lambda counts: sum(c[0] for c in counts) / sum(c[1] for c in counts),
            ),
        },
        published=TC_PUBLISHED,
    )


def _macro_f1(classes: Sequence[ClassScore]) -> float:
    present = [c.f1 for c in classes if c.support]
    return sum(present) / len(present) if present else 0.0
