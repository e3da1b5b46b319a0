"""The unit of work a batch sends to a worker: analyse a chunk of stories, return rows.

The same function runs in the main process, in local worker processes and on
Dask workers. Each worker builds its pipeline once and keeps it, so models
load once per process, not once per chunk. The stories of a chunk are parsed
in one spaCy batch (``Doc.chunk``), so the first story's ``seconds`` carries
the chunk's parse. A story that fails becomes an error row; it never takes the
chunk down with it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from storycheck.batch.tables import Rows, error_row, report_rows
from storycheck.doc import Doc
from storycheck.errors import Problem, StorycheckError
from storycheck.model import Story
from storycheck.pipeline import Pipeline


@dataclass(frozen=True, slots=True)
class Item:
    """One story to analyse and the input it came from."""

    doc_id: str
    source: str
    story: Story


def analyze_chunk(items: Sequence[Item], analyzers: tuple[str, ...] | None) -> Rows:
    rows = Rows()
    pipeline = _pipeline(analyzers)
    for item, doc in zip(items, Doc.chunk(item.story for item in items), strict=True):
        began = time.perf_counter()
        try:
            report = pipeline.run(doc)
        except StorycheckError as exc:
            rows.tables["errors"].append(
                error_row(item.doc_id, item.source, "analyze", exc.problem.code, exc.reason)
            )
            continue
        except Exception as exc:  # one bad story must not lose the chunk
            reason = Problem.ANALYZER_FAILED.format(
                detail="(pipeline)", reason=f"{type(exc).__name__}: {exc}"
            )
            rows.tables["errors"].append(
                error_row(item.doc_id, item.source, "analyze", Problem.ANALYZER_FAILED.code, reason)
            )
            continue
        seconds = time.perf_counter() - began
        rows.extend(report_rows(report.to_dict(), item.doc_id, item.source, seconds))
    return rows


@cache
def _pipeline(analyzers: tuple[str, ...] | None) -> Pipeline:
    return Pipeline(analyzers)
