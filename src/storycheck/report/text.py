"""The report in the terminal: the story with its findings marked, the thread as a tree."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from storycheck.annotation import Annotation
from storycheck.model import Comment
from storycheck.report.core import Report
from storycheck.report.words import counted

# Colour carries meaning: each kind of finding has one style, named in the legend.
MARK_STYLES = {
    "evidence": "underline",
    "source": "bold cyan",
    "hedge": "italic yellow",
    "booster": "italic red",
    "fallacy": "on magenta",
    "technique": "on dark_orange3",
}
LEGEND = (
    ("claim", MARK_STYLES["evidence"]),
    ("source", MARK_STYLES["source"]),
    ("hedge", MARK_STYLES["hedge"]),
    ("booster", MARK_STYLES["booster"]),
    ("fallacy", MARK_STYLES["fallacy"]),
    ("persuasion technique", MARK_STYLES["technique"]),
)
STATUS_STYLES = {
    "shown": "green",
    "cited": "green",
    "promised": "yellow",
    "disputed": "red",
    "asserted": "red",
}
# A comment's stance on the story's claim, shown as a badge before its text.
STANCE_STYLES = {"support": "green", "deny": "bold red", "query": "yellow", "comment": "dim"}
# A comment's fallacy and incivility labels, as badges after its stance.
FLAG_STYLES = {"fallacy": "magenta", "incivility": "bold red"}
COMMENT_PREVIEW_CHARS = 280
CLAIM_PREVIEW_CHARS = 90


def render(report: Report) -> RenderableType:
    parts: list[RenderableType] = [_header(report)]
    if "reliability" in report.summaries:
        parts.append(_reliability(report.summaries["reliability"]))
    marks = [a for a in report.annotations if a.kind in MARK_STYLES and a.target == "story"]
    body = Text()
    for paragraph in report.story.paragraphs:
        if paragraph.kind == "title":
            continue
        body.append_text(_marked(paragraph.text, paragraph.start, marks))
        body.append("\n\n")
    body.rstrip()
    parts.append(Panel(body or Text("(no text)"), title="story", title_align="left"))
    parts.append(_legend())
    if report.summaries.get("persuasion", {}).get("by_technique"):
        parts.append(_techniques_line(report.summaries["persuasion"]))
    claims = report.of_kind("evidence")
    if claims:
        parts.append(_claims_table(report.story.text, claims))
        parts.append(_claims_summary(report.summaries.get("evidence", {})))
    factchecks = report.of_kind("factcheck")
    if factchecks:
        parts.append(_factcheck_table(report.story.text, factchecks))
    if "sentences" in report.summaries:
        parts.append(_entity_table(report.summaries["sentences"]))
    if report.story.thread:
        parts.append(_thread_tree(report))
    return Group(*parts)


def _header(report: Report) -> RenderableType:
    story = report.story
    meta = [
        value
        for value in (story.outlet, story.published and story.published.isoformat(), story.url)
        if value
    ]
    lines = Text(story.title or "(untitled)", style="bold")
    lines.append("\n" + (" · ".join(meta) if meta else "no outlet, date or URL given"), style="dim")
    lines.append(f"\nid: {story.id}", style="dim")
    for warning in story.warnings:
        lines.append(f"\n⚠ {warning}", style="yellow")
    return Panel(lines, title="storycheck report", title_align="left")


def _reliability(summary: dict[str, Any]) -> RenderableType:
    """The score, then every signal that moved it, with its points, so none is a bare number."""
    table = Table(box=None, show_header=True, header_style="dim", pad_edge=False)
    table.add_column("points", justify="right")
    table.add_column("signal")
    table.add_column("in this story")
    for c in summary["contributions"]:
        if c["points"]:
            style = "red" if c["points"] < 0 else "green"
            table.add_row(
                Text(f"{c['points']:+.1f}", style=style),
                c["signal"].replace("_", " "),
                f"{c['detail']} (typical {c['reference']:.3g})",
            )
    head = Text(f"{summary['score']:g}", style="bold")
    head.append(f" of 100, {summary['band']}")
    head.append(
        f"\n{summary['base']:g} = every signal typical of {summary['reference_corpus']}; "
        "weights are priors, not fitted to reliability labels",
        style="dim",
    )
    unmeasured = "; ".join(unmeasured_reasons(summary))
    lines: list[RenderableType] = [head, table] if table.row_count else [head]
    if unmeasured:
        lines.append(Text(f"not measured: {unmeasured}", style="dim"))
    return Panel(Group(*lines), title="reliability estimate", title_align="left")


def unmeasured_reasons(summary: dict[str, Any]) -> list[str]:
    """Why each unmeasured signal was not measured, a reason that several share said once.

    A story in another language leaves every text signal unread for the same
    reason; repeating it for each would bury the one line a reader needs.
    """
    signals: dict[str, list[str]] = {}
    for u in summary["unmeasured"]:
        signals.setdefault(u["detail"], []).append(u["signal"].replace("_", " "))
    return [
        detail if len(names) == 1 else f"{', '.join(names)}: {detail}"
        for detail, names in signals.items()
    ]


def _marked(text: str, offset: int, annotations: Iterable[Annotation]) -> Text:
    """The paragraph with each finding inside it styled; offsets are the story's."""
    marked = Text(text)
    for a in annotations:
        if a.start is None or a.end is None or a.end <= offset or a.start >= offset + len(text):
            continue
        start, end = max(a.start, offset) - offset, min(a.end, offset + len(text)) - offset
        marked.stylize(MARK_STYLES[a.kind], start, end)
    return marked


def _legend() -> Text:
    legend = Text("marks: ", style="dim")
    for label, style in LEGEND:
        legend.append(label, style=style)
        legend.append("  ")
    return legend


def _techniques_line(summary: dict[str, Any]) -> Text:
    """Each persuasion technique the story uses, with its rate per 1,000 words."""
    line = Text("persuasion techniques (per 1,000 words): ", style="dim")
    rates = [
        f"{name} {found['count']} ({found['per_1000_words']:.1f})"
        for name, found in summary["by_technique"].items()
    ]
    line.append(", ".join(rates), style=MARK_STYLES["technique"])
    return line


def _claims_table(text: str, claims: list[Annotation]) -> Table:
    table = Table(title="claims and the evidence offered", title_justify="left", show_lines=True)
    for column in ("#", "claim", "kind", "evidence", "rests on", "chain of relay"):
        table.add_column(column, overflow="fold")
    for n, claim in enumerate(claims, start=1):
        assert claim.start is not None and claim.end is not None
        sentence = " ".join(text[claim.start : claim.end].split())
        if len(sentence) > CLAIM_PREVIEW_CHARS:
            sentence = sentence[: CLAIM_PREVIEW_CHARS - 1] + "…"
        chain = " → ".join(link["who"] for link in claim.attrs["chain"]) or "the outlet's own voice"
        hedges = claim.attrs["hedges"]
        table.add_row(
            str(n),
            sentence + (f" [dim](hedged: {', '.join(hedges)})[/dim]" if hedges else ""),
            claim.attrs["claim_kind"],
            Text(claim.label, style=STATUS_STYLES.get(claim.label, "")),
            claim.attrs["anonymity"],
            chain,
        )
    return table


def _claims_summary(summary: dict[str, Any]) -> Text:
    if not summary:
        return Text()
    sources, evidence = summary["by_source"], summary["by_evidence"]
    return Text(
        f"{counted(summary['claims'], 'claim')}: {sources['named']} on named sources, "
        f"{sources['unnamed']} on unnamed ones, {sources['none']} on none; "
        f"evidence shown for {evidence['shown']}, promised for {evidence['promised']}, "
        f"disputed for {evidence['disputed']}",
        style="bold",
    )


def _factcheck_table(text: str, found: list[Annotation]) -> Table:
    """Each claim with the closest known fact-check: the verdict is of that claim, not this one."""
    table = Table(
        title="known fact-checks of similar claims", title_justify="left", show_lines=True
    )
    for column in ("claim here", "fact-checked claim", "verdict", "similarity", "source"):
        table.add_column(column, overflow="fold")
    for annotation in found:
        assert annotation.start is not None and annotation.end is not None
        claim = " ".join(text[annotation.start : annotation.end].split())
        best = annotation.attrs["matches"][0]
        table.add_row(
            claim[:CLAIM_PREVIEW_CHARS],
            best["claim"][:CLAIM_PREVIEW_CHARS],
            annotation.label,
            f"{best['similarity']:.2f}",
            ", ".join(str(best[k]) for k in ("source", "claimant") if best.get(k)),
        )
    return table


def _entity_table(summary: dict[str, object]) -> Table:
    table = Table(title="most mentioned", title_justify="left", show_edge=False)
    table.add_column("entity")
    table.add_column("type")
    table.add_column("mentions", justify="right")
    top = summary.get("top_entities", [])
    assert isinstance(top, list)
    for row in top:
        table.add_row(row["text"], row["type"], str(row["mentions"]))
    return table


def _thread_tree(report: Report) -> Tree:
    thread = report.story.thread
    summary = report.summaries.get("thread", {})
    label = Text(f"thread: {counted(len(thread), 'comment')}", style="bold")
    if summary:
        label.append(
            f" · {counted(summary['max_depth'], 'level')} deep · {summary['anonymous']} anonymous"
            f" · {counted(summary['participants'], 'named participant')}",
            style="dim",
        )
    tree = Tree(label)
    stances = {a.target: a for a in report.of_kind("stance", None)}
    flags = comment_flags(report)
    nodes: dict[str, Tree] = {}
    for comment in thread:
        parent = tree if comment.parent is None else nodes[comment.parent]
        line = _comment_line(comment, stances.get(comment.id), flags.get(comment.id, []))
        nodes[comment.id] = parent.add(line)
    return tree


def comment_flags(report: Report) -> dict[str, list[Annotation]]:
    """Each comment's fallacy and incivility findings, in the order the analyzers gave them."""
    flags: dict[str, list[Annotation]] = {}
    for a in report.annotations:
        if a.kind in FLAG_STYLES and a.target != "story":
            flags.setdefault(a.target, []).append(a)
    return flags


def _comment_line(
    comment: Comment, stance: Annotation | None = None, flags: Iterable[Annotation] = ()
) -> Text:
    line = Text()
    if comment.author:
        line.append(comment.author, style="bold")
    else:
        line.append("anonymous", style="italic dim")
    line.append(f" [{comment.id}] ", style="dim")
    if stance is not None:
        style = STANCE_STYLES.get(stance.label, "dim")
        line.append(f"‹{stance.label} {stance.score or 0.0:.2f}› ", style=style)
    for flag in flags:
        shown = flag.label.replace("_", " ")
        if flag.score is not None:
            shown += f" {flag.score:.2f}"
        if flag.attrs.get("cue"):
            shown += f": {flag.attrs['cue']}"
        line.append(f"‹{shown}› ", style=FLAG_STYLES[flag.kind])
    preview = " ".join(comment.text.split())
    if len(preview) > COMMENT_PREVIEW_CHARS:
        preview = preview[: COMMENT_PREVIEW_CHARS - 1] + "…"
    line.append(preview)
    return line
