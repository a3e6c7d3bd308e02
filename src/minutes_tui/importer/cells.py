"""Table cells as records fill them: the header row among title rows, a row whose cells
hold one paragraph a deliverable (a stacked workplan), a status cell that goes on with a
note, a lead cell naming several organisations, HTML pasted from a web form. Pure."""

from __future__ import annotations

import html
import re

from minutes_tui.domain.vocabulary import ActionStatus
from minutes_tui.importer.blocks import Block
from minutes_tui.importer.languages import english_column, status_of

# what a header cell names (a row naming two of them is the header row)
COLUMN_WORDS = (
    "action",
    "deliverable",
    "lead",
    "responsib",
    "owner",
    "partner",
    "status",
    "progress",
    "comment",
    "timeframe",
    "timeline",
    "deadline",
    "due",
    "priority",
    "recommendation",
    "organi",
    "participant",
    "name",
    "component",
)
_TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_ITEM_TAGS = {"li"}
_LIST_ENDS = {"li", "ul", "ol"}
_BLOCK_TAGS = {"p", "div", "br", "ul", "ol", "tr", "h1", "h2", "h3", "h4"}


def header_at(rows: list[list[str]]) -> int:
    """The header row: the first of the first three rows naming two columns or more."""
    for n, row in enumerate(rows[:3]):
        named = sum(
            1
            for c in row
            if any(w in english_column(c).casefold() for w in COLUMN_WORDS) and len(c) < 60
        )
        if named >= 2:
            return n
    return 0


_FIELD_LINE = re.compile(r"\*?(?:Lead|Timeframe|Comments):")


def unstack(row: list[str], text_at: int | None) -> list[list[str]]:
    """A row whose action cell holds several paragraphs, with as many in another cell
    (its leads or timeframes): one row a paragraph, each cell's paragraph in turn; a cell
    with another count is given to every row. Otherwise the paragraphs are joined."""
    parts = [[p.strip() for p in c.split("\n") if p.strip()] for c in row]
    if text_at is None or text_at >= len(row):
        return [[" ".join(p) for p in parts]]
    count = len(parts[text_at])
    matched = [n for n, p in enumerate(parts) if n != text_at and len(p) == count]
    # An action's own fields under it ("Timeframe: Q3 2021", a response plan's) are one
    # action, whatever another cell holds (its component actions, one a paragraph).
    fields = any(_FIELD_LINE.match(p) for p in parts[text_at][1:])
    if count < 2 or not matched or fields:
        return [[" ".join(p) for p in parts]]
    first = [" ".join(p) for p in parts]  # unmatched cells (a priority area) on the first
    out = []
    for k in range(count):
        out.append(
            [p[k] if len(p) == count else (first[n] if k == 0 else "") for n, p in enumerate(parts)]
        )
    return out


def status_cell(cell: str) -> tuple[ActionStatus | None, str]:
    """'Ongoing' → (in progress, ''); 'Completed – shared on 3 May' → (completed, 'shared
    on 3 May'); 'En cours' in a French record; a cell not opening with a status word →
    (None, the cell)."""
    text = cell.strip()
    words = text.split()
    for n in (2, 1):
        head = " ".join(words[:n]).rstrip(".,:;–—-()")
        if (status := status_of(head)) is not None:
            rest = " ".join(words[n:]).strip(" .,:;–—-")
            return status, rest
    return None, text


def leads(cell: str) -> list[str]:
    """'UNHCR / NRC', 'IOM; UNHCR', 'WFP, FAO' → each organisation; a longer phrase with a
    comma ('Save the Children, UNICEF') too, when every part is short."""
    cell = " ".join(cell.split())
    for sep in (r"\s*;\s*", r"\s+/\s+|/", r"\s*,\s*|\s+and\s+|\s*&\s*"):
        parts = [p.strip(" .") for p in re.split(sep, cell) if p.strip(" .")]
        if len(parts) > 1 and all(len(p.split()) <= 4 and p[:1].isupper() for p in parts):
            return parts
    return [cell] if cell else []


def has_html(text: str) -> bool:
    return _TAG_RE.search(text) is not None


def html_text(text: str) -> tuple[str, list[str]]:
    """HTML pasted into a record → (its text, its list items). Tags go, their words stay:
    '<p>Agree a framework</p>' → 'Agree a framework'; '<ul><li>a</li><li>b</li></ul>' →
    ('', ['a', 'b'])."""
    text = re.sub(r"<\s*/?\s*(?:p|li|ul|ol|i|b|em)\s*$", " ", text)  # a tag broken off
    out: list[str] = []
    items: list[str] = []
    in_item = False
    pos = 0
    for m in [*_TAG_RE.finditer(text), None]:
        piece = text[pos : m.start() if m else len(text)]
        if in_item:
            items[-1] += piece
        else:
            out.append(piece)
        if m is None:
            break
        closing, tag = m.group(1), m.group(2).casefold()
        if tag in _ITEM_TAGS and not closing:
            items.append("")
        in_item = (tag in _ITEM_TAGS and not closing) or (in_item and tag not in _LIST_ENDS)
        if tag in _BLOCK_TAGS and not in_item:
            out.append(" ")
        pos = m.end()
    clean = [" ".join(html.unescape(i).split()) for i in items]
    return " ".join(html.unescape("".join(out)).split()), [i for i in clean if i]


def unhtml(blocks: list[Block]) -> list[Block]:
    """HTML pasted into a paragraph: its text, and its <li> items as list items."""
    out: list[Block] = []
    for b in blocks:
        if b.kind == "table" or not has_html(b.text):
            out.append(b)
            continue
        text, items = html_text(b.text)
        if text:
            b.text = text
            out.append(b)
        out += [Block("item", item, level=b.level, line=b.line) for item in items]
    return out
