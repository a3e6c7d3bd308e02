"""Confidential rows: a point, decision, list item, action, sub-item or review the
rapporteur marked with `!` (or the capture screen's key). They stay in the database, the
capture log, search and the tracker (marked); the record leaves them out unless asked
(`record/confidential`).

A list item follows the entry whose list it continues; an action's sub-items follow it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session, select

from minutes_tui.store.final import check_writable
from minutes_tui.store.models import Action, ActionSubItem, ActionUpdate
from minutes_tui.store.models import Entry as EntryRow
from minutes_tui.store.refs import Ref

if TYPE_CHECKING:
    from minutes_tui.store.store import Store


def written(s: Session, row: EntryRow) -> None:
    """An entry row this transaction just wrote: held (the session's identity map holds a
    flushed row only weakly, so `mark` and the log lines read it back by a SELECT each —
    half of an import's time) and known to have no sub-points yet."""
    s.info.setdefault(_WRITTEN, {})[row.id] = row


_WRITTEN = "written entries"


def mark(s: Session, refs: list[Ref], on: bool) -> None:
    """Set the rows an entry wrote confidential (or not), inside the caller's transaction."""
    new: dict[int, EntryRow] = s.info.get(_WRITTEN, {})
    for ref in refs:
        if ref.table == "entry" and (row := s.get(EntryRow, ref.id)) is not None:
            parent = s.get(EntryRow, row.parent_id) if row.parent_id else None
            row.confidential = on or bool(parent and parent.confidential)
            if ref.id in new:
                continue  # just written: nothing is under it yet
            for child in s.exec(select(EntryRow).where(EntryRow.parent_id == row.id)).all():
                child.confidential = row.confidential
        elif ref.table == "action" and (action := s.get(Action, ref.id)) is not None:
            action.confidential = on
        elif ref.table == "update" and (update := s.get(ActionUpdate, ref.id)) is not None:
            reviewed = s.get(Action, update.action_id)  # a confidential action's review is too
            update.confidential = on or bool(reviewed and reviewed.confidential)
        elif ref.table == "sub_item" and (sub := s.get(ActionSubItem, ref.id)) is not None:
            sub.confidential = on


def is_confidential(s: Session, ref: Ref) -> bool | None:
    """None for a row that cannot be confidential (an item, a participant)."""
    row: EntryRow | Action | ActionSubItem | ActionUpdate | None = None
    if ref.table == "entry":
        row = s.get(EntryRow, ref.id)
    elif ref.table == "action":
        row = s.get(Action, ref.id)
    elif ref.table == "update":
        row = s.get(ActionUpdate, ref.id)
    elif ref.table == "sub_item":
        row = s.get(ActionSubItem, ref.id)
    return None if row is None else bool(row.confidential)


def toggle(store: Store, ref: Ref, meeting_id: int, line: str | None = None) -> bool:
    """The capture screen's key on a recalled line: confidential ⇄ not, in one transaction.
    Returns the new state; raises `MeetingFinal` for a final meeting, `ValueError` for a
    row that cannot be confidential. With the line (as recalled), the change is a step of
    the undo journal: ctrl+z after F9 takes back the mark, not the line before it."""
    from minutes_tui.store import journal

    with store.write() as s:
        check_writable(s, meeting_id)
        now = is_confidential(s, ref)
        if now is None:
            raise ValueError(
                "Only points, decisions, actions, sub-items and reviews can be confidential."
            )
        was = _flags(s, ref)
        mark(s, [ref], not now)
        if line is not None:
            journal.record(s, meeting_id, "confidential", line, {"was": was}, [ref])
        return not now


def _flags(s: Session, ref: Ref) -> list[list[object]]:
    """The marks a toggle may change: the row's, and its list items' (they follow it)."""
    flags: list[list[object]] = [[ref.table, ref.id, is_confidential(s, ref)]]
    if ref.table == "entry":
        children = s.exec(select(EntryRow).where(EntryRow.parent_id == ref.id)).all()
        flags += [["entry", c.id, c.confidential] for c in children]
    return flags


def put_back(s: Session, was: list[list[object]]) -> None:
    """Undo a toggle: every mark as it was (rows gone since are left alone)."""
    for table, row_id, flag in was:
        row: EntryRow | Action | ActionSubItem | ActionUpdate | None = None
        if table == "entry":
            row = s.get(EntryRow, row_id)
        elif table == "action":
            row = s.get(Action, row_id)
        elif table == "update":
            row = s.get(ActionUpdate, row_id)
        elif table == "sub_item":
            row = s.get(ActionSubItem, row_id)
        if row is not None:
            row.confidential = bool(flag)
