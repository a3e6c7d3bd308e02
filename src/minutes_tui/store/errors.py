"""Errors the store raises: each carries one clear sentence for the user."""


class StoreError(Exception):
    """A problem the user must hear about; the message is shown as it is."""


class DatabaseUnreadable(StoreError):
    """The file is not a SQLite database, or is damaged."""


class DatabaseTooNew(StoreError):
    """Written by a newer minutes-tui: refuse to touch it."""


class DatabaseForeign(StoreError):
    """A SQLite file that is not a minutes-tui database."""


class HomeUnwritable(StoreError):
    """The data home cannot be created or written."""


class HomeUnsafe(StoreError):
    """The data home is set up so that another user or a link could reach the records."""


class NotFound(StoreError):
    """An unknown meeting, item, entry or action."""


class DatabaseBusy(StoreError):
    """Another program held the write lock for longer than we wait."""
