from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from storycheck.errors import StorycheckError
from storycheck.eval import ptc
from storycheck.paths import model_dir


@pytest.fixture(scope="module")
def si(datasets: Path) -> ptc.Corpus:
    return ptc.load_release(datasets, ptc.SI_LABELS)


@pytest.fixture(scope="module")
def tc(datasets: Path) -> ptc.Corpus:
    return ptc.load_release(datasets, ptc.TC_LABELS)


def test_release_is_read_whole_with_offsets_into_the_raw_files(
    si: ptc.Corpus, tc: ptc.Corpus
) -> None:
    assert len(si.articles) == len(tc.articles) == 297
    assert len(si.spans) == 4346
    assert len(tc.spans) == 4857
    assert {s.technique for s in tc.spans} == set(ptc.TECHNIQUES)
    # The first TC row of the release: a Doubt span in the WHO plague article.
    first = tc.spans_of("111111111")
    doubt = next(s for s in first if (s.start, s.end) == (149, 157))
    assert doubt.technique == "Doubt"
    assert tc.articles["111111111"][149:157] == "appeared"


def test_dev_split_is_by_article_seeded_and_a_fifth(si: ptc.Corpus) -> None:
    train, dev = ptc.split(si)
    assert not set(train.articles) & set(dev.articles)
    assert len(dev.articles) == round(297 * ptc.DEV_SHARE)
    assert ptc.dev_ids(reversed(list(si.articles))) == sorted(dev.articles)
    assert {s.article for s in dev.spans} <= set(dev.articles)
    for task in (ptc.SI_TASK, ptc.TC_TASK):
        meta = json.loads((model_dir(task) / "meta.json").read_text())
        assert meta["details"]["dev_articles"] == sorted(dev.articles)


def _official_si(
    predicted: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]
) -> float:
    """The task scorer's computation, on character sets, as task-SI_scorer.py does it."""
    merged: dict[str, list[set[int]]] = {}
    for article, spans in gold.items():
        sets: list[set[int]] = []
        for start, end in spans:
            new = set(range(start, end))
            for other in [s for s in sets if s & new]:
                sets.remove(other)
                new |= other
            sets.append(new)
        merged[article] = sets
    prec = rec = 0.0
    for article, spans in predicted.items():
        for start, end in spans:
            p = set(range(start, end))
            for g in merged.get(article, []):
                prec += len(p & g) / len(p)
                rec += len(p & g) / len(g)
    n_p = sum(len(v) for v in predicted.values())
    n_g = sum(len(v) for v in merged.values())
    precision, recall = (prec / n_p if n_p else 0.0), (rec / n_g if n_g else 0.0)
    return 2 * precision * recall / (precision + recall) if precision and recall else 0.0


def test_si_score_matches_the_task_scorer_on_perturbed_gold(si: ptc.Corpus) -> None:
    _, dev = ptc.split(si)
    gold = ptc.gold_si(dev)
    rng = random.Random(7)
    predicted: dict[str, list[tuple[int, int]]] = {}
    for article, spans in gold.items():
        shifted = []
        for start, end in ptc.merge_overlapping(spans):
            if rng.random() < 0.3:
                continue
            a = max(0, start + rng.randint(-15, 15))
            shifted.append((a, max(a + 1, end + rng.randint(-15, 15))))
        predicted[article] = ptc.merge_overlapping(shifted)
    ours = ptc.si_score(predicted, gold)
    assert 0.3 < ours.f1 < 0.95
    assert ours.f1 == pytest.approx(_official_si(predicted, gold), abs=1e-12)
    assert ptc.si_score({k: ptc.merge_overlapping(v) for k, v in gold.items()}, gold).f1 == 1.0


def test_si_partial_overlap_credit_and_merging() -> None:
    # Half of the predicted span overlaps half of the gold span.
    half = ptc.si_score({"a": [(5, 15)]}, {"a": [(0, 10)]})
    assert (half.precision, half.recall, half.f1) == (0.5, 0.5, 0.5)
    # Overlapping gold spans count once, merged; touching ones stay two.
    assert ptc.si_score({"a": [(0, 20)]}, {"a": [(0, 10), (5, 20)]}).f1 == 1.0
    touching = ptc.si_score({"a": [(0, 20)]}, {"a": [(0, 10), (10, 20)]})
    assert (touching.precision, touching.recall, touching.gold) == (1.0, 1.0, 2)
    # Gold spans of an article without predictions still count in recall.
    assert ptc.si_score({"a": [(0, 10)]}, {"a": [(0, 10)], "b": [(0, 4)]}).recall == 0.5
    assert ptc.si_score({}, {}).f1 == 1.0
    with pytest.raises(ValueError, match="overlap"):
        ptc.si_score({"a": [(0, 10), (5, 12)]}, {"a": [(0, 10)]})


def test_tc_aligns_labels_of_spans_given_twice() -> None:
    gold = [
        ptc.Span("a", 0, 5, "Doubt"),
        ptc.Span("a", 0, 5, "Loaded_Language"),
        ptc.Span("a", 9, 12, "Repetition"),
    ]
    assert ptc.tc_micro_f1(gold, ["Loaded_Language", "Doubt", "Repetition"]) == 1.0
    assert ptc.tc_micro_f1(gold, ["Doubt", "Doubt", "Repetition"]) == pytest.approx(2 / 3)
    assert ptc.align_tc(gold, ["Slogans", "Doubt", "Slogans"]) == ["Doubt", "Slogans", "Slogans"]


def test_data_layout_folder_and_labels_file(tmp_path: Path, datasets: Path) -> None:
    source = datasets / ptc.FOLDER
    articles = tmp_path / "articles"
    articles.mkdir()
    ids = ["111111111", "111111112"]
    for i in ids:
        shutil.copy(source / "articles" / f"article{i}.txt", articles)
    labels = tmp_path / "labels.tsv"
    rows = [
        line
        for line in (source / ptc.TC_LABELS).read_text().splitlines()
        if line.split("\t")[0] in ids
    ]
    labels.write_text("\n".join(rows) + "\n")
    corpus = ptc.load([articles, labels], ptc.TC_LABELS)
    assert set(corpus.articles) == set(ids)
    assert len(corpus.spans) == len(rows)
    whole = ptc.load([source], ptc.SI_LABELS)
    assert len(whole.spans) == 4346
    with pytest.raises(StorycheckError):
        ptc.load([labels], ptc.TC_LABELS)
    bad = tmp_path / "bad.tsv"
    bad.write_text("111111111\tDoubt\t10\t5\n")
    with pytest.raises(StorycheckError):
        ptc.load([articles, bad], ptc.TC_LABELS)
