"""A returned draft taken in (`minutes incorporate`): its accepted changes as edits of their
rows' text and its comments kept, in one transaction and ONE step of the undo journal;
the comments listed until resolved.

The store is handed finished text (the reading and the matching are circulation's): it
checks that every row is this meeting's and the meeting may be changed, nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from minutes_tui.store.errors import NotFound
from minutes_tui.store.refs import Applied, Ref

if TYPE_CHECKING:
    from sqlmodel import Session

    from minutes_tui.store.dbapi import Snapshot
    from minutes_tui.store.models import Meeting

KIND = "incorporate"  # the journal step's kind
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # `at` is NOT NULL: never read as NULL


@dataclass(frozen=True)
class TextEdit:
    """A row's text from `before` (as the draft was matched against) to `after`."""

    table: str  # entry | action
    row_id: int
    before: str
    after: str


@dataclass(frozen=True)
class NewComment:
    row_table: str | None
    row_id: int | None
    author: str
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class CommentData:
    id: int
    row_table: str | None
    row_id: int | None
    author: str
    text: str
    anchor: str
    source: str
    at: dt.datetime
    resolved_at: dt.datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "row": f"{self.row_table}:{self.row_id}" if self.row_table else None,
            "author": self.author,
            "text": self.text,
            "anchor": self.anchor,
            "source": self.source,
            "at": self.at.isoformat(),
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
        }


def _row(s: Session, table: str, row_id: int, meeting_id: int) -> Any:
    from minutes_tui.store.models import Action, Entry

    row: Entry | Action | None = None
    if table == "entry":
        row = s.get(Entry, row_id)
    elif table == "action":
        row = s.get(Action, row_id)
    if row is None or row.meeting_id != meeting_id:
        raise NotFound(f"That {table} is not in meeting {meeting_id}: nothing was changed.")
    return row


def incorporate(
    s: Session,
    meeting: Meeting,
    edits: list[TextEdit],
    comments: list[NewComment],
    source: str,
) -> Applied:
    """Apply the edits and keep the comments; one journal step takes them all back. An
    edit whose row no longer holds `before` (changed since it was read) refuses it all."""
    from minutes_tui.store import journal
    from minutes_tui.store.models import ReviewComment

    assert meeting.id is not None
    mid = meeting.id
    refs: list[Ref] = []
    texts = []
    for edit in edits:
        row = _row(s, edit.table, edit.row_id, mid)
        if row.text != edit.before:
            raise NotFound(
                f"The {edit.table} changed while the draft was read: nothing was changed."
            )
        row.text = edit.after
        refs.append(Ref("entry" if edit.table == "entry" else "action", edit.row_id))
        texts.append([edit.table, edit.row_id, edit.before, edit.after])
    made = []
    for c in comments:
        if c.row_table is not None and c.row_id is not None:
            _row(s, c.row_table, c.row_id, mid)
        row = ReviewComment(
            meeting_id=mid,
            row_table=c.row_table,
            row_id=c.row_id,
            author=c.author,
            text=c.text,
            anchor=c.anchor,
            source=source,
        )
        s.add(row)
        s.flush()
        made.append(row.id)
    what = f"incorporation of {source}"
    data = {"texts": texts, "comments": made}
    step = journal.record(s, mid, KIND, what, data, refs)
    return Applied(KIND, refs, message=_summary(len(edits), len(made)), step=step)


def _summary(edits: int, comments: int) -> str:
    return (
        f"{edits} change{'s' * (edits != 1)} taken in, "
        f"{comments} comment{'s' * (comments != 1)} kept"
    )


def undo(s: Session, meeting_id: int, data: dict[str, Any]) -> Applied:
    """Put back every row's text as it was before the incorporation (where the row still
    holds the incorporated text) and remove the comments it kept."""
    from minutes_tui.store.models import ReviewComment

    refs = []
    for table, row_id, before, after in data["texts"]:
        try:
            row = _row(s, table, row_id, meeting_id)
        except NotFound:
            continue
        if row.text == after:
            row.text = before
            refs.append(Ref("entry" if table == "entry" else "action", row_id))
    for comment_id in data["comments"]:
        comment = s.get(ReviewComment, comment_id)
        if comment is not None and comment.meeting_id == meeting_id:
            s.delete(comment)
    return Applied(KIND, refs, message="Incorporation taken back")


_OPEN = (
    "SELECT id, row_table, row_id, author, text, anchor, source, at, resolved_at "
    "FROM review_comment WHERE meeting_id = ? AND resolved_at IS NULL ORDER BY id"
)


def open_comments(snap: Snapshot, meeting_id: int) -> list[CommentData]:
    """The meeting's comments not yet resolved, read as the loader reads (store/dbapi.py):
    plain SQL on a SQLite file (no SQLAlchemy: `show`) or on the team archive."""
    return [
        CommentData(r[0], r[1], r[2], r[3], r[4], r[5], r[6], snap.moment(r[7]) or _EPOCH, None)
        for r in snap.rows(_OPEN, meeting_id)
    ]


def resolve(s: Session, meeting_id: int, comment_id: int) -> CommentData:
    """Mark an open comment resolved (it stays, no longer listed)."""
    from minutes_tui.store.models import ReviewComment, now

    row = s.get(ReviewComment, comment_id)
    if row is None or row.meeting_id != meeting_id or row.id is None:
        raise NotFound(f"Meeting {meeting_id} has no comment {comment_id}.")
    if row.resolved_at is None:
        row.resolved_at = now()
    return CommentData(
        row.id,
        row.row_table,
        row.row_id,
        row.author,
        row.text,
        row.anchor,
        row.source,
        row.at,
        row.resolved_at,
    )
