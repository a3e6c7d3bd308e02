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
from collections.abc import Callable, Sequence

from minutes_tui.cli.archive import cmd_archive
from minutes_tui.cli.circulate import cmd_circulate
from minutes_tui.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    CliError,
    empty_home_note,
    open_store,
)
from minutes_tui.cli.final import cmd_finalize, cmd_reopen, cmd_verify
from minutes_tui.cli.importing import cmd_import_record
from minutes_tui.cli.incorporate import cmd_incorporate
from minutes_tui.cli.meetings import (
    cmd_add,
    cmd_attendance,
    cmd_backup,
    cmd_edit,
    cmd_import,
    cmd_list,
    cmd_new,
    cmd_purge,
    cmd_restore,
    cmd_show,
    cmd_trash,
    cmd_undo,
)
from minutes_tui.cli.parser import SHELLS, build_parser
from minutes_tui.cli.records import cmd_action_status, cmd_actions, cmd_export, cmd_search
from minutes_tui.cli.speech import argparse_speaks, speak
from minutes_tui.cli.team import cmd_sync
from minutes_tui.config import Home, resolve_home
from minutes_tui.domain.text import clean_text
from minutes_tui.domain.translate import CatalogueError, _

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    speak()  # before the parser: its help is asked of the catalogue as it is built
    with argparse_speaks():
        args = build_parser().parse_args(argv)
    read: list[Home] = []
    code, error = dispatch(args, read)
    # An empty home is named (on stderr, after the answer; in the one line of an error).
    empty = read and args.command in READS_HOME and code not in (EXIT_INTERRUPTED, EXIT_BROKEN_PIPE)
    note = empty_home_note(read[0]) if empty else None
    if error is not None:
        # One line, nothing a terminal obeys: errors quote file names, which can hold
        # escapes, newlines and bidi overrides.
        error = clean_text(error)
        said = _("minutes: error: {error}").format(error=error)
        print(said + (f" {note}" if note else ""), file=sys.stderr)
    elif note:
        print(_("minutes: {note}").format(note=note), file=sys.stderr)
    return code


def dispatch(args: argparse.Namespace, read: list[Home]) -> tuple[int, str | None]:
    """Run the command: its exit status and the error to say, if any; `read` gets the
    home it resolved."""
    home: Home | None = None
    try:
        home = resolve_home(args.home, args.db)
        read.append(home)
        if args.command in (None, "open"):
            return run_app(home, getattr(args, "meeting", None)), None
        handler = COMMANDS[args.command]
        code = handler(args, home)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code, None
    except BrokenPipeError:
        return quiet_broken_pipe(), None
    except CliError as exc:
        return exc.code, str(exc)
    except CatalogueError as exc:  # a language's words missing or damaged: nothing written
        return EXIT_ERROR, str(exc)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED, None
    except MemoryError:  # every write is one transaction: the one under way was rolled back
        return EXIT_ERROR, _("not enough memory to finish; the change under way was not stored")
    except Exception as exc:
        from minutes_tui.store.backend import backend_for
        from minutes_tui.store.errors import StoreError, database_problem

        # A full disk or another program's lock, wherever it shows: one sentence.
        if isinstance(exc, StoreError):
            problem: StoreError | None = exc
        elif home is not None:
            problem = backend_for(home).problem(exc)
        else:
            problem = database_problem(exc, None)
        if problem is not None:
            return EXIT_ERROR, str(problem)
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


def cmd_completion(args: argparse.Namespace, home: Home) -> int:
    """The shell's completion script, written by shtab from this very parser."""
    import shtab

    assert args.shell in SHELLS
    with argparse_speaks():
        print(shtab.complete(build_parser(), shell=args.shell))
    return 0


# Commands that read the home's meetings: an empty home is named on stderr after them
# (`new`, `import`, `sync` fill it; `archive` and `completion` read no home).
READS_HOME = frozenset(
    [
        "add",
        "undo",
        "edit",
        "attendance",
        "list",
        "show",
        "export",
        "actions",
        "action-status",
        "search",
        "trash",
        "restore",
        "purge",
        "backup",
        "finalize",
        "reopen",
        "verify",
        "incorporate",
    ]
)

COMMANDS: dict[str, Callable[[argparse.Namespace, Home], int]] = {
    "circulate": cmd_circulate,
    "incorporate": cmd_incorporate,
    "new": cmd_new,
    "add": cmd_add,
    "undo": cmd_undo,
    "import": cmd_import,
    "edit": cmd_edit,
    "list": cmd_list,
    "show": cmd_show,
    "export": cmd_export,
    "attendance": cmd_attendance,
    "actions": cmd_actions,
    "action-status": cmd_action_status,
    "search": cmd_search,
    "trash": cmd_trash,
    "restore": cmd_restore,
    "purge": cmd_purge,
    "backup": cmd_backup,
    "completion": cmd_completion,
    "import-record": cmd_import_record,
    "finalize": cmd_finalize,
    "reopen": cmd_reopen,
    "verify": cmd_verify,
    "archive": cmd_archive,
    "sync": cmd_sync,
}
