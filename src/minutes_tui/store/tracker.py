"""The action tracker: every follow-up action across all meetings, with its reviews.

Reads are one SQL query (two with the histories) on a pooled connection of the store's
engine, in a deferred read transaction: no per-row queries, and a reader never holds
the write lock. Filters run in SQL; text matches are case-insensitive for any script
(Python's `str.casefold`, registered as the SQL function `mt_fold`).

Dates of a review: a review made in a later meeting is dated by that meeting's date; a
change made outside any later meeting (see `reviews.review_action`) by the day it was
recorded. Writes live in `store/reviews.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from minutes_tui.store.errors import NotFound, StoreError
from minutes_tui.store.tracker_filter import TrackerFilter
from minutes_tui.vocabulary import (
    OPEN_STATUSES,
    STATUSES,
    ActionStatus,
    status_from_word,
    status_word,
)

if TYPE_CHECKING:
    from minutes_tui.store.store import Store


class BadStatus(StoreError):
    """A status that is not one of the action statuses."""


def normalize_status(value: str) -> ActionStatus:
    """'In progress', 'in-progress', 'in_progress' → 'in_progress'; the grammar's words too."""
    status = status_from_word(value)
    if status is None:
        words = ", ".join(status_word(s) for s in STATUSES)
        raise BadStatus(f"'{value}' is not a status: {words}.")
    return status


# ---- data ---------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    """One review of an action: the status it was given, and what was said."""

    id: int
    meeting_id: int
    meeting_date: dt.date | None
    date: dt.date | None  # the reviewing meeting's date, or the day an offline change was made
    status: str
    text: str
    created_at: dt.datetime  # aware UTC

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "meeting_id": self.meeting_id,
            "status": self.status,
            "text": self.text,
        }


@dataclass
class TrackedAction:
    id: int
    meeting_id: int
    meeting_date: dt.date | None
    body: str | None
    title: str
    session: str | None
    item_label: str | None
    number: int
    text: str
    owners: list[str]
    due_date: dt.date | None
    due_text: str | None
    status: str
    progress: str | None  # the text of the latest review (None: never reviewed)
    progress_date: dt.date | None
    progress_meeting_id: int | None
    updates: int  # how many reviews
    history: list[HistoryEntry] = field(default_factory=list)  # with_history=True only
    group: str | None = None
    partners: list[str] = field(default_factory=list)
    links: str | None = None
    comments: str | None = None
    timeframe: str | None = None
    confidential: bool = False  # shown marked; left out of circulated records

    @property
    def ref(self) -> str:
        """The register's reference: what `/u #N` takes."""
        return f"#{self.id}"

    @property
    def due(self) -> str | None:
        return self.due_date.isoformat() if self.due_date else self.due_text

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today

    def to_json(self, today: dt.date | None = None) -> dict[str, Any]:
        today = today or dt.date.today()
        return {
            "id": self.id,
            "ref": self.ref,
            "meeting_id": self.meeting_id,
            "meeting_date": _iso(self.meeting_date),
            "body": self.body,
            "title": self.title,
            "session": self.session,
            "item": self.item_label,
            "number": self.number,
            "text": self.text,
            "owners": self.owners,
            "due": self.due,
            "due_date": _iso(self.due_date),
            "due_text": self.due_text,
            "status": self.status,
            "group": self.group,
            "partners": self.partners,
            "links": self.links,
            "comments": self.comments,
            "timeframe": self.timeframe,
            "confidential": self.confidential,
            "overdue": self.is_overdue(today),
            "progress": self.progress,
            "progress_date": _iso(self.progress_date),
            "updates": self.updates,
            "history": [h.to_json() for h in self.history],
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _moment(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _fold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


# ---- reads --------------------------------------------------------------------------


@contextmanager
def _reader(store: Store) -> Iterator[sqlite3.Connection]:
    """A pooled connection in a deferred read transaction (one consistent snapshot)."""
    from minutes_tui.store.engine import sqlite_connection

    if store.online:  # its SQL is SQLite's (json_each, date(…, 'localtime'), mt_fold)
        raise StoreError(
            "The action tracker reads a home's own database; it is not available on a team "
            "archive yet (each meeting's actions and reviews are, in the meeting itself)."
        )
    raw = store.engine.raw_connection()
    try:
        con = sqlite_connection(raw)
        con.create_function("mt_fold", 1, _fold, deterministic=True)
        con.execute("BEGIN")
        try:
            yield con
        finally:
            if con.in_transaction:
                con.execute("ROLLBACK")
    finally:
        raw.close()


# A review's date: its meeting's date, unless it was made outside a later meeting.
_REVIEW_DATE = (
    "CASE WHEN {u}.meeting_id = {a}.meeting_id OR {m}.date IS NULL "
    "THEN date({u}.created_at, 'localtime') ELSE {m}.date END"
)
_OWNERS = "CASE WHEN json_valid({col}) THEN {col} ELSE '[]' END"

_TRACKED_SQL = f"""
SELECT a.id, a.meeting_id, m.date, m.body, m.title, m.session, i.label, a.number, a.text,
       CASE WHEN json_valid(a.owners) AND json_type(a.owners) = 'array' THEN a.owners
            ELSE '[]' END,
       a.due_date, a.due_text, a.status,
       lu.text, {_REVIEW_DATE.format(u="lu", a="a", m="lm")}, lu.meeting_id,
       (SELECT count(*) FROM action_update c WHERE c.action_id = a.id),
       a.group_title, {_OWNERS.format(col="a.partners")}, a.links, a.comments, a.timeframe,
       a.confidential
FROM action a
JOIN meeting m ON m.id = a.meeting_id
LEFT JOIN agenda_item i ON i.id = a.item_id
LEFT JOIN action_update lu ON lu.id = (
    SELECT u.id FROM action_update u WHERE u.action_id = a.id
    ORDER BY u.created_at DESC, u.id DESC LIMIT 1
)
LEFT JOIN meeting lm ON lm.id = lu.meeting_id
{{where}}
ORDER BY m.date DESC, m.id DESC, a.number
"""
# SQLite sorts NULL lowest, so DESC puts undated meetings last, and the index on
# meeting.date (with the action's (meeting_id, number) key) yields this order unsorted.

_HISTORY_SQL = f"""
SELECT u.action_id, u.id, u.meeting_id, um.date, {_REVIEW_DATE.format(u="u", a="a", m="um")},
       u.status, u.text, u.created_at
FROM action_update u
JOIN action a ON a.id = u.action_id
JOIN meeting um ON um.id = u.meeting_id
WHERE {{where}}
ORDER BY u.action_id, u.created_at, u.id
"""


def _where(filters: TrackerFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["m.deleted_at IS NULL"]  # a trashed meeting's actions are hidden
    params: list[Any] = []
    if filters.open_only or filters.overdue:
        clauses.append(f"a.status IN ({', '.join(repr(s) for s in OPEN_STATUSES)})")
    if filters.overdue:
        clauses.append("a.due_date IS NOT NULL AND a.due_date < ?")
        params.append(filters.as_of().isoformat())
    if filters.owner and filters.owner.strip():
        clauses.append(
            "(EXISTS (SELECT 1 FROM json_each({}) o WHERE instr(mt_fold(o.value), ?) > 0)"
            " OR EXISTS (SELECT 1 FROM action_sub_item so, json_each({}) oo"
            " WHERE so.action_id = a.id AND instr(mt_fold(oo.value), ?) > 0))".format(
                _OWNERS.format(col="a.owners"), _OWNERS.format(col="so.owners")
            )
        )
        needle = filters.owner.strip().casefold()
        params += [needle, needle]
    if filters.body and filters.body.strip():
        clauses.append("mt_fold(m.body) = ?")
        params.append(filters.body.strip().casefold())
    for term in filters.terms():
        clauses.append(
            "(instr(mt_fold(a.text), ?) > 0 OR EXISTS (SELECT 1 FROM action_sub_item st"
            " WHERE st.action_id = a.id AND instr(mt_fold(st.text), ?) > 0))"
        )
        needle = term.strip().casefold()
        params += [needle, needle]
    if filters.meeting_id is not None:
        clauses.append("a.meeting_id = ?")
        params.append(filters.meeting_id)
    if filters.group and filters.group.strip():
        clauses.append("instr(mt_fold(a.group_title), ?) > 0")
        params.append(filters.group.strip().casefold())
    if filters.date_from is not None:
        clauses.append("m.date >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to is not None:
        clauses.append("m.date <= ?")
        params.append(filters.date_to.isoformat())
    return "WHERE " + " AND ".join(clauses), params


def tracked_actions(
    store: Store, filters: TrackerFilter | None = None, *, with_history: bool = False
) -> list[TrackedAction]:
    """Every action across all meetings that passes the filters: newest meeting first,
    then by number. One query; `with_history` adds one more for the reviews."""
    filters = filters or TrackerFilter()
    where, params = _where(filters)
    with _reader(store) as con:
        rows = con.execute(_TRACKED_SQL.format(where=where), params).fetchall()
        # One JSON parse for every row's owners, and each distinct date parsed once.
        owners = json.loads("[" + ",".join(r[9] for r in rows) + "]")
        dates: dict[str | None, dt.date | None] = {None: None}

        def day(value: str | None) -> dt.date | None:
            if value not in dates:
                dates[value] = _date(value)
            return dates[value]

        actions = [
            TrackedAction(
                id=r[0],
                meeting_id=r[1],
                meeting_date=day(r[2]),
                body=r[3],
                title=r[4],
                session=r[5],
                item_label=r[6],
                number=r[7],
                text=r[8],
                owners=owners[n],
                due_date=day(r[10]),
                due_text=r[11],
                status=r[12],
                progress=r[13],
                progress_date=day(r[14]),
                progress_meeting_id=r[15],
                updates=r[16],
                group=r[17],
                partners=json.loads(r[18]) if r[18] else [],
                links=r[19],
                comments=r[20],
                timeframe=r[21],
                confidential=bool(r[22]),
            )
            for n, r in enumerate(rows)
        ]
        if with_history:
            reviewed = [a.id for a in actions if a.updates]
            if reviewed:
                histories = _histories(con, reviewed)
                for action in actions:
                    action.history = histories.get(action.id, [])
    return actions


def _histories(con: sqlite3.Connection, action_ids: list[int]) -> dict[int, list[HistoryEntry]]:
    # One parameter however many ids (no SQLite variable limit to hit).
    sql = _HISTORY_SQL.format(where="u.action_id IN (SELECT value FROM json_each(?))")
    out: dict[int, list[HistoryEntry]] = {}
    for row in con.execute(sql, [json.dumps(action_ids)]):
        out.setdefault(row[0], []).append(
            HistoryEntry(
                id=row[1],
                meeting_id=row[2],
                meeting_date=_date(row[3]),
                date=_date(row[4]),
                status=row[5],
                text=row[6] or "",
                created_at=_moment(row[7]),
            )
        )
    return out


def action_history(store: Store, action_id: int) -> list[HistoryEntry]:
    """The reviews of one action, oldest first (the order the store judges "latest" by)."""
    with _reader(store) as con:
        if con.execute("SELECT 1 FROM action WHERE id = ?", [action_id]).fetchone() is None:
            raise NotFound(f"No action with id {action_id}.")
        return _histories(con, [action_id]).get(action_id, [])


def tracked_action(store: Store, action_id: int) -> TrackedAction:
    """One action as the tracker shows it, with its history."""
    with _reader(store) as con:
        row = con.execute("SELECT meeting_id FROM action WHERE id = ?", [action_id]).fetchone()
    if row is None:
        raise NotFound(f"No action with id {action_id}.")
    for action in tracked_actions(store, TrackerFilter(meeting_id=row[0]), with_history=True):
        if action.id == action_id:
            return action
    raise NotFound(f"No action with id {action_id}.")  # pragma: no cover (deleted meanwhile)


# ---- the filter line of the tracker screen --------------------------------------------


def jsonable(actions: list[TrackedAction], today: dt.date | None = None) -> list[dict[str, Any]]:
    return [a.to_json(today) for a in actions]
