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
from minutes_tui.config import Home
from minutes_tui.domain.text import clean_text
from minutes_tui.session.import_record import store_record

if TYPE_CHECKING:
    from minutes_tui.importer import Recognised
    from minutes_tui.store.store import Store


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The `import-record` subcommand (`sub`: the parser's subcommands)."""
    summary = "import a record written before the tool (.docx, .md, .txt, .pdf, or a folder)"
    p = sub.add_parser(
        "import-record",
        parents=[common],
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.\n\n"
        "Headings become agenda items, paragraphs points (attributed when they open with a\n"
        "known organisation or person), action lists and tables the register's actions,\n"
        "the annex the participants. The meeting stays a draft and records its source.\n"
        "A folder is imported oldest first, each body's meetings linked into a series.",
        epilog="examples:\n"
        "  minutes import-record 2020-07-09-opag.docx --dry-run\n"
        '  minutes import-record old-records/ --body "IASC OPAG"',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", type=Path, metavar="FILE|DIR")
    p.add_argument("--body", help='the body the record belongs to, e.g. "IASC OPAG"')
    p.add_argument(
        "--dry-run", action="store_true", help="print what was recognised; store nothing"
    )
    p.add_argument(
        "--from",
        dest="previous",
        type=meeting_id,
        metavar="MEETING",
        help="the meeting this record follows in its series (a folder: its first record)",
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
        raise CliError(f"{path}: no such file")
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
        print(f"minutes: kept as a plain point: {shown(path)}: {clean_text(note)}", file=sys.stderr)
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
        raise CliError(
            f"{path.name} was imported before as meeting {done[0].meeting_id} "
            "(the same file, by its SHA-256); nothing stored"
        )


def _ask_body(rec: Recognised, path: Path) -> None:
    """No body in the record nor from --body: ask at a terminal (a workplan or a register
    export needs one), else say how to give it."""
    if rec.header.body:
        return
    if sys.stdin.isatty():
        try:
            answer = input(f"{shown(path)}: no body found. Which body is it (Enter for none)? ")
        except EOFError:
            answer = ""
        if answer.strip():
            rec.header.body = " ".join(answer.split())
            return
    print(
        f"minutes: note: {shown(path)} names no body; stored without one "
        '(give it with --body "NAME" to export the meeting as a workplan or register)',
        file=sys.stderr,
    )


def shown(path: Path) -> str:
    """A file name as printed: a name can hold escapes, newlines and bidi overrides."""
    return clean_text(path.name) or repr(path.name)


def _summary_line(meeting: int, rec: Recognised) -> str:
    from minutes_tui.importer.describe import count

    c = count(rec)
    return (
        f"meeting {meeting} (draft): {c.items} items, {c.points} points, "
        f"{c.actions} actions ({c.owned} with owners), "
        + (f"{c.reviews} reviews of earlier actions, " if c.reviews else "")
        + f"{c.participants} participants, "
        f"{c.unplaced} kept as plain points"
    )


def _import_folder(args: argparse.Namespace, home: Home) -> int:
    """Every record in a folder, oldest first; each body's meetings linked into a series."""
    import datetime as dt

    from minutes_tui.importer.describe import count
    from minutes_tui.reading.record_files import SUFFIXES
    from minutes_tui.reading.safe_read import FileRefused
    from minutes_tui.store.errors import StoreError
    from minutes_tui.store.imports import imported_with

    files = sorted(
        p for p in args.path.iterdir() if p.is_file() and p.suffix.casefold() in SUFFIXES
    )
    if not files:
        raise CliError(f"{args.path}: no records here (.docx, .md, .txt, .pdf)")
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
            print(f"{prefix}: not imported: {clean_text(item.error or '')}", file=sys.stderr)
            continue
        body = item.rec.header.body
        previous = last.get(body, args.previous if not last else None)
        if store is not None:
            if done := imported_with(store, item.rec.sha256):
                item.skipped = f"already meeting {done[0].meeting_id}"
                last[body] = done[0].meeting_id
                print(f"{prefix}: skipped, {item.skipped}")
                continue
            try:  # each record in one transaction: one failing stores nothing of it
                item.meeting_id = store_record(
                    store, item.path, item.rec, previous, configured_sensitivity()
                )
            except (FileRefused, StoreError) as exc:
                item.error = str(exc)
                print(f"{prefix}: not imported: {clean_text(item.error or '')}", file=sys.stderr)
                continue
            last[body] = item.meeting_id
        c = count(item.rec)
        print(
            f"{prefix} → {'meeting ' + str(item.meeting_id) if item.meeting_id else 'dry run'}"
            f" ({body or 'no body'}, {item.rec.header.date or 'no date'}): {c.items} items, "
            f"{c.points} points, {c.actions} actions, {c.participants} participants, "
            f"{c.unplaced} unplaced",
            flush=True,
        )
    _table(read_ok)
    return 1 if any(i.error for i in read_ok) else 0


def _table(done: list[Imported]) -> None:
    from minutes_tui.importer.describe import count

    print()
    print(
        f"{'file':<40} {'meeting':>7} {'date':<10} {'items':>5} {'points':>6} {'actions':>7} "
        f"{'people':>6} {'unplaced':>8}"
    )
    for i in done:
        if i.rec is None:
            print(f"{shown(i.path)[:40]:<40} {'—':>7} not read: {clean_text(i.error or '')}")
            continue
        c = count(i.rec)
        mid = str(i.meeting_id) if i.meeting_id else (i.skipped or "—")
        print(
            f"{shown(i.path)[:40]:<40} {mid[:7]:>7} {i.rec.header.date or '—'!s:<10} "
            f"{c.items:>5} {c.points:>6} {c.actions:>7} {c.participants:>6} {c.unplaced:>8}"
        )
