"""Named sets of analyzers, for when the full analysis is more than a run can afford.

``fast`` needs no parse and no model: thread structure, surface cues and the
incivility lexicon. It screens a corpus at hundreds of stories a second
(benchmarks/throughput.py); ``full`` is every registered analyzer.
"""

from __future__ import annotations

PROFILES: dict[str, tuple[str, ...] | None] = {
    "full": None,
    "fast": ("thread", "cues", "incivility"),
}


def analyzers_for(profile: str, analyzers: str | None) -> tuple[str, ...] | None:
    """The analyzers a command runs: an explicit comma-separated list wins over the profile."""
    if analyzers:
        return tuple(a.strip() for a in analyzers.split(",") if a.strip())
    if profile not in PROFILES:
        raise ValueError(f"no profile named {profile!r}; profiles: {', '.join(PROFILES)}")
    return PROFILES[profile]
