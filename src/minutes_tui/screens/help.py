"""Help inside the app (F1, or ? where no text field has focus): the capture grammar with an
example per form, the keys of the screen it was opened from, and where the data lives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from minutes_tui.config.settings import tilde
from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.base import BaseModal
from minutes_tui.widgets.grammar import GRAMMAR
from minutes_tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.screen import Screen


# The screens as "Keys here (…)" names them: the class's name, in the reader's words.
SCREEN_NAMES = {"Meetings": N_("Meetings"), "Capture": N_("Capture"), "Record": N_("Record")}
SCREEN_NAMES |= {"Participants": N_("Participants"), "Attendance": N_("Attendance")}


def grammar_table() -> Table:
    table = Table(box=None, expand=True, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column(_("Type"), style="bold", ratio=3, overflow="fold")
    table.add_column(_("to record"), ratio=2, overflow="fold")
    for form in GRAMMAR:
        table.add_row(Text(form.example), Text(_(form.meaning)))
    return table


def keys_table(screen: Screen[object]) -> Table:
    """The keys active on `screen` (its bindings, its focused widget's, the app's)."""
    table = Table(box=None, expand=True, padding=(0, 1), show_header=False)
    table.add_column("key", style="bold", width=14, no_wrap=True)
    table.add_column("does", ratio=1, overflow="fold")
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action in seen or not active.enabled:
            continue
        if binding.system or binding.id is None:
            continue  # Textual's own (cursor moves in a field, scrolling): not this app's keys
        seen.add(binding.action)
        shown = binding.key_display or screen.app.get_key_display(binding)
        table.add_row(Text(shown or key), Text(binding.tooltip or binding.description))
    table.add_row(Text("ctrl+p"), Text(_("the command palette: every action by name")))
    return table


class HelpScreen(BaseModal[None]):
    BINDINGS = [
        Binding(
            "escape,f1,question_mark",
            "close",
            N_("Close"),
            id="help.close",
            tooltip=N_("Close help"),
        ),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.keys = keys_table(screen)
        self.grammar = grammar_table()
        name = type(screen).__name__.removesuffix("Screen") or "screen"
        self.screen_name = _(SCREEN_NAMES[name]) if name in SCREEN_NAMES else name

    def compose(self) -> ComposeResult:
        settings = self.minutes.settings
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(
                _("Help · the capture line: one typed line, one entry"), classes="dialog-title"
            )
            yield Static(self.grammar, id="help-grammar")
            yield Static(
                _(
                    "Long forms work too: /item /participant /action /sub /decision /key /group "
                    "/label /update /next. ↑ recalls an entry to edit; ctrl+z undoes."
                ),
                classes="dialog-detail",
            )
            yield Static(
                _("Keys here ({screen})").format(screen=self.screen_name), classes="help-heading"
            )
            yield Static(self.keys, id="help-keys")
            yield Static(_("Where things live"), classes="help-heading")
            self.where = lines = Text()
            home = self.minutes.home_label
            labels = [_("Data home"), _("Database"), _("Exports"), _("Settings")]
            width = max(len(label) for label in labels) + 2  # the values in one column
            for label, value in zip(
                labels, (home, f"{home}/db/minutes.sqlite", f"{home}/exports"), strict=False
            ):
                lines.append(label.ljust(width), style="bold")
                lines.append(f"{value}\n")
            if settings.path is not None:
                lines.append(labels[3].ljust(width), style="bold")
                lines.append(
                    tilde(settings.path) + " " + _("(theme, keymap, new-meeting defaults, home)")
                )
            yield Static(lines, id="help-home")
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)
