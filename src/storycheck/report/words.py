"""Counts as a reader says them: "1 comment", "6 comments", "1 level deep"."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun`` in the singular or plural; every noun counted in a report takes an -s."""
    return f"{n} {noun if n == 1 else noun + 's'}"
