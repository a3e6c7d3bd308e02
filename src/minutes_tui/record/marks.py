"""Which stored row a paragraph of the record was made from (`Record`'s marks): the Word
renderer bookmarks it (docx_marks.py), so a returned draft maps back to its rows. Pure."""

from __future__ import annotations

from dataclasses import replace

from minutes_tui.domain.snapshot import EntryData
from minutes_tui.record.model import Block, BulletList, NumberedList, Paragraph


def entry_mark(e: EntryData) -> str:
    """The mark of the paragraphs an entry makes."""
    return f"entry:{e.id}"


def marked(blocks: list[Block], mark: str | None) -> list[Block]:
    """One row's blocks, each paragraph and list item carrying the row's mark."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append(replace(b, mark=mark))
        elif isinstance(b, BulletList | NumberedList):
            out.append(replace(b, marks=(mark,) * len(b.items)))
        else:
            out.append(b)
    return out
