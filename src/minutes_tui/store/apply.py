"""Applying one typed entry: where it goes (numbers, positions, speakers) and the rows.

The store never sees a raw line: the grammar has already turned it into an entry.
Every function here runs inside the caller's one write transaction.
"""

from __future__ import annotations

import re

from sqlalchemy import func
from sqlmodel import Session, col, select

from minutes_tui.domain.display import clip
from minutes_tui.domain.entries import (
    ActionReview,
    Blank,
    Entry,
    ListItem,
    NewAction,
    NewGroup,
    NewItem,
    NewParticipants,
    NewSubItem,
    NextMeeting,
    Note,
    SetIntroduction,
    SetPresenters,
)
from minutes_tui.domain.vocabulary import NOTE_LABELS, NoteKind, status_word
from minutes_tui.store import bodies, confidential, meetings, people
from minutes_tui.store.models import Action, ActionSubItem, ActionUpdate, AgendaItem, Meeting
from minutes_tui.store.models import Entry as EntryRow
from minutes_tui.store.refs import Applied, Ref

NUMERIC_LABEL = re.compile(r"^(\d+(?:\.\d+)*)$")


def next_label(labels: list[str | None]) -> str:
    """The label after the last numbered item: 7.1 → 7.2, 2 → 3; none → 1."""
    for label in reversed(labels):
        if label and NUMERIC_LABEL.match(label):
            head, _, last = label.rpartition(".")
            nxt = str(int(last) + 1)
            return f"{head}.{nxt}" if head else nxt
    return str(sum(1 for label in labels if label and label.strip("-")) + 1)


def apply(s: Session, meeting: Meeting, item_id: int | None, entry: Entry) -> Applied:
    result = _apply(s, meeting, item_id, entry)
    confidential.mark(s, result.refs, getattr(entry, "confidential", False))
    return result


def apply_all(
    s: Session, meeting: Meeting, item_id: int | None, entries: list[tuple[Entry, str]]
) -> tuple[list[Applied], int | None]:
    """Every (entry, line) in order, in the caller's transaction: the parts, and the item
    the last one leaves current."""
    from minutes_tui.store.log import lines_for

    parts: list[Applied] = []
    for entry, line in entries:
        part = apply(s, meeting, item_id, entry)
        s.flush()
        part.lines = lines_for(s, part.refs)
        part.warnings = list(entry.warnings) + part.warnings
        part.entry, part.line = entry, line
        item_id = part.item_id
        parts.append(part)
    return parts, item_id


def _apply(s: Session, meeting: Meeting, item_id: int | None, entry: Entry) -> Applied:
    assert meeting.id is not None
    mid = meeting.id
    if isinstance(entry, Blank):
        return Applied("blank", item_id=item_id)
    if isinstance(entry, Note):
        return add_note(
            s, mid, item_id, entry.note_kind, entry.speaker, entry.text, label=entry.label
        )
    if isinstance(entry, ListItem):
        return add_list_item(s, mid, item_id, entry)
    if isinstance(entry, NewGroup):
        return add_group(s, mid, item_id, entry.title)
    if isinstance(entry, NewItem):
        return add_item(s, mid, entry.label, entry.title, entry.presenters)
    if isinstance(entry, SetPresenters):
        return set_presenters(s, mid, item_id, entry.presenters)
    if isinstance(entry, SetIntroduction):
        was: dict[str, object] = {"introduction": meeting.introduction}
        meeting.introduction = entry.text
        return Applied(
            "introduction", [Ref("meeting", mid)], item_id, "Introduction set", restore=was
        )
    if isinstance(entry, NewParticipants):
        return people.add_participants(s, mid, item_id, entry.people)
    if isinstance(entry, NewAction):
        return add_action(s, mid, item_id, entry)
    if isinstance(entry, NewSubItem):
        return add_sub_item(s, mid, item_id, entry)
    if isinstance(entry, ActionReview):
        return add_review(s, meeting, item_id, entry)
    if isinstance(entry, NextMeeting):
        restore = {
            "next_date": meeting.next_date,
            "next_time": meeting.next_time,
            "next_text": meeting.next_text,
        }
        meeting.next_date, meeting.next_time = entry.date, entry.time
        meeting.next_text = entry.text or None
        return Applied("next", [Ref("next", mid)], item_id, "Next meeting noted", restore=restore)
    raise AssertionError(f"unhandled entry {entry!r}")  # pragma: no cover


def add_note(
    s: Session,
    mid: int,
    item_id: int | None,
    kind: NoteKind,
    speaker: str | None,
    text: str,
    warnings: list[str] | None = None,
    label: str | None = None,
) -> Applied:
    participant_id, organisation_id = people.resolve_speaker(s, mid, speaker)
    row = EntryRow(
        meeting_id=mid,
        item_id=item_id,
        kind=kind,
        label=label,
        speaker=speaker,
        participant_id=participant_id,
        organisation_id=organisation_id,
        text=text,
    )
    s.add(row)
    s.flush()
    assert row.id is not None
    confidential.written(s, row)
    message = f"{label} saved" if label else f"{NOTE_LABELS[kind]} saved"
    return Applied(kind, [Ref("entry", row.id)], item_id, message, warnings=warnings or [])


def _last_written(s: Session, mid: int, item_id: int | None) -> EntryRow | Action | None:
    """The last entry or action typed under this item: what a list line continues."""
    entry = s.exec(
        select(EntryRow)
        .where(EntryRow.meeting_id == mid, EntryRow.item_id == item_id)
        .order_by(col(EntryRow.created_at).desc(), col(EntryRow.id).desc())
    ).first()
    action = s.exec(
        select(Action)
        .where(Action.meeting_id == mid, Action.item_id == item_id)
        .order_by(col(Action.created_at).desc(), col(Action.id).desc())
    ).first()
    if entry is None or (action is not None and action.created_at > entry.created_at):
        return action
    return entry


def add_list_item(s: Session, mid: int, item_id: int | None, entry: ListItem) -> Applied:
    """The next item of the list of the entry typed just before; after an action, one of
    its sub-items; first under an item (or after a group line), the first item of a list."""
    last = _last_written(s, mid, item_id)
    if isinstance(last, Action):
        sub = NewSubItem(text=entry.text, confidential=entry.confidential)
        return add_sub_item(s, mid, item_id, sub)
    if last is None or last.kind == "group":
        # The first item of a list that opens the item: kept a list (its style set, no
        # entry above it), so "1." "2." "3." after a heading print 1, 2, 3.
        row = EntryRow(
            meeting_id=mid, item_id=item_id, kind="point", list_style=entry.style, text=entry.text
        )
        s.add(row)
        s.flush()
        assert row.id is not None
        return Applied("list_item", [Ref("entry", row.id)], item_id, "List item saved")
    parent_id = last.parent_id or last.id
    style: str = entry.style
    if last.list_style and len(entry.marker.strip("()")) == 1 and style in ("roman", "alpha"):
        style = last.list_style  # "c)" after "b)" is alpha, after "ii)" it cannot be
    row = EntryRow(
        meeting_id=mid,
        item_id=item_id,
        kind=last.kind if last.parent_id else ("point" if last.label else last.kind),
        parent_id=parent_id,
        list_style=style,
        text=entry.text,
    )
    s.add(row)
    s.flush()
    assert row.id is not None
    confidential.written(s, row)
    return Applied("list_item", [Ref("entry", row.id)], item_id, "List item saved")


def add_group(s: Session, mid: int, item_id: int | None, title: str) -> Applied:
    """A group line: the actions typed after it, under this item, belong to it."""
    row = EntryRow(meeting_id=mid, item_id=item_id, kind="group", text=title)
    s.add(row)
    s.flush()
    assert row.id is not None
    confidential.written(s, row)
    return Applied("group", [Ref("entry", row.id)], item_id, f"Group: {title}")


def current_group(s: Session, mid: int, item_id: int | None) -> str | None:
    """The last group typed under this item (a new item starts with none)."""
    return s.exec(
        select(EntryRow.text)
        .where(
            EntryRow.meeting_id == mid,
            EntryRow.item_id == item_id,
            EntryRow.kind == "group",
        )
        .order_by(col(EntryRow.created_at).desc(), col(EntryRow.id).desc())
    ).first()


def add_item(
    s: Session, mid: int, label: str | None, title: str, presenters: str | None = None
) -> Applied:
    items = s.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == mid).order_by(col(AgendaItem.position))
    ).all()
    if label is None:
        label = next_label([i.label for i in items if i.label != "AOB"])
    position = (items[-1].position + 1) if items else 1
    item = AgendaItem(
        meeting_id=mid, label=label, title=title, position=position, presenters=presenters
    )
    s.add(item)
    s.flush()
    assert item.id is not None
    shown = f"Item {label} {title}" if label else f"Heading {title}"
    return Applied("item", [Ref("item", item.id)], item.id, shown)


def set_presenters(s: Session, mid: int, item_id: int | None, presenters: str) -> Applied:
    """Who presents the current item (`/presenter …`); undo puts the old ones back."""
    item = s.get(AgendaItem, item_id) if item_id is not None else None
    if item is None or item.meeting_id != mid:
        why = "No agenda item yet to set presenters on; kept as a point."
        return add_note(s, mid, item_id, "point", None, f"Presenters: {presenters}", [why])
    restore = {"item_id": item.id, "presenters": item.presenters}
    item.presenters = presenters
    return Applied(
        "presenters", [Ref("meeting", mid)], item_id, f"Presenters: {presenters}", restore=restore
    )


def add_action(s: Session, mid: int, item_id: int | None, entry: NewAction) -> Applied:
    # BEGIN IMMEDIATE holds the write lock: max+1 cannot race another writer.
    last = s.exec(select(func.max(Action.number)).where(Action.meeting_id == mid)).one()
    number = (last or 0) + 1
    action = Action(
        meeting_id=mid,
        item_id=item_id,
        number=number,
        text=entry.text,
        owners=list(entry.owners),
        due_date=entry.due_date,
        due_text=entry.due_text,
        timeframe=entry.timeframe,
        partners=list(entry.partners),
        links=entry.links,
        comments=entry.comments,
        group_title=current_group(s, mid, item_id),
    )
    s.add(action)
    s.flush()
    assert action.id is not None
    return Applied(
        "action", [Ref("action", action.id)], item_id, f"Action {number} saved (#{action.id})"
    )


def add_sub_item(s: Session, mid: int, item_id: int | None, entry: NewSubItem) -> Applied:
    action = s.exec(
        select(Action).where(Action.meeting_id == mid).order_by(col(Action.number).desc())
    ).first()
    if action is None:
        why = "No action yet to add a sub-item to; kept as a point."
        return add_note(s, mid, item_id, "point", None, f"/s {entry.text}", [why])
    assert action.id is not None
    # After the last one, not the count: with one deleted, the count would put the new one
    # before (or level with) a later one.
    last_position = s.exec(
        select(func.max(ActionSubItem.position)).where(ActionSubItem.action_id == action.id)
    ).one()
    sub = ActionSubItem(
        action_id=action.id,
        position=(last_position or 0) + 1,
        text=entry.text,
        owners=list(entry.owners),
        timeframe=entry.timeframe,
    )
    s.add(sub)
    s.flush()
    assert sub.id is not None
    return Applied(
        "subitem", [Ref("sub_item", sub.id)], item_id, f"Sub-item of action {action.number}"
    )


def _reviewed_action(
    s: Session, meeting: Meeting, entry: ActionReview
) -> tuple[Action | None, str]:
    """The action a review names, or None and why not.

    `/u N` is action N of the previous meeting (the one the rapporteur linked, never a
    guess); `/u #REF` any action of this body's register or of a body above or below it."""
    if entry.action_id is not None:
        action = s.get(Action, entry.action_id)
        if action is None:
            return None, f"there is no action #{entry.action_id} in the register"
        if action.meeting_id == meeting.id:
            return None, f"#{entry.action_id} was agreed in this meeting"
        agreed_in = s.get(Meeting, action.meeting_id)
        body = agreed_in.body if agreed_in else None
        if meeting.body and body and not bodies.same_family(s, meeting.body, body):
            return None, f"#{entry.action_id} belongs to the register of {body}"
        return action, ""
    previous = meetings.previous_id(s, meeting)
    if previous is None:
        return None, "this meeting is not linked to a previous one (use /u #REF)"
    action = s.exec(
        select(Action).where(Action.meeting_id == previous, Action.number == entry.number)
    ).first()
    return action, "" if action else f"the previous meeting has no action {entry.number}"


def add_review(s: Session, meeting: Meeting, item_id: int | None, entry: ActionReview) -> Applied:
    assert meeting.id is not None
    action, why = _reviewed_action(s, meeting, entry)
    if action is None:
        status = f" ({status_word(entry.status)})" if entry.status else ""
        text = f"Action {entry.reference}{status}: {entry.text}".rstrip(": ")
        warning = f"Cannot review action {entry.reference}: {why}; kept as a point."
        return add_note(s, meeting.id, item_id, "point", None, text, [warning])
    assert action.id is not None
    status = entry.status or action.status  # a progress note alone keeps the status
    update = ActionUpdate(
        action_id=action.id,
        meeting_id=meeting.id,
        item_id=item_id,
        status=status,
        text=entry.text,
        confidential=action.confidential,  # a confidential action's review is too
    )
    restore = {"action_id": action.id, "status": action.status}
    action.status = status  # the current status is the latest review
    s.add(update)
    s.flush()
    assert update.id is not None
    return Applied(
        "review",
        [Ref("update", update.id)],
        item_id,
        f"Action #{action.id} ({action.number}. {clip(action.text, 40)}): {status_word(status)}",
        restore=restore,
    )
