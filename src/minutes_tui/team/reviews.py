"""Action reviews through the team archive: append-only, merged from everyone.

A review typed on home B (in one of B's meetings) of an action of A's meeting is pushed
by B and pulled by A, each by its own uuid; sync never deletes a review. An action's
status is then its latest review's, on every side that has it (`settle_status`).
Confidential reviews, and reviews of confidential actions, stay home unless the sync is
told to include them. The archive dates a review at most by its own clock (migration
0013): the pushing home takes the server's time back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, exists, select, update

from minutes_tui.domain.vocabulary import STATUSES
from minutes_tui.team.copies import Row, table, upsert, utc

if TYPE_CHECKING:
    from minutes_tui.store.store import Store

CHUNK = 500  # ids a statement: well under every driver's limit on bound parameters


def review_rows(conn: Connection) -> dict[str, Row]:
    """Every review with what it points to as uuids, and the owner of its meeting."""
    au, a, m, ai = (table(n) for n in ("action_update", "action", "meeting", "agenda_item"))
    query = select(
        au.c.uuid,
        au.c.status,
        au.c.text,
        au.c.confidential,
        au.c.created_at,
        a.c.uuid.label("action"),
        a.c.confidential.label("action_confidential"),
        m.c.uuid.label("meeting"),
        m.c.owner.label("owner"),
        ai.c.uuid.label("item"),
    ).select_from(
        au.join(a, a.c.id == au.c.action_id)
        .join(m, m.c.id == au.c.meeting_id)
        .outerjoin(ai, ai.c.id == au.c.item_id)
    )
    # Plain tuples zipped with the column names once: a sync with nothing changed reads
    # every review on both sides, and Row._mapping per row was most of its time.
    result = conn.execute(query)
    names = tuple(result.keys())
    rows: dict[str, Row] = {}
    for values in result:
        row = dict(zip(names, values, strict=True))
        row["created_at"] = utc(row["created_at"])
        rows[row["uuid"]] = row
    return rows


_SAME = ("status", "text", "confidential", "created_at", "action", "meeting", "item")


def _differs(a: Row, b: Row | None) -> bool:
    return b is None or any(a[k] != b[k] for k in _SAME)


def _ids(conn: Connection, name: str, uuids: set[str]) -> dict[str, int]:
    t = table(name)
    wanted = sorted(u for u in uuids if u)
    found: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        found.update(
            {u: i for u, i in conn.execute(select(t.c.uuid, t.c.id).where(t.c.uuid.in_(chunk)))}
        )
    return found


def _write_reviews(conn: Connection, reviews: list[Row]) -> int:
    """Upsert reviews (uuid-keyed rows) here; those whose action or meeting this database
    does not hold are skipped. Returns how many were written."""
    actions = _ids(conn, "action", {r["action"] for r in reviews})
    meetings = _ids(conn, "meeting", {r["meeting"] for r in reviews})
    items = _ids(conn, "agenda_item", {r["item"] for r in reviews if r["item"]})
    rows = [
        {
            "uuid": r["uuid"],
            "action_id": actions[r["action"]],
            "meeting_id": meetings[r["meeting"]],
            "item_id": items.get(r["item"]) if r["item"] else None,
            "status": r["status"],
            "text": r["text"],
            "confidential": r["confidential"],
            "created_at": r["created_at"],
        }
        for r in reviews
        if r["action"] in actions and r["meeting"] in meetings and r["status"] in STATUSES
    ]
    upsert(conn, "action_update", rows)
    settle_status(conn, sorted({r["action_id"] for r in rows}))
    return len(rows)


def pull_reviews(store: Store, archive: Engine, me: str, archive_home: str) -> int:
    """The others' reviews this home lacks (or holds otherwise); how many were written."""
    with archive.connect() as ac:
        theirs = [r for r in review_rows(ac).values() if (r["owner"] or archive_home) != me]
        ac.rollback()
    with store.write() as s:
        local = review_rows(s.connection())
        due = [r for r in theirs if _differs(r, local.get(r["uuid"]))]
        if not due:
            return 0
        return _write_reviews(s.connection(), due)


def push_reviews(
    store: Store, archive: Engine, include_confidential: bool, lock: Callable[[Connection], None]
) -> int:
    """This home's reviews the archive lacks (or holds otherwise), written under `lock`
    (the archive's sync lock); how many were written."""
    with store.engine.connect() as lc:
        ours = [
            r
            for r in review_rows(lc).values()
            if r["owner"] is None
            and (include_confidential or not (r["confidential"] or r["action_confidential"]))
        ]
        lc.rollback()
    with archive.begin() as ac:
        lock(ac)
        there = review_rows(ac)
        due = [r for r in ours if _differs(r, there.get(r["uuid"]))]
        if not due:
            return 0
        written = _write_reviews(ac, due)
        timed = _times(ac, {str(r["uuid"]) for r in due})
    # The archive dates a review at most by its own clock (migration 0013): this home
    # takes the server's time, so a clock set ahead wins nothing and the next sync agrees.
    sent = {str(r["uuid"]): r["created_at"] for r in due}
    later = {u: t for u, t in timed.items() if t != sent.get(u)}
    if later:
        au = table("action_update")
        with store.write() as s:
            conn = s.connection()
            for row_uuid, at in later.items():
                conn.execute(update(au).where(au.c.uuid == row_uuid).values(created_at=at))
            actions = conn.execute(select(au.c.action_id).where(au.c.uuid.in_(sorted(later))))
            settle_status(conn, sorted(set(actions.scalars())))
    return written


def _times(conn: Connection, uuids: set[str]) -> dict[str, object]:
    au = table("action_update")
    found: dict[str, object] = {}
    wanted = sorted(uuids)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        rows = conn.execute(select(au.c.uuid, au.c.created_at).where(au.c.uuid.in_(chunk)))
        found.update({u: utc(t) for u, t in rows})
    return found


def settle_status(conn: Connection, action_ids: list[int]) -> None:
    """An action's status is its latest review's (when it has any): reviews merged from
    other homes may be later than the status this copy had."""
    if not action_ids:
        return
    au, a = table("action_update"), table("action")
    latest = (
        select(au.c.status)
        .where(au.c.action_id == a.c.id, au.c.status.in_(STATUSES))
        .order_by(au.c.created_at.desc(), au.c.uuid.desc())
        .limit(1)
        .scalar_subquery()
    )
    for start in range(0, len(action_ids), CHUNK):
        chunk = action_ids[start : start + CHUNK]
        conn.execute(
            update(a)
            .where(
                a.c.id.in_(chunk),
                a.c.status.is_distinct_from(latest),  # unchanged: not a change of its meeting
                exists(select(au.c.id).where(au.c.action_id == a.c.id, au.c.status.in_(STATUSES))),
            )
            .values(status=latest)
        )
