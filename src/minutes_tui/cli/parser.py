"""The `minutes` command line: the root parser, its options and overview, the order its
subcommands are listed in, and `completion` (this parser as a shell's script). Each
command's arguments, help and examples are beside its kin: `parser_meetings.py`,
`parser_records.py`, and the modules that run them (`final.py`, `team.py`, …)."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from minutes_tui import __version__
from minutes_tui.cli import archive, circulate, final, importing, incorporate, team
from minutes_tui.cli import parser_meetings as meetings
from minutes_tui.cli import parser_records as records
from minutes_tui.cli.common import EXIT_USAGE, JSON_VERSION
from minutes_tui.cli.helptext import command
from minutes_tui.domain.translate import _

SHELLS = ("bash", "zsh", "tcsh")  # what shtab writes completion scripts for


def overview() -> str:
    """The epilog of `minutes --help`."""
    return _(
        """\
MEETING is a meeting's id, as `minutes new` prints it and `minutes list` shows it.
A LINE is one line as typed on the capture screen ("UNHCR: a point", "/a an action
[OCHA] by 2026-01-31"). Every --json output is one JSON object with "version": {version}.

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
    ).format(version=JSON_VERSION)


class MinutesParser(argparse.ArgumentParser):
    """A usage error is the error and where to read more: two lines, not the whole usage."""

    def error(self, message: str) -> NoReturn:
        said = _("{prog}: error: {message}\n(see `{prog} --help`)\n")
        self.exit(EXIT_USAGE, said.format(prog=self.prog, message=message))


def build_parser() -> argparse.ArgumentParser:
    home_help = _("data home (default: $MINUTES_HOME or the user data folder)")
    db_help = _(
        "a team archive on PostgreSQL, postgresql://USER@HOST/DB (default: `db` in the "
        "config file; the password comes from ~/.pgpass, never the URL)"
    )
    parser = MinutesParser(
        prog="minutes",
        description=_("Capture a meeting live and keep its record."),
        epilog=overview(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"minutes {__version__}",
        help=_("show program's version number and exit"),  # argparse 3.11 does not ask gettext
    )
    parser.add_argument("--home", metavar="DIR", help=home_help)
    parser.add_argument("--db", metavar="URL", help=db_help)
    # Also accepted after the subcommand; SUPPRESS keeps it from overwriting the first.
    common = MinutesParser(add_help=False)
    common.add_argument("--home", metavar="DIR", help=home_help, default=argparse.SUPPRESS)
    common.add_argument("--db", metavar="URL", help=db_help, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in ADD_COMMANDS:  # in the order `minutes --help` lists them
        add(sub, common)
    return parser


def add_completion(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "completion",
        _("print a shell completion script"),
        _("Completes subcommands, options and their fixed choices."),
        "minutes completion bash > ~/.local/share/bash-completion/completions/minutes",
        "minutes completion zsh > ~/.zfunc/_minutes   # " + _("with fpath+=(~/.zfunc) in ~/.zshrc"),
    )
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help=" | ".join(SHELLS))


ADD_COMMANDS = (
    meetings.add_open,
    meetings.add_new,
    meetings.add_add,
    meetings.add_undo,
    meetings.add_import,
    importing.add_parser,
    meetings.add_edit,
    meetings.add_list,
    meetings.add_show,
    meetings.add_attendance,
    records.add_export,
    records.add_actions,
    records.add_action_status,
    records.add_search,
    meetings.add_trash,
    meetings.add_restore,
    meetings.add_purge,
    meetings.add_backup,
    add_completion,
    final.add_commands,
    circulate.add_command,
    incorporate.add_command,
    archive.add_commands,
    team.add_commands,
)
