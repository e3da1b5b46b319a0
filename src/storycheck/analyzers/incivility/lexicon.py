"""Weighted word lists for the four kinds of incivility, and how a comment is scored on them.

There is no toxic-comment corpus among the shared datasets and no packaged
offline toxicity model, so incivility is scored from terms a reader would
point at. Each term carries a weight, the chance in our judgement that a
comment using it is uncivil in that way; a comment's score for a label is
``1 - prod(1 - weight)`` over the distinct terms it uses, so two insults weigh
more than one and no score passes 1. Identity attacks need a group named
together with a slur, a sweeping judgement or an insult, because naming
Muslims or the French is not itself an attack. Report verbs ("killed",
"shot") count as threats only in the mouth of a wish or a call ("should be
shot", "hope he dies"), since news comments repeat them all the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

INSULT = "insult"
IDENTITY_ATTACK = "identity_attack"
THREAT = "threat"
PROFANITY = "profanity"
LABELS: tuple[str, ...] = (INSULT, IDENTITY_ATTACK, THREAT, PROFANITY)

# A term is a regular expression matched case-insensitively at word boundaries.
PROFANITY_TERMS: Mapping[str, float] = {
    r"f+u+c+k\w*|fck\w*|fuk\w*|motherf\w+": 0.95,
    r"wtf|stfu|gtfo": 0.85,
    r"shit\w*|bullshit|bs": 0.85,
    r"cunt\w*|twat\w*|wanker\w*|bollocks": 0.95,
    r"ass|arse|asshole\w*|arsehole\w*|dumbass": 0.75,
    r"bastard\w*|bitch\w*|prick\w*|cock|dick\w*|pussy": 0.85,
    r"damn\w*|goddamn\w*|crap\w*|piss\w*": 0.6,
    r"bloody|hell": 0.2,
}
INSULT_TERMS: Mapping[str, float] = {
    r"idiot\w*|moron\w*|imbecile\w*|cretin\w*|halfwit\w*|numpt(?:y|ies)": 0.9,
    r"stupid\w*|dumb\w*|retard\w*|brainless|clueless|ignorant": 0.6,
    r"scum\w*|scumbag\w*|vermin|filth\w*|pond scum": 0.8,
    r"loser\w*|clown\w*|fool\w*|coward\w*|pathetic|disgusting|despicable": 0.6,
    r"\w+tards?|sheeple": 0.7,
    r"sheep": 0.4,
    r"liar\w*|hypocrit\w*|shill\w*|troll\w*": 0.5,
    r"fuck ?head\w*|dickhead\w*|asshole\w*|cunt\w*|bastard\w*|bitch\w*|prick\w*": 0.9,
    r"go fuck yourself|shut up|you people": 0.8,
    r"vultures?|rats?|pigs?|animals|barbari\w+|savages?": 0.5,
    r"fatter|fatso|ugly": 0.5,
}
# Slurs: each an attack on a group by itself.
SLURS: Mapping[str, float] = {
    r"japs?|krauts?|kikes?|nigg\w+|fagg?\w*|towel ?heads?|rag ?heads?|muzz(?:ie|y)\w*": 0.95,
    r"islamo?tards?|islamutards?|wetbacks?|chinks?|pakis?|trann(?:y|ies)|spics?": 0.95,
}
GROUPS = (
    r"muslims?|islam\w*|jews?|jewish|judaism|christians?|arabs?|blacks|whites|immigrants?"
    r"|refugees?|migrants?|gays?|mexicans?|africans?|asians?|french|germans?|italians?"
    r"|americans?|russians?|brits|british|canadians?|australians?|chinese|indians?|hindus?"
    r"|catholics?|religion|faith|race"
)
# Sweeping judgements of a group: "all Muslims are", "the way of Jews", "these animals".
GROUP_JUDGEMENTS: Mapping[str, float] = {
    rf"(?:all|every|these|those|most) (?:\w+ )?(?:{GROUPS})\b": 0.5,
    rf"(?:{GROUPS}) (?:are|is) (?:a |the )?(?:problem|cancer|disease|evil|liars?|killers?)": 0.8,
    rf"(?:the )?way of (?:the )?(?:{GROUPS})": 0.7,
    rf"(?:{GROUPS}) (?:must|should|need to) be (?:\w+ )?"
    r"(?:eradicated|banned|deported|removed)": 0.9,
    r"(?:these|those|such) (?:animals|savages|barbarians|vermin|rats|pigs)": 0.8,
    rf"(?:your|their|this) (?:\w+ )?(?:{GROUPS})\b": 0.3,
}
THREAT_TERMS: Mapping[str, float] = {
    r"(?:should|must|need to|needs to|ought to|deserves? to|has to|have to) be (?:\w+ )?"
    r"(?:killed|shot|hanged|hung|executed|exterminated|eradicated|bombed|burned|burnt|destroyed"
    r"|wiped out|beheaded|gassed|nuked|lynched)": 0.9,
    r"(?:i|we)(?:'ll| will| would| wanna| want to| am going to|'m going to|'m gonna) "
    r"(?:\w+ )?(?:kill|shoot|hang|hunt|bomb|burn|destroy|beat|hurt|find) ": 0.9,
    r"(?:hope|wish) (?:he|she|they|you|it|\w+) (?:\w+ )?(?:dies?|died|rots?|burns?|suffers?"
    r"|gets? (?:shot|killed|hanged))": 0.9,
    r"(?:bomb|nuke|level|flatten|kill|shoot|hang|fry|exterminate|execute) (?:them|him|her|it"
    r"|mecca|the \w+|all|every\w*|those|these)\b": 0.8,
    r"(?:muslims?|jews?|them|people|ppl) all over the world": 0.3,
    r"exterminat\w+|eradicat\w+|wipe (?:them )?out|take no prisoners|on sight": 0.7,
    r"deport or shoot|shoot first|before they shoot you|put (?:a|some) bullets? in": 0.9,
    r"give the \w+ (?:their|there) wish|send them to (?:hell|allah)|die in agony": 0.8,
    r"rot in (?:hell|prison|jail)|rots in (?:his|her|their) hell": 0.6,
    r"dropping bombs on|drop (?:a |the )?bombs? on|war\b.{0,30}\bneeds one": 0.6,
}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_YOU = re.compile(r"\b(?:you|u|ur|your|you're|youre|yourself)\b", re.IGNORECASE)


def _compile(terms: Mapping[str, float]) -> tuple[tuple[re.Pattern[str], float], ...]:
    return tuple((re.compile(rf"\b(?:{t})\b", re.IGNORECASE), w) for t, w in terms.items())


_PROFANITY = _compile(PROFANITY_TERMS)
_INSULT = _compile(INSULT_TERMS)
_SLURS = _compile(SLURS)
_GROUP = re.compile(rf"\b(?:{GROUPS})\b", re.IGNORECASE)
_JUDGEMENTS = _compile(GROUP_JUDGEMENTS)
_THREAT = _compile(THREAT_TERMS)
# Addressing someone directly makes an insult word more likely aimed at them.
SECOND_PERSON_BOOST = 0.15


@dataclass(frozen=True, slots=True)
class Hit:
    label: str
    text: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True, slots=True)
class Scores:
    """A comment's score for each label and the words behind it."""

    values: dict[str, float]
    hits: tuple[Hit, ...]

    def words(self, label: str) -> list[str]:
        return list(dict.fromkeys(h.text for h in self.hits if h.label == label))


def _hits(label: str, text: str, terms: Iterable[tuple[re.Pattern[str], float]]) -> list[Hit]:
    return [
        Hit(label, m.group(0), m.start(), m.end(), weight)
        for pattern, weight in terms
        for m in pattern.finditer(text)
    ]


def _combine(weights: Iterable[float]) -> float:
    """``1 - prod(1 - w)`` over the distinct terms' strongest weights."""
    rest = 1.0
    for w in weights:
        rest *= 1.0 - min(max(w, 0.0), 1.0)
    return 1.0 - rest


def _by_term(hits: Iterable[Hit]) -> list[float]:
    strongest: dict[str, float] = {}
    for h in hits:
        key = h.text.lower()
        strongest[key] = max(strongest.get(key, 0.0), h.weight)
    return list(strongest.values())


def score(text: str) -> Scores:
    """The four incivility scores of one comment, each in [0, 1]."""
    profanity = _hits(PROFANITY, text, _PROFANITY)
    insult = _hits(INSULT, text, _INSULT)
    threat = _hits(THREAT, text, _THREAT)
    slurs = _hits(IDENTITY_ATTACK, text, _SLURS)
    judgements = _hits(IDENTITY_ATTACK, text, _JUDGEMENTS)

    insult_score = _combine(
        _by_term(insult + [Hit(INSULT, h.text, h.start, h.end, 0.9) for h in slurs])
    )
    if insult and _YOU.search(text):
        insult_score = min(1.0, insult_score + SECOND_PERSON_BOOST)
    threat_score = _combine(_by_term(threat))
    identity_hits = slurs + _aimed_at_groups(text, insult + threat, judgements)
    identity_score = _combine(_by_term(identity_hits))
    return Scores(
        values={
            INSULT: round(insult_score, 4),
            IDENTITY_ATTACK: round(identity_score, 4),
            THREAT: round(threat_score, 4),
            PROFANITY: round(_combine(_by_term(profanity)), 4),
        },
        hits=tuple(sorted(profanity + insult + threat + identity_hits, key=lambda h: h.start)),
    )


def _aimed_at_groups(text: str, hostile: list[Hit], judgements: list[Hit]) -> list[Hit]:
    """Hostile words in a sentence that names a group, and sweeping judgements of one.

    A judgement ("these animals") counts when the comment names a group
    anywhere; an insult or threat only when its own sentence does, so that a
    comment calling someone a liar is not an attack on the nation it mentions.
    """
    groups = [
        Hit(IDENTITY_ATTACK, m.group(0), m.start(), m.end(), 0.0) for m in _GROUP.finditer(text)
    ]
    if not groups:
        return []
    aimed = [Hit(IDENTITY_ATTACK, h.text, h.start, h.end, h.weight) for h in judgements]
    for sentence in _SENTENCE.finditer(text):
        named = [g for g in groups if sentence.start() <= g.start < sentence.end()]
        inside = [h for h in hostile if sentence.start() <= h.start < sentence.end()]
        if named and inside:
            aimed += named + [
                Hit(IDENTITY_ATTACK, h.text, h.start, h.end, h.weight) for h in inside
            ]
    return aimed if any(h.weight for h in aimed) else []
