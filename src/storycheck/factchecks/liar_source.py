"""The built-in fact-checks: PolitiFact verdicts of the LIAR train and valid statements.

LIAR records the speaker, their job and party, and the context (where the
statement was made) but no date and no article URL; the fact-check is named
by its LIAR id (PolitiFact's statement number). Where LIAR-PLUS gives the
justification of a statement (val2, the valid split), it is kept with it.
"""

from __future__ import annotations

from pathlib import Path

from storycheck.eval import liar
from storycheck.factchecks.records import FactCheck

SOURCE = "PolitiFact (via LIAR, Wang 2017)"
SPLITS = (liar.TRAIN_FILE, liar.DEV_FILE)


def embedding_name(split: str) -> str:
    return f"liar-{split.removesuffix('.tsv')}"


def justifications(datasets: Path) -> dict[str, str]:
    path = datasets / liar.PLUS_FOLDER / liar.PLUS_DEV_FILE
    if not path.is_file():
        return {}
    return {s.id: s.justification for s in liar.read(path) if s.justification}


def by_split(datasets: Path) -> list[tuple[str, list[FactCheck]]]:
    """Each split's fact-checks, train then valid, in file order: each file is read once,
    and each split's statements are embedded under a name of their own."""
    why = justifications(datasets)
    return [
        (split, [_factcheck(s, why) for s in liar.load_split(datasets, split)]) for split in SPLITS
    ]


def _factcheck(s: liar.Statement, why: dict[str, str]) -> FactCheck:
    return FactCheck(
        claim=s.text,
        verdict=s.label,
        source=SOURCE,
        claimant=s.speaker.replace("-", " "),
        context=s.context,
        justification=why.get(s.id, ""),
        id=f"liar:{s.id}",
    )
