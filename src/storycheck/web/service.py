"""The work behind the endpoints: read, analyse, store, each request within its time.

The page and the API both come through here, and this goes through ``read``
and the ``Pipeline`` that the CLI uses, so a story gets the same report
whichever way it arrives. One analysis runs at a time per process (the NLP
state is shared and not made for threads); batches take turns with requests
between their documents, so an interactive request never waits for a whole
corpus.
"""

from __future__ import annotations

import asyncio
import logging
import re
import shutil
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from storycheck.errors import Problem, ReadError, StorycheckError
from storycheck.model import Story
from storycheck.pipeline import Pipeline
from storycheck.read import Format, ReadResult, read, read_bytes
from storycheck.store import ReportStore
from storycheck.web.settings import Settings

log = logging.getLogger("storycheck.web")

CORPUS_SUFFIX = {"jsonl": ".jsonl", "csv": ".csv", "tsv": ".tsv", "json": ".json"}


class RequestError(Exception):
    """A request the server refuses, with the HTTP status and a message the client can act on."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


@dataclass
class Batch:
    """A corpus job's progress; kept in memory, so it lasts as long as the server process."""

    batch_id: str
    status: Literal["queued", "running", "done", "failed"] = "queued"
    total: int | None = None
    done: int = 0
    failed: int = 0
    report_ids: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    finished_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "status": self.status,
            "total": self.total,
            "done": self.done,
            "failed": self.failed,
            "report_ids": list(self.report_ids),
            "errors": list(self.errors),
            "created_at": self.created_at,
            "finished_at": self.finished_at,
        }


class Service:
    """Holds the store and the worker threads between the app's startup and its shutdown.

    ``open()`` and ``close()`` may alternate (a test client runs the app's
    lifespan once per client), so everything they own is made anew on open.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pipeline: Pipeline | None = None
        self._analysing = threading.Lock()
        self._pending = threading.BoundedSemaphore(settings.max_pending)
        self._jobs: dict[str, Batch] = {}
        self._jobs_lock = threading.Lock()
        self._stopping = threading.Event()
        self.open()

    def open(self) -> None:
        self._stopping.clear()
        self.store = ReportStore(self.settings.db)
        self._requests = ThreadPoolExecutor(self.settings.max_pending, thread_name_prefix="analyse")
        self._batches = ThreadPoolExecutor(1, thread_name_prefix="batch")

    def close(self) -> None:
        """Stop between documents: a running batch ends after the one it is analysing."""
        self._stopping.set()
        self._batches.shutdown(wait=True, cancel_futures=True)
        self._requests.shutdown(wait=True, cancel_futures=True)
        self.store.close()

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.settings.analyzers)
        return self._pipeline

    def read_one(self, data: bytes, doc_id: str, fmt: Format) -> Story:
        """Exactly one story from an upload, or a 422 naming what is wrong with it."""
        stories: list[Story] = []
        for result in read_bytes(data, doc_id, fmt=fmt, max_bytes=self.settings.max_body_bytes):
            if isinstance(result, ReadError):
                raise RequestError(422, str(result))
            stories.append(result)
        if len(stories) != 1:
            raise RequestError(
                422,
                f"{doc_id}: expected one story, got {len(stories)}; send several to /v1/batches",
            )
        return stories[0]

    def analyse(self, story: Story) -> tuple[str, dict[str, Any]]:
        """Analyse and store one story; blocking, so callers run it in a worker thread."""
        with self._analysing:
            report = self.pipeline(story).to_dict()
        return self.store.put(report, doc_id=story.id), report

    async def analyse_in_time(self, story: Story) -> tuple[str, dict[str, Any]]:
        """``analyse`` within the time limit: 503 when too many wait, 504 when it runs over.

        A request that runs over is answered at once; its analysis finishes in
        the background (a thread cannot be stopped) and is stored all the same.
        """
        if not self._pending.acquire(blocking=False):
            raise RequestError(503, "the server is busy analysing; try again shortly")
        future = self._requests.submit(self.analyse, story)
        # Released when the analysis ends, not when the client stops waiting for it.
        future.add_done_callback(lambda _: self._pending.release())
        try:
            return await asyncio.wait_for(
                asyncio.wrap_future(future), timeout=self.settings.time_limit_s
            )
        except TimeoutError:
            raise RequestError(
                504, f"the analysis took longer than {self.settings.time_limit_s:g} s"
            ) from None
        except StorycheckError as exc:
            # A text too long to parse is the sender's to split; any other failure is ours.
            status = 422 if exc.problem is Problem.TOO_LONG else 500
            raise RequestError(status, str(exc)) from exc

    async def start_batch(
        self, data: bytes, fmt: Literal["jsonl", "csv", "tsv", "json"], name: str = ""
    ) -> Batch:
        """Read the corpus now and queue its analysis; progress is read with ``batch()``.

        Reading is quick beside analysing, and doing it first gives the total at
        once and refuses (422) a corpus in which not one story can be read.
        """
        results = await asyncio.to_thread(self._read_corpus, data, fmt, name)
        if not any(isinstance(r, Story) for r in results):
            first = next((str(r) for r in results if isinstance(r, ReadError)), None)
            raise RequestError(422, first or "the corpus holds no stories")
        batch = Batch(uuid.uuid4().hex, total=len(results))
        with self._jobs_lock:
            self._jobs[batch.batch_id] = batch
        self._batches.submit(self._run_batch, batch, results)
        return batch

    def _read_corpus(self, data: bytes, fmt: Format, name: str) -> list[ReadResult]:
        """The corpus readers take a path, so the upload is saved under its own name,
        which is what an error about one of its rows names."""
        suffix = CORPUS_SUFFIX[fmt]
        safe = re.sub(r"[^\w.-]", "_", Path(name).name)
        folder = Path(tempfile.mkdtemp(prefix="storycheck-batch-"))
        path = folder / (safe if safe.endswith(suffix) else f"upload{suffix}")
        try:
            path.write_bytes(data)
            return list(read(path, fmt=fmt, max_bytes=self.settings.max_body_bytes))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def batch(self, batch_id: str) -> Batch | None:
        with self._jobs_lock:
            return self._jobs.get(batch_id)

    def _run_batch(self, batch: Batch, results: list[ReadResult]) -> None:
        """Every document gets its turn: one that fails is recorded and the rest go on."""
        batch.status = "running"
        try:
            for result in results:
                if self._stopping.is_set():
                    batch.status = "failed"
                    batch.errors.append({"doc_id": "", "error": "the server stopped"})
                    return
                if isinstance(result, ReadError):
                    self._record_failure(batch, result.doc_id, result.reason)
                    continue
                try:
                    report_id, _ = self.analyse(result)
                except StorycheckError as exc:
                    self._record_failure(batch, result.id, exc.reason)
                    continue
                except Exception:
                    log.exception("batch %s: %s failed", batch.batch_id, result.id)
                    self._record_failure(batch, result.id, "internal error")
                    continue
                batch.report_ids.append(report_id)
                batch.done += 1
            batch.status = "done"
        finally:
            batch.finished_at = datetime.now(UTC).isoformat()

    @staticmethod
    def _record_failure(batch: Batch, doc_id: str, message: str) -> None:
        batch.errors.append({"doc_id": doc_id, "error": message})
        batch.failed += 1
