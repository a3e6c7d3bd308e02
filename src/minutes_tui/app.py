"""The Textual app: the meetings list first, the store opened in a worker behind it.

The first frame waits for nothing heavy: SQLAlchemy, Alembic and the grammar are
imported by the worker that opens the store, while the meetings list is read with
the standard sqlite3 module.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from minutes_tui.config import Home
from minutes_tui.messages import StoreReady

if TYPE_CHECKING:
    from minutes_tui.store.store import Store


class MinutesApp(App[None]):
    TITLE = "minutes"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Leave minutes (everything is saved)"),
        Binding(
            "f3",
            "open_actions",
            "Actions",
            id="app.actions",
            tooltip="Every follow-up action across meetings",
        ),
        Binding(
            "f4",
            "open_search",
            "Search",
            id="app.search",
            tooltip="Search every meeting (full text)",
        ),
    ]

    def __init__(
        self,
        home: Home,
        open_meeting: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.home = home
        self.open_meeting = open_meeting
        self.clock = clock  # injectable so snapshots of the elapsed timer are stable
        self.store: Store | None = None
        self.store_error: str | None = None

    def on_mount(self) -> None:
        from minutes_tui.screens.meetings import MeetingsScreen

        # Straight into a meeting (`minutes open`): the list is pushed under it once
        # the store is open, so keys typed meanwhile never land on the list's bindings.
        if self.open_meeting is None:
            self.push_screen(MeetingsScreen())
        # After the first frame: importing SQLAlchemy in a worker thread meanwhile
        # slows the first paint (GIL) and puts its memory into the first frame.
        self.call_after_refresh(self.open_store)

    @work(thread=True, exclusive=True, group="store")
    def open_store(self) -> None:
        from minutes_tui.store.errors import StoreError
        from minutes_tui.store.store import Store

        try:
            store = Store.open(self.home, on_wait=self._waiting_for_writer)
        except StoreError as exc:
            self.call_from_thread(self._store_opened, None, str(exc))
            return
        except Exception as exc:  # a database error: say it, never a traceback
            self.call_from_thread(self._store_opened, None, f"Cannot open the database: {exc}")
            return
        self.call_from_thread(self._store_opened, store, None)

    def _waiting_for_writer(self) -> None:
        """Another program holds the write lock (a migration, a long import): say so."""
        message = "Waiting for another program writing to the database…"
        if threading.get_ident() == self._thread_id:
            self.notify(message, title="Please wait", timeout=10)
        else:
            self.call_from_thread(self.notify, message, title="Please wait", timeout=10)

    def _store_opened(self, store: Store | None, error: str | None) -> None:
        from minutes_tui.screens.meetings import MeetingsScreen

        self.store, self.store_error = store, error
        if store is not None:
            store.on_wait = self._waiting_for_writer
        # Everything loaded so far (Textual, SQLAlchemy, the screens) lives as long as
        # the app: keep it out of the cyclic GC, whose full collections otherwise pause
        # an Enter now and then for 40-80 ms (bench/run.py, "Enter -> visible").
        gc.freeze()
        meeting, self.open_meeting = self.open_meeting, None
        if meeting is not None:
            self.push_screen(MeetingsScreen())
        if error:
            self.notify(error, title="Cannot open the database", severity="error", timeout=30)
        self.screen.post_message(StoreReady(error))
        if store is not None and meeting is not None:
            self.open_meeting_screen(meeting)

    def open_capture(self, meeting_id: int, item_id: int | None = None) -> None:
        from minutes_tui.screens.capture import CaptureScreen

        self.push_screen(CaptureScreen(meeting_id, item_id))

    def open_meeting_screen(self, meeting_id: int, replace: bool = False) -> None:
        """A draft opens for capture; a final meeting opens as its read-only record."""
        from minutes_tui.screens.capture import CaptureScreen
        from minutes_tui.screens.record import RecordScreen

        assert self.store is not None
        final = self.store.meeting(meeting_id).status == "final"
        screen = RecordScreen(meeting_id) if final else CaptureScreen(meeting_id)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _push_once(self, screen_type: type[Screen[Any]], make: Callable[[], Screen[Any]]) -> None:
        if self.store is None:
            self.notify(self.store_error or "The database is still opening.", severity="warning")
            return
        if isinstance(self.screen, screen_type):
            return
        self.push_screen(make())

    def action_open_actions(self) -> None:
        from minutes_tui.screens.actions import ActionsScreen

        self._push_once(ActionsScreen, ActionsScreen)

    def action_open_search(self) -> None:
        from minutes_tui.screens.search import SearchScreen

        self._push_once(SearchScreen, SearchScreen)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every binding of the screen is also a palette entry."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for node in (screen.focused, screen, self):
            if node is None:
                continue
            for binding in node.BINDINGS:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if binding.action in seen or binding.action == "quit":
                    continue
                seen.add(binding.action)
                help_text = binding.tooltip or binding.description
                key = binding.key_display or binding.key.split(",")[0]
                yield SystemCommand(
                    f"{binding.description} ({key})",
                    help_text,
                    lambda node=node, action=binding.action: self.call_later(
                        node.run_action, action
                    ),
                )
