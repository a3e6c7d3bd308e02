"""The meetings list: newest first; Enter opens, n starts a new meeting, Delete/F8 moves
one to the trash, t shows the trash (where Enter restores), s syncs with the team archive."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, ProgressBar, Static

from minutes_tui.domain.text import clean_text
from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.incorporate_key import IncorporateKey
from minutes_tui.store.errors import StoreError
from minutes_tui.store.reads import MeetingRow
from minutes_tui.widgets.key_footer import KeyFooter
from minutes_tui.widgets.messages import StoreReady

if TYPE_CHECKING:
    from minutes_tui.team.sync import Progress, SyncResult

DATE_PREFIX = re.compile(r"^\d{4}(-\d{1,2}){0,2}$")


def matches(row: MeetingRow, query: str) -> bool:
    """Every token must match: words in body/title/session, body:X, a date prefix, is:STATUS."""
    haystack = " ".join(p for p in (row.body, row.title, row.session) if p).casefold()
    for token in query.casefold().split():
        if token.startswith("body:"):
            if token[5:] not in (row.body or "").casefold():
                return False
        elif token.startswith("is:"):
            if row.status != token[3:]:
                return False
        elif DATE_PREFIX.match(token):
            if not (row.date or "").startswith(token):
                return False
        elif token not in haystack:
            return False
    return True


FIRST_ROWS = 100  # shown before the whole list is read


# A meeting's status as the list shows it, in the interface's language ("projet").
STATUS_WORDS = {"draft": N_("draft"), "final": N_("final")}


def column_widths(width: int) -> tuple[int, int, int, int, int]:
    """Date, Body, Title, Session, Status: at 80 columns every column still shows."""
    # "draft ✉": circulated (minutes circulate); "définitif ✉" in French
    date, status = 10, max(7, *(len(_(word)) + 2 for word in STATUS_WORDS.values()))
    body = session = 18 if width >= 120 else 12
    gaps = 2 * 5 + 2  # the DataTable's cell padding and the scrollbar
    title = max(12, width - date - body - session - status - gaps)
    return date, body, title, session, status


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class MeetingsScreen(IncorporateKey):
    AUTO_FOCUS = "#meetings-table"
    # The footer keeps the daily keys; those with show=False are listed by F1 and the palette.
    BINDINGS = [
        Binding("enter", "open", N_("Open"), id="meetings.open",
                tooltip=N_("Open the selected meeting")),
        Binding("n", "new", N_("New"), id="meetings.new", tooltip=N_("Start a new meeting")),
        Binding("e", "edit", N_("Edit"), id="meetings.edit", show=False,
                tooltip=N_("Edit the selected meeting's details (title, date, place, chair…)")),
        Binding("i", "import_record", N_("Import"), id="meetings.import",
                tooltip=N_("Import a record written before the tool (Word, Markdown, text, PDF)")),
        Binding("f", "new_from", N_("Next"), id="meetings.new_from",
                tooltip=N_("Start the next meeting of the selected meeting's series")),
        Binding("slash", "filter", N_("Filter"), id="meetings.filter", key_display="/",
                tooltip=N_("Filter by words, body:NAME, a date (2020 or 2020-07) or is:final")),
        Binding("r", "reload", N_("Reload"), id="meetings.reload", show=False,
                tooltip=N_("Read the list again")),
        Binding("delete,f8", "trash", N_("To trash"), id="meetings.trash", show=False,
                tooltip=N_(
                    "Move the selected meeting to the trash (kept whole; t shows the trash)"
                )),
        Binding("t", "toggle_trash", N_("Trash"), id="meetings.toggle_trash", show=False,
                tooltip=N_("Show the trash (Enter restores a meeting) or the meetings again")),
        Binding("s", "sync", N_("Sync"), id="meetings.sync", show=False,
                tooltip=N_(
                    "Sync with the team archive: push this home's meetings, pull the others'"
                )),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[MeetingRow] = []
        self.in_trash = False  # the list shows the trash: Enter restores

    def compose(self) -> ComposeResult:
        # Which data home is open: a second home (a test one, a colleague's) is never mistaken.
        yield Static(
            Text(_("minutes · meetings · {home}").format(home=self.minutes.home_label)),
            id="meetings-title",
            classes="title-bar",
        )
        yield Input(
            placeholder=_("/ filter: words · body:OPAG · 2020-07 · is:final"), id="meetings-filter"
        )
        yield Static(_("Opening the database…"), id="meetings-empty")  # right under the header
        bar = ProgressBar(id="sync-progress", show_eta=False)
        bar.display = False  # shown while a sync runs
        yield bar
        table: DataTable[str] = DataTable(
            id="meetings-table", cursor_type="row", zebra_stripes=True
        )
        table.add_columns(_("Date"), _("Body"), _("Title"), _("Session"), _("Status"))
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load_rows()

    @on(StoreReady)
    def on_store_ready(self, event: StoreReady) -> None:
        if event.error:
            self.query_one("#meetings-empty", Static).update(Text(f"⚠ {event.error}"))
        elif not self.rows:
            # The list read on mount found nothing (or no schema yet): read it again
            # now the store is open. A list already shown is not read a second time.
            self.load_rows()

    def on_screen_resume(self) -> None:
        if self.minutes.store is not None:
            self.load_rows()

    def load_rows(self) -> None:
        if self.in_trash:
            self.show_trash()
        else:
            self.load_meetings()

    @work(thread=True, exclusive=True, group="meetings-list")
    def load_meetings(self) -> None:
        # A screenful first: with thousands of meetings, adding every row to the table
        # takes about a second (bench/run.py, "meetings list filled"); the whole list
        # follows and replaces it.
        backend = self.minutes.backend
        try:
            rows = backend.list_meetings(FIRST_ROWS, early=True)
            if rows is None:
                return  # a server: read once the store has connected (load_rows again)
            if len(rows) == FIRST_ROWS:
                self.minutes.call_from_thread(self.show_rows, rows)
                rows = backend.list_meetings(early=True) or []
        except StoreError:
            rows = []  # the store's own opening says what is wrong with the database
        self.minutes.call_from_thread(self.show_rows, rows)

    def show_rows(self, rows: list[MeetingRow]) -> None:
        self.rows = rows
        query = self.query_one("#meetings-filter", Input).value
        rows = [row for row in rows if matches(row, query)]
        table = self.query_one("#meetings-table", DataTable)
        first_fill = table.row_count == 0
        selected = table.cursor_row
        table.clear()
        widths = column_widths(self.size.width or 80)
        for row in rows:
            # Text, not str: a DataTable reads a str as markup ("[/b]" in a title raised).
            # Rich and Textual drop BEL but pass ESC through, and a database written
            # before text.py may hold escape sequences: cleaned here as well.
            word = _(STATUS_WORDS.get(row.status, row.status))
            status = f"{word} ✉" if row.circulated else word
            values = (row.date, row.body, row.title, row.session, status)
            table.add_row(
                *(
                    Text(shorten(clean_text(value or ""), width))
                    for value, width in zip(values, widths, strict=True)
                ),
                key=str(row.id),
            )
        empty = self.query_one("#meetings-empty", Static)
        store_ready = self.minutes.store is not None
        error = self.minutes.store_error
        if error:
            empty.update(Text(f"⚠ {error}"))
        elif rows:
            empty.update("")
        elif self.in_trash:
            empty.update(_("The trash is empty. Press t to go back to the meetings."))
        elif self.rows:
            empty.update(_("No meeting matches the filter. Esc, then / to change it."))
        elif store_ready:
            empty.update(_("No meetings yet. Press n to start one · F1: help, the capture grammar"))
        empty.display = bool(error) or not rows
        if rows and first_fill:
            selected = self.last_meeting_row(rows, selected)
        if rows:
            table.move_cursor(row=min(selected, len(rows) - 1))
        if not isinstance(self.focused, Input):
            table.focus()

    def last_meeting_row(self, rows: list[MeetingRow], default: int) -> int:
        """The row of the meeting opened last in this data home (remembered between runs)."""
        last = self.minutes.state.last_meeting.get(str(self.minutes.home.root))
        return next((n for n, row in enumerate(rows) if row.id == last), default)

    def on_resize(self) -> None:
        if self.rows:
            self.show_rows(self.rows)  # the Title column takes what the others leave

    def action_filter(self) -> None:
        self.query_one("#meetings-filter", Input).focus()

    @on(Input.Changed, "#meetings-filter")
    def filter_changed(self) -> None:
        self.show_rows(self.rows)

    @on(Input.Submitted, "#meetings-filter")
    def filter_done(self) -> None:
        self.query_one("#meetings-table", DataTable).focus()

    def key_escape(self) -> None:
        # Esc in the filter leaves it (the filter text stays, so the list stays narrowed).
        if isinstance(self.focused, Input):
            self.query_one("#meetings-table", DataTable).focus()

    def selected_id(self) -> int | None:
        table = self.query_one("#meetings-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_open(self) -> None:
        meeting_id = self.selected_id()
        if self.minutes.store is None or meeting_id is None:
            return
        if self.in_trash:
            self.minutes.store.restore_meeting(meeting_id)
            self.notify(_("Meeting {id} restored.").format(id=meeting_id))
            self.load_rows()
            return
        self.minutes.open_meeting_screen(meeting_id)

    def action_trash(self) -> None:
        """Move the selected meeting to the trash, once confirmed (restorable: t, Enter)."""
        from minutes_tui.screens.confirm import ConfirmScreen

        store, meeting_id = self.minutes.store, self.selected_id()
        if store is None or meeting_id is None or self.in_trash:
            return
        row = next(r for r in self.rows if r.id == meeting_id)
        name = clean_text(" · ".join(p for p in (row.date, row.body, row.title) if p))

        def confirmed(yes: bool | None) -> None:
            if yes:
                store.trash_meeting(meeting_id)
                self.notify(
                    _("Moved to the trash: {name}. Press t to see the trash.").format(name=name)
                )
                self.load_rows()

        self.minutes.push_screen(
            ConfirmScreen(
                _("Move this meeting to the trash?"), name + "\n" + _("(t shows the trash)")
            ),
            confirmed,
        )

    def action_toggle_trash(self) -> None:
        if self.minutes.store is None:
            return
        self.in_trash = not self.in_trash
        title = _("minutes · trash (Enter restores)") if self.in_trash else _("minutes · meetings")
        self.query_one("#meetings-title", Static).update(title)
        self.load_rows()

    def show_trash(self) -> None:
        store = self.minutes.store
        trashed = store.trashed_meetings() if store is not None else []
        self.show_rows(
            [
                MeetingRow(
                    m.id or 0,
                    m.date.isoformat() if m.date else None,
                    m.body,
                    m.title,
                    m.session,
                    m.status,
                    m.style,
                    m.sensitivity,
                    language=m.language,
                )
                for m in trashed
            ]
        )

    @on(DataTable.RowSelected)
    def on_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_new(self) -> None:
        from minutes_tui.screens.new_meeting import NewMeetingScreen

        if self.minutes.store is None:
            self.notify(_("The database is not open."), severity="error")
            return

        def created(meeting_id: int | None) -> None:
            if meeting_id is not None:
                self.minutes.open_capture(meeting_id)

        defaults = self.minutes.settings.new_meeting_defaults()
        self.minutes.push_screen(NewMeetingScreen(defaults), created)

    def action_import_record(self) -> None:
        from minutes_tui.screens.import_preview import ImportPreviewScreen

        if self.minutes.store is None:
            self.notify(_("The database is not open."), severity="error")
            return

        def imported(meeting_id: int | None) -> None:
            if meeting_id is not None:
                self.minutes.open_capture(meeting_id)

        self.minutes.push_screen(ImportPreviewScreen(), imported)

    def action_new_from(self) -> None:
        from minutes_tui.screens.new_meeting import NewMeetingScreen

        store = self.minutes.store
        previous = self.selected_id()
        if store is None or previous is None:
            self.notify(_("Select the previous meeting of the series first."), severity="warning")
            return

        def created(meeting_id: int | None) -> None:
            if meeting_id is not None:
                self.minutes.open_capture(meeting_id)

        self.minutes.push_screen(
            NewMeetingScreen(store.series_defaults(previous), previous_id=previous), created
        )

    def action_edit(self) -> None:
        from minutes_tui.screens.new_meeting import NewMeetingScreen, meeting_details

        store, meeting_id = self.minutes.store, self.selected_id()
        if store is None or meeting_id is None:
            self.notify(_("Select a meeting first."), severity="warning")
            return

        def saved(changed: int | None) -> None:
            if changed is not None:
                self.load_rows()

        details = meeting_details(store, meeting_id)
        self.minutes.push_screen(NewMeetingScreen(details, edit_id=meeting_id), saved)

    def action_reload(self) -> None:
        self.load_rows()

    # ---- sync with the team archive (team/sync.py), in a thread: the list stays live ----

    def action_sync(self) -> None:
        store = self.ready_store()
        if store is None:
            return
        url = self.minutes.settings.archive
        if not url:
            self.notify(
                _(
                    'No team archive: put archive = "postgresql://user@host/db" in config.toml '
                    "(F1 shows where it is)."
                ),
                severity="error",
            )
            return
        if any(w.group == "sync" and w.is_running for w in self.workers):
            self.notify(_("A sync is already running."))
            return
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.notify(_("Syncing with the team archive…"), timeout=3)
        self.run_sync(url)

    @work(thread=True, exclusive=True, group="sync")
    def run_sync(self, url: str) -> None:
        from minutes_tui.store.connect import archive_engine
        from minutes_tui.team.sync import sync

        store = self.minutes.store
        assert store is not None
        try:
            engine = archive_engine(url, check=False)
            try:
                result = sync(
                    store,
                    engine,
                    progress=lambda p: self.minutes.call_from_thread(self.sync_progress, p),
                )
            finally:
                engine.dispose()
        except StoreError as exc:
            self.minutes.call_from_thread(self.sync_done, None, str(exc))
            return
        self.minutes.call_from_thread(self.sync_done, result, None)

    def sync_progress(self, progress: Progress) -> None:
        if progress.phase == "wait":
            self.notify(_("Waiting for {title}'s sync…").format(title=progress.title))
            return
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=progress.total, progress=progress.done)

    def sync_done(self, result: SyncResult | None, error: str | None) -> None:
        self.query_one("#sync-progress", ProgressBar).display = False
        if result is None:
            self.notify(error or _("The sync failed."), severity="error")
            return
        self.notify(result.summary()[0].upper() + result.summary()[1:] + ".")
        self.load_rows()  # pulled meetings join the list
