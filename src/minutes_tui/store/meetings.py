"""Meetings and series: create, read, change, and which meeting came before."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from minutes_tui.domain.vocabulary import OPEN_STATUSES, UNNUMBERED
from minutes_tui.store import bodies
from minutes_tui.store.errors import NotFound
from minutes_tui.store.models import Action, AgendaItem, Meeting, Participant, now

if TYPE_CHECKING:
    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.domain.snapshot import ItemData

REVIEW_ITEM_TITLE = "Review of previous actions"


def get(s: Session, meeting_id: int, *, trashed: bool = False) -> Meeting:
    """The meeting; one in the trash only when `trashed` (restore, purge) asks for it."""
    meeting = s.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    if meeting.deleted_at is not None and not trashed:
        raise NotFound(f"Meeting {meeting_id} is in the trash; restore it to use it.")
    return meeting


def in_trash(s: Session) -> list[Meeting]:
    """The trash, most recently trashed first."""
    return list(
        s.exec(
            select(Meeting)
            .where(col(Meeting.deleted_at).is_not(None))
            .order_by(col(Meeting.deleted_at).desc(), col(Meeting.id).desc())
        ).all()
    )


def trash(s: Session, meeting_id: int) -> Meeting:
    """Hide a meeting from every list, read and search; every row of it is kept."""
    meeting = get(s, meeting_id)
    meeting.deleted_at = now()
    return meeting


def restore(s: Session, meeting_id: int) -> Meeting:
    meeting = get(s, meeting_id, trashed=True)
    if meeting.deleted_at is None:
        raise NotFound(f"Meeting {meeting_id} is not in the trash.")
    meeting.deleted_at = None
    return meeting


def purge(s: Session, meeting_id: int) -> Meeting:
    """Delete a trashed meeting for good: its rows go by ON DELETE CASCADE (and the search
    index's triggers with them); a meeting that followed it loses only the link.
    Only from the trash, so one command can never delete a meeting in use."""
    meeting = get(s, meeting_id, trashed=True)
    if meeting.deleted_at is None:
        raise NotFound(
            f"Meeting {meeting_id} is not in the trash; move it there first (trash {meeting_id})."
        )
    s.delete(meeting)
    return meeting


def create(s: Session, header: MeetingHeader, previous_id: int | None = None) -> int:
    meeting = Meeting(**header.model_dump(exclude={"parent"}), previous_id=previous_id)
    if header.parent and header.body:
        bodies.set_parent(s, header.body, header.parent)
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
        "language": prev.language,
    }
    if prev.start_time:
        fields["time"] = prev.start_time + (f"-{prev.end_time}" if prev.end_time else "")
    # What `/n` recorded for the next meeting wins over the last one's own date and time.
    if prev.next_date is not None:
        fields["date"] = prev.next_date.isoformat()
    if prev.next_time:
        fields["time"] = prev.next_time
    return {k: v for k, v in fields.items() if v}


def body_language(s: Session, body: str | None) -> str | None:
    """A body's default language: its latest meeting's (by date, then the newest made);
    None for a body with no meeting (not one in the trash)."""
    wanted = _folded(body)
    if not wanted:
        return None
    rows = s.exec(
        select(Meeting.body, Meeting.language)
        .where(col(Meeting.deleted_at).is_(None), col(Meeting.body).is_not(None))
        .order_by(col(Meeting.date).is_(None), col(Meeting.date).desc(), col(Meeting.id).desc())
    )
    return next((language for name, language in rows if _folded(name) == wanted), None)


def _folded(name: str | None) -> str:
    """As bodies compare their names: casefolded, spaces collapsed."""
    return " ".join((name or "").split()).casefold()


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
    in series, `from:`), never a guess from body and date. One in the trash is no one."""
    if meeting.previous_id is None:
        return None
    previous = s.get(Meeting, meeting.previous_id)
    return None if previous is None or previous.deleted_at is not None else previous.id


def check_link(s: Session, meeting_id: int, previous_id: int) -> None:
    """Linking `meeting_id` after `previous_id` must keep the series a line, not a loop."""
    if previous_id == meeting_id:
        raise NotFound("A meeting cannot follow itself.")
    get(s, previous_id)  # a meeting in use, not one in the trash
    seen = {meeting_id}
    current: int | None = previous_id
    while current is not None:
        if current in seen:
            raise NotFound(f"Meeting {previous_id} already follows {meeting_id}: that is a loop.")
        seen.add(current)
        # Earlier links may pass through a trashed meeting: still a link, still a loop.
        current = get(s, current, trashed=True).previous_id


def items(s: Session, meeting_id: int) -> list[ItemData]:
    """The meeting's agenda items in order."""
    from minutes_tui.domain.snapshot import ItemData

    rows = s.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    ).all()
    return [ItemData(i.id, i.label, i.title, i.presenters, i.position) for i in rows if i.id]


def counts(s: Session, meeting_id: int) -> tuple[int, int]:
    """(participants, actions) of a meeting."""
    participants = s.exec(
        select(func.count()).select_from(Participant).where(Participant.meeting_id == meeting_id)
    ).one()
    actions = s.exec(
        select(func.count()).select_from(Action).where(Action.meeting_id == meeting_id)
    ).one()
    return participants, actions


def current_item(s: Session, meeting_id: int) -> int | None:
    """The agenda item opened last."""
    return s.exec(
        select(AgendaItem.id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position).desc(), col(AgendaItem.id).desc())
    ).first()
