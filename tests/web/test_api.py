"""The HTTP API through FastAPI's test client: inputs, reports, limits, errors, keys, batches."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from storycheck import read_one
from storycheck.read.storyjson import story_to_dict
from storycheck.report.schema import load_schema

REPO = Path(__file__).resolve().parents[2]
HTML_PAGE = REPO / "tests" / "read" / "fixtures" / "wordpress_post.html"
TEXT = {"content-type": "text/plain"}
csv.field_size_limit(sys.maxsize)


def test_plain_text_gets_a_report_that_follows_the_schema_and_is_stored(client, seed_path):
    response = client.post("/v1/analyze", content=seed_path.read_bytes(), headers=TEXT)

    assert response.status_code == 200
    report = response.json()
    jsonschema.validate(report, load_schema())
    assert report["story"]["title"].startswith("Syria Has Recordings")
    assert report["story"]["thread"]["comments"]
    assert {a["kind"] for a in report["annotations"]} >= {"sentence", "source", "evidence"}
    location = response.headers["location"]
    assert location == f"/v1/reports/{response.headers['x-report-id']}"
    assert client.get(location).json() == report


def test_html_and_story_json_are_read_as_such(client, seed_path):
    page = client.post(
        "/v1/analyze?id=post-1",
        content=HTML_PAGE.read_bytes(),
        headers={"content-type": "text/html"},
    )
    story = story_to_dict(read_one(seed_path))
    as_json = client.post("/v1/analyze", json=story)

    assert page.status_code == 200, page.text
    assert page.json()["story"]["source_format"] == "html"
    assert page.json()["story"]["id"] == "post-1"
    assert as_json.status_code == 200, as_json.text
    assert as_json.json()["story"]["paragraphs"] == story["paragraphs"]


def test_a_file_upload_and_a_text_field_are_both_read(client, seed_path):
    upload = client.post(
        "/v1/analyze", files={"file": ("seed.txt", seed_path.read_bytes(), "text/plain")}
    )
    pasted = client.post("/v1/analyze", files={"text": (None, seed_path.read_text())})

    assert upload.status_code == 200, upload.text
    assert upload.json()["story"]["id"] == "seed.txt"
    assert pasted.status_code == 200, pasted.text
    assert pasted.json()["story"]["title"] == upload.json()["story"]["title"]


@pytest.mark.parametrize(
    ("body", "media", "says"),
    [
        (b"", "text/plain", "[E001] the document is empty"),
        (b"%PDF-1.7 binary", "text/plain", "[E002]"),
        (b'{"title": "x", ', "application/json", "[E007] invalid JSON"),
        (b'{"title": "no paragraphs"}', "application/json", "[E008]"),
        (b'{"paragraphs": ["a"], "published": "0000-01-01"}', "application/json", "[E008]"),
        (b'[{"paragraphs": ["a"]}, {"paragraphs": ["b"]}]', "application/json", "one story, got 2"),
    ],
)
def test_malformed_input_is_a_422_that_says_what_is_wrong(client, body, media, says):
    response = client.post("/v1/analyze", content=body, headers={"content-type": media})

    assert response.status_code == 422
    assert says in response.json()["detail"]


def test_a_multipart_form_without_a_story_is_a_422(client):
    response = client.post("/v1/analyze", files={"other": (None, "x")})

    assert response.status_code == 422
    assert "`file`" in response.json()["detail"]


def test_a_malformed_multipart_body_is_a_422(client):
    response = client.post(
        "/v1/analyze",
        content=b"--b\r\n-1--b--\r\n",
        headers={"content-type": "multipart/form-data; boundary=b"},
    )

    assert response.status_code == 422
    assert "form data cannot be read" in response.json()["detail"]


def test_an_unknown_media_type_is_a_415(client):
    response = client.post("/v1/analyze", content=b"\x89PNG", headers={"content-type": "image/png"})

    assert response.status_code == 415
    assert "text/plain" in response.json()["detail"]


def test_a_body_over_the_limit_is_a_413_declared_or_streamed(make_client, seed_path):
    client = make_client(max_body_bytes=1000)
    data = seed_path.read_bytes()
    assert len(data) > 1000

    declared = client.post("/v1/analyze", content=data, headers=TEXT)
    streamed = client.post("/v1/analyze", content=iter([data[:600], data[600:]]), headers=TEXT)
    small = client.post("/v1/analyze", content=iter([data[:300], data[300:600]]), headers=TEXT)

    assert declared.status_code == 413
    assert "1000 bytes" in declared.json()["detail"]
    assert streamed.status_code == 413
    assert small.status_code in {200, 422}


def test_a_story_too_long_to_parse_is_a_422_that_says_so(client):
    response = client.post("/v1/analyze", content=b"Title\n\n" + b"word " * 200_001, headers=TEXT)

    assert response.status_code == 422
    assert "[E023] the story's text is 1,000,011 characters long" in response.json()["detail"]


def test_an_analysis_over_the_time_limit_is_a_504(make_client, seed_path):
    client = make_client(time_limit_s=0.000001)

    response = client.post("/v1/analyze", content=seed_path.read_bytes(), headers=TEXT)

    assert response.status_code == 504
    assert "longer than" in response.json()["detail"]


def test_a_server_with_no_room_left_answers_503(make_client, seed_path):
    client = make_client(max_pending=1)
    client.app.state.service._pending.acquire()  # a request that is still being analysed

    response = client.post("/v1/analyze", content=seed_path.read_bytes(), headers=TEXT)

    assert response.status_code == 503


def test_an_unexpected_failure_shows_no_stack_trace(client, seed_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals at /srv/storycheck")

    monkeypatch.setattr(client.app.state.service.store, "put", broken)

    response = client.post("/v1/analyze", content=seed_path.read_bytes(), headers=TEXT)

    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}
    assert "Traceback" not in response.text and "secret" not in response.text


def test_the_api_key_guards_the_write_endpoints_only(make_client, seed_path):
    client = make_client(api_key="s3cret")
    data = seed_path.read_bytes()

    missing = client.post("/v1/analyze", content=data, headers=TEXT)
    wrong = client.post("/v1/analyze", content=data, headers={**TEXT, "X-API-Key": "guess"})
    batch = client.post("/v1/batches", content=b"{}", headers={"X-API-Key": "guess"})
    right = client.post("/v1/analyze", content=data, headers={**TEXT, "X-API-Key": "s3cret"})

    assert missing.status_code == 401
    assert "X-API-Key" in missing.json()["detail"]
    assert wrong.status_code == 403
    assert batch.status_code == 403
    assert right.status_code == 200
    assert client.get(right.headers["location"]).status_code == 200


def test_unknown_reports_and_batches_are_404(client):
    assert client.get("/v1/reports/nothing").status_code == 404
    assert client.get("/v1/batches/nothing").status_code == 404


def _news_rows(datasets: Path, n: int) -> list[dict[str, str]]:
    with (datasets / "fakenewscorpus" / "news_sample.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    # The shortest articles, so the test analyses little text.
    return sorted(rows, key=lambda r: len(r["content"]))[10 : 10 + n]


def _finished(client, location: str, limit_s: float = 120) -> dict:
    """The batch's progress once it has stopped running, or as it stands at the time limit."""
    deadline = time.monotonic() + limit_s
    progress = client.get(location).json()
    while progress["status"] in {"queued", "running"} and time.monotonic() < deadline:
        time.sleep(0.2)
        progress = client.get(location).json()
    return progress


def test_a_batch_runs_in_the_background_and_records_bad_rows(client, datasets):
    rows = _news_rows(datasets, 2)
    lines = [json.dumps({"id": r["id"], "title": r["title"], "text": r["content"]}) for r in rows]
    lines.insert(1, '{"id": "broken", "text": ')
    body = ("\n".join(lines) + "\n").encode()

    started = client.post(
        "/v1/batches", content=body, headers={"content-type": "application/x-ndjson"}
    )

    assert started.status_code == 202, started.text
    progress = _finished(client, started.headers["location"])
    assert progress["status"] == "done"
    assert (progress["total"], progress["done"], progress["failed"]) == (3, 2, 1)
    [error] = progress["errors"]
    assert error["doc_id"] == "upload.jsonl:2"
    assert error["error"].startswith("[E007] invalid JSON")
    ids = [client.get(f"/v1/reports/{r}").json()["story"]["id"] for r in progress["report_ids"]]
    assert ids == [r["id"] for r in rows]


def test_a_csv_batch_upload_is_read_by_its_name(client, datasets):
    rows = _news_rows(datasets, 1)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)

    started = client.post(
        "/v1/batches", files={"file": ("news.csv", out.getvalue().encode(), "text/csv")}
    )

    assert started.status_code == 202, started.text
    progress = _finished(client, f"/v1/batches/{started.json()['batch_id']}")
    assert (progress["status"], progress["done"]) == ("done", 1)


@pytest.mark.parametrize(
    ("body", "media", "says"),
    [
        (b"", "application/x-ndjson", "empty"),
        (b"a,b\n1,2\n", "text/plain", "cannot tell the corpus layout"),
        (b"a,b\n1,2\n", "text/csv", "[E005] no article text"),
        (b"id,text\n", "text/csv", "holds no stories"),
    ],
)
def test_a_batch_that_cannot_start_is_a_422(client, body, media, says):
    response = client.post("/v1/batches", content=body, headers={"content-type": media})

    assert response.status_code == 422
    assert says in response.json()["detail"]


def test_the_openapi_document_and_its_pages_are_served_without_a_cdn(client):
    spec = client.get("/openapi.json").json()
    docs = client.get("/docs")

    assert {
        "/v1/analyze",
        "/v1/batches",
        "/v1/batches/{batch_id}",
        "/v1/reports/{report_id}",
    } <= set(spec["paths"])
    assert set(spec["paths"]["/v1/analyze"]["post"]["requestBody"]["content"]) >= {
        "text/plain",
        "text/html",
        "application/json",
        "multipart/form-data",
    }
    assert docs.status_code == 200
    assert "cdn." not in docs.text
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
