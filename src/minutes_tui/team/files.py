"""A final record's archived files travel with their meeting through the team archive.

At home the files live under `<home>/archive/<meeting-id>/v<N>/` (archive.py) and the
database holds their names and SHA-256; on the archive the bytes are held in the row
itself (`archived_file.content`, migration 0012), so a home that pulls a final meeting
gets its record as the owner archived it. The hash is the contract both ways: a push
sends a file only if its bytes still match the hash stored when it was finalized, a
pull writes one only if the archive's bytes match it; a mismatch skips that meeting with one
sentence and writes nothing of that meeting. Written files are private (folders 0700,
files 0600), each written under a temporary name and renamed into place, so a sync
killed mid-way leaves either the whole file or none, and `minutes verify` passes on the
receiving home.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from pathlib import Path

from minutes_tui.config import FINAL_FOLDER
from minutes_tui.team.connect import ArchiveError
from minutes_tui.team.copies import MeetingCopy, Row


def _title(copy: MeetingCopy) -> str:
    return str(copy.meeting.get("title") or copy.uuid)


def _mismatch(copy: MeetingCopy, name: str, where: str) -> ArchiveError:
    return ArchiveError(
        f"The archived file {name} of meeting “{_title(copy)}” does not match the SHA-256 "
        f"stored when it was finalized ({where}), so nothing of that meeting was synced."
    )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _home_path(root: Path, copy: MeetingCopy, row: Row) -> Path:
    return root / copy.folders[str(row["version_id"])] / str(row["name"])


def attach(root: Path, copy: MeetingCopy) -> None:
    """Before a push: read each archived file from this home into the copy, refusing one
    that is missing or no longer matches its stored hash."""
    for row in copy.rows.get("archived_file", []):
        path = _home_path(root, copy, row)
        try:
            data = path.read_bytes()
        except OSError:
            raise _mismatch(copy, str(row["name"]), f"missing here: {path}") from None
        if _sha256(data) != row["sha256"]:
            raise _mismatch(copy, str(row["name"]), f"changed here: {path}")
        copy.files[str(row["uuid"])] = data


def plain_name(name: str) -> bool:
    """One path component that stays inside its folder on any system (the archive's CHECK,
    migration 0013, says the same: a rapporteur may have written rows before it)."""
    return (
        0 < len(name.encode("utf-8", "surrogateescape")) <= 255
        and name not in (".", "..")
        and not any(c in name for c in "/\\")
        and not any(ord(c) < 32 or ord(c) == 127 for c in name)
    )


def check_pulled(copy: MeetingCopy) -> None:
    """Before a pull writes anything: every file's name is a plain file name and its bytes
    from the archive match its hash."""
    for row in copy.rows.get("archived_file", []):
        if not plain_name(str(row["name"])):
            raise ArchiveError(
                f"The team archive names a file of meeting “{_title(copy)}” {row['name']!r}, "
                "which is not a plain file name (it would be written outside the meeting's "
                "folder), so nothing of that meeting was synced."
            )
        data = copy.files.get(str(row["uuid"]))
        if data is None or _sha256(data) != row["sha256"]:
            state = "missing" if data is None else "changed"
            raise _mismatch(copy, str(row["name"]), f"{state} on the team archive")


def check_held(copy: MeetingCopy, held: dict[str, tuple[int, set[tuple[str, str]]]]) -> None:
    """Before a pull writes anything: each final version this home already holds (`held`:
    version uuid -> its number and its files' names and hashes here) comes back exactly as
    held. Versions are never changed, so a changed or missing one stops the pull, and this
    home's files are never written over."""
    incoming: dict[str, set[tuple[str, str]]] = {
        str(v["uuid"]): set() for v in copy.rows.get("record_version", [])
    }
    for row in copy.rows.get("archived_file", []):
        if str(row["version_id"]) in incoming:
            incoming[str(row["version_id"])].add((str(row["name"]), str(row["sha256"])))
    for version_uuid, (number, files_here) in sorted(held.items(), key=lambda h: h[1][0]):
        if incoming.get(version_uuid) != files_here:
            raise ArchiveError(
                f"Version {number} of meeting “{_title(copy)}” on the team archive differs from "
                "the final version this home holds (the meeting's owner may have deleted and "
                "rewritten it), so nothing of that meeting was pulled and this home keeps its "
                "own copy; ask the meeting's owner which version is right."
            )


def place(root: Path, meeting_id: int, copy: MeetingCopy, known: set[str]) -> None:
    """Write a pulled copy's files into this home's folder for it. `known`: the versions
    (uuids) this home already held; a folder in the way of a new version (a leftover of
    an earlier meeting with this id) is set aside, never overwritten."""
    from minutes_tui.store.database import make_private_dirs

    versions = {str(v["uuid"]): v for v in copy.rows.get("record_version", [])}
    for version_uuid, version in versions.items():
        folder = root / FINAL_FOLDER / str(meeting_id) / f"v{version['version']}"
        rows = [r for r in copy.rows.get("archived_file", []) if r["version_id"] == version_uuid]
        if version_uuid not in known and folder.exists() and not _holds(folder, rows):
            with contextlib.suppress(OSError):
                folder.rename(folder.with_name(f"{folder.name}.incomplete-{int(time.time())}"))
        make_private_dirs(folder)
        for row in rows:
            if not plain_name(str(row["name"])):  # check_pulled refused it already
                raise ArchiveError(f"Not a plain file name: {row['name']!r}; nothing written.")
            path = folder / str(row["name"])
            if _matches(path, str(row["sha256"])):
                continue  # already here (an earlier pull, or one killed after writing it)
            _write_private(path, copy.files[str(row["uuid"])])


def _holds(folder: Path, rows: list[Row]) -> bool:
    """Every file in the folder is one of these, as hashed (a pull killed mid-way)."""
    hashes = {str(r["name"]): str(r["sha256"]) for r in rows}
    present = [p for p in folder.iterdir() if not p.name.startswith(".")]
    return all(p.name in hashes and _matches(p, hashes[p.name]) for p in present)


def _matches(path: Path, sha256: str) -> bool:
    try:
        return _sha256(path.read_bytes()) == sha256
    except OSError:
        return False


def _write_private(path: Path, data: bytes) -> None:
    """All of it or nothing: a 0600 temporary file beside it, synced, then renamed."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
