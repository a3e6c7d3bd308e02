"""The Record: a meeting laid out as a plain document tree, ready for any renderer.

Frozen dataclasses only; no I/O, no database, no third-party imports. The builder
(`builder.py`) makes a Record from a `MeetingData`; `markdown.py` and `docx.py` lay it out.

Two kinds of text live in a Record, and every field says which it holds:

- **plain** text (headings, the title block, table headers, owners, labels) is shown
  exactly as written; a renderer escapes it as its format needs;
- **inline Markdown** (paragraphs, list items, table cells, annex values) may hold
  `**bold**`, `*italic*`, `` `code` ``, `[links](https://…)`, and nothing else: block
  structure (headings, lists, quotes) is never read from it. A `"\\n"` inside it is a line
  break (in a table cell: a new line in the cell, shown as a space in a Markdown table).

Use `escape_inline` to put plain text into an inline-Markdown field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
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
    "escape_inline",
]


@dataclass(frozen=True)
class TitleBlock:
    """The top of the first page.

    kicker: the body or series, shown small above the title ("IASC OPAG"); plain.
    title: the document title; plain.
    lines: short lines under the title (session, date, record type); plain.
    details: labelled facts ("Chair", "Place", …): (label plain, value inline Markdown).
    """

    title: str
    kicker: str | None = None
    lines: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Heading:
    """A section heading; `text` is plain. Level 1 is a top section (Word "Heading 1")."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of inline Markdown.

    role "body": narrative text; "label": a short bold lead line that belongs with what
    follows ("Follow-Up Actions:", "DISCUSSION:"), kept on the same page as it.
    """

    text: str
    role: Literal["body", "label"] = "body"
    mark: str | None = None  # what it was made from ("entry:42"): see `Record`


@dataclass(frozen=True)
class BulletList:
    """Bulleted items, each inline Markdown."""

    items: tuple[str, ...]
    marks: tuple[str | None, ...] = ()  # each item's mark, when it has one


@dataclass(frozen=True)
class NumberedList:
    """Numbered items (inline Markdown), numbered from `start`: 1. 2. 3., or (i) (ii) (iii),
    or (a) (b) (c) as the rapporteur typed them."""

    items: tuple[str, ...]
    start: int = 1
    numbering: Literal["decimal", "roman", "alpha"] = "decimal"
    marks: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class SubItem:
    """A sub-item (component action) of a follow-up action: text inline Markdown, owners
    and timeframe plain ("Q2 2021", printed as typed)."""

    text: str
    owners: tuple[str, ...] = ()
    timeframe: str | None = None


@dataclass(frozen=True)
class ActionItem:
    """A follow-up action as the record shows it.

    number: the action's number across the whole meeting (1, 2, … continuing item to item).
    text: inline Markdown. owners: plain names ("RG1 sub-group on data responsibility").
    due: plain, ready to print ("by 31 August 2020"); status: plain words or None.
    ref: the register's reference ("#12"), plain, when the style shows it.
    """

    number: int
    text: str
    owners: tuple[str, ...] = ()
    due: str | None = None
    status: str | None = None
    sub_items: tuple[SubItem, ...] = ()
    ref: str | None = None
    mark: str | None = None


@dataclass(frozen=True)
class ActionList:
    """Follow-up actions, shown as a numbered list with each action's own number."""

    actions: tuple[ActionItem, ...]


@dataclass(frozen=True)
class GroupRow:
    """A table row across every column naming the group of the rows under it (plain):
    a topic, a priority area, a part of a recommendation."""

    text: str


Row = tuple[str, ...] | GroupRow


@dataclass(frozen=True)
class Table:
    """A table with one header row (plain) and body rows (inline Markdown cells) or group
    rows.

    widths: relative column widths (e.g. (1, 6, 2)), or None for equal columns.
    merge_first: equal first cells of consecutive rows are one cell (the priority area
    spanning its deliverables): merged in Word, written on its first row only in Markdown.
    wide: the table needs a landscape page (Word puts it, with its heading, on one).
    """

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[int, ...] | None = None
    merge_first: bool = False
    wide: bool = False


@dataclass(frozen=True)
class LabelledRow:
    """One row of the participants annex: a plain label ("UNICEF", "OPAG Co-Chair")
    and one or more values (inline Markdown), each on its own line."""

    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class LabelledRows:
    """Rows grouped under labels (the annex); `header` names the two columns, if shown."""

    rows: tuple[LabelledRow, ...]
    header: tuple[str, str] | None = None


Block = (
    TitleBlock | Heading | Paragraph | BulletList | NumberedList | ActionList | Table | LabelledRows
)


@dataclass(frozen=True)
class Record:
    """A whole record.

    style: "summary" | "minutes" | "actions" | "workplan" | "response-plan".
    title: plain, for document properties. author: plain (the rapporteur, or "minutes-tui").
    date: the meeting date, if known. page_label: the label every page carries in its
    header ("RESTRICTED · DRAFT"). redacted: personal names were replaced. language: the
    meeting's language code, which the renderers' fixed words and direction follow.

    A paragraph or item made from one stored row carries a `mark` ("entry:42",
    "action:7"): the Word renderer bookmarks it, so a draft returned with tracked changes
    maps each paragraph back to its row (circulation/incorporate.py). Other renderers
    ignore marks.
    """

    style: str
    title: str
    author: str
    date: dt.date | None
    page_label: str
    blocks: tuple[Block, ...]
    redacted: bool = False
    language: str = "en"  # the meeting's (domain/language.py): fixed words, dates, direction


# ---- plain text → inline Markdown ---------------------------------------------------

_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<~]|&(?=#?\w+;)")


def escape_inline(text: str) -> str:
    """Plain text as inline Markdown that reads back as exactly that text.

    Escapes only what inline Markdown would otherwise read (emphasis, code, links, HTML,
    entities), so ordinary names and titles stay readable in a plain-text email.
    """
    if not text:
        return ""
    return _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
