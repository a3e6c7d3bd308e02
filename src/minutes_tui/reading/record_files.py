"""Read a record file into blocks for the importer: Word (python-docx), Markdown and
plain text, PDF through `pdftotext` (poppler-utils) when it is installed.

The only part of the import that touches files; `minutes_tui.importer` stays pure.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.importer.blocks import LIST_RE, Block, read_text
from minutes_tui.reading.safe_read import (
    TEXT_LIMIT,
    WORD_LIMIT,
    FileRefused,
    read_limited,
    sha256_of,
)

if TYPE_CHECKING:
    from docx.document import Document

SUFFIXES = (".docx", ".md", ".markdown", ".txt", ".pdf")


class RecordFileError(FileRefused):
    """The file cannot be read as a record; the message says why, for the user."""


def sha256(path: Path) -> str:
    return sha256_of(path, WORD_LIMIT)


def read_source(path: Path) -> tuple[list[Block], str]:
    """The blocks, and the SHA-256 of the very bytes they were read from (the file is read
    once: hashing it again could meet a file changed or removed since).

    Raises FileRefused (a sentence for the user): every reader below checks the file
    first (`safe_read`: a regular file, under its kind's size limit)."""
    suffix = path.suffix.casefold()
    if suffix == ".pdf":
        from minutes_tui.reading.pdf import pdf_text

        text, digest = pdf_text(path)
        return read_text(text), digest
    if suffix not in SUFFIXES:
        raise RecordFileError(f"{path.name}: not a record file (.docx, .md, .txt or .pdf)")
    data = read_limited(path, WORD_LIMIT if suffix == ".docx" else TEXT_LIMIT)
    digest = hashlib.sha256(data).hexdigest()
    if suffix == ".docx":
        return read_docx(path, data), digest
    try:
        return read_text(data.decode("utf-8-sig")), digest
    except UnicodeDecodeError:
        try:
            return read_text(data.decode("cp1252")), digest
        except UnicodeDecodeError:
            raise RecordFileError(f"{path.name}: not a text file") from None


# ---- Word ------------------------------------------------------------------------------------

_HEADING_STYLE_RE = re.compile(r"(?i)heading\s*([1-9])")
_LIST_LEVEL_RE = re.compile(r"(?i)list\s+(?:bullet|number|paragraph|continue)\s*([2-9])?")


def read_docx(path: Path, data: bytes | None = None) -> list[Block]:
    from minutes_tui.reading.word_package import open_word, unreadable

    document = open_word(path, data)
    try:
        return _docx_blocks(document)
    except (Exception, RecursionError) as exc:  # python-docx on a hostile part raises anything
        raise unreadable(path, exc) from None


def _docx_blocks(document: Document) -> list[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    numbered_formats = _numbered_formats(document)
    styles = _paragraph_styles(document)
    for n, element in enumerate(document.element.body.iterchildren(), 1):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            block = _paragraph(Paragraph(element, document), numbered_formats, styles)
            if block is not None:
                block.line = n
                blocks.append(block)
        elif tag == "tbl":
            blocks.append(Block("table", rows=_rows(Table(element, document)), line=n))
    return blocks


def _paragraph_styles(document: Document) -> dict[str | None, str]:
    """Paragraph style id → its name as Word shows it ("Heading 1"); None → the default.

    Read once, in one pass, naming only the styles the body uses: python-docx's
    `paragraph.style` searched every style for each paragraph (50,000 unused styles made
    200 paragraphs take minutes), and raised on a style type it does not know."""
    from docx.styles import BabelFish

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    used = set(document.element.body.xpath(".//w:pPr/w:pStyle/@w:val"))
    names: dict[str | None, str] = {}
    for style in document.styles.element.iterchildren(w + "style"):
        if style.get(w + "type", "paragraph") != "paragraph":
            continue
        style_id = style.get(w + "styleId")
        default = style.get(w + "default") in ("1", "true", "on")
        if not default and (style_id not in used or style_id in names):
            continue
        name_element = style.find(w + "name")
        name = name_element.get(w + "val", "") if name_element is not None else ""
        name = BabelFish.internal2ui(name) if name else ""
        names.setdefault(style_id, name)
        if default:
            names[None] = name  # the last default wins, as python-docx reads it
    return names


def _numbered_formats(document: object) -> dict[tuple[str, str], bool]:
    """(numId, ilvl) → is it numbered (not a bullet), from the numbering part."""
    out: dict[tuple[str, str], bool] = {}
    try:
        numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    except (AttributeError, KeyError, NotImplementedError):
        return out
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    w = "{" + ns["w"] + "}"
    abstract = {}
    for a in numbering.findall("w:abstractNum", ns):
        levels = {
            lvl.get(w + "ilvl"): (
                fmt.get(w + "val") if (fmt := lvl.find("w:numFmt", ns)) is not None else ""
            )
            for lvl in a.findall("w:lvl", ns)
        }
        abstract[a.get(w + "abstractNumId")] = levels
    for num in numbering.findall("w:num", ns):
        ref = num.find("w:abstractNumId", ns)
        levels = abstract.get(ref.get(w + "val") if ref is not None else None, {})
        for ilvl, fmt in levels.items():
            out[(str(num.get(w + "numId")), str(ilvl))] = fmt not in ("bullet", "none", "")
    return out


def _paragraph(
    p: object, numbered_formats: dict[tuple[str, str], bool], styles: dict[str | None, str]
) -> Block | None:
    from docx.text.hyperlink import Hyperlink
    from docx.text.paragraph import Paragraph

    assert isinstance(p, Paragraph)
    pieces: list[tuple[str, bool, bool]] = []  # (text, bold, italic)
    for inner in p.iter_inner_content():
        if isinstance(inner, Hyperlink):
            text = inner.text
            url = inner.url
            pieces.append((f"[{text}]({url})" if url and text else text, False, False))
        else:
            pieces.append((inner.text, bool(inner.bold), bool(inner.italic)))
    text = "".join(t for t, _, _ in pieces)
    if not text.strip():
        return None
    style_id = p._p.style
    style = styles.get(style_id, styles.get(None, "")) if style_id else styles.get(None, "")
    if (m := _HEADING_STYLE_RE.fullmatch(style)) is not None:
        return Block("heading", text.strip(), level=int(m.group(1)), style=style)
    if style == "Title":
        return Block("heading", text.strip(), level=1, style=style)
    block = _emphasis(pieces)
    block.style = style
    if (typed := LIST_RE.match(block.text)) is not None and not block.lead and not block.bold:
        # a list typed by hand ("1. Share the map") in a plain paragraph
        number = typed.group("num")
        block.kind, block.text = "item", block.text[typed.end() :].strip()
        block.numbered = number is not None or bool(typed.group("roman") or typed.group("alpha"))
        block.number = int(number) if number else None
        return block
    ilvl = _numbering_value(p._p, "ilvl")
    num_id = _numbering_value(p._p, "numId")
    list_style = _LIST_LEVEL_RE.match(style)
    if list_style is not None or num_id:
        block.kind = "item"
        level = int(list_style.group(1)) - 1 if list_style and list_style.group(1) else 0
        if ilvl and ilvl[0].isdigit() and int(ilvl[0]):
            level = int(ilvl[0])
        block.level = level
        key = (num_id[0] if num_id else "", ilvl[0] if ilvl else "0")
        block.numbered = "number" in style.casefold() or numbered_formats.get(key, False)
    return block


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _numbering_value(p: object, name: str) -> list[str]:
    """w:pPr/w:numPr/w:<name>/@w:val, by find: python-docx's xpath compiles its expression
    on every call (two a paragraph were half the reading time of a long record)."""
    found = p.find(f"{_W}pPr/{_W}numPr/{_W}{name}")  # type: ignore[attr-defined]
    value = found.get(f"{_W}val") if found is not None else None
    return [str(value)] if value is not None else []


def _emphasis(pieces: list[tuple[str, bool, bool]]) -> Block:
    """Runs → a block: a bold lead-in ("Decision:"), a wholly bold paragraph, or text with
    Markdown emphasis for bold and italic words inside it."""
    text = "".join(t for t, _, _ in pieces).strip()
    visible = [(t, b, i) for t, b, i in pieces if t.strip()]
    if visible and all(b for _, b, _ in visible):
        return Block("para", text, bold=True, italic=all(i for _, _, i in visible))
    lead_parts: list[str] = []
    for n, (t, bold, _) in enumerate(pieces):
        if not bold:
            break
        lead_parts.append(t)
        lead = "".join(lead_parts).strip()
        if lead.endswith(":") and 0 < len(lead) <= 80:
            rest = _marked(pieces[n + 1 :]).strip()
            return Block("para", rest, lead=lead[:-1].strip())
    return Block("para", _marked(pieces).strip())


def _marked(pieces: list[tuple[str, bool, bool]]) -> str:
    out = []
    for t, bold, italic in pieces:
        core = t.strip()
        if not core or not (bold or italic):
            out.append(t)
            continue
        mark = "**" if bold else "*"
        left, right = t[: len(t) - len(t.lstrip())], t[len(t.rstrip()) :]
        out.append(f"{left}{mark}{core}{mark}{right}")
    return "".join(out)


def _rows(table: object) -> list[list[str]]:
    """Rows of cell texts; a cell merged across columns is given once, the rest empty."""
    from docx.table import Table

    assert isinstance(table, Table)
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                cells.append("")
                continue
            seen.add(id(cell._tc))
            paras = [p.text.strip() for p in cell.paragraphs if p.text.strip()]
            people = paras and all(re.match(r"(Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s", x) for x in paras)
            # a cell's paragraphs stay apart: one a deliverable, in a stacked workplan
            cells.append("; ".join(paras) if people else "\n".join(paras))
        rows.append(cells)
    return rows
