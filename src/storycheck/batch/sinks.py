"""Where a batch run's rows go: a DuckDB file (the default) or a folder of Parquet files.

Both write a chunk of stories all at once or not at all, DuckDB in one
transaction and Parquet as one file per table renamed into place, so a run
killed at any moment leaves only whole chunks behind; a restarted run asks
the sink which documents are done and skips them. A story's id is its
primary key, so writing the same chunk twice adds nothing.
"""

from __future__ import annotations

import uuid
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from storycheck.batch.tables import DONE_TABLES, SCHEMAS, Rows


class Sink(Protocol):
    def done_ids(self) -> set[str]: ...

    def write(self, rows: Rows) -> None: ...

    def close(self) -> None: ...


def open_sink(path: Path) -> Sink:
    """A Parquet folder for a path ending in ``.parquet`` or an existing folder, else DuckDB."""
    if path.suffix == ".parquet" or path.is_dir():
        return ParquetSink(path)
    return DuckDBSink(path)


class DuckDBSink:
    """All tables in one DuckDB file, the same file ``storycheck serve`` and ``query`` read."""

    def __init__(self, path: Path) -> None:
        import duckdb

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = duckdb.connect(str(path))
        for name, columns in SCHEMAS.items():
            body = ", ".join(f'"{column}" {kind}' for column, kind in columns)
            key = ", PRIMARY KEY (doc_id)" if name in DONE_TABLES else ""
            self._db.execute(f"CREATE TABLE IF NOT EXISTS {name} ({body}{key})")

    def done_ids(self) -> set[str]:
        done: set[str] = set()
        for name in DONE_TABLES:
            done.update(row[0] for row in self._db.execute(f"SELECT doc_id FROM {name}").fetchall())
        return done

    def write(self, rows: Rows) -> None:
        ids = rows.doc_ids
        self._db.execute("BEGIN TRANSACTION")
        try:
            # A chunk written before a crash between commit and bookkeeping is
            # written again whole: clear its rows first so nothing doubles.
            for name in SCHEMAS:
                if ids:
                    self._db.execute(
                        f"DELETE FROM {name} WHERE doc_id IN (SELECT unnest(?))", [ids]
                    )
                table_rows = rows.tables[name]
                if table_rows:
                    marks = ", ".join("?" for _ in SCHEMAS[name])
                    self._db.executemany(f"INSERT INTO {name} VALUES ({marks})", table_rows)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()


class ParquetSink:
    """One sub-folder per table, one Parquet file per table per chunk (a Hive-style dataset)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        for name in SCHEMAS:
            (path / name).mkdir(parents=True, exist_ok=True)

    def done_ids(self) -> set[str]:
        import pyarrow.parquet as pq

        done: set[str] = set()
        for name in DONE_TABLES:
            for part in sorted((self.path / name).glob("*.parquet")):
                done.update(pq.read_table(part, columns=["doc_id"]).column("doc_id").to_pylist())
        return done

    def write(self, rows: Rows) -> None:
        """Every table of the chunk under one part name; ``stories`` and ``errors`` last,
        so that a chunk counts as done only once all its rows are on disk."""
        part = uuid.uuid4().hex
        order = [n for n in SCHEMAS if n not in DONE_TABLES] + list(DONE_TABLES)
        for name in order:
            if rows.tables[name]:
                self._write_table(name, rows, part)

    def _write_table(self, name: str, rows: Rows, part: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = [column for column, _ in SCHEMAS[name]]
        data = list(zip(*rows.tables[name], strict=True))
        types = _arrow_types()
        arrays = {
            column: pa.array(values, type=types[kind])
            for (column, kind), values in zip(SCHEMAS[name], data, strict=True)
        }
        table = pa.table(arrays).select(columns)
        final = self.path / name / f"part-{part}.parquet"
        temporary = final.with_suffix(".parquet.tmp")
        pq.write_table(table, temporary)
        temporary.replace(final)

    def close(self) -> None:
        """Nothing stays open between chunks."""


@cache
def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    return {
        "VARCHAR": pa.string(),
        "JSON": pa.string(),
        "INTEGER": pa.int32(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
    }
