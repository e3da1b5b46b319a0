from __future__ import annotations

from pathlib import Path

import numpy as np

from storycheck.analyzers.persuasion.baseline import lexicon_spans, lexicon_technique
from storycheck.analyzers.persuasion.classifier import Memory, assign, normalise
from storycheck.analyzers.persuasion.features import (
    bio_tags,
    cue_marks,
    line_sentences,
    quoted,
    spans_from_inside,
    tokenize,
)
from storycheck.eval import ptc


def test_tokens_and_sentences_keep_offsets_of_a_real_article(datasets: Path) -> None:
    text = (datasets / "ptc" / "articles" / "article111111111.txt").read_text(encoding="utf-8")
    sentences = line_sentences(text)
    assert sentences[0].text == "Next plague outbreak in Madagascar could be 'stronger': WHO"
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
    words = [t.text for t in tokenize("U.S. US-backed “rebels” don't")]
    assert words == ["U.S", ".", "US-backed", "“", "rebels", "”", "don't"]


def test_bio_tags_follow_gold_spans_and_come_back_as_spans() -> None:
    [sentence] = line_sentences("They are evil liars and cowards, he said.")
    gold = [(9, 19), (24, 31)]
    tags = bio_tags(sentence, gold)
    assert tags == ["O", "O", "B", "I", "O", "B", "O", "O", "O", "O"]
    inside = [t != "O" for t in tags]
    begins = [t == "B" for t in tags]
    assert spans_from_inside(sentence.tokens, inside, begins) == [(9, 19), (24, 31)]
    # Two adjacent spans stay apart when the second one begins anew.
    merged = spans_from_inside(sentence.tokens[:4], [False, True, True, True], [False] * 4)
    assert merged == [(5, 19)]


def test_cues_mark_words_and_whole_phrases() -> None:
    tokens = tokenize("Where there's smoke, there is fire: the evil regime lies.")
    marks = cue_marks(tokens)
    words = {t.text: m for t, m in zip(tokens, marks, strict=True)}
    assert "cliche" in words["Where"] and "cliche" in words["smoke"]
    assert "loaded" in words["evil"] and "label" in words["regime"]
    assert quoted(tokenize('He said "no way" today')) == [
        False,
        False,
        True,
        True,
        True,
        True,
        False,
    ]


def test_lexicon_baselines() -> None:
    [sentence] = line_sentences("The vicious brutal regime attacked, officials said.")
    assert lexicon_spans([sentence]) == [(4, 25)]
    assert lexicon_technique("so-called experts") == "Doubt"
    assert lexicon_technique("on Tuesday") == "Loaded_Language"


def test_memory_leaves_an_article_out_and_round_trips() -> None:
    memory = Memory.build(
        [
            ("1", "Radical Islamists", "Name_Calling,Labeling"),
            ("2", "radical islamists!", "Loaded_Language"),
        ]
    )
    assert normalise("Radical  Islamists!") == "radical islamists"
    share, total = memory.distribution("radical Islamists", leave_out="1")
    assert total == 1 and share[ptc.TECHNIQUES.index("Loaded_Language")] == 1.0
    arrays = memory.arrays()
    rebuilt = Memory.build(
        [
            (str(a), str(k), ptc.TECHNIQUES[int(label)])
            for k, a, label, count in zip(
                arrays["keys"], arrays["articles"], arrays["labels"], arrays["counts"], strict=True
            )
            for _ in range(int(count))
        ]
    )
    assert rebuilt.distribution("radical islamists", None) == memory.distribution(
        "radical islamists", None
    )


def test_spans_given_twice_get_distinct_labels() -> None:
    p = np.zeros((3, len(ptc.TECHNIQUES)))
    p[:, ptc.TECHNIQUES.index("Doubt")] = 0.6
    p[:, ptc.TECHNIQUES.index("Slogans")] = 0.3
    assert assign(p, [0, 0, 1]) == ["Doubt", "Slogans", "Doubt"]


def test_spans_are_told_which_others_repeat_their_words(datasets: Path) -> None:
    from storycheck.analyzers.persuasion import classifier, train

    corpus = ptc.load_release(datasets, ptc.TC_LABELS)
    by_words: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for s in corpus.spans:
        words = normalise(corpus.articles[s.article][s.start : s.end])
        by_words.setdefault((s.article, words), set()).add((s.start, s.end))
    article, words = next(k for k, offsets in by_words.items() if len(offsets) > 1 and k[1])
    one = corpus.subset([article])

    spans = train.given_spans(one, train.prepare(one))

    repeated = [s for s in spans if normalise(s.text) == words]
    assert all(s.same_text == len(by_words[(article, words)]) - 1 for s in repeated)
    assert all(s.sharing_text >= s.same_text for s in spans)
    lone = [s for s in spans if len(by_words[(article, normalise(s.text))]) == 1]
    assert all(s.same_text == 0 for s in lone)
    memory = classifier.Memory.build([])
    at = classifier.CUE_FEATURES.index("same_text_span")
    cues = [classifier.cue_features(s, one.articles[article], memory, None) for s in spans]
    assert [row[at] for row in cues] == [float(s.same_text > 0) for s in spans]
