"""The management response plan: per recommendation, its text, the Management Response and
a follow-up table.

A recommendation is an agenda item ("13.3 Strengthen…", or unnumbered): its heading, its
points as paragraphs and lists in typed order (a labelled entry, `/l Management Response:
…`, as a paragraph with its bold lead-in), then *Follow-up action | Lead Organization |
Comments | Component actions*: one row per action of the item (its timeframe under it, its
leads in their own column), the component actions being its sub-items, each with its
timeframe and lead, one paragraph each (a list: one line each in Markdown). A `/g` group
under an item is a part of that recommendation ("(a) …", "(b) …"): its actions sit under a
group row.
Reviews typed under an item follow as "Progress on earlier actions".

A recommendation's lists: a capture script types one point per line, so a run of plain
points typed as list lines ("- …", "• …", "1. …") is one list here (other styles keep
each point a paragraph, whatever it starts with).
"""

from __future__ import annotations

import re

from minutes_tui.domain.snapshot import ActionData
from minutes_tui.record.common import (
    Ctx,
    entry_blocks,
    entry_md,
    heading_level,
    item_actions,
    item_entries,
    item_reviews,
    next_meeting,
    numbered_title,
    opens_list,
    owners_md,
    review_md,
    title_block,
    when_words,
)
from minutes_tui.record.model import (
    Block,
    BulletList,
    GroupRow,
    Heading,
    NumberedList,
    Paragraph,
    Row,
    Table,
    escape_inline,
)
from minutes_tui.record.notes import note_blocks
from minutes_tui.record.words import N_

HEADER = (
    N_("Follow-up action"),
    N_("Lead Organization"),
    N_("Comments"),
    N_("Component actions (timeframe, lead)"),
)
WIDTHS = (28, 22, 17, 33)  # "Lead Organization" fits its column on one line


def build(ctx: Ctx) -> list[Block]:
    d = ctx.data
    out: list[Block] = [title_block(ctx, "response-plan")]
    opening: list[Block] = []
    if d.introduction and d.introduction.strip():
        opening += note_blocks(ctx.note(d.introduction))
    opening += _recommendation(ctx, None)
    if opening:
        out.append(Heading(ctx.words("Introduction")))
        out += opening
    for item in d.items:
        out.append(Heading(numbered_title(ctx, item), heading_level(ctx.data, item)))
        out += _recommendation(ctx, item.id)
    if (nxt := next_meeting(ctx)) is not None:
        out += [Heading(ctx.words("Next meeting")), Paragraph(nxt)]
    return out


def _recommendation(ctx: Ctx, item_id: int | None) -> list[Block]:
    d = ctx.data
    out: list[Block] = []
    out += _narrative(ctx, item_id)
    actions = item_actions(d, item_id)
    if actions:
        header = tuple(ctx.words(h) for h in HEADER)
        out.append(Table(header, follow_up_rows(ctx, actions), WIDTHS))
    reviews = item_reviews(d, item_id)
    if reviews:
        out.append(Paragraph(ctx.words("Progress on earlier actions:"), "label"))
        out.append(BulletList(tuple(review_md(ctx, r) for r in reviews)))
    return out


_LIST_POINT = re.compile(r"^(?:([-•*])|(\d{1,3})[.)])\s+(\S.*)$", re.S)


def _narrative(ctx: Ctx, item_id: int | None) -> list[Block]:
    """The item's points in typed order; runs of list-line points as lists."""
    out: list[Block] = []
    items: list[str] = []
    kind, start = "", 1

    def flush() -> None:
        if items:
            block = BulletList(tuple(items)) if kind == "bullet" else None
            out.append(block or NumberedList(tuple(items), start))
            items.clear()

    for e in item_entries(ctx.data, item_id):
        if opens_list(e):
            flush()
            kind = ""
            out += entry_blocks(ctx, e)
            continue
        text = entry_md(ctx, e)
        m = _LIST_POINT.match(text) if e.kind == "point" and not e.label else None
        if m is None or ctx.speaker(e):
            flush()
            kind = ""
            out += entry_blocks(ctx, e)
            continue
        this = "bullet" if m.group(1) else "number"
        if this != kind:
            flush()
            kind, start = this, int(m.group(2) or 1)
        items.append(m.group(3).strip())
    flush()
    return out


def follow_up_rows(ctx: Ctx, actions: list[ActionData]) -> tuple[Row, ...]:
    out: list[Row] = []
    group: str | None = None
    for a in actions:
        title = ctx.plain(a.group).strip() or None
        if title and title != group:
            out.append(GroupRow(title))
        group = title
        leads = owners_md(ctx.owners(a.owners))
        out.append((_action_cell(ctx, a), leads, ctx.note(a.comments), _components(ctx, a)))
    return tuple(out)


def _action_cell(ctx: Ctx, a: ActionData) -> str:
    lines = [f"{a.number}. {ctx.note(a.text)}"]
    if when := when_words(ctx, a):
        lines.append(f"*{ctx.words('Timeframe:')}* {escape_inline(when)}")
    return "\n".join(lines)


def _components(ctx: Ctx, a: ActionData) -> str:
    lines = []
    for sub in a.sub_items:
        line = f"• {ctx.note(sub.text)}"
        if timeframe := ctx.plain(sub.timeframe).strip():
            line += f" — {escape_inline(timeframe)}"
        if leads := ctx.owners(sub.owners):
            line += f" [*{owners_md(leads)}*]"
        lines.append(line)
    return "\n".join(lines) or "—"
