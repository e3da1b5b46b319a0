"""How well the ``sources`` analyzer finds attributions, against a hand-annotated sample.

The gold file (``tests/data/attribution-sample.jsonl``, rules in
``docs/attribution-guidelines.md``) holds one sentence per line with zero or more
attribution rows: who is the source, under what name, by which cue, quoted or
not, and how anonymous. The analyzer's promise is precision ("an attribution
the tool shows must be right"), so the headline figure is the precision of
finding the right source; recall is reported beside it so a tool that shows
nothing cannot look good.

Each document's annotated sentences are fed to the analyzer together, one
paragraph each, because the analyzer resolves "he" and "the minister" across
sentences and the gold names were resolved the same way. A predicted
attribution belongs to the gold sentence (paragraph) that holds its cue.

Usage: ``python -m storycheck.eval.attribution [FILE] [--mistakes N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storycheck.errors import Problem, StorycheckError
from storycheck.paths import PACKAGE

LEVELS: tuple[str, ...] = (
    "named-person-with-role",
    "named-person",
    "named-organisation",
    "unnamed-official",
    "anonymous",
)
# Row and column heads of the confusion table for rows that found no partner.
SPURIOUS = "(none)"
MISSED = "(missed)"
CORPORA = frozenset({"fakenewscorpus", "fnc1", "ptc"})
DEFAULT_SAMPLE = PACKAGE.parents[1] / "tests" / "data" / "attribution-sample.jsonl"


@dataclass(frozen=True, slots=True)
class GoldRow:
    """One source of one sentence, as the annotator marked it."""

    source: str | None
    name: str | None
    cue: str | None
    direct: bool
    anonymity: str


@dataclass(frozen=True, slots=True)
class GoldSentence:
    corpus: str
    doc_id: str
    sentence: str
    rows: tuple[GoldRow, ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    """One attribution the analyzer made, located in a gold sentence.

    ``span`` is the source mention's [start, end) within the sentence, or None
    when the report gave no mention for it. ``cue`` is None for a sentence that
    takes the attribution of another (a quotation whose speaker another sentence
    names), as the gold file writes such rows.
    """

    cue: str | None
    mention: str
    span: tuple[int, int] | None
    name: str | None
    display: str
    kind: str
    entity: int
    direct: bool
    anonymity: str
    first_hand: str


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts behind a precision/recall pair, so the figures can be checked by hand."""

    correct: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Mistake:
    """A row the tool and the annotator disagree on, kept for reading."""

    kind: str  # spurious, missed, anonymity, direct
    doc_id: str
    sentence: str
    gold: GoldRow | None
    predicted: Predicted | None


@dataclass(frozen=True)
class AttributionScores:
    sentences: int
    documents: int
    detection: PRF
    source: PRF
    # (b) where the tool's resolved name does not contradict the gold one (see name_conflict).
    source_strict: PRF
    anonymity: PRF
    direct: PRF
    # Source recall over gold rows that have a cue in their own sentence.
    source_cued: PRF
    # Agreement of the report's ``label`` (first hand of the chain) with gold, on matched rows.
    first_hand_agreement: int
    duplicates_dropped: int
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def anonymity_accuracy(self) -> float:
        """Anonymity right, among rows whose source was found: (c) given (b)."""
        return self.anonymity.correct / self.source.correct if self.source.correct else 0.0

    @property
    def direct_accuracy(self) -> float:
        """Direct/indirect right, among rows whose source was found: (d) given (b)."""
        return self.direct.correct / self.source.correct if self.source.correct else 0.0


Predictor = Callable[[Sequence[GoldSentence]], list[list[Predicted]]]


def load_sample(path: Path) -> list[GoldSentence]:
    """Read and check the gold file; a malformed line is an error, not a silent skip."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{path}: {exc}") from exc
    sample: list[GoldSentence] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
            rows = tuple(_gold_row(r, where) for r in obj["attributions"])
            item = GoldSentence(str(obj["corpus"]), str(obj["doc_id"]), obj["sentence"], rows)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise StorycheckError(Problem.BAD_DATA, detail=f"{where}: {exc}") from exc
        if item.corpus not in CORPORA or not isinstance(item.sentence, str) or not item.sentence:
            raise StorycheckError(Problem.BAD_DATA, detail=f"{where}: bad corpus or sentence")
        sample.append(item)
    return sample


def _gold_row(row: dict[str, Any], where: str) -> GoldRow:
    if row["anonymity"] not in LEVELS:
        raise StorycheckError(Problem.BAD_DATA, detail=f"{where}: anonymity {row['anonymity']!r}")
    if not isinstance(row["direct"], bool):
        raise StorycheckError(Problem.BAD_DATA, detail=f"{where}: direct must be true or false")
    return GoldRow(row["source"], row["name"], row["cue"], row["direct"], row["anonymity"])


def documents(sample: Sequence[GoldSentence]) -> dict[tuple[str, str], list[int]]:
    """Indices of the sample's sentences, grouped by document in file order."""
    grouped: dict[tuple[str, str], list[int]] = {}
    for i, s in enumerate(sample):
        grouped.setdefault((s.corpus, s.doc_id), []).append(i)
    return grouped


def predict(sample: Sequence[GoldSentence]) -> list[list[Predicted]]:
    """Run the ``sources`` analyzer over each document's annotated sentences.

    The story has no title, so no headline inheritance is scored: the gold file
    has no headlines either. A sentence inside a quotation takes its speaker's
    attribution without a cue of its own, and is scored as a cue-less row.
    """
    from storycheck import analyze
    from storycheck.model import build_story

    out: list[list[Predicted]] = [[] for _ in sample]
    for (_corpus, doc_id), indices in documents(sample).items():
        story = build_story(doc_id, "", [sample[i].sentence for i in indices])
        report = analyze(story, analyzers=["sources"])
        paragraphs = story.paragraphs
        anns = [a for a in report.annotations if a.analyzer == "sources"]
        for n, a in enumerate(anns):
            if a.kind != "attribution":
                continue
            inherited = a.attrs.get("inherited_from") is not None
            at = a.start if inherited else a.attrs["cue"]["start"]
            if at is None:
                continue
            where = next((k for k, p in enumerate(paragraphs) if p.start <= at < p.end), None)
            if where is None:
                continue
            source = a.attrs["source"]
            span: tuple[int, int] | None = None
            mention = str(source["display"])
            # The mention's offsets are on the ``source`` annotation the analyzer emits right
            # after each attribution; the attribution itself carries only the resolved entity.
            following = anns[n + 1] if n + 1 < len(anns) and not inherited else None
            if (
                following is not None
                and following.kind == "source"
                and following.attrs["entity"] == source["id"]
                and following.attrs["sentence"] == a.attrs["sentence"]
                and following.start is not None
                and following.end is not None
            ):
                start = paragraphs[where].start
                span = (following.start - start, following.end - start)
                mention = str(following.attrs["text"])
            out[indices[where]].append(
                Predicted(
                    cue=None if inherited else str(a.attrs["cue"]["text"]),
                    mention=mention,
                    span=span,
                    name=source["name"],
                    display=str(source["display"]),
                    kind=str(source["kind"]),
                    entity=int(source["id"]),
                    direct=bool(a.attrs["direct"]),
                    anonymity=str(source["anonymity"]),
                    first_hand=a.label,
                )
            )
    return out


def normalise(text: str) -> str:
    """Lower-case, straight quotes, no leading article or possessive, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[‘’`]", "'", text).replace("“", '"').replace("”", '"')
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s.'-]", " ", text)
    words = text.split()
    if words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(w.strip(".'-") for w in words if w.strip(".'-"))


def same_name(a: str | None, b: str | None) -> bool:
    """Equal after normalising, or every word of the shorter in the longer ("Cook", "Tim Cook")."""
    if not a or not b:
        return False
    x, y = normalise(a), normalise(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long = sorted((set(x.split()), set(y.split())), key=len)
    return short <= long


def _gold_spans(sentence: str, source: str | None) -> list[tuple[int, int]]:
    """Where the gold mention stands, as whole words: "he" is not the end of "The"."""
    if not source:
        return []
    pattern = rf"(?<!\w){re.escape(source)}(?!\w)"
    spans = [(m.start(), m.end()) for m in re.finditer(pattern, sentence)]
    if not spans:
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, sentence, re.IGNORECASE)]
    return spans


def source_match(sentence: str, gold: GoldRow, pred: Predicted) -> int:
    """0: not the same source; 2: the mention overlaps the gold span; 1: same name only."""
    if pred.span is not None and any(
        s < pred.span[1] and pred.span[0] < e for s, e in _gold_spans(sentence, gold.source)
    ):
        return 2
    pred_names = [pred.name] if pred.name else [pred.display]
    if gold.name and any(same_name(gold.name, n) for n in pred_names):
        return 1
    if gold.cue is None and gold.source and normalise(gold.source) == normalise(pred.mention):
        return 1
    return 0


def name_conflict(gold: GoldRow, pred: Predicted) -> bool:
    """The tool resolved the source to a name that is not the gold source's.

    A mention can overlap the gold span while the resolver has merged it into
    the wrong entity ("one official" shown as "Obama"); (b) counts that as
    found, the strict figure does not. A tool name that merely repeats the
    mention ("Isis") is no conflict.
    """
    if pred.name is None:
        return False
    if same_name(gold.name, pred.name) or same_name(gold.source, pred.name):
        return False
    return gold.name is not None or pred.kind == "person"


def match(
    sentence: str, gold: Sequence[GoldRow], pred: Sequence[Predicted]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of predicted to gold rows, span matches tried first."""
    options: list[list[int]] = []
    for p in pred:
        scored = [(source_match(sentence, g, p), j) for j, g in enumerate(gold)]
        options.append([j for s, j in sorted(scored, key=lambda x: -x[0]) if s > 0])
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(pred)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _dedupe(pred: Sequence[Predicted]) -> list[Predicted]:
    """One row per source per sentence, as the guidelines annotate ("said … and added")."""
    seen: set[int] = set()
    kept: list[Predicted] = []
    for p in pred:
        if p.entity not in seen:
            seen.add(p.entity)
            kept.append(p)
    return kept


def score(
    sample: Sequence[GoldSentence], predictions: Sequence[Sequence[Predicted]]
) -> AttributionScores:
    """Sentence-level detection and row-level source, anonymity and direct/indirect figures."""
    detected = both = attributed = 0
    n_pred = n_gold = n_source = n_strict = n_anon = n_direct = first_hand = dropped = 0
    cued_gold = cued_found = 0
    confusion: Counter[tuple[str, str]] = Counter()
    mistakes: list[Mistake] = []
    for item, raw in zip(sample, predictions, strict=True):
        pred = _dedupe(raw)
        dropped += len(raw) - len(pred)
        gold = item.rows
        detected += bool(pred)
        attributed += bool(gold)
        both += bool(pred) and bool(gold)
        n_pred += len(pred)
        n_gold += len(gold)
        cued_gold += sum(g.cue is not None for g in gold)
        pairs = match(item.sentence, gold, pred)
        matched_pred = {i for i, _ in pairs}
        matched_gold = {j for _, j in pairs}
        for i, j in pairs:
            p, g = pred[i], gold[j]
            n_source += 1
            n_strict += not name_conflict(g, p)
            cued_found += g.cue is not None
            confusion[(g.anonymity, p.anonymity)] += 1
            if p.anonymity == g.anonymity:
                n_anon += 1
            else:
                mistakes.append(Mistake("anonymity", item.doc_id, item.sentence, g, p))
            if p.direct == g.direct:
                n_direct += 1
            else:
                mistakes.append(Mistake("direct", item.doc_id, item.sentence, g, p))
            first_hand += p.first_hand == g.anonymity
        for i, p in enumerate(pred):
            if i not in matched_pred:
                confusion[(SPURIOUS, p.anonymity)] += 1
                mistakes.append(Mistake("spurious", item.doc_id, item.sentence, None, p))
        for j, g in enumerate(gold):
            if j not in matched_gold:
                confusion[(g.anonymity, MISSED)] += 1
                mistakes.append(Mistake("missed", item.doc_id, item.sentence, g, None))
    return AttributionScores(
        sentences=len(sample),
        documents=len(documents(sample)),
        detection=PRF(both, detected, attributed),
        source=PRF(n_source, n_pred, n_gold),
        source_strict=PRF(n_strict, n_pred, n_gold),
        anonymity=PRF(n_anon, n_pred, n_gold),
        direct=PRF(n_direct, n_pred, n_gold),
        source_cued=PRF(cued_found, n_pred, cued_gold),
        first_hand_agreement=first_hand,
        duplicates_dropped=dropped,
        confusion=dict(confusion),
        mistakes=mistakes,
    )


def evaluate(
    path: Path | None = None,
    sample: Sequence[GoldSentence] | None = None,
    predictor: Predictor = predict,
) -> AttributionScores:
    """Score the analyzer on the gold file (or on given sentences); no printing, no exit."""
    if sample is None:
        sample = load_sample(path or DEFAULT_SAMPLE)
    return score(sample, predictor(sample))


def confusion_table(confusion: dict[tuple[str, str], int]) -> list[list[str]]:
    """Gold levels down, predicted levels across, with the unmatched rows at the edges."""
    rows = [*LEVELS, SPURIOUS]
    cols = [*LEVELS, MISSED]
    table = [["gold \\ tool", *cols]]
    for r in rows:
        table.append([r, *(str(confusion.get((r, c), 0)) for c in cols)])
    return table


def format_report(scores: AttributionScores) -> str:
    """The figures as a plain-text table; the last line is the headline precision."""
    lines = [
        f"sentences {scores.sentences} in {scores.documents} documents; "
        f"{scores.detection.gold} attributed, {scores.source.gold} gold rows, "
        f"{scores.source.predicted} predicted rows "
        f"({scores.duplicates_dropped} same-source duplicates dropped)",
        "",
        f"{'metric':<34} {'P':>6} {'R':>6} {'F1':>6}   correct/predicted/gold",
    ]
    named: Iterable[tuple[str, PRF]] = (
        ("(a) attribution detected (sent.)", scores.detection),
        ("(b) source correct", scores.source),
        ("(b*) (b), no contradicting name", scores.source_strict),
        ("(b') (b), cued gold rows only", scores.source_cued),
        ("(c) source + anonymity correct", scores.anonymity),
        ("(d) source + direct correct", scores.direct),
    )
    for label, prf in named:
        lines.append(
            f"{label:<34} {prf.precision:6.4f} {prf.recall:6.4f} {prf.f1:6.4f}   "
            f"{prf.correct}/{prf.predicted}/{prf.gold}"
        )
    found = scores.source.correct
    lines += [
        "",
        f"anonymity accuracy given source (c|b): {scores.anonymity_accuracy:.4f} "
        f"({scores.anonymity.correct}/{found})",
        f"direct accuracy given source (d|b):    {scores.direct_accuracy:.4f} "
        f"({scores.direct.correct}/{found})",
        f"first-hand label = gold anonymity:     {scores.first_hand_agreement}/{found}",
        "",
        "anonymity confusion (rows: gold, columns: tool)",
    ]
    table = confusion_table(scores.confusion)
    widths = [max(len(row[k]) for row in table) for k in range(len(table[0]))]
    for row in table:
        lines.append(
            "  ".join(
                cell.rjust(w) if k else cell.ljust(w)
                for k, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    lines += ["", f"attribution precision={scores.source.precision:.4f}"]
    return "\n".join(lines)


def format_mistake(m: Mistake) -> str:
    gold = (
        "-"
        if m.gold is None
        else f"{m.gold.source!r} ({m.gold.name}) cue={m.gold.cue!r} "
        f"{'direct' if m.gold.direct else 'indirect'} {m.gold.anonymity}"
    )
    pred = (
        "-"
        if m.predicted is None
        else f"{m.predicted.mention!r} ({m.predicted.display}) cue={m.predicted.cue!r} "
        f"{'direct' if m.predicted.direct else 'indirect'} {m.predicted.anonymity}"
    )
    return f"[{m.kind}] {m.doc_id}: {m.sentence}\n    gold: {gold}\n    tool: {pred}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storycheck.eval.attribution", description=__doc__.splitlines()[0]
    )
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument(
        "--mistakes", type=int, default=0, metavar="N", help="print up to N mistakes of each kind"
    )
    args = parser.parse_args(argv)
    try:
        scores = evaluate(args.file)
    except StorycheckError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.mistakes:
        for kind in ("spurious", "missed", "anonymity", "direct"):
            chosen = [m for m in scores.mistakes if m.kind == kind][: args.mistakes]
            for m in chosen:
                print(format_mistake(m))
        print()
    print(format_report(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
