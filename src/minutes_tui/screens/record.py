"""A final meeting, read-only: its record as formatted Markdown (confidential entries
marked), and its history (finalized, reopened: who, when, why); e reopens it for editing,
after asking why."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import MarkdownViewer, Static

from minutes_tui.domain.display import clip, local, long_date
from minutes_tui.domain.snapshot import MeetingData
from minutes_tui.domain.text import clean_text
from minutes_tui.domain.translate import N_, _, ngettext
from minutes_tui.record import escape_inline
from minutes_tui.screens.base import StoreScreen
from minutes_tui.widgets.key_footer import KeyFooter

CHECK_S = 2.0  # how often a read-only record looks whether it was reopened elsewhere
# The history's event kinds as the reader's words (the stored kinds are English keys).
KINDS = {"finalized": N_("finalized"), "reopened": N_("reopened"), "circulated": N_("circulated")}


def history_markdown(data: MeetingData) -> str:
    """The audit trail under the record: when it was finalized or reopened, by whom, why."""
    if not data.history:
        return ""
    lines = ["", "---", "", "## " + _("Record history"), ""]
    for e in data.history:
        when = local(e.at).strftime("%Y-%m-%d %H:%M")
        kind = _(KINDS[e.kind]) if e.kind in KINDS else e.kind
        what = _("{kind} (version {version})").format(kind=kind, version=e.version)
        what = what if e.version else kind
        who = " " + _("by {who}").format(who=e.by) if e.by else ""
        why = f": {clip(e.reason, 200)}" if e.reason else ""
        if e.kind == "circulated":  # "for comments until 20 May 2024, to 3 addresses"
            until = " " + _("until {date}").format(date=long_date(e.due)) if e.due else ""
            n = len(e.recipients)
            to = ngettext("to {count} address", "to {count} addresses", n).format(count=n)
            why = f": {e.reason}{until}, {to}"
        lines.append(f"- {when} · {escape_inline(what + who + why)}")
    return "\n".join(lines) + "\n"


class RecordScreen(StoreScreen[None]):
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="record.back", tooltip=N_("Back to the meetings")),
        Binding(
            "e",
            "reopen",
            N_("Reopen"),
            id="record.reopen",
            tooltip=N_("Reopen the meeting for editing (asks why; the reason is kept)"),
        ),
        Binding(
            "ctrl+e",
            "export",
            N_("Export"),
            id="record.export",
            tooltip=N_("Export the record to Word or Markdown"),
        ),
        Binding(
            "ctrl+o",
            "circulate",
            N_("Circulate"),
            id="record.circulate",
            tooltip=N_(
                "An e-mail draft (.eml) that sends the record for comments, or the final one"
            ),
            priority=True,
        ),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.version: int | None = None
        self.title_text = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="record-title", classes="title-bar")
        yield MarkdownViewer("", id="record-view", show_table_of_contents=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_record()
        self.query_one(MarkdownViewer).focus()
        self.set_interval(CHECK_S, self.check_reopened)

    def refresh_record(self) -> None:
        from minutes_tui.record import build_record, render_markdown

        data = self.store.load(self.meeting_id)
        self.version = data.version
        title = " · ".join(p for p in (data.body, data.title, data.session) if p)
        self.title_text = clean_text(title)
        if data.version:
            state = _("final · version {version} · read-only").format(version=data.version)
        else:
            state = _("final · read-only")
        # Text: a title is not markup; cleaned again for databases written before text.py.
        self.query_one("#record-title", Static).update(Text(f"{self.title_text} · {state}"))
        record = render_markdown(build_record(data, include_confidential=True))
        self.query_one(MarkdownViewer).document.update(record + history_markdown(data))

    def on_screen_resume(self) -> None:
        self.check_reopened()

    def check_reopened(self) -> None:
        """Reopened elsewhere (`minutes reopen`, another home's app): this read-only view
        is stale, so the meeting opens for editing in its place."""
        from minutes_tui.store.errors import StoreError

        if not self.is_current:
            return  # a dialog above: checked again when this screen is back
        try:
            status = self.store.meeting(self.meeting_id).status
        except StoreError:
            return  # trashed or busy meanwhile: the view stays as it is
        if status != "final":
            self.minutes.notify(
                _("{title} was reopened by another program: open for editing now.").format(
                    title=self.title_text
                ),
                title=_("Reopened"),
            )
            self.minutes.open_meeting_screen(self.meeting_id, replace=True)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reopen(self) -> None:
        from minutes_tui.screens.reopen import ReopenScreen

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            from minutes_tui.finalize import reopen
            from minutes_tui.store.errors import StoreError

            try:
                reopen(self.store, self.meeting_id, reason)
            except StoreError as exc:
                self.minutes.notify(str(exc), severity="error")
                return
            self.minutes.open_meeting_screen(self.meeting_id, replace=True)

        self.minutes.push_screen(ReopenScreen(self.title_text, self.version), answered)

    def action_export(self) -> None:
        from minutes_tui.screens.export import ExportScreen

        store = self.store
        self.minutes.push_screen(ExportScreen(store.load(self.meeting_id), store.home.exports_dir))

    def action_circulate(self) -> None:
        from minutes_tui.screens.circulate import CirculateScreen

        def circulated(path: object) -> None:
            if path is not None:
                self.minutes.notify(_("E-mail draft written: {path}").format(path=path))
                self.refresh_record()

        store = self.store
        data = store.load(self.meeting_id)
        self.minutes.push_screen(CirculateScreen(data, store.home.exports_dir), circulated)
