"""The arguments of the commands that make, fill, show and trash meetings: open, new, add,
undo, import, edit, list, show, attendance, trash, restore, purge, backup (run by
`cli/meetings.py`; `open` starts the app)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from minutes_tui.cli.common import meeting_id
from minutes_tui.cli.helptext import command, json_help, meeting_help
from minutes_tui.domain.translate import _
from minutes_tui.domain.vocabulary import SENSITIVITIES, STYLES


def add_header_options(p: argparse.ArgumentParser, *, new: bool = False) -> None:
    """The meeting's details, as `new` sets them and `edit` changes them."""
    p.add_argument("--body", help=_('the body or series, e.g. "IASC OPAG"'))
    p.add_argument("--session", help=_('e.g. "Session VII"'))
    if new:
        dated = p.add_mutually_exclusive_group()
        dated.add_argument(
            "--date", help=_('YYYY-MM-DD (default: today; "none" for an undated meeting)')
        )
        dated.add_argument(
            "--undated", action="store_true", help=_("no date (same as --date none)")
        )
    else:
        p.add_argument("--date", help=_('YYYY-MM-DD, or "none" to clear it'))
    p.add_argument("--time", help=_("HH:MM or HH:MM-HH:MM"))
    p.add_argument("--place", help=_('a place, or "virtual"'))
    p.add_argument("--chair")
    p.add_argument("--rapporteur")
    p.add_argument("--style", choices=STYLES, help=" | ".join(STYLES))
    p.add_argument(
        "--sensitivity", choices=SENSITIVITIES, metavar="LABEL", help=" | ".join(SENSITIVITIES)
    )
    p.add_argument("--introduction", metavar="TEXT", help=_("the record's opening paragraph"))


def add_open(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "open",
        _("open the capture screen of a meeting"),
        meeting_help(),
        "minutes open 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")


def add_new(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "new",
        _("create a meeting; prints its id"),
        _(
            "The meeting is dated today unless --date gives another day (or --undated).\n"
            "With --from MEETING it is the next meeting of MEETING's series: the same body,\n"
            "style, participants (expected) and a first item to review its open actions, on the\n"
            "date and at the time MEETING's `/n` recorded (when it did)."
        ),
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
        help=_(
            "the next meeting of MEETING's series: same body, style, participants, open actions"
        ),
    )


def add_add(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "add",
        _("capture lines into a meeting"),
        meeting_help()
        + "\n"
        + _(
            "Each LINE is stored as if typed on the capture screen and Enter\n"
            'pressed, under the last agenda item: "text" a point, "UNHCR: text" an attributed '
            "point,\n"
            '"/i 2. Title" an agenda item, "/p Ms. Name, Position, ORG" a participant,\n'
            '"/a text [OWNER] by 2026-01-31" an action, "/d text" a decision (README: the\n'
            "capture grammar). A line that needs a warning is stored and the warning printed."
        ),
        'minutes add 12 "/i 1. Opening" "OCHA: welcomed the participants"',
        'minutes add 12 "/a Circulate the draft guidance [OCHA; UNHCR] by 2026-01-31"',
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("lines", nargs="+", metavar="LINE", help=_("a capture line (quote each one)"))


def add_undo(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "undo",
        _("undo the last thing done in a meeting, as ctrl+z does"),
        meeting_help()
        + "\n"
        + _(
            "Takes back the newest step of the meeting's undo journal, whoever\n"
            "took it (the app, `add`, `edit`): lines captured, a line edited or deleted, "
            "details\nchanged.\n"
            "Prints what it undid; with nothing left to undo, says so and exits 1."
        ),
        "minutes undo 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")


def add_import(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "import",
        _("replay a capture script as a new meeting"),
        _(
            "FILE is a capture script: optional front matter between --- lines (title:,\n"
            "body:, date:, …, from:), then one capture line a line. Prints the new meeting's "
            "id."
        ),
        "minutes import session-vii.minutes",
        "minutes import session-viii.minutes --from 12 --strict",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--from",
        dest="previous",
        type=meeting_id,
        metavar="MEETING",
        help=_("the meeting this one follows in its series (or `from:` in the front matter)"),
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help=_("exit 3 when a line had a warning (an unknown action reference, a bad date)"),
    )


def add_edit(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "edit",
        _("change a meeting's details or its series, or a body's parent"),
        meeting_help()
        + "\n"
        + _(
            "Only the options given change; the rest is kept.\n"
            "Without MEETING, --body B --parent P puts body B under body P (a results group\n"
            "under its policy group): a meeting of B then reviews P's actions by reference,\n"
            "and P's meetings B's. --parent none puts B back at the top."
        ),
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
        help=_("the body above the meeting's body (or --body's); \"none\" for none"),
    )
    series = p.add_mutually_exclusive_group()
    series.add_argument(
        "--from",
        dest="previous",
        type=meeting_id,
        metavar="OTHER",
        help=_("link MEETING as the next meeting after OTHER (its `/u N` reviews OTHER's actions)"),
    )
    series.add_argument(
        "--no-series", action="store_true", help=_("unlink MEETING from its previous meeting")
    )


def add_list(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "list",
        _("list meetings, newest first"),
        _(
            "One line a meeting: id, date, draft or final, name. Trashed meetings are not\n"
            "listed (`minutes trash --list`)."
        )
        + "\n"
        + json_help(),
        "minutes list",
        "minutes list --json",
    )
    p.add_argument("--json", action="store_true", help=_('{"version": 1, "meetings": [...]}'))


def add_show(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "show",
        _("print a whole meeting"),
        meeting_help() + "\n" + json_help(),
        "minutes show 12",
        "minutes show 12 --json",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument(
        "--json", action="store_true", help=_('the meeting\'s fields, with "version": 1 first')
    )


def add_attendance(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "attendance",
        _("add a Teams or Zoom attendance report to a meeting"),
        meeting_help()
        + "\n"
        + _("People already listed are marked present; e-mail addresses are not kept."),
        "minutes attendance 12 'Meeting Attendance Report.csv'",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("file", type=Path, metavar="FILE")


def add_trash(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "trash",
        _("move a meeting to the trash, or list the trash"),
        meeting_help()
        + "\n"
        + _(
            "A trashed meeting keeps every line but is hidden from the app, `list`,\n"
            "`show`, `search`, `actions` and exports until `minutes restore MEETING`.\n"
            "Only `minutes purge MEETING --yes` deletes it for good."
        ),
        "minutes trash 12",
        "minutes trash --list",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING", nargs="?")
    p.add_argument("--list", action="store_true", help=_("list the trash instead"))
    p.add_argument(
        "--json", action="store_true", help=_('with --list: {"version": 1, "meetings": [...]}')
    )


def add_restore(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "restore",
        _("bring a meeting back from the trash"),
        meeting_help(),
        "minutes restore 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")


def add_purge(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "purge",
        _("delete a meeting in the trash for good"),
        meeting_help()
        + "\n"
        + _(
            "Only a meeting already in the trash, and only with --yes: this cannot\n"
            "be undone. A meeting that followed it in its series keeps everything but the link."
        ),
        "minutes purge 12 --yes          # " + _("after `minutes trash 12`"),
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--yes", action="store_true", help=_("yes, delete it for good"))


def add_backup(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "backup",
        _("copy the whole database to a new file"),
        _(
            "A consistent copy, safe while the app is open (a plain copy of minutes.sqlite can\n"
            "miss what is still in its -wal file). FILE must not exist: nothing is replaced.\n"
            "To move meetings to another home that has none yet, back up into its\n"
            "db/minutes.sqlite."
        ),
        "minutes backup ~/backups/minutes-2026-12-02.sqlite",
        "minutes --home ~/src/minutes-tui backup ~/.local/share/minutes-tui/db/minutes.sqlite",
    )
    p.add_argument("file", type=Path, metavar="FILE")
