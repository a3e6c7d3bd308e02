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

    ncols = max([len(header or ()), *(len(r) for r in rows if not isinstance(r, str))])
    ncols = ncols or 1
    weights = list(widths or ())[:ncols]
    weights += [1] * (ncols - len(weights))
    total = sum(weights) or 1
    text_width = WIDE_TEXT_WIDTH_TWIPS if wide else TEXT_WIDTH_TWIPS
    twips = [max(300, text_width * w // total) for w in weights]

    tbl = etree.SubElement(w.body, _w("tbl"))
    tblpr = etree.SubElement(tbl, _w("tblPr"))
    if TABLE_STYLE in w.ids:
        etree.SubElement(tblpr, _w("tblStyle")).set(W_VAL, w.ids[TABLE_STYLE])
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

    def cell(
        tr: Any, lines: list[str], fmt: frozenset[str], col: int, merge: str | None = None
    ) -> Any:
        tc = etree.SubElement(tr, _w("tc"))
        tcpr = etree.SubElement(tc, _w("tcPr"))
        tcw = etree.SubElement(tcpr, _w("tcW"))
        tcw.set(_w("w"), str(twips[col]))
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

    def group_row(text: str) -> None:
        tr = etree.SubElement(tbl, _w("tr"))
        etree.SubElement(etree.SubElement(tr, _w("trPr")), _w("cantSplit"))
        tc = etree.SubElement(tr, _w("tc"))
        tcpr = etree.SubElement(tc, _w("tcPr"))
        tcw = etree.SubElement(tcpr, _w("tcW"))
        tcw.set(_w("w"), str(sum(twips)))
        tcw.set(_w("type"), "dxa")
        etree.SubElement(tcpr, _w("gridSpan")).set(W_VAL, str(ncols))
        shd = etree.SubElement(tcpr, _w("shd"))
        for attr, val in (("val", "clear"), ("color", "auto"), ("fill", GROUP_FILL)):
            shd.set(_w(attr), val)
        text = clean_xml(" ".join(text.split()))
        p = w.paragraph(tc, None, keep_next=True, rtl=is_rtl(text))
        w.run(p, text, frozenset({"b"}))

    if header:
        tr = etree.SubElement(tbl, _w("tr"))
        trpr = etree.SubElement(tr, _w("trPr"))
        etree.SubElement(trpr, _w("cantSplit"))
        etree.SubElement(trpr, _w("tblHeader"))
        for col in range(ncols):
            text = header[col] if col < len(header) else ""
            cell(tr, [text], frozenset({"b", "plain"}), col)
    firsts = [None if isinstance(r, str) else "\n".join(r[0][0]) if r else "" for r in rows]
    for n, row in enumerate(rows):
        if isinstance(row, str):
            group_row(row)
            continue
        tr = etree.SubElement(tbl, _w("tr"))
        # A row stays on one page (Word and LibreOffice still split one taller than a page).
        etree.SubElement(etree.SubElement(tr, _w("trPr")), _w("cantSplit"))
        merge: str | None = None
        if merge_first and firsts[n]:
            if n and firsts[n - 1] == firsts[n]:
                merge = ""
            elif n + 1 < len(rows) and firsts[n + 1] == firsts[n]:
                merge = "restart"
        for col in range(ncols):
            lines, fmt = row[col] if col < len(row) else ([""], frozenset())
            cell(tr, lines, fmt, col, merge if col == 0 else None)
    # Word needs a paragraph between two tables (and after a final one): a small one.
    # (It also carries the section break that ends a landscape table's pages.)
    spacer = w.paragraph(w.body, None)
    spacing = etree.SubElement(etree.SubElement(spacer, W_PPR), _w("spacing"))
    for attr, val in (("after", "0"), ("line", "120"), ("lineRule", "exact")):
        spacing.set(_w(attr), val)
