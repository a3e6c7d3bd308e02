"""Right-to-left Word records (Arabic): which runs Word must read right to left, and the
document-wide settings that make a record and what a reviewer types in it RTL.

Word orders a line by the Unicode bidi algorithm, but a run's `w:rtl` also decides how its
spaces and punctuation are read (ECMA-376 §17.3.2.30: as right-to-left in an `rtl` run,
as left-to-right in any other). One `rtl` run holding "World Food Programme" can come out
with its words reversed; one plain run holding Arabic puts a final full stop at the wrong
end. So a paragraph is cut by script: each Latin stretch (with the spaces and digits inside
it, as the bidi algorithm would join them) is a plain run, everything else an `rtl` run.

Alignment needs no mirroring: in a `w:bidi` paragraph Word reads `w:jc` "left"/"right" and
`w:ind` "left"/"right" as start/end, so the centred header and footer, list indents and the
numbering's `lvlJc` already fall on the right side.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from minutes_tui.record.docx_xml import W_PPR, _w

# Has the Arabic script in Word on Windows and macOS (Calibri, the Latin body font, has not).
RTL_FONT = "Arial"
RTL_LANGUAGE = "ar-SA"  # w:lang w:bidi: the language Word proofs complex-script text in

# Children of w:pPr / w:sectPr that come after w:bidi (the schema's order; Word is strict).
_AFTER_PPR_BIDI = (
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_AFTER_SECT_BIDI = ("rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def script_runs(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, right_to_left): each stretch from a Latin letter to the last
    Latin letter (or digit that follows one: "COVID-19") before the next Arabic letter is a
    left-to-right piece; the rest (Arabic, and the spaces, punctuation and numbers around
    it) is right to left. "UNHCR: ناقش" → [("UNHCR", False), (": ناقش", True)]."""
    spans: list[tuple[int, int]] = []  # Latin stretches, [start, end)
    start = end = -1
    latin = False  # the last strong character was Latin (a paragraph starts right to left)
    previous = ""
    closers: list[str] = []  # brackets opened in this Latin stretch, innermost last
    for n, ch in enumerate(text):
        if ch.isascii():
            kind = "L" if ch.isalpha() else "EN" if ch.isdigit() else ""
            if start >= 0 and ch in _BRACKETS:
                closers.append(_BRACKETS[ch])
            elif closers and ch == closers[-1]:
                closers.pop()
                kind = "L"  # closes a bracket opened in Latin text: Latin too (UAX #9 N0)
        else:
            kind = unicodedata.bidirectional(ch)
            if kind == "NSM":  # a combining mark goes with the letter before it
                kind = previous
        previous = kind
        if kind == "L" or (kind == "EN" and latin):
            latin = True
            if start < 0:
                start = n
            end = n + 1
        elif kind in ("R", "AL"):
            latin = False
            closers.clear()
            if start >= 0:
                spans.append((start, end))
                start = -1
    if start >= 0:
        spans.append((start, end))
    pieces: list[tuple[str, bool]] = []
    at = 0
    for first, last in spans:
        if first > at:
            pieces.append((text[at:first], True))
        pieces.append((text[first:last], False))
        at = last
    if at < len(text):
        pieces.append((text[at:], True))
    return pieces


def _insert(parent: Any, child: Any, successors: tuple[str, ...]) -> None:
    """`child` into `parent` before the first of `successors` present (else at the end)."""
    names = {_w(s) for s in successors}
    for existing in parent:
        if existing.tag in names:
            existing.addprevious(child)
            return
    parent.append(child)


def mark_paragraph(p: Any) -> None:
    """Give a paragraph made elsewhere (python-docx's header, footer) `w:bidi`."""
    from lxml import etree

    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    if ppr.find(_w("bidi")) is None:
        _insert(ppr, etree.Element(_w("bidi")), _AFTER_PPR_BIDI)


def mark_section(sect_pr: Any) -> None:
    """A right-to-left section (Word's Page Setup "Section direction"): later sections copy it."""
    from lxml import etree

    if sect_pr.find(_w("bidi")) is None:
        _insert(sect_pr, etree.Element(_w("bidi")), _AFTER_SECT_BIDI)


def right_to_left_defaults(styles: Any) -> None:
    """The document's defaults, so that what a reviewer adds is right to left as well: every
    paragraph `w:bidi`, complex-script text in a font with Arabic, proofed as Arabic."""
    from lxml import etree

    defaults = styles.find(_w("docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(styles, _w("docDefaults"))
        styles.insert(0, defaults)
    rpr = _child(_child(defaults, "rPrDefault", first=True), "rPr")
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        fonts = etree.Element(_w("rFonts"))
        rpr.insert(0, fonts)
    fonts.attrib.pop(_w("cstheme"), None)  # a theme font would win over w:cs
    fonts.set(_w("cs"), RTL_FONT)
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = etree.SubElement(rpr, _w("lang"))
    lang.set(_w("bidi"), RTL_LANGUAGE)
    ppr = _child(_child(defaults, "pPrDefault"), "pPr")
    if ppr.find(_w("bidi")) is None:
        _insert(ppr, etree.Element(_w("bidi")), _AFTER_PPR_BIDI)


def _child(parent: Any, tag: str, first: bool = False) -> Any:
    from lxml import etree

    found = parent.find(_w(tag))
    if found is None:
        found = etree.Element(_w(tag))
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


__all__ = [
    "RTL_FONT",
    "mark_paragraph",
    "mark_section",
    "right_to_left_defaults",
    "script_runs",
]
