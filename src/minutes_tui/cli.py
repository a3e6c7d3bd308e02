"""The `minutes` command: no argument opens the app; subcommands script the same store.

Errors are one line on stderr and a non-zero exit; nothing is changed. Heavy
imports (SQLAlchemy, Alembic, Textual) happen inside the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.config import Home, resolve_home

if TYPE_CHECKING:
    from minutes_tui.store.store import Store

EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    """One line for stderr."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def meeting_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a meeting id (a number)") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a meeting id (a number)")
    return number


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

    p = sub.add_parser("export", parents=[common], help="write the record to Markdown or Word")
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--format", choices=("md", "docx"), default="md")
    p.add_argument("--style", choices=("summary", "minutes", "actions"))
    p.add_argument("--out", type=Path, metavar="PATH", help="default: <home>/exports/<date>-<slug>")
    p.add_argument("--redact", action="store_true", help="replace personal names")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        home = resolve_home(args.home)
        if args.command in (None, "open"):
            return run_app(home, getattr(args, "meeting", None))
        handler = COMMANDS[args.command]
        return handler(args, home)
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


def run_app(home: Home, meeting: int | None) -> int:
    from minutes_tui.app import MinutesApp

    if meeting is not None:
        open_store(home).meeting(meeting)  # an unknown meeting is an error, not an empty screen
    MinutesApp(home, open_meeting=meeting).run()
    return 0


def open_store(home: Home) -> Store:
    from minutes_tui.store.store import Store

    return Store.open(home)


def header_from_args(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from minutes_tui.script import ScriptError, parse_header

    fields = {"title": args.title}
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
    header = header_from_args(args)  # validate before the database is touched
    print(open_store(home).create_meeting(header))
    return 0


def cmd_add(args: argparse.Namespace, home: Home) -> int:
    store = open_store(home)
    store.meeting(args.meeting)
    for line in args.lines:
        item_id = store.current_item(args.meeting)
        result = store.capture(args.meeting, item_id, line)
        for warning in result.warnings:
            print(f"minutes: warning: {warning}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.script import ScriptError, parse_script

    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CliError(f"{args.file}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{args.file}: is a folder, not a capture script") from None
    except PermissionError:
        raise CliError(f"{args.file}: permission denied") from None
    except UnicodeDecodeError:
        raise CliError(f"{args.file}: not a UTF-8 text file") from None
    except OSError as exc:
        raise CliError(f"{args.file}: {exc.strerror}") from None
    try:
        script = parse_script(text)
    except ScriptError as exc:
        raise CliError(f"{args.file}: {exc}", EXIT_USAGE) from None
    store = open_store(home)
    new_id = store.create_meeting(script.header)
    store.replay(new_id, [line for _, line in script.lines])
    print(new_id)
    return 0


def cmd_list(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.store.reads import list_meetings
    from minutes_tui.store.schema import schema_state

    schema_state(home.db_path)  # a corrupt or too-new database is an error, not an empty list
    rows = list_meetings(home.db_path)
    if args.json:
        print(json.dumps([row.__dict__ for row in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        title = " · ".join(p for p in (row.body, row.title, row.session) if p)
        print(f"{row.id:>5}  {row.date or '----------'}  {row.status:<5}  {title}")
    return 0


def cmd_show(args: argparse.Namespace, home: Home) -> int:
    data = open_store(home).load(args.meeting)
    if args.json:
        print(json.dumps(data.to_json(), ensure_ascii=False, indent=2))
        return 0
    from minutes_tui.textview import meeting_text

    print(meeting_text(data))
    return 0


def cmd_export(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.record.export import ExportError, default_export_path, export

    data = open_store(home).load(args.meeting)
    style = args.style or data.style
    out = args.out or default_export_path(home.exports_dir, data, args.format, style)
    try:
        written = export(data, args.format, style, out, args.redact)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    print(written)
    return 0


COMMANDS = {
    "new": cmd_new,
    "add": cmd_add,
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "export": cmd_export,
}
