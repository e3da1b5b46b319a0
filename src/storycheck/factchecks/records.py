"""A fact-check as the memory keeps it, whichever source it came from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class FactCheck:
    """One already fact-checked claim: what was claimed, by whom, and the checker's verdict.

    ``source`` names who checked it (``PolitiFact via LIAR``, or a ClaimReview's
    publisher); ``url`` points at the fact-check when the source gives one.
    """

    claim: str
    verdict: str
    source: str
    claimant: str = ""
    date: str = ""
    context: str = ""
    url: str = ""
    rating_value: float | None = None
    justification: str = ""
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FactCheck:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def key(self) -> tuple[str, str]:
        """Two records with the same claim and fact-check URL are one fact-check."""
        return (" ".join(self.claim.lower().split()), self.url)
