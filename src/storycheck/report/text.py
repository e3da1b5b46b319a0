"""The report in the terminal: the story with its findings marked, the thread as a tree."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from storycheck.annotation import Annotation
from storycheck.model import Comment
from storycheck.report.core import Report

# Colour carries meaning: one colour per kind of entity, the same in the legend.
ENTITY_STYLES = {
    "PERSON": "bold cyan",
    "ORG": "bold magenta",
    "GPE": "green",
    "NORP": "green",
    "LOC": "green",
    "FAC": "green",
    "DATE": "yellow",
    "TIME": "yellow",
}
OTHER_ENTITY_STYLE = "blue"
LEGEND = (
    ("PERSON", ENTITY_STYLES["PERSON"]),
    ("ORG", ENTITY_STYLES["ORG"]),
    ("place/group", ENTITY_STYLES["GPE"]),
    ("date/time", ENTITY_STYLES["DATE"]),
    ("other", OTHER_ENTITY_STYLE),
)
COMMENT_PREVIEW_CHARS = 280


def render(report: Report) -> RenderableType:
    parts: list[RenderableType] = [_header(report)]
    entities = report.of_kind("entity")
    body = Text()
    for paragraph in report.story.body:
        body.append_text(_marked(paragraph.text, paragraph.start, entities))
        body.append("\n\n")
    body.rstrip()
    parts.append(Panel(body or Text("(no text)"), title="story", title_align="left"))
    parts.append(_legend())
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


def _marked(text: str, offset: int, annotations: Iterable[Annotation]) -> Text:
    """The paragraph with each annotation inside it styled; offsets are the story's."""
    marked = Text(text)
    for a in annotations:
        if a.start is None or a.end is None or a.start < offset or a.end > offset + len(text):
            continue
        marked.stylize(
            ENTITY_STYLES.get(a.label, OTHER_ENTITY_STYLE), a.start - offset, a.end - offset
        )
    return marked


def _legend() -> Text:
    legend = Text("entities: ", style="dim")
    for label, style in LEGEND:
        legend.append(label, style=style)
        legend.append("  ")
    return legend


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
    label = Text(f"thread: {len(thread)} comments", style="bold")
    if summary:
        label.append(
            f" · {summary['max_depth']} levels deep · {summary['anonymous']} anonymous"
            f" · {summary['participants']} named participants",
            style="dim",
        )
    tree = Tree(label)
    nodes: dict[str, Tree] = {}
    for comment in thread:
        parent = tree if comment.parent is None else nodes[comment.parent]
        nodes[comment.id] = parent.add(_comment_line(comment))
    return tree


def _comment_line(comment: Comment) -> Text:
    line = Text()
    if comment.author:
        line.append(comment.author, style="bold")
    else:
        line.append("anonymous", style="italic dim")
    line.append(f" [{comment.id}] ", style="dim")
    preview = " ".join(comment.text.split())
    if len(preview) > COMMENT_PREVIEW_CHARS:
        preview = preview[: COMMENT_PREVIEW_CHARS - 1] + "…"
    line.append(preview)
    return line
