"""`minutes incorporate`: a draft returned from Word with tracked changes and comments,
listed (--dry-run) or taken in (--accept-all) as one undo step; comments resolved."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minutes_tui.cli.common import CliError, meeting_id, open_store, sqlite_current
from minutes_tui.cli.helptext import examples
from minutes_tui.config import Home
from minutes_tui.domain.text import clean_text
from minutes_tui.domain.translate import _, ngettext

if TYPE_CHECKING:
    from minutes_tui.store.review import CommentData


def add_command(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "incorporate",
        parents=[common],
        help=_("take in a draft returned from Word: its tracked changes and comments"),
        description=_(
            "Read a Word record exported by minutes and returned with tracked changes and\n"
            "comments. Each paragraph maps back to its entry or action by a bookmark the\n"
            "export put on it. --dry-run lists each proposed change (entry, before → after,\n"
            "author) and each comment, and changes nothing. --accept-all applies every\n"
            "tracked change as an edit of its entry, keeps each comment with its entry and\n"
            "author, and keeps text changed without tracking and added paragraphs as\n"
            "comments too (never lost): all as ONE step that `minutes undo` takes back.\n"
            "Open comments are listed by `minutes show` until --resolve ID. A final\n"
            "meeting refuses. In the app, the meetings list's `c` takes them one by one."
        ),
        epilog=examples(
            "minutes incorporate 12 cleared.docx --dry-run",
            "minutes incorporate 12 cleared.docx --accept-all",
            "minutes incorporate 12 --resolve 3",
        )
        + "\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    p.add_argument("file", nargs="?", metavar="FILE.docx", help=_("the returned Word draft"))
    how = p.add_mutually_exclusive_group()
    how.add_argument("--dry-run", action="store_true", help=_("list the proposals, change nothing"))
    how.add_argument("--accept-all", action="store_true", help=_("take every proposal in"))
    how.add_argument(
        "--resolve",
        type=int,
        metavar="ID",
        help=_("mark a kept comment resolved (show lists them)"),
    )


def cmd_incorporate(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.circulation.incorporate import IncorporateError, apply, read, resolve

    store = open_store(home)
    if args.resolve is not None:
        if args.file:
            raise CliError(_("--resolve ID takes no FILE"), 2)
        try:
            done = resolve(store, args.meeting, args.resolve)
        except IncorporateError as exc:
            raise CliError(str(exc)) from None
        said = _("Resolved comment {comment} ({author}).")
        print(said.format(comment=done.id, author=clean_text(done.author)))
        return 0
    if not args.file:
        raise CliError(_("give the returned FILE.docx (or --resolve ID)"), 2)
    if not (args.dry_run or args.accept_all):
        raise CliError(
            _(
                "say --dry-run to list the proposed changes, or --accept-all to take them in "
                "(one by one: the app's meetings list, key c)"
            ),
            2,
        )
    try:
        reading = read(store, args.meeting, Path(args.file).expanduser())
    except IncorporateError as exc:
        raise CliError(str(exc)) from None
    for proposal in reading.proposals:
        print(clean_text(proposal.describe()))
    if reading.foreign:
        print(_("minutes: warning: {warning}").format(warning=reading.ignored), file=sys.stderr)
    counts = _counts(reading.proposals)
    if args.dry_run or not reading.proposals:
        if reading.proposals:
            said = _("minutes: {counts}; nothing was changed (--accept-all takes them in)")
        else:
            said = _("minutes: {counts}; nothing was changed")
        print(said.format(counts=counts), file=sys.stderr)
        return 0
    try:
        result = apply(store, args.meeting, reading, reading.proposals)
    except IncorporateError as exc:
        raise CliError(str(exc)) from None
    said = _("minutes: {done}; `minutes undo {meeting}` takes it all back")
    print(said.format(done=result.message, meeting=args.meeting), file=sys.stderr)
    return 0


def _counts(proposals: list[Any]) -> str:
    kinds = [p.kind for p in proposals]
    parts = [
        said.format(count=n)
        for kind, said in (
            ("edit", ngettext("{count} change", "{count} changes", kinds.count("edit"))),
            ("comment", ngettext("{count} comment", "{count} comments", kinds.count("comment"))),
            (
                "difference",
                ngettext(
                    "{count} untracked change",
                    "{count} untracked changes",
                    kinds.count("difference"),
                ),
            ),
            (
                "addition",
                ngettext(
                    "{count} added paragraph", "{count} added paragraphs", kinds.count("addition")
                ),
            ),
        )
        if (n := kinds.count(kind))
    ]
    return ", ".join(parts) or _("no changes or comments")


def read_comments(home: Home, meeting: int) -> list[CommentData]:
    """The meeting's open comments, for `show` (a home's SQLite file without SQLAlchemy,
    as `meeting_data` reads the meeting)."""
    if sqlite_current(home):
        from minutes_tui.store.dbapi import file_snapshot
        from minutes_tui.store.review import open_comments as read_open

        with file_snapshot(home.db_path) as snap:
            return read_open(snap, meeting)
    from minutes_tui.circulation.incorporate import open_comments

    return open_comments(open_store(home), meeting)


def comments_text(comments: list[CommentData]) -> str:
    heading = _("Open comments ({count})").format(count=len(comments))
    lines = [f"\n\n{heading}"]  # a blank line after the meeting
    for c in comments:
        where = f"{c.row_table} {c.row_id}" if c.row_table else _("the meeting")
        lines.append(f"  #{c.id}  {where} · {c.author}: {c.text}")
    return "\n".join(lines)
