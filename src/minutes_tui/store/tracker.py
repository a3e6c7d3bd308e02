"""The action tracker: every follow-up action across all meetings, with its reviews.

Reads are one SQL query (two with the histories) on a pooled connection of the store's
engine, in a deferred read transaction: no per-row queries, and a reader never holds
the write lock. Filters run in SQL; text matches are case-insensitive for any script
(Python's `str.casefold`, registered as the SQL function `mt_fold`).

Dates of a review: a review made in a later meeting is dated by that meeting's date; a
change made outside any later meeting (see `set_status`) by the day it was recorded.

Writes (`set_status`) are one transaction through `Store.write()`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from minutes_tui.capture import status_from_word
from minutes_tui.store.errors import NotFound, StoreError

if TYPE_CHECKING:
    from sqlmodel import Session

    from minutes_tui.models import Action
    from minutes_tui.store.store import Store

STATUSES = ("pending", "in_progress", "completed", "dropped")
OPEN_STATUSES = ("pending", "in_progress")
STATUS_WORDS = {
    "pending": "pending",
    "in_progress": "in progress",
    "completed": "completed",
    "dropped": "dropped",
}


class BadStatus(StoreError):
    """A status that is not pending, in progress, completed or dropped."""


def normalize_status(value: str) -> str:
    """'In progress', 'in-progress', 'in_progress' → 'in_progress'; the grammar's words too."""
    status = status_from_word(value)
    if status is None:
        raise BadStatus(f"'{value}' is not a status: pending, in progress, completed or dropped.")
    return status


# ---- data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackerFilter:
    """Which actions to list; every field set narrows the list (all must hold).

    open_only   status pending or in progress
    overdue     open, with a due date before `today` (default: the machine's today)
    owner       a case-insensitive substring of any owner (of the action or a sub-item)
    body        the meeting's body, exactly, case-insensitive
    text        a case-insensitive substring of the action's text or of a sub-item's
    words       more such substrings, each of which must occur (the screen's plain words)
    meeting_id  actions of that meeting only
    """

    open_only: bool = False
    overdue: bool = False
    owner: str | None = None
    body: str | None = None
    text: str | None = None
    words: tuple[str, ...] = ()
    meeting_id: int | None = None
    today: dt.date | None = None

    def terms(self) -> list[str]:
        return [t for t in (self.text, *self.words) if t and t.strip()]

    def as_of(self) -> dt.date:
        return self.today or dt.date.today()


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
            "overdue": self.is_overdue(today),
            "progress": self.progress,
            "progress_date": _iso(self.progress_date),
            "updates": self.updates,
            "history": [h.to_json() for h in self.history],
        }


@dataclass(frozen=True)
class StatusChange:
    """What `set_status` did: enough to take it back (`undo_status`)."""

    action_id: int
    update_id: int
    meeting_id: int
    status: str
    previous_status: str


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
    raw = store.engine.raw_connection()
    try:
        con: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
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
       (SELECT count(*) FROM action_update c WHERE c.action_id = a.id)
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
    clauses: list[str] = []
    params: list[Any] = []
    if filters.open_only or filters.overdue:
        clauses.append("a.status IN ('pending', 'in_progress')")
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
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


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

_TOKEN = re.compile(
    r'(?P<key>[A-Za-z]+):(?:"(?P<qv>[^"]*)"?|(?P<v>\S*))|"(?P<q>[^"]*)"?|(?P<w>\S+)'
)
QUERY_HELP = (
    'plain words match the action · owner:UNHCR · body:"IASC OPAG" · meeting:12'
    " · is:open · is:overdue"
)


def parse_query(query: str, today: dt.date | None = None) -> TrackerFilter:
    """The screen's filter line → a TrackerFilter.

    Plain words (or "quoted phrases") must each occur in the action's text or a
    sub-item's; `owner:X`, `body:X` (exact), `meeting:ID`, `is:open`, `is:overdue`
    narrow further; values with spaces go in quotes. A token still being typed
    (`owner:`, `is:ov`) is ignored; any other `key:value` is a plain word.
    """
    words: list[str] = []
    owner = body = None
    meeting_id: int | None = None
    open_only = overdue = False
    for m in _TOKEN.finditer(query):
        key = (m.group("key") or "").casefold()
        value = m.group("qv") if m.group("qv") is not None else (m.group("v") or "")
        if key in ("owner", "body", "meeting", "is") and not value.strip():
            continue
        if key == "owner":
            owner = value.strip()
        elif key == "body":
            body = value.strip()
        elif key == "meeting" and value.isdigit():
            meeting_id = int(value)
        elif key == "is" and value.casefold() in ("open", "overdue"):
            open_only = open_only or value.casefold() == "open"
            overdue = overdue or value.casefold() == "overdue"
        elif key == "is" and any(w.startswith(value.casefold()) for w in ("open", "overdue")):
            continue
        elif key:
            words.append(m.group(0))
        elif m.group("q") is not None:
            if m.group("q").strip():
                words.append(m.group("q"))
        else:
            words.append(m.group("w"))
    return TrackerFilter(
        open_only=open_only,
        overdue=overdue,
        owner=owner,
        body=body,
        words=tuple(words),
        meeting_id=meeting_id,
        today=today,
    )


# ---- writes -------------------------------------------------------------------------


def set_status(
    store: Store,
    action_id: int,
    status: str,
    progress: str = "",
    meeting_id: int | None = None,
) -> StatusChange:
    """Give an action a new status, recorded as a review (an ActionUpdate), in one transaction.

    `meeting_id` is the reviewing meeting. Without one, the review goes to the meeting
    that follows the action's meeting in its series (the meeting whose `/u N` would
    review it, so the record of that meeting lists it as a review of the previous
    meeting's action); when the series has no later meeting yet, to the action's own
    meeting, and the review is then dated by the day it was recorded.
    """
    from minutes_tui.capture import clean_text
    from minutes_tui.models import Action, ActionUpdate, Meeting, now

    status = normalize_status(status)
    with store.write() as s:
        action = s.get(Action, action_id)
        if action is None:
            raise NotFound(f"No action with id {action_id}.")
        if meeting_id is not None:
            reviewing = s.get(Meeting, meeting_id)
            if reviewing is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
        else:
            reviewing = _reviewing_meeting(store, s, action)
        assert reviewing.id is not None and action.id is not None
        update = ActionUpdate(
            action_id=action.id,
            meeting_id=reviewing.id,
            item_id=None,
            status=status,
            text=clean_text(progress),
        )
        previous = action.status
        action.status = status  # the current status is the latest review
        reviewing.updated_at = now()
        s.add(update)
        s.flush()
        assert update.id is not None
        return StatusChange(action.id, update.id, reviewing.id, status, previous)


def _reviewing_meeting(store: Store, s: Session, action: Action):  # type: ignore[no-untyped-def]
    """The meeting after the action's own in its series, else the action's own meeting."""
    from sqlmodel import col, or_, select

    from minutes_tui.models import Meeting

    own = s.get(Meeting, action.meeting_id)
    assert own is not None
    query = select(Meeting).where(Meeting.id != own.id)
    if own.body:
        linked = or_(col(Meeting.previous_id) == own.id, Meeting.body == own.body)
    else:
        linked = col(Meeting.previous_id) == own.id
    query = query.where(linked)
    if own.date is not None:
        query = query.where(
            or_(
                col(Meeting.date) > own.date,
                (col(Meeting.date) == own.date) & (col(Meeting.id) > own.id),
            )
        ).order_by(col(Meeting.date), col(Meeting.id))
    else:
        query = query.where(col(Meeting.id) > own.id).order_by(col(Meeting.id))
    for candidate in s.exec(query.limit(5)).all():
        if store.previous_meeting_id(s, candidate) == own.id:
            return candidate
    return own


def undo_status(store: Store, change: StatusChange) -> None:
    """Take back a `set_status`: remove its review and restore the status it replaced
    (or the latest remaining review's, if one was made since)."""
    from sqlmodel import col, select

    from minutes_tui.models import Action, ActionUpdate

    with store.write() as s:
        update = s.get(ActionUpdate, change.update_id)
        if update is not None:
            s.delete(update)
            s.flush()
        action = s.get(Action, change.action_id)
        if action is None:
            return
        # A review made since (another window, the CLI) now holds the current status.
        newer = s.exec(
            select(ActionUpdate.status)
            .where(ActionUpdate.action_id == action.id, col(ActionUpdate.id) > change.update_id)
            .order_by(col(ActionUpdate.created_at).desc(), col(ActionUpdate.id).desc())
        ).first()
        action.status = newer or change.previous_status


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status.replace("_", " "))


def jsonable(actions: list[TrackedAction], today: dt.date | None = None) -> list[dict[str, Any]]:
    return [a.to_json(today) for a in actions]
