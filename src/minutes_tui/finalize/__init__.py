"""Finalizing a meeting: its record archived as Markdown, Word and PDF, hashed, locked.

`finalize` renders the record of version N (the circulated record: confidential entries
left out, every page saying FINAL · VERSION N) into `<home>/archive/<meeting-id>/v<N>/`
(folders 0700, files 0600), then stores the files' SHA-256, the time and the rapporteur
and marks the meeting final, in one transaction. The files are written into a temporary
folder first and renamed into place: an interrupted finalize leaves no version folder that
the database does not know. Earlier versions are never touched. The PDF is made when
LibreOffice is installed; without it the version has Markdown and Word, and says why.

`verify` checks every archived file of a meeting against its stored hash.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.config import FINAL_FOLDER
from minutes_tui.store import final

if TYPE_CHECKING:
    from minutes_tui.store.store import Store


@dataclass
class Finalized:
    meeting_id: int
    version: int
    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. why there is no PDF


def finalize(store: Store, meeting_id: int, pdf: bool = True) -> Finalized:
    """Archive and lock a draft meeting as its next version. Raises `MeetingFinal` (already
    final), `NotFound`, or `ExportError` (a file could not be written: nothing changed)."""
    from minutes_tui.record.export import default_export_name, render
    from minutes_tui.record.pdf import PdfUnavailable, available, docx_to_pdf
    from minutes_tui.record.safe_write import write_atomic
    from minutes_tui.store.database import make_private_dirs

    with store.read() as s:
        final.check_writable(s, meeting_id)
        version = final.next_version(s, meeting_id)
    data = replace(store.load(meeting_id), status="final", version=version)
    relative = Path(FINAL_FOLDER) / str(meeting_id) / f"v{version}"
    target = store.home.root / relative
    make_private_dirs(target.parent)
    _set_aside(target)
    work = target.parent / f".v{version}.{os.getpid()}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(mode=0o700)
    os.chmod(work, 0o700)
    result = Finalized(meeting_id, version, target)
    try:
        docx = b""
        for fmt in ("md", "docx"):
            payload = render(data, fmt)
            docx = payload if fmt == "docx" else docx
            write_atomic(work / default_export_name(data, fmt), payload)
        if pdf and available():
            try:
                write_atomic(work / default_export_name(data, "pdf"), docx_to_pdf(docx))
            except PdfUnavailable as exc:
                result.notes.append(f"No PDF in version {version}: {exc}")
        elif pdf:
            result.notes.append(
                f"No PDF in version {version}: LibreOffice is not installed "
                "(Debian package libreoffice-writer)."
            )
        hashes = [final.hash_file(p) for p in sorted(work.iterdir())]
        work.rename(target)
        try:
            with store.write() as s:
                # On a team archive the files' bytes go in too: other homes pull them.
                contents = (
                    {h.name: (target / h.name).read_bytes() for h in hashes}
                    if store.online
                    else None
                )
                final.record_version(
                    s, meeting_id, version, str(relative), hashes, _user(), contents
                )
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result.files = [target / h.name for h in hashes]
    return result


def _set_aside(target: Path) -> None:
    """A version folder the database does not know (a finalize killed between the rename
    and the commit) is kept, renamed, rather than mixed with the new files."""
    if target.exists():
        with contextlib.suppress(OSError):
            target.rename(target.with_name(f"{target.name}.incomplete-{int(time.time())}"))


def reopen(store: Store, meeting_id: int, reason: str, by: str | None = None) -> int:
    """Back to draft with the reason in the audit trail; returns the version reopened."""
    with store.write() as s:
        return final.reopen(s, meeting_id, reason, by or None, _user())


def _user() -> str | None:
    """Who is at the keyboard, when the meeting names no rapporteur: the login name."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def history(store: Store, meeting_id: int) -> list[final.Event]:
    with store.read() as s:
        store.meeting(meeting_id)
        return final.history(s, meeting_id)


def verify(store: Store, meeting_id: int) -> tuple[int, list[str]]:
    """(files checked, one line per missing or changed file)."""
    with store.read() as s:
        store.meeting(meeting_id)
        versions = final.archived(s, meeting_id)
    if not versions:
        raise final.NotFinal(f"Meeting {meeting_id} has never been finalized: nothing to verify.")
    return sum(len(v.files) for v in versions), final.verify(store.home.root, versions)
