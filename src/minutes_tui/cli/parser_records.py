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
from minutes_tui.cli.helptext import command, json_help, meeting_help
from minutes_tui.domain.translate import _
from minutes_tui.domain.vocabulary import STATUSES, STYLES


def add_export(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "export",
        _("write the record to Markdown, Word or PDF"),
        meeting_help() + "\n" + _("Prints the path written (default: <home>/exports/)."),
        "minutes export 12",
        "minutes export 12 --format docx --style minutes --redact --out ~/Documents/",
        "minutes export 12 --out - | less",
    )
    p.add_argument(
        "meeting",
        type=meeting_or_body,
        metavar="MEETING",
        help=_("a meeting id; for --style workplan, a body (its register) or one of its meetings"),
    )
    p.add_argument(
        "--format",
        choices=("md", "docx", "pdf"),
        default="md",
        help=_("md (default) | docx | pdf (needs LibreOffice)"),
    )
    styles = _("{styles} (default: the meeting's)").format(styles=" | ".join(STYLES))
    p.add_argument("--style", choices=STYLES, help=styles)
    p.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help=_("workplan: period start")
    )
    p.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help=_("workplan: period end")
    )
    p.add_argument(
        "--undated-markers",
        action="store_true",
        help=_('workplan: "[ONGOING] text", without the date of the review'),
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        help=_(
            "a file, a folder (ends in /) or - for standard output "
            "(default: <home>/exports/<date>-<id>-<slug>-<style>)"
        ),
    )
    p.add_argument("--redact", action="store_true", help=_("replace personal names"))
    p.add_argument(
        "--redact-also",
        dest="also",
        nargs="+",
        action="extend",
        default=[],
        metavar="WORD",
        help=_("with --redact: names the database never knew, redacted too (implies --redact)"),
    )
    p.add_argument(
        "--keep",
        action="store_true",
        help=_("with --redact: keep the name-like words nobody recorded (else it refuses)"),
    )
    p.add_argument(
        "--overwrite",
        "--force",
        action="store_true",
        help=_("replace a file already at the path (default: keep it, write NAME-2.EXT)"),
    )
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help=_("keep the entries marked confidential (!), marked; every page says so"),
    )


def add_actions(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "actions",
        _("follow-up actions across meetings"),
        _(
            "One line an action: its reference (#id), meeting date, body, number, status, due\n"
            "(! when overdue), text, owners and last progress."
        )
        + "\n"
        + json_help(),
        "minutes actions --open --owner UNHCR",
        'minutes actions --overdue --body "IASC OPAG" --json',
    )
    p.add_argument("--open", action="store_true", help=_("pending or in progress only"))
    p.add_argument("--overdue", action="store_true", help=_("open and past their due date"))
    p.add_argument(
        "--owner", "--lead", metavar="X", help=_("any lead contains X (case-insensitive)")
    )
    p.add_argument(
        "--body",
        metavar="B",
        help=_("meetings of this body (exact, case-insensitive) and actions it leads elsewhere"),
    )
    p.add_argument("--text", metavar="T", help=_("the action or a sub-item contains T"))
    p.add_argument("--meeting", type=meeting_id, metavar="MEETING", help=_("one meeting's actions"))
    p.add_argument(
        "--group", metavar="G", help=_("the action's group (topic, priority area) contains G")
    )
    p.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help=_("agreed on or after DATE")
    )
    p.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help=_("agreed on or before DATE")
    )
    p.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help=_("judge overdue as of"))
    p.add_argument(
        "--json",
        action="store_true",
        help=_(
            '{"version": 1, "actions": [...]}, each with reference, group, partners, links, '
            "comments, timeframe and whole history"
        ),
    )


def add_action_status(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "action-status",
        _("record a new status of an action (by its reference)"),
        _(
            "ACTION_ID is the action's reference, as `minutes actions` shows it (12 or #12).\n"
            "The change is a dated review: the action keeps its whole history."
        ),
        'minutes action-status 12 completed --progress "Guidance endorsed on 2 Oct"',
    )
    p.add_argument(
        "action", type=action_id, metavar="ACTION_ID", help=_("its reference: 12 or #12")
    )
    p.add_argument("status", type=status, metavar="STATUS", help=" | ".join(STATUSES))
    p.add_argument("--progress", default="", metavar="TEXT", help=_("what was done"))
    p.add_argument(
        "--meeting",
        type=meeting_id,
        metavar="MEETING",
        help=_("the reviewing meeting (default: the next meeting of the action's series)"),
    )


def add_search(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "search",
        _("full-text search of every meeting, best match first"),
        _(
            "One line a hit: meeting id, date, meeting, agenda item, and the line with the match\n"
            "marked. Trashed meetings are not searched."
        )
        + "\n"
        + json_help(),
        'minutes search "data responsibility"',
        "minutes search guid* who:UNHCR --limit 10 --json",
    )
    p.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help=_('words, "a phrase", prefix*, a AND b, a OR b, a NOT b, who:UNHCR'),
    )
    p.add_argument("--limit", type=positive, default=50, metavar="N", help=_("at most N hits"))
    p.add_argument("--meeting", type=meeting_id, metavar="MEETING", help=_("one meeting only"))
    p.add_argument(
        "--json",
        action="store_true",
        help=_('{"version": 1, "query": ..., "hits": [...]}: plain text, matches as offsets'),
    )
