"""Import a record written before the tool, seen first: the rapporteur reads what was
recognised, fixes a misread heading, speaker or owner by editing its capture line, and
stores it (ctrl+s) — or leaves (escape) with nothing stored.

The file is read in a worker thread (a long PDF, or a hostile file refused only at a
limit, must not freeze the app): the screen says it is reading, escape stops waiting for
it, and a file that cannot be read is one sentence on the screen, never the app's end.

The lines are the capture grammar, so a fix is the line the rapporteur would have typed
(`/i 3 Title`, `@"WFP" raised …`, `/a Text [OCHA] by mid-August`); the count of items,
points, actions and participants below follows each edit.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static, TextArea
from textual.worker import Worker, WorkerState

from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.base import StoreScreen
from minutes_tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from minutes_tui.importer import Recognised


class ImportPreviewScreen(StoreScreen[int | None]):
    """Dismissed with the new meeting's id, or None when nothing was stored."""

    AUTO_FOCUS = "#import-path"
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="import.cancel",
            tooltip=N_("Stop reading the file; or leave, storing nothing"),
        ),
        Binding(
            "ctrl+s",
            "store_record",
            N_("Store"),
            id="import.store",
            tooltip=N_("Store the lines as a new draft meeting"),
            priority=True,
        ),
    ]

    def __init__(self, path: Path | None = None, body: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.body = body
        self.rec: Recognised | None = None
        self.reading: Worker[Recognised] | None = None

    def compose(self) -> ComposeResult:
        yield Static(_("Import a record"), id="import-title", classes="title-bar")
        yield Input(
            str(self.path or ""),
            placeholder=_("A record to import: .docx, .md, .txt or .pdf — Enter reads it"),
            id="import-path",
        )
        yield Static("", id="import-status")
        yield Static("", id="import-header", classes="pane-hint")
        yield Input(
            self.body or "",
            placeholder=_(
                "The body (as --body): a previous-actions table is matched against "
                "its earlier actions"
            ),
            id="import-body",
        )
        yield TextArea("", id="import-lines", soft_wrap=True, show_line_numbers=True)
        yield Static("", id="import-check", classes="pane-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.path is not None:
            self.load(self.path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "import-body":
            self.query_one("#import-lines", TextArea).focus()
        elif event.value.strip():
            self.load(Path(event.value.strip()).expanduser())

    def load(self, path: Path) -> None:
        """Read the file in a worker; `on_worker_state_changed` shows what it found."""
        from minutes_tui.session.import_record import read_record

        self.status(_("Reading {name}… (escape stops)").format(name=path.name))
        self.reading = self.run_worker(
            lambda: read_record(path, self.body),
            name=str(path),
            group="import-read",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker is not self.reading or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        self.reading = None
        path = Path(worker.name)
        if event.state is WorkerState.ERROR:
            self.failed(path, worker.error)
            return
        assert worker.result is not None
        self.shown(path, worker.result)

    def failed(self, path: Path, error: BaseException | None) -> None:
        from minutes_tui.reading.record_files import RecordFileError

        if isinstance(error, RecordFileError):
            message = str(error)
        else:  # a reader's bug, not the file's fault: still one sentence, the app stays
            message = _("{name}: could not be read ({error})").format(
                name=path.name, error=f"{type(error).__name__}: {error}"
            )
        self.status(message, error=True)
        self.notify(message, severity="error")

    def shown(self, path: Path, rec: Recognised) -> None:
        from minutes_tui.importer.describe import describe

        self.rec = rec
        self.path = path
        self.status("")
        self.query_one("#import-header", Static).update(describe(self.rec)[0])
        # the body recognised (or given), editable as the CLI's --body: the same store
        # function then matches the previous-action rows against that body's actions
        self.query_one("#import-body", Input).value = rec.header.body or ""
        area = self.query_one("#import-lines", TextArea)
        area.load_text("\n".join(self.rec.lines))
        area.focus()
        self.check()

    def status(self, message: str, error: bool = False) -> None:
        line = self.query_one("#import-status", Static)
        line.set_class(error, "import-error")
        line.update(Text(f"⚠ {message}") if error else Text(message))

    def edited(self) -> Recognised | None:
        if self.rec is None:
            return None
        lines = [line for line in self.query_one("#import-lines", TextArea).text.splitlines()]
        body = " ".join(self.query_one("#import-body", Input).value.split()) or None
        header = self.rec.header.model_copy(update={"body": body})
        return dataclasses.replace(
            self.rec, header=header, lines=[line for line in lines if line.strip()]
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "import-body":
            self.check()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.check()

    def check(self) -> None:
        from minutes_tui.importer.describe import count

        rec = self.edited()
        if rec is None:
            return
        c = count(rec)
        unplaced = "".join(f"\n  {u}" for u in rec.unplaced[:5])
        more = (
            "\n  " + _("… and {count} more").format(count=len(rec.unplaced) - 5)
            if len(rec.unplaced) > 5
            else ""
        )
        earlier = ""
        if rec.earlier:  # what ctrl+s does with them, said before it is done
            if rec.header.body:
                earlier = _(
                    "{count} previous action points: reviews of {body}'s earlier actions when "
                    "found on storing, else stored as carried actions"
                )
            else:
                earlier = _(
                    "{count} previous action points: reviews of no body's (give it above) "
                    "earlier actions when found on storing, else stored as carried actions"
                )
            earlier = "\n" + earlier.format(count=len(rec.earlier), body=rec.header.body)
        self.query_one("#import-check", Static).update(
            _(
                "{items} items · {points} points · {actions} actions ({owned} with owners)"
                " · {participants} participants · ctrl+s stores a draft, escape leaves"
            ).format(
                items=c.items,
                points=c.points,
                actions=c.actions,
                owned=c.owned,
                participants=c.participants,
            )
            + "\n"
            + _("Could not place {count} (kept as plain points):").format(count=len(rec.unplaced))
            + (unplaced or " " + _("nothing"))
            + more
            + earlier
        )

    def action_store_record(self) -> None:
        from minutes_tui.session.import_record import store_record

        rec = self.edited()
        if self.reading is not None:
            self.notify(_("Still reading the file: wait, or escape to stop."), severity="warning")
            return
        if rec is None or self.path is None:
            self.notify(_("Read a record first (its path, then Enter)."), severity="warning")
            return
        try:
            default = self.minutes.settings.default_sensitivity
            meeting = store_record(self.store, self.path, rec, None, default)
        except Exception as exc:  # a StoreError or a database error: say it, change nothing
            self.notify(_("Not stored: {error}").format(error=exc), severity="error")
            return
        self.notify(_("Imported as meeting {id} (a draft).").format(id=meeting))
        self.dismiss(meeting)

    def action_cancel(self) -> None:
        if self.reading is not None:  # stop waiting; the thread ends by its own limits
            self.reading.cancel()
            self.reading = None
            self.status(_("Stopped reading; give another path, or escape to leave."))
            return
        self.dismiss(None)
