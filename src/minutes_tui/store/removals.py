"""Deleting an agenda item, a line or a participant so that undo can bring it back whole.

Deleting an item takes everything typed under it: its entries (with their list items) and
its actions (with their sub-items and every review of them, in any meeting); a review typed
under it of an earlier meeting's action stays, under no item. What went is kept in the
journal step as plain rows (store/journal.py), and `restore` inserts them again — with
their own ids and action numbers where those are still free, so `#12`, `/u 3` and the
journal's older steps name them again — and the search index's insert triggers index them
again. Runs inside the caller's transaction.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel, col, func, select

from minutes_tui.domain.vocabulary import heading_depth
from minutes_tui.store import journal
from minutes_tui.store.edits import MODELS, latest_status
from minutes_tui.store.errors import NotFound
from minutes_tui.store.models import (
    Action,
    ActionSubItem,
    ActionUpdate,
    AgendaItem,
    Organisation,
    Participant,
    Person,
)
from minutes_tui.store.models import Entry as EntryRow
from minutes_tui.store.refs import Applied, Ref

# Where a kept row points at another kept row: (table, column) → the table pointed at.
_LINKS = {
    ("entry", "item_id"): "item",
    ("entry", "parent_id"): "entry",
    ("action", "item_id"): "item",
    ("sub_item", "action_id"): "action",
    ("update", "action_id"): "action",
    ("update", "item_id"): "item",
}
# Rows outside the deletion a kept row may name; gone since, the link is dropped.
_OUTSIDE: dict[tuple[str, str], type[SQLModel]] = {
    ("entry", "participant_id"): Participant,
    ("entry", "organisation_id"): Organisation,
    ("participant", "person_id"): Person,
    ("participant", "organisation_id"): Organisation,
}


def _kept(table: str, row: SQLModel) -> list[Any]:
    return [table, row.model_dump()]


def item_name(item: AgendaItem) -> str:
    """What the journal calls a deleted item: "7.1 Title", or an unnumbered heading's
    dashes ("- Title", "-- Title") as the rapporteur typed them."""
    depth = heading_depth(item.label)
    label = "-" * (depth + 1) if depth is not None else item.label
    return f"{label} {item.title}" if label else item.title


def delete_item(s: Session, meeting_id: int, item_id: int) -> dict[str, Any]:
    """Delete an item and everything under it; the rows that went, for the journal step
    (in the order `restore` inserts them)."""
    item = s.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting_id:
        raise NotFound("That agenda item is not in this meeting.")
    entries = s.exec(
        select(EntryRow)
        .where(EntryRow.item_id == item_id)
        .order_by(col(EntryRow.parent_id).is_not(None), col(EntryRow.id))
    ).all()
    actions = s.exec(
        select(Action).where(Action.item_id == item_id).order_by(col(Action.number))
    ).all()
    action_ids = [a.id for a in actions]
    subs = s.exec(
        select(ActionSubItem)
        .where(col(ActionSubItem.action_id).in_(action_ids))
        .order_by(col(ActionSubItem.id))
    ).all()
    # Reviews of its actions go with them (a later meeting's too: a review cannot outlive
    # its action). Reviews typed under it of other meetings' actions stay, under no item
    # (an action's history is not the item's to delete); undo puts them back under it.
    reviews = s.exec(
        select(ActionUpdate)
        .where(col(ActionUpdate.action_id).in_(action_ids))
        .order_by(col(ActionUpdate.id))
    ).all()
    under = s.exec(
        select(ActionUpdate).where(
            ActionUpdate.item_id == item_id, col(ActionUpdate.action_id).not_in(action_ids)
        )
    ).all()
    rows = (
        [_kept("item", item)]
        + [_kept("entry", e) for e in entries]
        + [_kept("action", a) for a in actions]
        + [_kept("sub_item", sub) for sub in subs]
        + [_kept("update", r) for r in reviews]
    )
    for review in under:
        review.item_id = None
    for row in [*reviews, *subs, *reversed(entries), *actions, item]:
        s.delete(row)
        s.flush()
    for review in reviews:
        if review.meeting_id != meeting_id:
            # Another meeting's journal is not undone through this step: its steps must
            # never touch a row that takes this review's id.
            assert review.id is not None
            journal.forget(s, review.meeting_id, Ref("update", review.id))
    counts = {"entries": len(entries), "actions": len(actions), "reviews": len(reviews)}
    return {"rows": rows, "counts": counts, "under": [r.id for r in under]}


def _row_of(s: Session, meeting_id: int, ref: Ref) -> SQLModel:
    model = MODELS.get(ref.table)
    row = s.get(model, ref.id) if model is not None else None
    owner = getattr(row, "meeting_id", None)
    if isinstance(row, ActionSubItem):
        action = s.get(Action, row.action_id)
        owner = action.meeting_id if action else None
    if row is None or owner != meeting_id:
        raise NotFound(f"That {ref.table.replace('_', ' ')} is not in this meeting.")
    return row


def dependents(s: Session, meeting_id: int, ref: Ref) -> dict[str, int]:
    """What goes with a line deleted: an entry's list items; an action's sub-items and
    reviews (a later meeting's too). Counts by name, only those there are."""
    row = _row_of(s, meeting_id, ref)
    counts: dict[str, int] = {}
    if isinstance(row, EntryRow):
        counts["list items"] = len(_list_of(s, row))
    elif isinstance(row, Action):
        counts["sub-items"] = len(_subs_of(s, [row.id]))
        counts["reviews"] = len(_reviews_of(s, [row.id]))
    return {k: n for k, n in counts.items() if n}


def _list_of(s: Session, entry: EntryRow) -> list[EntryRow]:
    return list(
        s.exec(select(EntryRow).where(EntryRow.parent_id == entry.id).order_by(col(EntryRow.id)))
    )


def _subs_of(s: Session, action_ids: list[int | None]) -> list[ActionSubItem]:
    return list(
        s.exec(
            select(ActionSubItem)
            .where(col(ActionSubItem.action_id).in_(action_ids))
            .order_by(col(ActionSubItem.id))
        )
    )


def _reviews_of(s: Session, action_ids: list[int | None]) -> list[ActionUpdate]:
    return list(
        s.exec(
            select(ActionUpdate)
            .where(col(ActionUpdate.action_id).in_(action_ids))
            .order_by(col(ActionUpdate.id))
        )
    )


def delete_line(s: Session, meeting_id: int, ref: Ref) -> dict[str, Any]:
    """Delete one captured row with what cannot stand without it (see `dependents`); the
    rows that went, for the journal step, so undo puts them back with their ids and
    times (the record orders by time: back where they were). A deleted action's later
    ones move up a number (gapless), and move down again when it comes back."""
    from minutes_tui.store import edits

    row = _row_of(s, meeting_id, ref)
    kept = [_kept(ref.table, row)]
    data: dict[str, Any] = {"counts": dependents(s, meeting_id, ref)}
    if isinstance(row, EntryRow):
        kept += [_kept("entry", e) for e in _list_of(s, row)]
    elif isinstance(row, Action):
        reviews = _reviews_of(s, [row.id])
        kept += [_kept("sub_item", sub) for sub in _subs_of(s, [row.id])]
        kept += [_kept("update", r) for r in reviews]
        data["shift"] = row.number
        for review in reviews:  # as delete_item: another meeting's journal must not act
            if review.meeting_id != meeting_id:
                assert review.id is not None
                journal.forget(s, review.meeting_id, Ref("update", review.id))
    edits.delete(s, ref, meeting_id)
    s.flush()
    data["rows"] = kept
    return data


def _make_room(s: Session, meeting_id: int, number: int) -> None:
    """Actions from `number` on move down one (last first: numbers are unique)."""
    later = s.exec(
        select(Action)
        .where(Action.meeting_id == meeting_id, col(Action.number) >= number)
        .order_by(col(Action.number).desc())
    ).all()
    for action in later:
        action.number += 1
        s.flush()


def delete_participant(s: Session, meeting_id: int, participant_id: int) -> dict[str, Any]:
    """Remove a participant; the row and the entries attributed to them, for the step."""
    row = s.get(Participant, participant_id)
    if row is None or row.meeting_id != meeting_id:
        raise NotFound("That participant is not in this meeting.")
    spoke = s.exec(select(EntryRow.id).where(EntryRow.participant_id == participant_id)).all()
    kept = {"rows": [_kept("participant", row)], "spoke": list(spoke)}
    s.delete(row)  # their entries keep the text and speaker; the link is set NULL
    s.flush()
    return kept


def restore(s: Session, meeting_id: int, data: dict[str, Any]) -> Applied:
    """Insert the rows a deletion kept, in their order; the first row's ref leads."""
    new_ids: dict[tuple[str, int], int] = {}
    refs: list[Ref] = []
    touched: set[int] = set()
    if (number := data.get("shift")) is not None:
        _make_room(s, meeting_id, number)
    for table, fields in data["rows"]:
        values = dict(fields)
        if not _relink(s, table, values, new_ids):
            # A review of an action gone since: the steps that named it must not act.
            journal.forget(s, values.get("meeting_id", meeting_id), Ref(table, values["id"]))
            continue
        model = MODELS[table]
        old_id = values.pop("id")
        if s.get(model, old_id) is None:
            values["id"] = old_id
        else:  # its id went to a newer row: the steps that named the old one must not act
            journal.forget(s, values.get("meeting_id", meeting_id), Ref(table, old_id))
        if table == "action" and _number_taken(s, meeting_id, values["number"]):
            values["number"] = _next_number(s, meeting_id)
        row = model(**values)
        s.add(row)
        s.flush()
        row_id: int = getattr(row, "id")  # noqa: B009 (SQLModel itself declares no id)
        new_ids[(table, old_id)] = row_id
        refs.append(Ref(table, row_id))
        if table == "update":
            touched.add(values["action_id"])
    for action_id in touched:  # reviews back: each action's status is its latest again
        action = s.get(Action, action_id)
        if action is not None:
            action.status = latest_status(s, action_id) or action.status
    if participant := new_ids.get(("participant", data["rows"][0][1]["id"])):
        for entry_id in data.get("spoke", []):
            entry = s.get(EntryRow, entry_id)
            if entry is not None and entry.meeting_id == meeting_id and not entry.participant_id:
                entry.participant_id = participant
    item_id = new_ids.get(("item", data["rows"][0][1]["id"]))
    for review_id in data.get("under", []):
        review = s.get(ActionUpdate, review_id)
        if review is not None and review.meeting_id == meeting_id and review.item_id is None:
            review.item_id = item_id
    return Applied("restored", refs, item_id)


def _relink(
    s: Session, table: str, values: dict[str, Any], new_ids: dict[tuple[str, int], int]
) -> bool:
    """Point a row at its restored neighbours (or at rows still there); False when a row
    it cannot stand without is gone."""
    for (source, column), target in _LINKS.items():
        old = values.get(column) if source == table else None
        if old is None:
            continue
        if (target, old) in new_ids:
            values[column] = new_ids[(target, old)]
        elif s.get(MODELS[target], old) is None:
            if column in ("action_id", "parent_id"):
                return False
            values[column] = None
    for (source, column), model in _OUTSIDE.items():
        linked = values.get(column) if source == table else None
        if linked is not None and s.get(model, linked) is None:
            values[column] = None  # gone since: an entry keeps its speaker's name
    return True


def _number_taken(s: Session, meeting_id: int, number: int) -> bool:
    found = s.exec(
        select(Action.id).where(Action.meeting_id == meeting_id, Action.number == number)
    ).first()
    return found is not None


def _next_number(s: Session, meeting_id: int) -> int:
    last = s.exec(select(func.max(Action.number)).where(Action.meeting_id == meeting_id)).one()
    return (last or 0) + 1
