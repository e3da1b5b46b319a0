"""storycheck: how much of a news story, and of its comment thread, stands on evidence."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("storycheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

from storycheck.model import Comment, Paragraph, Story, Thread
from storycheck.pipeline import Pipeline, analyze, analyze_many
from storycheck.read import read, read_one
from storycheck.report.core import Report

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
