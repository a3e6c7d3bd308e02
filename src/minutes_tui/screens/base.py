"""What every screen shares: the typed app, and the store that may still be opening."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from minutes_tui.app import MinutesApp
    from minutes_tui.store.store import Store

ResultT = TypeVar("ResultT")


class BaseScreen(Screen[ResultT]):
    """A screen of this app: `self.minutes` is the app, typed."""

    @property
    def minutes(self) -> MinutesApp:
        return cast("MinutesApp", self.app)

    @property
    def store(self) -> Store | None:
        """The open store, or None while it opens (or when it could not be opened)."""
        return self.minutes.store

    def ready_store(self) -> Store | None:
        """The store, or None after telling the user why it is not there yet."""
        store = self.minutes.store
        if store is None:
            self.notify(
                self.minutes.store_error or "The database is still opening.", severity="warning"
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


class DialogBody(VerticalScroll, can_focus=False):
    """A dialog's fields: scrolls at 80×24 (focus scrolls to the focused field), but is not
    itself a stop of Tab, so a form opens with its first field focused."""
