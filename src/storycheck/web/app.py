"""The FastAPI application: the HTTP API under /v1, the page at /, OpenAPI at /docs.

Errors reach the client as one JSON line (or the page, with its message), never
as a stack trace; anything unexpected is logged here and answered with a 500
that says no more than that.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storycheck import __version__
from storycheck.web import api, pages
from storycheck.web.service import RequestError, Service
from storycheck.web.settings import Settings

log = logging.getLogger("storycheck.web")

STATIC = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if service.store.closed:
            service.open()
        yield
        service.close()

    # FastAPIOffline serves /docs from files in its package: nothing is fetched from a CDN.
    app = FastAPIOffline(
        title="storycheck",
        version=__version__,
        summary="How much of a news story, and of its comment thread, stands on evidence.",
        description=(
            "Send a story (plain text, an HTML page or storycheck JSON) to `/v1/analyze` for its "
            "report, or a corpus to `/v1/batches`. Reports follow the schema printed by "
            "`storycheck schema`. When the server has an API key, the write endpoints need it "
            "in the `X-API-Key` header."
        ),
        lifespan=lifespan,
    )
    app.state.service = service
    _describe_reports(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_exception_handler(RequestError, _problem)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _describe_reports(app: FastAPI) -> None:
    """Puts the report's JSON Schema into the OpenAPI document, where the endpoints refer to it."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = generate()
            spec.setdefault("components", {}).setdefault("schemas", {}).update(
                api.report_components()
            )
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


class BodyLimit:
    """Refuses a request body over the limit with a 413, before anything reads it.

    A declared Content-Length is checked at once; a chunked body is counted as
    it arrives and held, so the endpoint still gets it whole when it is small enough.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        held: list[Message] = []
        size = 0
        while True:
            message = await receive()
            held.append(message)
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            if message["type"] != "http.request" or not message.get("more_body", False):
                break

        async def replay() -> Message:
            return held.pop(0) if held else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"the request body is over the limit of {self.max_bytes} bytes"}, 413
        )
        await response(scope, receive, send)


async def _problem(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestError)
    return JSONResponse({"detail": exc.message}, exc.status)


async def _invalid(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    return JSONResponse({"detail": details}, 422)


async def _http(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "internal error"}, 500)
