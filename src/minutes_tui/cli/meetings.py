"""Commands on meetings: new, add, import, edit, attendance, list, show."""

from __future__ import annotations

import argparse
import sys

from minutes_tui.cli.common import (
    EXIT_USAGE,
    EXIT_WARNINGS,
    HEADER_KEYS,
    CliError,
    file_error,
    header_from_args,
    load_meeting,
    open_bytes,
    open_store,
    read_bytes,
    waiting,
)
from minutes_tui.config import Home
from minutes_tui.display import meeting_name
from minutes_tui.text import clean_text, terminal_json


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
    from minutes_tui.store.quick import QuickNotes

    lines: list[str] = list(args.lines)
    # Notes first without SQLAlchemy (store/quick.py); the rest through the full store.
    quick = QuickNotes.open(home, args.meeting, on_wait=waiting)
    if quick is not None:
        try:
            while lines and (applied := quick.submit(lines[0])) is not None:
                warn(applied.warnings)
                lines.pop(0)
        finally:
            quick.close()
    if lines:
        from minutes_tui.session import CaptureSession

        store = open_store(home)
        try:
            session = CaptureSession(store, args.meeting)
            for line in lines:
                warn(session.submit(line).warnings)
        finally:
            store.close()  # as the process's exit would: the WAL is checkpointed now
    return 0


def warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"minutes: warning: {warning}", file=sys.stderr)


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
    previous = args.previous or script.previous_id
    if previous is not None:
        store.meeting(previous)  # an unknown meeting is an error before anything is stored
    new_id = store.create_meeting(script.header, previous)
    session = CaptureSession(store, new_id)
    warned = 0
    for number, line in script.lines:
        warnings = session.submit(line).warnings
        warned += bool(warnings)
        for warning in warnings:
            print(f"minutes: warning: {args.file}:{number}: {warning}", file=sys.stderr)
    print(new_id)
    if warned and args.strict:
        print(f"minutes: {warned} line(s) had warnings (--strict)", file=sys.stderr)
        return EXIT_WARNINGS
    return 0


def cmd_edit(args: argparse.Namespace, home: Home) -> int:
    """Change a meeting's details (only the options given) and/or its series link."""
    from minutes_tui.script import ScriptError, parse_header

    given = {k: getattr(args, k) for k in ("title", *HEADER_KEYS) if getattr(args, k) is not None}
    if not given and args.previous is None and not args.no_series:
        raise CliError("nothing to change: give --title, --date, … or --from / --no-series", 2)
    try:
        header = parse_header({"title": given.get("title", "-"), **given})
    except ScriptError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    names = [n for k in given for n in (("start_time", "end_time") if k == "time" else (k,))]
    fields: dict[str, object] = {n: getattr(header, n) for n in names}
    store = open_store(home)
    store.meeting(args.meeting)
    if args.no_series:
        fields["previous_id"] = None
    elif args.previous is not None:
        store.check_series_link(args.meeting, args.previous)
        fields["previous_id"] = args.previous
    store.update_meeting(args.meeting, **fields)
    print(f"Meeting {args.meeting} updated: {', '.join(sorted(fields))}")
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
    data = load_meeting(home, args.meeting)
    if args.json:
        print(terminal_json(data.to_json()))
        return 0
    from minutes_tui.textview import meeting_text

    print(clean_text(meeting_text(data), multiline=True))  # as `list`: old databases
    return 0
