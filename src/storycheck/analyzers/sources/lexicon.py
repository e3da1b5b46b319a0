"""Word lists the attribution rules read, kept as data so they can be reviewed and extended."""

from __future__ import annotations

# Verbs that attribute content to a speaker or a document (lemmas).
SPEECH_VERBS = frozenset(
    """
    say tell claim state report announce add confirm deny insist argue allege accuse warn
    note explain suggest reveal cite believe estimate admit assert declare stress describe
    acknowledge maintain predict testify indicate disclose inform reiterate emphasise emphasize
    comment reply mention told quote according tweet criticize criticise denounce urge
    conclude write
    """.split()
)

# Adverbs that make their clause hearsay from nobody in particular ("will reportedly appear").
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "supposedly", "purportedly"})
# Verbs whose passive with a subject makes hearsay from nobody ("He was thought to have been
# captured", "The video is purported to show"); "is expected to" forecasts, "was reported in"
# tells where.
PASSIVE_HEARSAY_VERBS = frozenset(
    "believe think consider purport suspect say allege rumour rumor understand tip".split()
)
# Speech verbs that also name the act of writing, which counts only when words follow.
WRITING_VERBS = frozenset({"write"})

# Verbs whose subject holds (or obtained) the evidence the content talks about.
POSSESSION_VERBS = frozenset(
    "have possess hold obtain intercept record acquire capture receive find seize".split()
)
EVIDENCE_NOUNS = frozenset(
    """
    recording recordings tape tapes audio video footage document documents file files evidence
    proof photo photos photograph image images conversation conversations intercept data
    report letter email emails transcript transcripts record records material materials
    """.split()
)

# Heads of noun phrases that stand for a person whose name a later mention may give.
ROLE_NOUNS = frozenset(
    """
    speaker minister president spokesman spokeswoman spokesperson chairman chairwoman chair mayor
    governor senator secretary director chief head leader commander general ambassador official
    politician lawmaker representative deputy prosecutor judge lawyer attorney officer adviser
    advisor envoy premier chancellor king queen prince editor correspondent reporter analyst
    author founder executive manager inspector engineer professor scientist researcher doctor
    treasurer commissioner superintendent sheriff owner ceo chairperson councillor councilor
    economist historian activist campaigner candidate nominee admiral pope cardinal bishop
    archbishop rabbi imam priest pastor colonel captain lieutenant sergeant marshal sen senator
    rep gov dr journalist columnist writer host anchor producer actor actress singer artist coach
    player teacher nurse agent detective accountant gardener guru economist physician surgeon
    cleric coroner chancellor mp congressman congresswoman councilman councilwoman vice
    critic blogger strategist pollster diplomat negotiator
    physicist biologist chemist psychologist psychiatrist epidemiologist virologist sociologist
    lecturer banker entrepreneur businessman businesswoman architect barrister solicitor
    counsel filmmaker novelist comedian musician photographer presenter broadcaster firefighter
    soldier screenwriter
    """.split()
)
# Generic person nouns that refer back to the most recent person ("the politician added").
GENERIC_PERSON_NOUNS = frozenset(
    "politician official man woman lawmaker diplomat leader minister speaker".split()
)
# Heads that, without a proper name, leave the source unnamed.
UNNAMED_HEADS = frozenset(
    """
    intelligence official officials source sources insider insiders expert experts analyst
    analysts observer observers diplomat diplomats worker workers employee employees resident
    residents witness witnesses people person someone somebody services service agencies
    investigators investigator authorities authority staff member members aide aides firms firm
    companies company groups group activists campaigners critics friend friends relative relatives
    neighbour neighbours neighbor neighbors colleague colleagues family
    """.split()
)
# Of those, the heads that name one person when singular ("a neighbour", "one witness").
PERSON_HEADS = frozenset(
    """
    official insider expert analyst observer diplomat worker employee resident witness person
    investigator member aide activist campaigner critic friend relative neighbour neighbor
    colleague
    """.split()
)
# Kin that no doer ending marks as a person ("mother", "sister" are read as doer nouns): "His
# wife said", "the victim's son told reporters" are unnamed persons. Not "mum" or "dad", which
# also stand as titles ("Mum Meng Xiangyan").
FAMILY_NOUNS = frozenset(
    """
    wife husband son daughter uncle aunt niece nephew cousin widow girlfriend boyfriend fiance
    fiancee spouse parent parents grandson granddaughter grandparents stepson
    stepdaughter sibling siblings
    """.split()
)
# Things that speak for whoever issued them ("a health alert said", "the statement said").
DOCUMENT_NOUNS = frozenset(
    """
    statement report study survey document letter notice memo release alert bulletin filing
    complaint indictment ruling lawsuit poll analysis assessment
    """.split()
)
# "declined to comment", "refused to confirm": the speech verb is refused, not performed.
REFUSAL_VERBS = frozenset("decline refuse fail".split())
# Sources so vague they name nobody at all.
VAGUE_SUBJECTS = frozenset("it they some many reports rumours rumors media someone one".split())
ANONYMITY_PHRASES = (
    "asked not to be named",
    "on condition of anonymity",
    "who declined to be named",
    "not authorized to speak",
    "not authorised to speak",
    "familiar with",
    "close to",
)
PRONOUNS = frozenset("he she him her they them his hers".split())
PLURAL_PRONOUNS = frozenset({"they", "them"})

# Cues of relay: "quoted by X", "as reported by X", "according to X" naming a medium.
MEDIA_NOUNS = frozenset(
    """
    channel newspaper paper agency broadcaster network station outlet magazine website site
    television tv radio daily weekly newswire wire portal blog publication
    """.split()
)
# Last words of outlets' names that NER takes for persons ("Virgin Media", "Mail Online",
# "Sahara Reporters"), and platforms it takes for persons ("Twitter").
OUTLET_NAME_WORDS = frozenset(
    """
    media online news times post journal tribune herald gazette reporters network tv radio
    magazine daily
    """.split()
)
# Wire services, broadcasters and papers that the shipped site lists do not rate, by name,
# lower-cased without spaces ("The New York Times" is "newyorktimes").
MAJOR_OUTLETS = frozenset(
    """
    ap associatedpress afp agencefrancepresse reuters bloomberg upi tass itartass ria interfax
    xinhua kyodo yonhap ansa efe dpa pti ani bbc bbcnews npr pbs abc nbc cbs cnn msnbc cnbc espn
    fox skynews itv channel4 cbc ctv globalnews rt aljazeera nhk cctv dw france24 euronews presstv
    newyorktimes nytimes nyt washingtonpost wapo wallstreetjournal wsj guardian observer telegraph
    dailytelegraph times sundaytimes independent financialtimes economist newyorker atlantic time
    newsweek politico axios vox slate salon huffpost huffingtonpost buzzfeednews vice variety
    hollywoodreporter billboard rollingstone tmz mirror dailymirror sun dailyexpress dailymail
    mailonsunday eveningstandard spiegel derspiegel lemonde lefigaro elpais haaretz jerusalempost
    timesofisrael ottawacitizen torontostar globeandmail sydneymorningherald theage
    gawker walla ynet sputnik engadget wired almayadeen alarabiya
    """.split()
)
PLATFORMS = frozenset(
    """
    twitter facebook youtube instagram reddit tiktok tumblr snapchat whatsapp telegram weibo wechat
    linkedin
    """.split()
)
# Heads that, with a country or a proper modifier, identify one organisation ("the Syrian army").
INSTITUTION_NOUNS = frozenset(
    """
    army military government police navy ministry parliament council court administration
    embassy commission committee agency party company university
    """.split()
)
# Words that leave "reports" anyone's: "some reports", "unconfirmed media reports".
GENERIC_MODIFIERS = frozenset(
    """
    some other others earlier further unconfirmed multiple several many numerous various recent
    new previous conflicting initial local media news press online similar widespread unverified
    more most first latest
    """.split()
)
# Words that end the names of bodies and programmes ("Human Rights Watch", "Islamic State", "Eleks
# Group", "the Today Show").
BODY_NAME_ENDINGS = frozenset(
    """
    watch state group inc corp corporation foundation institute center centre association union
    league network bank fund trust forces force department office service services organization
    organisation project program programme campaign movement front brigade brigades unit units
    show
    """.split()
)
