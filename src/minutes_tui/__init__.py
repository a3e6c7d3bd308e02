"""minutes-tui: capture a meeting live, keep it in SQLite, export the record."""

__version__ = "0.1.0"
