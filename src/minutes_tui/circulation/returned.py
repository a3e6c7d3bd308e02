"""A Word draft returned by a reviewer, read: each paragraph with the bookmark we wrote on
it (record/docx_marks.py), its text before and after the reviewer's tracked changes, the
changes themselves (w:ins, w:del, w:moveTo, w:moveFrom, with their authors), and the
comments anchored in it (word/comments.xml, by w:commentRangeStart or w:commentReference).

The file goes through the safe reader first (word_package.checked_package: size, zip bomb,
DTD and element counts); lxml then parses the checked parts with entities unresolved and
no network. Word, LibreOffice and python-docx all write tracked changes this way.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from minutes_tui.reading.safe_read import FileRefused
from minutes_tui.record.docx_marks import parse_name

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_INSERTED = {f"{{{W}}}ins", f"{{{W}}}moveTo"}
_DELETED = {f"{{{W}}}del", f"{{{W}}}moveFrom"}
MAX_TEXT = 200_000  # characters of one paragraph or comment worth reading


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Mark:
    """What our bookmark on a paragraph says: the row (None for a fixed paragraph such as
    a heading), which of the row's paragraphs, and the hash of its text as exported."""

    table: str | None
    row_id: int | None
    part: int
    digest: str


@dataclass(frozen=True)
class Change:
    """One tracked change, at `start` in the paragraph's text before the changes."""

    kind: Literal["ins", "del"]
    start: int
    text: str
    author: str


@dataclass
class Para:
    mark: Mark | None = None
    before: str = ""  # as exported, if only tracked changes were made: kept + deleted
    after: str = ""  # the reviewer's text: kept + inserted
    changes: list[Change] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # comment ids anchored here, in order
    seen: set[str] = field(default_factory=set, repr=False)  # the same ids, to look up


@dataclass(frozen=True)
class Comment:
    id: str
    author: str
    text: str


@dataclass
class Returned:
    paragraphs: list[Para]
    comments: dict[str, Comment]

    @property
    def marked(self) -> bool:
        return any(p.mark is not None for p in self.paragraphs)


def read_returned(path: Path) -> Returned:
    """The returned draft, read; FileRefused with one sentence when it cannot be."""
    from minutes_tui.reading.word_package import checked_package

    package = checked_package(path)
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        names = {n.casefold(): n for n in z.namelist()}
        document = names.get("word/document.xml")
        if document is None:
            raise FileRefused(f"{path.name}: not a Word document (no word/document.xml)")
        body = _parse(path, z.read(document)).find(_w("body"))
        comments_part = names.get("word/comments.xml")
        comments = _comments(_parse(path, z.read(comments_part))) if comments_part else {}
    if body is None:
        raise FileRefused(f"{path.name}: not a Word document (its document has no body)")
    return Returned(_paragraphs(body), comments)


def _parse(path: Path, blob: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(blob, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        from minutes_tui.reading.word_package import why

        raise FileRefused(f"{path.name}: its XML is broken ({why(exc)})") from None


def _comments(root: Any) -> dict[str, Comment]:
    out = {}
    for c in root.iter(_w("comment")):
        cid = c.get(_w("id")) or ""
        text = "\n".join(_plain(p) for p in c.iter(_w("p"))).strip()
        out[cid] = Comment(cid, (c.get(_w("author")) or "").strip(), text[:MAX_TEXT])
    return out


def _plain(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(_w("t")))


def _state(el: Any, p: Any) -> tuple[str, str]:
    """Is `el` inserted, deleted or kept, and by whom (its nearest tracked ancestor)?"""
    node = el.getparent()
    while node is not None and node is not p:
        if node.tag in _INSERTED:
            return "ins", node.get(_w("author")) or ""
        if node.tag in _DELETED:
            return "del", node.get(_w("author")) or ""
        node = node.getparent()
    return "keep", ""


def _paragraphs(body: Any) -> list[Para]:
    """Every paragraph in document order, with the bookmark of ours open in it."""
    out: list[Para] = []
    open_marks: dict[str, Mark] = {}
    tags = {_w(t) for t in ("p", "bookmarkStart", "bookmarkEnd", "t", "delText", "tab", "br")}
    tags |= {_w("commentRangeStart"), _w("commentReference")}
    current: tuple[Any, Para] | None = None
    for el in body.iter(*tags):
        tag = el.tag
        if tag == _w("p"):
            para = Para(mark=next(reversed(open_marks.values()), None))
            current = (el, para)
            out.append(para)
            continue
        if tag == _w("bookmarkStart"):
            parsed = parse_name(el.get(_w("name")) or "")
            if parsed is not None:
                mark = Mark(*parsed)
                open_marks[el.get(_w("id")) or ""] = mark
                if current is not None and current[1].mark is None:
                    current[1].mark = mark
            continue
        if tag == _w("bookmarkEnd"):
            open_marks.pop(el.get(_w("id")) or "", None)
            continue
        if current is None:
            continue
        p, para = current
        if tag in (_w("commentRangeStart"), _w("commentReference")):
            cid = el.get(_w("id")) or ""
            if cid not in para.seen:  # a set: a crafted file may anchor 100,000 here
                para.seen.add(cid)
                para.comments.append(cid)
            continue
        text = (
            el.text or "" if tag in (_w("t"), _w("delText")) else "\t" if tag == _w("tab") else "\n"
        )
        state, author = _state(el, p)
        if tag == _w("delText") and state == "keep":
            state = "del"  # deleted text outside a w:del: deleted all the same
        _add(para, state, author, text)
    return out


def _add(para: Para, state: str, author: str, text: str) -> None:
    if not text or len(para.before) + len(para.after) > 2 * MAX_TEXT:
        return
    start = len(para.before)
    if state == "keep":
        para.before += text
        para.after += text
        return
    kind: Literal["ins", "del"] = "ins" if state == "ins" else "del"
    last = para.changes[-1] if para.changes else None
    if last and last.kind == kind and last.author == author and _adjacent(last, start, kind):
        para.changes[-1] = Change(kind, last.start, last.text + text, author)
    else:
        para.changes.append(Change(kind, start, text, author))
    if kind == "ins":
        para.after += text
    else:
        para.before += text


def _adjacent(last: Change, start: int, kind: str) -> bool:
    """Runs of one change split over several w:r: one change again."""
    return start == (last.start if kind == "ins" else last.start + len(last.text))
