"""The page: a form to send a story, and its analysed report.

Plain HTML forms and redirects, so it works with the keyboard, without
JavaScript, and at any width; a short script only adds the pop-up chain to a
claim. The analysed page extends the HTML report's template, so the two never
show a story differently.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from starlette.datastructures import FormData, UploadFile

from storycheck import __version__
from storycheck.read import Format
from storycheck.report.html import FILTERS
from storycheck.web.api import check_key, read_form
from storycheck.web.render import page_context, report_from_dict
from storycheck.web.service import RequestError, Service

router = APIRouter(include_in_schema=False)

FORMATS = ("auto", "text", "html", "json")


@cache
def environment() -> Environment:
    pages = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("storycheck.web", "templates"),
                PackageLoader("storycheck.report", "templates"),
            ]
        ),
        autoescape=select_autoescape(["html"]),
    )
    pages.filters.update(FILTERS)
    return pages


def render(name: str, status: int = 200, **values: Any) -> HTMLResponse:
    page = environment().get_template(name).render({"version": __version__, **values})
    return HTMLResponse(page, status)


def _service(request: Request) -> Service:
    return cast(Service, request.app.state.service)


@router.get("/", response_class=HTMLResponse)
async def index(request: Request) -> HTMLResponse:
    return _form(request)


@router.get("/healthz")
async def healthz() -> JSONResponse:
    return JSONResponse({"status": "ok", "version": __version__})


@router.post("/analyze", response_model=None)
async def analyze_form(request: Request) -> Response:
    """Analyse what the form sent (an upload, pasted text or an example) and show its report.

    The form is read by hand, not as declared fields, so that pasted text is
    held to the server's body limit rather than the form parser's default.
    """
    svc = _service(request)
    text = ""
    try:
        form = await read_form(request)
        text = _field(form, "text")
        check_key(_field(form, "api_key") or None, svc.settings.api_key)
        data, name = await _form_input(svc, form, text, _field(form, "example"))
        fmt = _field(form, "format")
        story = svc.read_one(data, name, cast(Format, fmt if fmt in FORMATS else "auto"))
        report_id, _ = await svc.analyse_in_time(story)
    except RequestError as problem:
        return _form(request, problem.message, problem.status, text=text)
    return RedirectResponse(f"/reports/{report_id}", status_code=303)


@router.get("/reports/{report_id}", response_class=HTMLResponse)
async def report_page(request: Request, report_id: str) -> HTMLResponse:
    svc = _service(request)
    stored = svc.store.get(report_id)
    if stored is None:
        return _form(request, f"no report {report_id}", 404)
    return render(
        "page.html",
        **page_context(report_from_dict(stored), report_id),
        examples=sorted(svc.settings.examples),
        needs_key=svc.settings.api_key is not None,
        formats=FORMATS,
    )


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def _form_input(svc: Service, form: FormData, text: str, example: str) -> tuple[bytes, str]:
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        return await upload.read(), upload.filename
    if text.strip():
        return text.encode(), "pasted"
    if example:
        path = svc.settings.examples.get(example)
        if path is None:
            raise RequestError(422, f"no example named {example}")
        return path.read_bytes(), path.name
    raise RequestError(422, "paste a story, choose a file or pick an example")


def _form(
    request: Request, error: str | None = None, status: int = 200, text: str = ""
) -> HTMLResponse:
    settings = _service(request).settings
    return render(
        "index.html",
        status,
        error=error,
        text=text,
        examples=sorted(settings.examples),
        needs_key=settings.api_key is not None,
        formats=FORMATS,
    )
