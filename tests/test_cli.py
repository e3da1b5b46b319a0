from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from storycheck.cli import InputFormat, app
from storycheck.read import FORMATS
from storycheck.report.schema import load_schema

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-closure.txt"
runner = CliRunner()


def test_analyze_example_prints_the_report() -> None:
    result = runner.invoke(app, ["analyze", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Port Authority Will Close Eastern Harbour" in result.stdout
    assert "Maria Lindqvist" in result.stdout


def test_json_output_to_a_file_validates(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    jsonschema.validate(json.loads(out.read_text()), load_schema())


def test_stdin_is_read(seed_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "-", "-f", "jsonl"], input=seed_path.read_bytes())
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    assert json.loads(line)["story"]["id"] == "<stdin>"


def test_bad_single_document_fails_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["analyze", str(empty)])
    assert result.exit_code == 1
    assert f"error: {empty}: [E001] the document is empty" in result.stderr


def test_several_sources_keep_going_past_a_bad_one(tmp_path: Path, seed_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x00\x01\x02" * 10)
    result = runner.invoke(app, ["analyze", str(bad), str(seed_path), str(EXAMPLE), "-f", "json"])
    assert result.exit_code == 1
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["story"]["title"][:10] for r in reports] == ["Syria Has ", "Port Autho"]
    assert "2 analysed, 1 failed" in result.stderr and str(bad) in result.stderr


def test_parse_shows_the_thread_without_analysing(seed_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(seed_path)])
    assert result.exit_code == 0
    story = json.loads(result.stdout)
    assert [c["author"] for c in story["thread"]["comments"]][:2] == ["David Lilley", None]


def test_help_teaches_by_example() -> None:
    result = runner.invoke(app, ["analyze", "--help"])
    assert result.exit_code == 0
    assert "storycheck analyze page.html -f html -o report.html" in result.stdout


def test_input_formats_match_the_readers() -> None:
    assert [f.value for f in InputFormat] == list(FORMATS)


def test_corpus_with_a_broken_row_analyses_every_other_row(tmp_path: Path, datasets: Path) -> None:
    source = (datasets / "fakenewscorpus" / "news_sample.csv").read_text(encoding="utf-8")
    records = list(csv.reader(io.StringIO(source)))
    good = records[1:4]
    corpus = tmp_path / "corpus.csv"
    with corpus.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(records[0])
        writer.writerow(good[0])
        writer.writerow(["broken", "row"])
        writer.writerows(good[1:])
    result = runner.invoke(app, ["analyze", str(corpus), "-f", "jsonl", "--analyzers", "thread"])
    assert result.exit_code == 1
    ids = [json.loads(line)["story"]["id"] for line in result.stdout.splitlines()]
    assert ids == [row[1] for row in good]
    broken_line = corpus.read_text(encoding="utf-8").splitlines().index("broken,row") + 1
    assert f"corpus.csv:{broken_line}: [E006]" in result.stderr
    assert "3 analysed, 1 failed" in result.stderr


def test_fast_analysis_runs_no_parse(seed_path: Path) -> None:
    result = CliRunner().invoke(app, ["analyze", str(seed_path), "--fast", "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [a["name"] for a in report["analyzers"]] == ["thread", "cues", "incivility"]


def test_the_command_loads_no_parser_until_it_parses() -> None:
    # A fresh interpreter: other tests have imported spaCy into this one. `--help`,
    # `--version` and `tasks` should answer at once, not after spaCy and PyTorch load.
    code = (
        "import sys, storycheck.cli, storycheck; "
        "print(sorted(m for m in ('spacy', 'torch', 'thinc') if m in sys.modules)); "
        "storycheck.read_one; print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "False"]
