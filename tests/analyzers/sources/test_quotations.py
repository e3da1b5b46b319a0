import pytest

from storycheck.analyzers.sources.quotations import (
    MAX_CARRIED,
    MAX_SENTENCES,
    Run,
    carried,
    marked,
    runs,
)


def test_a_quotation_over_two_sentences_is_one_run() -> None:
    texts = ['"I absolutely spoke to the president. ', 'But it was not off the record," he said.']
    assert runs(texts, [True, False]) == [Run(0, 1, True, (0, 1))]


def test_an_opening_mark_that_starts_the_next_paragraph_continues_the_quotation() -> None:
    texts = ["He said: \u201cWe will rebuild.", "\u201cIt will take years.\u201d", "Rain fell."]
    assert runs(texts, [True, True, True]) == [Run(0, 1, False, (0, 1))]


def test_a_closing_mark_alone_or_leading_a_sentence_quotes_no_words() -> None:
    texts = ['He said: "We will rebuild.', '"', '"\nThis is not the first rumour.']
    assert runs(texts, [True, False, False]) == [Run(0, 1, False, (0,))]


def test_a_sentence_quoted_whole_is_a_run_and_a_quoted_word_is_not() -> None:
    texts = ["\u201cWe found out on Sept. 11.\u201d", "\u201cHope\u201d was the slogan."]
    assert runs(texts, [True, False]) == [Run(0, 0, True, (0,))]


def test_marks_left_open_for_many_sentences_are_no_quotation() -> None:
    texts = ['"It began.'] + ["Then more happened."] * MAX_SENTENCES + ['"Quoted words."']
    found = runs(texts, [True] * len(texts))
    assert all(run.last - run.first < MAX_SENTENCES for run in found)
    assert Run(len(texts) - 1, len(texts) - 1, True, (len(texts) - 1,)) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Miss Smith said: 'I thought so.' She didn't.",
            "Miss Smith said: “I thought so.” She didn't.",
        ),
        ("He said: ‘We found Smith’s car.’ Done.", "He said: “We found Smith’s car.” Done."),
        ("'It was wrong,' he said.", "“It was wrong,” he said."),
        ("In the '90s the students' union met.", "In the '90s the students' union met."),
        (
            "'He ordered drills.\n'They crawled,' he said.",
            "'He ordered drills.\n“They crawled,” he said.",
        ),
    ],
)
def test_single_quotation_marks_are_told_from_apostrophes(text: str, expected: str) -> None:
    assert marked(text) == expected
    assert len(marked(text)) == len(text)


def test_a_quotation_runs_over_lines_without_opening_marks_when_a_curly_mark_closes_it() -> None:
    lines = [
        "\u201cI have nothing to prove to anyone.",
        "People can believe it or not.",
        "I affirmed it,\u201d she wrote.",
        "Officials said nothing.",
    ]
    assert carried(lines) == [False, True, True, False]


@pytest.mark.parametrize(
    "lines",
    [
        # A straight mark could open as well as close: nothing is carried.
        [
            '"We will win, he said.',
            "Officials said the vote is on Tuesday.",
            '"It is over," she said.',
        ],
        # The next mark opens a quotation: the first was left open by mistake.
        ["\u201cWe will win, he said.", "Officials said so.", "\u201cIt is over,\u201d she said."],
        # The press convention's opening mark starts the paragraph: counted from there anyway.
        ["He said: \u201cWe will rebuild.", "\u201cIt will take years.\u201d"],
        # No closing mark within reach.
        ["\u201cIt began."] + ["Then more happened."] * MAX_CARRIED + ["It ended.\u201d"],
    ],
)
def test_no_paragraph_is_carried_into_a_quotation_without_a_curly_closing_mark(
    lines: list[str],
) -> None:
    assert not any(carried(lines))
