"""``storycheck factchecks``: import ClaimReview records, search the memory, measure retrieval."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from storycheck.errors import StorycheckError

app = typer.Typer(
    help="The fact-check memory: LIAR's PolitiFact verdicts plus ClaimReview records you import.",
    no_args_is_help=True,
)
err = Console(stderr=True)


@app.command("import")
def import_file(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="ClaimReview JSON-LD: one object, a list, an @graph, or JSON Lines.",
            show_default=False,
        ),
    ],
) -> None:
    """Add ClaimReview records to your fact-check index (kept in your data folder).

    `storycheck factchecks import claimreviews.json`
    """
    from storycheck.factchecks import claimreview, store

    total_added = total_skipped = 0
    failed = False
    for path in files:
        try:
            records, problems = claimreview.read_file(path)
        except StorycheckError as exc:
            err.print(f"[red]error:[/red] {exc}")
            failed = True
            continue
        for problem in problems:
            err.print(f"[yellow]skipped:[/yellow] {problem}")
        added, skipped = store.add(records)
        total_added += added
        total_skipped += skipped
    typer.echo(
        f"imported {total_added} fact-checks ({total_skipped} already there) "
        f"into {store.user_index_path()}"
    )
    if failed:
        raise typer.Exit(1)


@app.command()
def search(
    claim: Annotated[str, typer.Argument(help="The claim to look for, in quotes.")],
    k: Annotated[int, typer.Option("--k", "-k", help="How many fact-checks to show.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Print the fact-checks closest to a claim, with verdict, similarity and source.

    `storycheck factchecks search "Unemployment is higher now than in the 1970s"`
    """
    from storycheck.factchecks.memory import default_memory

    matches = default_memory().search(claim, k)
    if as_json:
        typer.echo(json.dumps([m.to_dict() for m in matches], indent=2, ensure_ascii=False))
        return
    table = Table(title=f"fact-checks closest to: {claim}", title_justify="left")
    for column in ("similarity", "verdict", "claim", "claimant", "source"):
        table.add_column(column, justify="right" if column == "similarity" else "left")
    for m in matches:
        f = m.factcheck
        table.add_row(
            f"{m.cosine:.2f}", f.verdict, f.claim, f.claimant, f.url or f"{f.source} {f.id}"
        )
    Console().print(table)


@app.command()
def evaluate(
    limit: Annotated[
        int | None, typer.Option(help="Use only the first N LIAR-PLUS pairs (a quick check).")
    ] = None,
) -> None:
    """Measure retrieval (MAP@5, recall@10) on pairs derived from LIAR-PLUS val2.

    Each statement's own PolitiFact justification is its one relevant item
    (docs/factchecks.md). Prints the re-ranker weights fitted on all pairs and
    the similarity threshold that keeps top-1 precision at TARGET_PRECISION.
    """
    from storycheck.factchecks.evaluation import evaluate as run
    from storycheck.paths import datasets_dir

    try:
        report = run(datasets_dir(), limit)
    except StorycheckError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    out = Console()
    for d in report.directions:
        table = Table(title=f"{d.name} ({d.queries} queries)", title_justify="left")
        for column in ("system", "MAP@5", "recall@10"):
            table.add_column(column, justify="left" if column == "system" else "right")
        for system in d.map5:
            table.add_row(system, f"{d.map5[system]:.4f}", f"{d.recall10[system]:.4f}")
        out.print(table)
    w = report.weights
    out.print(
        f"re-ranker fitted on all pairs: intercept {w[0]:.3f}, cosine {w[1]:.3f}, bm25 {w[2]:.3f}"
    )
    out.print(
        f"threshold: cosine >= {report.threshold:.3f} keeps top-1 precision "
        f"{report.threshold_precision:.3f} on {report.threshold_coverage:.1%} of queries"
    )
    best = report.directions[0]
    typer.echo(f"factchecks map@5={best.map5['rerank (cross-fitted)']:.4f}")
