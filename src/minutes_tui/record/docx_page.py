"""The Word document's pages: sizes and margins, the header label and "Page N of M",
landscape sections for wide tables, fonts and the document's properties."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from minutes_tui.record.docx_bidi import mark_paragraph
from minutes_tui.record.docx_xml import (
    BODY_FONT,
    MARGIN_CM,
    PAGE_HEIGHT_CM,
    PAGE_WIDTH_CM,
    W_P,
    W_PPR,
    W_R,
    W_RPR,
    XML_SPACE,
    _w,
    clean_xml,
    is_rtl,
)
from minutes_tui.record.model import Block, Heading, Record, Table

if TYPE_CHECKING:
    from minutes_tui.record.docx import Writer


def page(w: Writer, record: Record) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    for each in w.doc.sections:  # a landscape table's pages are a section of their own
        across = each.orientation == WD_ORIENT.LANDSCAPE
        width, height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
        each.page_width, each.page_height = (height, width) if across else (width, height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(each, side, Cm(MARGIN_CM))
    section = w.doc.sections[0]  # later sections repeat its header and footer
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label = clean_xml(record.page_label)
    w.run(header._p, label, frozenset({"b", "grey"} | ({"rtl"} if is_rtl(label) else set())))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp = footer._p
    if w.rtl:
        mark_paragraph(header._p)
        mark_paragraph(fp)
    # "Page {page} of {pages}", "Página {page} de {pages}": the words around two fields
    words = re.split(r"(\{page\}|\{pages\})", w.words("Page {page} of {pages}"))
    for piece in words:
        if piece == "{page}":
            field(w, fp, "PAGE", "1")
        elif piece == "{pages}":
            field(w, fp, "NUMPAGES", "1")
        else:
            w.run(fp, piece, frozenset({"grey"}))


def section_break(w: Writer, template: Any, landscape: bool) -> None:
    """End the pages so far as a section of their own (portrait or landscape): the
    last paragraph carries a copy of the document's section properties."""
    import copy

    from lxml import etree

    last = w.body[-1] if len(w.body) else None
    if last is None:
        return  # nothing before: no empty section
    if last.tag != W_P or last.find(f"{W_PPR}/{_w('sectPr')}") is not None:
        last = w.paragraph(w.body, None)
    ppr = last.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        last.insert(0, ppr)
    sect = copy.deepcopy(template)
    for ref in sect.findall(_w("headerReference")) + sect.findall(_w("footerReference")):
        sect.remove(ref)
    set_orientation(sect, landscape)
    ppr.append(sect)


def field(w: Writer, p: Any, code: str, shown: str) -> None:
    from lxml import etree

    def fld(kind: str) -> None:
        r = etree.SubElement(p, W_R)
        etree.SubElement(r, _w("fldChar")).set(_w("fldCharType"), kind)

    fld("begin")
    instr = etree.SubElement(etree.SubElement(p, W_R), _w("instrText"))
    instr.text = f" {code} "
    instr.set(XML_SPACE, "preserve")
    fld("separate")
    w.run(p, shown, frozenset({"grey"}))
    fld("end")


def fonts(w: Writer) -> None:
    """A clean sans-serif body (Calibri, as most agency templates use)."""
    from lxml import etree

    defaults = w.doc.styles.element.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{W_RPR}")
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
        style = w.doc.styles[name].element
        rpr = style.find(W_RPR)
        if rpr is not None:
            f = rpr.find(_w("rFonts"))
            if f is not None:
                rpr.remove(f)
        spacing = style.find(f"{W_PPR}/{_w('spacing')}")
        if name.startswith("Heading") and spacing is not None:
            spacing.set(_w("after"), "120")


def properties(w: Writer, record: Record) -> None:
    props = w.doc.core_properties
    props.title = clean_xml(record.title)[:255]
    props.author = clean_xml(record.author)[:255] or "minutes-tui"
    props.last_modified_by = props.author
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = w.words.style_name(record.style)
    props.content_status = clean_xml(record.page_label)[:255]
    props.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    if record.date is not None:
        props.created = dt.datetime(record.date.year, record.date.month, record.date.day)
    else:
        props.created = now
    props.modified = now


def landscape_starts(blocks: tuple[Block, ...]) -> set[int]:
    """Where landscape pages begin: at each wide table, or at the heading just before it;
    at the very start when only the title page's blocks (no heading) come before, since a
    front page alone on a portrait page would be mostly blank."""
    starts: set[int] = set()
    for n, block in enumerate(blocks):
        if isinstance(block, Table) and block.wide:
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
