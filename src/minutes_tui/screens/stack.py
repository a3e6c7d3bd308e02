"""Going back down the screen stack instead of piling on it: search → meeting → F4 →
another meeting stays two Esc from the list. Never past a typed line not yet entered."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen


def unsent_above(app: App[Any], screen: Screen[Any]) -> bool:
    """A screen above this one holds a typed line not yet entered (never dropped)."""
    from minutes_tui.widgets.capture_line import CaptureLine

    above = app.screen_stack[app.screen_stack.index(screen) + 1 :]
    return any(line.value.strip() for s in above for line in s.query(CaptureLine))


def back_to(app: App[Any], screen: Screen[Any] | None) -> bool:
    """Close the screens above `screen` (when none holds an unsent line); True if done."""
    if screen is None or unsent_above(app, screen):
        return False
    screen.pop_until_active()
    return True


def back_to_meeting(app: App[Any], meeting_id: int, item_id: int | None) -> bool:
    """A meeting's capture screen already open lower down is gone back to, at the item
    (read again: the screens above may have changed it), not opened a second time."""
    from minutes_tui.screens.capture import CaptureScreen

    earlier = [
        s
        for s in app.screen_stack[:-1]
        if isinstance(s, CaptureScreen) and s.meeting_id == meeting_id
    ]
    if not earlier or not back_to(app, earlier[-1]):
        return False
    earlier[-1].reload_all(item_id)
    return True
