"""The capture line: an Input that suggests known speakers, organisations and owners.

The suggestion is shown as ghost text after the cursor; Right (or End) accepts it,
as in Textual's own `Input`. Suggestions come from lists held in memory, so they
cost nothing per keystroke.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.suggester import Suggester
from textual.widgets import Input

from minutes_tui.widgets.grammar import PLACEHOLDER_SECONDS, placeholder_at
from minutes_tui.widgets.phrases import Phrasebook


def _complete(prefix: str, candidates: list[str]) -> str | None:
    """The first candidate that starts with prefix (case-insensitive) and is longer."""
    folded = prefix.casefold()
    for candidate in candidates:
        if len(candidate) > len(prefix) and candidate.casefold().startswith(folded):
            return candidate
    return None


class CaptureSuggester(Suggester):
    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.speakers: list[str] = []
        self.organisations: list[str] = []
        self.owners: list[str] = []
        self.phrases = Phrasebook()  # the body's phrasing (the screen fills it)

    def update(self, speakers: list[str], organisations: list[str], owners: list[str]) -> None:
        self.speakers = sorted(set(speakers), key=str.casefold)
        self.organisations = sorted(set(organisations), key=str.casefold)
        self.owners = sorted(set(owners) | set(organisations), key=str.casefold)

    async def get_suggestion(self, value: str) -> str | None:
        return suggest(value, self.speakers, self.organisations, self.owners, self.phrases)


def suggest(
    value: str,
    speakers: list[str],
    organisations: list[str],
    owners: list[str],
    phrases: Phrasebook | None = None,
) -> str | None:
    """The whole line with its completion, or None."""
    # Inside an open owners bracket: complete the owner being typed.
    opened, closed = value.rfind("["), value.rfind("]")
    if opened > closed:
        inside = value[opened + 1 :]
        cut = max(inside.rfind(";"), inside.rfind(","))
        current = inside[cut + 1 :].lstrip()
        if current:
            found = _complete(current, owners)
            if found:
                return value + found[len(current) :]
        return None
    if value.startswith("@") and len(value) > 2:
        found = _complete(value[1:], speakers)
        return f"@{found} " if found else None
    if value.startswith("/p ") and len(value) > 4:
        found = _complete(value[3:], organisations)
        return f"/p {found}: " if found else None
    for command in ("/d ", "/k ", ""):
        if value.startswith(command) and (command or not value.startswith("/")):
            rest = value[len(command) :]
            if len(rest) >= 2 and ":" not in rest:
                found = _complete(rest, speakers)
                if found:
                    return f"{command}{found}: "
            # What was said: the body's phrasing, or the word being typed.
            text = rest.partition(": ")[2] if ": " in rest else rest
            more = phrases.complete(text) if phrases is not None else None
            return value + more if more else None
    return None


class CaptureLine(Input):
    """The line the rapporteur types into; it keeps focus while the meeting runs.

    Enter is handled in the Input's own key handler, in order with the characters
    around it. As a binding it would run only after the key bubbled up to the App and
    back, behind keys already queued: a fast typist's (or a laggy terminal's) next
    words would land in the line before it was stored, and be stored with it.
    """

    # Each keystroke (and the clearing on Enter) changes the text's width; the line's own
    # size never changes, so that must repaint the line, not lay out the whole screen
    # (Widget's virtual_size asks for a layout: ~2 ms a frame, on every key).
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, on_enter: Callable[[str], None] | None = None, **kwargs: Any) -> None:
        self.on_enter = on_enter
        self.completions = CaptureSuggester()
        super().__init__(
            placeholder=placeholder_at(0),
            suggester=self.completions,
            # Focus must never select the draft: the next keystroke would replace it.
            select_on_focus=False,
            **kwargs,
        )

    class MultiLinePaste(Message):
        """Several lines pasted at once: the screen stores them as one entry a line."""

        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    def _on_paste(self, event: events.Paste) -> None:
        # Input keeps only the first line of a paste; a rapporteur pasting notes from a
        # chat or a document means every line (a pasted list stays a list).
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            event.stop()
            event.prevent_default()  # Input's own handler would insert the first line
            self.post_message(self.MultiLinePaste(lines))

    def on_mount(self) -> None:
        # The placeholder teaches the grammar a form at a time; it follows the app's clock
        # (injectable), so a snapshot always shows the same one.
        self.set_interval(PLACEHOLDER_SECONDS / 2, self.rotate_placeholder)

    def rotate_placeholder(self) -> None:
        clock: Callable[[], float] = getattr(self.app, "clock", time.monotonic)
        self.placeholder = placeholder_at(clock())

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.on_enter is not None:
            event.stop()
            event.prevent_default()
            self.on_enter(self.value)
            return
        if event.key == "tab" and self._suggestion and self.cursor_at_end:
            # Tab takes the completion, as → does (and moves focus only when there is none).
            event.stop()
            event.prevent_default()
            self.value = self._suggestion
            self.cursor_position = len(self.value)
            return
        await super()._on_key(event)
