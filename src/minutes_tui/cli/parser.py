"""The `minutes` command line: every subcommand, its arguments, its help and an example."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from minutes_tui import __version__
from minutes_tui.cli.common import (
    EXIT_USAGE,
    JSON_VERSION,
    action_id,
    iso_date,
    meeting_id,
    meeting_or_body,
    positive,
    status,
)
from minutes_tui.cli.importing import add_parser as add_import_record_parser
from minutes_tui.vocabulary import SENSITIVITIES, STATUSES, STYLES

SHELLS = ("bash", "zsh", "tcsh")  # what shtab writes completion scripts for

MEETING_HELP = "MEETING is a meeting's id: the number `new` prints and `list` shows first."
JSON_HELP = (
    f'--json prints one JSON object with "version": {JSON_VERSION} (its shape is kept for\n'
    'that version; see docs/cli.md, "JSON output").'
)

OVERVIEW = f"""\
MEETING is a meeting's id, as `minutes new` prints it and `minutes list` shows it.
A LINE is one line as typed on the capture screen ("UNHCR: a point", "/a an action
[OCHA] by 2026-01-31"). Every --json output is one JSON object with "version": {JSON_VERSION}.

examples:
  minutes                                   open the app
  minutes new "Session VII" --body OPAG     a meeting dated today; prints its id
  minutes add 1 "/i 1. Opening" "OCHA: welcomed participants"
  minutes export 1 --format docx
  minutes COMMAND --help                    what COMMAND does, with an example

exit status:
  0    done
  1    error (an unknown meeting, a missing file, a refused database): nothing changed
  2    usage error (a bad option or value): nothing changed
  3    `import --strict`: stored, but some lines had warnings
  130  interrupted (ctrl+c)
  141  output cut short by its reader (`minutes list | head`)
"""


class MinutesParser(argparse.ArgumentParser):
    """A usage error is the error and where to read more: two lines, not the whole usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n(see `{self.prog} --help`)\n")


def add_header_options(p: argparse.ArgumentParser, *, new: bool = False) -> None:
    """The meeting's details, as `new` sets them and `edit` changes them."""
    p.add_argument("--body", help='the body or series, e.g. "IASC OPAG"')
    p.add_argument("--session", help='e.g. "Session VII"')
    if new:
        dated = p.add_mutually_exclusive_group()
        dated.add_argument(
            "--date", help='YYYY-MM-DD (default: today; "none" for an undated meeting)'
        )
        dated.add_argument("--undated", action="store_true", help="no date (same as --date none)")
    else:
        p.add_argument("--date", help='YYYY-MM-DD, or "none" to clear it')
    p.add_argument("--time", help="HH:MM or HH:MM-HH:MM")
    p.add_argument("--place", help='a place, or "virtual"')
    p.add_argument("--chair")
    p.add_argument("--rapporteur")
    p.add_argument("--style", choices=STYLES, help=" | ".join(STYLES))
    p.add_argument(
        "--sensitivity", choices=SENSITIVITIES, metavar="LABEL", help=" | ".join(SENSITIVITIES)
    )
    p.add_argument("--introduction", metavar="TEXT", help="the record's opening paragraph")


def build_parser() -> argparse.ArgumentParser:
    home_help = "data home (default: $MINUTES_HOME or the user data folder)"
    db_help = (
        "a team archive on PostgreSQL, postgresql://USER@HOST/DB (default: `db` in the "
        "config file; the password comes from ~/.pgpass, never the URL)"
    )
    parser = MinutesParser(
        prog="minutes",
        description="Capture a meeting live and keep its record.",
        epilog=OVERVIEW,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"minutes {__version__}")
    parser.add_argument("--home", metavar="DIR", help=home_help)
    parser.add_argument("--db", metavar="URL", help=db_help)
    # Also accepted after the subcommand; SUPPRESS keeps it from overwriting the first.
    common = MinutesParser(add_help=False)
    common.add_argument("--home", metavar="DIR", help=home_help, default=argparse.SUPPRESS)
    common.add_argument("--db", metavar="URL", help=db_help, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, about: str, *examples: str) -> argparse.ArgumentParser:
        """A subcommand whose --help has a sentence of what it does and examples."""
        epilog = "examples:\n" + "\n".join(f"  {line}" for line in examples)
        return sub.add_parser(
            name,
            parents=[common],
            help=summary,
            description=f"{summary[0].upper()}{summary[1:]}.\n\n{about}",
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    p = command(
        "open",
        "open the capture screen of a meeting",
        MEETING_HELP,
        "minutes open 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")

    p = command(
        "new",
        "create a meeting; prints its id",
        "The meeting is dated today unless --date gives another day (or --undated).\n"
        "With --from MEETING it is the next meeting of MEETING's series: the same body,\n"
        "style, participants (expected) and a first item to review its open actions, on the\n"
        "date and at the time MEETING's `/n` recorded (when it did).",
        'minutes new "Operational Policy and Advocacy Group" --body "IASC OPAG" \\',
        '    --session "Session VII" --date 2020-07-09 --style summary',
        'minutes new "Session VIII" --from 12',
    )
    p.add_argument("title", metavar="TITLE")
    add_header_options(p, new=True)
    p.add_argument(
        "--from",
        dest="previous",
        type=meeting_id,
        metavar="MEETING",
        help="the next meeting of MEETING's series: same body, style, participants, open actions",
    )

    p = command(
        "add",
        "capture lines into a meeting",
        f"{MEETING_HELP}\nEach LINE is stored as if typed on the capture screen and Enter\n"
        'pressed, under the last agenda item: "text" a point, "UNHCR: text" an attributed point,\n'
        '"/i 2. Title" an agenda item, "/p Ms. Name, Position, ORG" a participant,\n'
        '"/a text [OWNER] by 2026-01-31" an action, "/d text" a decision (README: the\n'
        "capture grammar). A line that needs a warning is stored and the warning printed.",
        'minutes add 12 "/i 1. Opening" "OCHA: welcomed the participants"',
        'minutes add 12 "/a Circulate the draft guidance [OCHA; UNHCR] by 2026-01-31"',
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("lines", nargs="+", metavar="LINE", help="a capture line (quote each one)")

    p = command(
        "undo",
        "undo the last thing done in a meeting, as ctrl+z does",
        f"{MEETING_HELP}\nTakes back the newest step of the meeting's undo journal, whoever\n"
        "took it (the app, `add`, `edit`): lines captured, a line edited or deleted, details\n"
        "changed.\n"
        "Prints what it undid; with nothing left to undo, says so and exits 1.",
        "minutes undo 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")

    p = command(
        "import",
        "replay a capture script as a new meeting",
        "FILE is a capture script: optional front matter between --- lines (title:,\n"
        "body:, date:, …, from:), then one capture line a line. Prints the new meeting's id.",
        "minutes import session-vii.minutes",
        "minutes import session-viii.minutes --from 12 --strict",
    )
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

    add_import_record_parser(sub, common)

    p = command(
        "edit",
        "change a meeting's details or its series, or a body's parent",
        f"{MEETING_HELP}\nOnly the options given change; the rest is kept.\n"
        "Without MEETING, --body B --parent P puts body B under body P (a results group\n"
        "under its policy group): a meeting of B then reviews P's actions by reference,\n"
        "and P's meetings B's. --parent none puts B back at the top.",
        'minutes edit 12 --date 2020-07-10 --place "virtual"',
        "minutes edit 13 --from 12",
        'minutes edit --body "IASC RG1" --parent "IASC OPAG"',
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING", nargs="?")
    p.add_argument("--title")
    add_header_options(p)
    p.add_argument(
        "--parent",
        metavar="BODY",
        help="the body above the meeting's body (or --body's); \"none\" for none",
    )
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

    p = command(
        "list",
        "list meetings, newest first",
        "One line a meeting: id, date, draft or final, name. Trashed meetings are not\n"
        f"listed (`minutes trash --list`).\n{JSON_HELP}",
        "minutes list",
        "minutes list --json",
    )
    p.add_argument("--json", action="store_true", help='{"version": 1, "meetings": [...]}')

    p = command(
        "show",
        "print a whole meeting",
        f"{MEETING_HELP}\n{JSON_HELP}",
        "minutes show 12",
        "minutes show 12 --json",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument(
        "--json", action="store_true", help='the meeting\'s fields, with "version": 1 first'
    )

    p = command(
        "attendance",
        "add a Teams or Zoom attendance report to a meeting",
        f"{MEETING_HELP}\nPeople already listed are marked present; e-mail addresses are not kept.",
        "minutes attendance 12 'Meeting Attendance Report.csv'",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("file", type=Path, metavar="FILE")

    p = command(
        "export",
        "write the record to Markdown, Word or PDF",
        f"{MEETING_HELP}\nPrints the path written (default: <home>/exports/).",
        "minutes export 12",
        "minutes export 12 --format docx --style minutes --redact --out ~/Documents/",
        "minutes export 12 --out - | less",
    )
    p.add_argument(
        "meeting",
        type=meeting_or_body,
        metavar="MEETING",
        help="a meeting id; for --style workplan, a body (its register) or one of its meetings",
    )
    p.add_argument(
        "--format",
        choices=("md", "docx", "pdf"),
        default="md",
        help="md (default) | docx | pdf (needs LibreOffice)",
    )
    p.add_argument("--style", choices=STYLES, help=" | ".join(STYLES) + " (default: the meeting's)")
    p.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help="workplan: period start"
    )
    p.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help="workplan: period end"
    )
    p.add_argument(
        "--undated-markers",
        action="store_true",
        help='workplan: "[ONGOING] text", without the date of the review',
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        help="a file, a folder (ends in /) or - for standard output "
        "(default: <home>/exports/<date>-<id>-<slug>-<style>)",
    )
    p.add_argument("--redact", action="store_true", help="replace personal names")
    p.add_argument(
        "--redact-also",
        dest="also",
        nargs="+",
        action="extend",
        default=[],
        metavar="WORD",
        help="with --redact: names the database never knew, redacted too (implies --redact)",
    )
    p.add_argument(
        "--keep",
        action="store_true",
        help="with --redact: keep the name-like words nobody recorded (else it refuses)",
    )
    p.add_argument(
        "--overwrite",
        "--force",
        action="store_true",
        help="replace a file already at the path (default: keep it, write NAME-2.EXT)",
    )
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help="keep the entries marked confidential (!), marked; every page says so",
    )

    p = command(
        "actions",
        "follow-up actions across meetings",
        "One line an action: its reference (#id), meeting date, body, number, status, due\n"
        f"(! when overdue), text, owners and last progress.\n{JSON_HELP}",
        "minutes actions --open --owner UNHCR",
        'minutes actions --overdue --body "IASC OPAG" --json',
    )
    p.add_argument("--open", action="store_true", help="pending or in progress only")
    p.add_argument("--overdue", action="store_true", help="open and past their due date")
    p.add_argument("--owner", "--lead", metavar="X", help="any lead contains X (case-insensitive)")
    p.add_argument(
        "--body",
        metavar="B",
        help="meetings of this body (exact, case-insensitive) and actions it leads elsewhere",
    )
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
        help='{"version": 1, "actions": [...]}, each with reference, group, partners, links, '
        "comments, timeframe and whole history",
    )

    p = command(
        "action-status",
        "record a new status of an action (by its reference)",
        "ACTION_ID is the action's reference, as `minutes actions` shows it (12 or #12).\n"
        "The change is a dated review: the action keeps its whole history.",
        'minutes action-status 12 completed --progress "Guidance endorsed on 2 Oct"',
    )
    p.add_argument("action", type=action_id, metavar="ACTION_ID", help="its reference: 12 or #12")
    p.add_argument("status", type=status, metavar="STATUS", help=" | ".join(STATUSES))
    p.add_argument("--progress", default="", metavar="TEXT", help="what was done")
    p.add_argument(
        "--meeting",
        type=meeting_id,
        metavar="MEETING",
        help="the reviewing meeting (default: the next meeting of the action's series)",
    )

    p = command(
        "search",
        "full-text search of every meeting, best match first",
        "One line a hit: meeting id, date, meeting, agenda item, and the line with the match\n"
        f"marked. Trashed meetings are not searched.\n{JSON_HELP}",
        'minutes search "data responsibility"',
        "minutes search guid* who:UNHCR --limit 10 --json",
    )
    p.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help='words, "a phrase", prefix*, a AND b, a OR b, a NOT b, who:UNHCR',
    )
    p.add_argument("--limit", type=positive, default=50, metavar="N", help="at most N hits")
    p.add_argument("--meeting", type=meeting_id, metavar="MEETING", help="one meeting only")
    p.add_argument(
        "--json",
        action="store_true",
        help='{"version": 1, "query": ..., "hits": [...]}: plain text, matches as offsets',
    )

    p = command(
        "trash",
        "move a meeting to the trash, or list the trash",
        f"{MEETING_HELP}\nA trashed meeting keeps every line but is hidden from the app, `list`,\n"
        "`show`, `search`, `actions` and exports until `minutes restore MEETING`.\n"
        "Only `minutes purge MEETING --yes` deletes it for good.",
        "minutes trash 12",
        "minutes trash --list",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING", nargs="?")
    p.add_argument("--list", action="store_true", help="list the trash instead")
    p.add_argument(
        "--json", action="store_true", help='with --list: {"version": 1, "meetings": [...]}'
    )

    p = command(
        "restore",
        "bring a meeting back from the trash",
        MEETING_HELP,
        "minutes restore 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")

    p = command(
        "purge",
        "delete a meeting in the trash for good",
        f"{MEETING_HELP}\nOnly a meeting already in the trash, and only with --yes: this cannot\n"
        "be undone. A meeting that followed it in its series keeps everything but the link.",
        "minutes purge 12 --yes          # after `minutes trash 12`",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--yes", action="store_true", help="yes, delete it for good")

    p = command(
        "backup",
        "copy the whole database to a new file",
        "A consistent copy, safe while the app is open (a plain copy of minutes.sqlite can\n"
        "miss what is still in its -wal file). FILE must not exist: nothing is replaced.\n"
        "To move meetings to another home that has none yet, back up into its\n"
        "db/minutes.sqlite.",
        "minutes backup ~/backups/minutes-2026-12-02.sqlite",
        "minutes --home ~/src/minutes-tui backup ~/.local/share/minutes-tui/db/minutes.sqlite",
    )
    p.add_argument("file", type=Path, metavar="FILE")

    p = command(
        "completion",
        "print a shell completion script",
        "Completes subcommands, options and their fixed choices.",
        "minutes completion bash > ~/.local/share/bash-completion/completions/minutes",
        "minutes completion zsh > ~/.zfunc/_minutes   # with fpath+=(~/.zfunc) in ~/.zshrc",
    )
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help=" | ".join(SHELLS))

    from minutes_tui.cli.archive import add_commands as add_archive_commands
    from minutes_tui.cli.circulate import add_command as add_circulate_command
    from minutes_tui.cli.final import add_commands
    from minutes_tui.cli.team import add_commands as add_team_commands

    add_commands(sub, common)
    add_circulate_command(sub, common)
    add_archive_commands(sub, common)
    add_team_commands(sub, common)
    return parser
