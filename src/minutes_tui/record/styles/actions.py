"""Action points: the meeting's own actions (lead in brackets, register reference), then a
review table of the register's actions this meeting looked at, under their topic rows.

Review table rows: every action reviewed in this meeting (`/u N` or `/u #REF`), one row per
action however often it was reviewed (the last status, every progress note), plus the
previous meeting's actions still open that nobody reviewed: a reader wants to see those
were skipped, not lost. Rows follow the register's order (the meeting that agreed them,
then their number); each topic (`/g`) gets one group row where its first action is, so
topics keep the order they were typed in. Actions without a topic come last, under
"Other actions", when other rows have one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from minutes_tui.domain.snapshot import ReviewData
from minutes_tui.domain.vocabulary import STATUS_INFO
from minutes_tui.record.common import (
    Ctx,
    grouped_actions,
    next_meeting,
    owners_md,
    title_block,
)
from minutes_tui.record.model import (
    Block,
    GroupRow,
    Heading,
    Paragraph,
    Row,
    Table,
    escape_inline,
)
from minutes_tui.record.words import N_, Words

REVIEW_HEADER = (N_("Action Point"), N_("Lead"), N_("Status"), N_("Progress Overview"))
REVIEW_WIDTHS = (33, 21, 16, 30)
OTHER_ACTIONS = N_("Other actions")


@dataclass
class _Reviewed:
    """One row of the review table: an action of the register and what was said of it."""

    key: tuple[dt.date, int, int]
    group: str | None
    text: str  # inline Markdown
    leads: tuple[str, ...]
    status: str
    progress: list[str] = field(default_factory=list)


def build(ctx: Ctx) -> list[Block]:
    d = ctx.data
    words = ctx.words
    out: list[Block] = [title_block(ctx, "actions")]
    out.append(Heading(words("Follow-up actions")))
    actions = sorted(d.actions, key=lambda a: a.number)
    if actions:
        out += grouped_actions(ctx, actions, ref=True)
    else:
        out.append(Paragraph(words("No follow-up actions were recorded at this meeting.")))
    out.append(Heading(words("Review of previous actions")))
    rows = _reviewed(ctx)
    if rows:
        out.append(_table(words, rows))
    elif d.previous_id is None:
        out.append(Paragraph(words("There was no previous meeting in this series to review.")))
    elif not d.previous_actions:
        out.append(Paragraph(words("The previous meeting recorded no follow-up actions.")))
    else:
        out.append(Paragraph(words("No previous actions were reviewed at this meeting.")))
    if (nxt := next_meeting(ctx)) is not None:
        out += [Heading(words("Next meeting")), Paragraph(nxt)]
    return out


def _table(words: Words, rows: list[_Reviewed]) -> Table:
    header = tuple(words(h) for h in REVIEW_HEADER)
    return Table(header, review_rows(rows, words), REVIEW_WIDTHS)


def review_table(ctx: Ctx, reviews: list[ReviewData]) -> list[Block]:
    """These reviews as the status table, under their topic rows (nothing without any)."""
    rows = sorted(_rows_of(ctx, reviews).values(), key=lambda r: r.key)
    return [_table(ctx.words, rows)] if rows else []


def _reviewed(ctx: Ctx) -> list[_Reviewed]:
    return _add_unreviewed(ctx, _rows_of(ctx, ctx.data.reviews))


def _rows_of(ctx: Ctx, reviews: list[ReviewData]) -> dict[int, _Reviewed]:
    """One row an action reviewed: its last status and every progress note."""
    d = ctx.data
    rows: dict[int, _Reviewed] = {}
    for r in reviews:
        row = rows.get(r.action_id)
        if row is None:
            previous = r.action_meeting_id == d.previous_id
            when = "" if previous else ctx.words.long_date(r.action_meeting_date)
            row = rows[r.action_id] = _Reviewed(
                key=(
                    r.action_meeting_date or dt.date.min,
                    r.action_meeting_id or 0,
                    r.action_number,
                ),
                group=ctx.plain(r.group).strip() or None,
                text=_action_cell(ctx, r.action_text, r.ref, when, r.action_number, previous),
                leads=ctx.owners(r.owners),
                status=r.status,
            )
        row.status = r.status
        if text := ctx.note(r.text):
            row.progress.append(text)
    return rows


def _add_unreviewed(ctx: Ctx, rows: dict[int, _Reviewed]) -> list[_Reviewed]:
    """The previous meeting's open actions nobody reviewed, in the table too."""
    d = ctx.data
    for a in d.previous_actions:
        info = STATUS_INFO.get(a.status)
        if a.id in rows or (info is not None and not info.open):
            continue
        latest = a.updates[-1] if a.updates else None
        progress = [ctx.words("Not reviewed at this meeting.")]
        if latest is not None and (note := ctx.note(latest.text)):
            progress = [f"{note} ({escape_inline(ctx.words.long_date(latest.meeting_date))})"]
        rows[a.id] = _Reviewed(
            key=(a.meeting_date or dt.date.min, a.meeting_id or 0, a.number),
            group=ctx.plain(a.group).strip() or None,
            text=_action_cell(ctx, a.text, a.ref, "", a.number, True),
            leads=ctx.owners(a.owners),
            status=a.status,
            progress=progress,
        )
    return sorted(rows.values(), key=lambda r: r.key)


def _action_cell(ctx: Ctx, text: str, ref: str, agreed: str, number: int, previous: bool) -> str:
    """'2. Circulate the template (#5)' for the previous meeting's action 2, else
    'Circulate the template (#5, agreed 5 February 2020)'."""
    where = ctx.words("{ref}, agreed {date}").format(ref=ref, date=agreed) if agreed else ref
    lead = f"{number}. " if previous else ""
    return f"{lead}{ctx.note(text)} ({escape_inline(where)})"


def review_rows(rows: list[_Reviewed], words: Words) -> tuple[Row, ...]:
    """Rows under group rows: each group where its first action is, ungrouped ones last."""
    grouped = any(r.group for r in rows)
    other = words(OTHER_ACTIONS)
    order: list[str | None] = []
    for r in rows:
        group = r.group or (other if grouped else None)
        if group not in order:
            order.append(group)
    if other in order and not any(r.group == other for r in rows):
        order.remove(other)
        order.append(other)
    out: list[Row] = []
    for group in order:
        if group is not None:
            out.append(GroupRow(group))
        for r in rows:
            if (r.group or (other if grouped else None)) == group:
                progress = "\n".join(r.progress) or "—"
                out.append((r.text, owners_md(r.leads), words.status_title(r.status), progress))
    return tuple(out)
