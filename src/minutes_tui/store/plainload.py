"""One meeting as plain data with the standard sqlite3 module: `minutes show` and `export`.

The same `MeetingData` as `load.load_meeting` (a test holds the two equal on every
fixture), read with the same handful of queries, but without importing SQLAlchemy and
the ORM models (half a second of a command's start). What it leaves out is what those
commands do not need: `identities` (every person of the database, for redaction only;
a redacted export goes through the full store).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from minutes_tui.config import Home
from minutes_tui.snapshot import (
    ActionData,
    EntryData,
    ItemData,
    MeetingData,
    PersonData,
    ReviewData,
    SubItemData,
    UpdateData,
)
from minutes_tui.store.database import prepare
from minutes_tui.store.errors import NotFound
from minutes_tui.store.schema import SchemaState, connect_readonly

_MEETING = (
    "SELECT body, title, session, date, start_time, end_time, place, chair, rapporteur, style, "
    "sensitivity, status, introduction, heading_form, next_date, next_time, next_text, "
    "previous_id FROM meeting WHERE id = ?"
)


def stored_time_of(value: str | None) -> dt.datetime:
    """A stored time as the ORM reads it back: aware, in UTC (as `models.now` wrote it)."""
    assert value is not None
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _names(value: str | None) -> list[str]:
    """A JSON list column (owners, partners)."""
    return list(json.loads(value) or []) if value else []


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def open_reader(home: Home) -> sqlite3.Connection | None:
    """A read-only connection when the database is at the current schema; else None
    (missing, or to be upgraded: the full store does that first)."""
    if prepare(home) is not SchemaState.CURRENT:
        return None
    return connect_readonly(home.db_path)


def load_meeting(con: sqlite3.Connection, meeting_id: int) -> MeetingData:
    """As `load.load_meeting(s, meeting_id, previous_id)`, identities left empty."""
    row = con.execute(_MEETING, (meeting_id,)).fetchone()
    if row is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    (body, title, session, date, start, end, place, chair, rapporteur, style) = row[:10]
    (sensitivity, status, introduction, heading_form, next_date, next_time) = row[10:16]
    (next_text, previous_id) = row[16:]
    orgs: dict[int, str] = dict(con.execute("SELECT id, name FROM organisation").fetchall())
    data = MeetingData(
        id=meeting_id,
        body=body,
        title=title,
        session=session,
        date=_date(date),
        start_time=start,
        end_time=end,
        place=place,
        chair=chair,
        rapporteur=rapporteur,
        style=style,
        sensitivity=sensitivity,
        status=status,
        introduction=introduction,
        heading_form=heading_form,
        next_date=_date(next_date),
        next_time=next_time,
        next_text=next_text,
        previous_id=previous_id,
    )
    is_person: dict[int, bool] = {}
    for pid, honorific, name, position, org_id, role, attendance, person in con.execute(
        "SELECT p.id, pe.honorific, pe.name, p.position, p.organisation_id, p.role, "
        "p.attendance, pe.id FROM participant p LEFT JOIN person pe ON pe.id = p.person_id "
        "WHERE p.meeting_id = ? ORDER BY p.id",
        (meeting_id,),
    ):
        is_person[pid] = person is not None
        data.participants.append(
            PersonData(pid, honorific, name, position, orgs.get(org_id), role, attendance)
        )
    data.items = [
        ItemData(*r)
        for r in con.execute(
            "SELECT id, label, title, presenters, position FROM agenda_item "
            "WHERE meeting_id = ? ORDER BY position, id",
            (meeting_id,),
        )
    ]
    data.entries = [
        EntryData(
            id=eid,
            item_id=item_id,
            kind=kind,
            speaker=speaker,
            speaker_organisation=orgs.get(org_id),
            speaker_is_person=bool(participant_id and is_person.get(participant_id)),
            text=text,
            created_at=stored_time_of(created),
            label=label,
            parent_id=parent_id,
            list_style=list_style,
        )
        for (
            eid,
            item_id,
            kind,
            speaker,
            org_id,
            participant_id,
            text,
            created,
            label,
            parent_id,
            list_style,
        ) in con.execute(
            "SELECT id, item_id, kind, speaker, organisation_id, participant_id, text, "
            "created_at, label, parent_id, list_style FROM entry WHERE meeting_id = ? "
            "ORDER BY created_at, id",
            (meeting_id,),
        )
    ]
    data.actions = load_actions(con, meeting_id)
    for (
        uid,
        item_id,
        status,
        text,
        created,
        aid,
        number,
        atext,
        owners,
        group,
        amid,
        adate,
    ) in con.execute(
        "SELECT u.id, u.item_id, u.status, u.text, u.created_at, a.id, a.number, a.text, "
        "a.owners, a.group_title, a.meeting_id, m.date FROM action_update u "
        "JOIN action a ON a.id = u.action_id JOIN meeting m ON m.id = a.meeting_id "
        "WHERE u.meeting_id = ? ORDER BY u.created_at, u.id",
        (meeting_id,),
    ):
        data.reviews.append(
            ReviewData(
                id=uid,
                item_id=item_id,
                action_number=number,
                action_text=atext,
                owners=_names(owners),
                status=status,
                text=text,
                created_at=stored_time_of(created),
                action_id=aid,
                group=group,
                action_meeting_id=amid,
                action_meeting_date=_date(adate),
            )
        )
    if previous_id is not None:
        data.previous_actions = load_actions(con, previous_id)
    return data


_ACTION = (
    "SELECT id, number, item_id, text, owners, due_date, due_text, status, created_at, "
    "group_title, partners, links, comments, timeframe, meeting_id FROM action"
)


def load_actions(con: sqlite3.Connection, meeting_id: int) -> list[ActionData]:
    rows = con.execute(f"{_ACTION} WHERE meeting_id = ? ORDER BY number", (meeting_id,))
    return _actions_data(con, rows.fetchall())


def _actions_data(con: sqlite3.Connection, rows: Iterable[Any]) -> list[ActionData]:
    """As load.actions_data: sub-items and the whole history, three queries."""
    rows = list(rows)
    ids = [r[0] for r in rows]
    subs: dict[int, list[SubItemData]] = defaultdict(list)
    updates: dict[int, list[UpdateData]] = defaultdict(list)
    if ids:
        for sid, action_id, text, owners, timeframe in con.execute(
            "SELECT id, action_id, text, owners, timeframe FROM action_sub_item "
            f"WHERE action_id IN ({_marks(len(ids))}) ORDER BY position, id",
            ids,
        ):
            subs[action_id].append(SubItemData(sid, text, _names(owners), timeframe))
        for uid, action_id, mid, mdate, status, text, created in con.execute(
            "SELECT u.id, u.action_id, u.meeting_id, m.date, u.status, u.text, u.created_at "
            "FROM action_update u JOIN meeting m ON m.id = u.meeting_id "
            f"WHERE u.action_id IN ({_marks(len(ids))}) ORDER BY u.created_at, u.id",
            ids,
        ):
            updates[action_id].append(
                UpdateData(uid, mid, _date(mdate), status, text, stored_time_of(created))
            )
    meeting_ids = sorted({r[14] for r in rows})
    dates = {
        mid: _date(date)
        for mid, date in con.execute(
            f"SELECT id, date FROM meeting WHERE id IN ({_marks(len(meeting_ids))})", meeting_ids
        )
    }
    return [
        ActionData(
            id=aid,
            number=number,
            item_id=item_id,
            text=text,
            owners=_names(owners),
            due_date=_date(due_date),
            due_text=due_text,
            status=status,
            created_at=stored_time_of(created),
            sub_items=subs.get(aid, []),
            updates=updates.get(aid, []),
            group=group,
            partners=_names(partners),
            links=links,
            comments=comments,
            timeframe=timeframe,
            meeting_id=mid,
            meeting_date=dates.get(mid),
        )
        for (
            aid,
            number,
            item_id,
            text,
            owners,
            due_date,
            due_text,
            status,
            created,
            group,
            partners,
            links,
            comments,
            timeframe,
            mid,
        ) in rows
    ]
