from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from storycheck import nlp
from storycheck.analyzers.claims import TOP_RANKED, Claims, _span
from storycheck.analyzers.claims.head import shipped
from storycheck.analyzers.claims.kinds import (
    ACCUSATION,
    FACT,
    KINDS,
    OPINION,
    PREDICTION,
    QUANTITY,
    claim_kind,
)
from storycheck.doc import Doc
from storycheck.read import read, read_one


@pytest.fixture(scope="module")
def seed_doc(seed_path: Path) -> Doc:
    return Doc(read_one(seed_path))


def _kind_of(doc: Doc, target: str, fragment: str) -> str:
    [sentence] = [s for s in doc.sentences(target) if fragment in s.text]
    return claim_kind(_span(doc.parsed(target), sentence)).label


def test_kind_rules_on_the_seed_story(seed_doc: Doc) -> None:
    story = "story"
    assert _kind_of(seed_doc, story, "Recordings of Conversations") == ACCUSATION
    assert _kind_of(seed_doc, story, "coordinated the offensive") == ACCUSATION
    assert _kind_of(seed_doc, story, "more details will be released") == PREDICTION
    assert _kind_of(seed_doc, story, "is a disappointment") == OPINION
    assert _kind_of(seed_doc, story, "have confirmed that their fighters") == FACT
    # Attributed, so not the writer's opinion, and no number: a reported statement.
    assert _kind_of(seed_doc, story, "According to the Pentagon") == FACT
    comments = {t: " ".join(s.text for s in seed_doc.sentences(t)) for t in seed_doc.targets[1:]}
    [bombings] = [t for t, text in comments.items() if "Atomic bombings killed" in text]
    assert _kind_of(seed_doc, bombings, "Atomic bombings killed") == QUANTITY


@pytest.mark.slow
def test_seed_headline_and_accusations_are_claims(seed_doc: Doc) -> None:
    findings = Claims()(seed_doc)
    threshold = shipped().threshold
    text = seed_doc.text_of("story")
    claims = {text[a.start : a.end]: a for a in findings.annotations}
    headline = seed_doc.sentences()[0].text
    assert headline in claims
    assert any("recordings of conversations" in c for c in claims)
    assert any("coordinated the offensive" in c for c in claims)
    assert claims[headline].label == ACCUSATION
    for a in findings.annotations:
        assert a.kind == "claim" and a.label in KINDS
        assert a.score is not None
        assert (
            a.score >= threshold
            or a.start == 0
            or a.label == ACCUSATION
            or "most check-worthy sentences" in a.explanation
        )
        assert a.attrs["checkworthiness"] == a.score
        assert a.attrs["kind_reason"] in a.explanation
    ranked = [a for a in findings.annotations if "most check-worthy" in a.explanation]
    assert len(ranked) <= TOP_RANKED
    summary = findings.summary
    assert summary["claims"] == len(findings.annotations) < summary["sentences"]
    assert sum(summary["by_kind"].values()) == summary["claims"]
    scores = [c["score"] for c in summary["top_claims"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == min(5, summary["claims"])


@pytest.mark.slow
def test_corpus_articles_analyse(datasets: Path) -> None:
    analyzer = Claims()
    total = 0
    for story in islice(read(datasets / "fakenewscorpus" / "news_sample.csv"), 50):
        assert not isinstance(story, Exception), story
        findings = analyzer(Doc(story))
        total += findings.summary["claims"]
        assert findings.summary["sentences"] >= findings.summary["claims"]
    assert total > 0


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # FNC-1 training bodies 88, 2068, 25, 1233 and 2295 (shortened): an accusation word in its
        # innocent sense, or inside another word.
        ("After a full day spent lying on her back on a muddy wooden plank, she sat up.", FACT),
        ("The men are then forced to lie face-down before they are beheaded simultaneously.", FACT),
        ("Snow has covered upland areas of Tabuk province near Saudi Arabia's border.", FACT),
        ("An official confirmed that a bomb rigged with chlorine canisters was used.", FACT),
        ("The Syrian town of Kobani lies near the Turkish border.", FACT),
        # Bodies 599, 273 and 1234, and the same verbs in their accusing sense.
        ("The Lebanese are lying, he said from inside Syria.", ACCUSATION),
        ("She told the magazine that she never lied to the swimmer about her past.", ACCUSATION),
        ("A lot of the other things printed are lies.", ACCUSATION),
        ("The vote was rigged by the ruling party.", ACCUSATION),
        ("The officials covered up the report.", ACCUSATION),
        # Bodies 653, 2062, 573, 502, 915, 1166, 552, 2389 (shortened): a theft with no thief, a
        # field, a genre or criminals in general charge no one, and judge no one.
        ("Intelligence reports of the stolen aircraft include a warning.", FACT),
        ("Superman has gone missing, believed stolen.", FACT),
        ("His phone, wallet and testicles had all been stolen.", FACT),
        ("An unidentified man was arrested for disturbing the crime scene.", FACT),
        ("But the story is about a conspiracy theory that the video was faked.", FACT),
        ("Fatalities from non-criminal violence have risen rapidly.", FACT),
        ("The guards are built to look for criminals in car parks.", FACT),
        ("Advocates of criminal justice reform applaud the proposal.", FACT),
        # Bodies 1938 and 1899, and the same words with someone charged.
        ("The investigator videotaped the woman stealing a neighbor's cat.", ACCUSATION),
        ("The members of the ring were said to have stolen up to $25 million.", ACCUSATION),
        ("The car was stolen by two men in masks.", ACCUSATION),
        ("They are criminals, the minister said.", ACCUSATION),
        # Bodies 588, 1010, 2406, 1340, 1224, 1690, 1306 and 640 (shortened): a group such as ISIS
        # and a word of dealing with it, but the group is a target, a topic, the doer or a name.
        ("Cameron repeated his support for US air strikes against IS in Iraq.", FACT),
        ("Kobani has been the scene of an intense battle between Kurdish forces and ISIS.", FACT),
        ("The strikes are helping Kurdish fighters push back ISIS militants in the town.", FACT),
        ("Shekau talked about everything from the Islamic State to Nigerian politicians.", FACT),
        ("ISIS released a video showing the execution of British aid worker David Haines.", FACT),
        (
            "A blog seen as the Islamic State's media arm said that Rosenberg was captured.",
            FACT,
        ),
        ("His death deals a major blow to the Somali terror network, the Pentagon said.", FACT),
        ("Hunter said some anti-ISIS coalition partners see President Obama as weak.", FACT),
        # Bodies 1837, 1406, 2372, 2322 (shortened): a field, or a body's or a game's name;
        # body 1970's headline, where NER calls "Some Blame Islamic State" a name.
        ("Now robots are rolling around the campus to fight crime.", FACT),
        (
            "The department had been halting its buy and bust operations, a crime-fighting staple.",
            FACT,
        ),
        ("Richard Aborn of the Citizens Crime Commission said the rule helps young people.", FACT),
        ("Outrage as new Grand Theft Auto game allows players to attack police.", FACT),
        ("Some Blame Islamic State for Attack at Parliament Hill", ACCUSATION),
        # Bodies 198, 1806 and 134 (shortened): "alleged" doubts a report and charges no one; bodies
        # 1476, 1255, 1337 and 871: it qualifies a wrongdoing or says someone charges.
        ("Claims about the star's alleged death began circulating on social media.", FACT),
        ("Taylor Lianne Chandler is Michael Phelps' alleged cougar girlfriend.", FACT),
        (
            "The congressman claimed he had the alleged information from the Border Patrol.",
            FACT,
        ),
        (
            "Unfortunately for the alleged attempted rapist, they took him to a butcher's shop.",
            ACCUSATION,
        ),
        (
            "The CBI registered a case in connection with the alleged forced castration of men.",
            ACCUSATION,
        ),
        ("Isis supporters taunted Jordan for the young captive's alleged killing.", ACCUSATION),
        (
            "Palinkas alleged the administration has made it easier for terrorists to exploit it.",
            ACCUSATION,
        ),
        # Bodies 2266, 1608, 831, 1483 and 1958 (shortened), and the seed: someone dealing with it.
        (
            "Rep. Tom Cotton claimed that extremists were collaborating with Mexican drug cartels.",
            ACCUSATION,
        ),
        (
            "Islamic State group jihadists are being trained by Saddam Hussein's former pilots.",
            ACCUSATION,
        ),
        (
            "He made his captives watch videos about al-Shabab, which is allied with al-Qaeda.",
            ACCUSATION,
        ),
        (
            "An image fooled many to believe that Macklemore is somehow affiliated with ISIS.",
            ACCUSATION,
        ),
        ("Ansar al-Shariah is known to work with terrorists from ISIS.", ACCUSATION),
        ("Environmental groups say the council covers up pollution.", ACCUSATION),
        # Bodies 2176, 1325 and 1222 (shortened): a fabrication needs someone who fabricated.
        ("Brian Williams admitted fabricating key portions of a story.", ACCUSATION),
        ("The Post reports that Williams' fabrication was long-known at NBC.", ACCUSATION),
        ("The Daily Mail wrote up the fabricated story.", FACT),
        # Bodies 1681, 455, 1774 and 1336 (shortened): a deal met with, agreed or served; not a
        # meeting with resistance, nor a battlefront.
        ("Nigerian officials met with Boko Haram in Chad twice during talks.", ACCUSATION),
        ("The Nigerian government says it has agreed a ceasefire with Boko Haram.", ACCUSATION),
        ("Islamist websites, even serving as a front for ISIS, reported his capture.", ACCUSATION),
        ("The Kurdish army met with fierce resistance from ISIS fighters.", FACT),
        ("Northern Iraq has become a key front for the Islamic State.", FACT),
        (
            "The Syrian army has intercepted a conversation just before the air strikes in Deir"
            " ez-Zor between the Americans and IS, said Hadiya Khalaf Abbas.",
            ACCUSATION,
        ),
    ],
)
def test_accusation_words_in_their_accusing_sense(sentence: str, kind: str) -> None:
    assert claim_kind(nlp.spacy_pipeline()(sentence)[:]).label == kind


@pytest.mark.parametrize(
    ("sentence", "dealer"),
    [
        # The seed's headline: NER misses "US" in title case.
        (
            "Syria Has Recordings of Conversations Between US Military And Terrorist Group IS",
            "US Military",
        ),
        # FNC-1 training bodies 62, 2356, 831 and 1774 (shortened): the partner joined by "and",
        # the subject of the clause, the noun a "which" clause is about, not the nearest name.
        (
            "Nigerian officials said the deal was reached in Chad in talks with Boko Haram.",
            "Nigerian",
        ),
        (
            "Officials from the Geneva-based group sat in on talks between the Nigerian government"
            " and a senior Boko Haram leader.",
            "Nigerian",
        ),
        (
            "He made captives watch videos about al-Shabab, which is allied with al-Qaeda.",
            "al-Shabab",
        ),
        ("This does not mean that Israel would negotiate with ISIS over Rosenberg.", "Israel"),
    ],
)
def test_an_accusation_names_who_deals_with_the_group(sentence: str, dealer: str) -> None:
    kind = claim_kind(nlp.spacy_pipeline()(sentence)[:])
    assert kind.label == ACCUSATION
    assert kind.reason.startswith(f"names {dealer} together with")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # FNC-1 training bodies 1027, 1689, 2766, 831 (shortened): a number that counts who
        # speaks states no quantity.
        (
            "Earlier, insurgents attacked the town of Sabon Gida, said one military officer.",
            FACT,
        ),
        (
            "The WHO is investigating whether some jihadists have contracted the disease, two"
            " sources at the agency told The Post.",
            FACT,
        ),
        (
            "Four people who were shown a photograph of DeJesus said it was their neighbour.",
            FACT,
        ),
        ('"He was upset and wanted to start a life elsewhere," one of the friends said.', FACT),
        # Body 1895: a quotation's words parsed as a second subject; the speaker is the nearer.
        ("'I could wait all day, or I could do it myself,' one ex-soldier told The Times.", FACT),
        ("The river is polluted with sewage, according to two officials.", FACT),
        # What they say can still be a quantity; bodies 636 and 1554: a verb the parse gave two
        # subjects.
        ("Two officials said 12 people died in the blast.", QUANTITY),
        ("One man was killed.", QUANTITY),
        (
            "The plant's 2,500 degraded rockets the Iraqi officials claimed unlikely to be fit"
            " for use.",
            QUANTITY,
        ),
        ("'Dozens of shots in parliament,' Josh Wingrove, a reporter, tweeted.", QUANTITY),
    ],
)
def test_a_number_that_counts_speakers_is_no_quantity(sentence: str, kind: str) -> None:
    assert claim_kind(nlp.spacy_pipeline()(sentence)[:]).label == kind


def test_an_accusation_names_the_group_in_full() -> None:
    kind = claim_kind(nlp.spacy_pipeline()("Nigerian officials met with Boko Haram in Chad.")[:])
    assert kind.reason == "names Nigerian together with 'Boko Haram', linked by 'met'"
