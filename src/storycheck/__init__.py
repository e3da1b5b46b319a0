"""storycheck: how much of a news story, and of its comment thread, stands on evidence.

The public names load on first use, so that ``import storycheck`` and the
command's ``--help`` do not wait for spaCy, PyTorch and the model heads.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("storycheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from storycheck.model import Comment, Paragraph, Story, Thread
    from storycheck.pipeline import Pipeline, analyze, analyze_many
    from storycheck.read import read, read_one
    from storycheck.report.core import Report

# Public name -> the module that defines it.
_HOMES = {
    "Comment": "storycheck.model",
    "Paragraph": "storycheck.model",
    "Story": "storycheck.model",
    "Thread": "storycheck.model",
    "Pipeline": "storycheck.pipeline",
    "analyze": "storycheck.pipeline",
    "analyze_many": "storycheck.pipeline",
    "read": "storycheck.read",
    "read_one": "storycheck.read",
    "Report": "storycheck.report.core",
}

__all__ = [
    "Comment",
    "Paragraph",
    "Pipeline",
    "Report",
    "Story",
    "Thread",
    "__version__",
    "analyze",
    "analyze_many",
    "read",
    "read_one",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'storycheck' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
