"""Batch runs over real corpus rows: nothing lost, resumable after a kill, same on Dask."""

from __future__ import annotations

import csv
import importlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent import futures
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from storycheck import batch
from storycheck.batch.views import query
from storycheck.batch.work import Item
from storycheck.cli import app
from storycheck.errors import StorycheckError
from storycheck.read import read

ANALYZERS = ("thread", "sources", "evidence")
ROWS = 12
REPORTS_LOGGED = 24_000


@pytest.fixture(scope="module")
def corpus(datasets: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve FakeNewsCorpus sample articles as JSONL, and one malformed line among them."""
    csv.field_size_limit(1 << 24)
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    source = datasets / "fakenewscorpus" / "news_sample.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if len(r["content"]) < 4000][:ROWS]
    lines = [
        json.dumps(
            {
                "id": f"fnc-{r['id']}",
                "title": r["title"],
                "text": r["content"],
                "url": r["url"],
                "outlet": r["domain"],
            }
        )
        for r in rows
    ]
    lines.insert(5, '{"id": "broken", "title": "cut off in the middle')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(corpus: Path, out: Path, workers: int = 1) -> batch.Summary:
    engine = batch.make_engine("local", workers, None, ANALYZERS)
    sink = batch.open_sink(out)
    try:
        return batch.run([str(corpus)], sink, engine, max_bytes=1 << 22, chunk_size=3)
    finally:
        engine.close()
        sink.close()


def _ids(out: Path, table: str) -> list[str]:
    return sorted(str(r[0]) for r in query(out, f"SELECT doc_id FROM {table}"))


def test_a_broken_row_is_an_error_row_and_every_other_row_is_stored(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results.duckdb"
    summary = _run(corpus, out)
    assert (summary.analysed, summary.failed) == (ROWS, 1)
    assert len(_ids(out, "stories")) == ROWS
    [(doc_id, stage, code, reason)] = query(out, "SELECT doc_id, stage, code, reason FROM errors")
    assert (doc_id, stage, code) == ("news.jsonl:6", "read", "E007")
    assert reason.startswith("[E007] invalid JSON")
    assert summary.failures == [f"news.jsonl:6: {reason}"]
    [(claims, with_evidence)] = query(out, "SELECT count(*), count(evidence) FROM claims")
    assert isinstance(claims, int) and claims >= ROWS and claims == with_evidence


def test_a_second_run_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.duckdb"
    _run(corpus, out)
    before = {t: len(_ids(out, t)) for t in batch.SCHEMAS}
    again = _run(corpus, out)
    assert (again.analysed, again.failed, again.skipped) == (0, 0, ROWS + 1)
    assert {t: len(_ids(out, t)) for t in batch.SCHEMAS} == before


def test_parquet_results_read_like_duckdb(corpus: Path, tmp_path: Path) -> None:
    duck, parquet = tmp_path / "r.duckdb", tmp_path / "r.parquet"
    _run(corpus, duck)
    _run(corpus, parquet)
    for table in ("stories", "claims", "sources", "errors"):
        assert _ids(duck, table) == _ids(parquet, table)
    sql = "SELECT outlet, claims FROM outlet_sources ORDER BY outlet"
    assert query(duck, sql) == query(parquet, sql)


@pytest.mark.parametrize("results", ["killed.duckdb", "killed.parquet"])
def test_killed_mid_run_then_restarted_loses_and_doubles_nothing(
    corpus: Path, tmp_path: Path, results: str
) -> None:
    out = tmp_path / results
    command = [
        sys.executable,
        "-m",
        "storycheck",
        "batch",
        str(corpus),
        "-o",
        str(out),
        "--workers",
        "1",
        "--chunk",
        "2",
        "--analyzers",
        ",".join(ANALYZERS),
    ]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not _some_written(out) and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.2)
    assert first.poll() is None, "the run finished before it could be killed"
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    partial = len(_ids(out, "stories"))
    assert 0 < partial < ROWS
    broken_stored = len(_ids(out, "errors")) == 1
    second = subprocess.run(command, capture_output=True, text=True, timeout=600)
    # The broken row fails the run only if it is met (and stored) in this one.
    assert second.returncode == (0 if broken_stored else 1), second.stderr
    assert _ids(out, "stories") == sorted(set(_ids(out, "stories")))
    assert len(_ids(out, "stories")) == ROWS
    assert len(_ids(out, "errors")) == 1


def _some_written(out: Path) -> bool:
    """A chunk is on disk: a Parquet part, or a DuckDB log that holds stored reports.

    The writer holds DuckDB's lock, so its log is watched instead of the tables:
    creating the tables logs a few kilobytes, a chunk of two reports tens of them.
    """
    if out.suffix == ".parquet":
        return any((out / "stories").glob("*.parquet"))
    wal = out.with_name(out.name + ".wal")
    return wal.exists() and wal.stat().st_size > REPORTS_LOGGED


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_results(corpus: Path, tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    local = tmp_path / "local.duckdb"
    _run(corpus, local)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster,
        Client(cluster) as client,
    ):
        engine = batch.engines.DaskEngine(client, ANALYZERS)
        sink = batch.open_sink(tmp_path / "dask.duckdb")
        summary = batch.run([str(corpus)], sink, engine, max_bytes=1 << 22, chunk_size=3)
        sink.close()
    assert (summary.analysed, summary.failed) == (ROWS, 1)
    sql = 'SELECT doc_id, start, "end", evidence, source, chain FROM claims ORDER BY ALL'
    assert query(tmp_path / "dask.duckdb", sql) == query(local, sql)


def test_query_command_prints_the_view(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.duckdb"
    _run(corpus, out)
    result = CliRunner().invoke(
        app, ["query", "SELECT outlet, stories FROM outlet_sources", "--db", str(out), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert sum(r["stories"] for r in rows) == ROWS
    bad = CliRunner().invoke(app, ["query", "SELECT nope FROM stories", "--db", str(out)])
    assert bad.exit_code == 2


class _DiesOnSecondChunk(batch.engines.InlineEngine):
    """Analyses the first chunk, then behaves as a pool whose worker was killed."""

    def __init__(self) -> None:
        super().__init__(ANALYZERS)
        self.chunks = 0

    def submit(self, chunk: Sequence[Item]) -> batch.engines.Handle:
        self.chunks += 1
        if self.chunks == 1:
            return super().submit(chunk)
        dead: futures.Future[batch.tables.Rows] = futures.Future()
        dead.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        return dead


def test_a_dead_worker_stops_the_run_keeping_what_is_stored(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.duckdb"
    sink = batch.open_sink(out)
    with pytest.raises(StorycheckError, match=r"\[E022\].*run the same command again"):
        batch.run([str(corpus)], sink, _DiesOnSecondChunk(), max_bytes=1 << 22, chunk_size=3)
    sink.close()
    assert len(_ids(out, "stories")) == 3
    resumed = _run(corpus, out)
    assert resumed.analysed + 3 == ROWS and len(_ids(out, "stories")) == ROWS


def test_a_parquet_corpus_is_counted_from_its_footer(
    datasets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv.field_size_limit(1 << 24)
    with (datasets / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:300]
    corpus = tmp_path / "bodies.parquet"
    pq.write_table(
        pa.table({k: [r[k] for r in rows] for k in ("Body ID", "articleBody")}),
        corpus,
        row_group_size=128,
    )
    no_text = tmp_path / "ids.parquet"
    pq.write_table(pa.table({"Body ID": [r["Body ID"] for r in rows]}), no_text)
    read_whole = sum(1 for _ in read(corpus))
    assert read_whole == len(rows)
    assert batch.count([str(no_text)], "auto", 1 << 22) == sum(1 for _ in read(no_text)) == 1

    runner = importlib.import_module("storycheck.batch.run")  # the package's `run` is a function
    monkeypatch.setattr(runner, "read", lambda *a, **k: pytest.fail("read to be counted"))
    assert batch.count([str(corpus)], "auto", 1 << 22) == read_whole


def test_batch_counts_nothing_when_no_progress_bar_is_shown(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "count", lambda *a: pytest.fail("counted for a hidden bar"))
    out = tmp_path / "results.duckdb"
    arguments = ["batch", str(corpus), "-o", str(out), "--workers", "1", "--analyzers", "thread"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1, result.output  # the one broken row
    assert f"{ROWS} analysed, 1 failed" in result.output
