"""The circulate dialog (ctrl+o): the record out for comments by a date, or the final
record; to the participants with an address, the body's list and any typed here. The
.eml draft is written (and sent, where [smtp] is configured and asked) in a worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Checkbox, Input, Label, Static

from minutes_tui.domain.display import long_date
from minutes_tui.domain.snapshot import MeetingData
from minutes_tui.domain.translate import N_, _, ngettext
from minutes_tui.screens.base import BaseModal, DialogBody
from minutes_tui.widgets.key_footer import KeyFooter

COMMENT_DAYS = 7  # the due date offered: a week, as secretariats usually give


class CirculateScreen(BaseModal[Path | None]):
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="circulate.cancel",
            tooltip=N_("Close; send nothing"),
        ),
        Binding(
            "ctrl+s",
            "circulate",
            N_("Write"),
            id="circulate.run",
            tooltip=N_("Write the e-mail draft (and send it, if asked)"),
            priority=True,
        ),
    ]

    def __init__(self, data: MeetingData, exports_dir: Path, today: dt.date | None = None):
        super().__init__()
        self.data = data
        self.exports_dir = exports_dir
        self.final = data.status == "final"
        self.today = today or dt.date.today()

    def compose(self) -> ComposeResult:
        if self.final:
            heading = _("Circulate the final record · {title}")
        else:
            heading = _("Circulate the draft for comments · {title}")
        addresses = [p.email for p in self.data.participants if p.email]
        with DialogBody(classes="dialog", id="circulate-dialog"):
            yield Static(heading.format(title=self.data.title), classes="dialog-title")
            yield Static(
                ngettext(
                    "To {count} participant with an address (/p … <name@org.int>) and the "
                    "body's list",
                    "To {count} participants with an address (/p … <name@org.int>) and the "
                    "body's list",
                    len(addresses),
                ).format(count=len(addresses))
                + (
                    f": {', '.join(addresses[:4])}{' …' if len(addresses) > 4 else ''}"
                    if addresses
                    else "."
                ),
                classes="dialog-detail",
                markup=False,
            )
            with Grid(classes="form-grid"):
                if not self.final:
                    yield Label(_("Comments by"))
                    # a week after today, or after the meeting when it is still to come
                    start = max(self.today, self.data.date or self.today)
                    due = start + dt.timedelta(days=COMMENT_DAYS)
                    yield Input(due.isoformat(), id="circulate-due", compact=True)
                yield Label(_("Also to"))
                yield Input(
                    placeholder=_("addresses, comma-separated"), id="circulate-to", compact=True
                )
                yield Label(_("Send"))
                yield Checkbox(
                    _("send it by the SMTP server too"), id="circulate-send", compact=True
                )
            yield Static(
                _("Enter (or ctrl+s) writes the .eml draft into the exports folder; Esc cancels."),
                id="circulate-result",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#circulate-due" if not self.final else "#circulate-to", Input).focus()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_circulate()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def say(self, text: str) -> None:
        self.query_one("#circulate-result", Static).update(text)

    def action_circulate(self) -> None:
        due: dt.date | None = None
        if not self.final:
            raw = self.query_one("#circulate-due", Input).value.strip()
            try:
                due = dt.date.fromisoformat(raw)
            except ValueError:
                self.say(
                    _("'{typed}' is not a date: YYYY-MM-DD, e.g. {today}.").format(
                        typed=raw[:30], today=self.today.isoformat()
                    )
                )
                return
            if due < self.today:
                self.say(
                    _("{date} has passed: comments are due on a later day.").format(
                        date=long_date(due)
                    )
                )
                return
        typed = self.query_one("#circulate-to", Input).value
        extra = [a.strip() for a in typed.replace(";", ",").split(",") if a.strip()]
        self.say(_("Writing the e-mail draft…"))
        self.write(due, extra, self.query_one("#circulate-send", Checkbox).value)

    @work(thread=True, exclusive=True, group="circulate")
    def write(self, due: dt.date | None, extra: list[str], send: bool) -> None:
        from minutes_tui.circulation.circulate import CirculationError, circulate

        store = self.minutes.store
        assert store is not None
        try:
            done = circulate(
                store,
                self.data.id,
                final_record=self.final,
                due=due,
                extra=extra,
                folder=self.exports_dir,
                settings=self.minutes.settings,
                send=send,
            )
        except CirculationError as exc:
            self.minutes.call_from_thread(self.say, str(exc))
            return
        self.minutes.call_from_thread(self.dismiss, done.path)
