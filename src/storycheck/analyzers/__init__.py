"""The analyzers that ship with storycheck; importing this package registers them."""

from storycheck.analyzers import (
    claims,
    cues,
    evidence,
    factchecks,
    fallacies,
    incivility,
    persuasion,
    reliability,
    sentences,
    sources,
    stance,
    style,
    thread,
)
from storycheck.analyzers.base import REGISTRY, Analyzer, register, resolve

__all__ = [
    "REGISTRY",
    "Analyzer",
    "claims",
    "cues",
    "evidence",
    "factchecks",
    "fallacies",
    "incivility",
    "persuasion",
    "register",
    "reliability",
    "resolve",
    "sentences",
    "sources",
    "stance",
    "style",
    "thread",
]
