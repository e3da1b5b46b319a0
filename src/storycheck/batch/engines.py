"""Where chunks run: in this process, in local worker processes, or on a Dask cluster.

Local processes use the standard library's process pool and a cluster uses
dask.distributed; storycheck schedules nothing itself. Each engine offers the
two calls the run needs: submit a chunk, and wait until at least one of the
submitted chunks is finished.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Collection, Sequence
from concurrent import futures
from typing import Any, Protocol

from storycheck import embedder
from storycheck.batch.tables import Rows
from storycheck.batch.work import Item, analyze_chunk

# The thread-pool sizes of the numeric libraries a worker loads.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class Handle(Protocol):
    def result(self) -> Any: ...


class Engine(Protocol):
    workers: int

    def submit(self, chunk: Sequence[Item]) -> Handle: ...

    def wait_any(self, pending: Collection[Handle]) -> tuple[set[Handle], set[Handle]]: ...

    def close(self) -> None: ...


class InlineEngine:
    """Runs each chunk at once in this process: one worker, and the easiest to debug."""

    workers = 1

    def __init__(self, analyzers: tuple[str, ...] | None) -> None:
        self.analyzers = analyzers

    def submit(self, chunk: Sequence[Item]) -> Handle:
        done: futures.Future[Rows] = futures.Future()
        done.set_result(analyze_chunk(chunk, self.analyzers))
        return done

    def wait_any(self, pending: Collection[Handle]) -> tuple[set[Handle], set[Handle]]:
        return set(pending), set()

    def close(self) -> None:
        """Nothing to release."""


class LocalEngine:
    """A pool of worker processes on this machine.

    Workers are started with "spawn": the parent may hold threads (progress
    display, onnxruntime) that a forked child would inherit in a broken state.
    """

    def __init__(self, workers: int, analyzers: tuple[str, ...] | None) -> None:
        self.workers = workers
        self.analyzers = analyzers
        _share_cores(workers)
        self._pool = futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn")
        )

    def submit(self, chunk: Sequence[Item]) -> Handle:
        return self._pool.submit(analyze_chunk, list(chunk), self.analyzers)

    def wait_any(self, pending: Collection[Handle]) -> tuple[set[Handle], set[Handle]]:
        done, not_done = futures.wait(
            pending,  # type: ignore[arg-type]
            return_when=futures.FIRST_COMPLETED,
        )
        return set(done), set(not_done)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def _share_cores(workers: int) -> None:
    """Give each worker its share of the cores before the workers start.

    onnxruntime, OpenBLAS (spaCy's matrix products) and OpenMP (LightGBM) each
    start a thread per core in every process; N workers doing so fight over
    the same cores and run no faster than one. Spawned workers read these
    variables when their libraries load, so they are set here, in the parent.
    """
    threads = str(max(1, (os.cpu_count() or 1) // workers))
    for name in (*THREAD_VARIABLES, embedder.THREADS_ENV):
        os.environ.setdefault(name, threads)


class DaskEngine:
    """A dask.distributed cluster, reached at a scheduler address or started locally."""

    def __init__(self, client: Any, analyzers: tuple[str, ...] | None) -> None:
        self._client = client
        self.analyzers = analyzers
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    @classmethod
    def connect(cls, scheduler: str, analyzers: tuple[str, ...] | None) -> DaskEngine:
        from dask.distributed import Client

        return cls(Client(scheduler), analyzers)  # type: ignore[no-untyped-call]

    def submit(self, chunk: Sequence[Item]) -> Handle:
        handle: Handle = self._client.submit(analyze_chunk, list(chunk), self.analyzers, pure=False)
        return handle

    def wait_any(self, pending: Collection[Handle]) -> tuple[set[Handle], set[Handle]]:
        from dask.distributed import wait

        done, not_done = wait(list(pending), return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call]
        return set(done), set(not_done)

    def close(self) -> None:
        self._client.close()


def make_engine(
    name: str, workers: int, scheduler: str | None, analyzers: tuple[str, ...] | None
) -> Engine:
    """The engine a command line asks for; ``local`` with one worker runs inline."""
    if name == "dask":
        if not scheduler:
            raise ValueError("--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        return DaskEngine.connect(scheduler, analyzers)
    if name != "local":
        raise ValueError(f"no engine named {name!r}; engines: local, dask")
    if workers <= 1:
        return InlineEngine(analyzers)
    return LocalEngine(workers, analyzers)
