"""The incorporate dialog (c on the meetings list): a draft returned from Word read, its
proposals (tracked changes, comments, text changed without tracking, added paragraphs)
accepted or rejected one by one from the keyboard, then taken in as ONE undo step.

The file is read and the proposals applied in a worker (circulation/incorporate.py):
the list stays live while a long draft is read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from minutes_tui.circulation.incorporate import Proposal, Reading
from minutes_tui.domain.text import clean_text
from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.base import BaseModal, BaseScreen, DialogBody
from minutes_tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from minutes_tui.store.review import CommentData

MARKS = {None: "·", True: "✓", False: "✗"}


def comment_line(c: CommentData) -> str:
    where = f"{c.row_table} {c.row_id}" if c.row_table else "the meeting"
    return f"○ #{c.id} {where} · {c.author}: {c.text}"


class IncorporateScreen(BaseModal[str | None]):
    CSS_PATH = "incorporate.tcss"
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="incorporate.cancel",
            tooltip=N_("Close; change nothing"),
        ),
        Binding(
            "a",
            "decide(True)",
            N_("Accept"),
            id="incorporate.accept",
            tooltip=N_("Accept this one"),
        ),
        Binding(
            "x",
            "decide(False)",
            N_("Reject"),
            id="incorporate.reject",
            tooltip=N_("Reject this one"),
        ),
        Binding(
            "A",
            "accept_all",
            N_("Accept all"),
            id="incorporate.accept_all",
            tooltip=N_("Accept every one"),
        ),
        Binding(
            "r",
            "resolve",
            N_("Resolve"),
            id="incorporate.resolve",
            tooltip=N_("Mark the highlighted open comment resolved"),
        ),
        Binding(
            "ctrl+s",
            "apply",
            N_("Take in"),
            id="incorporate.apply",
            tooltip=N_("Take the accepted ones in, as one undo step"),
            priority=True,
        ),
    ]

    def __init__(self, meeting_id: int, title: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.title_text = title
        self.reading: Reading | None = None
        self.decisions: list[bool | None] = []
        self.open: list[CommentData] = []  # listed until a file is read

    def compose(self) -> ComposeResult:
        with DialogBody(classes="dialog", id="incorporate-dialog"):
            yield Static(
                _("Take in a returned draft · {title}").format(title=self.title_text),
                classes="dialog-title",
                markup=False,
            )
            yield Input(
                placeholder=_("the returned Word file, e.g. ~/Downloads/draft-cleared.docx"),
                id="incorporate-path",
                compact=True,
            )
            yield OptionList(id="incorporate-list")
            yield Static(
                _(
                    "Enter reads the file. Then a accepts, x rejects, A accepts all; ctrl+s takes "
                    "the accepted ones in (one ctrl+z takes them back); Esc cancels."
                ),
                id="incorporate-result",
                markup=False,
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        from minutes_tui.circulation.incorporate import open_comments

        self.query_one("#incorporate-path", Input).focus()
        store = self.minutes.store
        assert store is not None
        self.open = open_comments(store, self.meeting_id)
        options = self.query_one("#incorporate-list", OptionList)
        options.add_options(Option(Text(clean_text(comment_line(c)))) for c in self.open)
        if self.open:
            options.highlighted = 0
            self.say(
                _(
                    "{count} open comment(s) of earlier drafts (Tab, then r resolves one). "
                    "Type the returned file's path, then Enter."
                ).format(count=len(self.open))
            )

    def action_resolve(self) -> None:
        from minutes_tui.circulation.incorporate import IncorporateError, resolve

        options = self.query_one("#incorporate-list", OptionList)
        n = options.highlighted
        if self.reading is not None or n is None or n >= len(self.open):
            return
        store = self.minutes.store
        assert store is not None
        try:
            done = resolve(store, self.meeting_id, self.open[n].id)
        except IncorporateError as exc:
            self.say(str(exc))
            return
        del self.open[n]
        options.remove_option_at_index(n)
        self.say(
            _("Comment {id} resolved; {count} still open.").format(id=done.id, count=len(self.open))
        )

    def say(self, text: str) -> None:
        self.query_one("#incorporate-result", Static).update(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#incorporate-path")
    def submitted(self) -> None:
        raw = self.query_one("#incorporate-path", Input).value.strip()
        if not raw:
            self.say(_("Type the path of the returned Word file, then Enter."))
            return
        self.say(_("Reading the draft…"))
        self.read(Path(raw).expanduser())

    @work(thread=True, exclusive=True, group="incorporate")
    def read(self, path: Path) -> None:
        from minutes_tui.circulation.incorporate import IncorporateError, read

        store = self.minutes.store
        assert store is not None
        try:
            reading = read(store, self.meeting_id, path)
        except IncorporateError as exc:
            self.minutes.call_from_thread(self.say, str(exc))
            return
        self.minutes.call_from_thread(self.show, reading)

    def show(self, reading: Reading) -> None:
        self.reading = reading
        self.open = []
        self.decisions = [None] * len(reading.proposals)
        options = self.query_one("#incorporate-list", OptionList)
        options.clear_options()
        options.add_options(Option(self.prompt(n)) for n in range(len(reading.proposals)))
        if not reading.proposals:
            self.say(
                _("{source} proposes no change and holds no comment.").format(source=reading.source)
            )
            return
        ignored = f" {reading.ignored}." if reading.foreign else ""
        self.say(
            _(
                "{count} proposal(s) from {source}: a accept, x reject, A accept all, "
                "ctrl+s take in."
            ).format(count=len(reading.proposals), source=reading.source)
            + ignored
        )
        options.highlighted = 0
        options.focus()

    def prompt(self, n: int) -> Text:
        assert self.reading is not None
        proposal: Proposal = self.reading.proposals[n]
        return Text(f"{MARKS[self.decisions[n]]} {clean_text(proposal.describe())}")

    def action_decide(self, accept: bool) -> None:
        if self.reading is None:
            return
        options = self.query_one("#incorporate-list", OptionList)
        n = options.highlighted
        if n is None or n >= len(self.decisions):
            return
        self.decisions[n] = accept
        options.replace_option_prompt_at_index(n, self.prompt(n))
        if n + 1 < len(self.decisions):
            options.highlighted = n + 1

    def action_accept_all(self) -> None:
        if self.reading is None:
            return
        options = self.query_one("#incorporate-list", OptionList)
        for n in range(len(self.decisions)):
            self.decisions[n] = True
            options.replace_option_prompt_at_index(n, self.prompt(n))

    def action_apply(self) -> None:
        if self.reading is None:
            self.submitted()
            return
        accepted = [p for p, d in zip(self.reading.proposals, self.decisions, strict=True) if d]
        if not accepted:
            self.say(_("Nothing is accepted yet: a accepts one, A accepts all."))
            return
        self.say(_("Taking them in…"))
        self.apply(self.reading, accepted)

    @work(thread=True, exclusive=True, group="incorporate")
    def apply(self, reading: Reading, accepted: list[Proposal]) -> None:
        from minutes_tui.circulation.incorporate import IncorporateError, apply

        store = self.minutes.store
        assert store is not None
        try:
            result = apply(store, self.meeting_id, reading, accepted)
        except IncorporateError as exc:
            self.minutes.call_from_thread(self.say, str(exc))
            return
        self.minutes.call_from_thread(self.dismiss, result.message)


def open_incorporate(
    screen: BaseScreen[None], meeting_id: int | None, changed: Callable[[], object]
) -> None:
    """Open the dialog on a meeting; `changed` runs once something was taken in."""
    store = screen.ready_store()
    if store is None or meeting_id is None:
        if store is not None:
            screen.notify(_("Select a meeting first."), severity="warning")
        return

    def done(message: str | None) -> None:
        if message:
            screen.notify(message)
            changed()

    from minutes_tui.store.errors import StoreError

    try:
        meeting = store.meeting(meeting_id)  # in the trash, or gone since the list was read
    except StoreError as exc:
        screen.notify(str(exc), severity="warning")
        return
    # the date as the list shows it: two meetings may share a title
    day = meeting.date.isoformat() if meeting.date else ""
    name = " · ".join(p for p in (day, meeting.title) if p)
    screen.minutes.push_screen(IncorporateScreen(meeting_id, name), done)
