"""Final meetings: the lock, the versions of the record and their hashes, the audit trail.

A final meeting refuses every write made *in* it (lines, edits, deletions, undo,
participants, attendance, reviews typed in it, its header): `check_writable` is called
by each of those paths inside its transaction, so a window that still shows the meeting
as a draft cannot slip a change in after another window finalized it. Reviewing a final
meeting's action from a later meeting (the review pane, `/u`, the tracker) stays
possible: the review is a row of the later meeting, and the final record's text is kept
as archived.

Writing the record's files is not done here (the store never imports the record): the
caller renders them, and `record_version` stores their hashes with the status change, in
one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from minutes_tui.domain.snapshot import addresses
from minutes_tui.store.errors import NotFound, StoreError
from minutes_tui.store.models import ArchivedFile, Meeting, MeetingEvent, RecordVersion, now


class MeetingFinal(StoreError):
    """A write to a final meeting: it must be reopened (with a reason) first."""


class NotFinal(StoreError):
    """Reopening or verifying a meeting that has nothing final to reopen or verify."""


class MeetingNotOurs(StoreError):
    """A write to another home's meeting pulled from the team archive (team/sync.py)."""


def not_ours_message(meeting_id: int) -> str:
    return (
        f"Meeting {meeting_id} is another home's, pulled from the team archive, and read-only "
        "here: nothing was changed."
    )


def final_message(meeting_id: int) -> str:
    return (
        f"Meeting {meeting_id} is final: nothing was changed. "
        "Reopen it (with a reason) to change it."
    )


def check_writable(s: Session, meeting_id: int) -> Meeting:
    """The meeting, if it may be changed: one in the trash is not found (as everywhere), a
    final one raises `MeetingFinal`, another home's copy `MeetingNotOurs`."""
    from minutes_tui.store import meetings

    meeting = meetings.get(s, meeting_id)
    if meeting.owner is not None:  # only sync writes a pulled copy (its owner's content)
        raise MeetingNotOurs(not_ours_message(meeting_id))
    if meeting.owner_role is not None and not _writes_as(s, meeting.owner_role):
        # On the team archive the database would filter every write to no row (an undo
        # would then find its step again and again): say it before trying.
        raise MeetingNotOurs(
            f"Meeting {meeting_id} on the team archive is written only by its owner role, "
            f"{meeting.owner_role}: nothing was changed."
        )
    if meeting.status == "final":
        raise MeetingFinal(final_message(meeting_id))
    return meeting


def _writes_as(s: Session, role: str) -> bool:
    """On PostgreSQL: is the session's role `role` or a member of it (the policies' rule,
    team/roles.py)? A home's SQLite file has no roles (owner_role stays NULL there)."""
    from sqlalchemy import text

    if s.get_bind().dialect.name != "postgresql":
        return True
    found = s.execute(
        text(
            "SELECT EXISTS (SELECT 1 FROM pg_roles o WHERE o.rolname = :role "
            "AND pg_has_role(current_user, o.oid, 'MEMBER'))"
        ),
        {"role": role},
    ).scalar()
    return bool(found)


def next_version(s: Session, meeting_id: int) -> int:
    latest = s.exec(
        select(RecordVersion.version)
        .where(RecordVersion.meeting_id == meeting_id)
        .order_by(col(RecordVersion.version).desc())
    ).first()
    return (latest or 0) + 1


def current_version(s: Session, meeting_id: int) -> int | None:
    """The version a final meeting's record carries (None for a draft)."""
    meeting = s.get(Meeting, meeting_id)
    if meeting is None or meeting.status != "final":
        return None
    return next_version(s, meeting_id) - 1 or None


@dataclass(frozen=True)
class FileHash:
    name: str
    sha256: str
    size: int


def hash_file(path: Path) -> FileHash:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 16):
            digest.update(chunk)
            size += len(chunk)
    return FileHash(path.name, digest.hexdigest(), size)


def record_version(
    s: Session,
    meeting_id: int,
    version: int,
    folder: str,
    files: list[FileHash],
    by: str | None = None,
    contents: dict[str, bytes] | None = None,
) -> None:
    """Mark the meeting final as `version`, with its archived files' hashes and an audit
    line; refuses if it became final meanwhile or the version was taken. `contents`
    (name -> bytes): on a team archive, the files themselves, so they sync (team/files.py)."""
    meeting = check_writable(s, meeting_id)
    if next_version(s, meeting_id) != version:
        raise MeetingFinal(f"Meeting {meeting_id} was finalized meanwhile; nothing was changed.")
    row = RecordVersion(
        meeting_id=meeting_id,
        version=version,
        folder=folder,
        finalized_by=meeting.rapporteur or by,
    )
    s.add(row)
    s.flush()
    assert row.id is not None
    for f in files:
        content = (contents or {}).get(f.name)
        s.add(
            ArchivedFile(
                version_id=row.id, name=f.name, sha256=f.sha256, size=f.size, content=content
            )
        )
    s.add(
        MeetingEvent(meeting_id=meeting_id, kind="finalized", version=version, by=row.finalized_by)
    )
    meeting.status = "final"
    meeting.updated_at = now()


def reopen(
    s: Session, meeting_id: int, reason: str, by: str | None, fallback_by: str | None = None
) -> int:
    """Back to draft, with who and why in the audit trail; returns the version reopened."""
    meeting = s.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    if meeting.owner is not None:
        raise MeetingNotOurs(not_ours_message(meeting_id))
    if meeting.status != "final":
        raise NotFinal(f"Meeting {meeting_id} is not final: there is nothing to reopen.")
    if not reason.strip():
        raise StoreError("Say why the meeting is reopened (a reason is required).")
    version = next_version(s, meeting_id) - 1
    s.add(
        MeetingEvent(
            meeting_id=meeting_id,
            kind="reopened",
            version=version,
            reason=reason.strip(),
            by=by or meeting.rapporteur or fallback_by,
        )
    )
    meeting.status = "draft"
    meeting.updated_at = now()
    return version


def circulated(
    s: Session,
    meeting_id: int,
    *,
    final_record: bool,
    due: dt.date | None,
    recipients: list[str],
    by: str | None,
) -> MeetingEvent:
    """A circulation in the audit trail. A draft goes out for comments; only a final
    meeting's record goes out as final (its version is the one sent). Another home's copy
    is not ours to circulate."""
    from minutes_tui.store import meetings

    meeting = meetings.get(s, meeting_id)
    if meeting.owner is not None:
        raise MeetingNotOurs(not_ours_message(meeting_id))
    if final_record and meeting.status != "final":
        raise NotFinal(
            f"Meeting {meeting_id} is a draft: finalize it before circulating the final "
            "record, or circulate it --for-comments."
        )
    if not final_record and meeting.status == "final":
        raise MeetingFinal(
            f"Meeting {meeting_id} is final: circulate it --final, or reopen it (with a "
            "reason) to send a draft for comments."
        )
    event = MeetingEvent(
        meeting_id=meeting_id,
        kind="circulated",
        version=current_version(s, meeting_id) if final_record else None,
        reason="final record" if final_record else "for comments",
        by=by or meeting.rapporteur,
        due=due,
        recipients=", ".join(recipients),
    )
    s.add(event)
    return event


def latest_circulation(s: Session, meeting_id: int) -> MeetingEvent | None:
    return s.exec(
        select(MeetingEvent)
        .where(MeetingEvent.meeting_id == meeting_id, MeetingEvent.kind == "circulated")
        .order_by(col(MeetingEvent.at).desc(), col(MeetingEvent.id).desc())
    ).first()


@dataclass(frozen=True)
class Event:
    kind: str  # finalized | reopened | circulated
    version: int | None
    at: dt.datetime
    by: str | None
    reason: str | None
    due: dt.date | None = None
    recipients: list[str] = field(default_factory=list)


def history(s: Session, meeting_id: int) -> list[Event]:
    rows = s.exec(
        select(MeetingEvent)
        .where(MeetingEvent.meeting_id == meeting_id)
        .order_by(col(MeetingEvent.at), col(MeetingEvent.id))
    ).all()
    return [
        Event(r.kind, r.version, r.at, r.by, r.reason, r.due, addresses(r.recipients)) for r in rows
    ]


@dataclass
class VersionFiles:
    version: int
    folder: str
    finalized_at: dt.datetime
    finalized_by: str | None
    files: list[FileHash] = field(default_factory=list)


def archived(s: Session, meeting_id: int) -> list[VersionFiles]:
    """Every archived version of a meeting, oldest first, with its files' stored hashes."""
    versions = s.exec(
        select(RecordVersion)
        .where(RecordVersion.meeting_id == meeting_id)
        .order_by(col(RecordVersion.version))
    ).all()
    out = []
    for v in versions:
        files = s.exec(
            select(ArchivedFile)
            .where(ArchivedFile.version_id == v.id)
            .order_by(col(ArchivedFile.name))
        ).all()
        out.append(
            VersionFiles(
                v.version,
                v.folder,
                v.finalized_at,
                v.finalized_by,
                [FileHash(f.name, f.sha256, f.size) for f in files],
            )
        )
    return out


def verify(home: Path, versions: list[VersionFiles]) -> list[str]:
    """One line per archived file that is missing or no longer matches its hash."""
    problems = []
    for v in versions:
        for f in v.files:
            path = home / v.folder / f.name
            try:
                actual = hash_file(path)
            except FileNotFoundError:
                problems.append(f"missing: {path}")
                continue
            except OSError as exc:
                problems.append(f"unreadable: {path} ({exc.strerror})")
                continue
            if actual.sha256 != f.sha256:
                problems.append(
                    f"changed: {path} (SHA-256 {actual.sha256[:12]}…, archived {f.sha256[:12]}…)"
                )
    return problems
