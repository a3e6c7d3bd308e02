"""The arguments of the commands that make, fill, show and trash meetings: open, new, add,
undo, import, edit, list, show, attendance, trash, restore, purge, backup (run by
`cli/meetings.py`; `open` starts the app)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from minutes_tui.cli.common import language, meeting_id
from minutes_tui.cli.helptext import JSON_HELP, MEETING_HELP, command
from minutes_tui.domain.vocabulary import SENSITIVITIES, STYLES


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
    p.add_argument(
        "--language",
        type=language,
        metavar="LANG",
        help="the record's language: en | fr | es | ar, or its name"
        + (" (default: config, else the body's last meeting's, else en)" if new else ""),
    )
    p.add_argument("--introduction", metavar="TEXT", help="the record's opening paragraph")


def add_open(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "open",
        "open the capture screen of a meeting",
        MEETING_HELP,
        "minutes open 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")


def add_new(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
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


def add_add(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
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


def add_undo(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "undo",
        "undo the last thing done in a meeting, as ctrl+z does",
        f"{MEETING_HELP}\nTakes back the newest step of the meeting's undo journal, whoever\n"
        "took it (the app, `add`, `edit`): lines captured, a line edited or deleted, details\n"
        "changed.\n"
        "Prints what it undid; with nothing left to undo, says so and exits 1.",
        "minutes undo 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")


def add_import(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
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


def add_edit(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
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


def add_list(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "list",
        "list meetings, newest first",
        "One line a meeting: id, date, draft or final, name. Trashed meetings are not\n"
        f"listed (`minutes trash --list`).\n{JSON_HELP}",
        "minutes list",
        "minutes list --json",
    )
    p.add_argument("--json", action="store_true", help='{"version": 1, "meetings": [...]}')


def add_show(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
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


def add_attendance(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "attendance",
        "add a Teams or Zoom attendance report to a meeting",
        f"{MEETING_HELP}\nPeople already listed are marked present; e-mail addresses are not kept.",
        "minutes attendance 12 'Meeting Attendance Report.csv'",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("file", type=Path, metavar="FILE")


def add_trash(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
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


def add_restore(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "restore",
        "bring a meeting back from the trash",
        MEETING_HELP,
        "minutes restore 12",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")


def add_purge(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "purge",
        "delete a meeting in the trash for good",
        f"{MEETING_HELP}\nOnly a meeting already in the trash, and only with --yes: this cannot\n"
        "be undone. A meeting that followed it in its series keeps everything but the link.",
        "minutes purge 12 --yes          # after `minutes trash 12`",
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("--yes", action="store_true", help="yes, delete it for good")


def add_backup(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
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
