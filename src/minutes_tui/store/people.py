"""People and organisations: remembered across meetings, matched by name.

Also what the grammar needs to know about them (who can speak in a meeting) and what
completion offers while typing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from minutes_tui.domain.entries import PersonSpec
from minutes_tui.domain.vocabulary import Attendance
from minutes_tui.store.errors import NotFound
from minutes_tui.store.models import Action, Meeting, Organisation, Participant, Person
from minutes_tui.store.models import Entry as EntryRow
from minutes_tui.store.refs import Applied, Ref
from minutes_tui.store.speakers import Known, SpeakerIndex, person_forms

if TYPE_CHECKING:
    from minutes_tui.importer.attendance import Attendee


# Organisations a meeting knows: its participants', and those that took part in or spoke
# at any meeting of the same body. Not every organisation ever typed: an `@` speaker in
# one body's meeting must not become a speaker in an unrelated body's.
_BODY_ORGANISATIONS = text(
    """
    SELECT o.id, o.name FROM organisation o WHERE o.id IN (
        SELECT p.organisation_id FROM participant p JOIN meeting m ON m.id = p.meeting_id
        WHERE m.id = :mid OR m.body = :body  -- never true for a NULL body
        UNION
        SELECT e.organisation_id FROM entry e JOIN meeting m ON m.id = e.meeting_id
        WHERE m.id = :mid OR m.body = :body  -- never true for a NULL body
    )
    """
)


def speaker_index(s: Session, meeting_id: int) -> SpeakerIndex:
    people = s.exec(
        select(Participant.id, Person.honorific, Person.name, Participant.organisation_id)
        .join(Person, col(Person.id) == col(Participant.person_id))
        .where(Participant.meeting_id == meeting_id)
    ).all()
    body = s.exec(select(Meeting.body).where(Meeting.id == meeting_id)).first()
    orgs = s.connection().execute(_BODY_ORGANISATIONS, {"mid": meeting_id, "body": body}).all()
    return SpeakerIndex.build(
        [(p[0], p[1], p[2], p[3]) for p in people if p[0] is not None],
        [(o[0], o[1]) for o in orgs if o[0] is not None],
    )


def known_names(s: Session, meeting_id: int) -> Known:
    meeting = s.get(Meeting, meeting_id)
    language = meeting.language if meeting is not None else "en"
    return speaker_index(s, meeting_id).known(language)


# Completion shows on a shared screen: it offers only what a circulated line or a
# participant of a meeting not in the trash holds, never a word typed only in a `!` line.
_LIVE = select(Meeting.id).where(col(Meeting.deleted_at).is_(None))
_SHOWN_ORGANISATIONS = select(Organisation.name).where(
    col(Organisation.id).in_(
        select(EntryRow.organisation_id).where(
            col(EntryRow.confidential).is_(False), col(EntryRow.meeting_id).in_(_LIVE)
        )
    )
    | col(Organisation.id).in_(
        select(Participant.organisation_id).where(col(Participant.meeting_id).in_(_LIVE))
    )
    | col(Organisation.id).in_(
        select(Person.organisation_id)
        .join(Participant, col(Participant.person_id) == col(Person.id))
        .where(col(Participant.meeting_id).in_(_LIVE))
    )
)


def completion_names(s: Session, meeting_id: int) -> tuple[list[str], list[str]]:
    """(speaker names as typed, organisation names) to offer while typing."""
    people = s.exec(
        select(Person.honorific, Person.name)
        .join(Participant, col(Participant.person_id) == col(Person.id))
        .where(Participant.meeting_id == meeting_id)
    ).all()
    orgs = [name for name in s.exec(_SHOWN_ORGANISATIONS).all() if name]
    speakers = list(orgs)
    for honorific, name in people:
        speakers += person_forms(honorific, name)
    return speakers, orgs


def owner_names(s: Session) -> list[str]:
    """Owners typed before, in any meeting not in the trash, of actions not confidential:
    offered as completions."""
    seen: dict[str, None] = {}
    shown = select(Action.owners).where(
        col(Action.confidential).is_(False), col(Action.meeting_id).in_(_LIVE)
    )
    for owners in s.exec(shown).all():
        for owner in owners or []:
            seen.setdefault(owner, None)
    return list(seen)


def resolve_speaker(
    s: Session, meeting_id: int, speaker: str | None
) -> tuple[int | None, int | None]:
    """(participant id, organisation id) a speaker names."""
    if not speaker:
        return None, None
    # One index a transaction (a paste of 500 attributed lines reads the people once);
    # adding participants drops it.
    index: SpeakerIndex | None = s.info.get(("speaker_index", meeting_id))
    if index is None:
        index = s.info[("speaker_index", meeting_id)] = speaker_index(s, meeting_id)
    named = index.resolve(speaker)
    if named is not None:
        return named.participant_id, named.organisation_id
    # An all-caps acronym the grammar accepted: remember the organisation (looked up once
    # a transaction: an imported record names the same few hundreds of times).
    known: dict[str, int | None] = s.info.setdefault("speaker_organisations", {})
    if speaker not in known:
        known[speaker] = organisation_id(s, speaker)
    return None, known[speaker]


def organisation_id(s: Session, name: str | None) -> int | None:
    if not name:
        return None
    # The exact name first: SQLite's lower() folds ASCII only, so "ÉCHO" would not
    # find itself by lower() and the insert below would break the unique constraint.
    org = s.exec(select(Organisation).where(Organisation.name == name)).first()
    if org is None:
        org = s.exec(
            select(Organisation).where(func.lower(Organisation.name) == name.lower())
        ).first()
    if org is None:
        org = Organisation(name=name)
        s.add(org)
        s.flush()
    return org.id


def known_person(s: Session, name: str) -> Person | None:
    """Exact name first (indexed), then any case: a dict of everyone, folded, built once per
    transaction, so importing n people costs n lookups, not n table scans."""
    person = s.exec(select(Person).where(Person.name == name)).first()
    if person is None:
        person = _people_by_folded_name(s).get(name.casefold())
    return person


def _people_by_folded_name(s: Session) -> dict[str, Person]:
    index: dict[str, Person] | None = s.info.get("people_by_folded_name")
    if index is None:
        index = {}
        for person in s.exec(select(Person).order_by(col(Person.id))).all():
            index.setdefault(person.name.casefold(), person)
        s.info["people_by_folded_name"] = index
    return index


def person_id(s: Session, spec: PersonSpec, org_id: int | None) -> int:
    """People are remembered across meetings: match by name, keep the latest details."""
    assert spec.name
    person = known_person(s, spec.name)
    if person is None:
        person = Person(
            honorific=spec.honorific,
            name=spec.name,
            position=spec.position,
            organisation_id=org_id,
            email=spec.email,
        )
        s.add(person)
        if "people_by_folded_name" in s.info:
            s.info["people_by_folded_name"].setdefault(spec.name.casefold(), person)
    else:
        person.honorific = spec.honorific or person.honorific
        person.position = spec.position or person.position
        person.organisation_id = org_id or person.organisation_id
        person.email = spec.email or person.email
    s.flush()
    assert person.id is not None
    return person.id


NAMES_SHOWN = 20  # names an "added participants" step repeats; the rest are counted


def add_participants(
    s: Session, meeting_id: int, item_id: int | None, people: list[PersonSpec]
) -> Applied:
    """Add people to a meeting, or update those already listed (undo puts them back)."""
    s.info.pop(("speaker_index", meeting_id), None)
    refs: list[Ref] = []
    restore: dict[str, Any] = {}
    names: list[str] = []
    for spec in people:
        org_id = organisation_id(s, spec.organisation)
        pid = person_id(s, spec, org_id) if spec.name else None
        if pid is None and org_id is None:
            continue
        query = select(Participant).where(Participant.meeting_id == meeting_id)
        if pid is not None:
            query = query.where(Participant.person_id == pid)
        else:
            query = query.where(
                Participant.organisation_id == org_id, col(Participant.person_id).is_(None)
            )
        existing = s.exec(query).first()
        if existing is not None:
            restore[str(existing.id)] = {
                "role": existing.role,
                "attendance": existing.attendance,
                "position": existing.position,
                "organisation_id": existing.organisation_id,
            }
            existing.role = spec.role or existing.role
            existing.attendance = spec.attendance
            existing.position = spec.position or existing.position
            existing.organisation_id = org_id or existing.organisation_id
        else:
            participant = Participant(
                meeting_id=meeting_id,
                person_id=pid,
                organisation_id=org_id,
                position=spec.position,
                role=spec.role,
                attendance=spec.attendance,
            )
            s.add(participant)
            s.flush()
            assert participant.id is not None
            refs.append(Ref("participant", participant.id))
        names.append(
            " ".join(p for p in (spec.honorific, spec.name) if p) or spec.organisation or ""
        )
    shown = "; ".join(names[:NAMES_SHOWN])  # a report of thousands names a few in the journal
    if len(names) > NAMES_SHOWN:
        shown += f" and {len(names) - NAMES_SHOWN:,} more"
    message = f"Participant{'s' if len(names) != 1 else ''}: " + shown
    return Applied("participants", refs, item_id, message, restore=restore)


def update_participant(
    s: Session,
    participant_id: int,
    *,
    honorific: str | None,
    name: str | None,
    position: str | None,
    organisation: str | None,
    role: str | None,
    attendance: Attendance,
) -> None:
    participant = s.get(Participant, participant_id)
    if participant is None:
        raise NotFound("That participant no longer exists.")
    org_id = organisation_id(s, organisation)
    participant.organisation_id = org_id
    participant.position = position
    participant.role = role
    participant.attendance = attendance
    if not name:
        participant.person_id = None
        return
    person = s.get(Person, participant.person_id) if participant.person_id is not None else None
    if person is not None and person.name.lower() == name.lower():
        person.honorific, person.position = honorific, position
        person.organisation_id = org_id
    else:
        spec = PersonSpec(
            honorific=honorific, name=name, position=position, organisation=organisation
        )
        participant.person_id = person_id(s, spec, org_id)


def import_attendance(s: Session, meeting_id: int, attendees: list[Attendee]) -> tuple[int, int]:
    """Mark attendees present, matching people already known.

    Returns (participants added, participants already listed and now present)."""
    specs = []
    for attendee in attendees:
        known = known_person(s, attendee.name)
        organisation = attendee.organisation
        if known is not None and known.organisation_id is not None:
            org = s.get(Organisation, known.organisation_id)
            organisation = org.name if org else organisation
        specs.append(
            PersonSpec(
                honorific=attendee.honorific or (known.honorific if known else None),
                name=attendee.name,
                organisation=organisation,
                attendance="present",
                email=attendee.email,
            )
        )
    added = len(add_participants(s, meeting_id, None, specs).refs)
    return added, len(specs) - added


def display_name(s: Session, participant_id: int) -> str:
    """Their name ("Ms. Amal Haddad"), else their organisation's: what "Undid: …" says."""
    row = s.get(Participant, participant_id)
    if row is None:
        return ""
    person = s.get(Person, row.person_id) if row.person_id is not None else None
    if person is not None:
        return " ".join(p for p in (person.honorific, person.name) if p)
    org = s.get(Organisation, row.organisation_id) if row.organisation_id is not None else None
    return org.name if org else ""


# ---- what undo puts back (store/journal.py) ---------------------------------------------

_PARTICIPANT_FIELDS = ("person_id", "organisation_id", "position", "role", "attendance")
_PERSON_FIELDS = ("honorific", "position", "organisation_id", "email")


def as_it_was(s: Session, participant_id: int) -> dict[str, Any]:
    """A participant's fields (and their person's, edited in place by a form) before a
    change: what `put_back` restores."""
    row = s.get(Participant, participant_id)
    if row is None:
        return {}
    person = s.get(Person, row.person_id) if row.person_id is not None else None
    return {
        "participant": {k: getattr(row, k) for k in _PARTICIPANT_FIELDS},
        "person": {"id": person.id, **{k: getattr(person, k) for k in _PERSON_FIELDS}}
        if person is not None
        else None,
    }


def set_attendance(
    s: Session, meeting_id: int, ids: list[int], attendance: Attendance
) -> dict[str, Any]:
    """Mark participants present (or expected) at once; {id: earlier attendance} of those
    that changed."""
    was: dict[str, Any] = {}
    for participant_id in ids:
        row = s.get(Participant, participant_id)
        if row is None or row.meeting_id != meeting_id:
            raise NotFound("That participant no longer exists.")
        if row.attendance != attendance:
            was[str(participant_id)] = {"participant": {"attendance": row.attendance}}
            row.attendance = attendance
    return was


def put_back(s: Session, meeting_id: int, was: dict[str, Any]) -> Applied | None:
    """Participants' fields as they were; None when none of them is still there."""
    refs: list[Ref] = []
    for key, fields in was.items():
        row = s.get(Participant, int(key))
        if row is None or row.meeting_id != meeting_id:
            continue
        for name, value in fields["participant"].items():
            if name == "person_id" and value is not None and s.get(Person, value) is None:
                continue
            setattr(row, name, value)
        person_was = fields.get("person")
        person = s.get(Person, person_was["id"]) if person_was else None
        if person is not None:
            for name in _PERSON_FIELDS:
                if name in person_was:  # steps journaled before a field existed lack it
                    setattr(person, name, person_was[name])
        refs.append(Ref("participant", int(key)))
    return Applied("participants", refs) if refs else None
