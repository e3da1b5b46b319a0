"""The HTTP API, version 1: analyse a story, run a corpus in the background, fetch a report.

Request bodies are read by hand rather than declared as models, because one
endpoint takes plain text, HTML, storycheck JSON and file uploads alike; the
OpenAPI document still describes each of them (``openapi_extra``).
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyHeader
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from storycheck.read import Format
from storycheck.report.schema import load_schema
from storycheck.web.service import RequestError, Service

router = APIRouter(prefix="/v1", tags=["v1"])

_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="Needed by the write endpoints when the server sets STORYCHECK_API_KEY.",
)


StoryFormat = Literal["auto", "text", "html", "json"]
CorpusFormat = Literal["auto", "jsonl", "csv", "tsv", "json"]
Corpus = Literal["jsonl", "csv", "tsv", "json"]


def service(request: Request) -> Service:
    return cast(Service, request.app.state.service)


def check_key(given: str | None, expected: str | None) -> None:
    """401 without a key, 403 with a wrong one; nothing to check when the server has none."""
    if expected is None:
        return
    if not given:
        raise RequestError(401, "this server needs an API key in the X-API-Key header")
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise RequestError(403, "the API key is not valid")


def require_key(request: Request, key: Annotated[str | None, Depends(_key_header)] = None) -> None:
    check_key(key, service(request).settings.api_key)


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {"type": "object", "properties": {"detail": {}}, "required": ["detail"]}
            }
        },
    }


_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: _error("An API key is needed and none was sent."),
    403: _error("The API key sent is not valid."),
    413: _error("The body is over the size limit."),
    415: _error("The body's media type is not one this endpoint reads."),
    422: _error("The input could not be read; `detail` says what is wrong."),
}


def report_components() -> dict[str, Any]:
    """The report's JSON Schema as OpenAPI components: ``Report`` and the parts it refers to."""
    text = re.sub(
        r'"#/\$defs/(\w+)"',
        lambda m: f'"#/components/schemas/{m[1].capitalize()}"',
        json.dumps(load_schema()),
    )
    schema = json.loads(text)
    parts = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    return {"Report": schema, **{name.capitalize(): part for name, part in parts.items()}}


_REPORT = {"$ref": "#/components/schemas/Report"}

_STORY_BODY = {
    "$ref": "#/components/schemas/Story",
    "description": "A story in storycheck JSON (or a whole report: its `story` is read).",
}

_ANALYZE_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "text/plain": {"schema": {"type": "string", "description": "A story as plain text."}},
        "text/html": {"schema": {"type": "string", "description": "A saved web page."}},
        "application/json": {"schema": _STORY_BODY},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "text": {"type": "string"},
                },
                "description": "A `file` upload, or the story pasted in `text`.",
            }
        },
    },
}

_BATCH_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/x-ndjson": {"schema": {"type": "string", "description": "JSON Lines."}},
        "text/csv": {"schema": {"type": "string", "description": "CSV with a header row."}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
    },
}

_BATCH_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "batch_id": {"type": "string"},
        "status": {"enum": ["queued", "running", "done", "failed"]},
        "total": {"type": ["integer", "null"]},
        "done": {"type": "integer"},
        "failed": {"type": "integer"},
        "report_ids": {"type": "array", "items": {"type": "string"}},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"doc_id": {"type": "string"}, "error": {"type": "string"}},
            },
        },
        "created_at": {"type": "string"},
        "finished_at": {"type": ["string", "null"]},
    },
    "required": ["batch_id", "status", "done", "failed", "report_ids", "errors"],
}


@router.post(
    "/analyze",
    summary="Analyse one story",
    dependencies=[Depends(require_key)],
    openapi_extra={"requestBody": _ANALYZE_BODY},
    response_class=JSONResponse,
    responses={
        200: {
            "description": "The report (schema: `storycheck schema`). `Location` names the "
            "stored copy.",
            "content": {"application/json": {"schema": _REPORT}},
        },
        **_WRITE_ERRORS,
        500: _error("An analyzer failed on this story; `detail` names it."),
        503: _error("Too many analyses are waiting; try again shortly."),
        504: _error("The analysis took longer than the server's time limit."),
    },
)
async def analyze(
    request: Request,
    format: Annotated[
        StoryFormat, Query(description="How to read the body; auto guesses from it.")
    ] = "auto",
    doc_id: Annotated[
        str | None, Query(alias="id", max_length=500, description="The story's id in the report.")
    ] = None,
) -> Response:
    """Read the body as a story (plain text, HTML, storycheck JSON, or a multipart upload),
    analyse it and return its report; the report is also stored for `GET /v1/reports/{id}`."""
    data, name, fmt = await _story_body(request, format)
    svc = service(request)
    story = svc.read_one(data, doc_id or name, fmt)
    report_id, report = await svc.analyse_in_time(story)
    return JSONResponse(
        report,
        headers={"Location": f"/v1/reports/{report_id}", "X-Report-Id": report_id},
    )


@router.post(
    "/batches",
    summary="Analyse a corpus in the background",
    status_code=202,
    dependencies=[Depends(require_key)],
    openapi_extra={"requestBody": _BATCH_BODY},
    responses={
        202: {
            "description": "Accepted; poll `Location` for progress.",
            "content": {"application/json": {"schema": _BATCH_SCHEMA}},
        },
        **_WRITE_ERRORS,
    },
)
async def start_batch(
    request: Request,
    format: Annotated[
        CorpusFormat, Query(description="The corpus layout; auto goes by the media type or name.")
    ] = "auto",
) -> JSONResponse:
    """Queue every story of a corpus (JSON Lines, CSV or TSV with one story a row, or a JSON
    list of stories); a row that cannot be read or analysed is recorded and the rest go on."""
    data, name, media = await _corpus_body(request)
    fmt = _corpus_format(name, media) if format == "auto" else format
    if not data.strip():
        raise RequestError(422, "the corpus is empty")
    batch = await service(request).start_batch(data, fmt, name)
    return JSONResponse(batch.to_dict(), 202, headers={"Location": f"/v1/batches/{batch.batch_id}"})


@router.get(
    "/batches/{batch_id}",
    summary="A batch's progress",
    responses={
        200: {"content": {"application/json": {"schema": _BATCH_SCHEMA}}},
        404: _error("No batch with this id (batches last as long as the server process)."),
    },
)
async def batch_progress(request: Request, batch_id: str) -> JSONResponse:
    batch = service(request).batch(batch_id)
    if batch is None:
        raise RequestError(404, f"no batch {batch_id}")
    return JSONResponse(batch.to_dict())


@router.get(
    "/reports/{report_id}",
    summary="A stored report",
    responses={
        200: {"content": {"application/json": {"schema": _REPORT}}},
        404: _error("No report with this id."),
    },
)
async def get_report(
    request: Request,
    report_id: str,
    download: Annotated[bool, Query(description="Ask the browser to save it as a file.")] = False,
) -> JSONResponse:
    report = service(request).store.get(report_id)
    if report is None:
        raise RequestError(404, f"no report {report_id}")
    headers = (
        {"Content-Disposition": f'attachment; filename="storycheck-{report_id}.json"'}
        if download
        else None
    )
    return JSONResponse(report, headers=headers)


async def _story_body(request: Request, fmt: StoryFormat) -> tuple[bytes, str, Format]:
    """The story's bytes, a name for it, and how to read it, whatever way it was sent."""
    media = _media_type(request)
    if media == "multipart/form-data":
        form = await read_form(request)
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read()
            return data, upload.filename, _upload_format(upload.filename, fmt)
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            return text.encode(), "pasted", fmt
        raise RequestError(422, "send the story as a `file` upload or a `text` field")
    by_media: dict[str, Format] = {
        "text/plain": "auto",
        "text/html": "html",
        "application/json": "json",
    }
    if media not in by_media:
        raise RequestError(
            415, f"cannot read {media or 'a body without a media type'}; send " + _MEDIA_NAMES
        )
    guessed = by_media[media]
    return await request.body(), "body", guessed if fmt == "auto" else fmt


_MEDIA_NAMES = "text/plain, text/html, application/json or multipart/form-data"


def _upload_format(filename: str, fmt: StoryFormat) -> Format:
    if fmt != "auto":
        return fmt
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    by_suffix: dict[str, Format] = {"html": "html", "htm": "html", "json": "json", "txt": "text"}
    return by_suffix.get(suffix, "auto")


async def _corpus_body(request: Request) -> tuple[bytes, str, str]:
    media = _media_type(request)
    if media == "multipart/form-data":
        form = await read_form(request)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise RequestError(422, "send the corpus as a `file` upload")
        return await upload.read(), upload.filename or "", media
    return await request.body(), "", media


_CORPUS_BY_MEDIA: dict[str, Corpus] = {
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}


def _corpus_format(name: str, media: str) -> Corpus:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    by_suffix: dict[str, Corpus] = {
        "jsonl": "jsonl",
        "ndjson": "jsonl",
        "csv": "csv",
        "tsv": "tsv",
        "json": "json",
    }
    if suffix in by_suffix:
        return by_suffix[suffix]
    if media in _CORPUS_BY_MEDIA:
        return _CORPUS_BY_MEDIA[media]
    raise RequestError(
        422, "cannot tell the corpus layout; name the file .jsonl/.csv/.tsv or pass ?format="
    )


async def read_form(request: Request) -> FormData:
    """The form, held to the server's body limit; a malformed one is a 422, as any bad input."""
    try:
        return await request.form(max_part_size=service(request).settings.max_body_bytes)
    except HTTPException as exc:
        raise RequestError(422, f"the form data cannot be read ({exc.detail})") from exc


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()
