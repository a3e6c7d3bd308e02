"""The export dialog (ctrl+e): format, style, redaction, path; the file is written in a worker."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Checkbox, Input, Label, Select, Static

from minutes_tui.domain.snapshot import MeetingData
from minutes_tui.domain.translate import N_, _
from minutes_tui.domain.vocabulary import STYLE_CHOICE_NAMES, STYLES
from minutes_tui.screens.base import BaseModal, DialogBody
from minutes_tui.widgets.key_footer import KeyFooter

FORMATS = [
    ("Word (.docx)", "docx"),
    ("Markdown (.md)", "md"),
    ("PDF (LibreOffice)", "pdf"),
]  # names
STYLE_CHOICES = [(STYLE_CHOICE_NAMES[s], s) for s in STYLES]


class ExportScreen(BaseModal[Path | None]):
    BINDINGS = [
        Binding(
            "escape", "cancel", N_("Cancel"), id="export.cancel", tooltip=N_("Close; write nothing")
        ),
        Binding(
            "ctrl+s",
            "export",
            N_("Export"),
            id="export.run",
            tooltip=N_("Write the file"),
            priority=True,
        ),
    ]

    def __init__(self, data: MeetingData, exports_dir: Path) -> None:
        super().__init__()
        self.data = data
        self.exports_dir = exports_dir
        self.shown_default = str(self.default_path())  # what the path field was given

    def compose(self) -> ComposeResult:
        with DialogBody(classes="dialog", id="export-dialog"):
            yield Static(
                _("Export · {title}").format(title=self.data.title), classes="dialog-title"
            )
            with Grid(classes="form-grid"):
                yield Label(_("Format"))
                yield Select(
                    FORMATS, value="docx", allow_blank=False, id="export-format", compact=True
                )
                yield Label(_("Style"))
                yield Select(
                    STYLE_CHOICES,
                    value=self.data.style,
                    allow_blank=False,
                    id="export-style",
                    compact=True,
                )
                yield Label(_("Redact"))
                yield Checkbox(_("replace personal names"), id="export-redact", compact=True)
                yield Label(_("Confidential"))
                yield Checkbox(
                    _("include confidential entries (!)"), id="export-confidential", compact=True
                )
                yield Label(_("Path"))
                yield Input(self.shown_default, id="export-path", compact=True)
            yield Static(
                _("ctrl+s (or Enter in Path) writes the file; Esc cancels."),
                id="export-result",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        # Focus on the first choice, not the path: a reflex Enter opens the format list and
        # writes nothing; the file is written by ctrl+s, or Enter once in the path.
        self.query_one("#export-format", Select).focus()
        path = self.query_one("#export-path", Input)
        path.cursor_position = len(path.value)

    def default_path(self) -> Path:
        from minutes_tui.record.export import default_export_path

        fmt = str(self.query_one("#export-format", Select).value) if self.is_mounted else "docx"
        style = str(self.query_one("#export-style", Select).value) if self.is_mounted else None
        redact = self.query_one("#export-redact", Checkbox).value if self.is_mounted else False
        secret = self.is_mounted and self.query_one("#export-confidential", Checkbox).value
        return default_export_path(
            self.exports_dir, self.data, fmt, style or self.data.style, redact, secret
        )

    @on(Select.Changed)
    @on(Checkbox.Changed)  # a redacted or confidential export gets its own name
    def refresh_path(self) -> None:
        # A path the user typed is theirs; only the default we filled in follows the choices.
        field = self.query_one("#export-path", Input)
        if field.value == self.shown_default:
            self.shown_default = str(self.default_path())
            field.value = self.shown_default

    @on(Input.Submitted, "#export-path")
    def submitted(self) -> None:
        self.action_export()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def protected(self) -> Path:
        """The data home's db/ folder, never an export target (a rename there could replace
        the live database). The home is the parent of the exports folder."""
        home = getattr(self.app, "home", None)
        return Path(home.db_dir) if home is not None else self.exports_dir.parent / "db"

    def action_export(self) -> None:
        from minutes_tui.record.export import ExportError, default_export_name
        from minutes_tui.record.safe_write import export_target, free_name
        from minutes_tui.screens.overwrite import Choice, OverwriteScreen

        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self.query_one("#export-result", Static).update(_("Give a path to write to."))
            return
        fmt = str(self.query_one("#export-format", Select).value)
        style = str(self.query_one("#export-style", Select).value)
        redact = self.query_one("#export-redact", Checkbox).value
        secret = self.query_one("#export-confidential", Checkbox).value
        name = default_export_name(self.data, fmt, style, redact, secret)
        try:  # a string: a trailing "/" marks a folder
            target = export_target(path, name, [self.protected()])
            taken = os.path.lexists(target)
            new_name = free_name(target).name if taken else ""
        except (ExportError, OSError) as exc:
            self.failed(exc.message if isinstance(exc, ExportError) else str(exc))
            return

        def write(overwrite: bool) -> None:
            # A PDF takes LibreOffice a few seconds: the worker keeps the app responsive.
            self.query_one("#export-result", Static).update(
                "Converting to PDF with LibreOffice…" if fmt == "pdf" else "Exporting…"
            )
            self.write_file(fmt, style, redact, path, secret, overwrite)

        def answered(choice: Choice | None) -> None:
            if choice is None:
                result = self.query_one("#export-result", Static)
                result.update(
                    Text(_("Nothing written; {name} is as it was.").format(name=target.name))
                )
                return
            write(choice == "overwrite")

        if taken:  # never replace an earlier export (perhaps edited in Word) silently
            self.app.push_screen(OverwriteScreen(str(target), new_name), answered)
            return
        write(False)

    @work(thread=True, exclusive=True, group="export")
    def write_file(
        self,
        fmt: str,
        style: str,
        redact: bool,
        out: str,
        include_confidential: bool = False,
        overwrite: bool = False,
        also: tuple[str, ...] = (),
        keep: bool = False,
    ) -> None:
        from minutes_tui.record.export import ExportError, UnknownNamesFound, export

        try:
            written = export(
                self.data,
                fmt,
                style,
                out,
                redact,
                protected=[self.protected()],
                include_confidential=include_confidential,
                overwrite=overwrite,
                also=also,
                keep=keep,
            )
        except UnknownNamesFound as exc:  # ask, then write again as the user chose
            again = (fmt, style, redact, out, include_confidential, overwrite)
            self.minutes.call_from_thread(self.ask_unknown, exc.names, again)
            return
        except ExportError as exc:
            self.minutes.call_from_thread(self.failed, str(exc))
            return
        self.minutes.call_from_thread(self.done, written)

    def ask_unknown(self, names: list[str], again: tuple[str, str, bool, str, bool, bool]) -> None:
        from minutes_tui.screens.unknown_names import UnknownNamesScreen

        def chosen(answer: str | None) -> None:
            if answer is None:
                self.failed(_("Not exported: names the database does not know were left to you."))
            elif answer == "redact":
                self.write_file(*again, also=tuple(names))
            else:
                self.write_file(*again, keep=True)

        self.minutes.push_screen(UnknownNamesScreen(names), chosen)

    def failed(self, message: str) -> None:
        self.query_one("#export-result", Static).update(Text(f"⚠ {message}"))

    def done(self, written: Path) -> None:
        self.minutes.notify(
            _("Exported to {path}").format(path=written), title=_("Record exported"), timeout=10
        )
        self.dismiss(written)
