"""The ``batch`` and ``query`` commands; ``storycheck.cli`` registers them."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from storycheck.errors import StorycheckError
from storycheck.profiles import analyzers_for
from storycheck.read.decode import DEFAULT_MAX_BYTES

err = Console(stderr=True)
DEFAULT_RESULTS = Path("storycheck.duckdb")


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="JSONL, CSV, TSV or Parquet corpora (one story per row), folders of HTML or "
            "text files, or glob patterns such as 'pages/**/*.html' (quote them).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Results: a DuckDB file (the default kind), or a folder ending in .parquet "
            "for a Parquet dataset with one sub-folder per table.",
        ),
    ] = DEFAULT_RESULTS,
    workers: Annotated[
        int,
        typer.Option(help="Local worker processes; 1 runs in this process. Ignored with dask."),
    ] = 2,
    engine: Annotated[
        Engine, typer.Option(help="local: processes on this machine; dask: a dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="The dask scheduler's address (tcp://host:8786), for --engine dask."),
    ] = None,
    profile: Annotated[
        str,
        typer.Option(
            help="full: every analyzer; fast: no parse, no model (thread, surface cues, "
            "incivility lexicon), hundreds of stories a second."
        ),
    ] = "full",
    fast: Annotated[bool, typer.Option("--fast", help="Short for --profile fast.")] = False,
    analyzers: Annotated[
        str | None,
        typer.Option(help="Comma-separated analyzers to run; overrides --profile."),
    ] = None,
    chunk: Annotated[
        int, typer.Option(help="Stories per unit of work (and per write).", min=1)
    ] = 8,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse single documents (or corpus rows) larger than this.")
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """Analyse a corpus into result tables, resumably.

    Each story becomes a row of `stories` (its whole report included) and rows of
    `claims`, `sources`, `techniques` and `comments`; a document that cannot be
    read or analysed becomes a row of `errors` with its id, the stage and the
    reason, and the run goes on. Killed at any point and started again with the
    same command, it skips what is stored and loses nothing; a second run adds
    no duplicates. Tables are documented in docs/batch.md.

    **Examples**

    `storycheck batch ../shared/datasets/fakenewscorpus/news_sample.csv -o runs/news.duckdb`

    `storycheck batch 'saved/**/*.html' -o runs/pages.parquet --workers 4`

    `storycheck batch corpus.jsonl --engine dask --scheduler tcp://10.0.0.5:8786`

    `storycheck batch huge.parquet --fast -o runs/screen.duckdb`

    Then: `storycheck query "SELECT * FROM outlet_sources" --db runs/news.duckdb`
    """
    from storycheck import batch as runner

    paths = runner.expand(inputs)
    try:
        names = analyzers_for("fast" if fast else profile, analyzers)
        chosen = runner.make_engine(engine.value, workers, scheduler, names)
    except (ValueError, OSError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    sink = runner.open_sink(out)
    try:
        # The count only feeds the progress bar, which is hidden when stderr is not a terminal.
        total = runner.count(paths, "auto", max_bytes) if err.is_terminal else None
        with _progress() as progress:
            task = progress.add_task("analysing", total=total)
            summary = runner.run(
                paths,
                sink,
                chosen,
                max_bytes=max_bytes,
                chunk_size=chunk,
                total=total,
                progress=lambda advance, _: progress.update(task, advance=advance),
            )
    except StorycheckError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        chosen.close()
        sink.close()
    for failure in summary.failures:
        err.print(f"[red]error:[/red] {failure}", highlight=False, soft_wrap=True)
    err.print(
        f"{summary.analysed} analysed, {summary.failed} failed, "
        f"{summary.skipped} already stored; results in {out}"
    )
    if summary.failed:
        raise typer.Exit(1)


def query(
    sql: Annotated[str, typer.Argument(help="A DuckDB SQL query over the result tables.")],
    db: Annotated[
        Path, typer.Option("--db", help="Results of `storycheck batch` (DuckDB file or .parquet).")
    ] = DEFAULT_RESULTS,
    output: Annotated[
        QueryFormat, typer.Option("--format", "-f", help="table, json (lines) or csv.")
    ] = QueryFormat.table,
) -> None:
    """Ask the results of a batch run a question in SQL.

    The tables are `stories`, `claims`, `sources`, `techniques`, `comments` and
    `errors`; the views `outlet_sources`, `outlet_evidence`, `story_reliability`,
    `outlet_reliability`, `outlet_agreement` and `errors_by_stage` answer the
    usual questions (docs/batch.md).

    **Examples**

    `storycheck query "SELECT * FROM outlet_sources ORDER BY share_unnamed DESC LIMIT 10"`

    `storycheck query "SELECT * FROM outlet_reliability WHERE stories >= 5 ORDER BY record"`

    `storycheck query "SELECT evidence, count(*) FROM claims GROUP BY ALL" -f csv`
    """
    connection = open_results(db)
    import duckdb

    try:
        cursor = connection.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    finally:
        connection.close()
    if output is QueryFormat.json:
        for row in rows:
            typer.echo(json.dumps(dict(zip(columns, row, strict=True)), default=str))
    elif output is QueryFormat.csv:
        import csv
        import sys

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)


def open_results(db: Path) -> Any:
    """A read-only connection to a batch run's results, or exit 2 saying how to make them."""
    from storycheck.batch.views import connect

    try:
        return connect(db)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] no results at {db}; run `storycheck batch … -o {db}` first")
        raise typer.Exit(2) from exc


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        _Rate(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=not err.is_terminal,
    )


class _Rate(ProgressColumn):
    """Stories per second, over Rich's recent window."""

    def render(self, task: Task) -> Text:
        return Text("" if task.speed is None else f"{task.speed:.1f} stories/s")
