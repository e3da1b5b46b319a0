"""The report: what the analyzers found about one story, as one immutable value.

Every rendering (JSON, terminal, HTML) is a view of this object, and its JSON
form is the documented, versioned contract (``schema.json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storycheck.annotation import Annotation
from storycheck.model import STORY_TARGET, Story
from storycheck.read.storyjson import story_to_dict
from storycheck.report.schema import SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class AnalyzerRun:
    name: str
    version: str
    seconds: float


@dataclass(frozen=True, slots=True)
class Report:
    story: Story
    annotations: tuple[Annotation, ...]
    summaries: dict[str, dict[str, Any]]
    analyzers: tuple[AnalyzerRun, ...]

    def of_kind(self, kind: str, target: str | None = STORY_TARGET) -> list[Annotation]:
        """Annotations of one kind, for one target (None: every target)."""
        return [
            a for a in self.annotations if a.kind == kind and (target is None or a.target == target)
        ]

    def to_dict(self) -> dict[str, Any]:
        from storycheck import __version__

        return {
            "schema_version": SCHEMA_VERSION,
            "storycheck_version": __version__,
            "story": story_to_dict(self.story),
            "annotations": [a.to_dict() for a in self.annotations],
            "summaries": self.summaries,
            "analyzers": [
                {"name": r.name, "version": r.version, "seconds": round(r.seconds, 4)}
                for r in self.analyzers
            ],
        }
