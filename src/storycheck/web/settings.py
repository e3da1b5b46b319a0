"""What a running server may vary: where reports go, how much it accepts, how long it works.

Every field has an environment variable, so a deployment configures the
server without code; ``storycheck serve`` options override them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storycheck.paths import PACKAGE
from storycheck.read.decode import DEFAULT_MAX_BYTES

DEFAULT_DB = "storycheck.duckdb"
DEFAULT_TIME_LIMIT_S = 60.0
# Requests waiting for the analyzer beyond this many are told to come back (503).
DEFAULT_MAX_PENDING = 8


def bundled_examples() -> dict[str, Path]:
    """Example stories the page offers, by name: the repository's, and the shared seed."""
    repo = PACKAGE.parents[1]
    shared = Path(os.environ.get("STORYCHECK_SHARED", repo.parent / "shared"))
    found = {
        "harbour-closure": repo / "examples" / "harbour-closure.txt",
        "seed-story": shared / "examples" / "seed-story.txt",
    }
    return {name: path for name, path in found.items() if path.is_file()}


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    max_body_bytes: int = DEFAULT_MAX_BYTES
    time_limit_s: float = DEFAULT_TIME_LIMIT_S
    max_pending: int = DEFAULT_MAX_PENDING
    api_key: str | None = None
    analyzers: tuple[str, ...] | None = None
    examples: dict[str, Path] = field(default_factory=bundled_examples)

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Settings from ``STORYCHECK_*`` variables, then the given overrides (None: keep)."""
        env = os.environ
        analyzers = env.get("STORYCHECK_ANALYZERS")
        settings = cls(
            db=env.get("STORYCHECK_DB", DEFAULT_DB),
            max_body_bytes=int(env.get("STORYCHECK_MAX_BYTES", DEFAULT_MAX_BYTES)),
            time_limit_s=float(env.get("STORYCHECK_TIME_LIMIT", DEFAULT_TIME_LIMIT_S)),
            max_pending=int(env.get("STORYCHECK_MAX_PENDING", DEFAULT_MAX_PENDING)),
            api_key=env.get("STORYCHECK_API_KEY") or None,
            analyzers=tuple(analyzers.split(",")) if analyzers else None,
        )
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
