"""The additive model that turns signals into a 0-100 estimate, point by point.

A story starts at 50, the score of a story whose every signal sits at the
median of the reference corpus. Each measured signal then adds
``weight × (value − reference) / scale`` points, the distance capped at
``Z_CAP`` spreads, so one extreme signal cannot decide the score alone. The
references and spreads are measured on news text by ``storycheck train
reliability``; the weights are priors written down here with their reasons,
because ../shared/datasets holds no article-level corpus with reliability
labels to fit them on (docs/reliability.md). Being additive, the estimate is
its list of contributions: a reader sees what each signal gave and what would
change the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from storycheck.analyzers.reliability.signals import Signal
from storycheck.artefact import load_json, save_json
from storycheck.paths import model_dir

TASK = "reliability"
FILE = "rubric.json"
FORMAT_VERSION = 1
BASE = 50.0
Z_CAP = 3.0
# Lowest score of each band, best first.
BANDS: tuple[tuple[float, str], ...] = (
    (65.0, "better supported than most"),
    (35.0, "typical"),
    (20.0, "less supported than most"),
    (0.0, "poorly supported"),
)
# The band of a story for which no signal could be measured: its score is the base,
# and "typical" would claim a reading that was never made.
NOTHING_MEASURED = "nothing measured"


@dataclass(frozen=True, slots=True)
class Prior:
    """A signal's weight (points per spread) and the least spread it is measured in."""

    weight: float
    min_scale: float
    why: str


PRIORS: dict[str, Prior] = {
    "claims_unsourced": Prior(-4.0, 0.1, "a claim with no source asks for the outlet's word"),
    "claims_unnamed": Prior(-4.0, 0.1, "an unnamed source cannot be checked"),
    "evidence_promised": Prior(-5.0, 0.1, "evidence promised for later is evidence not given"),
    "evidence_shown": Prior(4.0, 0.1, "evidence in the story lets a reader check the claim"),
    "hedges_per_1000_words": Prior(-1.0, 2.0, "hedged speculation stands in for reported fact"),
    "boosters_per_1000_words": Prior(-2.0, 2.0, "certainty asserted rather than shown"),
    "techniques_per_1000_words": Prior(
        -6.0, 2.0, "persuasion techniques work on feelings, not on evidence"
    ),
    "emotive_sentences": Prior(
        -2.0, 0.05, "an emotive tone works on feelings; plain reporting need not"
    ),
    "reading_ease": Prior(
        -1.0, 5.0, "unreliable outlets write simpler text (Horne and Adali 2017)"
    ),
    "thread_challenge": Prior(-3.0, 0.1, "readers deny the claim or ask where it comes from"),
    "claims_rated_false": Prior(-6.0, 1.0, "fact-checkers rated a claim like it false"),
    "outlet_rating": Prior(8.0, 1.0, "the outlet's factual record, as site lists rate it"),
}


@dataclass(frozen=True, slots=True)
class Rule:
    signal: str
    weight: float
    reference: float
    scale: float
    why: str


@dataclass(frozen=True, slots=True)
class Contribution:
    signal: str
    value: float
    reference: float
    points: float
    detail: str
    why: str


@dataclass(frozen=True)
class Estimate:
    score: float
    band: str
    contributions: tuple[Contribution, ...]
    # Signals that could not be measured for this story, with why.
    unmeasured: tuple[Signal, ...]


@dataclass(frozen=True)
class Rubric:
    rules: tuple[Rule, ...]
    # Where the references and spreads were measured, for the report and meta.json.
    reference_corpus: str

    def estimate(self, signals: Iterable[Signal], leave_out: Sequence[str] = ()) -> Estimate:
        """The score from ``signals``, without the rules of the signals named in ``leave_out``."""
        rules = {r.signal: r for r in self.rules if r.signal not in leave_out}
        contributions, unmeasured = [], []
        for signal in signals:
            rule = rules.get(signal.name)
            if rule is None:
                continue
            if signal.value is None:
                unmeasured.append(signal)
                continue
            z = max(-Z_CAP, min(Z_CAP, (signal.value - rule.reference) / rule.scale))
            points = round(rule.weight * z, 1) + 0.0  # no -0.0 in reports
            contributions.append(
                Contribution(
                    signal.name, signal.value, rule.reference, points, signal.detail, rule.why
                )
            )
        score = round(max(0.0, min(100.0, BASE + sum(c.points for c in contributions))), 1)
        ordered = sorted(contributions, key=lambda c: -abs(c.points))
        named = band(score) if contributions else NOTHING_MEASURED
        return Estimate(score, named, tuple(ordered), tuple(unmeasured))

    def save(self, path: Path) -> None:
        save_json(
            path,
            FORMAT_VERSION,
            {
                "base": BASE,
                "z_cap": Z_CAP,
                "reference_corpus": self.reference_corpus,
                "rules": [asdict(r) for r in self.rules],
            },
        )

    @classmethod
    def load(cls, path: Path) -> Rubric:
        payload = load_json(path, FORMAT_VERSION, TASK)
        return cls(tuple(Rule(**r) for r in payload["rules"]), payload["reference_corpus"])


def band(score: float) -> str:
    return next(name for lowest, name in BANDS if score >= lowest)


def fit_references(
    values: Mapping[str, Sequence[float]], reference_corpus: str, fixed: Mapping[str, float]
) -> Rubric:
    """Each prior's rule, its reference the median and its scale the spread of ``values``.

    ``fixed`` names signals measured on no corpus, with their reference; their
    scale is the prior's least spread (the outlet rating runs from -1 to 1).
    """
    import numpy as np

    rules = []
    for name, prior in PRIORS.items():
        if name in fixed:
            reference, scale = fixed[name], prior.min_scale
        else:
            measured = np.asarray(values[name], dtype=np.float64)
            if measured.size == 0:
                raise ValueError(f"no reference values for {name}")
            reference = float(np.median(measured))
            scale = max(prior.min_scale, float(measured.std()))
        rules.append(Rule(name, prior.weight, round(reference, 4), round(scale, 4), prior.why))
    return Rubric(tuple(rules), reference_corpus)


@cache
def shipped() -> Rubric:
    return Rubric.load(model_dir(TASK) / FILE)
