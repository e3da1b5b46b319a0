"""Words that tell a body's stance toward a claim, kept as data so features can be read by name.

Refuting words are the FNC-1 baseline's list (with inflections); hedging words
are the reporting and uncertainty cues Athene and UCL found behind "discuss":
a body that reports a claim without taking it up hedges it.
"""

from __future__ import annotations

REFUTING = frozenset(
    {
        "fake",
        "fraud",
        "hoax",
        "hoaxes",
        "false",
        "deny",
        "denies",
        "denied",
        "denying",
        "refute",
        "refutes",
        "refuted",
        "not",
        "despite",
        "nope",
        "doubt",
        "doubts",
        "bogus",
        "debunk",
        "debunks",
        "debunked",
        "prank",
        "pranks",
        "retract",
        "retracted",
        "retraction",
        "untrue",
        "satire",
        "satirical",
        "misleading",
        "myth",
        "rumour",
        "rumor",
        "dismissed",
        "dismisses",
        "fabricated",
        "incorrect",
        "wrong",
        "never",
    }
)
HEDGING = frozenset(
    {
        "alleged",
        "allegedly",
        "apparently",
        "appears",
        "appear",
        "claim",
        "claims",
        "claimed",
        "could",
        "might",
        "may",
        "possibly",
        "perhaps",
        "probably",
        "purportedly",
        "purported",
        "reportedly",
        "reported",
        "reports",
        "rumored",
        "rumoured",
        "rumors",
        "rumours",
        "seems",
        "seem",
        "suggests",
        "suggest",
        "supposedly",
        "unconfirmed",
        "unverified",
        "unclear",
        "speculation",
        "speculated",
        "believed",
        "according",
        "if",
        "whether",
        "suspected",
    }
)
NEGATION = frozenset(
    {"not", "no", "never", "none", "nothing", "neither", "nor", "nobody", "without", "n't"}
)
CONFIRMING = frozenset(
    {
        "confirmed",
        "confirms",
        "confirm",
        "announced",
        "announces",
        "revealed",
        "reveals",
        "official",
        "officially",
        "indeed",
        "proved",
        "proves",
        "true",
        "verified",
    }
)
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i in into is it its itself just me
    more most my myself of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why
    will with you your yours yourself yourselves s t said says say also would""".split()
)
