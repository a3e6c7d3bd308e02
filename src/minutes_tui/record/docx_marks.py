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

from minutes_tui.record.docx_xml import W_BR, W_P, W_T, W_TAB, _w

PREFIX = "m_"
TABLES = ("entry", "action")
# Word keeps at most 40 characters of a bookmark's name; ours take at most 32.
NAME_RE = re.compile(r"m_(entry|action)_(\d{1,12})_(\d{1,4})_([0-9a-f]{8})|m_x_\d{1,6}_[0-9a-f]{8}")
_FIXED = re.compile(r"m_x_\d{1,6}_([0-9a-f]{8})")


def text_hash(text: str) -> str:
    """The paragraph's text, spaces folded (a round trip may change them), hashed."""
    folded = " ".join(text.split())
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
    """The text of a paragraph this renderer wrote (no tracked changes in it yet)."""
    out = []
    for el in p.iter(W_T, W_TAB, W_BR):
        out.append(el.text or "" if el.tag == W_T else "\t" if el.tag == W_TAB else "\n")
    return "".join(out)


def add_bookmarks(body: Any, marked: dict[Any, str]) -> None:
    """Bookmark every paragraph of `body`; `marked` maps a paragraph element to its row's
    mark ("entry:42"), from the writer (holding the element keeps lxml's one proxy of it)."""
    from lxml import etree

    parts: dict[str, int] = {}
    for n, p in enumerate(body.iter(W_P)):
        digest = text_hash(own_text(p))
        mark = marked.get(p)
        if mark is not None:
            table, _, row = mark.partition(":")
            part = parts.get(mark, 0)
            parts[mark] = part + 1
            name = f"{PREFIX}{table}_{row}_{part}_{digest}"
        else:
            name = f"{PREFIX}x_{n}_{digest}"
        start = etree.Element(_w("bookmarkStart"))
        start.set(_w("id"), str(n))
        start.set(_w("name"), name)
        end = etree.Element(_w("bookmarkEnd"))
        end.set(_w("id"), str(n))
        ppr = p.find(_w("pPr"))
        p.insert(0 if ppr is None else 1, start)
        p.append(end)
