"""``analyze()``: the one function every entry point calls.

The CLI, the web API and batch runs all go through here, so a story gets the
same report whichever way it arrives. ``analyze_many`` gives each story of a
corpus the report ``analyze`` would, faster: a chunk of stories shares one
spaCy batch.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator, Sequence

from storycheck import nlp
from storycheck.analyzers import REGISTRY, resolve
from storycheck.analyzers.base import Analyzer
from storycheck.annotation import Findings
from storycheck.doc import Doc
from storycheck.errors import AnalysisError, Problem, StorycheckError
from storycheck.language import with_warning
from storycheck.model import Story
from storycheck.report.core import AnalyzerRun, Report

# Stories parsed in one spaCy batch, by ``analyze_many`` and by each task of ``storycheck batch``;
# more gains little and holds more parses.
CHUNK = 8


class Pipeline:
    """The registered analyzers (or a chosen few), instantiated once and reused."""

    def __init__(self, names: Iterable[str] | None = None) -> None:
        self.names = resolve(names)
        self._analyzers = [REGISTRY[name]() for name in self.names]

    def __call__(self, story: Story) -> Report:
        return self.run(Doc(story))

    def run(self, doc: Doc) -> Report:
        """Analyse a doc made by the caller, such as one of a ``Doc.chunk``."""
        summaries = {}
        runs = []
        with nlp.story_memo():
            for analyzer in self._analyzers:
                began = time.perf_counter()
                findings = _findings(analyzer, doc)
                doc.annotations.extend(findings.annotations)
                summaries[analyzer.name] = findings.summary
                elapsed = time.perf_counter() - began
                runs.append(AnalyzerRun(analyzer.name, analyzer.version, elapsed))
        story = with_warning(doc.story, doc.language_warning)
        return Report(story, tuple(doc.annotations), summaries, tuple(runs))


def _findings(analyzer: Analyzer, doc: Doc) -> Findings:
    """What one analyzer finds, its failure named after it unless it says its own reason."""
    try:
        return analyzer(doc)
    except StorycheckError:
        raise
    except Exception as exc:
        raise AnalysisError(
            Problem.ANALYZER_FAILED, detail=analyzer.name, reason=f"{type(exc).__name__}: {exc}"
        ) from exc


_default: Pipeline | None = None


def analyze(story: Story, analyzers: Sequence[str] | None = None) -> Report:
    """Run the analyzers (all registered ones by default) over one story."""
    if analyzers is not None:
        return Pipeline(analyzers)(story)
    return _shared()(story)


def _shared() -> Pipeline:
    """Every registered analyzer, instantiated on first use and kept."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def analyze_many(
    stories: Iterable[Story], analyzers: Sequence[str] | None = None, *, chunk: int = CHUNK
) -> Iterator[Report]:
    """``analyze`` over each story in turn, parsing ``chunk`` stories at a time in one batch."""
    pipeline = Pipeline(analyzers) if analyzers is not None else _shared()
    remaining = iter(stories)
    while stories_of_chunk := list(itertools.islice(remaining, chunk)):
        for doc in Doc.chunk(stories_of_chunk):
            yield pipeline.run(doc)
