"""The page through the test client: the form, the analysed story, its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from storycheck import read_one

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "harbour-closure.txt"


def _page(response) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(response.text)


def _analysed(client, **form) -> lxml_html.HtmlElement:
    response = client.post("/analyze", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    return _page(page)


def test_the_form_offers_paste_upload_and_the_bundled_example(client):
    page = _page(client.get("/"))

    assert page.get_element_by_id("text").tag == "textarea"
    assert page.get_element_by_id("file").get("type") == "file"
    examples = [i.get("value") for i in page.xpath("//input[@name='example']")]
    assert "harbour-closure" in examples
    assert "seed-story" in examples
    assert page.xpath("//form")[0].get("enctype") == "multipart/form-data"


def test_the_analysed_example_shows_marks_legend_thread_and_chains(client):
    page = _analysed(client, example="harbour-closure")
    story = read_one(EXAMPLE)

    assert page.findtext(".//h1") == story.title
    legend = {s.text for s in page.get_element_by_id("legend").iter("span") if s.get("class")}
    assert {"claim", "source", "hedge"} <= legend
    chains = json.loads(page.get_element_by_id("chains").text)
    marked = {s.get("data-claim") for s in page.xpath("//article//span[@data-claim]")}
    assert marked, "no claim is marked in the story"
    assert marked <= set(chains)
    assert any(link["who"] for c in chains.values() for link in c["chain"])
    comments = page.xpath("//li[@class='comment']")
    assert [c.get("id") for c in comments] == [c.id for c in story.thread]
    reply = page.get_element_by_id("c3")
    assert [e.get("id") for e in reply.iterancestors("li")] == ["c2", "c1"]
    export = page.get_element_by_id("export").get("href")
    assert client.get(export).json()["story"]["title"] == story.title


def test_pasted_text_and_an_upload_are_analysed(client, seed_path):
    pasted = _analysed(client, text=seed_path.read_text(), example="harbour-closure")
    response = client.post(
        "/analyze",
        files={"file": ("seed.txt", seed_path.read_bytes(), "text/plain")},
        follow_redirects=False,
    )

    assert pasted.findtext(".//h1").startswith("Syria Has Recordings")
    assert response.status_code == 303
    assert _page(client.get(response.headers["location"])).findtext(".//h1").startswith("Syria")


@pytest.mark.parametrize(
    ("form", "status", "says"),
    [
        ({}, 422, "paste a story, choose a file or pick an example"),
        ({"example": "nope"}, 422, "no example named nope"),
        ({"text": "\x00\x01\x02 binary"}, 422, "[E002]"),
    ],
)
def test_a_bad_submission_shows_the_form_again_with_the_reason(client, form, status, says):
    response = client.post("/analyze", data=form, follow_redirects=False)

    assert response.status_code == status
    assert says in _page(response).find_class("error")[0].text_content()


def test_with_an_api_key_the_form_asks_for_it(make_client):
    client = make_client(api_key="s3cret")

    refused = client.post("/analyze", data={"example": "harbour-closure"}, follow_redirects=False)
    accepted = client.post(
        "/analyze",
        data={"example": "harbour-closure", "api_key": "s3cret"},
        follow_redirects=False,
    )

    assert _page(client.get("/")).get_element_by_id("api_key").get("type") == "password"
    assert refused.status_code == 401
    assert accepted.status_code == 303


def test_an_unknown_report_page_is_404(client):
    assert client.get("/reports/nothing").status_code == 404


def test_the_page_loads_nothing_from_elsewhere(client):
    page = _analysed(client, example="harbour-closure")
    home = _page(client.get("/"))

    for doc in (page, home):
        urls = doc.xpath("//script/@src | //link/@href | //img/@src")
        assert urls and all(u.startswith("/") for u in urls)
        assert doc.xpath("//meta[@name='viewport']")
    for name in ("app.css", "app.js"):
        assert client.get(f"/static/{name}").status_code == 200
