"""Every person the database knows by name, for redaction (`IdentityTable`).

Redaction cannot rely on one meeting's participants: a record also names the chair, the
rapporteur, the owners of earlier actions and people who attended other meetings. This
module gathers all of them in one read, plus every organisation name (which redaction
must leave alone). What looks like a name in free text is read by `minutes_tui.names`.
Its twin in standard sqlite3 is `load_sqlite.load_identities` (kept equal by a test).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minutes_tui.names import HONORIFIC, people_in_field
from minutes_tui.snapshot import IdentityTable, KnownPerson

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = ["load_identities"]


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
    from minutes_tui.store.lists import name_list

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
        fields.update(name_list(owners))
    for owners in s.exec(select(ActionSubItem.owners)).all():
        fields.update(name_list(owners))
    people = {name.casefold() for name, _ in seen}
    for text in sorted(fields):
        for hon, name in people_in_field(text, table.organisations):
            if name.casefold() not in people:  # a person already known, with their organisation
                add(name, hon)
    return table
