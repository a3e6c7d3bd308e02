"""Every person the database knows by name, for redaction (`IdentityTable`).

Redaction cannot rely on one meeting's participants: a record also names the chair, the
rapporteur, the owners of earlier actions and people who attended other meetings. This
module gathers all of them in one read, plus every organisation name (which redaction
must leave alone). What looks like a name in free text is read by `minutes_tui.domain.names`.
It reads through the loader's `dbapi.Snapshot`, on either backend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minutes_tui.domain.names import HONORIFIC, people_in_field
from minutes_tui.domain.snapshot import IdentityTable, KnownPerson

if TYPE_CHECKING:
    from minutes_tui.store.dbapi import Snapshot

__all__ = ["load_identities"]


def load_identities(snap: Snapshot, orgs: dict[int, str]) -> IdentityTable:
    """Everyone the database knows: people (participants of every meeting, attendance
    imports), the names in every chair, rapporteur and presenters field, and action,
    sub-item and speaker names that are people; and every organisation name (`orgs`, by
    id)."""
    table = IdentityTable(organisations=sorted(set(orgs.values())))
    seen: set[tuple[str, str | None]] = set()

    def add(name: str, honorific: str | None = None, organisation: str | None = None) -> None:
        key = (name.casefold(), organisation)
        if name.strip() and key not in seen:
            seen.add(key)
            table.people.append(KnownPerson(name.strip(), honorific or None, organisation))

    for name, honorific, org_id in snap.rows(
        "SELECT name, honorific, organisation_id FROM person ORDER BY id"
    ):
        add(name, honorific, orgs.get(org_id))
    fields: set[str] = set()
    for chair, rapporteur in snap.rows("SELECT chair, rapporteur FROM meeting"):
        fields.update(x for x in (chair, rapporteur) if x)
    fields.update(x for (x,) in snap.rows("SELECT DISTINCT presenters FROM agenda_item") if x)
    # a typed speaker that matched nobody ("Ms. Novak: …") is a name when it has an honorific
    for (speaker,) in snap.rows("SELECT DISTINCT speaker FROM entry WHERE participant_id IS NULL"):
        if speaker and HONORIFIC.match(speaker):
            fields.add(speaker)
    for table_name in ("action", "action_sub_item"):
        for (owners,) in snap.rows(f"SELECT owners FROM {table_name}"):
            fields.update(snap.names(owners))
    people = {name.casefold() for name, _ in seen}
    for text in sorted(fields):
        for hon, name in people_in_field(text, table.organisations):
            if name.casefold() not in people:  # a person already known, with their organisation
                add(name, hon)
    return table
