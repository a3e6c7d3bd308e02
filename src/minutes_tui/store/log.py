"""The capture log of one agenda item: what the capture screen lists, and what ↑ recalls."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from minutes_tui.store.logline import LogLine, stored_time_of
from minutes_tui.store.models import Action, ActionSubItem, ActionUpdate, Entry
from minutes_tui.store.refs import Ref

__all__ = ["LogLine", "item_log", "lines_for"]


def entry_line(e: Entry) -> LogLine:
    assert e.id is not None
    return LogLine(
        Ref("entry", e.id),
        e.kind,
        e.created_at,
        e.speaker,
        e.text,
        label=e.label,
        list_style=e.list_style if e.parent_id or e.list_style else None,
        confidential=e.confidential,
        in_list=bool(e.parent_id or e.list_style),
    )


def action_line(a: Action) -> LogLine:
    assert a.id is not None
    due = a.due_date.isoformat() if a.due_date else a.due_text
    return LogLine(
        Ref("action", a.id),
        "action",
        a.created_at,
        None,
        a.text,
        a.number,
        tuple(a.owners),
        due or a.timeframe,
        action_id=a.id,
        confidential=a.confidential,
        by=due,
        timeframe=a.timeframe,
        partners=tuple(a.partners),
        links=a.links,
        comments=a.comments,
    )


def sub_line(sub: ActionSubItem, number: int) -> LogLine:
    assert sub.id is not None
    return LogLine(
        Ref("sub_item", sub.id),
        "subitem",
        sub.created_at,
        None,
        sub.text,
        number,
        tuple(sub.owners),
        sub.timeframe,
        confidential=sub.confidential,
        timeframe=sub.timeframe,
    )


def review_line(u: ActionUpdate, action: Action) -> LogLine:
    assert u.id is not None
    return LogLine(
        Ref("update", u.id),
        "review",
        u.created_at,
        None,
        u.text,
        action.number,
        status=u.status,
        action_id=action.id,
        confidential=u.confidential,
    )


# The entries of an item, read as plain rows: an item of 20,000 entries loads in a tenth
# of the time ORM objects take (the capture screen opens on it; bench/run.py).
_ITEM_ENTRIES = (
    "SELECT id, kind, created_at, speaker, text, label, parent_id, list_style, confidential "
    "FROM entry "
    "WHERE meeting_id = ? AND item_id IS ?"
)


def _item_entries(s: Session, meeting_id: int, item_id: int | None) -> Iterable[Any]:
    if s.get_bind().dialect.name != "sqlite":  # the team archive: the same rows, typed
        from sqlalchemy import text

        sql = _ITEM_ENTRIES.replace("meeting_id = ?", "meeting_id = :mid")
        sql = sql.replace("item_id IS ?", "item_id IS NOT DISTINCT FROM :item")
        params = {"mid": meeting_id, "item": item_id}
        return s.connection().execute(text(sql), params).all()
    from minutes_tui.store.engine import sqlite_connection

    con = sqlite_connection(s.connection().connection)
    return con.execute(_ITEM_ENTRIES, (meeting_id, item_id))


def _entry_rows(s: Session, meeting_id: int, item_id: int | None) -> list[LogLine]:
    lines = []
    for eid, kind, created, speaker, text, label, parent_id, list_style, secret in _item_entries(
        s, meeting_id, item_id
    ):
        lines.append(
            LogLine(
                Ref("entry", eid),
                kind,
                stored_time_of(created),
                speaker,
                text,
                label=label,
                list_style=list_style if parent_id or list_style else None,
                confidential=bool(secret),
                in_list=bool(parent_id or list_style),
            )
        )
    return lines


def item_log(s: Session, meeting_id: int, item_id: int | None) -> list[LogLine]:
    lines: list[LogLine] = _entry_rows(s, meeting_id, item_id)
    actions = s.exec(
        select(Action).where(Action.meeting_id == meeting_id, Action.item_id == item_id)
    ).all()
    lines += [action_line(a) for a in actions]
    numbers = {a.id: a.number for a in actions}
    if numbers:
        for sub in s.exec(
            select(ActionSubItem).where(col(ActionSubItem.action_id).in_(list(numbers)))
        ).all():
            lines.append(sub_line(sub, numbers[sub.action_id]))
    for u, action in s.exec(
        select(ActionUpdate, Action)
        .join(Action, col(Action.id) == col(ActionUpdate.action_id))
        .where(ActionUpdate.meeting_id == meeting_id, ActionUpdate.item_id == item_id)
    ).all():
        lines.append(review_line(u, action))
    lines.sort(key=lambda line: (line.created_at, line.ref.id))
    return lines


def lines_for(s: Session, refs: list[Ref]) -> list[LogLine]:
    """The log lines of rows an entry just wrote."""
    out: list[LogLine] = []
    for ref in refs:
        if ref.table == "entry" and (e := s.get(Entry, ref.id)):
            out.append(entry_line(e))
        elif ref.table == "action" and (a := s.get(Action, ref.id)):
            out.append(action_line(a))
        elif ref.table == "sub_item" and (sub := s.get(ActionSubItem, ref.id)):
            parent = s.get(Action, sub.action_id)
            out.append(sub_line(sub, parent.number if parent else 0))
        elif ref.table == "update" and (u := s.get(ActionUpdate, ref.id)):
            parent = s.get(Action, u.action_id)
            if parent is not None:
                out.append(review_line(u, parent))
    return out
