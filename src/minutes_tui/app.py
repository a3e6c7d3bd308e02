"""The Textual app: the meetings list first, the store opened in a worker behind it.

The first frame waits for nothing heavy: SQLAlchemy, Alembic and the grammar are
imported by the worker that opens the store, while the meetings list is read with
the standard sqlite3 module.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from minutes_tui.config import Home
from minutes_tui.config.settings import Settings, State, load_settings
from minutes_tui.domain import translate
from minutes_tui.domain.translate import N_, _
from minutes_tui.store.backend import backend_for
from minutes_tui.widgets.messages import StoreReady
from minutes_tui.widgets.pauses import settle

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from minutes_tui.store.store import Store


# The agenda pane's width in columns (state.json): app.tcss's 30 until it is changed.
SIDEBAR_DEFAULT, SIDEBAR_MIN, SIDEBAR_MAX = 30, 16, 80
SIDEBAR_STEP = 4
LOG_MIN = 40  # columns the capture log keeps, however wide the pane is made
# A meeting left open with ctrl+q and changed this recently is still running: reopened.
REOPEN_WITHIN = dt.timedelta(hours=3)


class MinutesApp(App[None]):
    TITLE = "minutes"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="app.help",
                tooltip=N_("The capture grammar, keys, data home")),
        # `?` opens help too where it is not typed: an Input takes it first.
        Binding("question_mark", "help", N_("Help"), id="app.help_key", show=False),
        Binding("ctrl+b", "toggle_sidebar", N_("Agenda pane"), id="app.toggle_sidebar",
                show=False, tooltip=N_("Hide or show the agenda pane (remembered)")),
        # alt+←/→: an xterm sends them as one key (ESC [1;3D); ctrl+←/→ move by word in
        # the capture line, which has focus while typing.
        Binding("alt+right", "sidebar_width(1)", N_("Wider pane"), id="app.widen_sidebar",
                show=False, key_display="alt+→",
                tooltip=N_("Widen the agenda pane (remembered; the log keeps 40 columns)")),
        Binding("alt+left", "sidebar_width(-1)", N_("Narrower pane"), id="app.narrow_sidebar",
                show=False, key_display="alt+←",
                tooltip=N_("Narrow the agenda pane (remembered)")),
        # footers keep room for the screen's keys; F1 and the palette list ctrl+q
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", show=False,
                tooltip=N_("Leave minutes (everything entered is saved)")),
        Binding("f3", "open_actions", N_("Actions"), id="app.actions",
                tooltip=N_("Every follow-up action across meetings")),
        Binding("f4", "open_search", N_("Search"), id="app.search",
                tooltip=N_("Search every meeting (full text)")),
    ]  # fmt: skip

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: it carries what a rapporteur typed, titles and
        paths, where "[OCHA]" is an owner, not markup to swallow."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def __init__(
        self,
        home: Home,
        open_meeting: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        settings: Settings | None = None,
        state: State | None = None,
    ) -> None:
        super().__init__()
        self.home = home
        # Where the records live, chosen once: the store opens on this backend.
        self.backend = backend_for(home)
        self.home_label = self.backend.label  # how titles and help name the data home
        self.settings = settings or load_settings()
        if self.settings.interface_language:  # config.toml wins over the locale
            translate.use(self.settings.interface_language)
        self.state = state or State.load(self.settings.path.parent if self.settings.path else None)
        self.open_meeting = open_meeting
        self.clock = clock  # injectable so snapshots of the elapsed timer are stable
        self.store: Store | None = None
        self.store_error: str | None = None
        self.keys_before_store = False  # keys pressed on the list while the store opened

    def on_mount(self) -> None:
        from minutes_tui.screens.meetings import MeetingsScreen

        self.apply_settings()
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
            store = Store.open(self.home, on_wait=self._waiting_for_writer, backend=self.backend)
        except StoreError as exc:
            self.call_from_thread(self._store_opened, None, str(exc))
            return
        except Exception as exc:  # a database error: say it, never a traceback
            self.call_from_thread(
                self._store_opened, None, _("Cannot open the database: {error}").format(error=exc)
            )
            return
        self.call_from_thread(self._store_opened, store, None)

    def _waiting_for_writer(self) -> None:
        """Another program holds the write lock (a migration, a long import): say so."""
        message, title = _("Waiting for another program writing to the database…"), _("Please wait")
        if threading.get_ident() == self._thread_id:
            self.notify(message, title=title, timeout=10)
        else:
            self.call_from_thread(self.notify, message, title=title, timeout=10)

    def _store_opened(self, store: Store | None, error: str | None) -> None:
        from minutes_tui.screens.meetings import MeetingsScreen

        self.store, self.store_error = store, error
        if store is not None:
            store.on_wait = self._waiting_for_writer
        # Everything loaded so far (Textual, SQLAlchemy, the screens) lives as long as
        # the app: out of the cyclic GC's full collections, which otherwise pause an
        # Enter now and then for 40-80 ms (pauses.py; bench/run.py, "Enter -> visible").
        settle()
        meeting, self.open_meeting = self.open_meeting, None
        if meeting is not None:
            self.push_screen(MeetingsScreen())
        if error:
            self.notify(error, title=_("Cannot open the database"), severity="error", timeout=30)
        self.screen.post_message(StoreReady(error))
        reopened = None
        if store is not None and meeting is None:
            meeting = reopened = self.meeting_to_reopen(store)
        if store is not None and meeting is not None:
            self.open_meeting_screen(meeting)
        if reopened is not None:  # the landing is said, and how to reach the list
            self.notify(_("Reopened where you left it: Esc goes to the meetings list."), timeout=6)

    async def on_event(self, event: events.Event) -> None:
        # A key pressed before the store is open was meant for the list on screen.
        if isinstance(event, events.Key) and self.store is None:
            self.keys_before_store = True
        await super().on_event(event)

    def open_capture(self, meeting_id: int, item_id: int | None = None) -> None:
        from minutes_tui.screens.capture import CaptureScreen
        from minutes_tui.screens.stack import back_to_meeting

        self.remember_meeting(meeting_id)
        if not back_to_meeting(self, meeting_id, item_id):  # open lower down: back to it
            self.push_screen(CaptureScreen(meeting_id, item_id))

    def open_meeting_screen(self, meeting_id: int, replace: bool = False) -> None:
        """A draft opens for capture; a final meeting opens as its read-only record."""
        from minutes_tui.screens.capture import CaptureScreen
        from minutes_tui.screens.record import RecordScreen

        assert self.store is not None
        self.remember_meeting(meeting_id)
        final = self.store.meeting(meeting_id).status == "final"
        screen = RecordScreen(meeting_id) if final else CaptureScreen(meeting_id)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _push_once(
        self, screen_type: type[Screen[Any]], make: Callable[[], Screen[Any]], reuse: bool = False
    ) -> None:
        """Open a screen unless it is the one shown. With `reuse` (search, the tracker),
        one already open lower down is gone back to, as left (its query kept), so
        search → meeting → F4 → another meeting stays two Esc from where it started."""
        if self.store is None:
            self.notify(self.store_error or _("The database is still opening."), severity="warning")
            return
        if isinstance(self.screen, screen_type):
            return
        from minutes_tui.screens.stack import back_to

        earlier = [s for s in self.screen_stack if isinstance(s, screen_type)] if reuse else []
        if not back_to(self, earlier[-1] if earlier else None):
            self.push_screen(make())

    def action_open_actions(self) -> None:
        from minutes_tui.screens.actions import ActionsScreen

        self._push_once(ActionsScreen, ActionsScreen, reuse=True)

    def action_open_search(self) -> None:
        from minutes_tui.screens.search import SearchScreen

        self._push_once(SearchScreen, SearchScreen, reuse=True)

    # ---- settings and remembered state ----------------------------------------------

    def apply_settings(self) -> None:
        settings = self.settings
        if settings.keymap:
            self.set_keymap(settings.keymap)
        theme = settings.theme_env or self.state.theme or settings.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        elif theme:
            settings.problems.append(_("there is no theme {theme!r}").format(theme=theme))
        self.remember_theme = True
        for problem in settings.problems:
            self.notify(problem, title=_("Settings"), severity="warning", timeout=15)

    def watch_theme(self, theme: str) -> None:
        # Only a theme the user picks is remembered, not the one the settings start with.
        if getattr(self, "remember_theme", False) and theme != self.state.theme:
            self.state.theme = theme
            self.state.save()

    def remember_meeting(self, meeting_id: int) -> None:
        self.state.last_meeting[str(self.home.root)] = meeting_id
        self.state.save()

    def meeting_to_reopen(self, store: Store) -> int | None:
        """The meeting left open with ctrl+q if still running (a draft of today, or changed
        within REOPEN_WITHIN) and no key was pressed on the list meanwhile: otherwise the
        list, its cursor on it; a key meant for the list never lands in a capture line."""
        key = str(self.home.root)
        if key not in self.state.reopen:
            return None
        meeting_id = self.state.reopen.pop(key)
        self.state.save()
        if self.keys_before_store:
            return None
        try:
            meeting = store.meeting(meeting_id)
        except Exception:  # deleted since (or unreadable): the list is the place to start
            return None
        changed = meeting.updated_at
        changed = changed if changed.tzinfo else changed.replace(tzinfo=dt.UTC)  # models.now
        running = meeting.date == dt.date.today()
        running = running or dt.datetime.now(dt.UTC) - changed < REOPEN_WITHIN
        return meeting_id if meeting.status == "draft" and running else None

    # ---- app-wide keys ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from textual.screen import ModalScreen

        if action in ("open_actions", "open_search") and isinstance(self.screen, ModalScreen):
            return False  # behind a dialog: its footer shows its own keys only
        if action in ("toggle_sidebar", "sidebar_width"):
            return bool(self.screen.query("#sidebar"))
        if action == "help":
            from minutes_tui.screens.help import HelpScreen

            return not isinstance(self.screen, HelpScreen)
        return True

    def action_help(self) -> None:
        from minutes_tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def action_toggle_sidebar(self) -> None:
        for sidebar in self.screen.query("#sidebar"):
            sidebar.display = not sidebar.display
            self.state.sidebar_hidden = not sidebar.display
            self.state.save()

    def action_sidebar_width(self, step: int) -> None:
        """Widen or narrow the agenda pane by SIDEBAR_STEP columns; the width is remembered."""
        for sidebar in self.screen.query("#sidebar"):
            shown = sidebar.outer_size.width if sidebar.display else 0
            current = shown or self.state.sidebar_width or SIDEBAR_DEFAULT
            sidebar.display = True  # widening a hidden pane shows it
            self.state.sidebar_hidden = False
            widest = min(SIDEBAR_MAX, self.screen.size.width - LOG_MIN)
            width = max(SIDEBAR_MIN, min(current + step * SIDEBAR_STEP, widest))
            self.state.sidebar_width = width
            self.state.save()
            self.fit_sidebar(self.screen)

    def fit_sidebar(self, screen: Screen[Any]) -> None:
        """The remembered pane width, clamped so the log keeps LOG_MIN columns (on open,
        and when the terminal is resized); none remembered: the stylesheet's."""
        width, room = self.state.sidebar_width, screen.size.width - LOG_MIN
        for sidebar in screen.query("#sidebar"):
            if width is not None and room >= SIDEBAR_MIN:
                sidebar.styles.width = min(width, room)
                sidebar.styles.max_width = "100%"  # the clamp bounds it, not the sheet's 30%
            else:  # none remembered, or too narrow a terminal for both: the stylesheet's
                sidebar.styles.width = None
                sidebar.styles.max_width = None

    async def action_quit(self) -> None:
        """Quit; a typed line never entered is never lost silently (Esc warns the same way)."""
        from minutes_tui.screens.confirm import ConfirmScreen
        from minutes_tui.widgets.capture_line import CaptureLine

        if isinstance(self.screen, ConfirmScreen):
            return
        unsent = [line.value for line in self.screen.query(CaptureLine) if line.value.strip()]
        meeting_id = getattr(self.screen, "meeting_id", None)

        def leave() -> None:
            if isinstance(meeting_id, int):
                self.state.reopen[str(self.home.root)] = meeting_id
                self.state.save()
            self.exit()

        if not unsent:
            leave()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                leave()

        self.push_screen(
            ConfirmScreen(
                _("Quit without entering the line?"),
                _("Not saved: {line}\nPress n, then Enter to save it.").format(
                    line=unsent[0][:200]
                ),
            ),
            confirmed,
        )

    def prefill(self, line: Any, command: str) -> None:
        """A palette grammar entry: the command starts the line, the cursor after it."""
        line.value = command + line.value.lstrip()
        line.cursor_position = len(command)
        line.focus()

    def open_attendance(self, meeting_id: int) -> None:
        from minutes_tui.screens.attendance import AttendanceScreen

        self._push_once(AttendanceScreen, lambda: AttendanceScreen(meeting_id))

    # ---- the palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every binding of the screen is a palette entry, and so is every capture form."""
        from textual.widgets import Input

        from minutes_tui.widgets.capture_line import CaptureLine

        yield from super().get_system_commands(screen)
        yield SystemCommand(
            _("Help: capture grammar and keys (F1)"),
            _("Every capture form with an example, this screen's keys, where data lives"),
            self.action_help,
        )
        lines = list(screen.query(CaptureLine))
        if lines:
            from minutes_tui.widgets.grammar import GRAMMAR

            for form in GRAMMAR:
                if form.palette:
                    yield SystemCommand(
                        f"{_(form.palette)} ({form.command.strip()})",
                        _("Puts {command} in the capture line: {example}").format(
                            command=form.command.strip(), example=form.example
                        ),
                        lambda command=form.command: self.prefill(lines[0], command),
                    )
        if hasattr(screen, "meeting_id") and self.store is not None:
            yield SystemCommand(
                _("Mark present… (attendance)"),
                _("Tick who is present: space toggles, a marks everyone present"),
                lambda: self.call_later(self.open_attendance, screen.meeting_id),
            )
        seen: set[str] = set()
        # A focused Input's own bindings (delete a character, select all…) are editing
        # internals, not commands: they stay out of the palette.
        focused = None if isinstance(screen.focused, Input) else screen.focused
        for node in (focused, screen, self):
            if node is None:
                continue
            for binding in node.BINDINGS:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if binding.action in seen or binding.action in ("quit", "help"):
                    continue
                seen.add(binding.action)
                help_text = _(binding.tooltip or binding.description)
                key = binding.key_display or binding.key.split(",")[0]
                yield SystemCommand(
                    f"{_(binding.description)} ({key})",
                    help_text,
                    lambda node=node, action=binding.action: self.call_later(
                        node.run_action, action
                    ),
                )
