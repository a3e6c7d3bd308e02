"""Load one meeting, whole, as plain data (a handful of queries, no lazy loading).

`load_sqlite.py` is this module's twin in standard sqlite3 (what `show` and `export` read
a SQLite home with): a change to what is loaded here goes there too, query beside query;
tests/test_load_sqlite.py fails while the two snapshots differ.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import astuple

from sqlmodel import Session, col, select

from minutes_tui.display import local
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
    EventData,
    ItemData,
    MeetingData,
    PersonData,
    RegisterData,
    ReviewData,
    SubItemData,
    UpdateData,
)
from minutes_tui.store import bodies, final
from minutes_tui.store.errors import NotFound
from minutes_tui.store.identities import load_identities
from minutes_tui.store.lists import name_list
from minutes_tui.store.tracker_filter import lead_names
from minutes_tui.vocabulary import OPEN_STATUSES


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
        heading_form=meeting.heading_form,
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
                email=person.email if person else None,
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
                label=entry.label,
                parent_id=entry.parent_id,
                list_style=entry.list_style,
                confidential=entry.confidential,
            )
        )
    data.actions = load_actions(s, meeting_id)
    reviewed: list[tuple[ActionUpdate, Action, dt.date | None]] = list(
        s.exec(
            select(ActionUpdate, Action, col(Meeting.date))
            .join(Action, col(Action.id) == col(ActionUpdate.action_id))
            .join(Meeting, col(Meeting.id) == col(Action.meeting_id))
            .where(ActionUpdate.meeting_id == meeting_id)
            .order_by(col(ActionUpdate.created_at), col(ActionUpdate.id))
        ).all()
    )
    numbers = public_numbers(s, {a.meeting_id for _, a, _ in reviewed})
    for update, action, agreed_on in reviewed:
        assert update.id is not None and action.id is not None
        data.reviews.append(
            ReviewData(
                id=update.id,
                item_id=update.item_id,
                action_number=action.number,
                action_text=action.text,
                owners=name_list(action.owners),
                status=update.status,
                text=update.text,
                created_at=update.created_at,
                action_id=action.id,
                group=action.group_title,
                action_meeting_id=action.meeting_id,
                action_meeting_date=agreed_on,
                confidential=update.confidential or action.confidential,
                action_public_number=numbers.get(action.id),
            )
        )
    if previous_id is not None:
        data.previous_actions = load_actions(s, previous_id)
    data.version = final.current_version(s, meeting_id)
    data.history = [EventData(*astuple(e)) for e in final.history(s, meeting_id)]
    data.identities = load_identities(s)
    return data


def public_numbers(s: Session, meeting_ids: set[int]) -> dict[int, int]:
    """action id → its number among its meeting's actions that are not confidential: the
    number a circulated record (confidential entries left out) gives it."""
    out: dict[int, int] = {}
    counts: dict[int, int] = defaultdict(int)
    for action_id, mid in s.exec(
        select(col(Action.id), col(Action.meeting_id))
        .where(col(Action.meeting_id).in_(meeting_ids), col(Action.confidential).is_(False))
        .order_by(col(Action.meeting_id), col(Action.number))
    ).all():
        assert action_id is not None
        counts[mid] += 1
        out[action_id] = counts[mid]
    return out


def load_actions(s: Session, meeting_id: int) -> list[ActionData]:
    actions = s.exec(
        select(Action).where(Action.meeting_id == meeting_id).order_by(col(Action.number))
    ).all()
    return actions_data(s, list(actions))


def actions_data(s: Session, actions: list[Action]) -> list[ActionData]:
    """Actions as plain data, with their sub-items and whole history (three queries)."""
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
            subs[sub.action_id].append(
                SubItemData(
                    sub.id, sub.text, name_list(sub.owners), sub.timeframe, sub.confidential
                )
            )
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
                    update.confidential,
                )
            )
    dates = dict(
        s.exec(
            select(col(Meeting.id), col(Meeting.date)).where(
                col(Meeting.id).in_({a.meeting_id for a in actions})
            )
        ).all()
    )
    numbers = public_numbers(s, {a.meeting_id for a in actions})
    result = []
    for a in actions:
        assert a.id is not None
        result.append(
            ActionData(
                id=a.id,
                number=a.number,
                item_id=a.item_id,
                text=a.text,
                owners=name_list(a.owners),
                due_date=a.due_date,
                due_text=a.due_text,
                status=a.status,
                created_at=a.created_at,
                sub_items=subs.get(a.id, []),
                updates=updates.get(a.id, []),
                group=a.group_title,
                partners=name_list(a.partners),
                links=a.links,
                comments=a.comments,
                timeframe=a.timeframe,
                meeting_id=a.meeting_id,
                meeting_date=dates.get(a.meeting_id),
                confidential=a.confidential,
                public_number=numbers.get(a.id),
            )
        )
    return result


def load_register(
    s: Session, body: str, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> RegisterData:
    """A body's register over a period: every action agreed by the body (or led by it in
    another body's meeting) up to the end of the period, with the reviews made within the
    period (oldest first), the co-chairs of its latest meeting in the period and that
    meeting's introduction as the note."""
    folded = body.casefold()
    in_body = [
        m
        for m in s.exec(
            select(Meeting)
            .where(col(Meeting.deleted_at).is_(None))
            # Undated first, as SQLite sorts NULL (PostgreSQL would put them last).
            .order_by(col(Meeting.date).nulls_first(), col(Meeting.id))
        ).all()
        if (m.body or "").casefold() == folded
    ]
    if not in_body:
        raise NotFound(f"No meetings of the body {body!r}.")
    agreed_by_end = [m for m in in_body if date_to is None or m.date is None or m.date <= date_to]
    ids = [m.id for m in agreed_by_end]
    actions = list(
        s.exec(
            select(Action)
            .where(col(Action.meeting_id).in_(ids))
            .order_by(col(Action.meeting_id), col(Action.number))
        ).all()
    )
    led = _led_elsewhere(s, body, set(ids), date_to)
    actions += [a for _, a in led]
    ids += [m.id for m, _ in led if m.id not in ids]
    data = actions_data(s, actions)
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
        if (date_from is None or (m.date and m.date >= date_from))
        and (date_to is None or (m.date and m.date <= date_to))
    ]
    latest = (in_period or in_body)[-1]
    assert latest.id is not None
    meeting = load_meeting(s, latest.id)
    co_chairs = [p for p in meeting.participants if p.role in ("Chair", "Co-Chair")]
    return RegisterData(
        body=latest.body or body,
        date_from=date_from,
        date_to=date_to,
        title=latest.title,
        note=latest.introduction,
        co_chairs=co_chairs,
        sensitivity=latest.sensitivity,
        actions=data,
        participants=meeting.participants,
        identities=meeting.identities,
    )


def _led_elsewhere(
    s: Session, body: str, own: set[int | None], date_to: dt.date | None
) -> list[tuple[Meeting, Action]]:
    """Actions another body's meeting agreed with this body as a lead (a policy group's
    action led by its results group), oldest meeting first: in this body's workplan too."""
    names = set(lead_names(body))
    rows = s.exec(
        select(Meeting, Action)
        .join(Action, col(Action.meeting_id) == col(Meeting.id))
        .where(col(Meeting.deleted_at).is_(None))
        .order_by(col(Meeting.date).nulls_first(), col(Meeting.id), col(Action.number))
    ).all()
    return [
        (m, a)
        for m, a in rows
        if m.id not in own
        and (date_to is None or m.date is None or m.date <= date_to)
        and any(" ".join(o.split()).casefold() in names for o in a.owners)
    ]


def _held_before(other: Meeting, meeting: Meeting) -> bool:
    """Was `other` held before `meeting`? By date; on the same day, or when either has no
    date, the one created first (a lower id). A meeting never reviews what came later."""
    if other.date is not None and meeting.date is not None and other.date != meeting.date:
        return other.date < meeting.date
    return (other.id or 0) < (meeting.id or 0)


def open_register_actions(s: Session, meeting: Meeting) -> list[ActionData]:
    """What the review pane lists: every action of the previous meeting (linked), then every
    other action of the register of the body and of the bodies above and below it that is
    open or was reviewed in this meeting (so one just completed stays in view for its note)."""
    previous = meeting.previous_id
    family = bodies.family(s, meeting.body)  # its body, the bodies above and below it
    earlier = [
        m.id
        for m in s.exec(
            select(Meeting).where(Meeting.id != meeting.id, col(Meeting.deleted_at).is_(None))
        ).all()
        if m.id is not None
        and (
            m.id == previous
            or (" ".join((m.body or "").split()).casefold() in family and _held_before(m, meeting))
        )
    ]
    if not earlier:
        return []
    rows = s.exec(select(Action).where(col(Action.meeting_id).in_(earlier))).all()
    reviewed_here = set(
        s.exec(select(ActionUpdate.action_id).where(ActionUpdate.meeting_id == meeting.id)).all()
    )
    chosen = [
        a
        for a in rows
        if a.meeting_id == previous or a.status in OPEN_STATUSES or a.id in reviewed_here
    ]
    data = actions_data(s, chosen)
    data.sort(
        key=lambda a: (
            a.meeting_id != previous,  # last meeting's first
            a.meeting_date or dt.date.min,
            a.meeting_id or 0,
            a.number,
        )
    )
    return data
