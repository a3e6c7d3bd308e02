"""A circulation from start to end, for the command line and the app alike: what goes
(the draft's Word record, or the final version's archived files, checked), to whom, the
.eml written beside the exports (never over an earlier one), sending it where configured,
and the line it leaves in the meeting's history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.circulation.mail import AddressError, Attachment, Draft, message, recipients
from minutes_tui.domain.display import long_date

if TYPE_CHECKING:
    from minutes_tui.config.settings import Settings
    from minutes_tui.domain.snapshot import MeetingData
    from minutes_tui.store.store import Store

EML_ORDER = {".docx": 0, ".pdf": 1, ".md": 2}


class CirculationError(Exception):
    """Why it did not go out: one sentence; nothing was recorded."""


@dataclass(frozen=True)
class Circulated:
    path: Path
    to: list[str]
    sent: bool


def circulate(
    store: Store,
    meeting_id: int,
    *,
    final_record: bool,
    due: dt.date | None,
    extra: list[str],
    folder: Path,
    settings: Settings,
    send: bool = False,
) -> Circulated:
    """Write the draft (and send it when asked), then record the circulation."""
    if not final_record and due is None:
        raise CirculationError("A draft goes out for comments by a date: give the due date.")
    data = store.load(meeting_id)
    _check_status(data, final_record)
    _check_due(data, due)
    attachments, version = final_files(store, data) if final_record else (draft_files(data), None)
    try:
        to = recipients(data, extra, settings.distribution.get(data.body or "", []))
        draft = Draft(
            kind="final" if final_record else "comments",
            to=to,
            attachments=attachments,
            due=due,
            sender=settings.sender,
            version=version,
        )
        msg = message(data, draft)
    except AddressError as exc:
        raise CirculationError(str(exc)) from None
    if send and not settings.sender:
        raise CirculationError(
            "Sending needs the sender's address: [circulation] from in config.toml. "
            "Nothing was written or sent."
        )
    written = write_new(folder, eml_name(data, draft.kind), bytes(msg), [store.home.db_dir])
    if send:
        _send(msg, settings)
    _record(store, meeting_id, final_record, due, to)
    return Circulated(written, to, send)


class DueDateError(CirculationError):
    """A due date the meeting makes impossible: a bad value, not a failure."""


def _check_due(data: MeetingData, due: dt.date | None) -> None:
    # Comments cannot be due before the meeting they comment on took place.
    if due is not None and data.date is not None and due < data.date:
        raise DueDateError(
            f"Comments cannot be due on {long_date(due)}, before the meeting of "
            f"{long_date(data.date)}: give a later date."
        )


def _check_status(data: MeetingData, final_record: bool) -> None:
    if final_record and data.status != "final":
        raise CirculationError(
            f"Meeting {data.id} is a draft: finalize it first, or circulate it for comments."
        )
    if not final_record and data.status == "final":
        raise CirculationError(
            f"Meeting {data.id} is final: circulate the final record, or reopen it to send "
            "a draft for comments."
        )


def draft_files(data: MeetingData) -> list[Attachment]:
    """The Word record as it would be exported now, without confidential entries."""
    from minutes_tui.record.export import ExportError, default_export_name, render

    try:
        payload = render(data, "docx", data.style)
    except ExportError as exc:
        raise CirculationError(str(exc)) from None
    return [Attachment(default_export_name(data, "docx", data.style), payload)]


def final_files(store: Store, data: MeetingData) -> tuple[list[Attachment], int]:
    """The archived files of the current version, checked against their hashes: a file
    changed since it was archived is not what was finalized, and is not sent."""
    from minutes_tui.store import final

    with store.read() as s:
        versions = final.archived(s, data.id)
    if not versions:
        raise CirculationError(f"Meeting {data.id} has no archived record to circulate.")
    latest = versions[-1]
    problems = final.verify(store.home.root, [latest])
    if problems:
        raise CirculationError(
            f"Not circulated: {problems[0]}; `minutes verify {data.id}` lists all."
        )
    folder = store.home.root / latest.folder
    files = [Attachment(f.name, (folder / f.name).read_bytes()) for f in latest.files]
    files.sort(key=lambda a: EML_ORDER.get(Path(a.name).suffix, len(EML_ORDER)))
    return files, latest.version


def eml_name(data: MeetingData, kind: str) -> str:
    day = data.date.isoformat() if data.date else "undated"
    return f"{day}-{data.id}-{'for-comments' if kind == 'comments' else 'final'}.eml"


def write_new(folder: Path, name: str, payload: bytes, protected: list[Path]) -> Path:
    """A new file, never over an earlier draft (name.eml, name-2.eml, …): written as
    exports are, all at once or not at all, and only where an export may go (never a
    device or the home's db/: record/safe_write.export_target)."""
    from minutes_tui.record.safe_write import ExportError, export_target, write_atomic

    try:
        if not folder.is_dir():
            raise CirculationError(f"The folder {folder} does not exist.")
        target = export_target(folder, name, protected)
        return write_atomic(target, payload, replace=False)
    except ExportError as exc:
        raise CirculationError(str(exc)) from None


def _send(msg: object, settings: Settings) -> None:
    from email.message import EmailMessage

    from minutes_tui.circulation.send import SendError, send

    assert isinstance(msg, EmailMessage)
    if not settings.smtp_host:
        raise CirculationError(
            "Sending needs [smtp] host in config.toml; the .eml draft was written."
        )
    try:
        send(msg, settings.smtp_host, settings.smtp_port, settings.smtp_user)
    except SendError as exc:
        raise CirculationError(f"{exc} The .eml draft was written; nothing was recorded.") from None


def _record(
    store: Store, meeting_id: int, final_record: bool, due: dt.date | None, to: list[str]
) -> None:
    from minutes_tui.store import final

    with store.write() as s:
        final.circulated(s, meeting_id, final_record=final_record, due=due, recipients=to, by=None)
