from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from storycheck import analyze, read_one
from storycheck.model import build_story
from storycheck.report.html import to_html


def test_html_report_nests_the_thread(seed_path: Path) -> None:
    page = lxml_html.fromstring(to_html(analyze(read_one(seed_path))))
    assert page.findtext(".//h1").startswith("Syria Has Recordings")
    reply = page.get_element_by_id("c6")
    ancestors = [e.get("id") for e in reply.iterancestors("li")]
    assert ancestors == ["c5", "c2", "c1"]
    assert reply.find(".//span[@class='anonymous']") is not None
    sources = {span.text for span in page.find_class("source")}
    assert "the Pentagon" in sources
    [row] = [tr for tr in page.iter("tr") if tr.get("id") == "claim-0"]
    assert row.find_class("status-promised")
    assert "al-Mayadeen" in row.text_content()


def test_html_escapes_story_text() -> None:
    story = build_story("s", "<script>alert(1)</script>", ["Body with <b>tags</b> & ampersands."])
    page = to_html(analyze(story))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;tags&lt;/b&gt; &amp; ampersands" in page


def test_html_report_lists_known_fact_checks(datasets: Path) -> None:
    with (datasets / "liar" / "train.tsv").open(encoding="utf-8") as rows:
        _, verdict, statement, *_ = next(rows).split("\t")
    page = to_html(analyze(build_story("fc", statement, ["It was said again on Monday."])))
    section = page.split("Known fact-checks of similar claims", 1)[1].split("</table>", 1)[0]
    assert f"<td>{verdict}</td>" in section and "1.00" in section and "PolitiFact" in section


def test_html_counts_of_one_read_in_the_singular(one_comment: Path) -> None:
    page = lxml_html.fromstring(to_html(analyze(read_one(one_comment))))
    assert "Thread: 1 comment" in [h.text for h in page.iter("h2")]
    meta = " ".join(p.text_content() for p in page.find_class("meta"))
    assert "1 level deep · 0 anonymous · 1 named participant" in meta
