"""What published site lists say of an outlet's factual record.

Two lists from the shared datasets: Media Bias/Fact Check's factuality
(high / mixed / low, via Baly et al.'s corpora) and OpenSources' site types
(via FakeNewsCorpus). MBFC's rating wins where both rate a site, and of its
two releases the later (ACL 2020) wins, as the more recent judgement.
OpenSources' types count only where they speak of factual record: "fake",
"conspiracy", "junksci", "hate" and "unreliable" as low, "reliable" as high;
its other types (bias, clickbait, satire, political, ...) rate slant or
genre, not accuracy, and are left unrated. The table ships in the package as
JSON, built by ``storycheck train reliability``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from storycheck.artefact import load_json, save_json
from storycheck.paths import model_dir
from storycheck.read.corpus import domain_of

TASK = "reliability"
FILE = "outlets.json"
FORMAT_VERSION = 1
MBFC_RELEASES = ("emnlp18", "acl2020")
MBFC_VALUES = {"high": 1.0, "mixed": 0.0, "low": -1.0}
OPENSOURCES_VALUES = {
    "reliable": 1.0,
    "fake": -1.0,
    "conspiracy": -1.0,
    "junksci": -1.0,
    "hate": -1.0,
    "unreliable": -1.0,
}
LISTS = {
    "mbfc": "Media Bias/Fact Check factuality",
    "opensources": "OpenSources site type",
}


@dataclass(frozen=True, slots=True)
class Rating:
    domain: str
    source: str
    label: str

    @property
    def value(self) -> float:
        return (MBFC_VALUES if self.source == "mbfc" else OPENSOURCES_VALUES)[self.label]

    @property
    def detail(self) -> str:
        return f"outlet {self.domain}: {LISTS[self.source]} {self.label!r}"


@dataclass(frozen=True)
class OutletRatings:
    by_domain: dict[str, tuple[str, str]]

    def rating(self, outlet: str) -> Rating | None:
        """The rating of an outlet given as a host name or URL, or None when no list rates it."""
        domain = domain_of(outlet)
        found = self.by_domain.get(domain)
        return None if found is None else Rating(domain, *found)

    def save(self, path: Path) -> None:
        save_json(path, FORMAT_VERSION, {"lists": LISTS, "outlets": self.by_domain})

    @classmethod
    def load(cls, path: Path) -> OutletRatings:
        payload = load_json(path, FORMAT_VERSION, TASK)
        return cls({d: (s, label) for d, (s, label) in payload["outlets"].items()})


def opensources(rows: Iterable[Mapping[str, str | None]]) -> dict[str, tuple[str, str]]:
    """The sites that rows with a ``type`` and a ``domain`` or ``url`` (OpenSources' site
    list, or a corpus in FakeNewsCorpus's layout) rate by a type that speaks of accuracy."""
    rated: dict[str, tuple[str, str]] = {}
    for row in rows:
        domain = domain_of(row.get("domain") or row.get("url") or "")
        kind = (row.get("type") or "").strip()
        if domain and kind in OPENSOURCES_VALUES:
            rated[domain] = ("opensources", kind)
    return rated


def build(datasets: Path) -> OutletRatings:
    """The table from the shared datasets' site lists."""
    with (datasets / "fakenewscorpus" / "websites.csv").open(newline="", encoding="utf-8") as fh:
        by_domain = opensources(csv.DictReader(fh))
    for release in MBFC_RELEASES:
        path = datasets / "media-factuality" / release / "corpus.tsv"
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                domain = domain_of(row["source_url_normalized"])
                if domain and row["fact"] in MBFC_VALUES:
                    by_domain[domain] = ("mbfc", row["fact"])
    return OutletRatings(by_domain)


@cache
def shipped() -> OutletRatings:
    return OutletRatings.load(model_dir(TASK) / FILE)
