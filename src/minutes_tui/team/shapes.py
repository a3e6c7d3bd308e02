"""What a pulled meeting's rows must look like before this home writes them (issue 23).

The archive checks these shapes itself since migration 0017_archive_trust2, but rows
written before it (or by its administrator) are not validated there: a pull checks them
again, so a malformed row costs its one meeting, never the home's records.
"""

from __future__ import annotations

from typing import Any

from minutes_tui.domain.vocabulary import STATUSES
from minutes_tui.store.connect import ArchiveError
from minutes_tui.team.copies import MeetingCopy

# JSON columns that hold a list of names.
NAME_LISTS = {"action": ("owners", "partners"), "action_sub_item": ("owners",)}


def names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def check_shapes(copy: MeetingCopy) -> None:
    """Every name list a list of strings and every action's status a known one; else one
    sentence naming the meeting, which is then not written."""
    title = str(copy.meeting.get("title") or copy.uuid)
    for table, columns in NAME_LISTS.items():
        for row in copy.rows.get(table, []):
            for column in columns:
                if not names(row.get(column)):
                    raise ArchiveError(
                        f"The team archive holds a malformed {table}.{column} in meeting "
                        f"“{title}” (not a list of names), so nothing of that meeting was "
                        "synced."
                    )
    for row in copy.rows.get("action", []):
        if row.get("status") not in STATUSES:
            raise ArchiveError(
                f"The team archive holds an action of meeting “{title}” whose status is not "
                "one of the known statuses, so nothing of that meeting was synced."
            )
