"""Which mentions are the same source: the simple kinds of coreference.

A story names a person once and then says "the politician added", "she",
"Reyes". Linking those back is what turns sentence-level attributions into
sources with a record, and lets a relay stated once ("quoted by the channel")
apply to everything that person said. Only the safe cases are linked: same
name or surname, a role noun the person already carries, a pronoun or a
definite generic person noun to the last person named, "they" to the last
group, "the source" to the source named before with that noun, and a role-only
mention followed closely by a name given without a role. A group is never one
person. Persons the narrative names (NER) stand in where no speaker came
before: for a pronoun that opens the attributions, and for a surname NER took
for an organisation. A pronoun or "the man" never stands for a person the
text gave the other gender (``gender``): it goes to the last person named
before it whom nothing contradicts, one the text gave that gender first. A
relay (the outlet or journalist a source spoke to) is no one a pronoun stands
for until the text quotes them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from storycheck.analyzers.sources.extract import (
    Anonymity,
    Mention,
    MentionKind,
    NarrativePerson,
)
from storycheck.analyzers.sources.gender import Gender, compatible
from storycheck.analyzers.sources.lexicon import GENERIC_PERSON_NOUNS, ROLE_NOUNS

# How far (in sentences) a role-only mention may be from the name that completes it.
ROLE_THEN_NAME_WINDOW = 2
# First words of a mention that bring in a source not named before.
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "one"})
# How far (in sentences) "they" may be from the group it stands for; further, it names nobody.
GROUP_WINDOW = 2
# Nouns that name a person by nothing but sex or age: what describes them tells them apart.
BARE_PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "person"})
FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "in", "of", "with", "who", "that", "which", "on", "at", "from", "to", "and"]
)
_WORD = re.compile(r"[a-z]+")
_POSSESSIVE_WORD = re.compile(r"(?:['’]s|s['’])$")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\s")
_INFLECTION = re.compile(r"(?:ed|ing|s)$")
# The Arabic article a surname may carry or drop: "al-Adnani", "el-Sisi".
_ARTICLE = re.compile(r"^[AaEe]l-(?=[A-Z])")


@dataclass
class Entity:
    id: int
    kind: MentionKind
    anonymity: Anonymity
    name: str | None
    role: str | None
    first_text: str
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    # (sentence, entity id): the media that passed this source's words on, where the text says so.
    relayed_by: list[tuple[int, int]] = field(default_factory=list)
    gender: Gender | None = None
    # Described ("the port authority"), named elsewhere in the text ("the Marlow Port Authority").
    named_elsewhere: bool = False

    @property
    def display(self) -> str:
        """A person by name and role; anything else as the story first wrote it, with the name
        the story gives it elsewhere ("The port authority (the Marlow Port Authority)")."""
        if self.kind != "person":
            named = self.named_elsewhere and self.name
            return f"{self.first_text} ({self.name})" if named else self.first_text
        if self.name and self.role:
            return f"{self.name} ({self.role})"
        return self.name or self.role or self.first_text

    def relays_at(self, sentence: int) -> list[int]:
        """Who passed on what this source says in that sentence: the media the sentence names
        ("Oberholtzer told CBS News"), else the one named last before it, else the first named
        after. A relay stated once ("quoted the channel") carries the speaker's other words;
        two outlets the speaker told are two relays, not a chain of them."""
        own = [r for at, r in self.relayed_by if at == sentence]
        if own:
            return list(dict.fromkeys(own))
        before = [r for at, r in self.relayed_by if at < sentence]
        after = [r for at, r in self.relayed_by if at > sentence]
        return before[-1:] or after[:1]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "display": self.display,
            "name": self.name,
            "role": self.role,
            "kind": self.kind,
            "anonymity": self.anonymity,
            "mentions": len(self.mentions),
        }


class Resolver:
    """Assigns each mention, in reading order, to a new or an earlier entity."""

    def __init__(
        self,
        persons: Sequence[NarrativePerson] = (),
        roles: Mapping[str, str] | None = None,
        hidden_names: Sequence[str] = (),
        bodies: Sequence[str] = (),
    ) -> None:
        self.entities: list[Entity] = []
        # The organisations the text names anywhere, which "the port authority" may stand for,
        # by their bare form.
        self._bodies = {_bare(name): name for name in bodies}
        self._last_person: Entity | None = None
        # The last source given as a group ("onlookers", "officials"), which "they" stands for.
        self._last_group: Entity | None = None
        # Every person the text names, with where: the narrative's as well as the speakers'.
        self._persons = persons
        # Full names NER put inside an organisation ("Comcast's Jason Livingood").
        self._hidden_names = hidden_names
        # The entities named only as relays so far ("told CNN's Don Lemon").
        self._relays_only: set[int] = set()
        # The role the text gives each anywhere ("Former Secretary of State Hillary Clinton").
        self._roles = roles or {}
        # The gender the text gives each name, and each surname, anywhere ("Kadalim says he…").
        self._genders: dict[str, Gender] = {}
        for p in persons:
            if p.gender is not None:
                self._genders.setdefault(p.name, p.gender)
                self._genders.setdefault(_surname(p.name), p.gender)

    def resolve(self, m: Mention, sentence: int, *, relay: bool = False) -> Entity:
        """The entity of a mention. A ``relay`` (the outlet or journalist a source spoke to)
        completes no role and is no one a later pronoun or "the man" stands for, until the text
        quotes them: "he" after "…, he told CNBC's Scott Wapner" is still the speaker."""
        entity = self._match(m, sentence, relay=relay)
        if entity is None:
            entity = Entity(len(self.entities), m.kind, m.anonymity, m.name, m.role, m.text)
            self.entities.append(entity)
            body = self._body_described(m)
            if body is not None:
                entity.name, entity.anonymity = body, "named-organisation"
                entity.named_elsewhere = True
            if relay:
                self._relays_only.add(entity.id)
        elif not relay:
            self._relays_only.discard(entity.id)
        if entity.kind == "person" and entity.name and entity.role is None:
            # The guidelines' "a role given anywhere": "Francis denied…", later "Pope Francis",
            # or a role the narrative gave the name.
            role = m.role or self._narrative_role(entity.name)
            if role is not None:
                entity.role = role
                entity.anonymity = "named-person-with-role"
        if entity.gender is None and not m.plural:
            entity.gender = m.gender or self._named_gender(entity.name)
        entity.mentions.append(m)
        entity.sentences.append(sentence)
        if relay:
            return entity
        if m.plural:
            self._last_group = entity
        elif entity.kind == "person" and not entity.mentions[0].plural:
            # "A senior official said", linked to "officials" named before, leaves "he" to a person.
            self._last_person = entity
        return entity

    def _body_described(self, m: Mention) -> str | None:
        """The one organisation the text names whose name holds the words of "the port
        authority" ("the Marlow Port Authority"): the guidelines' rule 3, an institution
        described but named elsewhere. Nothing but the words says which body a description
        stands for, so one word is too few: "the company", after Apple's announcement, is not
        the "Cowen and Company" whose analyst spoke; nor is "the Secret Service" a description."""
        if m.kind != "organisation" or m.anonymity != "unnamed-official":
            return None
        words = m.text.split()[1:]
        if not _definite_singular(m) or len(words) < 2 or any(w != w.lower() for w in words):
            return None
        bare = _bare(m.text)
        described = re.compile(rf"\b{re.escape(bare)}\b")
        names = [n for b, n in self._bodies.items() if b != bare and described.search(b)]
        return names[0] if len(names) == 1 else None

    def _narrative_role(self, name: str) -> str | None:
        """The role given to that name, or to the full name it is the surname of."""
        if name in self._roles:
            return self._roles[name]
        return next((r for full, r in self._roles.items() if _is_surname_of(name, full)), None)

    def _match(self, m: Mention, sentence: int, *, relay: bool = False) -> Entity | None:
        if m.pronoun and m.plural:
            group = self._last_group
            near = group is not None and sentence - group.sentences[-1] <= GROUP_WINDOW
            return group if near else None
        if m.pronoun and m.antecedent:
            return self._person_named(m.antecedent)
        if m.pronoun:
            return self._person_before(m, narrative=True)
        if _introduces(m):
            return None
        if _back_reference(m) and not self._by_role(m):
            return self._person_before(m, narrative=False)
        if _definite_singular(m) and (earlier := self._by_head(m)) is not None:
            # "a source with access to the leadership said", then "the source said".
            return earlier
        if m.kind == "vague":
            return None
        if (
            m.kind == "organisation"
            and m.name is not None
            and (person := self._narrative_person(m.name, alone=m.text == m.name))
        ):
            return person
        if m.name is not None and m.kind == "person":
            return (
                self._by_name(m.name)
                or (None if relay else self._complete_role(m, sentence))
                or self._narrative_person(m.name, alone=m.text == m.name)
            )
        if m.name is not None and (person := self._by_surname(m.name)) is not None:
            return person
        if m.kind == "person":
            return self._by_role(m)
        return self._by_text(m)

    def _person_before(self, m: Mention, *, narrative: bool) -> Entity | None:
        """The last person who spoke, or, with ``narrative`` and no speaker yet, the last the
        narrative named; if the text gave that one the other gender, the last person named or
        quoted before ``m`` whom nothing contradicts ("Juan Frias of New York would drop $1,000.
        '…,' he says", after Ashlea Fellows was quoted and "she" stood for her)."""
        last = self._last_person
        if last is not None and compatible(last.gender, m.gender):
            return last
        if last is None and not narrative:
            return None
        candidates: list[tuple[bool, int, Entity | NarrativePerson]] = [
            (e.gender is not None, e.mentions[-1].start, e)
            for e in self.entities
            if e.kind == "person"
            and e.mentions
            and not e.mentions[0].plural
            and e.id not in self._relays_only
            and compatible(e.gender, m.gender)
        ]
        candidates += [
            (known is not None, p.start, p)
            for p in self._persons
            if compatible(known := self._named_gender(p.name), m.gender)
            and self._may_be(p.name, m.gender)
        ]
        before = [c for c in candidates if c[1] < m.start]
        if not before:
            return None
        # Once the last speaker proved the wrong one, a person the text gave this gender comes
        # before one it said nothing of ("Credido's ex-wife Maribel Barreto …"); else the latest.
        by_gender = last is not None
        *_, chosen = max(before, key=lambda c: (by_gender and c[0], c[1]))
        return chosen if isinstance(chosen, Entity) else self._person_named(chosen.name)

    def _named_gender(self, name: str | None) -> Gender | None:
        if name is None:
            return None
        return self._genders.get(name) or self._genders.get(_surname(name))

    def _may_be(self, name: str, gender: Gender | None) -> bool:
        """Whether the source of that name, if there is one yet, may have that gender."""
        known = self._by_name(name)
        return known is None or compatible(known.gender, gender)

    def _narrative_person(self, word: str, *, alone: bool = False) -> Entity | None:
        """ "Pence says …" where NER took "Pence" for an organisation, or "Mr Beaton, 68, said",
        in a story that named Mike Pence or Stan Beaton: a one-word name that is the surname of
        a person the text named is that person. A surname that is the whole mention ("Livingood
        concluded", not "one Isis follower") may also be that of a name NER put inside an
        organisation ("Comcast's Jason Livingood"), or a name the text gives a role."""
        if " " in word:
            return None
        full = next(
            (p.name for p in self._persons if _is_surname_of(word, p.name) and word != p.name),
            None,
        )
        if full is None and alone:
            full = next((n for n in self._hidden_names if _is_surname_of(word, n)), None)
        if full is None and alone and word in self._roles:
            # "Trump wrote", NER's organisation, where the text also wrote "President Trump".
            full = word
        if full is None:
            return None
        return self._person_named(full)

    def _person_named(self, name: str) -> Entity:
        """The person of that name, made a source of its own if no mention linked to it yet."""
        found = self._by_name(name)
        if found is None:
            found = Entity(len(self.entities), "person", "named-person", name, None, name)
            self.entities.append(found)
        return found

    def _by_name(self, name: str) -> Entity | None:
        """The source of that name or surname, or the person whose name it ends ("Paler Lin" of
        "Josh Paler Lin"; not "Jason Livingood" of the organisation "Comcast's Jason
        Livingood")."""
        for e in self.entities:
            if e.name and (
                e.name == name
                or _is_surname_of(name, e.name)
                or _is_surname_of(e.name, name)
                or (e.kind == "person" and e.name.endswith(f" {name}"))
            ):
                return e
        return None

    def _by_surname(self, word: str) -> Entity | None:
        """The person whose name ends with ``word``: "Karam", or both surnames of "Jesus Murillo
        Karam"."""
        return next(
            (
                e
                for e in self.entities
                if e.kind == "person"
                and e.name
                and (f" {e.name}".endswith(f" {word}") or _is_surname_of(word, e.name))
            ),
            None,
        )

    def _complete_role(self, m: Mention, sentence: int) -> Entity | None:
        """ "the speaker of the council said…" then "…said Hadiya Khalaf Abbas": one person;
        "local health officials said…" then "…said patient Collette Harvin": not one of them;
        "Conal's employer" is not Conal."""
        if m.role is not None or m.name is None:
            return None
        for e in reversed(self.entities):
            if (
                e.kind == "person"
                and e.name is None
                and e.role is not None
                and m.name not in e.role
                and not any(x.plural for x in e.mentions)
                and sentence - e.sentences[-1] <= ROLE_THEN_NAME_WINDOW
            ):
                e.name = m.name
                e.anonymity = "named-person-with-role"
                return e
        return None

    def _by_role(self, m: Mention) -> Entity | None:
        if m.head not in ROLE_NOUNS:
            return None
        for e in reversed(self.entities):
            if (
                e.kind == "person"
                and e.role
                and m.head in e.role.lower()
                and _agrees(m, e)
                and not _named_apart(m, e.mentions)
            ):
                return e
        return None

    def _by_head(self, m: Mention) -> Entity | None:
        """The last entity one of whose mentions has this head noun, in the singular; for "the
        man" or "the woman", one it describes alike ("The man in the mask" is not "the kneeling
        man" before him, "the masked man" is he; "the Libyan official" is not "a U.S. official")."""
        for e in reversed(self.entities):
            if any(
                x.head == m.head
                and not x.plural
                and not x.pronoun
                and _described_alike(m, x)
                and not _named_apart(m, [x])
                for x in e.mentions
            ):
                return e
        return None

    def _by_text(self, m: Mention) -> Entity | None:
        """The body or outlet first named with this text in its name ("the Pentagon" in "the
        Pentagon's press office"), not one this text owns ("NBC News' partner ITV News")."""
        core = _bare(m.text)
        for e in self.entities:
            if e.kind in {"organisation", "media"} and (
                _names_within(core, _bare(e.first_text)) or (m.name and e.name == m.name)
            ):
                return e
        return None


def _names_within(core: str, text: str) -> bool:
    """Whether ``core`` occurs in ``text`` other than as an owner's name before a possessive."""
    at = text.find(core)
    while at >= 0:
        if not _POSSESSIVE_AFTER.match(text, at + len(core)):
            return True
        at = text.find(core, at + 1)
    return False


def _back_reference(m: Mention) -> bool:
    """ "the politician added", "the group's leader said" or "the kneeling man said" points
    back to the last person; "officials said", "an official said", "the speaker of the council
    said" or, after "his sister Lucy Somers told…", "the Yemeni official said" brings in
    someone new: a described role says who, and only a role given before can match it
    (``_by_role``)."""
    words = m.text.lower().split()
    if m.head not in GENERIC_PERSON_NOUNS or m.name is not None or words[:1] != ["the"]:
        return False
    # "the group's leader" says whose leader, not which one.
    described = [w for w in words[1:-1] if not _POSSESSIVE_WORD.search(w)]
    return words[-1] == m.head and (not described or m.head in BARE_PERSON_NOUNS)


def _described_alike(m: Mention, earlier: Mention) -> bool:
    """Whether two mentions of a bare person noun share what sets them apart, or one has none."""
    if m.head not in BARE_PERSON_NOUNS:
        return True
    ours, theirs = _describing(m), _describing(earlier)
    return not ours or not theirs or bool(ours & theirs)


def _describing(m: Mention) -> set[str]:
    """The content words of a mention besides its head, crudely stemmed ("masked" → "mask")."""
    words = set(_WORD.findall(m.text.lower())) - FUNCTION_WORDS - {m.head}
    return {_INFLECTION.sub("", w) for w in words}


def _introduces(m: Mention) -> bool:
    """ "officials said", then "a senior official said" or "another official said": someone new,
    though the role is one the story gave before; a name still links ("an analyst named X")."""
    first = m.text.lower().split()[:1]
    return m.name is None and bool(first) and first[0] in INDEFINITE_DETERMINERS


def _agrees(m: Mention, e: Entity) -> bool:
    """ "Officials had said" is not "a U.S. official" named before; "the official added", after
    "officials said", can be one of them."""
    return not m.plural or e.mentions[0].plural


def _named_apart(m: Mention, earlier: Sequence[Mention]) -> bool:
    """ "Officials at US Customs and Border Protection" are not the "officials at the State
    Department" quoted before, nor is "a Pentagon official" the "U.S. official": each says whom
    it serves, and the names share no word. "The official" names no one, so it may be either;
    "the Yemeni official" is one of the "Yemeni officials"."""
    theirs = {w for x in earlier for w in x.affiliation}
    return (
        bool(m.affiliation)
        and bool(theirs)
        and not any(_same_name(a, b) for a in m.affiliation for b in theirs)
    )


def _same_name(a: str, b: str) -> bool:
    """ "Syria" and "Syrian" name one country; "US" and "USDA" do not."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


def _definite_singular(m: Mention) -> bool:
    return not m.plural and not m.pronoun and m.name is None and m.text.lower().startswith("the ")


def _surname(name: str) -> str:
    """The last word, without an Arabic article: a story that names "Abu Mohammed al-Adnani"
    goes on with "Adnani said"."""
    return _ARTICLE.sub("", name.split()[-1])


def _is_surname_of(word: str, full: str) -> bool:
    """Whether a one-word name is the surname of ``full``, either with the article or without:
    "Adnani" and "al-Adnani" of "Abu Mohammed al-Adnani", "Al-Saudi" of "Said Al-Saudi"."""
    return " " not in word and _surname(word) == _surname(full)


def _bare(text: str) -> str:
    words = text.lower().split()
    return " ".join(words[1:] if words and words[0] in {"the", "a", "an"} else words)
