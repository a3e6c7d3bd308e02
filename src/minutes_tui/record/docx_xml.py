"""WordprocessingML names, page geometry, and text Word can open: what the Word writer's
modules share."""

from __future__ import annotations

import re
import unicodedata

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


def is_rtl(text: str) -> bool:
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
