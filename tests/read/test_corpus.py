"""Corpus files read row by row, on real rows of the shared datasets."""

from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from storycheck.errors import Problem, ReadError
from storycheck.model import Story
from storycheck.read import read
from storycheck.read.corpus import read_corpus, split_paragraphs, story_from_record

MAX = 10 * 1024 * 1024
csv.field_size_limit(sys.maxsize)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _split(results: list[Story | ReadError]) -> tuple[list[Story], list[ReadError]]:
    stories = [r for r in results if isinstance(r, Story)]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert len(stories) + len(errors) == len(results)
    return stories, errors


@pytest.fixture(scope="module")
def news_sample(datasets: Path) -> Path:
    return datasets / "fakenewscorpus" / "news_sample.csv"


@pytest.fixture(scope="module")
def news_rows(news_sample: Path) -> list[dict[str, str]]:
    return _rows(news_sample)


def test_news_sample_yields_every_article_with_its_id_and_domain(news_sample, news_rows):
    stories, errors = _split(list(read_corpus(news_sample, "csv", max_bytes=MAX)))

    assert errors == []
    assert len(stories) == 250
    assert [s.id for s in stories] == [row["id"] for row in news_rows]
    assert [s.outlet for s in stories] == [row["domain"].removeprefix("www.") for row in news_rows]
    assert [s.url for s in stories] == [row["url"] for row in news_rows]
    assert [s.title for s in stories] == [row["title"].strip() for row in news_rows]
    assert {s.source_format for s in stories} == {"csv"}
    assert "newsmax.com" in {s.outlet for s in stories}


def test_news_sample_body_is_split_on_blank_lines(news_sample, news_rows):
    first = next(iter(read_corpus(news_sample, "csv", max_bytes=MAX)))
    assert isinstance(first, Story)

    assert first.id == "141"
    assert first.authors == ("Ruth Harris",)
    assert first.paragraphs[0].kind == "title"
    assert first.body[0].text.startswith("Sometimes the power of Christmas will make you do wild")
    blank_line_blocks = [b for b in re.split(r"\n\s*\n", news_rows[0]["content"]) if b.strip()]
    assert len(first.body) == len(blank_line_blocks) > 1
    assert all(p.text in news_rows[0]["content"] for p in first.body)


def test_read_entry_point_dispatches_csv_to_the_corpus_reader(news_sample):
    results = list(read(news_sample))
    assert len(results) == 250
    assert all(isinstance(r, Story) for r in results)


def test_fnc1_bodies_keep_their_body_ids(datasets):
    path = datasets / "fnc1" / "train_bodies.csv"
    stories, errors = _split(list(read_corpus(path, "csv", max_bytes=MAX)))

    assert errors == []
    assert len(stories) == 1683
    assert [s.id for s in stories] == [row["Body ID"] for row in _rows(path)]
    by_id = {s.id: s for s in stories}
    assert by_id["0"].title == ""
    assert by_id["0"].text.startswith(
        "A small meteorite crashed into a wooded area in Nicaragua's capital of Managua"
    )
    assert by_id["0"].outlet is None


def test_fnc1_half_dev_bodies(datasets):
    path = datasets / "fnc1" / "competition_test_half_dev_bodies.csv"
    stories, errors = _split(list(read_corpus(path, "csv", max_bytes=MAX)))

    assert errors == []
    assert sorted(s.id for s in stories) == sorted(row["Body ID"] for row in _rows(path))
    assert len(stories) == 433


def test_climate_dev_takes_the_outlet_from_the_url_and_reports_empty_rows(datasets):
    path = datasets / "logic" / "climate_dev.csv"
    rows = _rows(path)
    stories, errors = _split(list(read_corpus(path, "csv", max_bytes=MAX)))

    empty = [row for row in rows if not row["source_article"].strip()]
    assert len(empty) == 7
    assert len(stories) == len(rows) - len(empty) == 270
    assert stories[0].id == "climate_dev.csv:2"
    assert stories[0].outlet == "wsj.com"
    assert stories[0].text == rows[0]["source_article"].strip()
    for story in stories:
        assert story.outlet and story.outlet in story.url
        assert not story.outlet.startswith("www.")
    # Each error names the line on which the empty row stands in the file.
    lines = path.read_text(encoding="utf-8").split("\n")
    assert len(errors) == 7
    for error in errors:
        assert error.problem is Problem.NO_TEXT
        name, line = error.doc_id.split(":")
        assert name == "climate_dev.csv"
        assert re.match(r"^\d+,[^,]+,,", lines[int(line) - 1])


def test_a_file_with_no_text_column_is_one_error(datasets):
    path = datasets / "fakenewscorpus" / "websites.csv"
    results = list(read_corpus(path, "csv", max_bytes=MAX))

    assert len(results) == 1
    assert isinstance(results[0], ReadError)
    assert results[0].problem is Problem.NO_TEXT
    assert results[0].doc_id == str(path)


def test_missing_file_is_one_error(tmp_path):
    results = list(read_corpus(tmp_path / "nope.csv", "csv", max_bytes=MAX))
    assert [(r.doc_id, r.problem) for r in results if isinstance(r, ReadError)] == [
        (str(tmp_path / "nope.csv"), Problem.NOT_FOUND)
    ]
    assert len(results) == 1


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])


def test_broken_row_costs_only_that_row(tmp_path, news_rows):
    header = ["id", "domain", "url", "content", "title", "authors"]
    good = [[row[h] for h in header] for row in news_rows[:6]]
    path = tmp_path / "broken.csv"
    _write_csv(path, header, good[:3])
    broken_line = path.read_text(encoding="utf-8").count("\n") + 1
    with path.open("a", newline="", encoding="utf-8") as fh:
        fh.write("999,broken.example,only four fields\r\n")
        csv.writer(fh).writerows(good[3:])

    stories, errors = _split(list(read_corpus(path, "csv", max_bytes=MAX)))

    assert [s.id for s in stories] == [row[0] for row in good]
    assert len(errors) == 1
    assert errors[0].doc_id == f"broken.csv:{broken_line}"
    assert errors[0].problem is Problem.BAD_ROW
    assert "3 fields where the header has 6" in str(errors[0])


def test_empty_body_row_is_an_error_naming_its_id(tmp_path, news_rows):
    header = ["id", "domain", "content"]
    rows = [[row["id"], row["domain"], row["content"]] for row in news_rows[:4]]
    rows[1][2] = "  \n\n "
    path = tmp_path / "empty.csv"
    _write_csv(path, header, rows)

    stories, errors = _split(list(read_corpus(path, "csv", max_bytes=MAX)))

    assert [s.id for s in stories] == [rows[0][0], rows[2][0], rows[3][0]]
    assert [(e.doc_id, e.problem) for e in errors] == [(rows[1][0], Problem.NO_TEXT)]
    assert "'content' column is empty" in str(errors[0])


def test_row_over_max_bytes_is_refused_alone(tmp_path, news_rows):
    header = ["id", "content"]
    rows = [[row["id"], row["content"]] for row in news_rows[:20]]
    limit = 3000
    too_big = {r[0] for r in rows if len(r[0].encode()) + len(r[1].encode()) > limit}
    assert 0 < len(too_big) < len(rows)
    path = tmp_path / "big.csv"
    _write_csv(path, header, rows)

    stories, errors = _split(list(read_corpus(path, "csv", max_bytes=limit)))

    assert {e.doc_id for e in errors} == too_big
    assert {e.problem for e in errors} == {Problem.TOO_LARGE}
    assert [s.id for s in stories] == [r[0] for r in rows if r[0] not in too_big]


def test_invalid_utf8_is_replaced_with_a_warning_on_that_row_only(tmp_path, news_rows):
    path = tmp_path / "latin1.csv"
    _write_csv(path, ["id", "content"], [[r["id"], r["content"]] for r in news_rows[:3]])
    data = path.read_bytes().replace(b"Sometimes the power", b"Sometimes the p\xf6wer", 1)
    path.write_bytes(data)

    stories, errors = _split(list(read_corpus(path, "csv", max_bytes=MAX)))

    assert errors == []
    assert "p\ufffdwer" in stories[0].text
    assert len(stories[0].warnings) == 1
    assert "not valid UTF-8" in stories[0].warnings[0]
    assert stories[1].warnings == stories[2].warnings == ()


def test_tsv_is_read_without_quoting(tmp_path):
    path = tmp_path / "quotes.tsv"
    path.write_text('id\ttext\n1\t"Quoted," he said.\n2\tSecond "story" here.\n', encoding="utf-8")
    stories, errors = _split(list(read_corpus(path, "tsv", max_bytes=MAX)))
    assert errors == []
    assert [(s.id, s.text) for s in stories] == [
        ("1", '"Quoted," he said.'),
        ("2", 'Second "story" here.'),
    ]
    assert {s.source_format for s in stories} == {"tsv"}


def test_jsonl_bad_lines_cost_only_themselves(tmp_path, datasets):
    bodies = _rows(datasets / "fnc1" / "train_bodies.csv")[:3]
    lines = [
        json.dumps({"id": int(bodies[0]["Body ID"]), "text": bodies[0]["articleBody"]}),
        '{"id": 77, "text": "unterminated',
        json.dumps({"id": bodies[1]["Body ID"], "text": bodies[1]["articleBody"]}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": bodies[2]["Body ID"], "text": bodies[2]["articleBody"]}),
    ]
    path = tmp_path / "bodies.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    stories, errors = _split(list(read_corpus(path, "jsonl", max_bytes=MAX)))

    assert [s.id for s in stories] == [b["Body ID"] for b in bodies]
    assert stories[0].text.startswith("A small meteorite crashed")
    assert {s.source_format for s in stories} == {"jsonl"}
    assert [(e.doc_id, e.problem) for e in errors] == [
        ("bodies.jsonl:2", Problem.BAD_JSON),
        ("bodies.jsonl:5", Problem.BAD_ROW),
    ]


def test_jsonl_line_over_max_bytes_is_skipped_and_the_next_line_read(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "short one"}),
        json.dumps({"id": "b", "text": "x" * 5000}),
        json.dumps({"id": "c", "text": "short two"}),
    ]
    path = tmp_path / "long.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")

    stories, errors = _split(list(read_corpus(path, "jsonl", max_bytes=1000)))

    assert [s.id for s in stories] == ["a", "c"]
    assert [(e.doc_id, e.problem) for e in errors] == [("long.jsonl:2", Problem.TOO_LARGE)]


def test_jsonl_in_the_story_schema_round_trips(tmp_path, news_sample):
    from storycheck.read.storyjson import story_to_dict

    originals = list(read_corpus(news_sample, "csv", max_bytes=MAX))[:3]
    assert all(isinstance(s, Story) for s in originals)
    path = tmp_path / "stories.jsonl"
    path.write_text(
        json.dumps(story_to_dict(originals[0]))
        + "\n"
        + json.dumps({"story": story_to_dict(originals[1])})
        + "\n"
        + json.dumps(story_to_dict(originals[2]))
        + "\n",
        encoding="utf-8",
    )

    stories, errors = _split(list(read_corpus(path, "jsonl", max_bytes=MAX)))

    assert errors == []
    assert stories == originals


def test_parquet_of_real_rows_round_trips_ids_and_text(tmp_path, news_sample, news_rows):
    rows = news_rows[:40]
    table = pa.table(
        {
            "id": pa.array([int(r["id"]) for r in rows], pa.int64()),
            "domain": [r["domain"] for r in rows],
            "url": [r["url"] for r in rows],
            "title": [r["title"] for r in rows],
            "content": [r["content"] for r in rows],
            "authors": [r["authors"] for r in rows],
        }
    )
    path = tmp_path / "sample.parquet"
    pq.write_table(table, path, row_group_size=16)

    from_parquet, errors = _split(list(read_corpus(path, "parquet", max_bytes=MAX)))
    from_csv = list(read_corpus(news_sample, "csv", max_bytes=MAX))[:40]

    assert errors == []
    assert [s.id for s in from_parquet] == [r["id"] for r in rows]
    assert [s.paragraphs for s in from_parquet] == [s.paragraphs for s in from_csv]
    assert [s.outlet for s in from_parquet] == [s.outlet for s in from_csv]
    assert {s.source_format for s in from_parquet} == {"parquet"}


def test_a_file_that_is_not_parquet_is_one_error(tmp_path):
    path = tmp_path / "fake.parquet"
    path.write_text("id,text\n1,hello\n", encoding="utf-8")
    results = list(read_corpus(path, "parquet", max_bytes=MAX))
    assert len(results) == 1
    assert isinstance(results[0], ReadError)
    assert results[0].problem is Problem.UNKNOWN_FORMAT


def test_generic_column_names_are_recognised():
    story = story_from_record(
        {
            "Headline": "A headline",
            "TEXT": "First line.\nSecond line.",
            "Date": "2020-03-04T10:00:00Z",
            "Site": "https://www.example.org/news/1",
            "Author": "Ann Lee and Bo Park",
            "lang": "de",
        },
        "rows.jsonl:9",
        "jsonl",
    )
    assert story.id == "rows.jsonl:9"
    assert story.title == "A headline"
    assert [p.text for p in story.body] == ["First line.", "Second line."]
    assert story.published == date(2020, 3, 4)
    assert story.outlet == "example.org"
    assert story.authors == ("Ann Lee", "Bo Park")
    assert story.language == "de"


def test_an_outlet_that_is_a_name_is_kept_and_a_bad_date_is_none():
    story = story_from_record(
        {"source": "Reuters", "body": "Text.", "published": "last Tuesday"}, "r:1", "csv"
    )
    assert story.outlet == "Reuters"
    assert story.published is None


def test_split_paragraphs_prefers_blank_lines():
    assert split_paragraphs("a\nstill a\n\n  b  \r\n\r\nc") == ["a\nstill a", "b", "c"]
    assert split_paragraphs("one\ntwo\n") == ["one", "two"]
    assert split_paragraphs(" \n ") == []


def test_a_line_break_inside_a_paragraph_ends_a_heading_or_caption_not_a_wrapped_line():
    body = (
        "Outline\nCirculating report claims it.\n\n"
        'An ISIL flag flies above Kobani\nThe UN said: "a war crime."\n\n'
        "Blogs reported last week that Rosenberg\nhad been captured."
    )
    assert split_paragraphs(body) == [
        "Outline",
        "Circulating report claims it.",
        "An ISIL flag flies above Kobani",
        'The UN said: "a war crime."',
        "Blogs reported last week that Rosenberg\nhad been captured.",
    ]
