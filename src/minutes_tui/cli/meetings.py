"""Commands on meetings: new, add, import, edit, attendance, list, show, and the trash."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from minutes_tui.cli.common import (
    EXIT_USAGE,
    EXIT_WARNINGS,
    HEADER_KEYS,
    CliError,
    configured_sensitivity,
    file_error,
    header_from_args,
    meeting_data,
    open_bytes,
    open_store,
    read_bytes,
    versioned,
    waiting,
)
from minutes_tui.config import Home
from minutes_tui.domain.display import meeting_name
from minutes_tui.domain.text import clean_text, terminal_json
from minutes_tui.domain.translate import _, ngettext

if TYPE_CHECKING:
    from minutes_tui.store.store import Store


def cmd_new(args: argparse.Namespace, home: Home) -> int:
    import datetime as dt

    # Dated today, as the app dates a new meeting (the next of a series: the day its
    # previous meeting's `/n` gave, if any); undated only when asked.
    undated = args.undated or is_none(args.date)
    if undated:
        args.date = None
    today = dt.date.today().isoformat()
    if args.previous is None:
        args.date = None if undated else args.date or today
        # the configured `[new_meeting] sensitivity` unless --sensitivity says otherwise
        args.sensitivity = args.sensitivity or configured_sensitivity()
        header = header_from_args(args)  # validate before the database is touched
        print(open_store(home).create_meeting(header))
        return 0
    store = open_store(home)
    inherited = store.series_defaults(args.previous)
    next_date = inherited.pop("date", None)
    args.date = None if undated else args.date or next_date or today
    header = header_from_args(args, inherited)
    print(store.create_from_previous(args.previous, header))
    return 0


def is_none(value: str | None) -> bool:
    """`--date none`: no date (an empty value is refused by the header's own check)."""
    return value is not None and value.strip().casefold() == "none"


def cmd_add(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.capture import parse_line
    from minutes_tui.domain.entries import Note
    from minutes_tui.session.capture_session import grammar_context
    from minutes_tui.store.quick import QuickNotes

    lines: list[str] = list(args.lines)
    # Notes first without SQLAlchemy (store/quick.py); the rest through the full store.
    quick = QuickNotes.open(home, args.meeting, on_wait=waiting)
    if quick is not None:
        try:
            context = grammar_context(quick.known())  # the store never parses a line
            while lines:
                entry = parse_line(lines[0], context)
                applied = quick.submit(entry, lines[0]) if isinstance(entry, Note) else None
                if applied is None:
                    break
                warn(applied.warnings)
                lines.pop(0)
        finally:
            quick.close()
    if lines:
        from minutes_tui.session.capture_session import CaptureSession

        store = open_store(home)
        try:
            session = CaptureSession(store, args.meeting)
            for line in lines:
                warn(session.submit(line).warnings)
        finally:
            store.close()  # as the process's exit would: the WAL is checkpointed now
    return 0


def cmd_undo(args: argparse.Namespace, home: Home) -> int:
    """The meeting's last journal step taken back: the same journal ctrl+z reads."""
    from minutes_tui.session.capture_session import CaptureSession

    store = open_store(home)
    try:
        undone = CaptureSession(store, args.meeting).undo()
    finally:
        store.close()
    if undone is None:
        raise CliError(_("nothing to undo in meeting {meeting}").format(meeting=args.meeting))
    print(_("Undid: {line}").format(line=undone.line))
    return 0


def warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(_("minutes: warning: {warning}").format(warning=warning), file=sys.stderr)


def cmd_attendance(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.importer.attendance import AttendanceError, parse_attendance

    # Read as a stream: a huge report costs time, not memory.
    with open_bytes(args.file) as stream:
        try:
            attendees = parse_attendance(stream)
        except AttendanceError as exc:
            raise CliError(f"{args.file}: {exc}") from None
        except OSError as exc:
            raise file_error(args.file, exc) from None
    store = open_store(home)
    added, present = store.import_attendance(args.meeting, attendees)
    print(
        _("{added} added, {present} already listed and marked present").format(
            added=added, present=present
        )
    )
    return 0


def cmd_import(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.capture.script import ScriptError, parse_script

    try:
        text = read_bytes(args.file).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(_("{path}: not a UTF-8 text file").format(path=args.file)) from None
    try:
        script = parse_script(text)
    except ScriptError as exc:
        raise CliError(f"{args.file}: {exc}", EXIT_USAGE) from None
    from minutes_tui.session.capture_session import CaptureSession

    store = open_store(home)
    previous = args.previous or script.previous_id
    if previous is not None:
        store.meeting(previous)  # an unknown meeting is an error before anything is stored
    from minutes_tui.domain.header import with_sensitivity

    header = with_sensitivity(script.header, configured_sensitivity())
    new_id = store.create_meeting(header, previous)
    session = CaptureSession(store, new_id)
    warned = 0
    for number, line in script.lines:
        warnings = session.submit(line).warnings
        warned += bool(warnings)
        for warning in warnings:
            where = f"{clean_text(str(args.file))}:{number}: {warning}"
            print(_("minutes: warning: {warning}").format(warning=where), file=sys.stderr)
    print(new_id)
    if warned and args.strict:
        said = ngettext(
            "minutes: {count} line(s) had warnings (--strict)",
            "minutes: {count} line(s) had warnings (--strict)",
            warned,
        )
        print(said.format(count=warned), file=sys.stderr)
        return EXIT_WARNINGS
    return 0


def cmd_edit(args: argparse.Namespace, home: Home) -> int:
    """Change a meeting's details (only the options given) and/or its series link."""
    from minutes_tui.capture.script import ScriptError, parse_header

    given = {k: getattr(args, k) for k in ("title", *HEADER_KEYS) if getattr(args, k) is not None}
    if args.meeting is None:
        return _edit_body(args, home, given)
    clear_date = is_none(given.get("date"))
    if clear_date:
        del given["date"]
    nothing = not given and not clear_date and args.previous is None and not args.no_series
    if nothing and args.parent is None:
        raise CliError(_("nothing to change: give --title, --date, … or --from / --no-series"), 2)
    try:
        header = parse_header({"title": given.get("title", "-"), **given})
    except ScriptError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    names = [n for k in given for n in (("start_time", "end_time") if k == "time" else (k,))]
    fields: dict[str, object] = {n: getattr(header, n) for n in names}
    if clear_date:
        fields["date"] = None
    store = open_store(home)
    store.meeting(args.meeting)
    if args.no_series:
        fields["previous_id"] = None
    elif args.previous is not None:
        store.check_series_link(args.meeting, args.previous)
        fields["previous_id"] = args.previous
    if fields:
        store.update_meeting(args.meeting, **fields)
        said = _("Meeting {meeting} updated: {fields}")
        print(said.format(meeting=args.meeting, fields=", ".join(sorted(fields))))
    if args.parent is not None:
        body = store.meeting(args.meeting).body
        if not body or not body.strip():
            said = _("Meeting {meeting} has no body to put under {parent}.")
            raise CliError(said.format(meeting=args.meeting, parent=args.parent))
        _set_parent(store, body, args.parent)
    return 0


def _edit_body(args: argparse.Namespace, home: Home, given: dict[str, str]) -> int:
    """`minutes edit --body B --parent P`: a body's place among the bodies."""
    body = (given.pop("body", None) or "").strip()
    if not body or args.parent is None or given or args.previous or args.no_series:
        raise CliError(_("give a MEETING, or --body B --parent P (and nothing else)"), EXIT_USAGE)
    _set_parent(open_store(home), clean_text(body), args.parent)
    return 0


def _set_parent(store: Store, body: str, parent: str) -> None:
    above = None if is_none(parent) else clean_text(parent).strip() or None
    store.set_body_parent(body, above)
    if above:
        print(_("{body} is now under {parent}").format(body=body, parent=above))
    else:
        print(_("{body} now has no parent body").format(body=body))


def cmd_list(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.store.backend import backend_for

    backend = backend_for(home)  # a corrupt, too-new or shared database is an error
    try:
        rows = backend.list_meetings() or []
    finally:
        backend.close()
    if args.json:
        print(terminal_json(versioned(meetings=[row.__dict__ for row in rows])))
        return 0
    # Cleaned again on the way out: a database written before text.py may hold escapes.
    for row in rows:
        title = clean_text(meeting_name(row.body, row.title, row.session))
        print(f"{row.id:>5}  {row.date or '----------'}  {clean_text(row.status):<5}  {title}")
    return 0


def cmd_show(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.cli.incorporate import comments_text, read_comments

    data = meeting_data(home, args.meeting)
    comments = read_comments(home, args.meeting)  # a returned draft's, until resolved
    if args.json:
        review = {"review_comments": [c.to_json() for c in comments]}
        print(terminal_json(versioned(**data.to_json(), **review)))
        return 0
    from minutes_tui.cli.textview import meeting_text

    text = meeting_text(data) + (comments_text(comments) if comments else "")
    print(clean_text(text, multiline=True))  # as `list`: old databases
    return 0


def cmd_trash(args: argparse.Namespace, home: Home) -> int:
    """`trash MEETING` moves it to the trash; `trash --list` shows the trash."""
    if args.list:
        if args.meeting is not None:
            raise CliError(_("give MEETING to move it to the trash, or --list; not both"), 2)
        return list_trash(args, home)
    if args.json:
        raise CliError(_("--json goes with --list"), EXIT_USAGE)
    if args.meeting is None:
        raise CliError(_("give the MEETING to move to the trash, or --list"), EXIT_USAGE)
    meeting = open_store(home).trash_meeting(args.meeting)
    name = clean_text(meeting_name(meeting.body, meeting.title, meeting.session))
    print(_("Meeting {meeting} moved to the trash: {name}").format(meeting=args.meeting, name=name))
    back = _("(`minutes restore {meeting}` brings it back)")
    print(back.format(meeting=args.meeting), file=sys.stderr)
    return 0


def _circulated(store: Store, meeting_id: int | None) -> str | None:
    """As `list --json` says it (store/reads.CIRCULATED): "for comments until DATE"."""
    found = store.circulation(meeting_id) if meeting_id is not None else None
    if found is None:
        return None
    reason, due = found
    return reason + (f" until {due.isoformat()}" if due else "")


def list_trash(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.domain.display import local

    store = open_store(home)
    trashed = store.trashed_meetings()
    rows = [
        {
            "id": m.id,
            "date": m.date.isoformat() if m.date else None,
            "body": m.body,
            "title": m.title,
            "session": m.session,
            "status": m.status,
            "style": m.style,
            "sensitivity": m.sensitivity,
            "circulated": _circulated(store, m.id),
            "deleted_at": local(m.deleted_at).isoformat(timespec="seconds")
            if m.deleted_at
            else None,
        }
        for m in trashed
    ]
    if args.json:
        print(terminal_json(versioned(meetings=rows)))
        return 0
    for m, row in zip(trashed, rows, strict=True):
        title = clean_text(meeting_name(m.body, m.title, m.session))
        trashed_on = str(row["deleted_at"] or "")[:16].replace("T", " ")
        trashed_word = _("trashed {when}").format(when=trashed_on)
        print(f"{m.id:>5}  {row['date'] or '----------'}  {trashed_word}  {title}")
    return 0


def cmd_restore(args: argparse.Namespace, home: Home) -> int:
    meeting = open_store(home).restore_meeting(args.meeting)
    name = clean_text(meeting_name(meeting.body, meeting.title, meeting.session))
    print(_("Meeting {meeting} restored: {name}").format(meeting=args.meeting, name=name))
    return 0


def cmd_purge(args: argparse.Namespace, home: Home) -> int:
    if not args.yes:
        said = _("purge deletes meeting {meeting} for good; add --yes to confirm")
        raise CliError(said.format(meeting=args.meeting), EXIT_USAGE)
    meeting = open_store(home).purge_meeting(args.meeting)
    name = clean_text(meeting_name(meeting.body, meeting.title, meeting.session))
    said = _("Meeting {meeting} deleted for good: {name}")
    print(said.format(meeting=args.meeting, name=name))
    return 0


def cmd_backup(args: argparse.Namespace, home: Home) -> int:
    """A consistent copy of the whole database in a new file, even while the app writes
    (the backend's own backup: SQLite's; a team archive says it has none). Never
    replaces a file."""
    from minutes_tui.store.backend import backend_for

    dest = args.file.expanduser().absolute()
    if dest.exists() or dest.is_symlink():
        said = _("{path}: already exists; nothing was written (choose a new name)")
        raise CliError(said.format(path=dest))
    try:
        backend_for(home).backup(dest)
    except FileExistsError:
        said = _("{path}: already exists; nothing was written")
        raise CliError(said.format(path=dest)) from None
    except OSError as exc:
        raise file_error(dest, exc) from None
    print(dest)
    return 0
