"""Minutes: an item's narrative paragraphs, then its DISCUSSION bullets (attributed points,
decisions, key messages in typed order), then its reviews and follow-up actions."""

from __future__ import annotations

import re

from minutes_tui.display import long_date
from minutes_tui.record.common import (
    Ctx,
    details,
    entry_md,
    item_entries,
    next_meeting,
    note_blocks,
    numbered_title,
    one_line,
    reviews_and_actions,
)
from minutes_tui.record.model import (
    Block,
    BulletList,
    Heading,
    Paragraph,
    TitleBlock,
    escape_inline,
)
from minutes_tui.record.styles.annex import IN_ROOM, annex


def title(ctx: Ctx) -> str:
    name = ctx.plain(ctx.data.title).strip()
    date = long_date(ctx.data.date)
    return f"Minutes - {name}, {date}" if date else f"Minutes - {name}"


def _minutes_section(ctx: Ctx, item_id: int | None) -> list[Block]:
    d = ctx.data
    out: list[Block] = []
    discussion: list[str] = []
    for e in item_entries(d, item_id):
        if e.kind == "point" and not (e.speaker and e.speaker.strip()):
            out += note_blocks(entry_md(ctx, e))
        else:
            discussion.append(one_line(entry_md(ctx, e)))
    if discussion:
        out.append(Paragraph("DISCUSSION:", "label"))
        out.append(BulletList(tuple(discussion)))
    out += reviews_and_actions(ctx, item_id, "Follow-up actions:")
    return out


def build(ctx: Ctx) -> list[Block]:
    d = ctx.data
    facts = details(ctx)
    if any((p.attendance or "present") in IN_ROOM for p in d.participants):
        facts.append(("Participants", "see list below"))
    lines = [ctx.plain(d.session).strip()]
    out: list[Block] = [
        TitleBlock(
            title=title(ctx),
            kicker=ctx.plain(d.body).strip() or None,
            lines=tuple(x for x in lines if x),
            details=tuple(facts),
        )
    ]
    if d.introduction and d.introduction.strip():
        out += note_blocks(ctx.note(d.introduction))
    opening = _minutes_section(ctx, None)
    if opening:
        out.append(Heading("Opening remarks"))
        out += opening
    for item in d.items:
        out.append(Heading(numbered_title(ctx, item)))
        if item.presenters and item.presenters.strip():
            presenters = ctx.plain(item.presenters).strip()
            several = re.search(r";|\band\b|,", presenters) is not None
            word = "Presenters" if several else "Presenter"
            out.append(Paragraph(f"*{word}: {escape_inline(presenters)}*"))
        out += _minutes_section(ctx, item.id)
    if (nxt := next_meeting(ctx)) is not None:
        out += [Heading("Next Meeting"), Paragraph(nxt)]
    out += annex(ctx, "Participants")
    return out
