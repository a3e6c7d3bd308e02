"""The undo journal: every undoable step done in a meeting, kept in the database.

A step — lines captured (one, or a whole paste), a line edited in place, a line deleted,
the meeting's details changed — is one row of `journal`, written in the same transaction
as the change itself (by the store, and by the Enter fast path in `fastpath`), so ctrl+z
undoes the last thing done in a meeting even after a restart, whichever window did it.

A step holds what reverses it: the rows a capture made (and the fields it changed, to put
back), the line an edited or deleted row was typed as, the details' earlier values. The
rows a step names may be gone since (deleted, replaced, their meeting purged): undo skips
such a step rather than touch anything else. Each write keeps only the KEEP newest
steps of its meeting, pruned in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from minutes_tui.store.refs import Applied, Ref

if TYPE_CHECKING:
    from sqlalchemy import CursorResult
    from sqlmodel import Session

    from minutes_tui.domain.entries import Entry
    from minutes_tui.store.models import Meeting

KEEP = 200  # steps a meeting keeps: far more ctrl+z than anyone presses

INSERT = "INSERT INTO journal (meeting_id, kind, what, refs, data, at) VALUES (?, ?, ?, ?, ?, ?)"
# What lies beyond a meeting's KEEP newest steps (the index on (meeting_id, id) walks them;
# with fewer steps the subquery is NULL and nothing goes).
# Named parameters through SQLAlchemy's text(): the same statements on SQLite and on the
# team archive (PostgreSQL); only the Enter fast path (SQLite) uses INSERT directly.
PRUNE = (
    "DELETE FROM journal WHERE meeting_id = :m AND id <= ("
    "SELECT id FROM journal WHERE meeting_id = :m ORDER BY id DESC LIMIT 1 OFFSET :keep)"
)
_LAST = "SELECT id, kind, what, data FROM journal WHERE meeting_id = :m ORDER BY id DESC LIMIT 1"


@dataclass(frozen=True)
class Step:
    """One journal row, read back."""

    id: int
    kind: str  # capture | edit | delete | details | delete_item | confidential | attendance
    # | *_participant
    what: str
    data: dict[str, Any]


# ---- encoding: JSON with dates and times kept as such --------------------------------


def _plain(value: object) -> object:
    for kind in (dt.datetime, dt.date, dt.time):
        if isinstance(value, kind):
            return {f"${kind.__name__}": value.isoformat()}
    return str(value)  # never fail the write it belongs to over a value journal can't type


_READ: dict[str, Callable[[str], object]] = {
    "$datetime": dt.datetime.fromisoformat,
    "$date": dt.date.fromisoformat,
    "$time": dt.time.fromisoformat,
}


def _typed(obj: dict[str, Any]) -> object:
    if len(obj) == 1:
        ((key, value),) = obj.items()
        read = _READ.get(key)
        if read is not None:
            return read(value)
    return obj


def encode(data: dict[str, Any]) -> str:
    return json.dumps(data, default=_plain, separators=(",", ":"))


def decode(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text, object_hook=_typed)
    return data


def refs_text(refs: list[Ref]) -> str:
    """Searchable with LIKE '% entry:12 %' (see `forget`)."""
    return " " + " ".join(f"{r.table}:{r.id}" for r in refs) + " " if refs else ""


def storable(text: str) -> str:
    """The typed line as the database can hold it: a lone surrogate (a broken paste) cannot
    be encoded as UTF-8, so it becomes U+FFFD, as the grammar's cleaning makes it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def capture_data(
    parts: list[Applied], lines: list[str], item_id: int | None = None
) -> dict[str, Any]:
    """What undoes a capture, and where its lines were typed (redo types them there)."""
    return {
        "parts": [
            {"kind": p.kind, "refs": [[r.table, r.id] for r in p.refs], "restore": p.restore}
            for p in parts
        ],
        "lines": [storable(line) for line in lines],
        "item_id": item_id,
    }


# ---- writing, inside the caller's transaction -----------------------------------------


def record(
    s: Session, meeting_id: int, kind: str, what: str, data: dict[str, Any], refs: list[Ref]
) -> int:
    """Add a step (and prune the meeting's oldest beyond KEEP); its id."""
    from minutes_tui.store.models import JournalStep

    row = JournalStep(
        meeting_id=meeting_id,
        kind=kind,
        what=storable(what),
        refs=refs_text(refs),
        data=encode(data),
    )
    s.add(row)
    s.flush()
    assert row.id is not None
    _sql(s, PRUNE, m=meeting_id, keep=KEEP)
    return row.id


def record_capture(
    s: Session, meeting_id: int, parts: list[Applied], lines: list[str], item_id: int | None
) -> int | None:
    """A capture of one line or a paste typed under `item_id` (blank lines store nothing
    and are not a step)."""
    stored = [p for p in parts if p.kind != "blank"]
    if not stored:
        return None
    what = lines[0] if len(lines) == 1 else f"{len(lines)} pasted lines"
    refs = [r for p in stored for r in p.refs]
    return record(s, meeting_id, "capture", what, capture_data(stored, lines, item_id), refs)


def forget(s: Session, meeting_id: int, ref: Ref) -> None:
    """A row deleted: the steps that made or edited it can no longer be undone (its id
    may even be given to a new row, which their undo must never touch)."""
    _sql(
        s,
        "DELETE FROM journal WHERE meeting_id = :m AND refs LIKE :ref",
        m=meeting_id,
        ref=f"% {ref.table}:{ref.id} %",
    )


def last(s: Session, meeting_id: int) -> Step | None:
    row = _sql(s, _LAST, m=meeting_id).first()
    if row is None:
        return None
    step_id, kind, what, data = tuple(row)
    return Step(step_id, kind, what, decode(data))


def take(s: Session, step_id: int) -> bool:
    """Remove a step about to be undone; False when it is already gone (another window
    undid it a moment ago)."""
    result = _sql(s, "DELETE FROM journal WHERE id = :id", id=step_id)
    return bool(result.rowcount)


def _sql(s: Session, sql: str, **params: object) -> CursorResult[Any]:
    from sqlalchemy import text

    return s.connection().execute(text(sql), params)


# ---- undoing, inside the caller's transaction -----------------------------------------


def undo(s: Session, meeting: Meeting, step: Step, entry: Entry | None) -> Applied | None:
    """Reverse one step. `entry` is the earlier line of an edit or a deletion, parsed by
    the caller (the store never parses). None when what the step names is gone."""
    from minutes_tui.store import confidential, edits, meetings, people, removals
    from minutes_tui.store.apply import apply

    assert meeting.id is not None
    mid, data = meeting.id, step.data
    if step.kind in ("capture", "add_participant"):
        parts = []
        for part in data["parts"]:
            refs = [Ref(t, i) for t, i in part["refs"]]
            live = [r for r in refs if _exists(s, mid, r)]
            if live or (part["restore"] and part["kind"] != "review") or not refs:
                parts.append(Applied(part["kind"], live, restore=part["restore"]))
        if not parts:
            return None
        for part in reversed(parts):
            edits.undo(s, part, meeting)
        return Applied("capture", [r for p in parts for r in p.refs])
    if step.kind == "edit":
        ref = Ref(*data["ref"])
        if not _exists(s, mid, ref):
            return None
        if "replaced" in data:  # an edit into another kind: its row out, the old rows back
            made = data["made"]
            refs = [Ref(t, i) for t, i in made["refs"]]
            edits.undo(s, Applied(made["kind"], refs, restore=made["restore"]), meeting)
            s.flush()
            return removals.restore(s, mid, data["replaced"])
        if entry is None:
            return None
        return edits.edit(s, ref, meeting, entry)
    if step.kind == "delete" and "rows" in data:
        return removals.restore(s, mid, data)
    if step.kind == "delete":  # written by an older version: the line typed again
        item_id = data.get("item_id")
        if entry is None or (item_id is not None and not _exists(s, mid, Ref("item", item_id))):
            return None
        return apply(s, meeting, item_id, entry)
    if step.kind == "details":
        meetings.update(s, mid, **data["fields"])
        return Applied("details", [Ref("meeting", mid)], message="Meeting details restored")
    if step.kind in ("delete_item", "remove_participant"):
        return removals.restore(s, mid, data)
    if step.kind == "confidential":
        if not _exists(s, mid, Ref(*data["was"][0][:2])):
            return None
        confidential.put_back(s, data["was"])
        return Applied("confidential", [Ref(*data["was"][0][:2])])
    if step.kind in ("attendance", "participant"):
        return people.put_back(s, mid, data["was"])
    if step.kind == "incorporate":
        from minutes_tui.store import review

        return review.undo(s, mid, data)
    return None  # a kind a newer version wrote: not ours to guess


def _exists(s: Session, meeting_id: int, ref: Ref) -> bool:
    """Is the row still there, and still this meeting's (ids of deleted rows are reused)?"""
    from minutes_tui.store.edits import MODELS
    from minutes_tui.store.models import Action, ActionSubItem

    model = MODELS.get(ref.table)
    if model is None:
        return True  # the meeting's own fields ("next", "meeting")
    row = s.get(model, ref.id)
    if row is None:
        return False
    if isinstance(row, ActionSubItem):
        action = s.get(Action, row.action_id)
        return action is not None and action.meeting_id == meeting_id
    return getattr(row, "meeting_id", None) == meeting_id
