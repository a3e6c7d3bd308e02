"""One line of the capture log: plain data, no ORM (the fast write path builds it too).

It holds what the row holds, never the typed line: `unparse.recall` writes that from
these fields above the store (the store never imports the grammar)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minutes_tui.store.refs import Ref


# Hashable like a frozen dataclass, but built 3x faster (an item of 20,000 entries builds
# 20,000 of them as the capture screen opens); nothing assigns to a LogLine once built.
@dataclass(unsafe_hash=True)
class LogLine:
    ref: Ref
    kind: str  # point | decision | key_message | group | action | subitem | review
    created_at: dt.datetime
    speaker: str | None
    text: str
    number: int | None = None
    owners: tuple[str, ...] = ()
    due: str | None = None
    status: str | None = None
    label: str | None = None  # a labelled paragraph's lead-in
    list_style: str | None = None  # the next item of the entry before's list
    action_id: int | None = None  # an action's register reference (#id), or the reviewed one
    confidential: bool = False  # left out of circulated records; shown marked
    # What ↑ needs besides, to give the line back as typed (unparse.recall):
    in_list: bool = False  # an entry of a list (under the one before, or itself marked)
    by: str | None = None  # an action's due date (ISO) or due text
    timeframe: str | None = None  # an action's or a sub-item's `| when:`
    partners: tuple[str, ...] = ()
    links: str | None = None
    comments: str | None = None
    presenters: str | None = None  # an agenda item's (the item line ↑ reaches)


def stored_time_of(value: str | dt.datetime | None) -> dt.datetime:
    """A stored time as the ORM reads it back: aware, in UTC (as `models.now` wrote it).
    (SQLite gives text; PostgreSQL a datetime.)"""
    assert value is not None
    if isinstance(value, dt.datetime):  # PostgreSQL (the team archive) returns datetimes
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:  # parsed again with its zone: 5x faster than replace(tzinfo=)
        moment = dt.datetime.fromisoformat(value + "+00:00")
    return moment
