"""Bookmarks that let a Word record come back: each paragraph of the body carries one.

A paragraph made from a stored row (a point, a list item, an action) is bookmarked
`m_entry_42_0_1a2b3c4d`: the row's table and id, the paragraph's place among that row's
paragraphs, and the first 8 hex digits of the SHA-256 of its text as exported. Every other
paragraph (headings, labels, the title block, table cells) is bookmarked `m_x_17_1a2b3c4d`.
When the draft comes back (circulation/returned.py), a paragraph with no bookmark was added
by the reviewer, and one whose text no longer hashes as exported was changed without
tracking: both are shown, never lost.

What a bookmark tells a reader of the file: the ids of rows whose text is in the file anyway
(ids count up across every meeting of a home, so their gaps say nothing of one meeting) and
a hash of text printed beside it. Confidential rows are not in a circulated record, so
neither are their ids. A redacted record (`--redact`, for readers outside the meeting) is
written without bookmarks: it is for publication, not for clearance.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from minutes_tui.record.docx_xml import W_P, _w

PREFIX = "m_"
TABLES = ("entry", "action")
# Word keeps at most 40 characters of a bookmark's name; ours take at most 32.
NAME_RE = re.compile(r"m_(entry|action)_(\d{1,12})_(\d{1,4})_([0-9a-f]{8})|m_x_\d{1,6}_[0-9a-f]{8}")
_FIXED = re.compile(r"m_x_\d{1,6}_([0-9a-f]{8})")


def text_hash(text: str) -> str:
    """The paragraph's text without its white space (a round trip may change spaces, tabs
    and breaks; a change of words is what counts), hashed."""
    folded = "".join(text.split())
    return hashlib.sha256(folded.encode("utf-8", "replace")).hexdigest()[:8]


def parse_name(name: str) -> tuple[str | None, int | None, int, str] | None:
    """(table, id, part, hash) of one of our bookmarks, (None, None, 0, hash) for a fixed
    paragraph's; None for any other name (the reviewer's own bookmarks)."""
    m = NAME_RE.fullmatch(name)
    if m is None:
        return None
    if m.group(1) is None:
        fixed = _FIXED.fullmatch(name)
        assert fixed is not None
        return None, None, 0, fixed.group(1)
    return m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)


def own_text(p: Any) -> str:
    """The text of a paragraph this renderer wrote (no tracked changes, no field codes in
    it): all its text nodes, read in C (a proxy a run would cost 1/4 of a long export)."""
    global _STRING
    if _STRING is None:
        from lxml import etree

        _STRING = etree.XPath("string()")
    return str(_STRING(p))


_STRING: Any = None


def add_bookmarks(body: Any, marked: dict[Any, str]) -> None:
    """Bookmark every paragraph of `body`; `marked` maps a paragraph element to its row's
    mark ("entry:42"), from the writer (holding the element keeps lxml's one proxy of it)."""
    from lxml import etree

    start_tag, end_tag, id_attr, name_attr = (
        _w("bookmarkStart"),
        _w("bookmarkEnd"),
        _w("id"),
        _w("name"),
    )
    ppr_tag = _w("pPr")
    parts: dict[str, int] = {}
    for n, p in enumerate(list(body.iter(W_P))):  # a list: the loop adds to the tree
        digest = text_hash(own_text(p))
        mark = marked.get(p)
        if mark is not None:
            table, _, row = mark.partition(":")
            part = parts.get(mark, 0)
            parts[mark] = part + 1
            name = f"{PREFIX}{table}_{row}_{part}_{digest}"
        else:
            name = f"{PREFIX}x_{n}_{digest}"
        start = etree.Element(start_tag, {id_attr: str(n), name_attr: name})
        p.insert(1 if len(p) and p[0].tag == ppr_tag else 0, start)
        etree.SubElement(p, end_tag, {id_attr: str(n)})
