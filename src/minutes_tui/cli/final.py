"""Final records from the command line: finalize, reopen (with a reason), verify."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from minutes_tui.cli.common import EXIT_ERROR, CliError, open_store
from minutes_tui.cli.helptext import command
from minutes_tui.config import Home


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    from minutes_tui.cli.common import meeting_id

    p = command(
        sub,
        common,
        "finalize",
        "lock a meeting and archive its record (Markdown, Word, PDF) as the next version",
        "Nothing can be typed into a final meeting until it is reopened (with a reason).\n"
        "The record, without confidential entries, goes to <home>/archive/<id>/v<N>/ with\n"
        "the SHA-256 of each file, the time and who finalized it.",
        "minutes finalize 12",
        "minutes finalize 12 --no-pdf",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--no-pdf", action="store_true", help="archive Markdown and Word only")

    p = command(
        sub,
        common,
        "reopen",
        "make a final meeting a draft again (the reason is kept)",
        "Who, when and why stay in the meeting's history; finalizing again makes the\n"
        "next version, and the earlier archived versions stay.",
        'minutes reopen 12 --reason "a participant asked for a correction"',
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why it is reopened")
    p.add_argument("--by", metavar="NAME", help="who reopens it (default: the rapporteur)")

    p = command(
        sub,
        common,
        "verify",
        "check a meeting's archived records against their hashes",
        "Exit 0 when every archived file is there and unchanged; 1 with a line for each\n"
        "file changed or missing.",
        "minutes verify 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")


def cmd_finalize(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.finalize import finalize
    from minutes_tui.record.export import ExportError

    try:
        done = finalize(open_store(home), args.meeting, pdf=not args.no_pdf)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    for note in done.notes:
        print(f"minutes: warning: {note}", file=sys.stderr)
    print(f"Meeting {done.meeting_id} is final: version {done.version}")
    for path in done.files:
        print(path)
    return 0


def cmd_reopen(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.domain.text import clean_text
    from minutes_tui.finalize import reopen

    reason = clean_text(args.reason).strip()
    if not reason:
        raise CliError("--reason must say why the meeting is reopened", 2)
    version = reopen(open_store(home), args.meeting, reason, clean_text(args.by or "") or None)
    print(f"Meeting {args.meeting} reopened (was final, version {version}): {reason}")
    return 0


def cmd_verify(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.finalize import verify

    checked, problems = verify(open_store(home), args.meeting)
    for line in problems:
        print(f"minutes: {line}", file=sys.stderr)
    if problems:
        return EXIT_ERROR
    print(f"Meeting {args.meeting}: {checked} archived files match their SHA-256.")
    return 0
