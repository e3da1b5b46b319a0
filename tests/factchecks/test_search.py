from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storycheck.factchecks import claimreview, liar_source, store
from storycheck.factchecks.evaluation import evaluate, map_at, ranks, recall_at
from storycheck.factchecks.memory import Memory, build
from storycheck.factchecks.records import FactCheck
from storycheck.factchecks.retrieval import SIMILARITY_THRESHOLD


@pytest.fixture(scope="module")
def liar_slice(datasets: Path) -> list[FactCheck]:
    records = [check for _, checks in liar_source.by_split(datasets) for check in checks]
    at = [f.id for f in records].index("liar:12134.json")
    return records[at - 300 : at + 300]


@pytest.mark.slow
def test_a_paraphrase_finds_the_liar_statement(liar_slice: list[FactCheck]) -> None:
    memory = Memory.of(liar_slice)
    target = next(f for f in liar_slice if f.id == "liar:12134.json")
    assert target.claim == "We have less Americans working now than in the 70s."
    (best, *_) = memory.search("Fewer people in America have jobs today than in the 1970s", 5)
    assert best.factcheck.id == "liar:12134.json"
    assert best.factcheck.verdict == "barely-true"
    assert best.cosine >= SIMILARITY_THRESHOLD
    assert best.factcheck.justification.startswith("However, Hartzler")


def test_ranks_and_metrics_on_a_known_matrix() -> None:
    scores = np.asarray([[0.9, 0.1, 0.2], [0.8, 0.5, 0.1], [0.3, 0.2, 0.1]])
    r = ranks(scores)
    assert r.tolist() == [1, 2, 3]
    assert map_at(r) == pytest.approx((1 + 1 / 2 + 1 / 3) / 3)
    assert recall_at(r, 2) == pytest.approx(2 / 3)


@pytest.mark.slow
def test_retrieval_evaluation_on_a_slice(datasets: Path) -> None:
    report = evaluate(datasets, limit=80)
    forward = report.directions[0]
    assert forward.queries == 80
    for system, value in forward.map5.items():
        assert 0.0 < value <= forward.recall10[system] <= 1.0
    # Paraphrase-level matching: the embedding and the re-ranker beat chance by far.
    assert forward.recall10["rerank (cross-fitted)"] > 0.5
    assert 0.0 < report.threshold <= 1.0


@pytest.mark.slow
def test_imported_records_are_searchable_without_the_datasets(
    claim_review: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "factchecks.jsonl"
    records, _ = claimreview.parse(json.dumps(claim_review))
    store.add(records, path)
    memory = build(None, path)
    assert len(memory) == 1
    (match,) = memory.search("Will the harbour be shut to ships next month?", 3)
    assert match.factcheck.verdict == "Mostly false"
    assert match.to_dict()["source"] == "Example Fact Desk"


def test_an_empty_memory_searches_quietly() -> None:
    import warnings

    import numpy as np

    from storycheck.factchecks.retrieval import Retriever

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        retriever = Retriever([], np.zeros((0, 384), dtype=np.float32))
        assert retriever.bm25_scores("the harbour will close").shape == (0,)


def test_building_an_index_logs_nothing_to_a_configured_application(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from storycheck.factchecks.retrieval import Retriever

    with caplog.at_level(logging.DEBUG):
        Retriever(["the harbour will close", "ferries run"], np.eye(2, 384, dtype=np.float32))
    assert not [r for r in caplog.records if r.name.startswith("bm25s")]
