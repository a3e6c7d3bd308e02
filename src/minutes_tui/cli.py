"""The `minutes` command: no argument opens the app; subcommands script the same store.

Errors are one line on stderr and a non-zero exit; nothing is changed. Heavy
imports (SQLAlchemy, Alembic, Textual) happen inside the commands that need them.

Output cut short by its reader (`minutes list | head`) ends quietly with exit status 141,
the 128 + SIGPIPE a shell reports for any command its pipe's reader stopped reading.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from minutes_tui.config import Home, resolve_home
from minutes_tui.display import clip, meeting_name
from minutes_tui.text import clean_text, terminal_json

if TYPE_CHECKING:
    import datetime as dt

    from minutes_tui.entries import MeetingHeader
    from minutes_tui.store.store import Store

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command killed by it
MAX_ID = 2**63 - 1  # SQLite's INTEGER: a larger number cannot name any row


class CliError(Exception):
    """One line for stderr."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _row_id(value: str, what: str) -> int:
    """A positive id SQLite can hold; anything else is one argparse error."""
    shown = value if len(value) <= 30 else value[:30] + "…"
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{shown}' is not {what} (a number)") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{shown}' is not {what} (a number)")
    if number > MAX_ID:
        raise argparse.ArgumentTypeError(f"'{shown}' is not {what}: the largest is {MAX_ID}")
    return number


def meeting_id(value: str) -> int:
    return _row_id(value, "a meeting id")


def build_parser() -> argparse.ArgumentParser:
    home_help = "data home (default: $MINUTES_HOME or the user data folder)"
    parser = argparse.ArgumentParser(
        prog="minutes", description="Capture a meeting live and keep its record."
    )
    parser.add_argument("--home", metavar="DIR", help=home_help)
    # Also accepted after the subcommand; SUPPRESS keeps it from overwriting the first.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", metavar="DIR", help=home_help, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", parents=[common], help="open the capture screen of a meeting")
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")

    p = sub.add_parser("new", parents=[common], help="create a meeting; prints its id")
    p.add_argument("title")
    p.add_argument("--body")
    p.add_argument("--session")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--time", help="HH:MM or HH:MM-HH:MM")
    p.add_argument("--place")
    p.add_argument("--chair")
    p.add_argument("--rapporteur")
    p.add_argument("--style", help="summary | minutes | actions")
    p.add_argument("--sensitivity", help="PUBLIC | INTERNAL | RESTRICTED | CONFIDENTIAL | ...")
    p.add_argument(
        "--from",
        dest="previous",
        type=meeting_id,
        metavar="MEETING",
        help="the next meeting of MEETING's series: same body, style, participants, open actions",
    )

    p = sub.add_parser("add", parents=[common], help="capture lines into a meeting")
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("lines", nargs="+", metavar="LINE")

    p = sub.add_parser("import", parents=[common], help="replay a capture script as a new meeting")
    p.add_argument("file", type=Path, metavar="FILE")

    p = sub.add_parser("list", parents=[common], help="list meetings, newest first")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", parents=[common], help="print a whole meeting")
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "attendance", parents=[common], help="add a Teams or Zoom attendance report to a meeting"
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("file", type=Path, metavar="FILE")

    p = sub.add_parser("export", parents=[common], help="write the record to Markdown or Word")
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--format", choices=("md", "docx"), default="md")
    p.add_argument("--style", choices=("summary", "minutes", "actions"))
    p.add_argument(
        "--out",
        metavar="PATH",
        help="a file, a folder (ends in /) or - for standard output "
        "(default: <home>/exports/<date>-<id>-<slug>-<style>)",
    )
    p.add_argument("--redact", action="store_true", help="replace personal names")

    p = sub.add_parser("actions", parents=[common], help="follow-up actions across meetings")
    p.add_argument("--open", action="store_true", help="pending or in progress only")
    p.add_argument("--overdue", action="store_true", help="open and past their due date")
    p.add_argument("--owner", metavar="X", help="any owner contains X (case-insensitive)")
    p.add_argument("--body", metavar="B", help="meetings of this body (exact, case-insensitive)")
    p.add_argument("--text", metavar="T", help="the action or a sub-item contains T")
    p.add_argument("--meeting", type=meeting_id, metavar="MEETING", help="one meeting's actions")
    p.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="judge overdue as of")
    p.add_argument("--json", action="store_true", help="with each action's whole history")

    p = sub.add_parser(
        "action-status", parents=[common], help="record a new status of an action (by its id)"
    )
    p.add_argument("action", type=action_id, metavar="ACTION_ID")
    p.add_argument("status", help="pending | in_progress | completed | dropped")
    p.add_argument("--progress", default="", metavar="TEXT", help="what was done")
    p.add_argument(
        "--meeting",
        type=meeting_id,
        metavar="MEETING",
        help="the reviewing meeting (default: the next meeting of the action's series)",
    )

    p = sub.add_parser(
        "search", parents=[common], help="full-text search of every meeting, best match first"
    )
    p.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help='words, "a phrase", prefix*, a AND b, a OR b, a NOT b, who:UNHCR',
    )
    p.add_argument("--limit", type=positive, default=50, metavar="N", help="at most N hits")
    p.add_argument("--meeting", type=meeting_id, metavar="MEETING", help="one meeting only")
    p.add_argument("--json", action="store_true")
    return parser


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value[:30]}' is not a positive number")
    return min(int(value), MAX_ID)  # "at most N": a larger N means all of them


def action_id(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"'{value[:30]}' is not an action id (a number)")
    return _row_id(value, "an action id")


def iso_date(value: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        home = resolve_home(args.home)
        if args.command in (None, "open"):
            return run_app(home, getattr(args, "meeting", None))
        handler = COMMANDS[args.command]
        code = handler(args, home)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except BrokenPipeError:
        return quiet_broken_pipe()
    except CliError as exc:
        print(f"minutes: error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from minutes_tui.store.errors import StoreError

        if isinstance(exc, StoreError):
            print(f"minutes: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        raise


def quiet_broken_pipe() -> int:
    """The reader of stdout went away: drop what is still buffered, say nothing.

    Python's documented recipe: point stdout at /dev/null, so the flush at exit
    does not raise a second BrokenPipeError.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (a test's capture): nothing to protect
    return EXIT_BROKEN_PIPE


def run_app(home: Home, meeting: int | None) -> int:
    from minutes_tui.app import MinutesApp

    if meeting is not None:
        open_store(home).meeting(meeting)  # an unknown meeting is an error, not an empty screen
    MinutesApp(home, open_meeting=meeting).run()
    return 0


def open_store(home: Home) -> Store:
    from minutes_tui.store.store import Store

    def waiting() -> None:
        print("minutes: waiting for another program writing to the database…", file=sys.stderr)

    return Store.open(home, on_wait=waiting)


def header_from_args(
    args: argparse.Namespace, inherited: dict[str, str] | None = None
) -> MeetingHeader:
    from minutes_tui.script import ScriptError, parse_header

    fields = {**(inherited or {}), "title": args.title}
    for key in ("body", "session", "date", "time", "place", "chair", "rapporteur", "style"):
        value = getattr(args, key)
        if value is not None:
            fields[key] = value
    if args.sensitivity is not None:
        fields["sensitivity"] = args.sensitivity
    try:
        return parse_header(fields)
    except ScriptError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None


def cmd_new(args: argparse.Namespace, home: Home) -> int:
    if args.previous is None:
        header = header_from_args(args)  # validate before the database is touched
        print(open_store(home).create_meeting(header))
        return 0
    store = open_store(home)
    header = header_from_args(args, store.series_defaults(args.previous))
    print(store.create_from_previous(args.previous, header))
    return 0


def cmd_add(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.session import CaptureSession

    session = CaptureSession(open_store(home), args.meeting)
    for line in args.lines:
        for warning in session.submit(line).warnings:
            print(f"minutes: warning: {warning}", file=sys.stderr)
    return 0


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise file_error(path, exc) from None


def open_bytes(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise file_error(path, exc) from None


def file_error(path: Path, exc: OSError) -> CliError:
    if isinstance(exc, FileNotFoundError):
        return CliError(f"{path}: no such file")
    if isinstance(exc, IsADirectoryError):
        return CliError(f"{path}: is a folder, not a file")
    if isinstance(exc, PermissionError):
        return CliError(f"{path}: permission denied")
    return CliError(f"{path}: {exc.strerror}")


def cmd_attendance(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.attendance import AttendanceError, parse_attendance

    # Read as a stream: a huge report costs time, not memory.
    with open_bytes(args.file) as stream:
        try:
            attendees = parse_attendance(stream)
        except AttendanceError as exc:
            raise CliError(f"{args.file}: {exc}") from None
        except OSError as exc:
            raise file_error(args.file, exc) from None
    store = open_store(home)
    added, present = store.import_attendance(args.meeting, attendees)
    print(f"{added} added, {present} already listed and marked present")
    return 0


def cmd_import(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.script import ScriptError, parse_script

    try:
        text = read_bytes(args.file).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{args.file}: not a UTF-8 text file") from None
    try:
        script = parse_script(text)
    except ScriptError as exc:
        raise CliError(f"{args.file}: {exc}", EXIT_USAGE) from None
    from minutes_tui.session import CaptureSession

    store = open_store(home)
    new_id = store.create_meeting(script.header)
    CaptureSession(store, new_id).submit_all(line for _, line in script.lines)
    print(new_id)
    return 0


def cmd_list(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.store.database import check_home
    from minutes_tui.store.reads import list_meetings
    from minutes_tui.store.schema import schema_state

    check_home(home)  # a symlinked database or a shared db/ is refused, even to read
    schema_state(home.db_path)  # a corrupt or too-new database is an error, not an empty list
    rows = list_meetings(home.db_path)
    if args.json:
        print(terminal_json([row.__dict__ for row in rows]))
        return 0
    # Cleaned again on the way out: a database written before text.py may hold escapes.
    for row in rows:
        title = clean_text(meeting_name(row.body, row.title, row.session))
        print(f"{row.id:>5}  {row.date or '----------'}  {clean_text(row.status):<5}  {title}")
    return 0


def cmd_show(args: argparse.Namespace, home: Home) -> int:
    data = open_store(home).load(args.meeting)
    if args.json:
        print(terminal_json(data.to_json()))
        return 0
    from minutes_tui.textview import meeting_text

    print(clean_text(meeting_text(data), multiline=True))  # as `list`: old databases
    return 0


def cmd_export(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.record.export import ExportError, default_export_path, export, render

    data = open_store(home).load(args.meeting)
    style = args.style or data.style
    try:
        if args.out == "-":  # the record itself on stdout, bytes as they would be on disk
            payload = render(data, args.format, style, args.redact)
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
            return 0
        out = args.out or default_export_path(
            home.exports_dir, data, args.format, style, args.redact
        )
        written = export(data, args.format, style, out, args.redact, protected=[home.db_dir])
    except ExportError as exc:
        raise CliError(str(exc)) from None
    print(written)
    return 0


def cmd_actions(args: argparse.Namespace, home: Home) -> int:
    import datetime as dt

    from minutes_tui.entries import status_word
    from minutes_tui.store.tracker import TrackerFilter, tracked_actions

    today = args.today or dt.date.today()
    filters = TrackerFilter(
        open_only=args.open,
        overdue=args.overdue,
        owner=args.owner,
        body=args.body,
        text=args.text,
        meeting_id=args.meeting,
        today=today,
    )
    actions = tracked_actions(open_store(home), filters, with_history=args.json)
    if args.json:
        print(terminal_json([a.to_json(today) for a in actions]))
        return 0
    if not actions:
        return 0
    id_w = max(len(str(a.id)) for a in actions)
    body_w = min(max(len(a.body or "") for a in actions), 20)
    due_w = min(max(len(a.due or "") for a in actions), 14) + 1  # + the overdue mark
    for a in actions:
        due = clip(clean_text(a.due or ""), due_w - 1) + ("!" if a.is_overdue(today) else "")
        owners = f" [{'; '.join(a.owners)}]" if a.owners else ""
        progress = ""
        if a.progress:
            when = f" ({a.progress_date.isoformat()})" if a.progress_date else ""
            progress = f" — {a.progress}{when}"
        print(
            f"{a.id:>{id_w}}  {a.meeting_date or '----------'}  "
            f"{clip(clean_text(a.body or ''), body_w):<{body_w}}  {a.number:>3}.  "
            f"{status_word(a.status):<11}  {due:<{due_w}}  "
            + clean_text(f"{a.text}{owners}{progress}")  # as `list`: old databases
        )
    return 0


def cmd_action_status(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.entries import status_word
    from minutes_tui.store.reviews import review_action
    from minutes_tui.store.tracker import normalize_status

    status = normalize_status(args.status)  # a bad status is refused before the database
    change = review_action(open_store(home), args.action, status, args.progress, args.meeting)
    print(f"Action {args.action}: {status_word(change.status)} (meeting {change.meeting_id})")
    return 0


def cmd_search(args: argparse.Namespace, home: Home) -> int:
    import sqlite3

    from minutes_tui.store.database import check_home
    from minutes_tui.store.errors import NotFound
    from minutes_tui.store.schema import SchemaState, connect_readonly, schema_state
    from minutes_tui.store.search import MARK_CLOSE, MARK_OPEN, Hit, search

    query = " ".join(args.query)
    check_home(home)
    state = schema_state(home.db_path)  # a corrupt or too-new database is an error
    hits: list[Hit] | None = []  # a missing database: nothing to search, nothing to create
    if state is SchemaState.CURRENT:
        # The standard sqlite3 module, without importing SQLAlchemy.
        try:
            con = connect_readonly(home.db_path)
            try:
                known = "SELECT 1 FROM meeting WHERE id = ?"
                if args.meeting and not con.execute(known, (args.meeting,)).fetchone():
                    raise NotFound(f"No meeting with id {args.meeting}.")
                hits = search(con, query, args.limit, args.meeting)
            finally:
                con.close()
        except sqlite3.OperationalError:
            hits = None  # read-only access refused (a WAL file it may not create): the store
    if state is SchemaState.OLDER or hits is None:
        store = open_store(home)  # migrates an older database, building the index
        if args.meeting:
            store.meeting(args.meeting)
        hits = search(store, query, args.limit, args.meeting)
    if args.json:
        print(terminal_json([hit.to_json() for hit in hits]))
        return 0
    if not hits:
        print(f"minutes: no match for {query}", file=sys.stderr)
        return 0
    ansi = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    marks = ("\x1b[1;4m", "\x1b[22;24m") if ansi else ("**", "**")

    def line(hit: Hit) -> str:
        # The match markers are control characters: kept through the cleaning (which
        # matters for databases written before text.py) as private-use stand-ins.
        summary = hit.summary().replace(MARK_OPEN, "\ue000").replace(MARK_CLOSE, "\ue001")
        return clean_text(summary).replace("\ue000", marks[0]).replace("\ue001", marks[1])

    names = {id(hit): (clean_text(hit.meeting_name), clean_text(hit.item_name)) for hit in hits}
    id_w = max(len(str(hit.meeting_id)) for hit in hits)
    name_w = min(max(len(name) for name, _ in names.values()), 36)
    item_w = min(max(len(item) for _, item in names.values()), 36)
    for hit in hits:
        name, item = names[id(hit)]
        print(
            f"{hit.meeting_id:>{id_w}}  {hit.meeting_date or '----------'}  "
            f"{clip(name, name_w):<{name_w}}  {clip(item, item_w):<{item_w}}  {line(hit)}"
        )
    return 0


COMMANDS = {
    "new": cmd_new,
    "add": cmd_add,
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "export": cmd_export,
    "attendance": cmd_attendance,
    "actions": cmd_actions,
    "action-status": cmd_action_status,
    "search": cmd_search,
}
