from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storycheck import analyze, read_one
from storycheck.annotation import Annotation
from storycheck.model import build_story
from storycheck.report.core import Report

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "harbour-closure.txt"


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Report:
    return analyze(read_one(seed_path), analyzers=["sources"])


def by_sentence(report: Report) -> dict[int, Annotation]:
    return {a.attrs["sentence"]: a for a in report.of_kind("attribution")}


def attributed(title: str, paragraphs: list[str]) -> dict[int, Annotation]:
    """The attribution of each sentence of a story made of these paragraphs."""
    return by_sentence(analyze(build_story("s", title, paragraphs), analyzers=["sources"]))


def covering(report: Report, words: str) -> list[Annotation]:
    """The attributions of the sentences that hold these words."""
    text = report.story.text
    return [a for a in report.of_kind("attribution") if words in text[a.start : a.end]]


def chain_of(a: Annotation) -> list[tuple[str, str]]:
    return [(link["who"], link["how"]) for link in a.attrs["chain"]]


def test_seed_headline_rests_on_an_unnamed_intelligence_service_through_many_hands(
    seed: Report,
) -> None:
    headline = by_sentence(seed)[0]
    assert headline.attrs["inherited_from"] == 1
    assert headline.label == "unnamed-official"
    assert headline.attrs["hands"] >= 4
    assert chain_of(headline) == [
        ("The Syrian intelligence", "holds the evidence"),
        ("Hadiya Khalaf Abbas (speaker of the People’s Council of Syria)", "said"),
        ("the Lebanese news channel al-Mayadeen", "quoted"),
        ("this site", "published"),
    ]


def test_seed_speaker_is_one_person_across_role_name_and_generic_mentions(seed: Report) -> None:
    sentences = by_sentence(seed)
    speaker = {sentences[i].attrs["source"]["id"] for i in (1, 2, 5, 8)}
    assert len(speaker) == 1
    assert sentences[8].attrs["cue"]["text"] == "added"
    assert sentences[2].attrs["direct"] is True and sentences[5].attrs["direct"] is False


def test_seed_pronoun_and_according_to(seed: Report) -> None:
    sentences = by_sentence(seed)
    assert sentences[4].attrs["source"]["display"] == "the Pentagon"
    assert sentences[4].label == "named-organisation"
    assert sentences[10].attrs["source"]["name"] == "Walid al-Muallem"
    assert sentences[10].attrs["source"]["role"] == "Syrian Foreign Minister"


def test_seed_editorial_paragraph_is_the_outlets_own_voice(seed: Report) -> None:
    text = seed.story.text
    last = text.index("Why this serious accusation")
    assert not [a for a in seed.of_kind("attribution") if a.start is not None and a.start >= last]
    assert seed.summaries["sources"]["own_voice_sentences"] >= 4


def test_example_sources_and_relay() -> None:
    report = analyze(read_one(EXAMPLE), analyzers=["sources"])
    sentences = by_sentence(report)
    assert chain_of(sentences[2])[1] == ("the regional broadcaster Coast FM", "quoted")
    assert sentences[2].attrs["source"]["name"] == "Tomas Reyes"
    assert sentences[3].label == "unnamed-official"
    assert sentences[7].attrs["source"]["display"] == "Ines Varga (Mayor)"
    assert sentences[8].label == "anonymous"
    assert sentences[8].attrs["source"]["display"] == "It is believed"


def test_an_institution_described_but_named_elsewhere_is_named() -> None:
    # Rule 3 of docs/attribution-guidelines.md. The example names the Marlow Port Authority as
    # the chairman's; FNC-1 training body 1585 (shortened) names Apple and an analyst's firm.
    example = analyze(read_one(EXAMPLE), analyzers=["sources"])
    source = source_of(example, "denied this")
    assert source["display"] == "The port authority (the Marlow Port Authority)"
    assert (source["name"], source["anonymity"]) == (
        "the Marlow Port Authority",
        "named-organisation",
    )
    report = sources_report(
        "Apple Watch Chip",
        [
            "Daniel Arcuri, an analyst at Cowen and Company, studied the chip.",
            "Apple made an announcement, and the company said the Watch needs an iPhone.",
        ],
    )
    company = source_of(report, "needs an iPhone")
    assert (company["name"], company["anonymity"]) == (None, "unnamed-official")


def test_whom_a_spokesman_or_lawyer_speaks_for_is_not_the_source() -> None:
    # Rule 5 of docs/attribution-guidelines.md: the speaker is the unnamed role, not the name.
    sentences = attributed(
        "Payments Questioned",
        [
            "A lawyer for Michael Cohen said on Tuesday that the payments were legal.",
            "A spokesman for President Trump said the documents would be released.",
            "Sarah Sanders, the press secretary, said there was no wrongdoing.",
            "The head of the FBI, James Comey, said the inquiry was continuing.",
            "A friend of John Smith said he had left the country.",
        ],
    )
    sources = [sentences[n].attrs["source"] for n in (1, 2, 3, 4, 5)]
    assert [s["anonymity"] for s in sources] == [
        "unnamed-official",
        "unnamed-official",
        "named-person-with-role",
        "named-person-with-role",
        "unnamed-official",
    ]
    assert sources[4]["name"] is None
    assert [s["name"] for s in sources[2:4]] == ["Sarah Sanders", "James Comey"]
    assert "Michael Cohen" in sources[0]["display"]


def test_officials_who_asked_not_to_be_named_are_not_the_last_person_named() -> None:
    sentences = attributed(
        "Report Delayed",
        [
            "The opposition leader, Maria Lopez, said the minister must resign. Officials who "
            "asked not to be named said the report would be published next month. The official "
            "added that it was complete.",
            "Lopez said she would table a motion.",
        ],
    )
    lopez, officials = sentences[1].attrs["source"], sentences[2].attrs["source"]
    assert lopez["name"] == "Maria Lopez"
    assert officials["anonymity"] == "unnamed-official" and officials["id"] != lopez["id"]
    # "The official added" is a back-reference: to the last person, the officials.
    assert sentences[3].attrs["source"]["id"] == officials["id"]
    assert sentences[4].attrs["source"]["id"] == lopez["id"]


def test_an_age_makes_a_person_and_a_place_does_not_make_an_organisation() -> None:
    sentences = attributed(
        "Shoppers Alarmed",
        [
            "Yesterday, shoppers in Carlisle said they were concerned by his behaviour. Nicola "
            "Dawson, 48, a dental receptionist, said she was not worried."
        ],
    )
    shoppers, dawson = sentences[1].attrs["source"], sentences[2].attrs["source"]
    assert shoppers["name"] is None and shoppers["anonymity"] != "named-organisation"
    assert (dawson["kind"], dawson["name"], dawson["role"]) == (
        "person",
        "Nicola Dawson",
        "dental receptionist",
    )
    assert dawson["anonymity"] == "named-person-with-role"


def test_a_pronoun_before_any_speaker_is_the_person_the_narrative_named() -> None:
    sentences = attributed(
        "Spider Under the Skin",
        [
            "West Australian man Dylan Thomas was holidaying in Bali when a spider crawled under "
            "his skin.",
            "He told Radio 6PR about the experience. Mr Thomas said the trip was ruined.",
        ],
    )
    he, thomas = sentences[2].attrs["source"], sentences[3].attrs["source"]
    assert he["name"] == "Dylan Thomas" and he["id"] == thomas["id"]
    possessive = build_story(
        "s",
        "Spider Bite",
        ["A spider burrowed into Dylan Thomas’s abdomen. It hurt, he said. Thomas told NT News."],
    )
    sentences = by_sentence(analyze(possessive, analyzers=["sources"]))
    assert sentences[2].attrs["source"]["display"] == "Dylan Thomas"
    assert sentences[3].attrs["source"]["id"] == sentences[2].attrs["source"]["id"]


def test_a_listed_outlet_read_as_a_person_is_no_pronouns_antecedent() -> None:
    # NER reads "Gawker" as a person; as a speaker it is the outlet, so "he" cannot be it either.
    sentences = attributed(
        "Strike Talks",
        ['Gawker obtained the memo on Monday. "We will not back down," he said.'],
    )
    he = sentences[2].attrs["source"]
    assert he["display"] != "Gawker" and he["kind"] != "person"


def test_a_surname_without_its_arabic_article_is_the_person_named() -> None:
    sentences = attributed(
        "Militants Call for Attacks",
        [
            '"Kill the disbeliever," the group\'s spokesman Abu Mohammed al-Adnani said in the '
            "message.",
            'Addressing Obama, Adnani said: "You claimed that America would stay out of a war."',
            "The group would fight on, Al-Adnani said.",
        ],
    )
    spokesman, adnani, al_adnani = (a.attrs["source"] for a in sentences.values())
    assert spokesman["name"] == "Abu Mohammed al-Adnani"
    assert adnani["id"] == al_adnani["id"] == spokesman["id"]


def test_a_role_or_affiliation_given_anywhere_makes_a_named_person_with_role() -> None:
    sentences = attributed(
        "Abuse Letter",
        [
            "Francis denied getting evidence. Pope Francis has said that abuse must be punished.",
            "Richard Walton from the Counter Terrorism Command said no one would be named.",
            '"Education is not mayonnaise," Sen. Chris Murphy, D-Conn., said.',
        ],
    )
    francis = sentences[1].attrs["source"]
    assert francis["id"] == sentences[2].attrs["source"]["id"]
    assert (francis["anonymity"], francis["role"]) == ("named-person-with-role", "Pope")
    walton, murphy = sentences[3].attrs["source"], sentences[4].attrs["source"]
    assert walton["name"] == "Richard Walton"
    assert walton["role"] == "from the Counter Terrorism Command"
    assert (murphy["name"], murphy["role"]) == ("Chris Murphy", "Sen.")


def test_a_surname_ner_took_for_an_organisation_is_the_person_named_before() -> None:
    story = build_story(
        "s",
        "Pence Pick",
        [
            "A close look at Indiana governor Mike Pence shows a long record.",
            "Pence says he fixed it.",
        ],
    )
    source = by_sentence(analyze(story, analyzers=["sources"]))[2].attrs["source"]
    assert (source["kind"], source["name"]) == ("person", "Mike Pence")


def test_a_quotation_closing_in_a_later_sentence_is_attributed_there() -> None:
    story = build_story(
        "s",
        "Wolff Insists",
        [
            '"I absolutely spoke to the president. But it certainly was not off the record," '
            "Wolff said on NBC.",
            'He said the book "is accurate."',
        ],
    )
    report = analyze(story, analyzers=["sources"])
    [closing], [later] = covering(report, "off the record"), covering(report, "accurate")
    assert closing.attrs["source"]["name"] == "Wolff" and closing.attrs["direct"] is True
    assert later.attrs["source"]["id"] == closing.attrs["source"]["id"]


def test_source_spans_point_at_the_source_text(seed: Report) -> None:
    for a in seed.of_kind("source"):
        assert seed.story.text[a.start : a.end] == a.attrs["text"]


def test_a_story_without_attribution_is_all_own_voice() -> None:
    report = analyze(
        build_story("s", "Rain Tomorrow", ["It will rain tomorrow. Take an umbrella."]),
        analyzers=["sources"],
    )
    assert report.of_kind("attribution") == []
    assert report.summaries["sources"]["attributed_sentences"] == 0


def test_corpus_rows_run_without_error(datasets: Path) -> None:
    from storycheck.read import read

    rows = read(datasets / "fakenewscorpus" / "news_sample.csv")
    stories = [s for s, _ in zip(rows, range(40), strict=False)]
    attributed = 0
    for story in stories:
        assert not isinstance(story, Exception)
        report = analyze(story, analyzers=["sources"])
        attributed += len(report.of_kind("attribution"))
        for a in report.of_kind("source"):
            assert story.text[a.start : a.end] == a.attrs["text"]
    assert attributed > 20


def test_they_stands_for_a_recent_group_and_never_for_one_person() -> None:
    sentences = attributed(
        "Street Attack",
        [
            "Lin Yao Li, 38, was attacked on a busy street.",
            "The reason, onlookers said, was a quarrel. The attack they said was carried out by "
            "four women.",
            "The police came late. Nobody was hurt badly. The street was quiet again.",
            "Supporters are sharing images of a child they say has died.",
        ],
    )
    onlookers, they, later = (sentences[i].attrs["source"] for i in (2, 3, 7))
    assert they["id"] == onlookers["id"]
    assert (later["display"], later["anonymity"], later["kind"]) == ("they", "anonymous", "vague")


def test_a_group_is_not_completed_by_the_name_that_follows() -> None:
    sentences = attributed(
        "Ebola Scare",
        [
            "Local health officials have said it is extremely unlikely that the patient has "
            'Ebola. "I think they would have said something," said patient Collette Harvin.',
        ],
    )
    officials, harvin = sentences[1].attrs["source"], sentences[2].attrs["source"]
    assert officials["id"] != harvin["id"]
    assert (officials["name"], officials["anonymity"]) == (None, "unnamed-official")
    assert (harvin["name"], harvin["role"]) == ("Collette Harvin", None)


def test_a_name_given_by_named_and_an_affiliation_as_written() -> None:
    sentences = attributed(
        "Missing Planes",
        [
            "An analyst named Yakoub Mustafa told Magharebia that the planes were missing.",
            '"We will not confirm it," said Richard Walton from the Met\'s Counter Terrorism '
            "Command.",
        ],
    )
    mustafa, walton = sentences[1].attrs["source"], sentences[2].attrs["source"]
    assert (mustafa["name"], mustafa["role"]) == ("Yakoub Mustafa", "analyst")
    assert walton["role"] == "from the Met's Counter Terrorism Command"


def test_a_second_verb_speaks_for_the_first_ones_subject_not_for_its_quotation() -> None:
    sentences = attributed(
        "Planes",
        [
            "A State department official dodged the question and stated “I can’t confirm that”.",
            "Banksy was arrested by a task force and revealed to be a man named Paul Horner.",
        ],
    )
    assert sentences[1].attrs["source"]["display"] == "State department official"
    assert sentences[1].attrs["cue"]["text"] == "stated"
    assert 2 not in sentences


def test_a_role_with_its_own_affiliation_is_a_new_person_not_a_back_reference() -> None:
    sentences = attributed(
        "Talks Fail",
        [
            "The talks failed on Monday, John Smith told reporters.",
            "The army has recordings, said the speaker of the People's Council of Syria.",
        ],
    )
    assert sentences[2].attrs["source"]["id"] != sentences[1].attrs["source"]["id"]
    assert sentences[2].attrs["source"]["name"] is None


def test_whose_speaker_and_which_share_of_a_group_are_not_the_speaker() -> None:
    sentences = attributed(
        "Anchor Row",
        [
            "Many of Williams’ colleagues believe his claim that he simply conflated two versions.",
            "Many of the residents said the water was brown.",
            "Trump's lawyer said the payment was legal.",
        ],
    )
    for i in (1, 2, 3):
        assert sentences[i].attrs["source"]["name"] is None
        assert sentences[i].label == "unnamed-official"


def test_the_name_is_the_one_the_phrase_is_headed_by() -> None:
    sentences = attributed(
        "Death Inquiry",
        [
            '"An official cause of death could take three weeks," said County Coroner Frank '
            "Shultz. Obama's spokesman Josh Earnest said no decision was made."
        ],
    )
    coroner, earnest = sentences[1].attrs["source"], sentences[2].attrs["source"]
    assert (coroner["name"], coroner["role"]) == ("Frank Shultz", "County Coroner")
    assert (earnest["name"], earnest["role"]) == ("Josh Earnest", "Obama's spokesman")


def test_a_report_from_a_place_or_some_sites_name_no_one() -> None:
    sentences = attributed(
        "Phone Parts",
        [
            "A fresh report from Korea suggests that new phones will use Samsung batteries.",
            "A Reuters report said the deal was close.",
            "Some sites reported yesterday that the hospital had no doctors.",
            "The Washington Post said it was wrong. According to the newspaper, it was fine.",
        ],
    )
    assert [sentences[i].label for i in (1, 2, 3, 5)] == [
        "unnamed-official",
        "named-organisation",
        "unnamed-official",
        "named-organisation",
    ]


def test_a_role_in_apposition_makes_a_person_whatever_ner_said() -> None:
    sentences = attributed(
        "Letter",
        [
            "Weinandy, a former chief of staff for the U.S. Bishops’ Committee on Doctrine, warned "
            "that the pope was wrong.",
            "Which, it must be said, only proves the point.",
        ],
    )
    weinandy = sentences[1].attrs["source"]
    assert (weinandy["kind"], weinandy["name"]) == ("person", "Weinandy")
    assert weinandy["anonymity"] == "named-person-with-role"
    assert 2 not in sentences


def test_a_pronoun_after_its_sentences_subject_stands_for_that_name() -> None:
    sentences = attributed(
        "Advice",
        [
            "Lee Harvey Oswald said nothing. Hoover testified that he had not been an agent.",
            "But Shapira would be wise to follow his own advice because he is guilty of what he "
            "accuses others of.",
            "Mr Titchmarsh asks Professor Crawley if the fungi is edible, to which he replies: "
            "“That depends.”",
        ],
    )
    assert sentences[3].attrs["source"]["name"] == "Shapira"
    assert sentences[4].attrs["source"]["name"] != "Titchmarsh"


def test_the_source_is_the_source_named_before_and_described_people_are_unnamed() -> None:
    sentences = attributed(
        "Leader Hurt",
        [
            "North Korean leader Kim Jong Un has hurt his leg, a source with access to the "
            "leadership said. The source said that Kim hurt his leg.",
            "Some Pyongyang watchers also suggest that Kim may have been sidelined.",
            "Government spokeswoman, First Lady Rosario Murillo, said Managua would be in contact.",
        ],
    )
    assert sentences[2].attrs["source"]["id"] == sentences[1].attrs["source"]["id"]
    # A source is nobody the reader can point at, whatever describes it (guidelines, rule 8).
    assert sentences[2].label == "anonymous"
    assert sentences[3].label == "unnamed-official"
    murillo = sentences[4].attrs["source"]
    assert (murillo["name"], murillo["role"]) == ("Rosario Murillo", "Government spokeswoman")


def test_what_a_speaker_says_they_believe_is_their_content() -> None:
    story = build_story(
        "s",
        "Jihadi John",
        [
            '"There was a strong resemblance," Asim Qureshi, research director at the rights '
            "group, said. One friend said he believed Emwazi wanted to travel to Saudi Arabia.",
        ],
    )
    attributions = analyze(story, analyzers=["sources"]).of_kind("attribution")
    friend = [a for a in attributions if a.attrs["sentence"] == 2]
    assert [a.attrs["cue"]["text"] for a in friend] == ["said"]
    assert friend[0].attrs["source"]["display"] == "One friend"


def test_a_name_in_a_compound_says_whose_and_a_group_is_not_one_official() -> None:
    sentences = attributed(
        "Fence Jumper",
        [
            "The attack, which the Obama administration initially said was a protest, killed four.",
            "A U.S. official confirmed the details of the report to NBC News. Officials had "
            "previously said that Gonzalez only made it inside.",
        ],
    )
    administration = sentences[1].attrs["source"]
    assert (administration["kind"], administration["name"]) != ("person", "Obama")
    assert sentences[1].label == "named-organisation"
    assert sentences[3].attrs["source"]["id"] != sentences[2].attrs["source"]["id"]


def test_a_belief_stays_with_its_speaker_when_the_outer_subject_cannot_speak() -> None:
    story = build_story(
        "s",
        "Trader",
        [
            "New York Magazine's Jessica Pressler profiled him. But a number of folks who know "
            "Islam told Business Insider that they strongly believe the figure is a rumor.",
        ],
    )
    attributions = analyze(story, analyzers=["sources"]).of_kind("attribution")
    cues = [a.attrs["cue"]["text"] for a in attributions if a.attrs["sentence"] == 2]
    assert cues
    assert all(a.attrs["source"]["name"] != "Jessica Pressler" for a in attributions)


def test_a_named_outlet_stays_named_when_it_cites_unnamed_people() -> None:
    sentences = attributed(
        "Jihadi John Named",
        [
            "The militant's identity was first reported by The Washington Post, which cited "
            "friends and others familiar with his case.",
            "Two people familiar with the matter said the deal was off.",
        ],
    )
    assert sentences[1].label == "named-organisation"
    assert sentences[2].label == "unnamed-official"


def test_a_titled_surname_is_the_person_the_narrative_named() -> None:
    sentences = attributed(
        "Voicemail Recovered",
        [
            "John Smith had kept the voicemail since his wife died in 2003.",
            'Mr Smith, 68, said: "They have made this old age pensioner extremely happy." '
            'Listening to the message he said: "It is a wonderful sound."',
        ],
    )
    smith = sentences[2].attrs["source"]
    assert (smith["name"], smith["kind"]) == ("John Smith", "person")
    assert sentences[3].attrs["source"]["id"] == smith["id"]


def test_a_new_official_and_a_named_expert_are_not_the_officials_named_before() -> None:
    sentences = attributed(
        "Wife Detained",
        [
            "The army detained a wife of the militant leader, security officials said on Tuesday.",
            "A senior security official said she had been traveling with a daughter.",
            "Fawaz Gerges, a Middle East expert, said the arrest was a warning.",
            "\u201cThis is very alarming for the leadership,\u201d he told Reuters.",
        ],
    )
    officials, official = sentences[1].attrs["source"], sentences[2].attrs["source"]
    assert official["id"] != officials["id"]
    assert sentences[4].attrs["source"]["name"] == "Fawaz Gerges"


def test_officials_of_another_named_body_are_not_the_officials_named_before() -> None:
    # FNC-1 body 508, shortened; "the officials" may still be either.
    report = sources_report(
        "Jetliners",
        [
            "U.S. officials said that they received intelligence about eleven commercial aircraft.",
            "On Monday, Libyan officials announced that their capital city had been lost.",
            "The officials added that the airport was closed.",
        ],
    )
    us, libyan = source_of(report, "eleven commercial"), source_of(report, "capital city")
    assert (us["display"], libyan["display"]) == ("U.S. officials", "Libyan officials")
    assert source_of(report, "airport was closed")["id"] == libyan["id"]


def test_a_name_runs_on_to_its_head_and_a_double_surname_is_the_name() -> None:
    # FNC-1 body 1795: NER ended the name at "Murillo" and took "Murillo Karam" for a body.
    report = sources_report(
        "Students",
        [
            "Attorney General Jesus Murillo Karam said the remains had been found.",
            "Mexico\u2019s attorney general said the search would go on.",
            "Murillo Karam said the suspects had confessed.",
        ],
    )
    karam = source_of(report, "remains had been found")
    assert (karam["name"], karam["role"]) == ("Jesus Murillo Karam", "Attorney General")
    assert source_of(report, "search would go on")["id"] == karam["id"]
    assert source_of(report, "suspects had confessed")["id"] == karam["id"]


def test_a_name_without_its_first_name_is_the_person_named_before() -> None:
    # FNC-1 body 1388, shortened.
    report = sources_report(
        "Prank",
        [
            "YouTube prankster Josh Paler Lin said he gave a homeless man $100.",
            "Paler Lin said the man spent it on food for others.",
        ],
    )
    first, second = source_of(report, "homeless man"), source_of(report, "food for others")
    assert second["id"] == first["id"] and first["name"] == "Josh Paler Lin"


def test_a_described_official_of_another_country_is_not_the_official_before() -> None:
    report = sources_report(
        "Jetliners",
        [
            "A U.S. official said the aircraft were missing.",
            "The Libyan official said the capital had been lost.",
            "The official added that the airport was closed.",
        ],
    )
    us, libyan = source_of(report, "aircraft were"), source_of(report, "capital had")
    assert us["id"] != libyan["id"]
    assert source_of(report, "airport was closed")["id"] == libyan["id"]


def test_an_outlet_is_named_by_its_own_name_and_a_listed_outlet_is_no_person() -> None:
    # FNC-1 body 1648, shortened.
    report = sources_report(
        "Kim Jong Un",
        [
            "The prohibition stems from a 2011 edict, South Korea's Yonhap news agency reported.",
            '"No one may use the name," Yonhap said.',
            "South Korea's KBS network also reported that the government had repeated the ban.",
        ],
    )
    yonhap, kbs = source_of(report, "2011 edict"), source_of(report, "KBS network")
    assert (yonhap["name"], kbs["name"]) == ("Yonhap news agency", "KBS")
    assert source_of(report, "may use the name")["id"] == yonhap["id"] != kbs["id"]


def test_a_role_around_a_name_reads_with_single_spaces() -> None:
    # FNC-1 body 1880.
    report = sources_report(
        "Spider",
        ['Dr Mark Harvey from the Western Australian Museum said he found the case "bizarre".'],
    )
    harvey = source_of(report, "bizarre")
    assert (harvey["name"], harvey["role"]) == (
        "Mark Harvey",
        "Dr from the Western Australian Museum",
    )


def test_a_courtesy_title_makes_a_person_whatever_ner_said() -> None:
    # FNC-1 body 1410, shortened: NER read "Mr Ilic" as an organisation.
    report = sources_report(
        "Man in hospital",
        [
            "Oliver Ilic, 22, called medics after he could not stem the bleeding and was taken on "
            "a stretcher to hospital.",
            "Mr Ilic told the medics that he felt he had been dumped by his girlfriend.",
        ],
    )
    ilic = source_of(report, "dumped")
    assert (ilic["name"], ilic["kind"]) == ("Oliver Ilic", "person")


def test_a_screenwriter_has_a_role_and_a_clause_after_a_dash_is_no_part_of_a_name() -> None:
    # FNC-1 bodies 1019 and 494.
    report = sources_report(
        "Casting",
        [
            "Screenwriter Aaron Sorkin confirmed the decision in an upcoming interview with "
            "Bloomberg Television today.",
            "Taylor Lianne Chandler - who says she is in love with the swimmer - revealed on "
            "Facebook that she was called David Roy Fitch at birth.",
        ],
    )
    sorkin, chandler = source_of(report, "the decision"), source_of(report, "at birth")
    assert (sorkin["name"], sorkin["role"]) == ("Aaron Sorkin", "Screenwriter")
    assert str(chandler["name"]).endswith("Lianne Chandler")


def test_a_person_a_listed_site_is_named_after_stays_a_person() -> None:
    # The lists hold donaldtrumpnews; only a one-word name as listed is an outlet.
    report = sources_report(
        "The wall, again",
        [
            "At the rally on Monday, Donald Trump said the wall would be built.",
            "Breitbart reported the crowd was large.",
        ],
    )
    trump, breitbart = source_of(report, "the wall"), source_of(report, "the crowd")
    assert (trump["name"], trump["kind"]) == ("Donald Trump", "person")
    assert (breitbart["name"], breitbart["kind"]) == ("Breitbart", "media")


def test_an_outlet_ner_saw_no_name_in_is_named_by_its_proper_nouns() -> None:
    report = sources_report(
        "Kim Jong Un",
        [
            "The ban dates from 2011, according to South Korea's Yonhap news agency.",
            "The talks will go on, according to Iran's news agency.",
        ],
    )
    assert source_of(report, "dates from")["name"] == "Yonhap news agency"
    assert source_of(report, "talks will")["name"] == "Iran"


def test_a_name_ner_took_for_a_body_is_a_person_when_quoted_saying_i() -> None:
    # FNC-1 body 173: NER read "Jorge Santamaria" as an organisation.
    report = sources_report(
        "Blast",
        [
            '"I was sitting on my porch and I saw nothing, then all of a sudden I heard a large '
            'blast," Jorge Santamaria told the Associated Press.',
        ],
    )
    speaker = source_of(report, "porch")
    assert (speaker["name"], speaker["kind"], speaker["anonymity"]) == (
        "Jorge Santamaria",
        "person",
        "named-person",
    )


def test_coordinated_sources_are_each_a_source() -> None:
    story = build_story(
        "s",
        "Suspension Denied",
        [
            "The Guardian and the BBC both reported the identity. Both the PGA Tour and "
            "Woods's agent flatly deny the claim. Later the PGA Tour said the claim was false. "
            "Johnson & Johnson said the product was safe. Government spokeswoman and First Lady "
            "Rosario Murillo said the crater was small. A Republican senator and frequent Mideast "
            "traveler said the detainees were dangerous.",
        ],
    )
    by_sentence: dict[int, list[dict[str, str]]] = {}
    for a in analyze(story, analyzers=["sources"]).of_kind("attribution"):
        by_sentence.setdefault(a.attrs["sentence"], []).append(a.attrs["source"])
    assert [s["display"] for s in by_sentence[1]] == ["The Guardian", "the BBC"]
    assert [s["display"] for s in by_sentence[2]] == ["the PGA Tour", "Woods's agent"]
    assert by_sentence[3][0]["id"] == by_sentence[2][0]["id"]
    assert [s["display"] for s in by_sentence[4]] == ["Johnson & Johnson"]
    assert [s["display"] for s in by_sentence[5]] == [
        "Rosario Murillo (Government spokeswoman and First Lady)"
    ]
    assert [s["display"] for s in by_sentence[6]] == [
        "Republican senator and frequent Mideast traveler"
    ]


def test_a_reporting_verb_whose_subject_cannot_speak_is_content_not_a_second_speaker() -> None:
    sentences = attributed(
        "Nebula",
        [
            "The picture reveals the Calabash Nebula shedding its outer layers into space, "
            "NASA said.",
            "DNA tests confirm Lebanon is holding the young daughter of Islamic State (IS) leader "
            "Abu Bakr al-Baghdadi, the country's interior minister says.",
        ],
    )
    assert sentences[1].attrs["source"]["display"] == "NASA"
    assert sentences[2].attrs["source"]["display"] == "country's interior minister"


def test_writing_attributes_words_and_not_the_act_of_writing() -> None:
    sentences = attributed(
        "Snowmen",
        [
            "\u201cThe reason for the ban is fear of sedition,\u201d Cordes wrote in a response.",
            "He professionally wrote three books on the topic.",
            "Seth Rogen will appear in the biopic written by Oscar winner Aaron Sorkin.",
            "A priest said in an interview that he wrote to the Pope in 2015.",
        ],
    )
    assert sentences[1].attrs["source"]["display"] == "Cordes"
    assert sentences[1].attrs["direct"] is True
    assert 2 not in sentences and 3 not in sentences
    assert sentences[4].attrs["source"]["display"] == "priest"


def test_reportedly_and_allegedly_make_their_clause_hearsay_from_nobody() -> None:
    sentences = attributed(
        "Casting News",
        [
            "Seth Rogen will reportedly appear in the upcoming Steve Jobs biopic.",
            "Comcast allegedly pulled strings to get a customer fired.",
            "The company reported a loss.",
        ],
    )
    for index in (1, 2):
        assert sentences[index].label == "anonymous"
        assert sentences[index].attrs["source"]["kind"] == "vague"
    assert sentences[1].attrs["cue"]["text"] == "reportedly"
    assert sentences[2].attrs["source"]["display"] == "allegedly"


def test_a_speaker_after_a_quotation_ending_in_an_exclamation_reports_it() -> None:
    sentences = attributed(
        "Sanctuary Cities",
        [
            "\u201cHow dare you!\u201d Attorney General Jeff Sessions said in California this "
            "month, addressing Schaaf.",
        ],
    )
    sessions = next(a for a in sentences.values() if a.attrs["cue"]["text"] == "said")
    assert sessions.attrs["source"]["name"] == "Jeff Sessions"
    assert sessions.attrs["direct"] is True


def test_whom_a_report_cites_is_its_source_and_the_reporter_a_relay() -> None:
    story = build_story(
        "s",
        "Layoffs",
        [
            "The company has laid off 200 workers, Reuters reported, citing two people "
            "familiar with the matter. An unnamed source said the plant would close."
        ],
    )
    attributions = analyze(story, analyzers=["sources"]).of_kind("attribution")
    by_cue = {a.attrs["cue"]["text"]: a for a in attributions}
    assert by_cue["reported"].attrs["source"]["display"] == "Reuters"
    assert chain_of(by_cue["citing"])[:2] == [
        ("two people familiar with the matter", "citing"),
        ("Reuters", "quoted"),
    ]
    assert by_cue["citing"].label == "unnamed-official"
    assert by_cue["said"].label == "anonymous"


def test_sentences_of_a_quotation_take_its_speaker_without_a_cue_of_their_own() -> None:
    story = build_story(
        "s",
        "Jetliners Missing",
        [
            '"I absolutely spoke to the president. But it was not off the record," Wolff said.',
            'Smith said: "We will rebuild the harbour.',
            '"It will take years."',
            '"There are a number of airliners missing," said one official. "We found out on '
            'Sept. 11 what can happen."',
            'The weather was bad. "Hope" was the slogan.',
        ],
    )
    report = analyze(story, analyzers=["sources"])

    def heir(words: str, origin: str) -> str:
        [a], [named] = covering(report, words), covering(report, origin)
        assert a.attrs["inherited_from"] == named.attrs["sentence"]
        assert a.attrs["source"]["id"] == named.attrs["source"]["id"]
        return str(a.attrs["source"]["display"])

    assert heir("spoke to the president", "off the record") == "Wolff"
    assert heir("take years", "rebuild") == "Smith"
    assert heir("We found out", "airliners") == "one official"
    assert not covering(report, "slogan")


def test_a_role_the_narrative_gives_a_name_is_the_speakers_role() -> None:
    sentences = attributed(
        "Politeness",
        [
            "Former Secretary of State Hillary Clinton mixed up two senators.",
            "\u201cPoliteness matters,\u201d Clinton said.",
            "Tom Perez, the party chairman, spoke on Monday. Perez said the party would fight.",
            '\u201cAnd I don\u2019t think it\u2019s correct to say we value that," she concluded.',
        ],
    )
    clinton = sentences[2].attrs["source"]
    assert (clinton["name"], clinton["role"]) == ("Hillary Clinton", "Former Secretary of State")
    assert sentences[2].label == "named-person-with-role"
    assert sentences[4].attrs["source"]["role"] == "party chairman"
    assert sentences[5].attrs["cue"]["text"] == "concluded"


def test_a_passive_belief_about_its_subject_is_hearsay_from_nobody() -> None:
    sentences = attributed(
        "Foley Video",
        [
            "He was initially thought to have been captured by forces loyal to the regime.",
            "The video is purported to show the execution.",
            "Cases were reported in Texas.",
            "Security officials say 500 Britons are believed to be fighting in Syria.",
        ],
    )
    assert sentences[1].attrs["source"]["display"] == "was initially thought"
    assert sentences[1].label == "anonymous"
    assert sentences[2].attrs["source"]["display"] == "is purported"
    assert 3 not in sentences
    assert sentences[4].attrs["source"]["display"] == "Security officials"


def test_a_doer_noun_is_a_described_person_that_he_can_stand_for() -> None:
    sentences = attributed(
        "Arrest Denied",
        [
            "An Islamic State fighter denied that the wife had been arrested.",
            "\u201cThe Lebanese are lying,\u201d he said from inside Syria.",
        ],
    )
    fighter = next(a for a in sentences.values() if a.attrs["cue"]["text"] == "denied")
    lying = next(a for a in sentences.values() if a.attrs["cue"]["text"] == "said")
    assert (fighter.attrs["source"]["kind"], fighter.label) == ("person", "unnamed-official")
    assert lying.attrs["source"]["id"] == fighter.attrs["source"]["id"]


def test_a_name_is_not_the_role_it_owns() -> None:
    sentences = attributed(
        "Customer Fired",
        [
            "When he was fired, Conal\u2019s employer explained that the reason was an e-mail "
            "from Comcast.",
            "Conal argues that the name would not have helped him.",
        ],
    )
    employer, conal = sentences[1].attrs["source"], sentences[2].attrs["source"]
    assert employer["display"] == "Conal\u2019s employer"
    assert (conal["display"], conal["id"] != employer["id"]) == ("Conal", True)


def source_of(report: Report, words: str) -> dict[str, object]:
    """The source of the one attribution of the sentence that holds these words."""
    (attribution,) = covering(report, words)
    source: dict[str, object] = attribution.attrs["source"]
    return source


def sources_report(title: str, paragraphs: list[str]) -> Report:
    return analyze(build_story("s", title, paragraphs), analyzers=["sources"])


def test_a_datelines_place_is_not_the_speaker() -> None:
    report = sources_report(
        "Cardinal Criticises Synod",
        [
            "GERMANY, Feb. 8 (LifeSiteNews) – Cardinal Paul Josef Cordes criticized Pope Francis "
            "on Friday.",
            "KANSAS CITY, Mo. —Research Medical Center said a patient does not have the symptoms.",
        ],
    )
    assert source_of(report, "criticized")["name"] == "Paul Josef Cordes"
    assert source_of(report, "symptoms")["display"] == "Research Medical Center"


def test_a_pronoun_is_not_a_person_the_text_gave_the_other_gender() -> None:
    report = sources_report(
        "Would You Pay $4,000 for a Watch?",
        [
            '"I would get the $350 model," says Ashlea Fellows of Australia.',
            'Not for Karla Gallegos of Chile. "Too expensive," she said.',
            'Juan Frias of New York would drop $1,000. "I like gold watches," he says.',
        ],
    )
    she, he = source_of(report, "Too expensive"), source_of(report, "gold watches")
    assert he["name"] == "Juan Frias" and he["id"] != she["id"]
    report = sources_report(
        "Harbour Ferry Stays in Port",
        [
            "Mr Ortiz, the harbour master, said the ferry would not sail.",
            'Sarah Johnson missed her ferry. Her husband, Pedro, was there. "It is a disgrace," '
            "she said.",
        ],
    )
    assert source_of(report, "disgrace")["name"] == "Sarah Johnson"


def test_one_unnamed_neighbour_is_a_person_a_pronoun_stands_for() -> None:
    report = sources_report(
        "Quiet Street",
        [
            "Maria Lopez said the house was empty.",
            "Another neighbour, who is in his seventies, said no one spoke to the couple.",
            '"We heard what they did," he said.',
        ],
    )
    neighbour = source_of(report, "no one spoke")
    assert neighbour["kind"] == "person"
    assert source_of(report, "We heard")["id"] == neighbour["id"]


def test_an_outlet_ner_took_for_a_person_is_an_outlet() -> None:
    report = sources_report(
        "Voicemail Recovered",
        [
            "Widower Stan Beaton has treasured the voicemail message his wife recorded. In "
            "December the message was lost during a service upgrade, according to the BBC.",
            "So he contacted Virgin Media to see if they could retrieve it.",
            '"It is a wonderful sound," he said.',
        ],
    )
    assert source_of(report, "wonderful sound")["name"] == "Stan Beaton"
    report = sources_report(
        "Leader Wounded",
        ["Iraq's official pro-government newspaper, al Sabaah, reported that he was wounded."],
    )
    newspaper = source_of(report, "was wounded")
    assert (newspaper["kind"], newspaper["anonymity"]) == ("media", "named-organisation")


def test_an_outlet_told_passes_the_words_on_and_two_outlets_are_no_chain() -> None:
    report = sources_report(
        "Residents Say the Flood Warning Came Too Late",
        [
            "Homeowner Mark Oberholtzer told the Galveston Daily News that the warning came too "
            "late.",
            '"It was a mess," he said.',
            "Oberholtzer later told CNN that he had hired a lawyer.",
            "Senator Jane Ross told the Senate that the levee had failed.",
        ],
    )
    (cnn,) = covering(report, "hired a lawyer")
    assert chain_of(cnn) == [
        ("Mark Oberholtzer", "told"),
        ("CNN", "quoted"),
        ("this site", "published"),
    ]
    (mess,) = covering(report, "It was a mess")
    assert [who for who, _ in chain_of(mess)][1:] == ["the Galveston Daily News", "this site"]
    (senate,) = covering(report, "levee")
    assert [who for who, _ in chain_of(senate)] == ["Jane Ross (Senator)", "this site"]


@pytest.mark.parametrize(
    ("outlet", "hands"),
    [
        ("example-news.com", ["Duncan Hunter (Rep.)", "Reuters", "example-news.com"]),
        ("reuters.com", ["Duncan Hunter (Rep.)", "reuters.com"]),
        (None, ["Duncan Hunter (Rep.)", "this site"]),
    ],
)
def test_a_wire_services_dateline_is_a_hand_when_another_outlet_printed_it(
    outlet: str | None, hands: list[str]
) -> None:
    story = build_story(
        "s",
        "Border Arrests Claimed",
        [
            "WASHINGTON (Reuters) - Rep. Duncan Hunter says at least ten fighters were caught at "
            "the border.",
            '"They came through Texas," he said.',
        ],
    )
    report = analyze(replace(story, outlet=outlet), analyzers=["sources"])
    (quote,) = covering(report, "came through Texas")
    assert [who for who, _ in chain_of(quote)] == hands


def test_the_man_described_otherwise_is_someone_else() -> None:
    report = sources_report(
        "Hostage Video Released",
        [
            "The video shows the kneeling man, journalist James Foley, dressed in orange. "
            '"I call on my friends to rise up," the kneeling man says.',
            "The man in the mask speaks with a British accent and says: "
            '"This is James Foley, an American citizen."',
            '"Your next decision decides his life," the masked man says.',
        ],
    )
    kneeling = source_of(report, "rise up")
    masked = source_of(report, "British accent")
    assert masked["id"] != kneeling["id"]
    assert source_of(report, "next decision")["id"] == masked["id"]


def test_names_before_a_colon_speak_and_a_statement_to_an_outlet_relays() -> None:
    report = sources_report(
        "Rapper Dies",
        [
            "In a statement to the Huffington Post, O'Brien and Wright said: "
            '"So sad to hear of our brother\'s passing."',
            "In an interview with CNN, the mayor said the bridge was safe.",
        ],
    )
    speakers = covering(report, "our brother")
    assert sorted(a.attrs["source"]["name"] for a in speakers) == ["O'Brien", "Wright"]
    assert all(chain_of(a)[1] == ("the Huffington Post", "quoted") for a in speakers)
    (mayor,) = covering(report, "bridge was safe")
    assert chain_of(mayor)[1] == ("CNN", "quoted")


def test_a_quotation_of_coordinated_speakers_stays_theirs_when_it_runs_on() -> None:
    report = sources_report(
        "Rapper Dies at 57",
        [
            '"So sad to hear of our brother\'s passing," said Wonder Mike and Master Gee in a '
            'statement. "Rest in peace Big Bank."',
        ],
    )
    (quoted, *_) = covering(report, "So sad")
    heirs = covering(report, "Rest in peace")
    assert sorted(a.attrs["source"]["name"] for a in heirs) == ["Master Gee", "Wonder Mike"]
    assert all(a.attrs["inherited_from"] == quoted.attrs["sentence"] for a in heirs)


def test_speech_in_a_condition_and_a_claim_on_lives_attribute_nothing() -> None:
    report = sources_report(
        "NATO Clause",
        [
            "The clause would apply if the U.S. President declares it to be an invasion.",
            "Trump announced a meeting to discuss shootings like the one that claimed the lives of "
            "49 people.",
            "ISIS claimed responsibility for the attack.",
        ],
    )
    assert not covering(report, "invasion")
    assert [a.attrs["source"]["display"] for a in covering(report, "49 people")] == ["Trump"]
    assert source_of(report, "responsibility")["display"] == "ISIS"


def test_speaking_to_an_outlet_relays_and_an_outlet_ner_missed_relays_too() -> None:
    report = sources_report(
        "Ceasefire Agreed",
        [
            "Speaking to the BBC, government spokesman Mike Omeri said the talks would go on.",
            "Charlie Winter, a researcher, told The Independent the denials were circulating.",
            "He was speaking to a friend when the shots were fired, Blumenthal said.",
        ],
    )
    (bbc,) = covering(report, "talks would go on")
    assert chain_of(bbc)[1] == ("the BBC", "quoted")
    (independent,) = covering(report, "denials")
    assert chain_of(independent)[1] == ("The Independent", "quoted")
    (friend,) = covering(report, "shots were fired")
    assert [who for who, _ in chain_of(friend)] == ["Blumenthal", "this site"]


def test_an_account_holder_is_a_person_and_a_handle_names_them() -> None:
    report = sources_report(
        "Phone Bends",
        [
            "iPhone 6 user @philquinn1 wrote that his phone bent.",
            "One YouTube user, with the handle ClemtheRanter, said the video was staged.",
            "On YouTube, another user on Twitter said the boy was a martyr.",
            "Many Twitter users believed the report.",
        ],
    )
    handle = source_of(report, "phone bent")
    assert (handle["name"], handle["kind"]) == ("@philquinn1", "person")
    assert source_of(report, "was staged")["name"] == "ClemtheRanter"
    other = source_of(report, "martyr")
    assert (other["name"], other["kind"], other["anonymity"]) == (
        None,
        "person",
        "unnamed-official",
    )
    assert source_of(report, "believed the report")["anonymity"] == "anonymous"


def test_a_captions_label_is_not_the_speaker() -> None:
    report = sources_report(
        "Teen Trader",
        [
            "Mohammed Islam, 17, trades stocks at lunch.",
            "Inspiration: Mohammed revealed his biggest inspiration has been Paul Tudor Jones.",
        ],
    )
    speaker = source_of(report, "biggest inspiration")
    assert speaker["kind"] == "person" and "Mohammed" in str(speaker["name"])


def test_a_described_official_is_not_the_last_person_and_a_relative_clause_points_back() -> None:
    report = sources_report(
        "Hostage Killed",
        [
            "His sister Lucy Somers told The Associated Press that she learned of his death.",
            '"He was wounded," the Yemeni official told Agence France-Presse.',
        ],
    )
    assert source_of(report, "his death")["name"] == "Lucy Somers"
    official = source_of(report, "was wounded")
    assert (official["name"], official["anonymity"]) == (None, "unnamed-official")
    report = sources_report(
        "Schoolgirls Still Missing",
        [
            "Mark Wilson said in a video that the talks were a lie.",
            "The group's leader said the girls had been married off.",
            "The page also contains figures according to which boys are at risk.",
        ],
    )
    assert source_of(report, "married off")["name"] == "Mark Wilson"
    assert source_of(report, "at risk")["display"] == "figures"


def test_the_first_person_is_no_source() -> None:
    report = sources_report(
        "Watch Prices",
        [
            "Given the very high price, I predict that availability will be limited.",
            "As we reported earlier, the company has not confirmed the date.",
            "Miss Smith said: 'I thought I may as well tell them.'",
        ],
    )
    assert not covering(report, "availability")
    assert not covering(report, "has not confirmed")
    assert [a.attrs["source"]["display"] for a in covering(report, "tell them")] == ["Smith"]


def test_single_quotation_marks_quote_like_double_ones() -> None:
    report = sources_report(
        "Teletubbies Sun",
        [
            "Jess Smith, 19, told her friends at university.",
            "Miss Smith said: 'People told my mum that I should have gone into modelling.'",
            "'But I wasn't that bothered until I told my uni friends.'",
        ],
    )
    assert [a.attrs["source"]["name"] for a in covering(report, "modelling")] == ["Jess Smith"]
    (heir,) = covering(report, "uni friends")
    assert heir.attrs["source"]["name"] == "Jess Smith"
    assert heir.attrs["inherited_from"] is not None


def test_generic_reports_are_anyones_and_an_institutions_are_unnamed() -> None:
    report = sources_report(
        "Leader Wounded",
        [
            "Unconfirmed media reports said the leader had been wounded.",
            "Intelligence reports said he had left the city.",
        ],
    )
    assert source_of(report, "wounded")["anonymity"] == "anonymous"
    assert source_of(report, "left the city")["anonymity"] == "unnamed-official"


def test_a_surname_alone_is_the_person_ner_hid_inside_an_organisation() -> None:
    report = sources_report(
        "Comcast and Tor",
        [
            "Comcast customers say the company warned them about Tor.",
            "Comcast’s Jason Livingood said the company does not block Tor.",
            'Livingood concluded: "Our customers can use Tor at any time."',
        ],
    )
    speaker = source_of(report, "at any time")
    assert (speaker["name"], speaker["kind"]) == ("Jason Livingood", "person")


def test_an_outlets_journalist_relays_and_no_pronoun_stands_for_them() -> None:
    report = sources_report(
        "Teen Trader",
        [
            "Mohammed Islam, 17, said he trades stocks at lunch.",
            "He told CNBC's Scott Wapner that he had made millions.",
            '"I never lied," he said.',
        ],
    )
    (told,) = covering(report, "made millions")
    assert [who for who, _ in chain_of(told)] == [
        "Mohammed Islam",
        "Scott Wapner (CNBC)",
        "this site",
    ]
    assert source_of(report, "never lied")["name"] == "Mohammed Islam"


def test_an_outlets_journalist_is_a_person_the_outlet_affiliates() -> None:
    report = sources_report(
        "Ceasefire Agreed",
        [
            "Al Jazeera's Haru Mutasa, reporting from Lagos, said details of the deal have yet "
            "to emerge.",
            "The New York Post's Page Six reported the split.",
            "Yemen's Defence Ministry said the strikes had stopped.",
        ],
    )
    journalist = source_of(report, "yet to emerge")
    assert (journalist["name"], journalist["role"], journalist["anonymity"]) == (
        "Haru Mutasa",
        "Al Jazeera",
        "named-person-with-role",
    )
    assert source_of(report, "the split")["kind"] != "person"
    assert source_of(report, "strikes had stopped")["kind"] == "organisation"


def test_an_outlet_is_not_the_one_it_owns() -> None:
    report = sources_report(
        "Hostage Killed",
        [
            "His sister told NBC News' partner ITV News that the family had been informed.",
            "The operation took place in Shabwa province, an official told NBC News.",
        ],
    )
    (official,) = covering(report, "Shabwa")
    assert chain_of(official)[1] == ("NBC News", "quoted")


def test_speech_inside_a_quotation_broken_into_lines_is_the_quoted_speakers() -> None:
    report = sources_report(
        "Tweets",
        [
            "Karen Monahan said the party had failed her.",
            "\u201cI have nothing to prove to anyone, I simply shared my story.",
            "People can believe it or not.",
            "I don\u2019t need anyone to affirm my humanity,\u201d Monahan wrote in another tweet.",
        ],
    )
    (believe,) = covering(report, "People can believe")
    assert believe.attrs["source"]["name"] == "Karen Monahan"
    assert believe.attrs["inherited_from"] == 4


def test_a_name_ner_read_into_an_organisation_after_a_role_is_a_person() -> None:
    report = sources_report(
        "Border",
        [
            'Secretary of Homeland Security Kirstjen Nielsen said, "Border security is national '
            'security."',
            "Later, state prosecutor Inaky Blanco said 28 bodies had been recovered.",
            "The president of Morgan Stanley said the bank would grow.",
        ],
    )
    secretary = source_of(report, "Border security")
    assert (secretary["name"], secretary["role"]) == (
        "Kirstjen Nielsen",
        "Secretary of Homeland Security",
    )
    assert source_of(report, "28 bodies")["name"] == "Inaky Blanco"
    assert source_of(report, "would grow")["name"] is None


def test_a_name_the_text_gives_a_role_is_a_person_where_ner_saw_an_organisation() -> None:
    report = sources_report(
        "Hearings",
        [
            "Two women accused President Trump\u2019s nominee of improprieties.",
            "\u201cAvenatti is a third rate lawyer,\u201d Trump wrote on Twitter.",
            "The World Health Organization (WHO) said on Tuesday that it was taking steps.",
        ],
    )
    writer = source_of(report, "third rate lawyer")
    assert (writer["name"], writer["kind"], writer["role"]) == ("Trump", "person", "President")
    (who,) = covering(report, "taking steps")
    assert chain_of(who)[0][0] == "The World Health Organization (WHO)"


def test_a_title_ner_kept_in_the_name_is_the_persons_role() -> None:
    report = sources_report(
        "Shooting",
        [
            "Reporters asked genuine questions of Sheriff Lombardo and forced him to answer.",
            "Lombardo also said police had hunted for the source of the gunfire.",
            "And remember when Cardinal O\u2019Malley told the pope off in public?",
        ],
    )
    sheriff = source_of(report, "hunted for the source")
    assert (sheriff["name"], sheriff["role"]) == ("Lombardo", "Sheriff")
    cardinal = source_of(report, "told the pope off")
    assert (cardinal["name"], cardinal["role"]) == ("O\u2019Malley", "Cardinal")


@pytest.mark.parametrize(
    "sentence",
    [
        "The irony is that no one told these journalists what to do.",
        # FNC-1 bodies 2236 and 855: what no one has confirmed is the writer's to report.
        "No US official has yet confirmed the allegation, on or off the record.",
        "No state or federal law enforcement agency confirmed Hunter’s account.",
        "Contrary to what you might believe, he is not a Democrat.",
        "The church may separate from a heretical pope according to divine law.",
        "Phaethon, who according to legend nearly set the Earth on fire, is hazardous.",
    ],
)
def test_nobody_the_reader_and_a_rule_are_no_source(sentence: str) -> None:
    assert not sources_report("Aside", [sentence]).of_kind("attribution")


def test_a_no_10_spokeswoman_speaks_for_downing_street() -> None:
    # FNC-1 body 1346: "No" before a number is a name, not "nobody".
    report = sources_report(
        "Emwazi",
        ["A No 10 spokeswoman said: \u201cThere is an ongoing investigation.\u201d"],
    )
    assert source_of(report, "ongoing investigation")["display"] == "No 10 spokeswoman"


def test_kin_speak_unnamed_unless_a_name_stands_beside_them() -> None:
    report = sources_report(
        "At Home",
        [
            "Oliver Ilic told doctors that the cut was his own.",
            "His wife said he had been at home all evening.",
            "His son, Jeff Ilic, told ABC News that the family had received threats.",
        ],
    )
    wife = source_of(report, "at home all evening")
    assert (wife["name"], wife["kind"], wife["anonymity"]) == (None, "person", "unnamed-official")
    assert source_of(report, "received threats")["name"] == "Jeff Ilic"


def test_an_outlet_before_report_names_its_author_and_a_common_noun_does_not() -> None:
    # FNC-1 training bodies 24 and 2111 (shortened).
    report = sources_report(
        "Star Not Dead",
        [
            "A fake news report also claimed that the star was found dead in his apartment.",
            "According to the WaPo report, he had won some $100,000 gambling that night.",
        ],
    )
    fake = source_of(report, "found dead")
    assert (fake["name"], fake["anonymity"]) == (None, "unnamed-official")
    wapo = source_of(report, "gambling")
    assert (wapo["name"], wapo["anonymity"]) == ("WaPo", "named-organisation")


def test_critics_bloggers_and_presenters_are_roles_a_name_carries() -> None:
    # The last two from FNC-1 training bodies 1647 and 2265; the first written for the test.
    sentences = attributed(
        "",
        [
            "Media critic Jay Rosen said the coverage had been misleading.",
            "Presenter Alan told The Sun he was surprised to happen upon the plants.",
            "Chauhan's counsel Navkiran Singh said the petition was filed.",
        ],
    )
    roles = [
        (s.attrs["source"]["name"], s.attrs["source"]["role"], s.label) for s in sentences.values()
    ]
    assert roles == [
        ("Jay Rosen", "Media critic", "named-person-with-role"),
        ("Alan", "Presenter", "named-person-with-role"),
        ("Navkiran Singh", "Chauhan's counsel", "named-person-with-role"),
    ]


def test_a_one_word_name_that_the_or_a_body_noun_describes_is_no_person() -> None:
    # FNC-1 bodies 62 and 1136, shortened: NER read "Stratfor" and "Observatory" as persons.
    report = sources_report(
        "Ceasefire",
        [
            'Boko Haram is "deeply fractured," according to the risk consultancy Stratfor.',
            "It executed at least 11 civilians on Saturday, including at least two boys, the "
            "Observatory said.",
        ],
    )
    stratfor, observatory = source_of(report, "deeply"), source_of(report, "11 civilians")
    assert (stratfor["kind"], stratfor["anonymity"]) == ("organisation", "named-organisation")
    assert (observatory["kind"], observatory["anonymity"]) == ("organisation", "named-organisation")


def test_gawker_is_an_outlet_that_relays_what_it_was_told() -> None:
    # FNC-1 body 959, shortened.
    report = sources_report(
        "Rats at Vogue",
        [
            "A Vogue employee told Gawker that the new offices are infested with rats.",
            "Gawker reported that the editor will not enter her office.",
        ],
    )
    (told,) = covering(report, "infested")
    assert [who for who, _ in chain_of(told)] == ["A Vogue employee", "Gawker", "this site"]
    gawker = source_of(report, "will not enter")
    assert (gawker["name"], gawker["kind"]) == ("Gawker", "media")


def test_he_does_not_stand_for_an_acronym_ner_took_for_a_person() -> None:
    # FNC-1 body 370, shortened: NER read "GB" as a person, and "he" stood for it.
    report = sources_report(
        "Bent phones",
        [
            "Lewis Hilsenteger compared two phones.",
            '"We have identical phones minus the GB size," he said.',
        ],
    )
    assert source_of(report, "identical phones")["name"] == "Lewis Hilsenteger"


def test_a_newspaper_named_after_its_noun_is_that_outlet_not_a_person() -> None:
    # FNC-1 body 54, shortened: NER read both newspapers' names as persons.
    report = sources_report(
        "Nun gives birth",
        [
            "She was pregnant, according to Italian newspaper Il Corriere Adriatico.",
            "The woman is not a nun, according to the Italian newspaper L’Unione Sarda.",
        ],
    )
    first, second = source_of(report, "was pregnant"), source_of(report, "not a nun")
    assert (first["kind"], second["kind"]) == ("media", "media")
    assert first["id"] != second["id"] and "Sarda" in str(second["name"])
