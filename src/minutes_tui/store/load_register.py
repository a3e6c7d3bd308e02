"""A body's register of actions as plain data: the workplan report and the review pane.

Plain SQL through a `dbapi.Snapshot`, as `load` (whose action queries it shares), on a
home's SQLite file or a team archive alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from minutes_tui.domain.display import local
from minutes_tui.domain.snapshot import ActionData, RegisterData
from minutes_tui.domain.vocabulary import OPEN_STATUSES
from minutes_tui.store.dbapi import Snapshot
from minutes_tui.store.errors import NotFound
from minutes_tui.store.load import (
    ACTION_COLUMNS,
    action_row,
    actions_data,
    load_meeting,
    meeting_row,
)
from minutes_tui.store.tracker_filter import lead_names

__all__ = ["load_register", "open_register_actions"]


def _fold(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def load_register(
    snap: Snapshot, body: str, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> RegisterData:
    """A body's register over a period: every action agreed by the body (or led by it in
    another body's meeting) up to the end of the period, with the reviews made within the
    period (oldest first), the co-chairs of its latest meeting in the period and that
    meeting's introduction as the note."""
    folded = body.casefold()
    in_body = [
        m
        for m in snap.rows(
            "SELECT id, body, title, date, introduction, sensitivity FROM meeting"
            # Undated first, as SQLite sorts NULL (PostgreSQL would put them last).
            " WHERE deleted_at IS NULL ORDER BY date NULLS FIRST, id"
        )
        if (m[1] or "").casefold() == folded
    ]
    if not in_body:
        raise NotFound(f"No meetings of the body {body!r}.")
    in_body = [(*m[:3], snap.date(m[3]), *m[4:]) for m in in_body]
    ids = [m[0] for m in in_body if date_to is None or m[3] is None or m[3] <= date_to]
    rows = snap.rows(
        f"SELECT {ACTION_COLUMNS} FROM action WHERE {snap.in_ids('meeting_id')}"
        " ORDER BY meeting_id, number",
        snap.ids(ids),
    )
    actions = [action_row(snap, r) for r in rows]
    led = _led_elsewhere(snap, body, ids, date_to)
    actions += led
    ids += [a["meeting_id"] for a in led if a["meeting_id"] not in ids]
    data = actions_data(snap, actions)
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
        if (date_from is None or (m[3] and m[3] >= date_from))
        and (date_to is None or (m[3] and m[3] <= date_to))
    ]
    latest_id, latest_body, title, _, introduction, sensitivity = (in_period or in_body)[-1]
    meeting = load_meeting(snap, latest_id)
    return RegisterData(
        body=latest_body or body,
        date_from=date_from,
        date_to=date_to,
        title=title,
        note=introduction,
        co_chairs=[p for p in meeting.participants if p.role in ("Chair", "Co-Chair")],
        sensitivity=sensitivity,
        actions=data,
        participants=meeting.participants,
        identities=meeting.identities,
        language=meeting.language,
    )


def _led_elsewhere(
    snap: Snapshot, body: str, own: list[int], date_to: dt.date | None
) -> list[dict[str, Any]]:
    """Actions another body's meeting agreed with this body as a lead (a policy group's
    action led by its results group), oldest meeting first: in this body's workplan too."""
    names = set(lead_names(body))
    by_end = "" if date_to is None else " AND (m.date IS NULL OR m.date <= ?)"
    rows = snap.rows(
        f"SELECT {ACTION_COLUMNS} FROM action JOIN meeting m ON m.id = action.meeting_id"
        f" WHERE m.deleted_at IS NULL AND NOT {snap.in_ids('action.meeting_id')}{by_end}"
        " ORDER BY m.date NULLS FIRST, m.id, action.number",
        snap.ids(own),
        *([] if date_to is None else [snap.day(date_to)]),
    )
    actions = [action_row(snap, r) for r in rows]
    return [a for a in actions if any(_fold(o) in names for o in a["owners"])]


def open_register_actions(snap: Snapshot, meeting_id: int) -> list[ActionData]:
    """What the review pane lists: every action of the previous meeting (linked), then every
    other action of the register of the body and of the bodies above and below it that is
    open or was reviewed in this meeting (so one just completed stays in view for its note)."""
    # Only the store (SQLAlchemy already loaded) lists the review pane: bodies' ORM half
    # is no cost here, and `show`/`export`, which import this module, never reach it.
    from minutes_tui.store.bodies import family_of, parents_of

    meeting = meeting_row(snap, meeting_id, trashed=False)
    date, previous = meeting["date"], meeting["previous_id"]
    family = family_of(parents_of(snap.rows("SELECT name, parent FROM body")), meeting["body"])
    earlier = [
        mid
        for mid, body, held in snap.rows(
            "SELECT id, body, date FROM meeting WHERE id <> ? AND deleted_at IS NULL", meeting_id
        )
        if mid == previous
        or (_fold(body) in family and _held_before(snap.date(held), mid, date, meeting_id))
    ]
    if not earlier:
        return []
    rows = snap.rows(
        f"SELECT {ACTION_COLUMNS} FROM action WHERE {snap.in_ids('meeting_id')}",
        snap.ids(earlier),
    )
    reviewed_here = {
        action_id
        for (action_id,) in snap.rows(
            "SELECT action_id FROM action_update WHERE meeting_id = ?", meeting_id
        )
    }
    chosen = [
        a
        for a in (action_row(snap, r) for r in rows)
        if a["meeting_id"] == previous or a["status"] in OPEN_STATUSES or a["id"] in reviewed_here
    ]
    data = actions_data(snap, chosen)
    data.sort(
        key=lambda a: (
            a.meeting_id != previous,  # last meeting's first
            a.meeting_date or dt.date.min,
            a.meeting_id or 0,
            a.number,
        )
    )
    return data


def _held_before(other_date: dt.date | None, other_id: int, date: dt.date | None, mid: int) -> bool:
    """Was the other meeting held before this one? By date; on the same day, or when either
    has no date, the one created first (a lower id). A meeting never reviews what came later."""
    if other_date is not None and date is not None and other_date != date:
        return other_date < date
    return other_id < mid
