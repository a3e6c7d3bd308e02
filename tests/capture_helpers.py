"""Typing lines into a meeting the way the keyboard does: through a capture session."""

from __future__ import annotations

from minutes_tui.session import CaptureSession
from minutes_tui.store.refs import Applied, Ref
from minutes_tui.store.store import Store


def capture(store: Store, meeting_id: int, item_id: int | None, line: str) -> Applied:
    """One line under a given agenda item (None: before the agenda)."""
    session = CaptureSession(store, meeting_id)
    session.item_id = item_id
    return session.submit(line)


def replay(store: Store, meeting_id: int, lines: list[str]) -> list[Applied]:
    """Lines in order under the meeting's current item, each in its own transaction."""
    return CaptureSession(store, meeting_id).submit_all(lines)


def edit(store: Store, ref: Ref, meeting_id: int, line: str) -> Applied:
    """Recall a stored row, retype it and press Enter."""
    return CaptureSession(store, meeting_id).edit(ref, line)
