"""Record → CommonMark (with GitHub-style pipe tables), readable as plain text in an email.

Inline Markdown typed in notes (bold, italics, code, links) is kept as Markdown. What the
record holds as text never turns into structure by accident: a line that Markdown would
read as a heading, list, quote, fence, rule, table delimiter or link definition is escaped
at its start, and raw HTML tags are escaped (outside code spans).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from minutes_tui.domain.language import is_right_to_left
from minutes_tui.record.model import (
    ActionItem,
    ActionList,
    Block,
    BulletList,
    GroupRow,
    Heading,
    LabelledRows,
    NumberedList,
    Paragraph,
    Record,
    Row,
    Table,
    TitleBlock,
    escape_inline,
)
from minutes_tui.record.words import Words, words_for

__all__ = ["render_markdown", "safe_lines"]


# ---- keeping text out of block structure ------------------------------------------

_LINE_STARTS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    # ATX heading, block quote, bullet, fence, link reference definition: escape the 1st char
    (
        re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|`{3,}|~{3,}|\[[^\]]*\]:)"),
        lambda m: "\\" + m.group(0),
    ),
    # ordered list "1." / "1)": escape the delimiter
    (re.compile(r"^(\d{1,9})([.)])(?=\s|$)"), lambda m: f"{m.group(1)}\\{m.group(2)}"),
    # thematic break, setext underline, table delimiter row
    (
        re.compile(r"^(?:(?:[-*_]\s*){3,}|-+\s*|=+\s*|\|?\s*:?-+:?\s*(?:\|\s*:?-*:?\s*)*\|?\s*)$"),
        lambda m: "\\" + m.group(0),
    ),
)
_AUTOLINK = r"[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>|[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*>"
_HTML_LT = re.compile(rf"(\\*)<(?=[A-Za-z/!?])(?!{_AUTOLINK})")
_CODE_OR_ESCAPE = re.compile(r"\\.|`+", re.S)
# A link whose target a Markdown viewer would run or open locally stays visible text.
_UNSAFE_LINK = re.compile(
    r"(\\*)\[(?=[^\]\n]*\]\(\s*<?\s*(?:javascript|vbscript|data|file):)", re.I
)


def _escape_line_start(line: str) -> str:
    for pattern, fix in _LINE_STARTS:
        m = pattern.match(line)
        if m is not None:
            return fix(m) + line[m.end() :]
    return line


def _outside_code(text: str, fn: Callable[[str], str]) -> str:
    """Apply `fn` to the parts of `text` that are not inside `code spans`."""
    if "`" not in text:
        return fn(text)
    out: list[str] = []
    start = pos = 0
    n = len(text)
    while pos < n:
        m = _CODE_OR_ESCAPE.search(text, pos)
        if m is None:
            break
        if m.group(0)[0] == "\\":
            pos = m.end()
            continue
        run = m.group(0)
        close = re.compile(rf"(?<!`){run}(?!`)").search(text, m.end())
        if close is None:
            pos = m.end()
            continue
        out.append(fn(text[start : m.start()]))
        out.append(text[m.start() : close.end()])
        start = pos = close.end()
    out.append(fn(text[start:]))
    return "".join(out)


def _escape_html(text: str) -> str:
    """Raw HTML tags and links to scripts or local files as plain text."""
    if "<" not in text and ":" not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        slashes = m.group(1)
        mark = m.group(0)[-1]
        return slashes + (mark if len(slashes) % 2 else "\\" + mark)

    def escape(s: str) -> str:
        if "<" in s:
            s = _HTML_LT.sub(fix, s)
        if ":" in s and "](" in s:
            s = _UNSAFE_LINK.sub(fix, s)
        return s

    return _outside_code(text, escape)


def safe_lines(text: str) -> list[str]:
    """Inline Markdown as lines that Markdown reads as paragraph text only."""
    text = _escape_html(text)
    return [_escape_line_start(line.strip()) for line in text.split("\n") if line.strip()]


_PIPE = re.compile(r"(\\*)\|")


def _cell(text: str) -> str:
    """Inline Markdown as one pipe-table cell: one line, every `|` escaped. A list in the
    cell (lines that start with "• ") keeps a line an item, joined by `<br>`, the one
    line break a pipe table reads."""
    lines = [line.strip() for line in _escape_html(text).split("\n") if line.strip()]
    bullets = len(lines) > 1 and all(line.startswith("• ") for line in lines)
    text = ("<br>" if bullets else " ").join(lines)
    if "|" in text:
        text = _PIPE.sub(lambda m: m.group(1) + ("|" if len(m.group(1)) % 2 else "\\|"), text)
    return text or " "


# ---- blocks -----------------------------------------------------------------------


def _paragraph(text: str) -> str:
    return "\n".join(safe_lines(text))


def _list_item(marker: str, text: str) -> str:
    lines = safe_lines(text) or [""]
    pad = " " * len(marker)
    return "\n".join([f"{marker}{lines[0]}".rstrip(), *(pad + line for line in lines[1:])])


def _heading(text: str, level: int) -> str:
    text = escape_inline(" ".join(text.split()))
    text = re.sub(r"(\s)(#+)$", lambda m: m.group(1) + "\\" + m.group(2), text)
    return "#" * min(level + 1, 6) + " " + text


def _title_block(b: TitleBlock, words: Words) -> list[str]:
    out = []
    if b.kicker:
        out.append(_paragraph(escape_inline(b.kicker)))
    out.append("# " + escape_inline(" ".join(b.title.split())))
    out += [_paragraph(escape_inline(line)) for line in b.lines]
    out += [
        f"**{escape_inline(words.label(label))}** {_paragraph(value)}" for label, value in b.details
    ]
    return out


def _action(a: ActionItem, marker: str) -> str:
    text = a.text
    if a.owners:
        text += " [*" + "; ".join(escape_inline(o) for o in a.owners) + "*]"
    if a.due:
        text += " — " + escape_inline(a.due)
    if a.status:
        text += f" ({escape_inline(a.status)})"
    if a.ref:
        text += f" ({escape_inline(a.ref)})"
    lines = [_list_item(marker, text)]
    pad = " " * len(marker)
    for sub in a.sub_items:
        sub_text = sub.text
        if sub.owners:
            sub_text += " [*" + "; ".join(escape_inline(o) for o in sub.owners) + "*]"
        if sub.timeframe:
            sub_text += " — " + escape_inline(sub.timeframe)
        lines.append(_indent(_list_item("- ", sub_text), pad))
    return "\n".join(lines)


def _indent(text: str, pad: str) -> str:
    return "\n".join(pad + line for line in text.split("\n"))


def _action_list(b: ActionList) -> list[str]:
    """One ordered list while numbers run on; a gap starts a new list with the other
    delimiter ("." ↔ ")"), so every action keeps its own number when rendered."""
    lists: list[str] = []
    current: list[str] = []
    delim = "."
    previous: int | None = None
    for a in b.actions:
        if previous is not None and a.number != previous + 1:
            lists.append("\n".join(current))
            current = []
            delim = ")" if delim == "." else "."
        current.append(_action(a, f"{a.number}{delim} "))
        previous = a.number
    if current:
        lists.append("\n".join(current))
    return lists


def _table(header: tuple[str, ...], rows: tuple[Row, ...], merge_first: bool = False) -> str:
    """A pipe table. A group row is a row whose first cell is the group in bold; with
    `merge_first`, a first cell equal to the one above is left blank (a pipe table cannot
    merge cells, and the blank reads as "same as above")."""
    width = max([len(header), *(1 if isinstance(r, GroupRow) else len(r) for r in rows)])
    head = [_cell(escape_inline(h)) for h in header] + [" "] * (width - len(header))
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join([" --- "] * width) + "|"]
    above: str | None = None
    for row in rows:
        if isinstance(row, GroupRow):
            group = escape_inline(" ".join(row.text.split()))
            cells = [_cell(f"**{group}**" if group else "")] + [" "] * (width - 1)
            above = None
        else:
            cells = [_cell(c) for c in row] + [" "] * (width - len(row))
            if merge_first and row:
                cells[0] = " " if row[0] == above and row[0].strip() else cells[0]
                above = row[0]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _block(b: Block, words: Words) -> list[str]:
    if isinstance(b, TitleBlock):
        return _title_block(b, words)
    if isinstance(b, Heading):
        return [_heading(b.text, b.level)]
    if isinstance(b, Paragraph):
        text = _paragraph(b.text)
        if b.role == "label" and text:
            return ["**" + text.replace("\n", " ") + "**"]
        return [text] if text else []
    if isinstance(b, BulletList):
        return ["\n".join(_list_item("- ", item) for item in b.items)] if b.items else []
    if isinstance(b, NumberedList):
        if b.numbering != "decimal":  # CommonMark numbers in digits only: keep "(ii)"
            marks = [f"({_counter(b.start + i, b.numbering)}) " for i in range(len(b.items))]
            items = [
                _list_item("- " + mark, item) for mark, item in zip(marks, b.items, strict=True)
            ]
        else:
            items = [_list_item(f"{b.start + i}. ", item) for i, item in enumerate(b.items)]
        return ["\n".join(items)] if items else []
    if isinstance(b, ActionList):
        return _action_list(b)
    if isinstance(b, Table):
        return [_table(b.header, b.rows, b.merge_first)]
    if isinstance(b, LabelledRows):
        header = b.header or ("", "")
        rows = tuple((escape_inline(r.label), "; ".join(r.values)) for r in b.rows)
        return [_table(header, rows)]
    raise TypeError(f"not a record block: {type(b).__name__}")


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _counter(n: int, numbering: str) -> str:
    """The n-th counter of a list: "iv" (roman), "d" (alpha)."""
    if numbering == "alpha":
        out = ""
        while n > 0:
            n, rest = divmod(n - 1, 26)
            out = chr(ord("a") + rest) + out
        return out
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


# A right-to-left record (Arabic) sits in one HTML block that says so. The blank lines
# around the record keep it Markdown (CommonMark ends an HTML block at a blank line), so
# viewers that honour HTML (GitHub, GitLab, VS Code, pandoc) lay it out right to left and
# the rest show two lines of tags; the importer skips them (importer/blocks.py).
RTL_OPEN, RTL_CLOSE = '<div dir="rtl">', "</div>"


def render_markdown(record: Record) -> str:
    """The whole record as one Markdown document (ends with a newline)."""
    parts: list[str] = []
    words = words_for(record.language)
    if record.page_label:
        parts.append(f"**{escape_inline(record.page_label)}**")
    for block in record.blocks:
        parts.extend(p for p in _block(block, words) if p)
    if is_right_to_left(record.language):
        parts = [RTL_OPEN, *parts, RTL_CLOSE]
    return "\n\n".join(parts) + "\n"
