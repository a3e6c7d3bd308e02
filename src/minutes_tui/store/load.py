"""Load one meeting, whole, as plain data: a handful of queries in plain SQL.

The one loader, for both backends: it reads through a `dbapi.Snapshot` (the standard
sqlite3 module on a home's file, psycopg on a team archive), so `show` and `export` of a
SQLite home never import SQLAlchemy, and the store's own reads (`Store.load`) run the
same queries. tests/test_load.py runs one suite against each backend.

Every list is ordered by a unique key (its time, then its id), so both databases give
the same order whatever plan they choose.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from minutes_tui.domain.snapshot import (
    ActionData,
    EntryData,
    EventData,
    ItemData,
    MeetingData,
    PersonData,
    ReviewData,
    SubItemData,
    UpdateData,
    addresses,
)
from minutes_tui.store.dbapi import Snapshot
from minutes_tui.store.errors import NotFound
from minutes_tui.store.identities import load_identities

__all__ = ["load", "load_actions", "load_meeting", "meeting_body", "previous_actions"]


# ---- the meeting row (meetings.get / meetings.previous_id) ---------------------------

# MeetingData's own fields, then what only the loader looks at.
_MEETING_COLUMNS = (
    "id, body, title, session, date, start_time, end_time, place, chair, rapporteur, style,"
    " sensitivity, status, introduction, next_date, next_time, next_text, heading_form,"
    " language, previous_id, deleted_at"
)
_MEETING_FIELDS = _MEETING_COLUMNS.split(", ")
_MEETING = f"SELECT {_MEETING_COLUMNS} FROM meeting WHERE id = ?"


def meeting_row(snap: Snapshot, meeting_id: int, *, trashed: bool = True) -> dict[str, Any]:
    """The meeting's row by column name; one in the trash only when `trashed` (as
    `meetings.get` says)."""
    row = snap.one(_MEETING, meeting_id)
    if row is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    meeting = dict(zip(_MEETING_FIELDS, row, strict=True))
    if meeting["deleted_at"] is not None and not trashed:
        raise NotFound(f"Meeting {meeting_id} is in the trash; restore it to use it.")
    meeting["date"], meeting["next_date"] = snap.date(row[4]), snap.date(row[14])
    return meeting


def _previous_id(snap: Snapshot, previous_id: int | None) -> int | None:
    """The meeting it follows in its series; one in the trash is no one."""
    if previous_id is None:
        return None
    row = snap.one("SELECT deleted_at FROM meeting WHERE id = ?", previous_id)
    return None if row is None or row[0] is not None else previous_id


def load(snap: Snapshot, meeting_id: int) -> MeetingData:
    """`Store.load`: the meeting (not one in the trash), with its series' previous one."""
    meeting = meeting_row(snap, meeting_id, trashed=False)
    return load_meeting(snap, meeting_id, _previous_id(snap, meeting["previous_id"]))


def meeting_body(snap: Snapshot, meeting_id: int) -> str | None:
    """`Store.meeting(id).body` (a trashed meeting is not found)."""
    body: str | None = meeting_row(snap, meeting_id, trashed=False)["body"]
    return body


def previous_actions(snap: Snapshot, meeting_id: int) -> tuple[int | None, list[ActionData]]:
    """The previous meeting of the series and its actions, with their reviews."""
    meeting = meeting_row(snap, meeting_id, trashed=False)
    previous = _previous_id(snap, meeting["previous_id"])
    return previous, [] if previous is None else load_actions(snap, previous)


# ---- the meeting -----------------------------------------------------------------------


def load_meeting(snap: Snapshot, meeting_id: int, previous_id: int | None = None) -> MeetingData:
    """The meeting as it stands (in the trash too), its series' previous one given."""
    meeting = meeting_row(snap, meeting_id)
    del meeting["deleted_at"]
    orgs = organisations(snap)
    data = MeetingData(**{**meeting, "previous_id": previous_id})
    is_person = _participants(snap, data, orgs)
    _items(snap, data)
    _entries(snap, data, orgs, is_person)
    data.actions = load_actions(snap, meeting_id)
    _reviews(snap, data)
    if previous_id is not None:
        data.previous_actions = load_actions(snap, previous_id)
    data.version = current_version(snap, meeting_id)
    data.history = history(snap, meeting_id)
    data.identities = load_identities(snap, orgs)
    return data


def organisations(snap: Snapshot) -> dict[int, str]:
    return dict(snap.rows("SELECT id, name FROM organisation ORDER BY id"))


def _participants(snap: Snapshot, data: MeetingData, orgs: dict[int, str]) -> dict[int, bool]:
    """The participants, in the order they were added; returns which are people (not an
    organisation alone)."""
    is_person: dict[int, bool] = {}
    for pid, person_id, honorific, name, position, org_id, role, attendance, email in snap.rows(
        "SELECT participant.id, person.id, person.honorific, person.name, participant.position,"
        " participant.organisation_id, participant.role, participant.attendance, person.email"
        " FROM participant LEFT OUTER JOIN person ON person.id = participant.person_id"
        " WHERE participant.meeting_id = ? ORDER BY participant.id",
        data.id,
    ):
        is_person[pid] = person_id is not None
        organisation = orgs.get(org_id)
        data.participants.append(
            PersonData(pid, honorific, name, position, organisation, role, attendance, email)
        )
    return is_person


def _items(snap: Snapshot, data: MeetingData) -> None:
    for row in snap.rows(
        "SELECT id, label, title, presenters, position FROM agenda_item"
        " WHERE meeting_id = ? ORDER BY position, id",
        data.id,
    ):
        data.items.append(ItemData(*row))


def _entries(
    snap: Snapshot, data: MeetingData, orgs: dict[int, str], is_person: dict[int, bool]
) -> None:
    for row in snap.rows(
        "SELECT id, item_id, kind, speaker, organisation_id, participant_id, text, created_at,"
        " label, parent_id, list_style, confidential FROM entry"
        " WHERE meeting_id = ? ORDER BY created_at, id",
        data.id,
    ):
        eid, item_id, kind, speaker, org_id, participant_id, text, created = row[:8]
        label, parent_id, list_style, confidential = row[8:]
        data.entries.append(
            EntryData(
                id=eid,
                item_id=item_id,
                kind=kind,
                speaker=speaker,
                speaker_organisation=orgs.get(org_id),
                speaker_is_person=bool(participant_id and is_person.get(participant_id)),
                text=text,
                created_at=snap.moment(created),  # type: ignore[arg-type]
                label=label,
                parent_id=parent_id,
                list_style=list_style,
                confidential=snap.flag(confidential),
            )
        )


def _reviews(snap: Snapshot, data: MeetingData) -> None:
    """The reviews typed in this meeting, of its own actions or earlier ones."""
    reviewed = snap.rows(
        "SELECT action_update.id, action_update.item_id, action_update.status,"
        " action_update.text, action_update.created_at, action_update.confidential,"
        f" {ACTION_COLUMNS}, meeting.date"
        " FROM action_update JOIN action ON action.id = action_update.action_id"
        " JOIN meeting ON meeting.id = action.meeting_id"
        " WHERE action_update.meeting_id = ?"
        " ORDER BY action_update.created_at, action_update.id",
        data.id,
    )
    actions = [action_row(snap, r[6:-1]) for r in reviewed]
    numbers = public_numbers(snap, {a["meeting_id"] for a in actions})
    for row, action in zip(reviewed, actions, strict=True):
        uid, item_id, status, text, created, confidential = row[:6]
        data.reviews.append(
            ReviewData(
                id=uid,
                item_id=item_id,
                action_number=action["number"],
                action_text=action["text"],
                owners=action["owners"],
                status=status,
                text=text,
                created_at=snap.moment(created),  # type: ignore[arg-type]
                action_id=action["id"],
                group=action["group_title"],
                action_meeting_id=action["meeting_id"],
                action_meeting_date=snap.date(row[-1]),
                confidential=snap.flag(confidential) or action["confidential"],
                action_public_number=numbers.get(action["id"]),
            )
        )


# ---- actions -----------------------------------------------------------------------------

_ACTION_FIELDS = (
    "id",
    "number",
    "item_id",
    "text",
    "owners",
    "due_date",
    "due_text",
    "status",
    "created_at",
    "group_title",
    "partners",
    "links",
    "comments",
    "timeframe",
    "meeting_id",
    "confidential",
)
ACTION_COLUMNS = ", ".join(f"action.{c}" for c in _ACTION_FIELDS)


def action_row(snap: Snapshot, row: tuple[Any, ...]) -> dict[str, Any]:
    """An `action` row (ACTION_COLUMNS) by column name, its values converted."""
    a = dict(zip(_ACTION_FIELDS, row, strict=True))
    a["owners"] = snap.names(a["owners"])
    a["partners"] = snap.names(a["partners"])
    a["due_date"] = snap.date(a["due_date"])
    a["created_at"] = snap.moment(a["created_at"])
    a["confidential"] = snap.flag(a["confidential"])
    return a


def public_numbers(snap: Snapshot, meeting_ids: set[int]) -> dict[int, int]:
    """action id → its number among its meeting's actions that are not confidential: the
    number a circulated record (confidential entries left out) gives it."""
    out: dict[int, int] = {}
    counts: dict[int, int] = defaultdict(int)
    if not meeting_ids:
        return out
    for action_id, mid in snap.rows(
        f"SELECT id, meeting_id FROM action WHERE {snap.in_ids('meeting_id')}"
        " AND NOT confidential ORDER BY meeting_id, number",
        snap.ids(meeting_ids),
    ):
        counts[mid] += 1
        out[action_id] = counts[mid]
    return out


def load_actions(snap: Snapshot, meeting_id: int) -> list[ActionData]:
    rows = snap.rows(
        f"SELECT {ACTION_COLUMNS} FROM action WHERE meeting_id = ? ORDER BY number", meeting_id
    )
    return actions_data(snap, [action_row(snap, r) for r in rows])


def actions_data(snap: Snapshot, actions: list[dict[str, Any]]) -> list[ActionData]:
    """Actions (`action_row`s) as plain data, with their sub-items and whole history."""
    ids = [a["id"] for a in actions]
    subs, updates = _sub_items(snap, ids), _updates(snap, ids)
    meeting_ids = {a["meeting_id"] for a in actions}
    dates: dict[int, dt.date | None] = {}
    if meeting_ids:
        for mid, date in snap.rows(
            f"SELECT id, date FROM meeting WHERE {snap.in_ids('id')}", snap.ids(meeting_ids)
        ):
            dates[mid] = snap.date(date)
    numbers = public_numbers(snap, meeting_ids)
    return [
        ActionData(
            id=a["id"],
            number=a["number"],
            item_id=a["item_id"],
            text=a["text"],
            owners=a["owners"],
            due_date=a["due_date"],
            due_text=a["due_text"],
            status=a["status"],
            created_at=a["created_at"],
            sub_items=subs.get(a["id"], []),
            updates=updates.get(a["id"], []),
            group=a["group_title"],
            partners=a["partners"],
            links=a["links"],
            comments=a["comments"],
            timeframe=a["timeframe"],
            meeting_id=a["meeting_id"],
            meeting_date=dates.get(a["meeting_id"]),
            confidential=a["confidential"],
            public_number=numbers.get(a["id"]),
        )
        for a in actions
    ]


def _sub_items(snap: Snapshot, ids: list[int]) -> dict[int, list[SubItemData]]:
    subs: dict[int, list[SubItemData]] = defaultdict(list)
    if not ids:
        return subs
    for sid, action_id, text, owners, timeframe, secret in snap.rows(
        "SELECT id, action_id, text, owners, timeframe, confidential FROM action_sub_item"
        f" WHERE {snap.in_ids('action_id')} ORDER BY position, id",
        snap.ids(ids),
    ):
        subs[action_id].append(
            SubItemData(sid, text, snap.names(owners), timeframe, snap.flag(secret))
        )
    return subs


def _updates(snap: Snapshot, ids: list[int]) -> dict[int, list[UpdateData]]:
    """Each action's reviews, oldest first, with the date of the meeting that made them."""
    updates: dict[int, list[UpdateData]] = defaultdict(list)
    if not ids:
        return updates
    for uid, action_id, mid, date, status, text, created, confidential in snap.rows(
        "SELECT action_update.id, action_update.action_id, action_update.meeting_id,"
        " meeting.date, action_update.status, action_update.text,"
        " action_update.created_at, action_update.confidential"
        " FROM action_update JOIN meeting ON meeting.id = action_update.meeting_id"
        f" WHERE {snap.in_ids('action_update.action_id')}"
        " ORDER BY action_update.created_at, action_update.id",
        snap.ids(ids),
    ):
        moment = snap.moment(created)
        updates[action_id].append(
            UpdateData(uid, mid, snap.date(date), status, text, moment, snap.flag(confidential))  # type: ignore[arg-type]
        )
    return updates


# ---- the record version and its history (store.final) ----------------------------------


def current_version(snap: Snapshot, meeting_id: int) -> int | None:
    """The version a final meeting's record carries (None for a draft)."""
    row = snap.one("SELECT status FROM meeting WHERE id = ?", meeting_id)
    if row is None or row[0] != "final":
        return None
    latest = snap.one("SELECT max(version) FROM record_version WHERE meeting_id = ?", meeting_id)
    return (latest[0] if latest else 0) or None


def history(snap: Snapshot, meeting_id: int) -> list[EventData]:
    """The meeting's audit trail: finalized, reopened, circulated."""
    return [
        EventData(kind, version, snap.moment(at), by, reason, snap.date(due), addresses(to))  # type: ignore[arg-type]
        for kind, version, at, by, reason, due, to in snap.rows(
            'SELECT kind, version, at, "by", reason, due, recipients FROM meeting_event'
            " WHERE meeting_id = ? ORDER BY at, id",
            meeting_id,
        )
    ]
