"""A JSON list-of-names column as the record reads it, whatever the row holds."""

from __future__ import annotations


def name_list(value: object) -> list[str]:
    """The names of an owners or partners column: its strings when it holds a list, else
    none (a row pulled or written before the archive checked shapes: issue 23)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str)]
