"""Import one record: read it (`import_files`), recognise it (`importer`, pure), and store
it through a CaptureSession, as the CLI and the preview screen both do.

Participants are replayed first (so points can name them), then the rest in one
transaction. The meeting notes its source file and stays a draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minutes_tui.importer import Recognised
    from minutes_tui.store.store import Store


def read_record(path: Path, body: str | None = None) -> Recognised:
    """Raises RecordFileError (one sentence for the user) when the file cannot be read: a
    hostile file (a zip bomb, a stalling PDF, a FIFO) is refused, never a traceback."""
    from minutes_tui.import_files import RecordFileError, read_blocks
    from minutes_tui.importer import recognise
    from minutes_tui.safe_read import FileRefused

    try:
        blocks = read_blocks(path)
    except RecordFileError:
        raise
    except FileRefused as exc:
        raise RecordFileError(str(exc)) from None
    except OSError as exc:
        raise RecordFileError(f"{path}: {exc.strerror or exc}") from None
    except MemoryError:
        raise RecordFileError(f"{path.name}: too large to read in this computer's memory") from None
    return recognise(blocks, body)


def store_record(
    store: Store,
    path: Path,
    rec: Recognised,
    previous: int | None,
    default_sensitivity: str | None = None,
) -> int:
    """Create the meeting (with its source) and replay the lines through a session; a
    record that states no sensitivity gets `default_sensitivity` (`[new_meeting]`)."""
    from minutes_tui.header import with_sensitivity
    from minutes_tui.import_files import sha256
    from minutes_tui.session import CaptureSession
    from minutes_tui.store.imports import create_imported_meeting
    from minutes_tui.store.reviews import review_action

    header = with_sensitivity(rec.header, default_sensitivity)
    meeting = create_imported_meeting(store, header, path.name, sha256(path), previous)
    session = CaptureSession(store, meeting)
    people = [line for line in rec.lines if line.startswith("/p ")]
    rest = [line for line in rec.lines if not line.startswith("/p ")]
    if people:
        session.submit_paste(people)
        session.forget_context()  # the points below may name them
    if rest:
        session.submit_paste(rest)
    if rec.statuses:
        # A table's status is the action's latest review, set as the tracker sets it (a
        # meeting's own `/u` may not review the actions it agreed).
        actions = sorted(store.load(meeting).actions, key=lambda a: a.number)
        for nth, status, progress in rec.statuses:
            if nth <= len(actions):
                review_action(store, actions[nth - 1].id, status, progress, meeting)
    return meeting
