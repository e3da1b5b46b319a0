"""``analyze()``: the one function every entry point calls.

The CLI, the web API and batch runs all go through here, so a story gets the
same report whichever way it arrives.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from storycheck.analyzers import REGISTRY, resolve
from storycheck.doc import Doc
from storycheck.errors import AnalysisError, Problem
from storycheck.model import Story
from storycheck.report.core import AnalyzerRun, Report


class Pipeline:
    """The registered analyzers (or a chosen few), instantiated once and reused."""

    def __init__(self, names: Iterable[str] | None = None) -> None:
        self.names = resolve(names)
        self._analyzers = [REGISTRY[name]() for name in self.names]

    def __call__(self, story: Story) -> Report:
        doc = Doc(story)
        summaries = {}
        runs = []
        for analyzer in self._analyzers:
            began = time.perf_counter()
            try:
                findings = analyzer(doc)
            except Exception as exc:
                raise AnalysisError(
                    Problem.ANALYZER_FAILED,
                    detail=analyzer.name,
                    reason=f"{type(exc).__name__}: {exc}",
                ) from exc
            doc.annotations.extend(findings.annotations)
            summaries[analyzer.name] = findings.summary
            runs.append(AnalyzerRun(analyzer.name, analyzer.version, time.perf_counter() - began))
        return Report(story, tuple(doc.annotations), summaries, tuple(runs))


_default: Pipeline | None = None


def analyze(story: Story, analyzers: Sequence[str] | None = None) -> Report:
    """Run the analyzers (all registered ones by default) over one story."""
    global _default
    if analyzers is not None:
        return Pipeline(analyzers)(story)
    if _default is None:
        _default = Pipeline()
    return _default(story)
