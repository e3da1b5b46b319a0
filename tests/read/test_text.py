from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from storycheck.errors import ReadError
from storycheck.model import Story
from storycheck.read import read_one
from storycheck.read.text import BULLET, parse_text, reads_as_name

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbour-closure.txt"


def tree(story: Story) -> list[tuple[str, str | None, str | None, int, str]]:
    return [(c.id, c.author, c.parent, c.depth, c.text[:30]) for c in story.thread]


def test_seed_thread_is_the_tree_a_reader_sees(seed_path: Path) -> None:
    story = read_one(seed_path)
    assert tree(story) == [
        ("c1", "David Lilley", None, 0, "Why report a story like this? "),
        ("c2", None, "c1", 1, "Why is not important, what’s i"),
        ("c3", "David Lilley", "c2", 2, "It is so unfortunate that Russ"),
        ("c4", None, "c3", 3, "Repeat again, Estimated deaths"),
        ("c5", "David Lilley", "c2", 2, "“First let’s not forget the se"),
        ("c6", None, "c5", 3, "Finally we agree on something."),
    ]
    assert story.thread["c2"].children == ("c3", "c5")
    assert [len(c.paragraphs) for c in story.thread] == [1, 2, 1, 3, 1, 1]


def test_seed_article_has_title_heading_and_paragraphs(seed_path: Path) -> None:
    story = read_one(seed_path)
    assert story.title.startswith("Syria Has Recordings of Conversations")
    kinds = [p.kind for p in story.paragraphs]
    assert kinds.count("title") == 1 and kinds.count("heading") == 1
    headings = [p.text for p in story.paragraphs if p.kind == "heading"]
    assert headings == ["Political Roadmap"]
    assert story.body[-1].text.endswith("maybe this is just bluff.")
    assert not any("David Lilley" in p.text for p in story.paragraphs)


def test_seed_loses_and_duplicates_no_text(seed_path: Path) -> None:
    """Every visible character of the file lands in exactly one place of the story."""
    source = seed_path.read_text(encoding="utf-8")
    story = read_one(seed_path)
    pieces = [p.text for p in story.paragraphs]
    for c in story.thread:
        pieces.extend(p.text for p in c.paragraphs)
        if c.author_span:
            pieces.append(source[c.author_span.start : c.author_span.end])
    bullets = [m.group("bullet") for line in source.split("\n") if (m := BULLET.match(line))]
    seen = Counter("".join(pieces + bullets).replace(" ", "").replace("\n", ""))
    expected = Counter("".join(source.split()))
    assert seen == expected


def test_offsets_map_back_to_the_source(seed_path: Path) -> None:
    source = seed_path.read_text(encoding="utf-8")
    story = read_one(seed_path)
    for p in story.paragraphs:
        assert p.source_start is not None
        assert source[p.source_start : p.source_start + len(p.text)] == p.text
        assert story.text[p.start : p.end] == p.text
    where = story.text.index("al-Mayadeen")
    assert source[story.source_offset(where) :].startswith("al-Mayadeen")
    c4 = story.thread["c4"]
    at = c4.text.index("Nagasaki")
    offset = c4.source_offset(at)
    assert offset is not None and source[offset:].startswith("Nagasaki")


def test_bundled_example_reads_as_written() -> None:
    story = read_one(EXAMPLE)
    assert [(c.author, c.depth) for c in story.thread] == [
        ("Harbourwatcher", 0),
        ("Maria Lindqvist", 1),
        (None, 2),
        ("Maria Lindqvist", 3),
        (None, 1),
        ("Dan O'Brien", 0),
    ]
    assert story.thread["c5"].parent == "c1"


@pytest.mark.parametrize(
    ("line", "is_name"),
    [
        ("David Lilley", True),
        ("Dan O'Brien", True),
        ("Walid al-Muallem", True),
        ("harbour_watch99", True),
        ("J. R. Smith", True),
        ("Why report a story like this? You know it is nonsense.", False),
        ("Finally we agree on something.", False),
        ("Totally agree", False),
        ("Repeat again, Estimated deaths", False),
    ],
)
def test_reads_as_name(line: str, is_name: bool) -> None:
    assert reads_as_name(line) is is_name


def test_bulleted_list_inside_the_article_is_not_a_thread() -> None:
    text = (
        "Title\n\nThe plan has three parts:\n\n- roads\n- rail\n\nThe minister said more later.\n"
    )
    story = parse_text(text, "doc")
    assert len(story.thread) == 0
    assert story.body[-1].text == "The minister said more later."


def test_a_name_without_a_comment_under_it_is_the_comment() -> None:
    text = "Title\n\nBody text here.\n\n  • Great\n  • Alice Smith\n\n    I disagree.\n"
    story = parse_text(text, "doc")
    assert [(c.author, c.text) for c in story.thread] == [
        (None, "Great"),
        ("Alice Smith", "I disagree."),
    ]


def test_text_of_only_comments_is_refused() -> None:
    with pytest.raises(ReadError, match="E005"):
        parse_text("  • Alice\n\n    hello there\n", "doc")


def test_a_comment_labelled_with_its_author_names_him() -> None:
    text = (
        "Mayor resigns\r\n\r\nThe mayor resigned on Tuesday, the council said.\r\n\r\n"
        "* Joe: Good riddance.\r\n  * Amy Lee: Where is the audit?\r\n"
        "* Update: the audit is online.\r\n* Wow: just wow.\r\n"
    )
    story = parse_text(text, "doc")
    assert [(c.author, c.parent, c.text) for c in story.thread] == [
        ("Joe", None, "Good riddance."),
        ("Amy Lee", "c1", "Where is the audit?"),
        (None, None, "Update: the audit is online."),
        (None, None, "Wow: just wow."),
    ]
    joe = story.thread["c1"]
    assert joe.author_span is not None
    assert text[joe.author_span.start : joe.author_span.end] == "Joe"
    said = joe.paragraphs[0]
    assert said.source_start is not None
    assert text[said.source_start : said.source_start + len(said.text)] == "Good riddance."
