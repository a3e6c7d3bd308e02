"""What looks like a person's name in free text (a chair field, an owner, a presenter).

Pure (stdlib only): the store uses it to gather everyone the database knows, and the
record's redactor applies the same reading to the snapshot it is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["HONORIFIC", "PARTICLES", "people_in_field"]

# "Ms.", "MS", "Dr", "H.E.", …: at the start of a chunk of text.
HONORIFIC = re.compile(
    r"^(?P<hon>Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|H\.\s?E|Amb|Rev|Hon|Mme|Mlle|Madam|Madame)"
    r"(?:\.\s*|\s+)(?=\S)",
    re.IGNORECASE,
)
# Lower-case parts of multi-part surnames: "Al Hassan", "van der Berg", "de la Cruz".
_PARTICLES = "de du da di van von der den del della la le el al bin ibn ben abu dos das do ter af"
PARTICLES = frozenset(_PARTICLES.split())
# Words that make a Title-Case phrase a body, a post or a thing rather than a person.
_ROLE_WORDS = """chair chairs co-chair co-chairs secretariat secretary manager head director officer
    coordinator coordinators team group unit office network cluster sector committee meeting
    board members member partners partner agencies agency government ministry department
    division section centre center programme program project task force forum consortium
    alliance association foundation institute council commission authority fund bank
    university standards lead leads focal point points rapporteur presenter presenters
    observer observers donors donor staff all everyone nobody tbd tbc sub-group subgroup
    working system nations united international national regional global country
    humanitarian development protection emergency results"""
_NOT_A_PERSON = frozenset(_ROLE_WORDS.split())
_SPLIT = re.compile(r"\s*(?:[,;/()\[\]\n:|]|\s(?:and|&|with|or)\s)\s*")
_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


def _is_name_word(word: str) -> bool:
    """A Title-Case word ("Guarrieri", "O’Brien", "Phillips-Barrasso"), not an acronym."""
    return bool(_WORD.match(word)) and word[0].isupper() and not (len(word) > 1 and word.isupper())


def people_in_field(text: str | None, organisations: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The personal names in a free-text field such as a chair or an action owner, as
    (honorific, name) pairs: "Ms. Valerie Guarrieri (WFP) and Mr. Geir Olav Lisle (NRC),
    OPAG Co-Chairs" → [("Ms.", "Valerie Guarrieri"), ("Mr.", "Geir Olav Lisle")].

    With an honorific, the Title-Case words after it are a name; without one, a phrase of
    two to five Title-Case words (particles allowed) that is no organisation and has no
    word of a post or a body in it ("Global Protection Cluster", "OPAG Co-Chairs").
    """
    if not text or not text.strip():
        return []
    orgs = {o.casefold() for o in organisations}
    found: list[tuple[str, str]] = []
    for chunk in _SPLIT.split(text):
        chunk = chunk.strip(" .\t-–—\"'")
        if not chunk or chunk.casefold() in orgs:
            continue
        hon = ""
        m = HONORIFIC.match(chunk)
        if m is not None:
            hon, chunk = m.group("hon"), chunk[m.end() :]
        words: list[str] = []
        for word in chunk.split():
            if _is_name_word(word) or (words and word.casefold() in PARTICLES):
                words.append(word)
            else:
                break
        while words and words[-1].casefold() in PARTICLES:
            words.pop()
        if hon:
            if words:
                found.append((hon, " ".join(words[:5])))
            continue
        if len(words) != len(chunk.split()) or not 2 <= len(words) <= 5:
            continue
        if any(w.casefold().strip(".") in _NOT_A_PERSON for w in words):
            continue
        found.append(("", " ".join(words)))
    return found
