"""The key bar at the bottom of every screen: Textual's Footer, rebuilt only when the keys
it shows change.

Textual's Footer recomposes (unmounts and mounts one widget a key) every time a screen's
bindings are refreshed, which happens at every focus change and every `refresh_bindings`,
even when the same keys come back. On the capture screen that was most moves between the
capture line, the log and the lists: about 14 ms each, and a flicker, for nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

# What the footer draws of a key: key, label, action, enabled, tooltip.
Shown = tuple[tuple[str, str, str, bool, str], ...]


def shown_keys(screen: Screen[object]) -> Shown:
    return tuple(
        (binding.key, binding.description, binding.action, enabled, tooltip)
        for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer):
    """A compact Footer that keeps its keys while the screen shows the same ones."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._drawn: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Footer.bindings_changed recomposes only in these conditions; record what was
        # drawn only then, so a change it skipped (the app without focus) is drawn later.
        will_draw = screen.app.app_focus and self.is_attached and screen is self.screen
        if will_draw:
            keys = shown_keys(screen)
            if keys == self._drawn:
                return
            self._drawn = keys
        super().bindings_changed(screen)
