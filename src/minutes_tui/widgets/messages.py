"""Messages the app posts to its screens (a module of their own, so screens and the app
never import each other for them)."""

from __future__ import annotations

from textual.message import Message


class StoreReady(Message):
    """The store is open (or could not be): screens waiting on it may fill in."""

    def __init__(self, error: str | None) -> None:
        super().__init__()
        self.error = error
