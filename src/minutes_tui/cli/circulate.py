"""`minutes circulate`: a record out for comments, or the final record, as an e-mail."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from minutes_tui.cli.common import CliError, iso_date, meeting_id, open_store
from minutes_tui.cli.helptext import examples
from minutes_tui.config import Home
from minutes_tui.domain.translate import _, ngettext


def add_command(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "circulate",
        parents=[common],
        help=_("an e-mail draft (.eml) that circulates the record for comments or as final"),
        description=_(
            "Write an e-mail draft (.eml) that Outlook and Thunderbird open ready to send:\n"
            "To the participants with an address (/p Ms. Name, ORG <name@org.int>), the\n"
            "body's list ([circulation.lists] in config.toml) and --to; the Word record\n"
            "attached. --for-comments sends the draft with the date comments are due;\n"
            "--final (a final meeting) attaches the archived files with their SHA-256.\n"
            "With [smtp] in config.toml, --send sends it as well. The meeting's history\n"
            "keeps each circulation: what, to whom, when, until when (show --json)."
        ),
        epilog=examples(
            "minutes circulate 12 --for-comments --by 2024-05-20",
            "minutes circulate 12 --for-comments --by 2024-05-20 --to cochair@org.int",
            "minutes circulate 12 --final --out ~/Desktop",
        )
        + "\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--for-comments", action="store_true", help=_("the draft, for comments"))
    what.add_argument("--final", action="store_true", help=_("the final record's archived files"))
    p.add_argument("--by", type=iso_date, metavar="DATE", help=_("comments due by (YYYY-MM-DD)"))
    p.add_argument("--to", nargs="+", default=[], metavar="ADDR", help=_("more recipients"))
    p.add_argument("--out", metavar="DIR", help=_("folder for the .eml (default: the exports)"))
    p.add_argument("--send", action="store_true", help=_("send by the [smtp] server as well"))


def cmd_circulate(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.circulation.circulate import CirculationError, DueDateError, circulate
    from minutes_tui.config.settings import load_settings

    if args.for_comments and args.by is None:
        raise CliError(_("--for-comments needs --by DATE: the day comments are due."), 2)
    if args.final and args.by is not None:
        raise CliError(_("--by is for --for-comments; a final record is not out for comments."), 2)
    settings = load_settings()
    for problem in settings.problems:  # a password in the file is ignored: say so here
        if problem.startswith(("smtp.", "circulation.")):
            print(_("minutes: warning: {warning}").format(warning=problem), file=sys.stderr)
    try:
        done = circulate(
            open_store(home),
            args.meeting,
            final_record=args.final,
            due=args.by,
            extra=args.to,
            folder=Path(args.out).expanduser() if args.out else home.exports_dir,
            settings=settings,
            send=args.send,
        )
    except DueDateError as exc:
        raise CliError(str(exc), 2) from None
    except CirculationError as exc:
        raise CliError(str(exc)) from None
    print(done.path)
    n = len(done.to)
    if done.sent:
        said = ngettext(
            "minutes: sent to {count} recipient: {addresses}",
            "minutes: sent to {count} recipients: {addresses}",
            n,
        )
    else:
        said = ngettext(
            "minutes: for {count} recipient: {addresses}",
            "minutes: for {count} recipients: {addresses}",
            n,
        )
    print(said.format(count=n, addresses=", ".join(done.to)), file=sys.stderr)
    return 0
