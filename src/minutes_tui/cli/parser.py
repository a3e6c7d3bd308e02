"""The `minutes` command line: every subcommand, its arguments and its help."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from minutes_tui.cli.common import action_id, iso_date, meeting_id, positive
from minutes_tui.vocabulary import SENSITIVITIES, STATUSES, STYLES


def add_header_options(p: argparse.ArgumentParser) -> None:
    """The meeting's details, as `new` sets them and `edit` changes them."""
    p.add_argument("--body", help='the body or series, e.g. "IASC OPAG"')
    p.add_argument("--session", help='e.g. "Session VII"')
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--time", help="HH:MM or HH:MM-HH:MM")
    p.add_argument("--place", help='a place, or "virtual"')
    p.add_argument("--chair")
    p.add_argument("--rapporteur")
    p.add_argument("--style", choices=STYLES)
    p.add_argument(
        "--sensitivity", choices=SENSITIVITIES, metavar="LABEL", help=" | ".join(SENSITIVITIES)
    )
    p.add_argument("--introduction", metavar="TEXT", help="the record's opening paragraph")


class Parser(argparse.ArgumentParser):
    """Usage errors as one line and a pointer to the help, not the whole usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    home_help = "data home (default: $MINUTES_HOME or the user data folder)"
    parser = Parser(prog="minutes", description="Capture a meeting live and keep its record.")
    parser.add_argument("--home", metavar="DIR", help=home_help)
    # Also accepted after the subcommand; SUPPRESS keeps it from overwriting the first.
    common = Parser(add_help=False)
    common.add_argument("--home", metavar="DIR", help=home_help, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", parents=[common], help="open the capture screen of a meeting")
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")

    p = sub.add_parser("new", parents=[common], help="create a meeting; prints its id")
    p.add_argument("title")
    add_header_options(p)
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
    p.add_argument(
        "--from",
        dest="previous",
        type=meeting_id,
        metavar="MEETING",
        help="the meeting this one follows in its series (or `from:` in the front matter)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 3 when a line had a warning (an unknown action reference, a bad date)",
    )

    p = sub.add_parser("edit", parents=[common], help="change a meeting's details or its series")
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--title")
    add_header_options(p)
    series = p.add_mutually_exclusive_group()
    series.add_argument(
        "--from",
        dest="previous",
        type=meeting_id,
        metavar="OTHER",
        help="link MEETING as the next meeting after OTHER (its `/u N` reviews OTHER's actions)",
    )
    series.add_argument(
        "--no-series", action="store_true", help="unlink MEETING from its previous meeting"
    )

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

    p = sub.add_parser("export", parents=[common], help="write the record to Markdown, Word or PDF")
    p.add_argument(
        "meeting",
        metavar="MEETING",
        help="a meeting id; for --style workplan, a body (its register) or one of its meetings",
    )
    p.add_argument(
        "--format", choices=("md", "docx", "pdf"), default="md", help="pdf needs LibreOffice"
    )
    p.add_argument("--style", choices=STYLES)
    p.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help="workplan: period start"
    )
    p.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help="workplan: period end"
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        help="a file, a folder (ends in /) or - for standard output "
        "(default: <home>/exports/<date>-<id>-<slug>-<style>)",
    )
    p.add_argument("--redact", action="store_true", help="replace personal names")
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help="keep the entries marked confidential (!), marked; every page says so",
    )

    p = sub.add_parser("actions", parents=[common], help="follow-up actions across meetings")
    p.add_argument("--open", action="store_true", help="pending or in progress only")
    p.add_argument("--overdue", action="store_true", help="open and past their due date")
    p.add_argument("--owner", metavar="X", help="any owner contains X (case-insensitive)")
    p.add_argument("--body", metavar="B", help="meetings of this body (exact, case-insensitive)")
    p.add_argument("--text", metavar="T", help="the action or a sub-item contains T")
    p.add_argument("--meeting", type=meeting_id, metavar="MEETING", help="one meeting's actions")
    p.add_argument(
        "--group", metavar="G", help="the action's group (topic, priority area) contains G"
    )
    p.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help="agreed on or after DATE"
    )
    p.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help="agreed on or before DATE"
    )
    p.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="judge overdue as of")
    p.add_argument(
        "--json",
        action="store_true",
        help="with reference, group, partners, links, comments, timeframe and whole history",
    )

    p = sub.add_parser(
        "action-status", parents=[common], help="record a new status of an action (by its id)"
    )
    p.add_argument("action", type=action_id, metavar="ACTION_ID", help="its reference: 12 or #12")
    p.add_argument("status", help=" | ".join(STATUSES))
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

    from minutes_tui.cli.final import add_commands

    add_commands(sub, common)
    return parser
