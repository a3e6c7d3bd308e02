"""Meetings and series: create, read, change, and which meeting came before."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from minutes_tui.entries import MeetingHeader
from minutes_tui.models import Action, AgendaItem, Meeting, Participant, now
from minutes_tui.store.errors import NotFound
from minutes_tui.vocabulary import OPEN_STATUSES, UNNUMBERED

REVIEW_ITEM_TITLE = "Review of previous actions"


def get(s: Session, meeting_id: int) -> Meeting:
    meeting = s.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    return meeting


def create(s: Session, header: MeetingHeader, previous_id: int | None = None) -> int:
    meeting = Meeting(**header.model_dump(), previous_id=previous_id)
    s.add(meeting)
    s.flush()
    assert meeting.id is not None
    return meeting.id


def series_defaults(prev: Meeting) -> dict[str, str]:
    """What the next meeting of a series inherits, as header fields."""
    fields = {
        "title": prev.title,
        "body": prev.body,
        "chair": prev.chair,
        "rapporteur": prev.rapporteur,
        "place": prev.place,
        "style": prev.style,
        "sensitivity": prev.sensitivity,
    }
    if prev.start_time:
        fields["time"] = prev.start_time + (f"-{prev.end_time}" if prev.end_time else "")
    return {k: v for k, v in fields.items() if v}


def create_from_previous(s: Session, previous_id: int, header: MeetingHeader) -> int:
    """The next meeting of a series: the same participants (expected, not yet present)
    and, when the previous meeting left actions open, a first item to review them."""
    get(s, previous_id)
    meeting_id = create(s, header, previous_id)
    for p in s.exec(
        select(Participant)
        .where(Participant.meeting_id == previous_id)
        .order_by(col(Participant.id))
    ).all():
        s.add(
            Participant(
                meeting_id=meeting_id,
                person_id=p.person_id,
                organisation_id=p.organisation_id,
                position=p.position,
                # Presenting was for that meeting's items: here they are members until said.
                role=None if p.role == "Presenter" else p.role,
                attendance="expected",
            )
        )
    open_actions = s.exec(
        select(func.count())
        .select_from(Action)
        .where(Action.meeting_id == previous_id, col(Action.status).in_(OPEN_STATUSES))
    ).one()
    if open_actions:
        # Unnumbered, so it never takes a number the rapporteur types (`/i 1 Opening`).
        s.add(
            AgendaItem(meeting_id=meeting_id, label=UNNUMBERED, title=REVIEW_ITEM_TITLE, position=1)
        )
    return meeting_id


def update(s: Session, meeting_id: int, **fields: Any) -> None:
    meeting = get(s, meeting_id)
    for key, value in fields.items():
        setattr(meeting, key, value)
    meeting.updated_at = now()


def previous_id(s: Session, meeting: Meeting) -> int | None:
    """The meeting before this one in its series: the one it was linked to (`--from`, next
    in series, `from:`), never a guess from body and date."""
    return meeting.previous_id


def check_link(s: Session, meeting_id: int, previous_id: int) -> None:
    """Linking `meeting_id` after `previous_id` must keep the series a line, not a loop."""
    if previous_id == meeting_id:
        raise NotFound("A meeting cannot follow itself.")
    seen = {meeting_id}
    current: int | None = previous_id
    while current is not None:
        if current in seen:
            raise NotFound(f"Meeting {previous_id} already follows {meeting_id}: that is a loop.")
        seen.add(current)
        current = get(s, current).previous_id
