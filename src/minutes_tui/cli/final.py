"""Final records from the command line: finalize, reopen (with a reason), verify."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from minutes_tui.cli.common import EXIT_ERROR, CliError, open_store
from minutes_tui.cli.helptext import command
from minutes_tui.config import Home
from minutes_tui.domain.translate import _


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    from minutes_tui.cli.common import meeting_id

    p = command(
        sub,
        common,
        "finalize",
        _("lock a meeting and archive its record (Markdown, Word, PDF) as the next version"),
        _(
            "Nothing can be typed into a final meeting until it is reopened (with a reason).\n"
            "The record, without confidential entries, goes to <home>/archive/<id>/v<N>/ with\n"
            "the SHA-256 of each file, the time and who finalized it."
        ),
        "minutes finalize 12",
        "minutes finalize 12 --no-pdf",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--no-pdf", action="store_true", help=_("archive Markdown and Word only"))

    p = command(
        sub,
        common,
        "reopen",
        _("make a final meeting a draft again (the reason is kept)"),
        _(
            "Who, when and why stay in the meeting's history; finalizing again makes the\n"
            "next version, and the earlier archived versions stay."
        ),
        'minutes reopen 12 --reason "a participant asked for a correction"',
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--reason", required=True, metavar="TEXT", help=_("why it is reopened"))
    p.add_argument("--by", metavar="NAME", help=_("who reopens it (default: the rapporteur)"))

    p = command(
        sub,
        common,
        "verify",
        _("check a meeting's archived records against their hashes"),
        _(
            "Exit 0 when every archived file is there and unchanged; 1 with a line for each\n"
            "file changed or missing."
        ),
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
        print(_("minutes: warning: {warning}").format(warning=note), file=sys.stderr)
    said = _("Meeting {meeting} is final: version {version}")
    print(said.format(meeting=done.meeting_id, version=done.version))
    for path in done.files:
        print(path)
    return 0


def cmd_reopen(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.domain.text import clean_text
    from minutes_tui.finalize import reopen

    reason = clean_text(args.reason).strip()
    if not reason:
        raise CliError(_("--reason must say why the meeting is reopened"), 2)
    version = reopen(open_store(home), args.meeting, reason, clean_text(args.by or "") or None)
    said = _("Meeting {meeting} reopened (was final, version {version}): {reason}")
    print(said.format(meeting=args.meeting, version=version, reason=reason))
    return 0


def cmd_verify(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.finalize import verify

    checked, problems = verify(open_store(home), args.meeting)
    for line in problems:
        print(_("minutes: {note}").format(note=line), file=sys.stderr)
    if problems:
        return EXIT_ERROR
    said = _("Meeting {meeting}: {count} archived files match their SHA-256.")
    print(said.format(meeting=args.meeting, count=checked))
    return 0
