"""What a write returns: the rows it touched, and what undo must put back.

A neutral module (no ORM) so the capture log, the edits and the capture session can all
name a row without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from minutes_tui.domain.entries import Entry
    from minutes_tui.store.log import LogLine

# "next" and "meeting" name the meeting whose fields an entry changed (no row to delete).
Table = Literal["entry", "action", "sub_item", "update", "item", "participant", "next", "meeting"]


@dataclass(frozen=True)
class Ref:
    """A row an entry produced: enough to edit, delete or undo it."""

    table: Table
    id: int


@dataclass
class Applied:
    """One entry applied in one transaction."""

    kind: str  # blank | point | decision | key_message | item | participants | action | ...
    refs: list[Ref] = field(default_factory=list)
    item_id: int | None = None  # the current agenda item after this entry
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    # The log lines of the rows written, read in the same transaction, so the screen
    # shows them without another round trip to the database.
    lines: list[LogLine] = field(default_factory=list)
    # What undo must put back for rows the entry changed rather than created.
    restore: dict[str, Any] = field(default_factory=dict)
    line: str = ""  # the line as typed, when it came from the keyboard
    entry: Entry | None = None  # what was applied (redo applies it again, unparsed)
    # A paste: the entries it stored, in order, as one unit (one transaction, one undo).
    parts: list[Applied] = field(default_factory=list)
    step: int | None = None  # its step in the undo journal (store/journal.py), if any
