"""Taking back and changing what was captured: undo, delete, edit in place.

Every function runs inside the caller's one write transaction. Deleting an action
renumbers the later ones, so a meeting's action numbers stay gapless.
"""

from __future__ import annotations

from sqlmodel import Session, SQLModel, col, select

from minutes_tui.domain.entries import (
    ActionReview,
    Entry,
    ListItem,
    NewAction,
    NewGroup,
    NewItem,
    NewSubItem,
    Note,
)
from minutes_tui.store import confidential, people
from minutes_tui.store.apply import apply
from minutes_tui.store.errors import NotFound, StoreError
from minutes_tui.store.models import (
    Action,
    ActionSubItem,
    ActionUpdate,
    AgendaItem,
    Meeting,
    Participant,
)
from minutes_tui.store.models import Entry as EntryRow
from minutes_tui.store.refs import Applied, Ref

MODELS: dict[str, type[SQLModel]] = {
    "entry": EntryRow,
    "action": Action,
    "sub_item": ActionSubItem,
    "update": ActionUpdate,
    "item": AgendaItem,
    "participant": Participant,
}


def latest_status(s: Session, action_id: int | None) -> str | None:
    """The current status of an action is its latest review."""
    return s.exec(
        select(ActionUpdate.status)
        .where(ActionUpdate.action_id == action_id)
        .order_by(col(ActionUpdate.created_at).desc(), col(ActionUpdate.id).desc())
    ).first()


def undo(s: Session, applied: Applied, meeting: Meeting) -> None:
    """Take back what one applied entry did."""
    assert meeting.id is not None
    for ref in applied.refs:
        delete(s, ref, meeting.id)
    if applied.kind == "participants":
        for pid, values in applied.restore.items():
            participant = s.get(Participant, int(pid))
            if participant is not None:
                for key, value in values.items():
                    setattr(participant, key, value)
    elif applied.kind == "review":
        action = s.get(Action, applied.restore["action_id"])
        if action is not None:
            action.status = latest_status(s, action.id) or applied.restore["status"]
    elif applied.kind in ("next", "introduction"):
        for key, value in applied.restore.items():
            setattr(meeting, key, value)
    elif applied.kind == "presenters":
        item = s.get(AgendaItem, applied.restore["item_id"])
        if item is not None:
            item.presenters = applied.restore["presenters"]


def delete(s: Session, ref: Ref, meeting_id: int) -> None:
    model = MODELS.get(ref.table)
    if model is None:
        return
    row = s.get(model, ref.id)
    if row is None:
        return
    owner = getattr(row, "meeting_id", None)
    if isinstance(row, ActionSubItem):
        parent = s.get(Action, row.action_id)
        owner = parent.meeting_id if parent else None
    if owner != meeting_id:
        raise NotFound(f"That {ref.table.replace('_', ' ')} is not in this meeting.")
    if isinstance(row, Action):
        # Keep numbering gapless: later actions move up by one.
        number, mid = row.number, row.meeting_id
        s.delete(row)
        s.flush()
        later = s.exec(
            select(Action)
            .where(Action.meeting_id == mid, col(Action.number) > number)
            .order_by(col(Action.number))
        ).all()
        for moved in later:
            moved.number -= 1
            s.flush()
        return
    if isinstance(row, EntryRow):
        # Its list items go with it (they continue it, and cannot stand alone).
        for item in s.exec(select(EntryRow).where(EntryRow.parent_id == row.id)).all():
            s.delete(item)
        s.flush()
        s.delete(row)
        return
    if isinstance(row, ActionUpdate):
        action = s.get(Action, row.action_id)
        s.delete(row)
        s.flush()
        if action is not None:
            action.status = latest_status(s, action.id) or "pending"
        return
    s.delete(row)


class ItemStaysItem(StoreError):
    """A recalled agenda item edited into another kind of line: refused, nothing lost."""


def edit(s: Session, ref: Ref, meeting: Meeting, entry: Entry) -> Applied:
    """Update a row in place (same number, same time). An entry of another kind (a
    point edited into an action) replaces the old row, in the same transaction."""
    from minutes_tui.store import removals

    assert meeting.id is not None
    if ref.table == "item" and not isinstance(entry, NewItem):
        # Replacing an agenda item would take every line under it: a deletion, which
        # asks first (F8) and names what goes. An item's line stays an item.
        raise ItemStaysItem(
            "An agenda item stays an item: type /i … to rename it, or F8 to delete it "
            "with everything under it. Nothing was changed."
        )
    was = confidential.is_confidential(s, ref)
    result = _edit_in_place(s, ref, meeting.id, entry)
    if result is None:
        # Replaced: the old row goes as a deletion does, with what cannot stand without
        # it, and is kept (`restore["replaced"]`) so undo puts it all back as it was.
        row_item = _item_of(s, ref)
        kept = removals.delete_line(s, meeting.id, ref)
        result = apply(s, meeting, row_item, entry)
        result.restore = {**result.restore, "replaced": kept}
    elif (on := getattr(entry, "confidential", False)) != bool(was):
        # Only a changed mark is written: its list items' own marks stay as they are.
        confidential.mark(s, result.refs, on)
    return result


def _item_of(s: Session, ref: Ref) -> int | None:
    if ref.table == "sub_item":
        sub = s.get(ActionSubItem, ref.id)
        action = s.get(Action, sub.action_id) if sub else None
        return action.item_id if action else None
    models: dict[str, type[SQLModel]] = {
        "entry": EntryRow,
        "action": Action,
        "update": ActionUpdate,
    }
    model = models.get(ref.table)
    row = s.get(model, ref.id) if model is not None else None
    return getattr(row, "item_id", None)


def _edit_in_place(s: Session, ref: Ref, meeting_id: int, entry: Entry) -> Applied | None:
    if ref.table == "entry" and isinstance(entry, ListItem):
        row = s.get(EntryRow, ref.id)
        if row is None or row.meeting_id != meeting_id or not (row.parent_id or row.list_style):
            return None  # a point edited into a list line: replaced (and attached)
        row.text, row.list_style = entry.text, entry.style
        return Applied("list_item", [ref], row.item_id, "List item updated")
    if ref.table == "entry" and isinstance(entry, NewGroup):
        row = s.get(EntryRow, ref.id)
        if row is None or row.meeting_id != meeting_id or row.kind != "group":
            return None  # another kind of entry edited into a group: replaced
        row.text = entry.title
        return Applied("group", [ref], row.item_id, "Group updated")
    if ref.table == "entry" and isinstance(entry, Note):
        row = s.get(EntryRow, ref.id)
        if row is None or row.meeting_id != meeting_id:
            raise NotFound("That entry no longer exists.")
        if row.kind == "group":
            return None  # a group edited into a point: replaced
        row.kind, row.text, row.speaker = entry.note_kind, entry.text, entry.speaker
        row.label = entry.label
        row.participant_id, row.organisation_id = people.resolve_speaker(
            s, meeting_id, entry.speaker
        )
        return Applied(entry.note_kind, [ref], row.item_id, "Entry updated")
    if ref.table == "action" and isinstance(entry, NewAction):
        action = s.get(Action, ref.id)
        if action is None or action.meeting_id != meeting_id:
            raise NotFound("That action no longer exists.")
        action.text, action.owners = entry.text, list(entry.owners)
        action.due_date, action.due_text = entry.due_date, entry.due_text
        action.timeframe, action.partners = entry.timeframe, list(entry.partners)
        action.links, action.comments = entry.links, entry.comments
        return Applied("action", [ref], action.item_id, f"Action {action.number} updated")
    if ref.table == "sub_item" and isinstance(entry, NewSubItem):
        sub = s.get(ActionSubItem, ref.id)
        if sub is None:
            raise NotFound("That sub-item no longer exists.")
        sub.text, sub.owners, sub.timeframe = entry.text, list(entry.owners), entry.timeframe
        return Applied("subitem", [ref], _item_of(s, ref), "Sub-item updated")
    if ref.table == "item" and isinstance(entry, NewItem):
        item = s.get(AgendaItem, ref.id)
        if item is None or item.meeting_id != meeting_id:
            raise NotFound("That agenda item no longer exists.")
        item.label = entry.label if entry.label is not None else item.label
        item.title, item.presenters = entry.title, entry.presenters
        return Applied("item", [ref], item.id, "Item updated")
    if ref.table == "update" and isinstance(entry, ActionReview):
        update = s.get(ActionUpdate, ref.id)
        if update is None or update.meeting_id != meeting_id:
            raise NotFound("That review no longer exists.")
        update.status, update.text = entry.status or update.status, entry.text
        s.flush()
        action = s.get(Action, update.action_id)
        if action is not None:
            action.status = latest_status(s, action.id) or update.status
        return Applied("review", [ref], update.item_id, "Review updated")
    return None
