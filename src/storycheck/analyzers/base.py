"""The analyzer contract and the registry that composes analyzers into a pipeline.

As in spaCy, an analyzer is registered by name, declares which analyzers it
builds on, and reads and writes only through the shared ``Doc``. A pipeline is
the registered analyzers in an order that respects ``requires``, optionally
restricted to some of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Protocol, TypeVar

from storycheck.annotation import Findings
from storycheck.doc import Doc
from storycheck.errors import Problem, StorycheckError


class Analyzer(Protocol):
    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    description: ClassVar[str]

    def __call__(self, doc: Doc) -> Findings: ...


REGISTRY: dict[str, type[Analyzer]] = {}


AnalyzerT = TypeVar("AnalyzerT", bound=type[Analyzer])


def register(cls: AnalyzerT) -> AnalyzerT:
    REGISTRY[cls.name] = cls
    return cls


def resolve(names: Iterable[str] | None = None) -> list[str]:
    """The analyzers to run, each after those it requires, in registration order."""
    wanted = list(REGISTRY) if names is None else list(names)
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name not in REGISTRY:
            raise StorycheckError(Problem.UNKNOWN_ANALYZER, detail=repr(name))
        if name in ordered:
            return
        for required in REGISTRY[name].requires:
            visit(required)
        ordered.append(name)

    for name in wanted:
        visit(name)
    return ordered
