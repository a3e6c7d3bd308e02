"""The action tracker: every follow-up action across all meetings, with its reviews.

Reads are one SQL query (two with the histories) on a pooled connection of the store's
engine, in a read transaction: no per-row queries, and a reader never holds the write
lock. The same SQL (`store/tracker_sql.py`) runs on a home's SQLite file and on a
PostgreSQL team archive: the few pieces that differ come from `store.dialects`. Filters
run in SQL; text matches are case-insensitive for any script (Python's `str.casefold`,
registered on SQLite as the SQL function `mt_fold`; its equivalent on PostgreSQL).

Dates of a review: a review made in a later meeting is dated by that meeting's date; a
change made outside any later meeting (see `reviews.review_action`) by the day it was
recorded. Writes live in `store/reviews.py`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast
from weakref import WeakKeyDictionary

from minutes_tui.domain.vocabulary import (
    OPEN_STATUSES,
    STATUSES,
    ActionStatus,
    status_from_word,
    status_word,
)
from minutes_tui.store.dialects import (
    FOLD_FUNCTION,
    ICU_PROBE,
    POSTGRES,
    SQLITE,
    SqlPieces,
    archive_pieces,
    casefold,
)
from minutes_tui.store.errors import NotFound, StoreError, told
from minutes_tui.store.lists import name_list
from minutes_tui.store.tracker_filter import TrackerFilter
from minutes_tui.store.tracker_sql import QUERIES, Queries, where_clause

if TYPE_CHECKING:
    from sqlalchemy import Engine

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


def _date(value: str | dt.date | None) -> dt.date | None:
    """A day as SQLite stores it (ISO text) or as psycopg reads it (a date)."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value) if value else None
    return value


def _moment(value: str | dt.datetime) -> dt.datetime:
    """A stored moment, aware UTC: SQLite's text (naive UTC) or psycopg's datetime."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _day_of(dated: dt.date | None, moment: str | dt.datetime | None) -> dt.date | None:
    """On an archive, a review's date: its meeting's (`dated`), else the local day of
    the moment it was recorded, as SQLite's `date(…, 'localtime')` gives it."""
    if dated is not None or moment is None:
        return dated
    return _moment(moment).astimezone().date()


def _list(value: str | list[str] | None) -> list[str]:
    """A JSON list column: SQLite's text, or psycopg's parsed list."""
    try:
        return name_list(json.loads(value) if isinstance(value, str) else value)
    except ValueError:
        return []


# ---- reads --------------------------------------------------------------------------


class _Connection(Protocol):
    """The driver connection the tracker reads through: sqlite3's or psycopg's (both
    execute with positional parameters, `SqlPieces.mark`, and return tuples)."""

    def execute(self, sql: str, params: Sequence[Any], /) -> Any: ...


@contextmanager
def _reader(store: Store) -> Iterator[_Connection]:
    """A pooled connection in a read transaction (one consistent snapshot): a deferred
    BEGIN on SQLite; REPEATABLE READ, READ ONLY on an archive (where row-level security
    shows only the meetings this role may read)."""
    raw = store.engine.raw_connection()
    try:
        if store.online:
            con = cast(_Connection, raw.driver_connection)
            try:  # psycopg begins the transaction itself, before this first statement
                con.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", ())
                if store.engine not in _ARCHIVES:  # once an engine: how this server folds
                    _ARCHIVES[store.engine] = archive_pieces(
                        bool(con.execute(ICU_PROBE, ()).fetchone()[0])
                    )
                yield con
            finally:
                raw.rollback()
            return
        from minutes_tui.store.engine import sqlite_connection

        lite = sqlite_connection(raw)
        lite.create_function(FOLD_FUNCTION, 1, casefold, deterministic=True)
        with told(store.home.db_path):  # a damaged page past the schema check's two
            lite.execute("BEGIN")
            try:
                yield lite
            finally:
                if lite.in_transaction:
                    lite.execute("ROLLBACK")
    finally:
        raw.close()


# Each archive engine's pieces, learnt by `_reader` on its first read.
_ARCHIVES: WeakKeyDictionary[Engine, SqlPieces] = WeakKeyDictionary()


def _for(store: Store) -> Queries:
    """The store's SQL (on an archive: once `_reader` has probed its server)."""
    if not store.online:
        return QUERIES[SQLITE]
    return QUERIES[_ARCHIVES.get(store.engine, POSTGRES)]


def tracked_actions(
    store: Store, filters: TrackerFilter | None = None, *, with_history: bool = False
) -> list[TrackedAction]:
    """Every action across all meetings that passes the filters: newest meeting first,
    then by number. One query; `with_history` adds one more for the reviews."""
    filters = filters or TrackerFilter()
    with _reader(store) as con:
        queries = _for(store)
        where, params = where_clause(filters, queries.sql)
        rows = con.execute(queries.tracked.format(where=where), params).fetchall()
        # SQLite's JSON is text: one parse for every row's owners. (psycopg parses it.)
        if rows and isinstance(rows[0][9], str):
            owners = json.loads("[" + ",".join(r[9] for r in rows) + "]")
        else:
            owners = [r[9] for r in rows]
        moments = queries.moments
        dates: dict[object, dt.date | None] = {None: None}

        def day(value: str | dt.date | None) -> dt.date | None:
            """Each distinct date parsed once (SQLite's are text)."""
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
                progress_date=_day_of(r[14], r[23]) if moments else day(r[14]),
                progress_meeting_id=r[15],
                updates=r[16],
                group=r[17],
                partners=_list(r[18]),
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
                histories = _histories(con, queries, reviewed)
                for action in actions:
                    action.history = histories.get(action.id, [])
    return actions


def _histories(
    con: _Connection, queries: Queries, action_ids: list[int]
) -> dict[int, list[HistoryEntry]]:
    sql = queries.history.format(where=queries.sql.in_ids("u.action_id"))
    out: dict[int, list[HistoryEntry]] = {}
    for row in con.execute(sql, [queries.sql.ids(action_ids)]):
        moment = _moment(row[7])
        out.setdefault(row[0], []).append(
            HistoryEntry(
                id=row[1],
                meeting_id=row[2],
                meeting_date=_date(row[3]),
                date=_day_of(row[4], moment) if queries.moments else _date(row[4]),
                status=row[5],
                text=row[6] or "",
                created_at=moment,
            )
        )
    return out


def action_history(store: Store, action_id: int) -> list[HistoryEntry]:
    """The reviews of one action, oldest first (the order the store judges "latest" by)."""
    with _reader(store) as con:
        queries = _for(store)
        if con.execute(queries.one_action, [action_id]).fetchone() is None:
            raise NotFound(f"No action with id {action_id}.")
        return _histories(con, queries, [action_id]).get(action_id, [])
