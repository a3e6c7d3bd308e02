"""Import one record: read it (`import_files`), recognise it (`importer`, pure), and store
it through a CaptureSession, as the CLI and the preview screen both do.

Participants are stored first (so points can name them), then the rest, all in one
transaction with the source's hash: a killed import leaves nothing. The meeting notes its
source file and stays a draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minutes_tui.domain.entries import Entry
    from minutes_tui.importer import Recognised
    from minutes_tui.store.speakers import Known
    from minutes_tui.store.store import Store
    from minutes_tui.store.tracker import TrackedAction


def read_record(path: Path, body: str | None = None) -> Recognised:
    """Raises RecordFileError (one sentence for the user) when the file cannot be read: a
    hostile file (a zip bomb, a stalling PDF, a FIFO) is refused, never a traceback."""
    from minutes_tui.importer import recognise
    from minutes_tui.reading.record_files import RecordFileError, read_source
    from minutes_tui.reading.safe_read import FileRefused

    try:
        blocks, digest = read_source(path)
    except RecordFileError:
        raise
    except FileRefused as exc:
        raise RecordFileError(str(exc)) from None
    except OSError as exc:
        raise RecordFileError(f"{path}: {exc.strerror or exc}") from None
    except MemoryError:
        raise RecordFileError(f"{path.name}: too large to read in this computer's memory") from None
    rec = recognise(blocks, body)
    rec.sha256 = digest
    return rec


def store_record(
    store: Store,
    path: Path,
    rec: Recognised,
    previous: int | None,
    default_sensitivity: str | None = None,
) -> int:
    """Create the meeting (with its source) and store its lines, parsed as a capture session
    parses them, all in one transaction; a record that states no sensitivity gets
    `default_sensitivity` (`[new_meeting]`). A table of previous action points reviews
    the actions the store holds (`earlier_actions`); `rec` is updated to say so."""
    from minutes_tui.capture import CaptureContext, parse_line
    from minutes_tui.config.user_directory import load_user_organisations
    from minutes_tui.domain.header import with_sensitivity
    from minutes_tui.store.imports import Lines, store_imported

    header = with_sensitivity(rec.header, default_sensitivity)
    match_earlier(store, rec, previous)
    mine = load_user_organisations()  # the user's own directory, as a capture session reads

    def parse(line: str, known: Known) -> Entry:
        context = CaptureContext(
            speakers=known.speakers | mine,
            organisations=known.organisations | mine,
            language=known.language,  # the record's: a due phrase left as written reads so
        )
        return parse_line(line, context)

    lines = Lines(
        people=[line for line in rec.lines if line.startswith("/p ")],
        rest=[line for line in rec.lines if not line.startswith("/p ")],
        statuses=list(rec.statuses),
    )
    return store_imported(
        store, header, (path.name, source_hash(path, rec)), previous, lines, parse
    )


def match_earlier(store: Store, rec: Recognised, previous: int | None) -> None:
    """Turn the rows of a previous-actions table that the store holds into reviews; `rec`
    becomes what is stored (the summary, and `--dry-run`, then say so). Only reads."""
    if rec.earlier:
        from minutes_tui.importer.earlier import review_earlier

        done = review_earlier(rec, earlier_actions(store, rec, previous))
        rec.lines, rec.statuses, rec.notes, rec.earlier = done.lines, done.statuses, done.notes, []


def source_hash(path: Path, rec: Recognised) -> str:
    """The hash of the bytes the record was read from (`read_record` notes it); hashing
    the file again only for a record built another way. Raises RecordFileError."""
    from minutes_tui.reading.record_files import RecordFileError, sha256
    from minutes_tui.reading.safe_read import FileRefused

    if rec.sha256:
        return rec.sha256
    try:
        return sha256(path)
    except FileRefused as exc:
        raise RecordFileError(str(exc)) from None


def earlier_actions(store: Store, rec: Recognised, previous: int | None) -> list[TrackedAction]:
    """The actions a previous-actions table may review: those agreed in the body's meetings
    before this record's date (newest first), or in the meeting it follows (`--from`)."""
    import datetime as dt

    from minutes_tui.store.tracker import tracked_actions
    from minutes_tui.store.tracker_filter import TrackerFilter

    body, date = rec.header.body, rec.header.date
    if body:
        before = date - dt.timedelta(days=1) if date else None
        found = tracked_actions(store, TrackerFilter(body=body, date_to=before))
        # the body's own meetings: a `/u #ID` may not review another body's action
        return [a for a in found if (a.body or "").casefold() == body.casefold()]
    if previous is not None:
        return tracked_actions(store, TrackerFilter(meeting_id=previous))
    return []
