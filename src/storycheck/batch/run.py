"""A batch run: read every input, skip what is stored, analyse the rest, store as chunks finish.

Reading happens in this process, in order, so that a document that cannot be
read is recorded with its id as soon as it is met. Analysis happens on the
engine, at most ``2 x workers`` chunks in flight, so memory stays flat
however large the corpus is. Each finished chunk is written whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, field
from pathlib import Path

from storycheck.batch.engines import Engine, Handle
from storycheck.batch.sinks import Sink
from storycheck.batch.tables import Rows, error_row
from storycheck.batch.work import Item
from storycheck.errors import Problem, ReadError, StorycheckError
from storycheck.pipeline import CHUNK
from storycheck.read import Format, read
from storycheck.read.corpus import parquet_rows

# Called with (stories finished since the last call, total or None when unknown).
Progress = Callable[[int, int | None], None]


@dataclass(slots=True)
class Summary:
    analysed: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)


def expand(inputs: Sequence[str]) -> list[str]:
    """Paths, folders and glob patterns (``corpus/*.jsonl``, ``pages/**/*.html``) as paths."""
    paths: list[str] = []
    for given in inputs:
        if any(c in given for c in "*?[") and not Path(given).exists():
            pattern = Path(given)
            anchor = Path(pattern.anchor) if pattern.is_absolute() else Path()
            paths.extend(sorted(str(p) for p in anchor.glob(str(pattern.relative_to(anchor)))))
        else:
            paths.append(given)
    return paths


def count(paths: Sequence[str], fmt: Format, max_bytes: int) -> int:
    """How many documents the inputs hold, for the progress bar's ETA.

    A Parquet file says so in its footer. Other inputs are read once more:
    reading is far cheaper than analysing (thousands of rows a second against
    a few stories).
    """
    return sum(_count(path, fmt, max_bytes) for path in paths)


def _count(path: str, fmt: Format, max_bytes: int) -> int:
    given = Path(path)
    if fmt == "parquet" or (fmt == "auto" and given.suffix.lower() == ".parquet"):
        rows = parquet_rows(given) if given.is_file() else None
        if rows is not None:
            return rows
    return sum(1 for _ in read(path, fmt=fmt, max_bytes=max_bytes))


def run(
    paths: Sequence[str],
    sink: Sink,
    engine: Engine,
    *,
    fmt: Format = "auto",
    max_bytes: int,
    chunk_size: int = CHUNK,
    total: int | None = None,
    progress: Progress | None = None,
) -> Summary:
    summary = Summary()
    seen = sink.done_ids()
    pending: set[Handle] = set()
    limit = 2 * max(1, engine.workers)

    def finish(handles: Iterable[Handle]) -> None:
        broken: BrokenExecutor | None = None
        for handle in handles:
            try:
                rows: Rows = handle.result()
            except BrokenExecutor as exc:
                broken = exc
                continue
            _store(sink, rows, summary, progress, total)
        if broken is not None:
            # Killed by the system (out of memory, a signal): the pool is gone. Every
            # finished chunk is stored above; a rerun resumes after them.
            raise StorycheckError(Problem.WORKER_DIED, detail=str(broken) or "killed") from broken

    def skip() -> None:
        summary.skipped += 1
        if progress is not None:
            progress(1, total)

    for chunk, read_errors in _chunks(paths, fmt, max_bytes, chunk_size, seen, skip):
        if read_errors.doc_ids:
            _store(sink, read_errors, summary, progress, total)
        if chunk:
            pending.add(engine.submit(chunk))
        while len(pending) >= limit:
            done, pending = engine.wait_any(pending)
            finish(done)
    while pending:
        done, pending = engine.wait_any(pending)
        finish(done)
    return summary


def _chunks(
    paths: Sequence[str],
    fmt: Format,
    max_bytes: int,
    size: int,
    seen: set[str],
    skip: Callable[[], None],
) -> Iterator[tuple[list[Item], Rows]]:
    """Stories in chunks of ``size``, each with the read errors met while filling it."""
    chunk: list[Item] = []
    errors = Rows()
    for path in paths:
        for result in read(path, fmt=fmt, max_bytes=max_bytes):
            doc_id = result.doc_id if isinstance(result, ReadError) else result.id
            if doc_id in seen:
                skip()
                continue
            seen.add(doc_id)
            if isinstance(result, ReadError):
                code = result.problem.code
                errors.tables["errors"].append(error_row(doc_id, path, "read", code, result.reason))
                continue
            chunk.append(Item(doc_id, path, result))
            if len(chunk) == size:
                yield chunk, errors
                chunk, errors = [], Rows()
    if chunk or errors.doc_ids:
        yield chunk, errors


def _store(
    sink: Sink, rows: Rows, summary: Summary, progress: Progress | None, total: int | None
) -> None:
    sink.write(rows)
    analysed = len(rows.tables["stories"])
    failures = [f"{row[0]}: {row[4]}" for row in rows.tables["errors"]]
    summary.analysed += analysed
    summary.failed += len(failures)
    summary.failures.extend(failures)
    if progress is not None:
        progress(analysed + len(failures), total)
