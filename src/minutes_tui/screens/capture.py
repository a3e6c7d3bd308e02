"""The live capture screen: the agenda, the log of the current item, the capture line.

Enter stores the line in one transaction before the line clears, so what was
entered survives a crash. Up/Down recall an earlier entry to edit it in place;
ctrl+z undoes the last line, ctrl+y redoes it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from minutes_tui.capture.unparse import recall
from minutes_tui.domain.display import clip, language_name, short_date
from minutes_tui.domain.language import DEFAULT_LANGUAGE
from minutes_tui.domain.text import clean_text
from minutes_tui.domain.translate import _
from minutes_tui.domain.vocabulary import style_name
from minutes_tui.screens.capture_keys import CAPTURE_BINDINGS
from minutes_tui.screens.capture_review import CaptureReview
from minutes_tui.widgets.capture_line import CaptureLine
from minutes_tui.widgets.key_footer import KeyFooter
from minutes_tui.widgets.log_view import CaptureLog, format_elapsed
from minutes_tui.widgets.pauses import settle
from minutes_tui.widgets.phrases import Phrasebook
from minutes_tui.widgets.review_list import ReviewList

if TYPE_CHECKING:
    from collections.abc import Callable

    from minutes_tui.domain.snapshot import ItemData
    from minutes_tui.session.capture_session import CaptureSession
    from minutes_tui.store.log import LogLine
    from minutes_tui.store.models import Meeting
    from minutes_tui.store.refs import Applied, Ref
    from minutes_tui.store.store import Store

T = TypeVar("T")


class CaptureScreen(CaptureReview):
    AUTO_FOCUS = "#capture-line"
    BINDINGS = CAPTURE_BINDINGS

    def __init__(self, meeting_id: int, item_id: int | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.initial_item = item_id
        self.items: list[ItemData] = []
        self.lines: list[LogLine] = []
        self._session: CaptureSession | None = None
        self.recall_index: int | None = None
        self.draft = ""
        self.pane_reviews: dict[int, Ref] = {}
        self.started = 0.0

    @property
    def store(self) -> Store:
        store = self.minutes.store
        assert store is not None  # the app opens this screen only once the store is open
        return store

    @property
    def session(self) -> CaptureSession:
        if self._session is None:
            from minutes_tui.session.capture_session import CaptureSession

            self._session = CaptureSession(self.store, self.meeting_id, self.initial_item)
        return self._session

    @property
    def item_id(self) -> int | None:
        return self.session.item_id

    def compose(self) -> ComposeResult:
        with Horizontal(id="capture-header", classes="title-bar"):
            yield Static("", id="capture-heading")
            yield Static(_("elapsed {time}").format(time="00:00:00"), id="capture-clock")
        with Horizontal(id="capture-body"):
            with Vertical(id="sidebar"):
                yield Static(_("Agenda"), classes="pane-title")
                yield OptionList(id="agenda")
                yield Static(_("Previous actions"), id="review-title", classes="pane-title")
                yield ReviewList(id="review")
                yield Static("", id="participant-count")
                yield Static("", id="action-count")
            with Vertical(id="log-pane"):
                yield Static("", id="item-title", classes="pane-title")
                yield CaptureLog(id="log")
        yield Static("", id="capture-status")
        yield CaptureLine(on_enter=self.submit_line, id="capture-line")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#agenda", OptionList).can_focus = False
        from minutes_tui.widgets.grammar import seconds_since_start

        meeting = self.store.meeting(self.meeting_id)  # counted from its start when it is today's
        since = seconds_since_start(meeting.date, meeting.start_time, dt.datetime.now())
        self.started = self.minutes.clock() - since
        self.query_one("#sidebar").display = not self.minutes.state.sidebar_hidden
        self.minutes.fit_sidebar(self)  # the width remembered (alt+←/→)
        self.set_interval(1, self.tick)
        self.reload_all(self.initial_item)
        self.call_after_refresh(self.load_phrases)  # the log shows first
        self.call_after_refresh(self.warm_context)
        settle()  # the screen and its log live as long as the meeting is open (pauses.py)

    def warm_context(self) -> None:
        """Who can speak, read once the screen shows: the first Enter or ↑ parses with it,
        and read then, 500 participants made that ↑ 64 ms instead of 30 (make bench)."""
        self.session.context  # noqa: B018 (read for its cache)

    def load_phrases(self) -> None:
        """The body's own phrasing, to complete (read after the screen shows: a body of
        thousands of entries costs tens of ms; lines typed meanwhile are in what it reads)."""
        from minutes_tui.store.phrases import body_texts

        texts = body_texts(self.store, self.meeting_id)
        self.query_one(CaptureLine).completions.phrases = Phrasebook(texts)

    def on_resize(self) -> None:
        self.minutes.fit_sidebar(self)  # the log keeps its 40 columns in a smaller terminal

    def tick(self) -> None:
        elapsed = self.minutes.clock() - self.started
        self.query_one("#capture-clock", Static).update(
            _("elapsed {time}").format(time=format_elapsed(elapsed))
        )

    # ---- loading --------------------------------------------------------------------

    def reload_all(self, item_id: int | None = None) -> None:
        meeting = self.store.meeting(self.meeting_id)
        self.query_one("#capture-heading", Static).update(self.heading(meeting))
        self.items = self.store.load_items(self.meeting_id)
        if item_id is None or item_id not in {i.id for i in self.items}:
            item_id = self.items[-1].id if self.items else None
        self.refresh_context()
        self.refresh_reviews()
        self.show_item(item_id)

    def heading(self, meeting: Meeting) -> Text:
        parts = [
            meeting.body,
            meeting.title,
            meeting.session,
            short_date(meeting.date),
            style_name(meeting.style),
            # A record in another language says so: its due words are that language's.
            None if meeting.language == DEFAULT_LANGUAGE else language_name(meeting.language),
        ]
        text = Text(f" {clean_text(meeting.sensitivity)} ", style="bold reverse")
        # Cleaned: a database written before text.py may hold terminal escapes.
        text.append(" " + clean_text(" · ".join(p for p in parts if p)))
        circulated = self.store.circulation(self.meeting_id)
        if circulated is not None:  # out for comments: the rapporteur should know
            reason, due = circulated
            until = " " + _("until {date}").format(date=short_date(due)) if due else ""
            text.append(f" · ✉ {reason}{until}", style="bold")
        return text

    def refresh_context(self) -> None:
        self.session.forget_context()
        speakers, organisations = self.store.completion_names(self.meeting_id)
        self.query_one(CaptureLine).completions.update(
            speakers, organisations, self.store.owner_names()
        )
        participants, actions = self.store.counts(self.meeting_id)
        labels = (_("Participants"), _("Actions"))
        width = max(len(label) for label in labels) + 2  # the two counts in one column
        self.query_one("#participant-count", Static).update(f"{labels[0]:<{width}}{participants}")
        self.query_one("#action-count", Static).update(f"{labels[1]:<{width}}{actions}")

    def show_item(self, item_id: int | None) -> None:
        self.session.item_id = item_id
        agenda = self.query_one("#agenda", OptionList)
        agenda.clear_options()
        agenda.add_options(
            # Text, not a str: a stored title is never read as markup or escape codes.
            Option(Text(clean_text(f"{i.label + ' ' if i.label else ''}{i.title}")), id=str(i.id))
            for i in self.items
        )
        current = next((n for n, i in enumerate(self.items) if i.id == item_id), None)
        agenda.highlighted = current
        item = self.items[current] if current is not None else None
        title = f"{item.label or ''} {item.title}".strip() if item else _("Before the agenda")
        self.query_one("#item-title", Static).update(Text(clean_text(title)))
        self.lines = self.store.item_log(self.meeting_id, item_id)
        self.query_one("#log", CaptureLog).set_rows(self.lines)
        self.end_recall()
        self.scroll_log_end()

    def scroll_log_end(self) -> None:
        log = self.query_one("#log", CaptureLog)
        if self.lines:
            log.highlighted = len(self.lines) - 1
        log.scroll_end(animate=False)

    def status(self, message: str, warnings: list[str] | None = None, error: bool = False) -> None:
        bar = self.query_one("#capture-status", Static)
        text = Text(message, style="bold red" if error else "")
        for warning in warnings or []:
            text.append(f"  ⚠ {warning}", style="yellow")
        bar.update(text, layout=False)  # one line high (app.tcss): no layout on Enter

    # ---- Enter ----------------------------------------------------------------------

    def submit_line(self, line: str) -> None:
        """Enter: store the line in one transaction, then clear it (or keep it on failure)."""
        if self.recall_index is not None:
            self.save_edit(line)
            return
        if not line.strip():
            return
        result = self.run_write(lambda: self.session.submit(line))
        if result is None:
            return  # the line stays in the input: nothing typed is lost
        self.query_one(CaptureLine).value = ""
        self.after_write(result)

    def run_write(self, write: Callable[[], T]) -> T | None:
        """Run a store write; on failure keep everything as it is and say why."""
        from minutes_tui.store.errors import StoreError

        try:
            return write()
        except StoreError as exc:  # the store wraps every database failure in one
            self.status(str(exc), error=True)
        except OSError as exc:
            self.status(
                _("Not saved: {error}. Your text is still in the line.").format(error=exc.strerror),
                error=True,
            )
        return None

    def after_write(self, result: Applied) -> None:
        self.status(result.message, result.warnings)
        if result.kind == "blank":
            return
        if result.kind == "item":
            self.items = self.store.load_items(self.meeting_id)
            self.show_item(result.item_id)
            return
        if result.kind in ("participants", "next"):
            self.refresh_context()
            return
        log = self.query_one("#log", CaptureLog)
        for line in result.lines:
            self.lines.append(line)
            log.append(line)
            if not line.confidential:  # a `!` line's words never show as completions
                self.query_one(CaptureLine).completions.phrases.learn(line.text)
        if result.kind in ("action", "subitem", "review"):
            self.refresh_context()
        if result.kind == "review":
            self.refresh_reviews()
        self.scroll_log_end()

    # ---- agenda and other screens ---------------------------------------------------

    def action_move_item(self, step: int) -> None:
        if not self.items:
            return
        ids = [i.id for i in self.items]
        index = ids.index(self.item_id) if self.item_id in ids else len(ids)
        index = min(max(index + step, 0), len(ids) - 1)
        self.show_item(ids[index])

    @on(CaptureLine.MultiLinePaste)
    def paste_lines(self, event: CaptureLine.MultiLinePaste) -> None:
        """Show what a multi-line paste would store; y stores it in one step."""
        from minutes_tui.screens.confirm import ConfirmScreen

        lines = event.lines
        kinds = [entry.kind for entry in self.session.preview(lines)]
        shown = [f"{k:<12} {clip(line, 60)}" for k, line in zip(kinds, lines, strict=True)]
        more = (
            "\n" + _("… and {count} more").format(count=len(lines) - 12) if len(lines) > 12 else ""
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                self.status(_("Paste not stored; nothing changed."))
                return
            result = self.run_write(lambda: self.session.submit_paste(lines))
            if result is not None:
                self.reload_all(self.item_id)
                self.status(
                    result.message + " · " + _("ctrl+z undoes the whole paste"), result.warnings
                )

        self.app.push_screen(
            ConfirmScreen(
                _("Store {count} pasted lines as {count} entries?").format(count=len(lines)),
                "\n".join(shown[:12]) + more,
            ),
            answered,
        )

    def action_finalize(self) -> None:
        from minutes_tui.screens.finalize import finalize_meeting

        finalize_meeting(self)

    def action_confidential(self) -> None:
        """Mark the recalled (or last) entry confidential, or not any more."""
        if not self.lines:
            self.status(_("Nothing under this item to mark confidential."))
            return
        index = self.recall_index if self.recall_index is not None else len(self.lines) - 1
        target = self.lines[index]
        try:
            on = self.run_write(
                lambda: self.session.toggle_confidential(target.ref, recall(target))
            )
        except ValueError as exc:
            self.status(str(exc), error=True)
            return
        if on is None:
            return
        self.end_recall(restore_draft=True)
        self.show_item(self.item_id)
        self.status(
            "Confidential: left out of exports unless included."
            if on
            else "No longer confidential."
        )

    def action_export(self) -> None:
        from minutes_tui.screens.export import ExportScreen

        data = self.store.load(self.meeting_id)

        def exported(path: object) -> None:
            if path is not None:
                self.status(_("Exported to {path}").format(path=path))

        self.app.push_screen(ExportScreen(data, self.store.home.exports_dir), exported)

    def action_circulate(self) -> None:
        from minutes_tui.screens.circulate import CirculateScreen

        def circulated(path: object) -> None:
            if path is not None:
                self.status(_("E-mail draft written: {path}").format(path=path))
                self.query_one("#capture-heading", Static).update(
                    self.heading(self.store.meeting(self.meeting_id))
                )

        data = self.store.load(self.meeting_id)
        self.app.push_screen(CirculateScreen(data, self.store.home.exports_dir), circulated)

    def action_edit_meeting(self) -> None:
        from minutes_tui.screens.new_meeting import NewMeetingScreen, meeting_details

        def saved(changed: int | None) -> None:
            if changed is not None:
                self.reload_all(self.item_id)
                self.status(_("Meeting details saved."))

        form = NewMeetingScreen(
            meeting_details(self.store, self.meeting_id), edit_id=self.meeting_id
        )
        self.app.push_screen(form, saved)

    def action_participants(self) -> None:
        from minutes_tui.screens.participants import ParticipantsScreen

        def back(_result: None) -> None:
            self.reload_all(self.item_id)  # ctrl+z there may have undone more than people

        self.app.push_screen(ParticipantsScreen(self.meeting_id), back)
