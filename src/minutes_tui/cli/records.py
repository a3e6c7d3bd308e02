"""Commands on records and the register: export, search, actions, action-status."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from typing import TYPE_CHECKING

from minutes_tui.cli.common import (
    CliError,
    meeting_data,
    meeting_id,
    open_store,
    sqlite_current,
    versioned,
    waiting,
)
from minutes_tui.config import Home
from minutes_tui.domain.display import clip
from minutes_tui.domain.text import clean_text, terminal_json
from minutes_tui.domain.translate import _, ngettext

if TYPE_CHECKING:
    from pathlib import Path

    from minutes_tui.store.search import Hit


def to_stdout(payload: bytes) -> int:
    """`--out -`: the record itself on standard output, bytes as they would be on disk."""
    sys.stdout.flush()
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()
    return 0


def cmd_export(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.record.export import (
        ExportError,
        default_export_name,
        default_export_path,
        export,
        render,
    )
    from minutes_tui.record.safe_write import export_target

    args.redact = args.redact or bool(args.also)
    if args.style == "workplan":
        return export_workplan(args, home)
    if args.date_from or args.date_to or args.undated_markers:
        raise CliError(_("--from, --to and --undated-markers are for a --style workplan report"), 2)
    try:
        meeting = meeting_id(args.meeting)
    except argparse.ArgumentTypeError as exc:
        raise CliError(str(exc), 2) from None
    data = meeting_data(home, meeting)
    style = args.style or data.style
    try:
        if args.out == "-":
            return to_stdout(
                render(
                    data,
                    args.format,
                    style,
                    args.redact,
                    args.include_confidential,
                    args.also,
                    args.keep,
                )
            )
        out = args.out or default_export_path(
            home.exports_dir, data, args.format, style, args.redact, args.include_confidential
        )
        name = default_export_name(data, args.format, style, args.redact, args.include_confidential)
        asked = export_target(out, name, [home.db_dir])
        written = export(
            data,
            args.format,
            style,
            out,
            args.redact,
            protected=[home.db_dir],
            include_confidential=args.include_confidential,
            also=args.also,
            keep=args.keep,
            overwrite=args.overwrite,
        )
    except ExportError as exc:
        raise export_error(exc) from None
    kept(asked, written)
    print(written)
    return 0


def export_error(exc: Exception) -> CliError:
    """The one sentence of a refused export; unknown names first, one a line."""
    from minutes_tui.record.export import UnknownNamesFound

    if isinstance(exc, UnknownNamesFound):
        for name in exc.names:
            print(_("minutes: unknown name: {name}").format(name=name), file=sys.stderr)
        said = ngettext(
            "{count} name-like word the database does not know (listed above) "
            "would stay in the redacted record, so nothing was written: redact them with "
            "--redact-also WORD… or keep them with --keep.",
            "{count} name-like words the database does not know (listed above) "
            "would stay in the redacted record, so nothing was written: redact them with "
            "--redact-also WORD… or keep them with --keep.",
            len(exc.names),
        )
        return CliError(said.format(count=len(exc.names)))
    return CliError(str(exc))


def kept(asked: Path, written: Path) -> None:
    """Say on stderr that an earlier export was kept and the record took a new name."""
    if written != asked:
        said = _("{path} exists and was kept; wrote {name} beside it (--overwrite replaces it).")
        print(said.format(path=asked, name=written.name), file=sys.stderr)


def export_workplan(args: argparse.Namespace, home: Home) -> int:
    """A body's register over a period (`--from`/`--to`): MEETING names the body, or one of
    its meetings by id."""
    from minutes_tui.record.export import (
        ExportError,
        default_register_name,
        export_register,
        render_register,
    )
    from minutes_tui.record.safe_write import export_target

    body = args.meeting
    if sqlite_current(home):  # the store's loader on a standard sqlite3 connection
        from minutes_tui.store.dbapi import file_snapshot
        from minutes_tui.store.load import meeting_body
        from minutes_tui.store.load_register import load_register

        with file_snapshot(home.db_path) as snap:
            if args.meeting.isdigit():
                body = meeting_body(snap, meeting_id(args.meeting)) or ""
                if not body:
                    raise no_register(args.meeting)
            data = load_register(snap, body, args.date_from, args.date_to)
    else:
        store = open_store(home)
        if args.meeting.isdigit():
            body = store.meeting(meeting_id(args.meeting)).body or ""
            if not body:
                raise no_register(args.meeting)
        data = store.load_register(body, args.date_from, args.date_to)
    if args.undated_markers:
        data = dataclasses.replace(data, undated_markers=True)
    try:
        if args.out == "-":
            return to_stdout(
                render_register(
                    data, args.format, args.redact, args.include_confidential, args.also, args.keep
                )
            )
        out = args.out or str(home.exports_dir) + "/"  # a folder: the default name inside
        name = default_register_name(data, args.format, args.redact)
        asked = export_target(out, name, [home.db_dir])
        written = export_register(
            data,
            args.format,
            out,
            args.redact,
            protected=[home.db_dir],
            include_confidential=args.include_confidential,
            also=args.also,
            keep=args.keep,
            overwrite=args.overwrite,
        )
    except ExportError as exc:
        raise export_error(exc) from None
    kept(asked, written)
    print(written)
    return 0


def no_register(meeting: str) -> CliError:
    said = _("Meeting {meeting} has no body, so it has no register.")
    return CliError(said.format(meeting=meeting))


def cmd_actions(args: argparse.Namespace, home: Home) -> int:
    import datetime as dt

    from minutes_tui.domain.vocabulary import status_word
    from minutes_tui.store.tracker import tracked_actions
    from minutes_tui.store.tracker_filter import TrackerFilter

    today = args.today or dt.date.today()
    filters = TrackerFilter(
        open_only=args.open,
        overdue=args.overdue,
        owner=args.owner,
        body=args.body,
        text=args.text,
        meeting_id=args.meeting,
        today=today,
        group=args.group,
        date_from=args.date_from,
        date_to=args.date_to,
    )
    actions = tracked_actions(open_store(home), filters, with_history=args.json)
    if args.json:
        print(terminal_json(versioned(actions=[a.to_json(today) for a in actions])))
        return 0
    if not actions:
        return 0
    id_w = max(len(str(a.id)) for a in actions)
    body_w = min(max(len(a.body or "") for a in actions), 20)
    due_w = min(max(len(a.due or "") for a in actions), 14) + 1  # + the overdue mark
    for a in actions:
        due = clip(clean_text(a.due or ""), due_w - 1) + ("!" if a.is_overdue(today) else "")
        owners = f" [{'; '.join(a.owners)}]" if a.owners else ""
        progress = ""
        if a.progress:
            when = f" ({a.progress_date.isoformat()})" if a.progress_date else ""
            progress = f" — {a.progress}{when}"
        print(
            f"{a.id:>{id_w}}  {a.meeting_date or '----------'}  "
            f"{clip(clean_text(a.body or ''), body_w):<{body_w}}  {a.number:>3}.  "
            f"{status_word(a.status):<11}  {due:<{due_w}}  "
            + (_("[Confidential] ") if a.confidential else "")
            + clean_text(f"{a.text}{owners}{progress}")  # as `list`: old databases
        )
    return 0


def cmd_action_status(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.domain.vocabulary import status_word
    from minutes_tui.store.reviews import review_action
    from minutes_tui.store.tracker import normalize_status

    status = normalize_status(args.status)  # already checked by the parser; typed here
    change = review_action(open_store(home), args.action, status, args.progress, args.meeting)
    said = _("Action {action}: {status} (meeting {meeting})")
    print(
        said.format(
            action=args.action, status=status_word(change.status), meeting=change.meeting_id
        )
    )
    return 0


def cmd_search(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.store.backend import backend_for

    query = " ".join(args.query)
    hits = backend_for(home).search(query, args.limit, args.meeting, waiting)
    return print_hits(args, query, hits)


def print_hits(args: argparse.Namespace, query: str, hits: list[Hit]) -> int:
    from minutes_tui.store.search_text import MARK_CLOSE, MARK_OPEN

    if args.json:
        print(terminal_json(versioned(query=query, hits=[hit.to_json() for hit in hits])))
        return 0
    if not hits:
        print(_("minutes: no match for {query}").format(query=query), file=sys.stderr)
        return 0
    ansi = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    marks = ("\x1b[1;4m", "\x1b[22;24m") if ansi else ("**", "**")

    def line(hit: Hit) -> str:
        # The match markers are control characters: kept through the cleaning (which
        # matters for databases written before text.py) as private-use stand-ins.
        summary = hit.summary().replace(MARK_OPEN, "\ue000").replace(MARK_CLOSE, "\ue001")
        return clean_text(summary).replace("\ue000", marks[0]).replace("\ue001", marks[1])

    names = {id(hit): (clean_text(hit.meeting_name), clean_text(hit.item_name)) for hit in hits}
    id_w = max(len(str(hit.meeting_id)) for hit in hits)
    name_w = min(max(len(name) for name, _item in names.values()), 36)
    item_w = min(max(len(item) for _name, item in names.values()), 36)
    for hit in hits:
        name, item = names[id(hit)]
        print(
            f"{hit.meeting_id:>{id_w}}  {hit.meeting_date or '----------'}  "
            f"{clip(name, name_w):<{name_w}}  {clip(item, item_w):<{item_w}}  {line(hit)}"
        )
    return 0
