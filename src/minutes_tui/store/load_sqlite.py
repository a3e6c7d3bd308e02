"""One meeting (or a body's register) as plain data, read with the standard sqlite3 module.

The twin of `store/load.py` for a home's SQLite file, for the commands that only read
(`show`, `export`): they must not wait for SQLAlchemy and SQLModel to import (about
0.6 s of a 0.9 s `show`). It returns the very same `MeetingData` / `RegisterData` as the
ORM loader — confidential flags and circulated numbers, the record version and its
history, the trash, the identities redaction needs — and tests/test_load_sqlite.py
proves it meeting by meeting (`load_sqlite == load`), so each query below sits beside
its twin's name and keeps its twin's order. Values are converted exactly as SQLAlchemy's
SQLite types do: dates by `fromisoformat`, datetimes too and then aware in UTC
(SQLModel's UTCDateTime), booleans by truth, JSON by `json.loads`.

A team archive on PostgreSQL (`--db`) keeps the ORM loader; so does a database that
needs an upgrade (the store migrates it first).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from minutes_tui.display import local
from minutes_tui.names import HONORIFIC, people_in_field
from minutes_tui.snapshot import (
    ActionData,
    EntryData,
    EventData,
    IdentityTable,
    ItemData,
    KnownPerson,
    MeetingData,
    PersonData,
    RegisterData,
    ReviewData,
    SubItemData,
    UpdateData,
    addresses,
)
from minutes_tui.store.errors import DatabaseUnreadable, NotFound, database_problem
from minutes_tui.store.lists import name_list
from minutes_tui.store.schema import connect_readonly
from minutes_tui.store.tracker_filter import lead_names

__all__ = ["load", "load_register", "meeting_body"]


# ---- SQLAlchemy's SQLite conversions (sqlalchemy.engine.processors) -------------------


def _datetime(value: str | None) -> dt.datetime | None:
    """SQLite's DATETIME (`fromisoformat`) under SQLModel's UTCDateTime: aware, in UTC."""
    if value is None:
        return None
    moment = dt.datetime.fromisoformat(value)
    if moment.utcoffset() is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _bool(value: int | None) -> bool:
    # int_to_boolean: NULL stays None (the columns are NOT NULL DEFAULT false).
    return None if value is None else bool(value)  # type: ignore[return-value]


def _json_list(value: object) -> list[str]:
    """A JSON column as the ORM gives it (`json.loads`), then `list(x or [])` as load.py."""
    try:
        loaded = json.loads(value) if isinstance(value, str | bytes) else value
    except ValueError:
        loaded = None
    return name_list(loaded)  # a list of names, whatever a pulled row held


def _ids(values: Iterable[int]) -> str:
    """An IN list as one parameter (`IN (SELECT value FROM json_each(?))`): no limit on
    how many, where the ORM binds one parameter an id. Every ordered query below orders by
    a unique key, so the plan cannot change the order."""
    return json.dumps(sorted(set(values)))


# ---- the entry points -----------------------------------------------------------------


@contextmanager
def _snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection in one transaction (one snapshot for every query, as the
    ORM's read session). A page damaged past the schema check is one sentence, as
    `schema.schema_state` says it, not a traceback."""
    con = connect_readonly(path)
    try:
        con.isolation_level = None
        con.execute("BEGIN")
        yield con
    except sqlite3.DatabaseError as exc:
        if (problem := database_problem(exc, path)) is not None:
            raise problem from exc
        if isinstance(exc, sqlite3.OperationalError):
            raise
        raise DatabaseUnreadable(
            f"{path} is not a readable minutes-tui database ({exc}); it was left untouched."
        ) from exc
    finally:
        con.close()


def load(path: Path, meeting_id: int) -> MeetingData:
    """`Store.load`: the meeting (not one in the trash), with its series' previous one."""
    with _snapshot(path) as con:
        meeting = _get(con, meeting_id)
        return load_meeting(con, meeting_id, _previous_id(con, meeting["previous_id"]))


def meeting_body(path: Path, meeting_id: int) -> str | None:
    """`Store.meeting(id).body` (a trashed meeting is not found)."""
    with _snapshot(path) as con:
        body: str | None = _get(con, meeting_id)["body"]
        return body


def load_register(
    path: Path, body: str, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> RegisterData:
    with _snapshot(path) as con:
        return _load_register(con, body, date_from, date_to)


# ---- meetings.get / meetings.previous_id ------------------------------------------------

_MEETING_COLUMNS = (
    "id, body, title, session, date, start_time, end_time, place, chair, rapporteur, style, "
    "sensitivity, status, introduction, heading_form, next_date, next_time, next_text, "
    "previous_id, deleted_at"
)


def _meeting_row(con: sqlite3.Connection, meeting_id: int) -> dict[str, Any] | None:
    cur = con.execute(f"SELECT {_MEETING_COLUMNS} FROM meeting WHERE id = ?", (meeting_id,))
    row = cur.fetchone()
    if row is None:
        return None
    names = [d[0] for d in cur.description]
    out = dict(zip(names, row, strict=True))
    for key in ("date", "next_date"):
        out[key] = _date(out[key])
    out["deleted_at"] = _datetime(out["deleted_at"])
    return out


def _get(con: sqlite3.Connection, meeting_id: int) -> dict[str, Any]:
    """meetings.get: the same two sentences."""
    meeting = _meeting_row(con, meeting_id)
    if meeting is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    if meeting["deleted_at"] is not None:
        raise NotFound(f"Meeting {meeting_id} is in the trash; restore it to use it.")
    return meeting


def _previous_id(con: sqlite3.Connection, previous_id: int | None) -> int | None:
    """meetings.previous_id: one in the trash is no one."""
    if previous_id is None:
        return None
    previous = _meeting_row(con, previous_id)
    return None if previous is None or previous["deleted_at"] is not None else previous_id


# ---- load.load_meeting ------------------------------------------------------------------


def _organisations(con: sqlite3.Connection) -> dict[int, str]:
    # load: {o.id: o.name for o in select(Organisation)}
    return dict(con.execute("SELECT id, name FROM organisation ORDER BY id").fetchall())


def load_meeting(
    con: sqlite3.Connection, meeting_id: int, previous_id: int | None = None
) -> MeetingData:
    meeting = _meeting_row(con, meeting_id)
    if meeting is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    orgs = _organisations(con)
    data = MeetingData(
        id=meeting_id,
        body=meeting["body"],
        title=meeting["title"],
        session=meeting["session"],
        date=meeting["date"],
        start_time=meeting["start_time"],
        end_time=meeting["end_time"],
        place=meeting["place"],
        chair=meeting["chair"],
        rapporteur=meeting["rapporteur"],
        style=meeting["style"],
        sensitivity=meeting["sensitivity"],
        status=meeting["status"],
        introduction=meeting["introduction"],
        heading_form=meeting["heading_form"],
        next_date=meeting["next_date"],
        next_time=meeting["next_time"],
        next_text=meeting["next_text"],
        previous_id=previous_id,
    )
    # load: select(Participant, Person) outer join Person, ordered by participant id
    participant_is_person: dict[int, bool] = {}
    for pid, person_id, honorific, name, position, org_id, role, attendance, email in con.execute(
        "SELECT participant.id, person.id, person.honorific, person.name, participant.position,"
        " participant.organisation_id, participant.role, participant.attendance, person.email"
        " FROM participant LEFT OUTER JOIN person ON person.id = participant.person_id"
        " WHERE participant.meeting_id = ? ORDER BY participant.id",
        (meeting_id,),
    ):
        participant_is_person[pid] = person_id is not None
        data.participants.append(
            PersonData(
                id=pid,
                honorific=honorific,
                name=name,
                position=position,
                organisation=orgs.get(org_id),
                role=role,
                attendance=attendance,
                email=email,
            )
        )
    # load: select(AgendaItem) ordered by position, id
    for iid, label, title, presenters, position in con.execute(
        "SELECT id, label, title, presenters, position FROM agenda_item"
        " WHERE meeting_id = ? ORDER BY position, id",
        (meeting_id,),
    ):
        data.items.append(ItemData(iid, label, title, presenters, position))
    # load: select(Entry) ordered by created_at, id
    for row in con.execute(
        "SELECT id, item_id, kind, speaker, organisation_id, participant_id, text, created_at,"
        " label, parent_id, list_style, confidential FROM entry"
        " WHERE meeting_id = ? ORDER BY created_at, id",
        (meeting_id,),
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
                speaker_is_person=bool(
                    participant_id and participant_is_person.get(participant_id)
                ),
                text=text,
                created_at=_datetime(created),  # type: ignore[arg-type]
                label=label,
                parent_id=parent_id,
                list_style=list_style,
                confidential=_bool(confidential),
            )
        )
    data.actions = load_actions(con, meeting_id)
    # load: select(ActionUpdate, Action, Meeting.date) of reviews typed in this meeting
    reviewed = con.execute(
        f"SELECT action_update.id, action_update.item_id, action_update.status,"
        f" action_update.text, action_update.created_at, action_update.confidential,"
        f" {_ACTION_COLUMNS_Q}, meeting.date"
        " FROM action_update JOIN action ON action.id = action_update.action_id"
        " JOIN meeting ON meeting.id = action.meeting_id"
        " WHERE action_update.meeting_id = ?"
        " ORDER BY action_update.created_at, action_update.id",
        (meeting_id,),
    ).fetchall()
    actions = [_action(r[6:-1]) for r in reviewed]
    numbers = public_numbers(con, {a["meeting_id"] for a in actions})
    for row, action in zip(reviewed, actions, strict=True):
        uid, item_id, status, text, created, confidential = row[:6]
        data.reviews.append(
            ReviewData(
                id=uid,
                item_id=item_id,
                action_number=action["number"],
                action_text=action["text"],
                owners=list(action["owners"] or []),
                status=status,
                text=text,
                created_at=_datetime(created),  # type: ignore[arg-type]
                action_id=action["id"],
                group=action["group_title"],
                action_meeting_id=action["meeting_id"],
                action_meeting_date=_date(row[-1]),
                confidential=_bool(confidential) or action["confidential"],
                action_public_number=numbers.get(action["id"]),
            )
        )
    if previous_id is not None:
        data.previous_actions = load_actions(con, previous_id)
    data.version = current_version(con, meeting_id)
    data.history = history(con, meeting_id)
    data.identities = load_identities(con)
    return data


def public_numbers(con: sqlite3.Connection, meeting_ids: set[int]) -> dict[int, int]:
    """load.public_numbers: action id → its number among its meeting's actions that are
    not confidential."""
    out: dict[int, int] = {}
    counts: dict[int, int] = defaultdict(int)
    if not meeting_ids:
        return out
    for action_id, mid in con.execute(
        "SELECT id, meeting_id FROM action"
        " WHERE meeting_id IN (SELECT value FROM json_each(?)) AND confidential IS 0"
        " ORDER BY meeting_id, number",
        (_ids(meeting_ids),),
    ):
        counts[mid] += 1
        out[action_id] = counts[mid]
    return out


_ACTION_COLUMNS = (
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
_ACTION_COLUMNS_Q = ", ".join(f"action.{c}" for c in _ACTION_COLUMNS)


def _action(row: tuple[Any, ...]) -> dict[str, Any]:
    """An `action` row with the ORM's conversions."""
    a = dict(zip(_ACTION_COLUMNS, row, strict=True))
    a["owners"] = _json_list(a["owners"])
    a["partners"] = _json_list(a["partners"])
    a["due_date"] = _date(a["due_date"])
    a["created_at"] = _datetime(a["created_at"])
    a["confidential"] = _bool(a["confidential"])
    return a


def load_actions(con: sqlite3.Connection, meeting_id: int) -> list[ActionData]:
    # load.load_actions: select(Action) of the meeting ordered by number
    rows = con.execute(
        f"SELECT {_ACTION_COLUMNS_Q} FROM action WHERE meeting_id = ? ORDER BY number",
        (meeting_id,),
    ).fetchall()
    return actions_data(con, [_action(r) for r in rows])


def actions_data(con: sqlite3.Connection, actions: list[dict[str, Any]]) -> list[ActionData]:
    """load.actions_data: actions as plain data, with their sub-items and whole history."""
    ids = [a["id"] for a in actions]
    subs: dict[int, list[SubItemData]] = defaultdict(list)
    updates: dict[int, list[UpdateData]] = defaultdict(list)
    if ids:
        # select(ActionSubItem) ordered by position, id
        for sid, action_id, text, owners, timeframe, secret in con.execute(
            "SELECT id, action_id, text, owners, timeframe, confidential FROM action_sub_item"
            " WHERE action_id IN (SELECT value FROM json_each(?)) ORDER BY position, id",
            (_ids(ids),),
        ):
            subs[action_id].append(
                SubItemData(sid, text, _json_list(owners), timeframe, _bool(secret))
            )
        # select(ActionUpdate, Meeting.date) joined on the review's meeting
        for uid, action_id, mid, date, status, text, created, confidential in con.execute(
            "SELECT action_update.id, action_update.action_id, action_update.meeting_id,"
            " meeting.date, action_update.status, action_update.text,"
            " action_update.created_at, action_update.confidential"
            " FROM action_update JOIN meeting ON meeting.id = action_update.meeting_id"
            " WHERE action_update.action_id IN (SELECT value FROM json_each(?))"
            " ORDER BY action_update.created_at, action_update.id",
            (_ids(ids),),
        ):
            updates[action_id].append(
                UpdateData(
                    uid,
                    mid,
                    _date(date),
                    status,
                    text,
                    _datetime(created),  # type: ignore[arg-type]
                    _bool(confidential),
                )
            )
    meeting_ids = {a["meeting_id"] for a in actions}
    dates: dict[int, dt.date | None] = {}
    if meeting_ids:
        dates = {
            mid: _date(date)
            for mid, date in con.execute(
                "SELECT id, date FROM meeting WHERE id IN (SELECT value FROM json_each(?))",
                (_ids(meeting_ids),),
            )
        }
    numbers = public_numbers(con, meeting_ids)
    return [
        ActionData(
            id=a["id"],
            number=a["number"],
            item_id=a["item_id"],
            text=a["text"],
            owners=list(a["owners"] or []),
            due_date=a["due_date"],
            due_text=a["due_text"],
            status=a["status"],
            created_at=a["created_at"],
            sub_items=subs.get(a["id"], []),
            updates=updates.get(a["id"], []),
            group=a["group_title"],
            partners=list(a["partners"] or []),
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


# ---- final.current_version / final.history ----------------------------------------------


def current_version(con: sqlite3.Connection, meeting_id: int) -> int | None:
    """final.current_version: the version a final meeting's record carries."""
    row = con.execute("SELECT status FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
    if row is None or row[0] != "final":
        return None
    (latest,) = con.execute(
        "SELECT max(version) FROM record_version WHERE meeting_id = ?", (meeting_id,)
    ).fetchone()
    return (latest or 0) or None


def history(con: sqlite3.Connection, meeting_id: int) -> list[EventData]:
    """final.history, as load.py turns it into EventData."""
    return [
        EventData(
            kind,
            version,
            _datetime(at),  # type: ignore[arg-type]
            by,
            reason,
            _date(due),
            addresses(recipients),
        )
        for kind, version, at, by, reason, due, recipients in con.execute(
            "SELECT kind, version, at, by, reason, due, recipients FROM meeting_event"
            " WHERE meeting_id = ? ORDER BY at, id",
            (meeting_id,),
        )
    ]


# ---- identities.load_identities ---------------------------------------------------------


def load_identities(con: sqlite3.Connection) -> IdentityTable:
    """identities.load_identities, query for query."""
    orgs = _organisations(con)
    table = IdentityTable(organisations=sorted(set(orgs.values())))
    seen: set[tuple[str, str | None]] = set()

    def add(name: str, honorific: str | None = None, organisation: str | None = None) -> None:
        key = (name.casefold(), organisation)
        if name.strip() and key not in seen:
            seen.add(key)
            table.people.append(KnownPerson(name.strip(), honorific or None, organisation))

    # select(Person): a whole-table scan, in rowid order
    for name, honorific, org_id in con.execute(
        "SELECT name, honorific, organisation_id FROM person ORDER BY id"
    ):
        add(name, honorific, orgs.get(org_id))
    fields: set[str] = set()
    for chair, rapporteur in con.execute("SELECT chair, rapporteur FROM meeting"):
        fields.update(x for x in (chair, rapporteur) if x)
    fields.update(x for (x,) in con.execute("SELECT DISTINCT presenters FROM agenda_item") if x)
    for (speaker,) in con.execute(
        "SELECT DISTINCT speaker FROM entry WHERE participant_id IS NULL"
    ):
        if speaker and HONORIFIC.match(speaker):
            fields.add(speaker)
    for (owners,) in con.execute("SELECT owners FROM action"):
        fields.update(o for o in _json_list(owners) if isinstance(o, str))
    for (owners,) in con.execute("SELECT owners FROM action_sub_item"):
        fields.update(o for o in _json_list(owners) if isinstance(o, str))
    people = {name.casefold() for name, _ in seen}
    for text in sorted(fields):
        for hon, name in people_in_field(text, table.organisations):
            if name.casefold() not in people:
                add(name, hon)
    return table


# ---- load.load_register ------------------------------------------------------------------


def _led_elsewhere(
    con: sqlite3.Connection, body: str, own: list[int], date_to: dt.date | None
) -> list[dict[str, Any]]:
    """load._led_elsewhere: actions another body's meeting gave this body to lead."""
    names = set(lead_names(body))
    rows = con.execute(
        f"SELECT {_ACTION_COLUMNS_Q} FROM action JOIN meeting m ON m.id = action.meeting_id"
        " WHERE m.deleted_at IS NULL AND action.meeting_id NOT IN"
        " (SELECT value FROM json_each(?)) AND (? IS NULL OR m.date IS NULL OR m.date <= ?)"
        " ORDER BY m.date NULLS FIRST, m.id, action.number",
        (_ids(own), *([date_to.isoformat() if date_to else None] * 2)),
    ).fetchall()
    actions = [_action(r) for r in rows]
    return [a for a in actions if any(" ".join(o.split()).casefold() in names for o in a["owners"])]


def _load_register(
    con: sqlite3.Connection, body: str, date_from: dt.date | None, date_to: dt.date | None
) -> RegisterData:
    """load.load_register: a body's register over a period."""
    folded = body.casefold()
    # select(Meeting) not in the trash, undated first (SQLite's NULL order), then id
    in_body = [
        m
        for m in (
            {
                "id": mid,
                "body": mbody,
                "title": title,
                "date": _date(date),
                "introduction": intro,
                "sensitivity": sensitivity,
            }
            for mid, mbody, title, date, intro, sensitivity in con.execute(
                "SELECT id, body, title, date, introduction, sensitivity FROM meeting"
                " WHERE deleted_at IS NULL ORDER BY date NULLS FIRST, id"
            )
        )
        if (m["body"] or "").casefold() == folded
    ]
    if not in_body:
        raise NotFound(f"No meetings of the body {body!r}.")
    agreed_by_end = [
        m for m in in_body if date_to is None or m["date"] is None or m["date"] <= date_to
    ]
    ids = [m["id"] for m in agreed_by_end]
    rows = (
        con.execute(
            f"SELECT {_ACTION_COLUMNS_Q} FROM action"
            " WHERE meeting_id IN (SELECT value FROM json_each(?)) ORDER BY meeting_id, number",
            (_ids(ids),),
        ).fetchall()
        if ids
        else []
    )
    actions = [_action(r) for r in rows]
    led = _led_elsewhere(con, body, ids, date_to)
    actions += led
    ids += [a["meeting_id"] for a in led if a["meeting_id"] not in ids]
    data = actions_data(con, actions)
    order = {mid: n for n, mid in enumerate(ids)}
    data.sort(key=lambda a: (order.get(a.meeting_id or 0, 0), a.number))
    for action in data:
        action.updates = [
            u
            for u in action.updates
            if (review_day := u.meeting_date or local(u.created_at).date())
            and (date_from is None or review_day >= date_from)
            and (date_to is None or review_day <= date_to)
        ]
    in_period = [
        m
        for m in in_body
        if (date_from is None or (m["date"] and m["date"] >= date_from))
        and (date_to is None or (m["date"] and m["date"] <= date_to))
    ]
    latest = (in_period or in_body)[-1]
    meeting = load_meeting(con, latest["id"])
    co_chairs = [p for p in meeting.participants if p.role in ("Chair", "Co-Chair")]
    return RegisterData(
        body=latest["body"] or body,
        date_from=date_from,
        date_to=date_to,
        title=latest["title"],
        note=latest["introduction"],
        co_chairs=co_chairs,
        sensitivity=latest["sensitivity"],
        actions=data,
        participants=meeting.participants,
        identities=meeting.identities,
    )
