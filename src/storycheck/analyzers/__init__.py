"""The analyzers that ship with storycheck; importing this package registers them."""

from storycheck.analyzers import evidence, sentences, sources, thread
from storycheck.analyzers.base import REGISTRY, Analyzer, register, resolve

__all__ = [
    "REGISTRY",
    "Analyzer",
    "evidence",
    "register",
    "resolve",
    "sentences",
    "sources",
    "thread",
]
