"""What every command shares: exit codes, argument types, the store, file reading."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from minutes_tui.config import Home
from minutes_tui.domain.translate import _

if TYPE_CHECKING:
    import datetime as dt

    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.domain.snapshot import MeetingData
    from minutes_tui.store.store import Store

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_WARNINGS = 3  # `import --strict`: stored, but some lines had warnings
EXIT_INTERRUPTED = 130  # 128 + SIGINT: ctrl+c
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command killed by it
# Every --json output is {"version": JSON_VERSION, ...}: a change of shape that could break
# a reader's script (a key renamed, removed or retyped) raises it; adding a key does not.
JSON_VERSION = 1
MAX_ID = 2**63 - 1  # SQLite's INTEGER: a larger number cannot name any row


class CliError(Exception):
    """One line for stderr."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _row_id(value: str, what: str) -> int:
    """A positive id SQLite can hold; anything else is one argparse error (`what`: the
    kind of id, already translated)."""
    shown = value if len(value) <= 30 else value[:30] + "…"
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        said = _("'{value}' is not {what} (a number)")
        raise argparse.ArgumentTypeError(said.format(value=shown, what=what))
    if number > MAX_ID:
        said = _("'{value}' is not {what}: the largest is {largest}")
        raise argparse.ArgumentTypeError(said.format(value=shown, what=what, largest=MAX_ID))
    return number


def meeting_id(value: str) -> int:
    return _row_id(value, _("a meeting id"))


def meeting_or_body(value: str) -> str:
    """`export`'s MEETING: an id (checked as one, so a too-large id is a usage error like
    everywhere else) or, for a workplan, a body's name."""
    if value.isdigit():
        meeting_id(value)
    return value


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        said = _("'{value}' is not a positive number")
        raise argparse.ArgumentTypeError(said.format(value=value[:30]))
    return min(int(value), MAX_ID)  # "at most N": a larger N means all of them


def action_id(value: str) -> int:
    """An action's register reference: "12" or "#12", as the tracker shows it."""
    number = value.removeprefix("#")
    if not number.isdigit():
        said = _("'{value}' is not an action reference (#12)")
        raise argparse.ArgumentTypeError(said.format(value=value[:30]))
    return _row_id(number, _("an action reference"))


def status(value: str) -> str:
    """An action status, as the grammar reads it ("completed", "in progress", "done")."""
    from minutes_tui.domain.vocabulary import STATUSES, status_from_word, status_word

    found = status_from_word(value)
    if found is None:
        words = ", ".join(status_word(s) for s in STATUSES)
        said = _("'{value}' is not a status: {words}")
        raise argparse.ArgumentTypeError(said.format(value=value[:30], words=words))
    return found


def versioned(**fields: object) -> dict[str, object]:
    """A --json output: the version first, then what the command prints."""
    return {"version": JSON_VERSION, **fields}


def iso_date(value: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        said = _("'{value}' is not a date (YYYY-MM-DD)")
        raise argparse.ArgumentTypeError(said.format(value=value)) from None


def waiting() -> None:
    print(_("minutes: waiting for another program writing to the database…"), file=sys.stderr)


def empty_home_note(home: Home) -> str | None:
    """When the home read holds no meeting (or no database yet): which home that was and
    how to pick another, so an empty answer from the wrong home is never silent. Said on
    stderr: standard output, which scripts parse, is left as it is."""
    from minutes_tui.config.settings import tilde
    from minutes_tui.store.backend import backend_for

    try:
        if backend_for(home).holds_meetings():
            return None
        here = Path.cwd()
        # A checkout's own home (`make run` keeps its meetings in ./db): name it.
        local = here != home.root and backend_for(Home(here)).holds_meetings()
        yet = "" if home.db_path.exists() else _("; no database yet")
    except OSError:
        return None  # an unreadable folder: the command's own checks say so
    where = f"{tilde(home.root)}, {home.source}" if home.source else tilde(home.root)
    hint = (
        _("--home . (this folder has meetings)") if local else _("--home DIR or MINUTES_HOME=DIR")
    )
    said = _("No meetings in HOME ({where}{yet}); another home: {hint}")
    return said.format(where=where, yet=yet, hint=hint)


def open_store(home: Home) -> Store:
    from minutes_tui.store.store import Store

    return Store.open(home, on_wait=waiting)


def meeting_data(home: Home, meeting: int) -> MeetingData:
    """One meeting as plain data, knowing every rule (confidential entries and their
    circulated numbers, versions and history, the trash). A home's SQLite file at this
    version's schema is read by the store's own loader (`store/load.py`) on a standard
    sqlite3 connection, so `show` and `export` never import SQLAlchemy; a team archive
    or a database to upgrade goes through the store."""
    if sqlite_current(home):
        from minutes_tui.store.dbapi import file_snapshot
        from minutes_tui.store.load import load

        with file_snapshot(home.db_path) as snap:
            return load(snap, meeting)
    return open_store(home).load(meeting)


def sqlite_current(home: Home) -> bool:
    """A home's own SQLite database, already at this version's schema: what the store's
    opening checks (a linked or shared home, a corrupt, foreign, too-new or read-only
    database raise the same sentence), without SQLAlchemy."""
    if home.db_url is not None:
        return False
    from minutes_tui.store.database import prepare
    from minutes_tui.store.schema import SchemaState

    return prepare(home) is SchemaState.CURRENT


def configured_sensitivity() -> str | None:
    """`[new_meeting] sensitivity` of config.toml (or MINUTES_DEFAULT_SENSITIVITY)."""
    from minutes_tui.config.settings import load_settings

    return load_settings().default_sensitivity


# The meeting's details `new` and `edit` take as options (script.KEYS less title, headings
# and from; not imported from there: it would bring pydantic into `minutes --help`).
HEADER_KEYS: tuple[str, ...] = ("body", "session", "date", "time", "place", "chair")
HEADER_KEYS += ("rapporteur", "style", "sensitivity", "introduction")


def header_from_args(
    args: argparse.Namespace, inherited: dict[str, str] | None = None
) -> MeetingHeader:
    from minutes_tui.capture.script import ScriptError, parse_header

    fields = {**(inherited or {}), "title": args.title}
    for key in HEADER_KEYS:
        value = getattr(args, key, None)
        if value is not None:
            fields[key] = value
    try:
        return parse_header(fields)
    except ScriptError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None


def read_bytes(path: Path) -> bytes:
    """A script or text file the user names: a regular file (a FIFO or a device is refused,
    never waited on) of at most safe_read.TEXT_LIMIT bytes."""
    from minutes_tui.reading.safe_read import TEXT_LIMIT, FileRefused, read_limited

    try:
        return read_limited(path, TEXT_LIMIT)
    except FileRefused as exc:
        raise CliError(str(exc)) from None


def open_bytes(path: Path) -> BinaryIO:
    """A report to stream: a regular file of at most safe_read.REPORT_LIMIT bytes."""
    from minutes_tui.reading.safe_read import REPORT_LIMIT, FileRefused, open_regular

    try:
        return open_regular(path, REPORT_LIMIT)
    except FileRefused as exc:
        raise CliError(str(exc)) from None


def file_error(path: Path, exc: OSError) -> CliError:
    if isinstance(exc, FileNotFoundError):
        return CliError(_("{path}: no such file").format(path=path))
    if isinstance(exc, IsADirectoryError):
        return CliError(_("{path}: is a folder, not a file").format(path=path))
    if isinstance(exc, PermissionError):
        return CliError(_("{path}: permission denied").format(path=path))
    return CliError(f"{path}: {exc.strerror}")
