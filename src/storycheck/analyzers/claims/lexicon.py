"""Word lists the check-worthiness features and the claim-kind rules read, kept as data."""

from __future__ import annotations

# Verbs (lemmas) that attribute what follows to someone else.
SPEECH_VERBS = frozenset(
    """
    say tell claim state report announce add confirm deny insist argue allege accuse warn write
    note explain suggest reveal cite estimate admit assert declare stress describe acknowledge
    maintain predict testify indicate disclose inform reiterate emphasise emphasize comment
    respond reply mention quote publish broadcast tweet post
    """.split()
)
MODALS = frozenset("can could may might must should would ought need".split())
FUTURE_MODALS = frozenset("will shall 'll wo".split())
FIRST_SINGULAR = frozenset("i me my mine myself".split())
FIRST_PLURAL = frozenset("we us our ours ourselves".split())
SECOND_PERSON = frozenset("you your yours yourself yourselves".split())
NEGATIONS = frozenset("not n't never no nobody nothing none neither nor".split())

# Entity types that make a sentence state a quantity.
QUANTITY_ENTITIES = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
# Entity types that never count as a quantity, even when they hold digits.
NON_QUANTITY_ENTITIES = frozenset({"DATE", "TIME", "ORDINAL"})
# Every type the English spaCy models predict, in a fixed order (one feature each).
ENTITY_TYPES = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
)
ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})

# Phrases (lower case) that put a statement in the future.
PREDICTION_PHRASES = (
    "going to",
    "expected to",
    "expect to",
    "likely to",
    "set to",
    "due to be",
    "is to be",
    "are to be",
    "projected to",
    "forecast to",
    "on track to",
    "poised to",
    "about to",
    "plans to",
    "plan to",
    "intends to",
)
PREDICTION_LEMMAS = frozenset("predict forecast project anticipate expect foresee".split())

# Lemmas that charge someone with wrongdoing on their own.
ACCUSATION_LEMMAS = frozenset(
    """
    accuse blame allege indict implicate collude collusion conspire
    conspiracy complicit complicity lie liar cover-up crime criminal corrupt corruption fraud
    fraudulent bribe bribery betray betrayal treason massacre genocide atrocity torture steal
    theft rig cheat smuggle launder fabricate fabrication
    """.split()
)
# Words of charge that charge only when the doer is given, as a theft needs a thief: "he
# admitted fabricating key portions", "Williams' fabrication"; not "a fabricated story", "the
# photo was stolen".
DOER_NEEDED = frozenset({"steal", "theft", "fabricate", "fabrication"})
# What "alleged" must qualify to charge someone: a wrongdoing, a wrongdoer, a tie to one ("the
# alleged killing", "the alleged gunman", "alleged links to"); "his alleged death" charges no one.
WRONGDOING_NOUNS = frozenset(
    """
    abuse abuser assault attack attacker beheading bomber bombing breach castration gunman hack
    hacker hacking harassment involvement kidnapper kidnapping killer killing link misconduct
    murder murderer offence offense plot rape rapist role scam scheme shooter shooting suspect tie
    violation wrongdoing
    """.split()
)
ACCUSATION_PHRASES = (
    "cover up",
    "covers up",
    "covered up",
    "covering up",
    "hush up",
    "hushed up",
    "in bed with",
    "war crime",
)
# Verbs of the list that also have an innocent sense, and the words they govern
# in that sense: a body lies *on* the ground, a town *near* the border, a man
# *face-down* ("they are lying" and "lied" accuse); a vote is rigged, but a
# bomb is rigged *with* chlorine.
INNOCENT_WHEN = {
    "lie": frozenset(
        """
        on in at near under behind beside across along inside outside around within beneath
        below above among atop upon next north south east west where down face-down dead motionless
        still flat low ahead
        """.split()
    ),
    "rig": frozenset({"with"}),
}
# Words of the list that name a field, a place or a genre in these phrases, not a charge nor a
# judgement: "the crime scene", "a crime fighter", "criminal courts", "the Sandy Hook conspiracy
# theory", "non-criminal violence".
NAMING_PHRASES = frozenset(
    """
    crime-scene crime-scenes crime-fighter crime-fighters crime-fighting crime-rate crime-rates
    crime-statistics crime-novel crime-drama crime-show crime-writer criminal-court
    criminal-courts criminal-justice criminal-law criminal-code criminal-lawyer
    criminal-defense criminal-defence non-criminal conspiracy-theory conspiracy-theories
    conspiracy-theorist conspiracy-theorists fight-crime fights-crime fighting-crime combat-crime
    combating-crime prevent-crime preventing-crime reduce-crime reducing-crime tackle-crime
    tackling-crime
    """.split()
)
# Entities whose name may hold a word of charge without charging anyone: "the Organized Crime
# Control Bureau", "the International Criminal Court", "the Crime and Disorder Act".
NAME_ENTITIES = frozenset({"ORG", "FAC", "LAW", "WORK_OF_ART"})
# Wrongdoers: naming an actor together with them and a link that reaches them
# ("the army coordinated with terrorists") is an accusation; "the war on terror" is not.
WRONGDOER_LEMMAS = frozenset(
    "terrorist terrorism terror jihadist extremist militant criminal mafia cartel".split()
)
LINK_LEMMAS = frozenset(
    """
    coordinate collaborate cooperate support sponsor finance fund arm aid help train supply
    conversation contact talk deal ally partner negotiate negotiation affiliate work meet meeting
    reconnect ceasefire truce front
    """.split()
)
# Links that deal with someone only through one word, which must govern the group or the
# members, leaders or fighters "of" it: "work with terrorists", not "work on counter-terrorism";
# "affiliated with ISIS", not "ISIS-affiliated websites"; "met with Boko Haram", not "met with
# resistance from ISIS"; "a front for ISIS", not "the front against ISIS".
LINK_THROUGH = {
    "work": "with",
    "affiliate": "with",
    "meet": "with",
    "meeting": "with",
    "reconnect": "with",
    "ceasefire": "with",
    "truce": "with",
    "front": "for",
}
# Links only in one part of speech: to arm or supply someone is a link, an "arm of al-Qaeda" or
# a "supply of cannabis" is none; a deal is, "deals a blow" is not.
LINK_POS = {"arm": "VERB", "supply": "VERB", "deal": "NOUN", "front": "NOUN"}
# Links only when no adjective qualifies them: "serving as a front for ISIS" is a cover, "a key
# front for the Islamic State" a battlefront.
LINK_BARE = frozenset({"front"})
# The link's child on the way down to the wrongdoer when the wrongdoer does the linking or names
# it ("IS leaders are training their fighters", "ISIS supporters", "the Islamic State's allies").
LINK_DOING_DEPS = frozenset({"nsubj", "csubj", "compound", "amod", "poss", "relcl"})
# Words between a link and the wrongdoer that make the wrongdoer a target, a topic or a role:
# "help against IS", "talked about the Islamic State", "helped, as the leader of ISIS, ...".
LINK_BLOCKERS = frozenset({"against", "about", "as"})
# Words that set an actor against the wrongdoers: "support for air strikes against IS", "a
# battle between Kurdish forces and ISIS". A link through them is no deal with the wrongdoers.
HOSTILE_LEMMAS = frozenset(
    """
    attack airstrike battle bomb bombing campaign clash fight fighting raid retaliation strike war
    """.split()
)

# Evaluative words: a judgement, not an observation (adjectives, adverbs, nouns; lemmas).
EVALUATIVE = frozenset(
    """
    absurd appalling atrocious awful bad best brilliant catastrophic clear clearly corrupt
    crazy criminal dangerous deplorable despicable devastating disastrous disgraceful disgusting
    dishonest disappointing disappointment disaster evil excellent fake false fantastic
    foolish good great greatest horrible horrific hypocrite hypocritical idiotic illegal
    incompetent incredible insane laughable ludicrous magnificent nonsense obvious obviously
    outrageous pathetic perfect ridiculous sad scandal scandalous shameful shame
    shocking silly stupid terrible tragic tremendous unacceptable unbelievable unfortunate
    unfortunately useless vicious wonderful worst worse wrong bloody brutal evident evidently
    undeniable undeniably unquestionably certainly surely definitely truly hypocrisy farce
    lies propaganda bluff fair unfair heroic cowardly
    """.split()
)
# Hedges: a writer who hedges is not presenting an opinion as fact.
HEDGES = frozenset(
    """
    may might could perhaps maybe possibly probably reportedly allegedly apparently seemingly
    seem seems appear appears suggest suggests likely unlikely arguably
    """.split()
)
HEDGE_PHRASES = ("i think", "i believe", "in my opinion", "in my view", "we believe", "it seems")
