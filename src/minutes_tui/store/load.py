"""Load one meeting, whole, as plain data (a handful of queries, no lazy loading)."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, col, select

from minutes_tui.models import (
    Action,
    ActionSubItem,
    ActionUpdate,
    AgendaItem,
    Entry,
    Meeting,
    Organisation,
    Participant,
    Person,
)
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
from minutes_tui.store.errors import NotFound


def load_meeting(s: Session, meeting_id: int, previous_id: int | None = None) -> MeetingData:
    meeting = s.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    orgs = {o.id: o.name for o in s.exec(select(Organisation)).all()}
    data = MeetingData(
        id=meeting_id,
        body=meeting.body,
        title=meeting.title,
        session=meeting.session,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        place=meeting.place,
        chair=meeting.chair,
        rapporteur=meeting.rapporteur,
        style=meeting.style,
        sensitivity=meeting.sensitivity,
        status=meeting.status,
        introduction=meeting.introduction,
        next_date=meeting.next_date,
        next_time=meeting.next_time,
        next_text=meeting.next_text,
        previous_id=previous_id,
    )
    rows = s.exec(
        select(Participant, Person)
        .join(Person, col(Person.id) == col(Participant.person_id), isouter=True)
        .where(Participant.meeting_id == meeting_id)
        .order_by(col(Participant.id))
    ).all()
    participant_is_person: dict[int, bool] = {}
    for participant, person in rows:
        assert participant.id is not None
        participant_is_person[participant.id] = person is not None
        data.participants.append(
            PersonData(
                id=participant.id,
                honorific=person.honorific if person else None,
                name=person.name if person else None,
                position=participant.position,
                organisation=orgs.get(participant.organisation_id),
                role=participant.role,
                attendance=participant.attendance,
            )
        )
    for item in s.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    ).all():
        assert item.id is not None
        data.items.append(ItemData(item.id, item.label, item.title, item.presenters, item.position))
    for entry in s.exec(
        select(Entry)
        .where(Entry.meeting_id == meeting_id)
        .order_by(col(Entry.created_at), col(Entry.id))
    ).all():
        assert entry.id is not None
        data.entries.append(
            EntryData(
                id=entry.id,
                item_id=entry.item_id,
                kind=entry.kind,
                speaker=entry.speaker,
                speaker_organisation=orgs.get(entry.organisation_id),
                speaker_is_person=bool(
                    entry.participant_id and participant_is_person.get(entry.participant_id)
                ),
                text=entry.text,
                created_at=entry.created_at,
            )
        )
    data.actions = load_actions(s, meeting_id)
    for update, action in s.exec(
        select(ActionUpdate, Action)
        .join(Action, col(Action.id) == col(ActionUpdate.action_id))
        .where(ActionUpdate.meeting_id == meeting_id)
        .order_by(col(ActionUpdate.created_at), col(ActionUpdate.id))
    ).all():
        assert update.id is not None
        data.reviews.append(
            ReviewData(
                id=update.id,
                item_id=update.item_id,
                action_number=action.number,
                action_text=action.text,
                owners=list(action.owners or []),
                status=update.status,
                text=update.text,
                created_at=update.created_at,
            )
        )
    if previous_id is not None:
        data.previous_actions = load_actions(s, previous_id)
    return data


def load_actions(s: Session, meeting_id: int) -> list[ActionData]:
    actions = s.exec(
        select(Action).where(Action.meeting_id == meeting_id).order_by(col(Action.number))
    ).all()
    ids = [a.id for a in actions]
    subs: dict[int, list[SubItemData]] = defaultdict(list)
    updates: dict[int, list[UpdateData]] = defaultdict(list)
    if ids:
        for sub in s.exec(
            select(ActionSubItem)
            .where(col(ActionSubItem.action_id).in_(ids))
            .order_by(col(ActionSubItem.position), col(ActionSubItem.id))
        ).all():
            assert sub.id is not None
            subs[sub.action_id].append(SubItemData(sub.id, sub.text, list(sub.owners or [])))
        for update, meeting_date in s.exec(
            select(ActionUpdate, col(Meeting.date))
            .join(Meeting, col(Meeting.id) == col(ActionUpdate.meeting_id))
            .where(col(ActionUpdate.action_id).in_(ids))
            .order_by(col(ActionUpdate.created_at), col(ActionUpdate.id))
        ).all():
            assert update.id is not None
            updates[update.action_id].append(
                UpdateData(
                    update.id,
                    update.meeting_id,
                    meeting_date,
                    update.status,
                    update.text,
                    update.created_at,
                )
            )
    result = []
    for a in actions:
        assert a.id is not None
        result.append(
            ActionData(
                id=a.id,
                number=a.number,
                item_id=a.item_id,
                text=a.text,
                owners=list(a.owners or []),
                due_date=a.due_date,
                due_text=a.due_text,
                status=a.status,
                created_at=a.created_at,
                sub_items=subs.get(a.id, []),
                updates=updates.get(a.id, []),
            )
        )
    return result
