from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storycheck.errors import Problem, ReadError
from storycheck.model import PARAGRAPH_SEPARATOR, Story
from storycheck.read import read_one
from storycheck.read.html import parse_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"

PARAGRAPH = (
    "<p>" + "The council met on Monday and agreed the new budget for the year. " * 3 + "</p>"
)


def load(name: str) -> Story:
    path = FIXTURES / name
    return parse_html(path.read_text(encoding="utf-8"), str(path))


def tree(story: Story) -> list[tuple[str, str | None, str | None, int, str]]:
    return [(c.id, c.author, c.parent, c.depth, c.text[:30]) for c in story.thread]


def assert_no_comment_in_body(story: Story) -> None:
    for comment in story.thread:
        for paragraph in comment.paragraphs:
            assert paragraph.text not in story.text


def test_wordpress_thread_is_the_tree_on_the_page() -> None:
    story = load("wordpress_post.html")
    assert tree(story) == [
        ("comment-101", "Maria Lopez", None, 0, "My daughter takes this ferry t"),
        ("comment-102", "Tom Becker", "comment-101", 1, "Season tickets are staying at "),
        ("comment-104", None, "comment-102", 2, "Only if you can find £410 up f"),
        ("comment-105", "Maria Lopez", "comment-101", 1, "Thanks Tom, I missed that. Sti"),
        ("comment-103", "Dev Patel", None, 0, "Fuel has not doubled since 202"),
    ]
    thread = story.thread
    assert thread["comment-101"].children == ("comment-102", "comment-105")
    assert thread.max_depth == 3
    assert [c.id for c in thread.roots] == ["comment-101", "comment-103"]
    assert thread["comment-104"].published == "2024-03-12T11:40:51+00:00"


def test_wordpress_comment_paragraphs_and_offsets() -> None:
    comment = load("wordpress_post.html").thread["comment-101"]
    assert [p.text for p in comment.paragraphs] == [
        "My daughter takes this ferry to college five days a week. "
        "That is an extra £9.50 a week we simply do not have.",
        "Why are season tickets for residents not mentioned anywhere on the terminal notice?",
    ]
    for paragraph in comment.paragraphs:
        assert comment.text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.kind == "text" and paragraph.source_start is None


def test_wordpress_pingback_and_form_are_not_comments() -> None:
    story = load("wordpress_post.html")
    assert not any("Pingback" in c.text or "Island Voices" in c.text for c in story.thread)
    assert "Island Voices" not in story.text
    assert "Leave a Reply" not in story.text
    assert "5 thoughts on" not in story.text


def test_wordpress_article_and_metadata() -> None:
    story = load("wordpress_post.html")
    assert story.id == str(FIXTURES / "wordpress_post.html")
    assert story.source_format == "html"
    assert story.title == "Ferry fares to rise by a third from April, council confirms"
    assert story.paragraphs[0].kind == "title" and story.paragraphs[0].text == story.title
    assert [p.text for p in story.paragraphs if p.kind == "heading"] == [
        "Islanders say they were not consulted"
    ]
    assert len(story.body) == 7
    assert story.body[0].text.startswith("Return tickets on the island ferry will cost £7.80")
    assert story.body[-1].text == (
        "The new fares will be reviewed in twelve months' time, the council said in a statement."
    )
    assert story.published == date(2024, 3, 12)
    assert story.outlet == "harbourtimes.example"
    assert story.url == "https://www.harbourtimes.example/2024/03/12/ferry-fares-to-rise/"
    assert story.authors == ("Helen Marsh",)
    assert story.language == "en"
    assert story.warnings == ()
    for paragraph in story.paragraphs:
        assert story.text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.source_start is None
    assert_no_comment_in_body(story)
    assert "Recent Posts" not in story.text and "Proudly powered" not in story.text


def test_disqus_thread_with_an_anonymous_reply_and_a_post_without_id() -> None:
    story = load("disqus_thread.html")
    assert tree(story) == [
        ("post-5001", "kestrel_watch", None, 0, "Six minutes is a lot on a twen"),
        ("post-5002", "J. Adeyemi", "post-5001", 1, "The study only counts people a"),
        ("post-5003", None, "post-5002", 2, "Which is exactly what the arti"),
        ("c4", "Rosa M", "post-5001", 1, "Same here, my ride to the hosp"),
        ("post-5004", "Priya N.", None, 0, "Car journeys 40 seconds longer"),
        ("post-5005", "kestrel_watch", "post-5004", 1, "Forty seconds over a whole jou"),
    ]
    assert len(story.thread["post-5002"].paragraphs) == 2
    assert story.thread["post-5001"].published == "Tuesday, June 4, 2024 8:12 AM"
    assert_no_comment_in_body(story)


def test_disqus_page_metadata() -> None:
    story = load("disqus_thread.html")
    assert story.title == "Study finds city cycle lanes cut commute times"
    assert story.outlet == "northgatecourier.example"
    assert story.published == date(2024, 6, 4)
    assert story.authors == ("Ayesha Rahman", "Lee Chen")
    assert len(story.body) == 4
    assert story.body[2].text.startswith("Dr Hannah Price, who led the study")
    assert "6 comments" not in story.text


def test_generic_article_and_section_comments() -> None:
    story = load("article_comments.html")
    assert tree(story) == [
        ("c1", "Gwen Lloyd", None, 0, "My grandfather grafted from th"),
        ("c2", "Owen Pryce", "c1", 1, "Thank you, Gwen. If you have a"),
        ("c3", None, "c2", 2, "There are some in the county a"),
        ("c4", "T. Marsh", None, 0, "Seven unknown varieties out of"),
        ("c5", "Bryn Howells", "c4", 1, "Not yet. The heritage grant re"),
    ]
    assert story.thread["c5"].published == "2023-10-22T09:05:00Z"
    assert_no_comment_in_body(story)
    assert "Readers' comments" not in story.text
    assert "Add your comment" not in story.text


def test_generic_div_comments_nest_as_replies() -> None:
    story = load("div_comments.html")
    assert tree(story) == [
        ("c1", "bob", None, 0, "Where is the evidence? Show us"),
        ("c2", "alice", "c1", 1, "It was in the documents, read "),
        ("c3", "carl", None, 0, "Typical. They are all corrupt "),
    ]
    assert_no_comment_in_body(story)
    assert story.title == "Minister accused of hiding report"


def test_generic_article_is_not_a_comment() -> None:
    """The story's own <article> has a byline and 'has-comments' in its class."""
    story = load("article_comments.html")
    assert not any("orchard behind the chapel" in c.text for c in story.thread)
    assert story.title == "The orchard that came back: how a village saved 40 old apple varieties"
    assert story.authors == ("Owen Pryce",)
    assert story.outlet == "fieldandfolk.example"
    assert story.published == date(2023, 10, 21)
    assert [p.text for p in story.paragraphs if p.kind == "heading"] == ["Naming the unknowns"]
    assert story.body[-1].text.startswith("The unmatched varieties have been given names")


def test_page_without_comments() -> None:
    story = load("no_comments.html")
    assert len(story.thread) == 0
    assert story.title == "Library opening hours to be extended over summer"
    assert story.outlet == "westbrookecho.example"
    assert story.published == date(2024, 5, 30)
    assert [p.text for p in story.body[-2:]] == [
        "Monday to Friday: 9am to 8pm",
        "Saturday: 9am to 4pm",
    ]
    assert "Comments are closed" not in story.text


def test_truncated_page_keeps_its_text_and_warns() -> None:
    story = load("truncated.html")
    assert len(story.warnings) == 1
    assert story.warnings[0].startswith("the HTML looks truncated: it ends inside a tag")
    assert story.title == "Water company fined after sewage spill at Millbrook beach"
    assert len(story.body) == 5
    assert story.body[-1].text.startswith("The Environment Agency said the fine")
    assert story.outlet == "southcoastrecord.example"
    # "August 2022" in the text is not the publication date.
    assert story.published is None


def test_page_cut_between_tags_warns() -> None:
    story = parse_html(f"<html><head><title>Budget</title></head><body>{PARAGRAPH}", "row-7")
    assert story.warnings == ("the HTML looks truncated: it has no closing </body> or </html> tag",)
    assert story.body[0].text.startswith("The council met on Monday")


def test_page_without_article_text() -> None:
    path = FIXTURES / "no_text.html"
    with pytest.raises(ReadError) as caught:
        parse_html(path.read_text(encoding="utf-8"), str(path))
    assert caught.value.problem is Problem.NO_TEXT
    assert caught.value.doc_id == str(path)


@pytest.mark.parametrize(
    "markup",
    ["", "   \n", "<html><body></body></html>", "<html><body><script>x()</script></body></html>"],
)
def test_empty_pages_are_read_errors(markup: str) -> None:
    with pytest.raises(ReadError) as caught:
        parse_html(markup, "row-3")
    assert caught.value.problem is Problem.NO_TEXT


def test_page_with_only_comments_has_no_article() -> None:
    markup = (
        '<html><body><ol class="commentlist"><li class="comment" id="comment-1">'
        '<cite class="fn">Ann</cite><div class="comment-content"><p>First!</p></div>'
        "</li></ol></body></html>"
    )
    with pytest.raises(ReadError):
        parse_html(markup, "row-1")


def test_duplicate_and_missing_ids_are_made_unique() -> None:
    markup = (
        f"<html><body><article>{PARAGRAPH}</article>"
        '<ol class="comment-list">'
        '<li class="comment" id="c2"><cite class="fn">Ann</cite>'
        '<div class="comment-content"><p>one</p></div></li>'
        '<li class="comment" id="c2"><cite class="fn">Bob</cite>'
        '<div class="comment-content">two<br>lines</div></li>'
        '<li class="comment"><cite class="fn">Guest</cite>'
        '<div class="comment-content"><p>three</p></div></li>'
        "</ol></body></html>"
    )
    story = parse_html(markup, "row-9")
    assert [(c.id, c.author, c.text) for c in story.thread] == [
        ("c2", "Ann", "one"),
        ("c2-2", "Bob", "two lines"),
        ("c3", None, "three"),
    ]


def test_language_and_xml_declaration() -> None:
    markup = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de-AT">'
        f"<head><title>Haushalt</title></head><body>{PARAGRAPH}</body></html>"
    )
    story = parse_html(markup, "page.xhtml")
    assert story.language == "de"
    assert story.body[0].text.startswith("The council met")


def test_no_declared_language_means_english_and_no_outlet() -> None:
    story = parse_html(f"<html><body><article>{PARAGRAPH}</article></body></html>", "row-2")
    assert story.language == "en"
    assert story.outlet is None and story.url is None and story.published is None
    assert story.title == "" and story.paragraphs[0].kind == "text"


def test_read_one_dispatches_html_by_suffix() -> None:
    story = read_one(FIXTURES / "wordpress_post.html")
    assert story.source_format == "html"
    assert len(story.thread) == 5
    assert PARAGRAPH_SEPARATOR.join(p.text for p in story.paragraphs) == story.text
