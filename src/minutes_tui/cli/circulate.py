"""`minutes circulate`: a record out for comments, or the final record, as an e-mail."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minutes_tui.cli.common import CliError, iso_date, meeting_id, open_store
from minutes_tui.config import Home

if TYPE_CHECKING:
    from minutes_tui.circulation.mail import Attachment
    from minutes_tui.snapshot import MeetingData
    from minutes_tui.store.store import Store


def add_command(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "circulate",
        parents=[common],
        help="an e-mail draft (.eml) that circulates the record for comments or as final",
        description=(
            "Write an e-mail draft (.eml) that Outlook and Thunderbird open ready to send:\n"
            "To the participants with an address (/p Ms. Name, ORG <name@org.int>), the\n"
            "body's list ([circulation.lists] in config.toml) and --to; the Word record\n"
            "attached. --for-comments sends the draft with the date comments are due;\n"
            "--final (a final meeting) attaches the archived files with their SHA-256.\n"
            "With [smtp] in config.toml, --send sends it as well. The meeting's history\n"
            "keeps each circulation: what, to whom, when, until when (show --json)."
        ),
        epilog=(
            "examples:\n"
            "  minutes circulate 12 --for-comments --by 2024-05-20\n"
            "  minutes circulate 12 --for-comments --by 2024-05-20 --to cochair@org.int\n"
            "  minutes circulate 12 --final --out ~/Desktop\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("meeting", type=meeting_id, metavar="MEETING")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--for-comments", action="store_true", help="the draft, for comments")
    what.add_argument("--final", action="store_true", help="the final record's archived files")
    p.add_argument("--by", type=iso_date, metavar="DATE", help="comments due by (YYYY-MM-DD)")
    p.add_argument("--to", nargs="+", default=[], metavar="ADDR", help="more recipients")
    p.add_argument("--out", metavar="DIR", help="folder for the .eml (default: the exports)")
    p.add_argument("--send", action="store_true", help="send by the [smtp] server as well")


def cmd_circulate(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.circulation.mail import AddressError, Draft, message, recipients
    from minutes_tui.settings import load_settings

    if args.for_comments and args.by is None:
        raise CliError("--for-comments needs --by DATE: the day comments are due.", 2)
    if args.final and args.by is not None:
        raise CliError("--by is for --for-comments; a final record is not out for comments.", 2)
    settings = load_settings()
    store = open_store(home)
    data = store.load(args.meeting)
    _check_status(data, args.final)
    attachments, version = (
        _final_files(store, home, data) if args.final else (_draft_files(data), None)
    )
    try:
        to = recipients(data, args.to, settings.distribution.get(data.body or "", []))
        draft = Draft(
            kind="final" if args.final else "comments",
            to=to,
            attachments=attachments,
            due=args.by,
            sender=settings.sender,
            version=version,
        )
        msg = message(data, draft)
    except AddressError as exc:
        raise CliError(str(exc)) from None
    folder = Path(args.out).expanduser() if args.out else home.exports_dir
    written = _write_eml(folder, _eml_name(data, draft.kind), bytes(msg))
    sent = False
    if args.send:
        sent = _send(msg, settings)
    _record(store, data.id, args.final, args.by, to)
    print(written)
    how = "sent to" if sent else "for"
    print(
        f"minutes: {how} {len(to)} recipient{'s' * (len(to) != 1)}: {', '.join(to)}",
        file=sys.stderr,
    )
    return 0


def _check_status(data: MeetingData, final: bool) -> None:
    if final and data.status != "final":
        raise CliError(
            f"Meeting {data.id} is a draft: finalize it first, or circulate it --for-comments."
        )
    if not final and data.status == "final":
        raise CliError(
            f"Meeting {data.id} is final: circulate it --final, or reopen it to send a draft."
        )


def _draft_files(data: MeetingData) -> list[Attachment]:
    """The Word record as it would be exported now, without confidential entries."""
    from minutes_tui.circulation.mail import Attachment
    from minutes_tui.record.export import ExportError, default_export_name, render

    try:
        payload = render(data, "docx", data.style)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    return [Attachment(default_export_name(data, "docx", data.style), payload)]


def _final_files(store: Store, home: Home, data: MeetingData) -> tuple[list[Attachment], int]:
    """The archived files of the current version, checked against their hashes: a file
    changed since it was archived is not what was finalized, and is not sent."""
    from minutes_tui.circulation.mail import Attachment
    from minutes_tui.store import final

    with store.read() as s:
        versions = final.archived(s, data.id)
    if not versions:
        raise CliError(f"Meeting {data.id} has no archived record to circulate.")
    latest = versions[-1]
    problems = final.verify(home.root, [latest])
    if problems:
        raise CliError(f"Not circulated: {problems[0]}; `minutes verify {data.id}` lists all.")
    folder = home.root / latest.folder
    files = [Attachment(f.name, (folder / f.name).read_bytes()) for f in latest.files]
    order = {".docx": 0, ".pdf": 1, ".md": 2}
    files.sort(key=lambda a: order.get(Path(a.name).suffix, 3))
    return files, latest.version


def _eml_name(data: MeetingData, kind: str) -> str:
    day = data.date.isoformat() if data.date else "undated"
    return f"{day}-{data.id}-{'for-comments' if kind == 'comments' else 'final'}.eml"


def _write_eml(folder: Path, name: str, payload: bytes) -> Path:
    """A new file, never over an earlier draft: name.eml, name-2.eml, …"""
    if not folder.is_dir():
        raise CliError(f"The folder {folder} does not exist.")
    stem, suffix = name.rsplit(".", 1)
    for n in range(1, 1000):
        target = folder / (name if n == 1 else f"{stem}-{n}.{suffix}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise CliError(f"Cannot write {target}: {exc.strerror}.") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            target.unlink(missing_ok=True)
            raise CliError(f"Cannot write {target}: {exc.strerror}.") from None
        return target
    raise CliError(f"{folder} already holds 999 drafts named {stem}-N.{suffix}.")


def _send(msg: Any, settings: Any) -> bool:
    from minutes_tui.circulation.send import SendError, send

    if not settings.smtp_host:
        raise CliError("--send needs [smtp] host in config.toml; the .eml draft was written.")
    try:
        send(msg, settings.smtp_host, settings.smtp_port, settings.smtp_user)
    except SendError as exc:
        raise CliError(f"{exc} The .eml draft was written; nothing was recorded.") from None
    return True


def _record(store: Store, meeting: int, final_record: bool, due: Any, to: list[str]) -> None:
    from minutes_tui.store import final

    with store.write() as s:
        final.circulated(s, meeting, final_record=final_record, due=due, recipients=to, by=None)
