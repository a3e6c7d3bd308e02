"""Meetings imported from records written before the tool: which file they came from.

A meeting and the note of its source are created in one transaction, so no imported
meeting is ever without it. The meeting stays a draft: a person checks it first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from minutes_tui.header import MeetingHeader
from minutes_tui.models import ImportedRecord
from minutes_tui.store import meetings
from minutes_tui.store.store import Store


@dataclass(frozen=True)
class Source:
    meeting_id: int
    file_name: str
    sha256: str


def create_imported_meeting(
    store: Store, header: MeetingHeader, file_name: str, sha256: str, previous_id: int | None
) -> int:
    with store.write() as s:
        if previous_id is not None:
            meetings.get(s, previous_id)  # an unknown meeting is an error, nothing stored
        meeting_id = meetings.create(s, header, previous_id)
        s.add(ImportedRecord(meeting_id=meeting_id, file_name=file_name, sha256=sha256))
    return meeting_id


def imported_with(store: Store, sha256: str) -> list[Source]:
    """Meetings already imported from a file with these exact bytes."""
    with store.read() as s:
        rows = s.exec(select(ImportedRecord).where(ImportedRecord.sha256 == sha256)).all()
    return [Source(r.meeting_id, r.file_name, r.sha256) for r in rows]
