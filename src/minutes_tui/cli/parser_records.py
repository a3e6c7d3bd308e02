"""The arguments of the commands on records across meetings (run by `cli/records.py`):
export, actions, action-status, search."""

from __future__ import annotations

import argparse
from typing import Any

from minutes_tui.cli.common import (
    action_id,
    iso_date,
    meeting_id,
    meeting_or_body,
    positive,
    status,
)
from minutes_tui.cli.helptext import JSON_HELP, MEETING_HELP, command
from minutes_tui.domain.vocabulary import STATUSES, STYLES


def add_export(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "export",
        "write the record to Markdown, Word or PDF",
        f"{MEETING_HELP}\nPrints the path written (default: <home>/exports/).",
        "minutes export 12",
        "minutes export 12 --format docx --style minutes --redact --out ~/Documents/",
        "minutes export 12 --out - | less",
    )
    p.add_argument(
        "meeting",
        type=meeting_or_body,
        metavar="MEETING",
        help="a meeting id; for --style workplan, a body (its register) or one of its meetings",
    )
    p.add_argument(
        "--format",
        choices=("md", "docx", "pdf"),
        default="md",
        help="md (default) | docx | pdf (needs LibreOffice)",
    )
    p.add_argument("--style", choices=STYLES, help=" | ".join(STYLES) + " (default: the meeting's)")
    p.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help="workplan: period start"
    )
    p.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help="workplan: period end"
    )
    p.add_argument(
        "--undated-markers",
        action="store_true",
        help='workplan: "[ONGOING] text", without the date of the review',
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        help="a file, a folder (ends in /) or - for standard output "
        "(default: <home>/exports/<date>-<id>-<slug>-<style>)",
    )
    p.add_argument("--redact", action="store_true", help="replace personal names")
    p.add_argument(
        "--redact-also",
        dest="also",
        nargs="+",
        action="extend",
        default=[],
        metavar="WORD",
        help="with --redact: names the database never knew, redacted too (implies --redact)",
    )
    p.add_argument(
        "--keep",
        action="store_true",
        help="with --redact: keep the name-like words nobody recorded (else it refuses)",
    )
    p.add_argument(
        "--overwrite",
        "--force",
        action="store_true",
        help="replace a file already at the path (default: keep it, write NAME-2.EXT)",
    )
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help="keep the entries marked confidential (!), marked; every page says so",
    )


def add_actions(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "actions",
        "follow-up actions across meetings",
        "One line an action: its reference (#id), meeting date, body, number, status, due\n"
        f"(! when overdue), text, owners and last progress.\n{JSON_HELP}",
        "minutes actions --open --owner UNHCR",
        'minutes actions --overdue --body "IASC OPAG" --json',
    )
    p.add_argument("--open", action="store_true", help="pending or in progress only")
    p.add_argument("--overdue", action="store_true", help="open and past their due date")
    p.add_argument("--owner", "--lead", metavar="X", help="any lead contains X (case-insensitive)")
    p.add_argument(
        "--body",
        metavar="B",
        help="meetings of this body (exact, case-insensitive) and actions it leads elsewhere",
    )
    p.add_argument("--text", metavar="T", help="the action or a sub-item contains T")
    p.add_argument("--meeting", type=meeting_id, metavar="MEETING", help="one meeting's actions")
    p.add_argument(
        "--group", metavar="G", help="the action's group (topic, priority area) contains G"
    )
    p.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help="agreed on or after DATE"
    )
    p.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help="agreed on or before DATE"
    )
    p.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="judge overdue as of")
    p.add_argument(
        "--json",
        action="store_true",
        help='{"version": 1, "actions": [...]}, each with reference, group, partners, links, '
        "comments, timeframe and whole history",
    )


def add_action_status(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "action-status",
        "record a new status of an action (by its reference)",
        "ACTION_ID is the action's reference, as `minutes actions` shows it (12 or #12).\n"
        "The change is a dated review: the action keeps its whole history.",
        'minutes action-status 12 completed --progress "Guidance endorsed on 2 Oct"',
    )
    p.add_argument("action", type=action_id, metavar="ACTION_ID", help="its reference: 12 or #12")
    p.add_argument("status", type=status, metavar="STATUS", help=" | ".join(STATUSES))
    p.add_argument("--progress", default="", metavar="TEXT", help="what was done")
    p.add_argument(
        "--meeting",
        type=meeting_id,
        metavar="MEETING",
        help="the reviewing meeting (default: the next meeting of the action's series)",
    )


def add_search(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "search",
        "full-text search of every meeting, best match first",
        "One line a hit: meeting id, date, meeting, agenda item, and the line with the match\n"
        f"marked. Trashed meetings are not searched.\n{JSON_HELP}",
        'minutes search "data responsibility"',
        "minutes search guid* who:UNHCR --limit 10 --json",
    )
    p.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help='words, "a phrase", prefix*, a AND b, a OR b, a NOT b, who:UNHCR',
    )
    p.add_argument("--limit", type=positive, default=50, metavar="N", help="at most N hits")
    p.add_argument("--meeting", type=meeting_id, metavar="MEETING", help="one meeting only")
    p.add_argument(
        "--json",
        action="store_true",
        help='{"version": 1, "query": ..., "hits": [...]}: plain text, matches as offsets',
    )
