"""Minutes: an item's narrative paragraphs, then its DISCUSSION bullets (attributed points,
decisions, key messages in typed order), then its reviews and follow-up actions."""

from __future__ import annotations

import re

from minutes_tui.domain.snapshot import EntryData
from minutes_tui.record.common import (
    Ctx,
    details,
    entry_blocks,
    entry_md,
    heading_level,
    item_entries,
    list_block,
    list_items,
    next_meeting,
    numbered_title,
    one_line,
    opens_list,
    reviews_and_actions,
)
from minutes_tui.record.marks import entry_mark
from minutes_tui.record.model import (
    Block,
    BulletList,
    Heading,
    Paragraph,
    TitleBlock,
    escape_inline,
)
from minutes_tui.record.notes import note_blocks
from minutes_tui.record.styles.annex import IN_ROOM, annex
from minutes_tui.record.words import N_


def title(ctx: Ctx) -> str:
    name = ctx.plain(ctx.data.title).strip()
    date = ctx.words.long_date(ctx.data.date)
    if date:
        return ctx.words("Minutes - {title}, {date}").format(title=name, date=date)
    return ctx.words("Minutes - {title}").format(title=name)


def _is_discussion_mark(ctx: Ctx, e: EntryData) -> bool:
    """A `/l DISCUSSION:` line (in English or the record's language)."""
    label = (e.label or "").strip().rstrip(":").strip().casefold()
    return label in ("discussion", ctx.words("DISCUSSION:").rstrip(": \u00a0").casefold())


def _minutes_section(ctx: Ctx, item_id: int | None) -> list[Block]:
    """The item's entries in typed order. Narrative points are paragraphs; a `/l DISCUSSION:`
    line starts the DISCUSSION list, whose bullets are every entry after it (until another
    labelled paragraph); without one, attributed points, decisions and key messages are
    the bullets, where they were typed, under one DISCUSSION label."""
    d = ctx.data
    out: list[Block] = []
    bullets: list[str] = []
    marks: list[str | None] = []
    labelled = in_discussion = False

    def flush() -> None:
        if bullets:
            out.append(BulletList(tuple(bullets), tuple(marks)))
            bullets.clear()
            marks.clear()

    for e in item_entries(d, item_id):
        items = list_items(ctx, e)
        if opens_list(e):
            flush()
            out += entry_blocks(ctx, e)
            continue
        if _is_discussion_mark(ctx, e):
            if not labelled:  # the first attributed point may have opened it already
                flush()
                out.append(Paragraph(ctx.words("DISCUSSION:"), "label"))
            labelled = in_discussion = True
            if e.text.strip():
                bullets.append(one_line(ctx.note(e.text)))
                marks.append(entry_mark(e))
            out_items = list_block(ctx, items)
            if out_items:
                flush()
                out += out_items
            continue
        if e.label:
            in_discussion = False
        attributed = e.kind != "point" or bool(e.speaker and e.speaker.strip())
        if in_discussion or (attributed and not e.label):
            if not labelled:
                out.append(Paragraph(ctx.words("DISCUSSION:"), "label"))
                labelled = True
            bullets.append(one_line(entry_md(ctx, e)))
            marks.append(entry_mark(e))
            if items:
                flush()
                out += list_block(ctx, items)
            continue
        flush()
        out += entry_blocks(ctx, e)
    flush()
    out += reviews_and_actions(ctx, item_id, N_("Follow-up actions:"))
    return out


def build(ctx: Ctx) -> list[Block]:
    d = ctx.data
    words = ctx.words
    facts = details(ctx)
    if any((p.attendance or "present") in IN_ROOM for p in d.participants):
        facts.append((words("Participants"), words("see list below")))
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
        out.append(Heading(words("Opening remarks")))
        out += opening
    for item in d.items:
        out.append(Heading(numbered_title(ctx, item), heading_level(ctx.data, item)))
        if item.presenters and item.presenters.strip():
            presenters = ctx.plain(item.presenters).strip()
            several = re.search(r";|\band\b|,", presenters) is not None
            word = words("Presenters:") if several else words("Presenter:")
            out.append(Paragraph(f"*{word} {escape_inline(presenters)}*"))
        out += _minutes_section(ctx, item.id)
    if (nxt := next_meeting(ctx)) is not None:
        out += [Heading(words("Next Meeting")), Paragraph(nxt)]
    out += annex(ctx, words("Participants"))
    return out
