"""Record → Word (.docx) with python-docx, imported only when a document is rendered.

Real Word structure, so a reader (or a screen reader, or Word's navigation pane) finds it:
built-in styles (Title, Subtitle, Heading 1–3, List Number, List Bullet, List Bullet 2),
tables whose header row repeats on every page, the sensitivity label in the page header,
"Page N of M" fields in the footer (in the record's language), and the notes' inline
Markdown as real runs and hyperlinks.

Speed: python-docx resolves a style name on every `add_paragraph(style=…)`; here each style
id is looked up once and the body XML is built directly with lxml, so a meeting of 2,000
points renders in a fraction of a second.
"""

from __future__ import annotations

from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any

from minutes_tui.domain.language import is_right_to_left
from minutes_tui.record.docx_bidi import mark_section, right_to_left_defaults, script_runs
from minutes_tui.record.model import (
    ActionItem,
    ActionList,
    Block,
    BulletList,
    Heading,
    LabelledRows,
    NumberedList,
    Paragraph,
    Record,
    Table,
    TitleBlock,
)
from minutes_tui.record.words import words_for

if TYPE_CHECKING:
    import os

__all__ = ["render_docx"]

from minutes_tui.record.docx_lists import Numbering
from minutes_tui.record.docx_page import (
    fonts,
    landscape_starts,
    page,
    properties,
    section_break,
    set_orientation,
)
from minutes_tui.record.docx_tables import Cells, table, table_rows
from minutes_tui.record.docx_xml import (
    _BREAKS,
    _MD_SPECIAL,
    CODE_FONT,
    LINK_COLOR,
    STYLES,
    W_BR,
    W_P,
    W_PPR,
    W_PSTYLE,
    W_R,
    W_RPR,
    W_T,
    W_TAB,
    W_VAL,
    XML_SPACE,
    R,
    _w,
    clean_xml,
    is_rtl,
)


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


class Writer:
    """Builds the body in the record's language: `words` are its fixed words; `rtl`, it
    is written right to left (Arabic): every paragraph is `w:bidi` and every run is cut by
    script (docx_bidi.script_runs)."""

    def __init__(self, doc: Any, language: str = "en") -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import RGBColor

        self.doc, self.words = doc, words_for(language)
        self.rtl = is_right_to_left(language)
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
        self.marks: dict[Any, str] = {}  # paragraph → the row it shows (docx_marks)
        self.lists = Numbering(doc)

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
        bidi = rtl or self.rtl
        if style or keep_next or num_id is not None or bidi or align or space_after is not None:
            ppr = etree.SubElement(p, W_PPR)
            if style and style in self.ids:
                etree.SubElement(ppr, W_PSTYLE).set(W_VAL, self.ids[style])
            if keep_next:
                etree.SubElement(ppr, _w("keepNext"))
            if num_id is not None:
                numpr = etree.SubElement(ppr, _w("numPr"))
                etree.SubElement(numpr, _w("ilvl")).set(W_VAL, "0")
                etree.SubElement(numpr, _w("numId")).set(W_VAL, str(num_id))
            if bidi:
                etree.SubElement(ppr, _w("bidi"))
            if space_after is not None:
                etree.SubElement(ppr, _w("spacing")).set(_w("after"), str(space_after))
            if align:
                etree.SubElement(ppr, _w("jc")).set(W_VAL, align)
        return p

    def run(self, parent: Any, text: str, fmt: frozenset[str] = frozenset()) -> None:
        """Runs of `text`; right-to-left text ("rtl" in `fmt`, or a right-to-left record)
        is cut by script, `w:rtl` on the pieces Word must read right to left."""
        if not text:
            return
        if self.rtl or "rtl" in fmt:
            plain = fmt - {"rtl"}
            for piece, rtl in script_runs(text):
                self._run(parent, piece, plain | {"rtl"} if rtl else plain)
            return
        self._run(parent, text, fmt)

    def _run(self, parent: Any, text: str, fmt: frozenset[str]) -> None:
        from lxml import etree

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
        rtl = is_rtl(text)
        p = self.paragraph(parent, style, rtl=rtl, **kw)
        self.inline(p, text, fmt | {"rtl"} if rtl else fmt)
        return p

    def plain_paragraph(self, parent: Any, text: str, style: str | None = None, **kw: Any) -> Any:
        text = clean_xml(text)
        rtl = is_rtl(text)
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
                p = self.text_paragraph(body, b.text, None, frozenset({"b"}), keep_next=True)
            else:
                p = self.text_paragraph(body, b.text)
            self.mark(p, b.mark)
        elif isinstance(b, BulletList | NumberedList):
            numbered = isinstance(b, NumberedList)
            style = "List Number" if numbered else "List Bullet"
            num_id = None
            if isinstance(b, NumberedList):
                num_id = self.lists.new(b.start, b.numbering)
            for item, mark in zip(b.items, b.marks + (None,) * len(b.items), strict=False):
                p = self.text_paragraph(body, item, style, num_id=num_id)
                self.mark(p, mark)
        elif isinstance(b, ActionList):
            self.action_list(b)
        elif isinstance(b, Table):
            table(self, b.header, table_rows(b.rows), b.widths, b.merge_first, b.wide)
        elif isinstance(b, LabelledRows):
            rows: list[Cells | str] = [
                [([r.label], frozenset({"b", "plain"})), (list(r.values), frozenset())]
                for r in b.rows
            ]
            table(self, b.header, rows, (2, 5))
        else:
            raise TypeError(f"not a record block: {type(b).__name__}")

    def mark(self, p: Any, mark: str | None) -> None:
        if mark is not None:
            self.marks[p] = mark

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
            self.run(p, clean_xml(self.words.label(label)) + " ", frozenset({"b"}))
            self.inline(p, value)

    def action_list(self, b: ActionList) -> None:
        body = self.body
        previous: int | None = None
        num_id: int | None = None
        for n, a in enumerate(b.actions):
            if previous is None or a.number != previous + 1:
                num_id = self.lists.new(a.number)
            previous = a.number
            self.action(body, a, num_id, last=n == len(b.actions) - 1)

    def action(self, body: Any, a: ActionItem, num_id: int | None, *, last: bool) -> None:
        """One action; its sub-items sit close under it, as in the OPAG record."""
        rtl = is_rtl(a.text)
        base = frozenset({"rtl"}) if rtl else frozenset()
        tight = 0 if a.sub_items else None
        p = self.paragraph(body, "List Number", num_id=num_id, rtl=rtl, space_after=tight)
        self.mark(p, a.mark)
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
            sub_rtl = is_rtl(sub.text)
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


def render_docx(record: Record, path_or_stream: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the record as a .docx to a path or a binary stream."""
    from docx import Document

    doc = Document()
    rtl = is_right_to_left(record.language)
    writer = Writer(doc, record.language)
    fonts(writer)
    if rtl:
        right_to_left_defaults(doc.styles.element)
    body = writer.body
    sect_pr = body.sectPr
    if sect_pr is not None:
        body.remove(sect_pr)
        if rtl:
            mark_section(sect_pr)  # before the landscape sections copy it
    for child in list(body):  # the template's empty paragraph, if any
        body.remove(child)
    blocks = record.blocks
    starts = landscape_starts(blocks) if sect_pr is not None else set()
    landscape = 0 in starts
    for n, block in enumerate(blocks):
        following = blocks[n + 1] if n + 1 < len(blocks) else None
        if not landscape and n in starts:
            section_break(writer, sect_pr, landscape=False)
            landscape = True
        writer.block(block)
        if landscape and isinstance(block, Table) and block.wide and following is not None:
            section_break(writer, sect_pr, landscape=True)
            landscape = False
    if not record.redacted:
        from minutes_tui.record.docx_marks import add_bookmarks

        add_bookmarks(body, writer.marks)
    if sect_pr is not None:
        set_orientation(sect_pr, landscape)
        body.append(sect_pr)
    page(writer, record)
    properties(writer, record)
    # python-docx types save() as str | IO[bytes], but hands the path to ZipFile, which takes
    # any PathLike.
    doc.save(path_or_stream)  # type: ignore[arg-type]
