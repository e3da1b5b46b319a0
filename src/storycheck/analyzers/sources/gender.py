"""What the text itself says of a person's gender, so that "she" does not stand for a man.

Only the words of the story count: a pronoun already taken to stand for the
person, a courtesy title ("Mrs Lopez"), a gendered noun that describes them
("the spokeswoman", "his wife", "the man"). No list of first names is used:
the text's own evidence is what a reader can check, and most persons it
quotes are referred to by pronoun soon after they are named.
"""

from __future__ import annotations

import re
from typing import Literal

Gender = Literal["female", "male"]

PRONOUN_GENDERS: dict[str, Gender] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
_FEMALE = """
    mrs ms miss dame lady madam queen princess duchess countess baroness empress woman girl mother
    wife daughter sister aunt niece grandmother granddaughter girlfriend fiancee widow bride
    actress waitress hostess heiress nun spokeswoman chairwoman congresswoman councilwoman
    businesswoman policewoman sportswoman stepmother mum mom
"""
_MALE = """
    mr sir lord king prince duke baron emperor man boy father husband son brother uncle
    nephew grandfather grandson boyfriend fiance widower groom monk spokesman chairman congressman
    councilman businessman policeman sportsman stepfather dad
"""
WORD_GENDERS: dict[str, Gender] = {
    **dict.fromkeys(_FEMALE.split(), "female"),
    **dict.fromkeys(_MALE.split(), "male"),
}
_WORD = re.compile(r"[a-z]+")


def pronoun_gender(pronoun: str) -> Gender | None:
    return PRONOUN_GENDERS.get(pronoun.lower())


def described_gender(*texts: str | None) -> Gender | None:
    """The gender the first gendered word of these texts gives: a head noun, a title, a role.

    The texts are taken in the order given, so that the caller puts first the
    word that describes the person itself ("wife" in "his wife").
    """
    for text in texts:
        for word in _WORD.findall((text or "").lower()):
            if word in WORD_GENDERS:
                return WORD_GENDERS[word]
    return None


def compatible(known: Gender | None, wanted: Gender | None) -> bool:
    """Whether nothing the text said contradicts the gender a pronoun asks for."""
    return known is None or wanted is None or known == wanted
