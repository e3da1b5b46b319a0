"""Corpus runs: many stories in, result tables out (DuckDB or Parquet), resumable.

``storycheck batch`` is the command; ``run`` the function it calls. Results
are documented in docs/batch.md.
"""

from storycheck.batch.engines import make_engine
from storycheck.batch.run import Summary, count, expand, run
from storycheck.batch.sinks import open_sink
from storycheck.batch.tables import SCHEMAS

__all__ = ["SCHEMAS", "Summary", "count", "expand", "make_engine", "open_sink", "run"]
