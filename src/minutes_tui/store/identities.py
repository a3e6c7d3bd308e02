"""Every person the database knows by name, for redaction (`IdentityTable`).

Redaction cannot rely on one meeting's participants: a record also names the chair, the
rapporteur, the owners of earlier actions and people who attended other meetings. This
module gathers all of them in one read, plus every organisation name (which redaction
must leave alone). The text helpers here are pure (stdlib only), so the record builder
can apply the same reading to the snapshot it is given; SQLModel is imported only by
`load_identities`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from minutes_tui.store.reads import IdentityTable, KnownPerson

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = ["HONORIFIC", "PARTICLES", "load_identities", "people_in_field"]

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


def load_identities(s: Session) -> IdentityTable:
    """Everyone the database knows: people (participants of every meeting, attendance
    imports), the names in every chair, rapporteur and presenters field, and action,
    sub-item and speaker names that are people; and every organisation name."""
    from sqlmodel import col, select

    from minutes_tui.models import (
        Action,
        ActionSubItem,
        AgendaItem,
        Entry,
        Meeting,
        Organisation,
        Person,
    )

    orgs = {o.id: o.name for o in s.exec(select(Organisation)).all()}
    table = IdentityTable(organisations=sorted(set(orgs.values())))
    seen: set[tuple[str, str | None]] = set()

    def add(name: str, honorific: str | None = None, organisation: str | None = None) -> None:
        key = (name.casefold(), organisation)
        if name.strip() and key not in seen:
            seen.add(key)
            table.people.append(KnownPerson(name.strip(), honorific or None, organisation))

    for person in s.exec(select(Person)).all():
        add(person.name, person.honorific, orgs.get(person.organisation_id))
    fields: set[str] = set()
    for chair, rapporteur in s.exec(select(Meeting.chair, Meeting.rapporteur)).all():
        fields.update(x for x in (chair, rapporteur) if x)
    fields.update(x for x in s.exec(select(AgendaItem.presenters).distinct()).all() if x)
    # a typed speaker that matched nobody ("Ms. Novak: …") is a name when it has an honorific
    for speaker in s.exec(
        select(Entry.speaker).where(col(Entry.participant_id).is_(None)).distinct()
    ).all():
        if speaker and HONORIFIC.match(speaker):
            fields.add(speaker)
    for owners in s.exec(select(Action.owners)).all():
        fields.update(o for o in owners or [] if isinstance(o, str))
    for owners in s.exec(select(ActionSubItem.owners)).all():
        fields.update(o for o in owners or [] if isinstance(o, str))
    people = {name.casefold() for name, _ in seen}
    for text in sorted(fields):
        for hon, name in people_in_field(text, table.organisations):
            if name.casefold() not in people:  # a person already known, with their organisation
                add(name, hon)
    return table
