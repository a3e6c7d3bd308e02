"""Meetings imported from records written before the tool: which file they came from.

A meeting and the note of its source are created in one transaction, so no imported
meeting is ever without it. The meeting stays a draft: a person checks it first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from minutes_tui.domain.entries import Entry
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.store import meetings
from minutes_tui.store.models import Action, ActionUpdate, ImportedRecord, now
from minutes_tui.store.store import Store

if TYPE_CHECKING:
    from minutes_tui.store.speakers import Known


@dataclass(frozen=True)
class Source:
    meeting_id: int
    file_name: str
    sha256: str


@dataclass(frozen=True)
class Lines:
    """What an imported record stores: its people first (so points can name them), the
    rest, and the statuses its action table gave ((nth action, status, progress))."""

    people: list[str]
    rest: list[str]
    statuses: list[tuple[int, str, str]]


def store_imported(
    store: Store,
    header: MeetingHeader,
    source: tuple[str, str],
    previous_id: int | None,
    lines: Lines,
    parse: Callable[[str, Known], Entry],
) -> int:
    """The meeting, its lines, its statuses and its source (file name, SHA-256) in ONE
    transaction: an import killed half-way leaves nothing, so the same file can be
    imported again (it once left an empty meeting that claimed the file's hash).

    `parse` reads a line with what the meeting knows so far (its people, once stored)."""
    from minutes_tui.store import journal, people
    from minutes_tui.store.apply import apply_all
    from minutes_tui.store.final import check_writable
    from minutes_tui.store.reviews import review_in

    with store.write() as s:
        if previous_id is not None:
            meetings.get(s, previous_id)  # an unknown meeting is an error, nothing stored
        meeting_id = meetings.create(s, header, previous_id)
        meeting = check_writable(s, meeting_id)
        item_id: int | None = None
        for group in (lines.people, lines.rest):
            if not group:
                continue
            known = people.known_names(s, meeting_id)
            entries = [(parse(line, known), line) for line in group]
            typed_under = item_id
            parts, item_id = apply_all(s, meeting, item_id, entries)
            journal.record_capture(s, meeting_id, parts, group, typed_under)
        if lines.statuses:
            # A table's status is the action's latest review, set as the tracker sets it
            # (a meeting's own `/u` may not review the actions it agreed).
            actions = s.exec(
                select(Action).where(Action.meeting_id == meeting_id).order_by(col(Action.number))
            ).all()
            for nth, status, progress in lines.statuses:
                if nth <= len(actions) and (action := actions[nth - 1]).id is not None:
                    change = review_in(s, action.id, status, progress, meeting_id)
                    # filed under the item where the table's row was, never before the agenda
                    update = s.get(ActionUpdate, change.update_id)
                    if update is not None:
                        update.item_id = action.item_id
        _date_reviews(s, meeting_id, header)
        meeting.updated_at = now()
        s.add(ImportedRecord(meeting_id=meeting_id, file_name=source[0], sha256=source[1]))
    return meeting_id


def _date_reviews(s: Session, meeting_id: int, header: MeetingHeader) -> None:
    """A record's reviews were made at its meeting: dated by its day (local noon, or its
    start), never by the day of the import, which the tracker would show for a meeting's
    review of its own actions. Each action's status stays its latest review's."""
    if header.date is None:
        return
    try:
        start = dt.time.fromisoformat(header.start_time or "12:00")
    except ValueError:
        start = dt.time(12)
    at = min(dt.datetime.combine(header.date, start).astimezone(dt.UTC), now())
    updates = s.exec(select(ActionUpdate).where(ActionUpdate.meeting_id == meeting_id)).all()
    for update in updates:
        update.created_at = at
    s.flush()
    for action_id in sorted({u.action_id for u in updates}):
        latest = s.exec(
            select(ActionUpdate.status)
            .where(ActionUpdate.action_id == action_id)
            .order_by(col(ActionUpdate.created_at).desc(), col(ActionUpdate.id).desc())
        ).first()
        action = s.get(Action, action_id)
        if action is not None and latest is not None:
            action.status = latest


def imported_with(store: Store, sha256: str) -> list[Source]:
    """Meetings already imported from a file with these exact bytes."""
    with store.read() as s:
        rows = s.exec(select(ImportedRecord).where(ImportedRecord.sha256 == sha256)).all()
    return [Source(r.meeting_id, r.file_name, r.sha256) for r in rows]
