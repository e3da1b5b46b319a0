"""The analyzers that ship with storycheck; importing this package registers them."""

from storycheck.analyzers import (
    claims,
    cues,
    evidence,
    factchecks,
    fallacies,
    incivility,
    persuasion,
    sentences,
    sources,
    stance,
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
    "resolve",
    "sentences",
    "sources",
    "stance",
    "thread",
]
