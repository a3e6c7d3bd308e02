"""A record as a list of blocks (headings, paragraphs, list items, tables), and the
reader that makes them from plain text or Markdown (a `.txt`, a `.md`, `pdftotext` output).

The Word reader (`minutes_tui.reading.record_files`) makes the same blocks, so one recogniser
reads every format. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from minutes_tui.importer.layout import find_tables

BlockKind = Literal["heading", "para", "item", "table"]


@dataclass
class Block:
    kind: BlockKind
    text: str = ""
    level: int = 0  # a heading's level; a list item's depth (0 = top)
    numbered: bool = False  # a numbered list item
    number: int | None = None  # the number written before it, when there is one
    lead: str | None = None  # a bold lead-in ("Decision", "Key message"), without its colon
    bold: bool = False  # the whole paragraph is bold (a heading typed as bold text)
    italic: bool = False  # ... and italic too (a topic row: ***LOCALIZATION***)
    style: str = ""  # the Word style name, when read from Word ("Title", "Subtitle")
    rows: list[list[str]] = field(default_factory=list)
    line: int = 0  # where it starts in the source (line, or paragraph number in Word)

    def where(self) -> str:
        return f"line {self.line}" if self.line else "?"


_HEADING_RE = re.compile(r"(#{1,6}) +(.*)")  # "#\tAction": a table's "#" column, not a heading
LIST_RE = re.compile(
    # \uf0b7 and its kin: a Symbol-font bullet as pdftotext prints it
    r"(?P<indent>[ \t]*)(?P<marker>[-*•·▪◦‣\uf0b7\uf0a7\uf0d8]|(?P<num>[0-9]{1,3})[.)]"
    r"|\((?P<roman>[ivx]{1,5})\)"
    r"|\((?P<alpha>[a-z])\))\s+(?=\S)"
)
_TABLE_SEPARATOR_RE = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?")
_BOOKMARK_RE = re.compile(r"\[bookmark: [^\]]*\]")
_BOLD_LEAD_RE = re.compile(r"\*\*([^*\n]{1,80}?):\*\*\s*(.*)", re.S)
_WHOLE_BOLD_RE = re.compile(r"(\*{2,3})([^*\n]+?)\1")
_NUMBER_CELL_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3})*\.?")
# "Chair: X" and "MIMU – text" start a line of their own, never continue a paragraph
_FIELD_LINE_RE = re.compile(
    r"[A-Z][\w /&-]{0,30}:\s|[A-Z][\w-]{1,15}\s+[–—]\s|[A-Z][A-Z-]{1,15}\s+-\s"
    r"|[À-Ý\u0600-\u06ff][\w /&'’-]{0,30}:\s"  # "Échéance : …", "المكان: …"
)
# a recommendation, a page's furniture: a line of its own, never a wrapped line's end
_OWN_LINE_RE = re.compile(
    r"(?i)(recommendation\s+[0-9]+(\.[0-9]+)*\s*:|page\s+[0-9]+(\s+of\s+[0-9]+)?$|draft\b)"
)
# The lines that wrap a right-to-left record in our Markdown: layout, not text.
_DIRECTION_TAG_RE = re.compile(r'(?i)<div\s+dir="?(?:rtl|ltr|auto)"?\s*>|</div\s*>')
_WRAP_WIDTH = 130  # hard-wrapped text is narrower than this
_ENDS_SENTENCE = (".", ":", ";", "!", "?", '"', "”", ")")


def _clean(line: str) -> str:
    return _BOOKMARK_RE.sub("", line).replace("\u00a0", " ").rstrip()


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _continued(row: list[str]) -> bool:
    """A row that continues the one above (cells wrapped over lines): its first cell is
    empty, or it is the only one filled and starts in lower case (a topic row is bold)."""
    if not any(row):
        return False
    return not row[0] or (not any(row[1:]) and row[0][:1].islower())


def _merge_continued(rows: list[list[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) if len(r) > 1 else r for r in rows]  # tab runs vary
    for row in rows:
        if out and len(out) > 1 and _continued(row) and len(row) == len(out[-1]):
            out[-1] = [f"{a} {b}".strip() for a, b in zip(out[-1], row, strict=True)]
        else:
            out.append(row)
    return out


def _para(text: str, line: int) -> Block:
    text = text.strip()
    if (m := _WHOLE_BOLD_RE.fullmatch(text)) is not None:
        return Block("para", m.group(2).strip(), bold=True, italic=len(m.group(1)) == 3, line=line)
    if (m := _BOLD_LEAD_RE.fullmatch(text)) is not None:
        return Block("para", m.group(2).strip(), lead=m.group(1).strip(), line=line)
    return Block("para", text, line=line)


def _item(m: re.Match[str], rest: str, line: int) -> Block:
    indent = len(m.group("indent").expandtabs(4))
    number = int(m.group("num")) if m.group("num") else None
    numbered = number is not None or bool(m.group("roman") or m.group("alpha"))
    block = _para(rest, line)
    level = 0 if indent == 0 else 1 + (indent - 1) // 4  # "   - sub" (3 spaces) is one level in
    block.kind, block.level, block.numbered, block.number = "item", level, numbered, number
    return block


def read_text(text: str) -> list[Block]:
    """Blocks from plain text or Markdown: hard-wrapped lines joined into paragraphs,
    `|` and tab tables (a wrapped cell's lines merged), lists, `#` headings, bold lead-ins."""
    lines = [_clean(x) for x in re.split(r"\r\n|\r|\n", text)]
    tables = {r.start: r for r in find_tables(lines)}
    lines = [x.replace("\f", "") for x in lines]
    blocks: list[Block] = []
    n = 0
    while n < len(lines):
        line, start = lines[n], n + 1
        if (region := tables.get(n)) is not None:  # a table laid out by columns
            blocks.append(Block("table", rows=region.rows, line=start))
            n = region.end
            continue
        stripped = line.strip()
        if not stripped or _DIRECTION_TAG_RE.fullmatch(stripped):
            n += 1
            continue
        if (h := _HEADING_RE.fullmatch(stripped)) is not None:
            title = h.group(2).strip().strip("*").strip()
            blocks.append(Block("heading", title, level=len(h.group(1)), line=start))
            n += 1
            continue
        if stripped.startswith("|"):
            rows = []
            while n < len(lines) and lines[n].strip().startswith("|"):
                if not _TABLE_SEPARATOR_RE.fullmatch(lines[n].strip()):
                    rows.append([c.strip("*").strip() for c in _cells(lines[n])])
                n += 1
            blocks.append(Block("table", rows=_merge_continued(rows), line=start))
            continue
        if "\t" in line and (line.startswith("\t") or "\t" in stripped):
            n = _tab_block(lines, n, blocks)
            continue
        if (m := LIST_RE.match(line)) is not None:
            parts = [line[m.end() :].strip()]
            n += 1
            while (
                n < len(lines)
                and lines[n].strip()
                and n not in tables
                and _continues(lines[n], lines[n - 1])
            ):
                parts.append(lines[n].strip())
                n += 1
            blocks.append(_item(m, " ".join(parts), start))
            continue
        parts = [stripped]
        n += 1
        while (
            n < len(lines)
            and lines[n].strip()
            and n not in tables
            and _continues(lines[n], lines[n - 1])
        ):
            parts.append(lines[n].strip())
            n += 1
        blocks.append(_para(" ".join(parts), start))
    return _join_broken(blocks)


def _continues(line: str, above: str = "") -> bool:
    """Does this non-blank line continue the paragraph above (a hard wrap)? Not after a
    long line that ends a sentence: text copied from Word has one paragraph a line."""
    s = line.strip()
    if len(above) > _WRAP_WIDTH and above.rstrip().endswith((".", "!", "?", ":")):
        return False
    if _heading_above(above, s) or (above.rstrip().endswith("]") and s[:1].isupper()):
        return False  # an owner in brackets ends an action point
    return not (
        LIST_RE.match(line)
        or _HEADING_RE.fullmatch(s)
        or s.startswith("|")
        or "\t" in line
        or _FIELD_LINE_RE.match(s)
        or _OWN_LINE_RE.match(s)
        or _OWN_LINE_RE.match(above.strip())
    )


def _heading_above(above: str, line: str) -> bool:
    """A short line, then a much longer one in capitals: a heading (or a title) over its
    first paragraph, as a PDF's text puts them with no blank line between; or a short
    list item, then a line in capitals: the paragraph after the list."""
    top = LIST_RE.sub("", above, count=1).strip()
    if not top or top.endswith((*_ENDS_SENTENCE, ",")) or not line[:1].isupper():
        return False
    if LIST_RE.match(above) and len(top) < 60:
        return True
    return len(top) < 50 and len(line) > max(50, 1.6 * len(top))


def _tab_block(lines: list[str], n: int, blocks: list[Block]) -> int:
    """Tab-separated lines: a table, or (text copied out of a Word table of agenda items)
    a number cell and a title cell on two lines, which is a numbered heading."""
    start = n + 1
    rows: list[list[str]] = []
    while n < len(lines) and "\t" in lines[n] and lines[n].strip():
        rows.append([c.strip() for c in lines[n].split("\t")])
        n += 1
    cells = [[c for c in row if c] for row in rows]
    if len(cells) >= 1 and len(cells[0]) == 1 and _NUMBER_CELL_RE.fullmatch(cells[0][0]):
        label = cells[0][0].rstrip(".")
        if len(cells) >= 2 and len(cells[1]) == 1:
            blocks.append(Block("heading", f"{label} {cells[1][0]}", level=2, line=start))
            rest = cells[2:]
        elif n < len(lines) and lines[n].strip():  # the title on the next (untabbed) line
            blocks.append(Block("heading", f"{label} {lines[n].strip()}", level=2, line=start))
            return n + 1
        else:
            blocks.append(Block("heading", label, level=2, line=start))
            rest = cells[1:]
        for row in rest:
            blocks.append(_para(" ".join(row), start))
        return n
    blocks.append(Block("table", rows=_merge_continued(rows), line=start))
    return n


def _join_broken(blocks: list[Block]) -> list[Block]:
    """A paragraph broken by a page (PDF text): a paragraph that starts in lower case after
    one that ends mid-sentence is the same paragraph."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and b.kind == "para"
            and prev.kind in ("para", "item")
            and not b.lead
            and not b.bold
            and b.text[:1].islower()
            and not prev.text.rstrip().endswith(_ENDS_SENTENCE)
        ):
            prev.text = f"{prev.text.rstrip()} {b.text}"
            continue
        out.append(b)
    return out
