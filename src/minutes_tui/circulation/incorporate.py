"""A draft returned from Word, taken back in (`minutes incorporate`, the Incorporate screen).

Each paragraph maps back to the row it was made from by the bookmark the export put on it
(record/docx_marks.py), wherever the reviewer moved it. What the draft proposes:

- **edit**: the row's tracked insertions and deletions, applied to the row's own text (the
  paragraph also holds the speaker, the owners, the due date: a change is placed by
  aligning the paragraph with the row's text, and one that falls outside it is shown as a
  difference instead);
- **comment**: a margin comment, with its author, kept with the row it is anchored to;
- **difference**: a paragraph changed without tracking (its text no longer hashes as
  exported), or a change that cannot be placed: shown, and kept as a comment if accepted;
- **addition**: a paragraph the reviewer added (no bookmark): shown, and kept as a comment
  on the row before it if accepted.

Nothing is lost: what is not an edit of a row's text is kept as an open comment. Marks of
rows that are not this meeting's are never applied (counted, and said). Accepted proposals
go in as one transaction and one undo step (store/review.py).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from minutes_tui.circulation.returned import Change, Comment, Para, read_returned
from minutes_tui.domain.text import clean_text
from minutes_tui.reading.safe_read import FileRefused
from minutes_tui.record.docx_marks import text_hash
from minutes_tui.record.model import escape_inline

if TYPE_CHECKING:
    from minutes_tui.store.refs import Applied
    from minutes_tui.store.review import CommentData, NewComment
    from minutes_tui.store.store import Store

Kind = Literal["edit", "comment", "difference", "addition"]
Row = tuple[str, int]


class IncorporateError(Exception):
    """Why the draft cannot be taken in: one sentence; nothing was changed."""


@dataclass(frozen=True)
class Proposal:
    kind: Kind
    row: Row | None  # the row it changes or is kept with
    before: str  # edit: the row's text now; difference: what was exported (or the row's)
    after: str  # edit: the row's new text; comment: its text; else the paragraph now
    author: str
    stale: bool = False  # a change to a row whose text changed since the export

    @property
    def where(self) -> str:
        return f"{self.row[0]} {self.row[1]}" if self.row else "the meeting"

    def describe(self) -> str:
        """One line for the terminal: what, where, before → after, by whom."""
        by = f" ({self.author})" if self.author else ""
        if self.kind == "edit":
            return f"change {self.where}: {self.before!r} → {self.after!r}{by}"
        if self.kind == "comment":
            return f"comment on {self.where}{by}: {self.after!r}"
        if self.kind == "addition":
            return f"added paragraph after {self.where}{by}: {self.after!r}"
        if self.stale:
            return (
                f"not applied, {self.where} changed since this draft was exported "
                f"(taken in already?){by}: the draft reads {self.after!r}"
            )
        if self.before == self.after:  # what was exported is not known: only its hash
            return f"changed without tracking, {self.where}{by}: now reads {self.after!r}"
        return f"changed without tracking, {self.where}{by}: {self.before!r} → {self.after!r}"

    def kept_as(self) -> NewComment:
        """What the meeting keeps of it when it is not an edit: an open comment."""
        from minutes_tui.store.review import NewComment

        table, row_id = self.row if self.row else (None, None)
        text = self.after
        if self.stale:
            text = f"Proposed on text changed since the export, not applied: {self.after}"
        elif self.kind == "difference":
            text = f"Changed without tracking; the paragraph now reads: {self.after}"
        elif self.kind == "addition":
            text = f"Paragraph added: {self.after}"
        # A reviewer's text, kept as one line: no controls, no bidi overrides, no breaks.
        author = clean_text(self.author) or "reviewer"
        return NewComment(table, row_id, author, clean_text(text), clean_text(self.before))


@dataclass(frozen=True)
class Reading:
    source: str
    proposals: list[Proposal]
    foreign: int  # paragraphs marked with rows of other meetings: never applied

    @property
    def ignored(self) -> str:
        n = self.foreign
        return (
            f"{n} paragraph{'s' * (n != 1)} marked with rows that are not this meeting's "
            "(another meeting's, confidential, or deleted since the export) ignored"
        )


def read(store: Store, meeting_id: int, path: Path) -> Reading:
    """What the returned draft proposes for the meeting; IncorporateError when it cannot."""
    from minutes_tui.store.errors import StoreError

    try:
        data = store.load(meeting_id)
    except StoreError as exc:  # trashed or gone since the list was read
        raise IncorporateError(str(exc)) from None
    if data.status == "final":
        raise IncorporateError(
            f"Meeting {meeting_id} is final: reopen it to take in a reviewer's changes."
        )
    try:
        returned = read_returned(path)
    except (FileRefused, OSError) as exc:
        raise IncorporateError(f"{str(exc).rstrip('.')}: nothing was changed.") from None
    if not returned.marked:
        raise IncorporateError(
            f"{path.name} carries none of the marks a Word record exported by minutes "
            "carries (another document, or a record exported before them): nothing was changed."
        )
    # A confidential row is never in a circulated export (record/docx_marks.py), and the
    # draft does not say it was exported with them: a mark naming one is forged, ignored.
    texts: dict[Row, str] = {("entry", e.id): e.text for e in data.entries if not e.confidential}
    texts |= {("action", a.id): a.text for a in data.actions if not a.confidential}
    proposals, foreign = _proposals(returned.paragraphs, returned.comments, texts)
    if foreign and not any(p.row for p in proposals) and not _ours(returned.paragraphs, texts):
        raise IncorporateError(
            f"{path.name} is the record of another meeting, not of meeting {meeting_id}: "
            "nothing was changed."
        )
    return Reading(path.name, proposals, foreign)


def _ours(paragraphs: list[Para], texts: dict[Row, str]) -> bool:
    return any(
        p.mark and p.mark.table and (p.mark.table, p.mark.row_id) in texts for p in paragraphs
    )


def _proposals(
    paragraphs: list[Para], comments: dict[str, Comment], texts: dict[Row, str]
) -> tuple[list[Proposal], int]:
    groups: dict[Row, list[Para]] = {}
    for para in paragraphs:
        m = para.mark
        if m is not None and m.table is not None and (m.table, m.row_id) in texts:
            assert m.row_id is not None
            groups.setdefault((m.table, m.row_id), []).append(para)
    out: list[Proposal] = []
    foreign = 0
    last: Row | None = None
    for para in paragraphs:
        m = para.mark
        if m is None:
            if para.after.strip():
                author = _authors(c for c in para.changes if c.kind == "ins")
                out.append(Proposal("addition", last, "", para.after.strip(), author))
        elif m.table is None:
            if para.changes or text_hash(para.before) != m.digest:
                author = _authors(para.changes)
                out.append(Proposal("difference", last, para.before, para.after, author))
        elif m.row_id is None or (m.table, m.row_id) not in texts:
            foreign += 1
            continue  # another meeting's row: its comments are not ours to keep either
        else:
            row = (m.table, m.row_id)
            if row != last and row in groups:
                out += _row_proposal(row, groups.pop(row), texts[row])
            last = row
        for cid in para.comments:
            c = comments.get(cid)
            if c is not None and c.text:
                out.append(Proposal("comment", last, para.after.strip(), c.text, c.author))
    return out, foreign


def _authors(changes: Iterable[Change]) -> str:
    return ", ".join(dict.fromkeys(c.author for c in changes if c.author))


def _row_proposal(row: Row, paras: list[Para], raw: str) -> list[Proposal]:
    """The row's paragraphs (in the order of their parts) as one edit, or a difference."""
    by_part: dict[int, list[Para]] = {}
    for p in paras:
        assert p.mark is not None
        by_part.setdefault(p.mark.part, []).append(p)
    before, after = [], []
    changes: list[Change] = []
    untracked = False
    offset = 0
    for part in sorted(by_part):
        group = by_part[part]
        text = "".join(p.before for p in group)
        untracked |= text_hash(text) != group[0].mark.digest  # type: ignore[union-attr]
        at = offset
        for p in group:
            changes += [Change(c.kind, at + c.start, c.text, c.author) for c in p.changes]
            at += len(p.before)
        before.append(text)
        after.append("".join(p.after for p in group))
        offset += len(text) + 1
    was, now = "\n".join(before), "\n".join(after)
    author = _authors(changes)
    if untracked:
        return [Proposal("difference", row, raw, now, author)]
    if changes and not _still_exported(raw, was):
        # The row changed since the export (this draft was taken in already, or the text
        # was edited): placing the insertion again would repeat it. Kept, not applied.
        return [Proposal("difference", row, was, now, author, stale=True)]
    if not changes:
        return []
    new = rebase(was, raw, changes)
    if new is None or not new.strip():
        return [Proposal("difference", row, was, now, author)]
    return [Proposal("edit", row, raw, new, author)] if new != raw else []


def _still_exported(raw: str, was: str) -> bool:
    """Is the row's text still what the paragraph was exported from? Its words (white
    space and inline markup marks aside) are still in the paragraph as exported."""

    def fold(text: str) -> str:
        text = _LINK.sub(r"\1", text)  # a Markdown link is exported as its label
        return "".join(ch for ch in "".join(text.split()) if ch not in "*_`\\")

    return fold(raw) in fold(was)


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def rebase(before: str, raw: str, changes: list[Change]) -> str | None:
    """The row's text with the paragraph's tracked changes placed in it: positions in the
    paragraph are mapped to the row's text where the two align. None when a change falls
    outside the row's own words (a speaker, an owner, a due date)."""
    blocks = [
        b
        for b in SequenceMatcher(None, before, raw, autojunk=False).get_matching_blocks()
        if b.size
    ]

    def at(pos: int, *, end: bool) -> int | None:
        for a, b, size in blocks:
            if a < pos < a + size or (pos == a and not end) or (pos == a + size and end):
                return b + pos - a
        for a, b, size in blocks:  # an insertion at the very edge of the row's words
            if pos in (a, a + size):
                return b + pos - a
        return None

    edits: list[tuple[int, int, str]] = []
    for c in changes:
        if c.kind == "ins":
            where = at(c.start, end=True)
            if where is None:
                return None
            edits.append((where, where, _plain_insert(c.text)))
        else:
            start, stop = at(c.start, end=False), at(c.start + len(c.text), end=True)
            if start is None or stop is None or stop < start:
                return None
            edits.append((start, stop, ""))
    text = raw
    for start, stop, insert in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + insert + text[stop:]
    return text


def _plain_insert(text: str) -> str:
    """Inserted text as the reviewer saw it: entry text is Markdown (`*b*` is exported in
    italics), so what was typed in Word is escaped to read back as typed; one line, no
    controls or bidi overrides, its spacing at either end kept."""
    text = text.replace("\u2028", " ").replace("\u2029", " ")  # line breaks: spaces
    return escape_inline(clean_text(f"x{text}x", keep_spacing=True)[1:-1])


def apply(store: Store, meeting_id: int, reading: Reading, accepted: list[Proposal]) -> Applied:
    """The accepted proposals, in as one transaction and one undo step."""
    from minutes_tui.store.errors import StoreError
    from minutes_tui.store.final import check_writable
    from minutes_tui.store.models import now
    from minutes_tui.store.review import TextEdit, incorporate

    edits = [
        TextEdit(p.row[0], p.row[1], p.before, p.after)
        for p in accepted
        if p.kind == "edit" and p.row is not None
    ]
    kept = [p.kept_as() for p in accepted if p.kind != "edit"]
    try:
        with store.write() as s:
            meeting = check_writable(s, meeting_id)
            result = incorporate(s, meeting, edits, kept, reading.source)
            meeting.updated_at = now()
    except StoreError as exc:
        raise IncorporateError(str(exc)) from None
    return result


def resolve(store: Store, meeting_id: int, comment_id: int) -> CommentData:
    """Mark a kept comment resolved: no longer listed. A final meeting's comments may be
    resolved too (they are the secretariat's notes, not the record)."""
    from minutes_tui.store.errors import StoreError
    from minutes_tui.store.final import MeetingFinal, check_writable
    from minutes_tui.store.review import resolve as resolve_comment

    try:
        with store.write() as s:
            with contextlib.suppress(MeetingFinal):
                check_writable(s, meeting_id)
            return resolve_comment(s, meeting_id, comment_id)
    except StoreError as exc:
        raise IncorporateError(str(exc)) from None


def open_comments(store: Store, meeting_id: int) -> list[CommentData]:
    from minutes_tui.store.review import open_comments as read_open

    with store.snapshot() as snap:
        return read_open(snap, meeting_id)
