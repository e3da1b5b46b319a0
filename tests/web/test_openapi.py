"""Schemathesis drives every operation of the OpenAPI document with generated requests.

Each response must be documented, typed as documented, and never a server
error; a few examples per operation keep it quick. The schema is loaded at
import (schemathesis' lazy fixture loader does not run on this pytest).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from storycheck.web import Settings, create_app

KEY = {"X-API-Key": "schemathesis"}
TEXT_BODIES = {"text/plain", "text/html", "text/csv", "application/x-ndjson"}
# With a key set, schemathesis also checks that a wrong or missing key is refused.
app = create_app(replace(Settings.from_env(db=":memory:"), api_key=KEY["X-API-Key"]))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schemathesis.serializer("application/x-ndjson")
def _json_lines(_: schemathesis.SerializationContext, value: object) -> bytes:
    return value.encode() if isinstance(value, str) else json.dumps(value).encode()


@pytest.fixture(scope="module", autouse=True)
def _close_app() -> Iterator[None]:
    yield
    app.state.service.close()


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_api_keeps_to_its_openapi_document(case: schemathesis.Case) -> None:
    # A string or an upload can be schema-valid and still not be a story (a PNG, a
    # line of zeros); the documented 422 saying why is the right answer to it.
    excluded = [positive_data_acceptance]
    if case.media_type in TEXT_BODIES:
        # Any bytes are text: a "number" sent as text/plain is the string of its digits.
        excluded.append(negative_data_rejection)
    # The first analysis loads every model, which takes longer than the client's default 10 s.
    case.call_and_validate(headers=KEY, excluded_checks=excluded, timeout=300)
