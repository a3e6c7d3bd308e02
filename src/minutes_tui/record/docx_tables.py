"""Word tables: a real table style, the header row repeated on every page, rows kept on
one page, group rows across the table, merged first cells, widths in twips."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from minutes_tui.record.docx_xml import (
    GROUP_FILL,
    TABLE_STYLE,
    TEXT_WIDTH_TWIPS,
    W_PPR,
    W_VAL,
    WIDE_TEXT_WIDTH_TWIPS,
    _w,
    clean_xml,
    is_rtl,
)
from minutes_tui.record.model import GroupRow, Row

if TYPE_CHECKING:
    from minutes_tui.record.docx import Writer

# A table row as the writer takes it: each cell's lines and its run format.
Cells = list[tuple[list[str], frozenset[str]]]


def table_rows(rows: tuple[Row, ...]) -> list[Cells | str]:
    """Record rows for `Writer.table`: a group row becomes its plain text."""
    return [
        r.text if isinstance(r, GroupRow) else [(c.split("\n"), frozenset()) for c in r]
        for r in rows
    ]


def table(
    w: Writer,
    header: tuple[str, ...] | None,
    rows: list[Cells | str],
    widths: tuple[int, ...] | None,
    merge_first: bool = False,
    wide: bool = False,
) -> None:
    """A table; a `str` row is a group row across every column. With `merge_first`,
    a first cell equal to the one above joins it (a vertical merge)."""
    from lxml import etree

    ncols = max([len(header or ()), *(len(r) for r in rows if not isinstance(r, str))]) or 1
    twips = _column_twips(widths, ncols, wide)
    tbl = etree.SubElement(w.body, _w("tbl"))
    _table_properties(w, tbl, twips)
    if header:
        tr = _row(tbl, header=True)
        for col in range(ncols):
            text = header[col] if col < len(header) else ""
            _cell(w, tr, [text], frozenset({"b", "plain"}), twips[col])
    merges = _merges(rows) if merge_first else [None] * len(rows)
    for row, merge in zip(rows, merges, strict=True):
        if isinstance(row, str):
            _group_row(w, tbl, row, twips)
            continue
        tr = _row(tbl)
        for col in range(ncols):
            lines, fmt = row[col] if col < len(row) else ([""], frozenset())
            _cell(w, tr, lines, fmt, twips[col], merge if col == 0 else None)
    _spacer(w)


def _column_twips(widths: tuple[int, ...] | None, ncols: int, wide: bool) -> list[int]:
    """Each column's width in twips: `widths` are weights (missing ones 1) shared out
    over the page's text width; none narrower than 300 twips."""
    weights = list(widths or ())[:ncols]
    weights += [1] * (ncols - len(weights))
    total = sum(weights) or 1
    text_width = WIDE_TEXT_WIDTH_TWIPS if wide else TEXT_WIDTH_TWIPS
    return [max(300, text_width * weight // total) for weight in weights]


def _table_properties(w: Writer, tbl: Any, twips: list[int]) -> None:
    """The table's style, full width with fixed columns, small cell margins, and its grid."""
    from lxml import etree

    tblpr = etree.SubElement(tbl, _w("tblPr"))
    if TABLE_STYLE in w.ids:
        etree.SubElement(tblpr, _w("tblStyle")).set(W_VAL, w.ids[TABLE_STYLE])
    if w.rtl:
        etree.SubElement(tblpr, _w("bidiVisual"))  # the first column on the right
    width = etree.SubElement(tblpr, _w("tblW"))
    width.set(_w("w"), "5000")
    width.set(_w("type"), "pct")
    etree.SubElement(tblpr, _w("tblLayout")).set(_w("type"), "fixed")
    margins = etree.SubElement(tblpr, _w("tblCellMar"))
    for side in ("top", "bottom"):
        m = etree.SubElement(margins, _w(side))
        m.set(_w("w"), "40")
        m.set(_w("type"), "dxa")
    look = etree.SubElement(tblpr, _w("tblLook"))
    for attr, val in (
        ("val", "0420"),
        ("firstRow", "1"),
        ("lastRow", "0"),
        ("firstColumn", "0"),
        ("lastColumn", "0"),
        ("noHBand", "0"),
        ("noVBand", "1"),
    ):
        look.set(_w(attr), val)
    grid = etree.SubElement(tbl, _w("tblGrid"))
    for tw in twips:
        etree.SubElement(grid, _w("gridCol")).set(_w("w"), str(tw))


def _row(tbl: Any, header: bool = False) -> Any:
    """A row kept on one page (Word and LibreOffice still split one taller than a page);
    the header row is repeated on every page."""
    from lxml import etree

    tr = etree.SubElement(tbl, _w("tr"))
    trpr = etree.SubElement(tr, _w("trPr"))
    etree.SubElement(trpr, _w("cantSplit"))
    if header:
        etree.SubElement(trpr, _w("tblHeader"))
    return tr


def _merges(rows: list[Cells | str]) -> list[str | None]:
    """Each row's vertical merge of its first cell: "restart" opens a merged cell (the
    next row's first cell is equal), "" continues it (equal to the one above), None
    neither. Group rows and empty first cells never merge."""
    firsts = [None if isinstance(r, str) else "\n".join(r[0][0]) if r else "" for r in rows]
    merges: list[str | None] = []
    for n, first in enumerate(firsts):
        merge: str | None = None
        if first:
            if n and firsts[n - 1] == first:
                merge = ""
            elif n + 1 < len(rows) and firsts[n + 1] == first:
                merge = "restart"
        merges.append(merge)
    return merges


def _cell(
    w: Writer, tr: Any, lines: list[str], fmt: frozenset[str], twips: int, merge: str | None = None
) -> Any:
    """A cell of `lines`; a "plain" cell's text is not read as inline Markdown."""
    from lxml import etree

    tc = etree.SubElement(tr, _w("tc"))
    tcpr = etree.SubElement(tc, _w("tcPr"))
    tcw = etree.SubElement(tcpr, _w("tcW"))
    tcw.set(_w("w"), str(twips))
    tcw.set(_w("type"), "dxa")
    if merge is not None:  # "restart" opens a merged cell, "" continues it
        vmerge = etree.SubElement(tcpr, _w("vMerge"))
        if merge:
            vmerge.set(W_VAL, merge)
        lines = lines if merge else [""]
    lines = [line for line in lines if line.strip()] or [""]
    for line in lines:
        if "plain" in fmt:
            text = clean_xml(line)
            rtl = is_rtl(text)
            p = w.paragraph(tc, None, rtl=rtl)
            w.run(p, text, (fmt - {"plain"}) | ({"rtl"} if rtl else set()))
        else:
            w.text_paragraph(tc, line, None, fmt)
    return tc


def _group_row(w: Writer, tbl: Any, text: str, twips: list[int]) -> None:
    """A shaded bold row across every column, kept with the row after it."""
    from lxml import etree

    tr = _row(tbl)
    tc = etree.SubElement(tr, _w("tc"))
    tcpr = etree.SubElement(tc, _w("tcPr"))
    tcw = etree.SubElement(tcpr, _w("tcW"))
    tcw.set(_w("w"), str(sum(twips)))
    tcw.set(_w("type"), "dxa")
    etree.SubElement(tcpr, _w("gridSpan")).set(W_VAL, str(len(twips)))
    shd = etree.SubElement(tcpr, _w("shd"))
    for attr, val in (("val", "clear"), ("color", "auto"), ("fill", GROUP_FILL)):
        shd.set(_w(attr), val)
    text = clean_xml(" ".join(text.split()))
    p = w.paragraph(tc, None, keep_next=True, rtl=is_rtl(text))
    w.run(p, text, frozenset({"b"}))


def _spacer(w: Writer) -> None:
    """Word needs a paragraph between two tables (and after a final one): a small one.
    (It also carries the section break that ends a landscape table's pages.)"""
    from lxml import etree

    spacer = w.paragraph(w.body, None)
    spacing = etree.SubElement(etree.SubElement(spacer, W_PPR), _w("spacing"))
    for attr, val in (("after", "0"), ("line", "120"), ("lineRule", "exact")):
        spacing.set(_w(attr), val)
