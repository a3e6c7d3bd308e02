"""`minutes import-record FILE|DIR`: records written before the tool become meetings.

One file or a folder of them, through `import_record` (read, recognise, replay through a
CaptureSession). `--dry-run` prints what was recognised and stores nothing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minutes_tui.cli.common import CliError, configured_sensitivity, meeting_id, open_store
from minutes_tui.cli.helptext import examples
from minutes_tui.config import Home
from minutes_tui.domain.text import clean_text
from minutes_tui.domain.translate import _
from minutes_tui.session.import_record import store_record

if TYPE_CHECKING:
    from minutes_tui.importer import Recognised
    from minutes_tui.store.store import Store


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The `import-record` subcommand (`sub`: the parser's subcommands)."""
    summary = _("import a record written before the tool (.docx, .md, .txt, .pdf, or a folder)")
    p = sub.add_parser(
        "import-record",
        parents=[common],
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.\n\n"
        + _(
            "Headings become agenda items, paragraphs points (attributed when they open with a\n"
            "known organisation or person), action lists and tables the register's actions,\n"
            "the annex the participants. The meeting stays a draft and records its source.\n"
            "A folder is imported oldest first, each body's meetings linked into a series."
        ),
        epilog=examples(
            "minutes import-record 2020-07-09-opag.docx --dry-run",
            'minutes import-record old-records/ --body "IASC OPAG"',
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", type=Path, metavar="FILE|DIR")
    p.add_argument("--body", help=_('the body the record belongs to, e.g. "IASC OPAG"'))
    p.add_argument(
        "--dry-run", action="store_true", help=_("print what was recognised; store nothing")
    )
    p.add_argument(
        "--from",
        dest="previous",
        type=meeting_id,
        metavar="MEETING",
        help=_("the meeting this record follows in its series (a folder: its first record)"),
    )


@dataclass
class Imported:
    path: Path
    meeting_id: int | None
    rec: Recognised | None
    error: str | None = None
    skipped: str | None = None


def read(path: Path, body: str | None) -> Recognised:
    from minutes_tui.reading.record_files import RecordFileError
    from minutes_tui.session.import_record import read_record

    try:
        return read_record(path, body)
    except RecordFileError as exc:
        raise CliError(str(exc)) from None


def cmd_import_record(args: argparse.Namespace, home: Home) -> int:
    path: Path = args.path
    if path.is_dir():
        return _import_folder(args, home)
    if not path.exists() and not path.is_symlink():  # a link's own fault is said on reading
        raise CliError(_("{path}: no such file").format(path=path))
    rec = read(path, args.body)
    if args.dry_run:
        from minutes_tui.importer.describe import describe

        _match_read_only(home, rec, args.previous)
        print("\n".join(describe(rec)))
        return 0
    store = open_store(home)
    if args.previous is not None:
        store.meeting(args.previous)
    _refuse_if_imported(store, path, rec)
    _ask_body(rec, path)
    meeting = store_record(store, path, rec, args.previous, configured_sensitivity())
    print(_summary_line(meeting, rec))
    for note in rec.unplaced:
        said = _("minutes: kept as a plain point: {file}: {text}")
        print(said.format(file=shown(path), text=clean_text(note)), file=sys.stderr)
    return 0


def _match_read_only(home: Home, rec: Recognised, previous: int | None) -> None:
    """--dry-run shows what a previous-actions table will really store when the home's own
    database can be read as it is; a missing, older or shared one is neither created nor
    upgraded for a dry run (describe's note then says the rows will be matched)."""
    from minutes_tui.cli.common import sqlite_current
    from minutes_tui.session.import_record import match_earlier
    from minutes_tui.store.errors import StoreError

    if not rec.earlier or not home.db_path.is_file():  # sqlite_current: never an archive
        return
    try:
        if not sqlite_current(home):
            return
        store = open_store(home)
    except StoreError:
        return  # the real import says what is wrong with the database
    try:
        match_earlier(store, rec, previous)
    finally:
        store.close()


def _refuse_if_imported(store: Store, path: Path, rec: Recognised) -> None:
    """The same bytes imported twice would double the tracker's open actions."""
    from minutes_tui.session.import_record import source_hash
    from minutes_tui.store.imports import imported_with

    if done := imported_with(store, source_hash(path, rec)):
        said = _(
            "{file} was imported before as meeting {meeting} "
            "(the same file, by its SHA-256); nothing stored"
        )
        raise CliError(said.format(file=path.name, meeting=done[0].meeting_id))


def _ask_body(rec: Recognised, path: Path) -> None:
    """No body in the record nor from --body: ask at a terminal (a workplan or a register
    export needs one), else say how to give it."""
    if rec.header.body:
        return
    if sys.stdin.isatty():
        try:
            question = _("{file}: no body found. Which body is it (Enter for none)? ")
            answer = input(question.format(file=shown(path)))
        except EOFError:
            answer = ""
        if answer.strip():
            rec.header.body = " ".join(answer.split())
            return
    said = _(
        "minutes: note: {file} names no body; stored without one "
        '(give it with --body "NAME" to export the meeting as a workplan or register)'
    )
    print(said.format(file=shown(path)), file=sys.stderr)


def shown(path: Path) -> str:
    """A file name as printed: a name can hold escapes, newlines and bidi overrides."""
    return clean_text(path.name) or repr(path.name)


def _summary_line(meeting: int, rec: Recognised) -> str:
    from minutes_tui.importer.describe import count

    c = count(rec)
    reviews = _("{reviews} reviews of earlier actions, ").format(reviews=c.reviews)
    said = _(
        "meeting {meeting} (draft): {items} items, {points} points, "
        "{actions} actions ({owned} with owners), {reviews}{participants} participants, "
        "{unplaced} kept as plain points"
    )
    return said.format(
        meeting=meeting,
        items=c.items,
        points=c.points,
        actions=c.actions,
        owned=c.owned,
        reviews=reviews if c.reviews else "",
        participants=c.participants,
        unplaced=c.unplaced,
    )


def _import_folder(args: argparse.Namespace, home: Home) -> int:
    """Every record in a folder, oldest first; each body's meetings linked into a series."""
    import datetime as dt

    from minutes_tui.reading.record_files import SUFFIXES
    from minutes_tui.reading.safe_read import FileRefused
    from minutes_tui.store.errors import StoreError
    from minutes_tui.store.imports import imported_with

    files = sorted(
        p for p in args.path.iterdir() if p.is_file() and p.suffix.casefold() in SUFFIXES
    )
    if not files:
        raise CliError(_("{path}: no records here (.docx, .md, .txt, .pdf)").format(path=args.path))
    read_ok: list[Imported] = []
    for p in files:
        try:
            read_ok.append(Imported(p, None, read(p, args.body)))
        except CliError as exc:
            read_ok.append(Imported(p, None, None, error=str(exc)))
    far = dt.date.max
    read_ok.sort(key=lambda i: ((i.rec.header.date or far) if i.rec else far, i.path.name))
    store = None if args.dry_run else open_store(home)
    if store is not None and args.previous is not None:
        store.meeting(args.previous)
    last: dict[str | None, int] = {}
    for n, item in enumerate(read_ok, 1):
        prefix = f"[{n}/{len(read_ok)}] {shown(item.path)}"
        if item.rec is None:
            print(not_imported(prefix, item.error), file=sys.stderr)
            continue
        body = item.rec.header.body
        previous = last.get(body, args.previous if not last else None)
        if store is not None:
            if done := imported_with(store, item.rec.sha256):
                item.skipped = _("already meeting {meeting}").format(meeting=done[0].meeting_id)
                last[body] = done[0].meeting_id
                print(_("{file}: skipped, {why}").format(file=prefix, why=item.skipped))
                continue
            try:  # each record in one transaction: one failing stores nothing of it
                item.meeting_id = store_record(
                    store, item.path, item.rec, previous, configured_sensitivity()
                )
            except (FileRefused, StoreError) as exc:
                item.error = str(exc)
                print(not_imported(prefix, item.error), file=sys.stderr)
                continue
            last[body] = item.meeting_id
        print(_progress_line(prefix, item), flush=True)
    _table(read_ok)
    return 1 if any(i.error for i in read_ok) else 0


def not_imported(prefix: str, error: str | None) -> str:
    said = _("{file}: not imported: {error}")
    return said.format(file=prefix, error=clean_text(error or ""))


def _progress_line(prefix: str, item: Imported) -> str:
    """One record of a folder: where it went (or a dry run) and what it holds."""
    from minutes_tui.importer.describe import count

    assert item.rec is not None
    c = count(item.rec)
    if item.meeting_id:
        where = _("meeting {meeting}").format(meeting=item.meeting_id)
    else:
        where = _("dry run")
    said = _(
        "{file} → {where} ({body}, {date}): {items} items, {points} points, "
        "{actions} actions, {participants} participants, {unplaced} unplaced"
    )
    return said.format(
        file=prefix,
        where=where,
        body=item.rec.header.body or _("no body"),
        date=item.rec.header.date or _("no date"),
        items=c.items,
        points=c.points,
        actions=c.actions,
        participants=c.participants,
        unplaced=c.unplaced,
    )


def _table(done: list[Imported]) -> None:
    from minutes_tui.importer.describe import count

    print()
    heads = [_("file"), _("meeting"), _("date"), _("items"), _("points"), _("actions")]
    heads += [_("people"), _("unplaced")]
    print(
        f"{heads[0]:<40} {heads[1]:>7} {heads[2]:<10} {heads[3]:>5} {heads[4]:>6} "
        f"{heads[5]:>7} {heads[6]:>6} {heads[7]:>8}"
    )
    for i in done:
        if i.rec is None:
            not_read = _("not read: {error}").format(error=clean_text(i.error or ""))
            print(f"{shown(i.path)[:40]:<40} {'—':>7} {not_read}")
            continue
        c = count(i.rec)
        mid = str(i.meeting_id) if i.meeting_id else (i.skipped or "—")
        print(
            f"{shown(i.path)[:40]:<40} {mid[:7]:>7} {i.rec.header.date or '—'!s:<10} "
            f"{c.items:>5} {c.points:>6} {c.actions:>7} {c.participants:>6} {c.unplaced:>8}"
        )
