"""The ``storycheck`` command: a thin layer over ``read()`` and ``analyze()``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from storycheck import __version__
from storycheck.batch import cli as batch_cli
from storycheck.errors import ReadError, StorycheckError
from storycheck.factchecks import cli as factchecks_cli
from storycheck.groups import cli as groups_cli
from storycheck.model import Story
from storycheck.profiles import analyzers_for
from storycheck.read import read
from storycheck.read.decode import DEFAULT_MAX_BYTES
from storycheck.report.core import Report
from storycheck.report.html import to_html
from storycheck.report.json import to_json
from storycheck.report.text import render
from storycheck.tasks import Evaluation

app = typer.Typer(
    name="storycheck",
    help=(
        "Tell how much of a news story, and of its comment thread, stands on evidence.\n\n"
        "Examples:\n\n"
        "  storycheck analyze examples/harbour-closure.txt\n\n"
        "  storycheck analyze saved-page.html --format html --out report.html\n\n"
        "  storycheck analyze corpus.csv --format jsonl --out reports.jsonl\n\n"
        "  cat story.txt | storycheck analyze -\n\n"
        "  storycheck batch corpus.jsonl -o results.duckdb   (then: storycheck query, groups)\n\n"
        "  storycheck serve   (the web page and the HTTP API)"
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    parquet = "parquet"
    rumour = "rumour"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storycheck {__version__}")
        raise typer.Exit


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Tell how much of a news story, and of its comment thread, stands on evidence."""


@app.command()
def analyze(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders to analyse, or - for standard input. A story as plain text "
            "(title, paragraphs, bullet-indented comments), a saved HTML page, storycheck JSON, "
            "a corpus (JSONL, CSV, TSV, Parquet: one story per row) or a rumour-thread folder.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for the terminal; json (one report, or JSON "
            "Lines for several); jsonl; html for a self-contained page.",
        ),
    ] = OutputFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")
    ] = None,
    input_format: Annotated[
        InputFormat,
        typer.Option(
            "--input-format", "-i", help="Override the guess made from the file's name and content."
        ),
    ] = InputFormat.auto,
    analyzers: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated analyzers to run (default: all; see `storycheck analyzers`); "
            "overrides --profile."
        ),
    ] = None,
    profile: Annotated[
        str,
        typer.Option(help="full: every analyzer; fast: no parse, no model (docs/batch.md)."),
    ] = "full",
    fast: Annotated[bool, typer.Option("--fast", help="Short for --profile fast.")] = False,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse single documents (or corpus rows) larger than this.")
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """Analyse stories and print their reports.

    A document that cannot be read or analysed is reported on standard error with
    its id and the reason; every other document is still analysed, and the exit
    status is 1 if anything failed.

    **Examples**

    `storycheck analyze examples/harbour-closure.txt`

    `storycheck analyze page.html -f html -o report.html`

    `storycheck analyze ../shared/datasets/fakenewscorpus/news_sample.csv -f jsonl -o out.jsonl`
    """
    from storycheck.pipeline import Pipeline

    try:
        pipeline = Pipeline(analyzers_for("fast" if fast else profile, analyzers))
    except (StorycheckError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    failures = 0
    done = 0
    with _output(out) as stream, _progress() as progress:
        task = progress.add_task("analysing", total=None)
        renderer = _Renderer(output_format, stream, out is not None)
        for source in sources:
            for result in read(source, fmt=input_format.value, max_bytes=max_bytes):
                if isinstance(result, ReadError):
                    failures += 1
                    _report_failure(str(result))
                    continue
                try:
                    report = pipeline(result)
                except StorycheckError as exc:
                    failures += 1
                    _report_failure(f"{result.id}: {exc}")
                    continue
                renderer.emit(report)
                done += 1
                progress.update(task, advance=1)
        renderer.close()
    if failures:
        err.print(f"[yellow]{done} analysed, {failures} failed[/yellow]")
        raise typer.Exit(1)


@app.command()
def parse(
    source: Annotated[str, typer.Argument(help="A file, folder or - for standard input.")],
    input_format: Annotated[
        InputFormat,
        typer.Option("--input-format", "-i", help="Override the guess made from the file's name."),
    ] = InputFormat.auto,
) -> None:
    """Show how a document was read, as storycheck story JSON (one per line), without analysing it.

    Useful to check that a comment thread came out as the tree you see on the page:

    `storycheck parse examples/harbour-closure.txt`
    """
    from storycheck.read.storyjson import story_to_dict

    failed = False
    for result in read(source, fmt=input_format.value):
        if isinstance(result, ReadError):
            failed = True
            _report_failure(str(result))
        else:
            typer.echo(json.dumps(story_to_dict(result), ensure_ascii=False))
    if failed:
        raise typer.Exit(1)


@app.command()
def compare(
    story: Annotated[str, typer.Argument(help="The story: any input `analyze` reads.")],
    others: Annotated[
        list[str],
        typer.Argument(
            help="Articles to compare it with: files, folders or corpora (every story in them).",
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show how other articles stand toward the story's claim (FNC-1 stance), and back.

    For each other article: the stance of its body toward the story's headline
    (agree, disagree, discuss, unrelated), that stance's probability, the stance of
    the story's body toward the other article's headline, and how many words the
    two texts share (TF-IDF cosine).

    `storycheck compare story.txt other-outlet.html corpus.csv`
    """
    from storycheck.compare import compare as compare_stories

    stories, _ = _read_stories([story])
    if len(stories) != 1:
        err.print("[red]error:[/red] the story must be exactly one readable document")
        raise typer.Exit(2)
    compared, failed = _read_stories(others)
    try:
        results = compare_stories(stories[0], compared)
    except StorycheckError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        payload = {"story": stories[0].id, "comparisons": [c.to_dict() for c in results]}
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        table = Table(title=f"compared with {stories[0].id}", title_justify="left")
        for column in ("other article", "stance", "confidence", "similarity", "story toward it"):
            numeric = column in {"confidence", "similarity"}
            table.add_column(column, justify="right" if numeric else "left")
        for c in results:
            other = Text(c.other_title)
            other.append(f"\n{c.other_id}", style="dim")
            table.add_row(
                other,
                c.stance.label,
                f"{c.stance.confidence:.2f}",
                f"{c.similarity:.2f}",
                c.reverse.label,
            )
        Console().print(table)
    if failed:
        raise typer.Exit(1)


def _read_stories(sources: list[str]) -> tuple[list[Story], bool]:
    """Every story in ``sources``, and whether any document could not be read (reported)."""
    stories: list[Story] = []
    failed = False
    for source in sources:
        for result in read(source):
            if isinstance(result, ReadError):
                failed = True
                _report_failure(str(result))
            else:
                stories.append(result)
    return stories, failed


@app.command()
def train(
    task: Annotated[str, typer.Argument(help="What to train; `storycheck tasks` lists them.")],
    datasets: Annotated[
        Path | None,
        typer.Option(help="The shared datasets folder (default: ../shared/datasets)."),
    ] = None,
) -> None:
    """Train a component from the shared datasets and write its artefact into the package.

    Prints the new model's score on the dev split, in the same form as `eval`.

    `storycheck train checkworthy`
    """
    from storycheck.paths import datasets_dir
    from storycheck.tasks import get_task

    try:
        evaluation = get_task(task).train(datasets or datasets_dir())
    except StorycheckError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    _print_evaluation(evaluation)


@app.command("eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="What to score; `storycheck tasks` lists them.")],
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="Files in the layout of the shared split files (repeat for several); "
            "default: the dev split.",
        ),
    ] = None,
    more: Annotated[
        list[Path] | None,
        typer.Argument(
            help="More data files after --data, so `--data stances.csv bodies.csv` reads both.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Score the shipped model with the benchmark's own metric.

    Prints a per-class table, the score's 95% bootstrap interval (1,000 seeded
    resamples of the split's articles, threads or texts: how far it could move
    with another draw of a small dev split), the published figures beside ours,
    and as its last line `TASK METRIC=VALUE`.

    `storycheck eval checkworthy`

    `storycheck eval fallacy --data ../shared/datasets/logic/edu_dev.csv`

    `storycheck eval stance-story --data stances.csv bodies.csv`

    Rumour threads take a folder of thread folders and one annotation file:
    `storycheck eval stance-thread --data ../shared/datasets/rumoureval2017/dev
    --data ../shared/datasets/rumoureval2017/dev-annotations/subtaskA.json`
    """
    from storycheck.tasks import get_task

    try:
        evaluation = get_task(task).evaluate([*(data or []), *(more or [])])
    except StorycheckError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    _print_evaluation(evaluation)


@app.command("tasks")
def list_tasks() -> None:
    """List what `train` and `eval` know, with each task's metric."""
    from storycheck.tasks import TASK_MODULES, get_task

    for name in sorted(TASK_MODULES):
        task = get_task(name)
        typer.echo(f"{name:22} {task.metric:10} {task.description}")


def _print_evaluation(evaluation: Evaluation) -> None:
    out = Console()
    if evaluation.classes:
        table = Table(title=f"{evaluation.task} on {evaluation.split}", title_justify="left")
        for column in ("class", "precision", "recall", "f1", "support"):
            table.add_column(column, justify="left" if column == "class" else "right")
        for c in evaluation.classes:
            table.add_row(
                c.label, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.support)
            )
        out.print(table)
    else:
        out.print(f"{evaluation.task} on {evaluation.split}")
    for name, value in evaluation.extra.items():
        out.print(f"  {name}: {value:.4f}")
    for p in evaluation.published:
        out.print(f"  published: {p.system}: {evaluation.metric}={p.value} ({p.note})")
    typer.echo(evaluation.last_line)


@app.command("analyzers")
def list_analyzers() -> None:
    """List the analyzers a report is made of, in the order they run."""
    from storycheck.analyzers import REGISTRY, resolve

    for name in resolve():
        cls = REGISTRY[name]
        requires = f" (after {', '.join(cls.requires)})" if cls.requires else ""
        typer.echo(f"{name:12} v{cls.version}  {cls.description}{requires}")


@app.command()
def schema() -> None:
    """Print the JSON Schema that every JSON report follows (and story JSON input too)."""
    from storycheck.report.schema import load_schema

    typer.echo(json.dumps(load_schema(), indent=2, ensure_ascii=False))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: Annotated[
        Path | None,
        typer.Option(
            help="The DuckDB file reports are stored in, the one `storycheck batch` writes "
            "(default: $STORYCHECK_DB or storycheck.duckdb)."
        ),
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Refuse request bodies larger than this (413).")
    ] = None,
    time_limit: Annotated[
        float | None, typer.Option(help="Seconds an analysis may take before a 504.")
    ] = None,
) -> None:
    """Serve the web page and the HTTP API (OpenAPI documentation at /docs).

    Set STORYCHECK_API_KEY to make the write endpoints ask for that key.

    `storycheck serve --port 8000 --db reports.duckdb`
    """
    import uvicorn

    from storycheck.web import Settings, create_app

    settings = Settings.from_env(
        db=str(db) if db else None, max_body_bytes=max_bytes, time_limit_s=time_limit
    )
    uvicorn.run(create_app(settings), host=host, port=port)


app.command()(batch_cli.batch)
app.command()(batch_cli.query)
app.command()(groups_cli.groups)
app.add_typer(factchecks_cli.app, name="factchecks")


def _report_failure(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False, soft_wrap=True)


@contextmanager
def _output(out: Path | None) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    with out.open("w", encoding="utf-8") as stream:
        yield stream


@contextmanager
def _progress() -> Iterator[Progress]:
    """A live count on standard error, only when a person is watching it."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} stories"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        yield progress


class _Renderer:
    """Writes reports one by one, so a million-story run never holds them all."""

    def __init__(self, fmt: OutputFormat, stream: TextIO, to_file: bool) -> None:
        self.fmt = fmt
        self.stream = stream
        self.console = Console(file=stream, force_terminal=False if to_file else None)
        self.held: Report | None = None
        self.count = 0

    def emit(self, report: Report) -> None:
        self.count += 1
        if self.fmt is OutputFormat.text:
            if self.count > 1:
                self.console.rule()
            self.console.print(render(report))
        elif self.fmt is OutputFormat.html:
            if self.count > 1:
                raise typer.BadParameter("html output takes one story; use jsonl for several")
            self.stream.write(to_html(report))
        elif self.fmt is OutputFormat.jsonl:
            self.stream.write(to_json(report, indent=None) + "\n")
        elif self.count == 1:
            self.held = report
        else:
            self._flush_held()
            self.stream.write(to_json(report, indent=None) + "\n")

    def _flush_held(self) -> None:
        """A second report turns json output into JSON Lines, the first one included."""
        if self.held is not None:
            self.stream.write(to_json(self.held, indent=None) + "\n")
            self.held = None

    def close(self) -> None:
        if self.held is not None:
            self.stream.write(to_json(self.held) + "\n")
