"""The analyzers that ship with storycheck; importing this package registers them."""

from storycheck.analyzers import sentences, sources, thread
from storycheck.analyzers.base import REGISTRY, Analyzer, register, resolve

__all__ = ["REGISTRY", "Analyzer", "register", "resolve", "sentences", "sources", "thread"]
