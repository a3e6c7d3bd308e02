"""What every screen shares: the typed app, the store that may still be opening, and the
keys' descriptions in the interface's language.

A key's description is written once, in English, in its class's BINDINGS (marked `N_` for
the catalogue), and evaluated when the module is imported; it is translated here, each time
the footer, F1 or the palette asks for the active keys, so the language may be chosen
(config.toml, `translate.use`) after the screens were imported.
"""

from __future__ import annotations

import dataclasses
import gettext
from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen

from minutes_tui.domain.translate import _, interface

if TYPE_CHECKING:
    from minutes_tui.app import MinutesApp
    from minutes_tui.store.store import Store

ResultT = TypeVar("ResultT")


def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The active keys with their description and tooltip in the interface's language."""
    catalogue = interface()
    if type(catalogue) is gettext.NullTranslations:  # English: the bindings as written
        return bindings
    out = {}
    for key, (node, binding, enabled, tooltip) in bindings.items():
        found = _TRANSLATED.get((id(binding), id(catalogue)))
        if found is None:
            found = _TRANSLATED[id(binding), id(catalogue)] = (
                binding,
                catalogue,
                in_language(binding, catalogue),
            )
        shown = found[2]
        tip = shown.tooltip if tooltip == binding.tooltip else _(tooltip) if tooltip else ""
        out[key] = ActiveBinding(node, shown, enabled, tip)
    return out


# (binding, catalogue) ids → the binding in that catalogue's words (the footer asks for the
# active keys on every focus change; translating each is ~10 µs, a dictionary look-up 0.1).
# The entry holds both objects, so neither id is reused while it is here.
_TRANSLATED: dict[tuple[int, int], tuple[Binding, gettext.NullTranslations, Binding]] = {}


def in_language(binding: Binding, catalogue: gettext.NullTranslations) -> Binding:
    """One binding with its description and tooltip from `catalogue`."""
    return dataclasses.replace(
        binding,
        description=catalogue.gettext(binding.description) if binding.description else "",
        tooltip=catalogue.gettext(binding.tooltip) if binding.tooltip else "",
    )


class BaseScreen(Screen[ResultT]):
    """A screen of this app: `self.minutes` is the app, typed."""

    @property
    def minutes(self) -> MinutesApp:
        return cast("MinutesApp", self.app)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)

    @property
    def store(self) -> Store | None:
        """The open store, or None while it opens (or when it could not be opened)."""
        return self.minutes.store

    def ready_store(self) -> Store | None:
        """The store, or None after telling the user why it is not there yet."""
        store = self.minutes.store
        if store is None:
            self.notify(
                self.minutes.store_error or _("The database is still opening."),
                severity="warning",
            )
        return store


class StoreScreen(BaseScreen[ResultT]):
    """A screen the app opens only once the store is open: a meeting's record or participants."""

    @property
    def store(self) -> Store:
        store = self.minutes.store
        assert store is not None  # open_meeting_screen and the capture screen come after the store
        return store


class BaseModal(ModalScreen[ResultT]):
    """A dialog of this app: `self.minutes` is the app, typed."""

    @property
    def minutes(self) -> MinutesApp:
        return cast("MinutesApp", self.app)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)


class DialogBody(VerticalScroll, can_focus=False):
    """A dialog's fields: scrolls at 80×24 (focus scrolls to the focused field), but is not
    itself a stop of Tab, so a form opens with its first field focused."""
