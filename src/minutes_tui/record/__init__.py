"""The record of a meeting: a builder (MeetingData → Record) and its renderers.

`import minutes_tui.record` stays light: python-docx is imported only by `render_docx`
when a Word document is written, and the store is never queried here. Writing files is
`minutes_tui.record.export` (`export`, `default_export_path`, `ExportError`), safely
through `minutes_tui.record.safe_write`; neither is re-exported here, so
`minutes_tui.record.export` always names that module.
"""

from __future__ import annotations

from typing import Any

from minutes_tui.record.builder import STYLES, build_record, build_register_record
from minutes_tui.record.markdown import render_markdown
from minutes_tui.record.model import (
    ActionItem,
    ActionList,
    Block,
    BulletList,
    GroupRow,
    Heading,
    LabelledRow,
    LabelledRows,
    NumberedList,
    Paragraph,
    Record,
    SubItem,
    Table,
    TitleBlock,
    escape_inline,
)

__all__ = [
    "STYLES",
    "ActionItem",
    "ActionList",
    "Block",
    "BulletList",
    "GroupRow",
    "Heading",
    "LabelledRow",
    "LabelledRows",
    "NumberedList",
    "Paragraph",
    "Record",
    "SubItem",
    "Table",
    "TitleBlock",
    "build_record",
    "build_register_record",
    "escape_inline",
    "render_docx",
    "render_markdown",
]


def render_docx(record: Record, path_or_stream: Any) -> None:
    """Write `record` as a Word document (imports python-docx on first use)."""
    from minutes_tui.record.docx import render_docx as _render

    _render(record, path_or_stream)
