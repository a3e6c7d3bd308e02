"""The summary record: the narrative of each item, its reviews and follow-up actions.

`summary-status` is the same record with, where an item reviewed actions, the status
table (Action Point | Lead | Status | Progress Overview, under topic rows) in place of
the review bullets: a results group's record reviewing its policy group's action points.
"""

from __future__ import annotations

from minutes_tui.domain.snapshot import ItemData
from minutes_tui.record.common import (
    Ctx,
    clean_text,
    entry_blocks,
    grouped_actions,
    heading_level,
    is_aob,
    is_numeric,
    item_actions,
    item_entries,
    item_reviews,
    next_meeting,
    numbered_title,
    reviews_and_actions,
    title_block,
)
from minutes_tui.record.model import Block, Heading, Paragraph
from minutes_tui.record.notes import note_blocks
from minutes_tui.record.styles.actions import review_table
from minutes_tui.record.styles.annex import annex


def _summary_heading(ctx: Ctx, item: ItemData) -> str:
    words = ctx.words
    if is_aob(item):
        return words("AOB")
    label = clean_text(item.label).strip()
    title = ctx.plain(item.title).strip()
    if ctx.data.heading_form == "session" and is_numeric(label):
        if title:
            return words("SESSION {label}: {title}").format(label=label, title=title.upper())
        return words("SESSION {label}").format(label=label)
    return numbered_title(ctx, item)


def build_with_status(ctx: Ctx) -> list[Block]:
    """The summary record, with the status table where an item reviewed actions."""
    return build(ctx, status_table=True)


def _reviews_and_actions(ctx: Ctx, item_id: int | None, status_table: bool) -> list[Block]:
    if not status_table:
        return reviews_and_actions(ctx, item_id)
    out = review_table(ctx, item_reviews(ctx.data, item_id))
    actions = item_actions(ctx.data, item_id)
    if actions:
        out += [Paragraph(ctx.words("Follow-Up Actions:"), "label")]
        out += grouped_actions(ctx, actions)
    return out


def build(ctx: Ctx, status_table: bool = False) -> list[Block]:
    d = ctx.data
    out: list[Block] = [title_block(ctx, "summary", session_upper=True)]
    opening: list[Block] = []
    if d.introduction and d.introduction.strip():
        opening += note_blocks(ctx.note(d.introduction))
    for e in item_entries(d, None):
        opening += entry_blocks(ctx, e)
    opening += _reviews_and_actions(ctx, None, status_table)
    if opening:
        out.append(Heading(ctx.words("INTRODUCTION")))
        out += opening
    for item in d.items:
        out.append(Heading(_summary_heading(ctx, item), heading_level(d, item)))
        for e in item_entries(d, item.id):
            out += entry_blocks(ctx, e)
        out += _reviews_and_actions(ctx, item.id, status_table)
    out += annex(ctx, ctx.words("ANNEX: PARTICIPANTS LIST"))
    if (nxt := next_meeting(ctx)) is not None:
        out += [Heading(ctx.words("NEXT MEETING")), Paragraph(nxt)]
    return out
