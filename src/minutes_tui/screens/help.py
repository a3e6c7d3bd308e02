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
from textual.widgets import Footer, Static

from minutes_tui.config.settings import tilde
from minutes_tui.screens.base import BaseModal
from minutes_tui.widgets.grammar import GRAMMAR

if TYPE_CHECKING:
    from textual.screen import Screen


def grammar_table() -> Table:
    table = Table(box=None, expand=True, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("Type", style="bold", ratio=3, overflow="fold")
    table.add_column("to record", ratio=2, overflow="fold")
    for form in GRAMMAR:
        table.add_row(Text(form.example), Text(form.meaning))
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
    table.add_row(Text("ctrl+p"), Text("the command palette: every action by name"))
    return table


class HelpScreen(BaseModal[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark", "close", "Close", id="help.close", tooltip="Close help"),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.keys = keys_table(screen)
        self.grammar = grammar_table()
        self.screen_name = type(screen).__name__.removesuffix("Screen") or "screen"

    def compose(self) -> ComposeResult:
        settings = self.minutes.settings
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(
                "Help · the capture line: one typed line, one entry", classes="dialog-title"
            )
            yield Static(self.grammar, id="help-grammar")
            yield Static(
                "Long forms work too: /item /participant /action /sub /decision /key /group "
                "/label /update /next. ↑ recalls an entry to edit; ctrl+z undoes.",
                classes="dialog-detail",
            )
            yield Static(f"Keys here ({self.screen_name})", classes="help-heading")
            yield Static(self.keys, id="help-keys")
            yield Static("Where things live", classes="help-heading")
            self.where = lines = Text()
            home = self.minutes.home_label
            for label, value in (
                ("Data home  ", home),
                ("Database   ", f"{home}/db/minutes.sqlite"),
                ("Exports    ", f"{home}/exports"),
            ):
                lines.append(label, style="bold")
                lines.append(f"{value}\n")
            if settings.path is not None:
                lines.append("Settings   ", style="bold")
                lines.append(f"{tilde(settings.path)} (theme, keymap, new-meeting defaults, home)")
            yield Static(lines, id="help-home")
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)
