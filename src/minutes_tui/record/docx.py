"""Record → Word (.docx) with python-docx, imported only when a document is rendered.

Real Word structure, so a reader (or a screen reader, or Word's navigation pane) finds it:
built-in styles (Title, Subtitle, Heading 1–3, List Number, List Bullet, List Bullet 2),
tables whose header row repeats on every page, the sensitivity label in the page header,
"Page N of M" fields in the footer, and the notes' inline Markdown (bold, italics, code,
links) as real runs and hyperlinks.

Speed: python-docx resolves a style name on every `add_paragraph(style=…)`; here each style
id is looked up once and the body XML is built directly with lxml, so a meeting of 2,000
points renders in a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any

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
)

if TYPE_CHECKING:
    import os

__all__ = ["render_docx"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


_NUM_FORMATS = {"roman": "lowerRoman", "alpha": "lowerLetter"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_PPR, W_PSTYLE, W_R, W_RPR, W_T = (_w(t) for t in ("p", "pPr", "pStyle", "r", "rPr", "t"))
W_VAL = _w("val")
W_TAB, W_BR = _w("tab"), _w("br")

# Characters Word's XML parser rejects (and lxml refuses to write): control characters
# other than tab/newline/CR, lone surrogates, U+FFFE/U+FFFF.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"(\t|\n)")
_MD_SPECIAL = re.compile(r"[*_`\[\]<>&\\!~\n]")

PAGE_WIDTH_CM = 21.0  # A4
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.2
TEXT_WIDTH_TWIPS = int((PAGE_WIDTH_CM - 2 * MARGIN_CM) / 2.54 * 1440)
WIDE_TEXT_WIDTH_TWIPS = int((PAGE_HEIGHT_CM - 2 * MARGIN_CM) / 2.54 * 1440)  # landscape
GROUP_FILL = "DEEAF6"  # a group row's shading: light, prints well in grey

TABLE_STYLE = "Light List Accent 1"
BODY_FONT = "Calibri"
CODE_FONT = "Courier New"
LINK_COLOR = "0563C1"
STYLES = (
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Number",
    "List Bullet",
    "List Bullet 2",
    TABLE_STYLE,
)


def clean_xml(text: str) -> str:
    """Text Word can open: XML-illegal characters removed, newlines normalised."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_BAD.sub("", text)


def _is_rtl(text: str) -> bool:
    """True when most strongly directional characters (of the first 400) are right-to-left:
    "UNHCR: ناقش الاجتماع…" is an Arabic paragraph with a Latin speaker in front."""
    if text.isascii():
        return False  # most paragraphs: one C-speed test, not a loop over characters
    ltr = rtl = 0
    for ch in text[:400]:
        if ch.isascii():
            ltr += ch.isalpha()
            continue
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            ltr += 1
        elif kind in ("R", "AL"):
            rtl += 1
    return rtl > ltr


# A table row as the writer takes it: each cell's lines and its run format.
_Cells = list[tuple[list[str], frozenset[str]]]


def _table_rows(rows: tuple[Row, ...]) -> list[_Cells | str]:
    """Record rows for `_Writer.table`: a group row becomes its plain text."""
    return [
        r.text if isinstance(r, GroupRow) else [(c.split("\n"), frozenset()) for c in r]
        for r in rows
    ]


def _is_wide(block: Block | None) -> bool:
    return isinstance(block, Table) and block.wide


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


class _Writer:
    def __init__(self, doc: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import RGBColor

        self.doc = doc
        styles = doc.styles
        names = {s.name for s in styles}
        self.ids = {name: styles[name].style_id for name in STYLES if name in names}
        if "Hyperlink" not in names:
            link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
            link.font.color.rgb = RGBColor.from_string(LINK_COLOR)
            link.font.underline = True
        self.ids["Hyperlink"] = styles["Hyperlink"].style_id
        self.body = doc.element.body
        self.links: dict[str, str] = {}
        self._numbering_setup()

    # -- numbering: each numbered list gets its own w:num that starts where it must
    def _numbering_setup(self) -> None:
        self.numbering = self.doc.part.numbering_part.element
        style = self.doc.styles["List Number"].element
        num_id = style.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
        self.abstract_id: str | None = None
        if num_id is not None:
            for num in self.numbering.findall(_w("num")):
                if num.get(_w("numId")) == num_id.get(W_VAL):
                    abstract = num.find(_w("abstractNumId"))
                    if abstract is not None:
                        self.abstract_id = abstract.get(W_VAL)
        ids = [int(n.get(_w("numId"), "0")) for n in self.numbering.findall(_w("num"))]
        self.next_num = max(ids, default=0) + 1

    def new_numbering(self, start: int, numbering: str = "decimal") -> int | None:
        """A numbering instance of the List Number list that starts at `start`, in
        decimal, or lower-roman "(i)" / lower-letter "(a)" as the rapporteur typed."""
        from lxml import etree

        if self.abstract_id is None:
            return None
        num_id = self.next_num
        self.next_num += 1
        num = etree.SubElement(self.numbering, _w("num"))
        num.set(_w("numId"), str(num_id))
        etree.SubElement(num, _w("abstractNumId")).set(W_VAL, self.abstract_id)
        override = etree.SubElement(num, _w("lvlOverride"))
        override.set(_w("ilvl"), "0")
        etree.SubElement(override, _w("startOverride")).set(W_VAL, str(max(start, 0)))
        if numbering in _NUM_FORMATS:
            # A whole level in the override: the format and its "(%1)" text, same indents.
            lvl = etree.SubElement(override, _w("lvl"))
            lvl.set(_w("ilvl"), "0")
            etree.SubElement(lvl, _w("start")).set(W_VAL, str(max(start, 0)))
            etree.SubElement(lvl, _w("numFmt")).set(W_VAL, _NUM_FORMATS[numbering])
            etree.SubElement(lvl, _w("lvlText")).set(W_VAL, "(%1)")
            etree.SubElement(lvl, _w("lvlJc")).set(W_VAL, "left")
            ppr = etree.SubElement(lvl, _w("pPr"))
            ind = etree.SubElement(ppr, _w("ind"))
            ind.set(_w("left"), "720")
            ind.set(_w("hanging"), "480")
        return num_id

    # -- paragraphs and runs
    def paragraph(
        self,
        parent: Any,
        style: str | None = None,
        *,
        keep_next: bool = False,
        num_id: int | None = None,
        rtl: bool = False,
        align: str | None = None,
        space_after: int | None = None,
    ) -> Any:
        from lxml import etree

        p = etree.SubElement(parent, W_P)
        if style or keep_next or num_id is not None or rtl or align or space_after is not None:
            ppr = etree.SubElement(p, W_PPR)
            if style and style in self.ids:
                etree.SubElement(ppr, W_PSTYLE).set(W_VAL, self.ids[style])
            if keep_next:
                etree.SubElement(ppr, _w("keepNext"))
            if num_id is not None:
                numpr = etree.SubElement(ppr, _w("numPr"))
                etree.SubElement(numpr, _w("ilvl")).set(W_VAL, "0")
                etree.SubElement(numpr, _w("numId")).set(W_VAL, str(num_id))
            if rtl:
                etree.SubElement(ppr, _w("bidi"))
            if space_after is not None:
                etree.SubElement(ppr, _w("spacing")).set(_w("after"), str(space_after))
            if align:
                etree.SubElement(ppr, _w("jc")).set(W_VAL, align)
        return p

    def run(self, parent: Any, text: str, fmt: frozenset[str] = frozenset()) -> None:
        from lxml import etree

        if not text:
            return
        r = etree.SubElement(parent, W_R)
        if fmt:
            rpr = etree.SubElement(r, W_RPR)
            if "link" in fmt:
                etree.SubElement(rpr, _w("rStyle")).set(W_VAL, self.ids["Hyperlink"])
            if "code" in fmt:
                fonts = etree.SubElement(rpr, _w("rFonts"))
                for attr in ("ascii", "hAnsi", "cs"):
                    fonts.set(_w(attr), CODE_FONT)
            if "b" in fmt:
                etree.SubElement(rpr, _w("b"))
                etree.SubElement(rpr, _w("bCs"))
            if "i" in fmt:
                etree.SubElement(rpr, _w("i"))
                etree.SubElement(rpr, _w("iCs"))
            if "strike" in fmt:
                etree.SubElement(rpr, _w("strike"))
            if "grey" in fmt:
                etree.SubElement(rpr, _w("color")).set(W_VAL, "595959")
            if "rtl" in fmt:
                etree.SubElement(rpr, _w("rtl"))
        if "\t" not in text and "\n" not in text:
            t = etree.SubElement(r, W_T)
            t.text = text
            t.set(XML_SPACE, "preserve")
            return
        for piece in _BREAKS.split(text):
            if piece == "\t":
                etree.SubElement(r, W_TAB)
            elif piece == "\n":
                etree.SubElement(r, W_BR)
            elif piece:
                t = etree.SubElement(r, W_T)
                t.text = piece
                t.set(XML_SPACE, "preserve")

    def inline(self, p: Any, text: str, fmt: frozenset[str] = frozenset()) -> None:
        """Inline Markdown as runs of `p`: bold, italic, strike, code, links, breaks."""
        text = clean_xml(text)
        if not text:
            return
        if _MD_SPECIAL.search(text) is None:
            self.run(p, text, fmt)
            return
        from lxml import etree

        tokens = _markdown().parseInline(text)
        children = tokens[0].children if tokens and tokens[0].children else []
        bold = italic = strike = 0
        target = p
        for tok in children:
            kind = tok.type
            now = set(fmt)
            if bold:
                now.add("b")
            if italic:
                now.add("i")
            if strike:
                now.add("strike")
            if target is not p:
                now.add("link")
            style = frozenset(now)
            if kind in ("text", "text_special", "html_inline"):
                self.run(target, tok.content, style)
            elif kind in ("softbreak", "hardbreak"):
                self.run(target, "\n", style)
            elif kind == "code_inline":
                self.run(target, tok.content, style | {"code"})
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold = max(0, bold - 1)
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic = max(0, italic - 1)
            elif kind == "s_open":
                strike += 1
            elif kind == "s_close":
                strike = max(0, strike - 1)
            elif kind == "link_open":
                href = clean_xml(str(tok.attrs.get("href") or ""))
                if href:
                    target = etree.SubElement(p, _w("hyperlink"))
                    target.set(f"{{{R}}}id", self.link_id(href))
                    target.set(_w("history"), "1")
            elif kind == "link_close":
                target = p
            elif kind == "image":
                self.run(target, tok.content or "[image]", style)
            elif tok.content:
                self.run(target, tok.content, style)

    def link_id(self, href: str) -> str:
        """The relationship id of an external hyperlink, one per distinct target.

        python-docx's `relate_to` scans every relationship for each new link (quadratic
        over a long record); ids here come from a private counter instead."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        rid = self.links.get(href)
        if rid is None:
            rels = self.doc.part.rels
            rid = f"rIdLink{len(self.links) + 1}"
            while rid in rels:
                rid += "x"
            rels.add_relationship(RT.HYPERLINK, href, rid, is_external=True)
            self.links[href] = rid
        return rid

    def text_paragraph(
        self,
        parent: Any,
        text: str,
        style: str | None = None,
        fmt: frozenset[str] = frozenset(),
        **kw: Any,
    ) -> Any:
        rtl = _is_rtl(text)
        p = self.paragraph(parent, style, rtl=rtl, **kw)
        self.inline(p, text, fmt | {"rtl"} if rtl else fmt)
        return p

    def plain_paragraph(self, parent: Any, text: str, style: str | None = None, **kw: Any) -> Any:
        text = clean_xml(text)
        rtl = _is_rtl(text)
        p = self.paragraph(parent, style, rtl=rtl, **kw)
        self.run(p, text, frozenset({"rtl"}) if rtl else frozenset())
        return p

    # -- blocks
    def block(self, b: Block) -> None:
        body = self.body
        if isinstance(b, TitleBlock):
            self.title_block(b)
        elif isinstance(b, Heading):
            level = min(max(b.level, 1), 3)
            self.plain_paragraph(body, " ".join(b.text.split()), f"Heading {level}")
        elif isinstance(b, Paragraph):
            if b.role == "label":
                self.text_paragraph(body, b.text, None, frozenset({"b"}), keep_next=True)
            else:
                self.text_paragraph(body, b.text)
        elif isinstance(b, BulletList):
            for item in b.items:
                self.text_paragraph(body, item, "List Bullet")
        elif isinstance(b, NumberedList):
            num_id = self.new_numbering(b.start, b.numbering)
            for item in b.items:
                self.text_paragraph(body, item, "List Number", num_id=num_id)
        elif isinstance(b, ActionList):
            self.action_list(b)
        elif isinstance(b, Table):
            self.table(b.header, _table_rows(b.rows), b.widths, b.merge_first, b.wide)
        elif isinstance(b, LabelledRows):
            rows: list[_Cells | str] = [
                [([r.label], frozenset({"b", "plain"})), (list(r.values), frozenset())]
                for r in b.rows
            ]
            self.table(b.header, rows, (2, 5))
        else:
            raise TypeError(f"not a record block: {type(b).__name__}")

    def title_block(self, b: TitleBlock) -> None:
        body = self.body
        if b.kicker:
            p = self.paragraph(body, None, space_after=60)
            self.run(p, clean_xml(b.kicker), frozenset({"b", "grey"}))
        self.plain_paragraph(body, " ".join(b.title.split()), "Title")
        for n, line in enumerate(b.lines):
            last = n == len(b.lines) - 1
            self.plain_paragraph(body, line, "Subtitle", space_after=None if last else 0)
        for n, (label, value) in enumerate(b.details):
            last = n == len(b.details) - 1
            p = self.paragraph(body, None, space_after=240 if last else 0)
            self.run(p, clean_xml(label) + ": ", frozenset({"b"}))
            self.inline(p, value)

    def action_list(self, b: ActionList) -> None:
        body = self.body
        previous: int | None = None
        num_id: int | None = None
        for n, a in enumerate(b.actions):
            if previous is None or a.number != previous + 1:
                num_id = self.new_numbering(a.number)
            previous = a.number
            self.action(body, a, num_id, last=n == len(b.actions) - 1)

    def action(self, body: Any, a: ActionItem, num_id: int | None, *, last: bool) -> None:
        """One action; its sub-items sit close under it, as in the OPAG record."""
        rtl = _is_rtl(a.text)
        base = frozenset({"rtl"}) if rtl else frozenset()
        tight = 0 if a.sub_items else None
        p = self.paragraph(body, "List Number", num_id=num_id, rtl=rtl, space_after=tight)
        if num_id is None:  # no numbering definition: write the number itself
            self.run(p, f"{a.number}. ", base)
        self.inline(p, a.text, base)
        self.owners(p, a.owners, base)
        if a.due:
            self.run(p, " — " + clean_xml(a.due), base)
        if a.status:
            self.run(p, f" ({clean_xml(a.status)})", base)
        if a.ref:
            self.run(p, f" ({clean_xml(a.ref)})", base | {"grey"})
        for k, sub in enumerate(a.sub_items):
            final = last and k == len(a.sub_items) - 1
            sub_rtl = _is_rtl(sub.text)
            sp = self.paragraph(
                body, "List Bullet 2", rtl=sub_rtl, space_after=None if final else 0
            )
            sub_base = frozenset({"rtl"}) if sub_rtl else frozenset()
            self.inline(sp, sub.text, sub_base)
            self.owners(sp, sub.owners, sub_base)
            if sub.timeframe:
                self.run(sp, " — " + clean_xml(sub.timeframe), sub_base)

    def owners(self, p: Any, owners: tuple[str, ...], base: frozenset[str]) -> None:
        if owners:
            self.run(p, " [", base)
            self.run(p, clean_xml("; ".join(owners)), base | {"i"})
            self.run(p, "]", base)

    def table(
        self,
        header: tuple[str, ...] | None,
        rows: list[_Cells | str],
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

        tbl = etree.SubElement(self.body, _w("tbl"))
        tblpr = etree.SubElement(tbl, _w("tblPr"))
        if TABLE_STYLE in self.ids:
            etree.SubElement(tblpr, _w("tblStyle")).set(W_VAL, self.ids[TABLE_STYLE])
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
                    rtl = _is_rtl(text)
                    p = self.paragraph(tc, None, rtl=rtl)
                    self.run(p, text, (fmt - {"plain"}) | ({"rtl"} if rtl else set()))
                else:
                    self.text_paragraph(tc, line, None, fmt)
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
            p = self.paragraph(tc, None, keep_next=True, rtl=_is_rtl(text))
            self.run(p, text, frozenset({"b"}))

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
        spacer = self.paragraph(self.body, None)
        spacing = etree.SubElement(etree.SubElement(spacer, W_PPR), _w("spacing"))
        for attr, val in (("after", "0"), ("line", "120"), ("lineRule", "exact")):
            spacing.set(_w(attr), val)

    # -- page setup, header, footer, properties
    def page(self, record: Record) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        for each in self.doc.sections:  # a landscape table's pages are a section of their own
            across = each.orientation == WD_ORIENT.LANDSCAPE
            width, height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
            each.page_width, each.page_height = (height, width) if across else (width, height)
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(each, side, Cm(MARGIN_CM))
        section = self.doc.sections[0]  # later sections repeat its header and footer
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        label = clean_xml(record.page_label)
        self.run(
            header._p, label, frozenset({"b", "grey"} | ({"rtl"} if _is_rtl(label) else set()))
        )
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp = footer._p
        self.run(fp, "Page ", frozenset({"grey"}))
        self.field(fp, "PAGE", "1")
        self.run(fp, " of ", frozenset({"grey"}))
        self.field(fp, "NUMPAGES", "1")

    def section_break(self, template: Any, landscape: bool) -> None:
        """End the pages so far as a section of their own (portrait or landscape): the
        last paragraph carries a copy of the document's section properties."""
        import copy

        from lxml import etree

        last = self.body[-1] if len(self.body) else None
        if last is None:
            return  # nothing before: no empty section
        if last.tag != W_P or last.find(f"{W_PPR}/{_w('sectPr')}") is not None:
            last = self.paragraph(self.body, None)
        ppr = last.find(W_PPR)
        if ppr is None:
            ppr = etree.Element(W_PPR)
            last.insert(0, ppr)
        sect = copy.deepcopy(template)
        for ref in sect.findall(_w("headerReference")) + sect.findall(_w("footerReference")):
            sect.remove(ref)
        set_orientation(sect, landscape)
        ppr.append(sect)

    def field(self, p: Any, code: str, shown: str) -> None:
        from lxml import etree

        def fld(kind: str) -> None:
            r = etree.SubElement(p, W_R)
            etree.SubElement(r, _w("fldChar")).set(_w("fldCharType"), kind)

        fld("begin")
        instr = etree.SubElement(etree.SubElement(p, W_R), _w("instrText"))
        instr.text = f" {code} "
        instr.set(XML_SPACE, "preserve")
        fld("separate")
        self.run(p, shown, frozenset({"grey"}))
        fld("end")

    def fonts(self) -> None:
        """A clean sans-serif body (Calibri, as most agency templates use)."""
        from lxml import etree

        defaults = self.doc.styles.element.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{W_RPR}")
        if defaults is None:
            return
        fonts = defaults.find(_w("rFonts"))
        if fonts is None:
            fonts = etree.SubElement(defaults, _w("rFonts"))
            defaults.insert(0, fonts)
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(_w(attr), BODY_FONT)
        for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
            style = self.doc.styles[name].element
            rpr = style.find(W_RPR)
            if rpr is not None:
                f = rpr.find(_w("rFonts"))
                if f is not None:
                    rpr.remove(f)
            spacing = style.find(f"{W_PPR}/{_w('spacing')}")
            if name.startswith("Heading") and spacing is not None:
                spacing.set(_w("after"), "120")

    def properties(self, record: Record) -> None:
        props = self.doc.core_properties
        props.title = clean_xml(record.title)[:255]
        props.author = clean_xml(record.author)[:255] or "minutes-tui"
        props.last_modified_by = props.author
        props.comments = ""
        props.subject = ""
        props.keywords = ""
        props.category = {
            "summary": "Summary Record",
            "minutes": "Minutes",
            "actions": "Action Points",
        }.get(record.style, record.style)
        props.content_status = clean_xml(record.page_label)[:255]
        props.revision = 1
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        if record.date is not None:
            props.created = dt.datetime(record.date.year, record.date.month, record.date.day)
        else:
            props.created = now
        props.modified = now


def _landscape_starts(blocks: tuple[Block, ...]) -> set[int]:
    """Where landscape pages begin: at each wide table, or at the heading just before it;
    at the very start when only the title page's blocks (no heading) come before, since a
    front page alone on a portrait page would be mostly blank."""
    starts: set[int] = set()
    for n, block in enumerate(blocks):
        if _is_wide(block):
            start = n - 1 if n and isinstance(blocks[n - 1], Heading) else n
            if not any(isinstance(b, Heading) for b in blocks[:start]):
                start = 0
            starts.add(start)
    return starts


def set_orientation(sect_pr: Any, landscape: bool) -> None:
    """Mark a section portrait or landscape (`_Writer.page` sets the sizes to match)."""
    from lxml import etree

    size = sect_pr.find(_w("pgSz"))
    if size is None:
        size = etree.SubElement(sect_pr, _w("pgSz"))
    if landscape:
        size.set(_w("orient"), "landscape")
    elif _w("orient") in size.attrib:
        del size.attrib[_w("orient")]


def render_docx(record: Record, path_or_stream: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the record as a .docx to a path or a binary stream."""
    from docx import Document

    doc = Document()
    writer = _Writer(doc)
    writer.fonts()
    body = writer.body
    sect_pr = body.sectPr
    if sect_pr is not None:
        body.remove(sect_pr)
    for child in list(body):  # the template's empty paragraph, if any
        body.remove(child)
    blocks = record.blocks
    starts = _landscape_starts(blocks) if sect_pr is not None else set()
    landscape = 0 in starts
    for n, block in enumerate(blocks):
        following = blocks[n + 1] if n + 1 < len(blocks) else None
        if not landscape and n in starts:
            writer.section_break(sect_pr, landscape=False)
            landscape = True
        writer.block(block)
        if landscape and _is_wide(block) and following is not None:
            writer.section_break(sect_pr, landscape=True)
            landscape = False
    if sect_pr is not None:
        set_orientation(sect_pr, landscape)
        body.append(sect_pr)
    writer.page(record)
    writer.properties(record)
    # python-docx types save() as str | IO[bytes], but hands the path to ZipFile, which takes
    # any PathLike.
    doc.save(path_or_stream)  # type: ignore[arg-type]
