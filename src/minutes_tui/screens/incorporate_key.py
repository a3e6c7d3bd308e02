"""The key that takes a returned Word draft in (c), for a screen that lists meetings: the
incorporate dialog (screens/incorporate.py) opens on the selected meeting. Light: the
dialog and what reads the draft are imported when the key is pressed."""

from __future__ import annotations

from textual.binding import Binding

from minutes_tui.domain.translate import N_
from minutes_tui.screens.base import BaseScreen


class IncorporateKey(BaseScreen[None]):
    BINDINGS = [
        Binding(
            "c",
            "incorporate",
            N_("Comments back"),
            id="meetings.incorporate",
            tooltip=N_("Take in a draft returned from Word: tracked changes and comments"),
            show=False,  # F1 and the palette list it; the footer keeps the daily keys
        ),
    ]

    def selected_id(self) -> int | None:
        """The selected meeting (the screen that lists them says which)."""
        return None

    def load_rows(self) -> None:
        """Read the list again once a draft was taken in."""

    def action_incorporate(self) -> None:
        from minutes_tui.screens.incorporate import open_incorporate

        open_incorporate(self, self.selected_id(), self.load_rows)
