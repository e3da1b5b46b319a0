"""`storycheck groups` on a batch run of FNC-1 bodies: the largest gold group, two strangers."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from storycheck import batch
from storycheck.cli import app
from storycheck.eval import story_groups as benchmark


def test_groups_finds_the_gold_group_and_says_how_each_stands(
    datasets: Path, tmp_path: Path
) -> None:
    gold = benchmark.load(*benchmark.default_files(datasets))
    group, _ = Counter(gold.groups).most_common(1)[0]
    members = [i for i, g in enumerate(gold.groups) if g == group]
    strangers = [i for i, g in enumerate(gold.groups) if g != group][:2]
    corpus = tmp_path / "bodies.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": gold.body_ids[i], "text": gold.texts[i]}) + "\n"
            for i in members + strangers
        ),
        encoding="utf-8",
    )
    out = tmp_path / "results.duckdb"
    engine = batch.make_engine("local", 1, None, ("sources", "evidence"))
    sink = batch.open_sink(out)
    batch.run([str(corpus)], sink, engine, max_bytes=1 << 22)
    sink.close()
    result = CliRunner().invoke(app, ["groups", "--db", str(out), "--json"])
    assert result.exit_code == 0, result.output
    [found] = [json.loads(line) for line in result.output.splitlines()]
    grouped = [s["doc_id"] for s in found["stories"]]
    expected = {gold.body_ids[i] for i in members}
    assert set(grouped) <= expected and len(grouped) >= 0.8 * len(expected)
    assert set(found["stance_to_first"]) == set(grouped[1:])
    stances = Counter(v["stance"] for v in found["stance_to_first"].values())
    assert set(stances) <= {"agree", "disagree", "discuss", "unrelated"}
    assert stances["unrelated"] < len(grouped) / 2
