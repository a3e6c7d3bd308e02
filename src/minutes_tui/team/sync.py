"""Offline-first sync between this home's SQLite file and the team archive (PostgreSQL).

Capture stays local: every Enter is stored in the home's SQLite file as always, and
`minutes sync` (or `y` on the meetings list) exchanges meetings with the archive when
there is a connection. Every synced row carries a uuid (migration 0009): local ids
differ between homes, so foreign keys are rewritten through uuids on both sides
(team/copies.py).

The conflict rule, one for everything:

- **A meeting is written by its owner**, the home that created it (`meeting.owner` is
  NULL there). Its owner pushes it — participants, agenda items, entries, actions and
  sub-items, final record versions with their archived files (the bytes, checked
  against their SHA-256 both ways: team/files.py), the status history — and every
  other home pulls it as a read-only copy (`owner` set to
  the owner's identity): the store refuses edits to it with one sentence, and a pull
  replaces the copy wholesale with the owner's latest.
- **Action reviews are append-only and merge from everyone**, each by its own uuid: a
  review typed on home B (in one of B's meetings) of an action of A's meeting is pushed
  by B and pulled by A. Sync never deletes a review. An action's status is then its
  latest review's, on every side that has it.
- **People and organisations merge by identity**: an organisation by its name (exact,
  then any case), a person by uuid, else by name. A person known here keeps the details
  it has. Bodies and their parents merge by name; the archive's parent holds.
- **Confidential entries never leave the home** unless the sync is told to include them
  (`--include-confidential`): confidential entries (and their list items), actions (and
  their sub-items) and reviews are left out of what is pushed; a later sync without the
  flag takes them out of the archive again.

Idempotent and resumable: each meeting is pushed (or pulled) in one transaction of its
own, its rows upserted on uuid, and its content hash stored with it (`sync_hash`); a
meeting whose hash the other side already has is not sent again, so a second sync with
no change transfers nothing, and a sync killed at any point loses nothing and duplicates
nothing when it is run again. Order: pull others' meetings, merge their reviews, then
push this home's (so what the merge changed goes out in the same run), then its reviews.
Two syncs at once are serialized per meeting by SQLite's write lock here and by a
transaction-scoped advisory lock on the archive.

On the archive, sync runs as the rapporteur's own role and needs no more rights than
`minutes archive grant` gives: row-level security decides what it reads (what it
pulls) and lets it write only its role's meetings (`owner_role`, team/roles.py); a
review it pushes is its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, exists, select, text, update
from sqlalchemy.exc import DBAPIError, ProgrammingError

from minutes_tui.store.connect import ArchiveError
from minutes_tui.store.errors import archive_timeout
from minutes_tui.team import files, shapes
from minutes_tui.team.copies import (
    MeetingCopy,
    Row,
    home_id,
    read_meeting,
    table,
    upsert,
    utc,
    write_meeting,
)
from minutes_tui.vocabulary import STATUSES

if TYPE_CHECKING:
    from minutes_tui.store.store import Store

ARCHIVE_LOCK = 0x6D696E75  # "minu": one sync writes to the archive at a time
SYNC_WAIT_S = 60.0  # how long a sync waits for another one's lock before it stops
LOCK_POLL_S = 0.2


@dataclass(frozen=True)
class Progress:
    phase: str  # pull | push | wait (title: whose sync holds the archive's lock)
    done: int
    total: int
    title: str


@dataclass
class SyncResult:
    pushed: int = 0
    pulled: int = 0
    reviews: int = 0
    confidential_left_out: int = 0  # confidential rows of pushed meetings kept at home
    skipped: list[str] = field(default_factory=list)  # one sentence a meeting not pulled

    def summary(self) -> str:
        if not (self.pushed or self.pulled or self.reviews or self.skipped):
            return "nothing to do: this home and the archive already agree"
        meetings = "meeting" if self.pushed == 1 else "meetings"
        reviews = "review" if self.reviews == 1 else "reviews"
        return (
            f"pushed {self.pushed} {meetings}, pulled {self.pulled}, "
            f"{self.reviews} {reviews} merged"
        )


def sync(
    store: Store,
    archive: Engine,
    *,
    include_confidential: bool = False,
    progress: Callable[[Progress], None] | None = None,
) -> SyncResult:
    """Pull the others' meetings and reviews, push this home's (see the module's rule)."""
    tell = progress or (lambda _p: None)
    result = SyncResult()
    with store.write() as s:
        me = home_id(s.connection())
    try:
        with archive.begin() as ac:
            check_schema(ac)
            archive_home = home_id(ac)
        _pull(store, archive, me, archive_home, result, tell)
        result.reviews += _pull_reviews(store, archive, me, archive_home)
        _push(store, archive, me, include_confidential, result, tell)
        result.reviews += _push_reviews(store, archive, include_confidential, tell)
        _sync_bodies(store, archive, tell)
    except DBAPIError as exc:
        if not type(exc.orig).__module__.startswith("psycopg"):
            raise  # the local database's: the store's own errors say it
        raise ArchiveError(unreachable(exc)) from None
    return result


def unreachable(exc: DBAPIError) -> str:
    if (waited := archive_timeout(exc)) is not None:
        return waited
    said = str(exc.orig or exc).strip()
    first = said.splitlines()[0] if said else type(exc.orig).__name__
    return f"The team archive could not be reached or refused the sync ({first}); nothing was lost."


def check_schema(ac: Connection) -> None:
    from minutes_tui.store.schema import HEAD, REVISIONS

    try:
        with ac.begin_nested():
            version = ac.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except ProgrammingError:
        version = None
    if version == HEAD:
        return
    if version is None or version in REVISIONS:
        raise ArchiveError(
            "The team archive has no current minutes-tui schema: run `minutes archive init "
            "URL` there first. Nothing was synced."
        )
    raise ArchiveError(
        f"The team archive was written by a newer minutes-tui (schema {version}); upgrade "
        "minutes-tui to sync with it. Nothing was synced."
    )


def _lock(ac: Connection, tell: Callable[[Progress], None]) -> None:
    """The archive's sync lock (any rapporteur can take an advisory lock, so a holder that
    never lets go is waited out for SYNC_WAIT_S at most, saying whose sync it is)."""
    if ac.dialect.name != "postgresql":
        return
    deadline = time.monotonic() + SYNC_WAIT_S
    told = False
    try_lock = text("SELECT pg_try_advisory_xact_lock(:key)")
    while not ac.execute(try_lock, {"key": ARCHIVE_LOCK}).scalar():
        holder = _lock_holder(ac)
        if time.monotonic() >= deadline:
            raise ArchiveError(
                f"{holder}'s sync has held the team archive's sync lock for over "
                f"{SYNC_WAIT_S:.0f} s, so this sync stopped (what it did so far is kept): "
                "run it again later."
            )
        if not told:
            told = True
            tell(Progress("wait", 0, 0, holder))
        time.sleep(LOCK_POLL_S)


def _lock_holder(ac: Connection) -> str:
    holder = ac.execute(
        text(
            "SELECT a.usename FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = 0 "
            "AND l.objid::bigint = :key LIMIT 1"
        ),
        {"key": ARCHIVE_LOCK},
    ).scalar()
    return str(holder) if holder else "another rapporteur"


def _held_versions(
    conn: Connection, meeting_id: int
) -> dict[str, tuple[int, set[tuple[str, str]]]]:
    """The final versions this home holds of a meeting: uuid -> number, files and hashes."""
    v, f = table("record_version"), table("archived_file")
    held: dict[str, tuple[int, set[tuple[str, str]]]] = {}
    rows = conn.execute(
        select(v.c.uuid, v.c.version, f.c.name, f.c.sha256)
        .select_from(v.outerjoin(f, f.c.version_id == v.c.id))
        .where(v.c.meeting_id == meeting_id)
    )
    for version_uuid, number, name, sha256 in rows:
        files_here = held.setdefault(version_uuid, (number, set()))[1]
        if name is not None:
            files_here.add((name, sha256))
    return held


def _listing(conn: Connection) -> dict[str, Row]:
    m = table("meeting")
    rows = conn.execute(select(m.c.id, m.c.uuid, m.c.owner, m.c.sync_hash, m.c.title))
    return {r.uuid: dict(r._mapping) for r in rows}


# ---- meetings ----------------------------------------------------------------------------


def _pull(
    store: Store,
    archive: Engine,
    me: str,
    archive_home: str,
    result: SyncResult,
    tell: Callable[[Progress], None],
) -> None:
    with archive.connect() as ac:
        theirs = [r for r in _listing(ac).values() if (r["owner"] or archive_home) != me]
        ac.rollback()
    theirs.sort(key=lambda r: int(r["id"]))  # as pushed: a series' earlier meeting first
    with store.engine.connect() as lc:
        local = _listing(lc)
        lc.rollback()
    due = []
    for row in theirs:
        mine = local.get(row["uuid"])
        if mine is not None and mine["owner"] is None:
            continue  # the same uuid as one of ours: ours is never overwritten
        # No stored hash: written in the archive directly (online mode); read to compare.
        if mine is None or row["sync_hash"] is None or mine["sync_hash"] != row["sync_hash"]:
            due.append(row)
    # Each copy read in one snapshot: a push committing meanwhile is seen whole or not at all.
    with archive.connect().execution_options(isolation_level="REPEATABLE READ") as ac:
        for done, row in enumerate(due, 1):
            try:
                with ac.begin():
                    copy = read_meeting(
                        ac, row["id"], row["owner"] or archive_home, include_confidential=True
                    )
                pulled = _pull_one(store, copy)
            except ArchiveError as exc:  # this meeting fails its checks: the others go on
                result.skipped.append(str(exc))
                continue
            result.pulled += pulled
            tell(Progress("pull", done, len(due), str(row["title"])))


def _pull_one(store: Store, copy: MeetingCopy) -> int:
    """Write one pulled copy here, checked first (nothing written when a check fails).
    1 when it was written, 0 when it turned out to be ours or already here."""
    m, a = table("meeting"), table("action")
    digest = copy.stored_hash or copy.digest()
    shapes.check_shapes(copy)  # a malformed row: nothing written
    files.check_pulled(copy)  # a file that does not match its hash: nothing written
    with store.write() as s:
        conn = s.connection()
        held = conn.execute(
            select(m.c.id, m.c.owner, m.c.sync_hash).where(m.c.uuid == copy.uuid)
        ).first()
        if held is not None and (held.owner is None or held.sync_hash == digest):
            return 0  # ours after all, unchanged, or another sync pulled it meanwhile
        kept = _held_versions(conn, held.id) if held is not None else {}
        files.check_held(copy, kept)  # a final version is never rewritten here
        known = set(kept)
        meeting_id = write_meeting(conn, copy, copy.owner, digest)
        files.place(store.home.root, meeting_id, copy, known)  # before the commit
        actions = conn.execute(select(a.c.id).where(a.c.meeting_id == meeting_id))
        settle_status(conn, list(actions.scalars()))
    return 1


def _push(
    store: Store,
    archive: Engine,
    me: str,
    include_confidential: bool,
    result: SyncResult,
    tell: Callable[[Progress], None],
) -> None:
    with archive.connect() as ac:
        archived = _listing(ac)
        ac.rollback()
    m = table("meeting")
    with store.engine.connect() as lc:
        own = list(
            lc.execute(
                select(m.c.id, m.c.uuid, m.c.title).where(m.c.owner.is_(None)).order_by(m.c.id)
            )
        )
        lc.rollback()
        due: list[tuple[int, MeetingCopy, str]] = []
        agreed: list[tuple[int, str]] = []
        for row in own:
            with lc.begin():
                copy = read_meeting(lc, row.id, me, include_confidential=include_confidential)
            digest = copy.digest()
            there = archived.get(row.uuid)
            if there is not None and there["sync_hash"] == digest:
                if copy.stored_hash != digest:
                    agreed.append((row.id, digest))
                continue
            files.attach(store.home.root, copy)  # every file still as hashed, or nothing goes
            copy.files.clear()  # read again just before it is sent: one meeting's in memory
            due.append((row.id, copy, digest))
    for meeting_id, digest in agreed:
        _pushed_at(store, meeting_id, digest)
    for done, (meeting_id, copy, digest) in enumerate(due, 1):
        with archive.begin() as ac:
            _lock(ac, tell)
            held = ac.execute(select(m.c.owner, m.c.sync_hash).where(m.c.uuid == copy.uuid)).first()
            if held is not None and held.sync_hash == digest:
                continue  # another sync pushed it meanwhile
            if held is not None and held.owner not in (None, me):
                continue  # the archive says another home writes it: never overwrite theirs
            if held is not None and held.owner == me:
                _one_home(copy, held.sync_hash)
            files.attach(store.home.root, copy)
            write_meeting(ac, copy, me, digest, files=True)
            copy.files.clear()
        _pushed_at(store, meeting_id, digest)
        result.pushed += 1
        result.confidential_left_out += copy.confidential_left_out
        tell(Progress("push", done, len(due), str(copy.meeting.get("title") or "")))


def _pushed_at(store: Store, meeting_id: int, digest: str) -> None:
    """This home's own meeting remembers the hash the archive holds of it (its last push)."""
    m = table("meeting")
    with store.write() as s:
        s.connection().execute(update(m).where(m.c.id == meeting_id).values(sync_hash=digest))


def _one_home(copy: MeetingCopy, archived_hash: str | None) -> None:
    """The archive holds a version of this home's meeting that this home never pushed: a
    copy of the home (a restored backup, a copied folder) syncs with the same identity.
    Pushing would replace the other copy's lines, so stop and say what to do."""
    if copy.stored_hash is None or archived_hash in (None, copy.stored_hash):
        return
    raise ArchiveError(
        f"Meeting “{copy.meeting.get('title') or copy.uuid}” on the team archive was pushed by "
        "another copy of this data home (a restored backup or a copied folder syncing as the "
        "same home), so this home's version was not pushed and nothing was lost: keep working "
        "in one of the two copies only, and open a fresh home where the other was (its sync "
        "pulls the meeting)."
    )


# ---- reviews -------------------------------------------------------------------------------


def _reviews(conn: Connection) -> dict[str, Row]:
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
    return {r.uuid: {k: utc(v) for k, v in r._mapping.items()} for r in conn.execute(query)}


_SAME = ("status", "text", "confidential", "created_at", "action", "meeting", "item")


def _differs(a: Row, b: Row | None) -> bool:
    return b is None or any(a[k] != b[k] for k in _SAME)


def _ids(conn: Connection, name: str, uuids: set[str]) -> dict[str, int]:
    t = table(name)
    wanted = sorted(u for u in uuids if u)
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
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


def _pull_reviews(store: Store, archive: Engine, me: str, archive_home: str) -> int:
    with archive.connect() as ac:
        theirs = [r for r in _reviews(ac).values() if (r["owner"] or archive_home) != me]
        ac.rollback()
    with store.write() as s:
        local = _reviews(s.connection())
        due = [r for r in theirs if _differs(r, local.get(r["uuid"]))]
        if not due:
            return 0
        return _write_reviews(s.connection(), due)


def _push_reviews(
    store: Store, archive: Engine, include_confidential: bool, tell: Callable[[Progress], None]
) -> int:
    with store.engine.connect() as lc:
        ours = [
            r
            for r in _reviews(lc).values()
            if r["owner"] is None
            and (include_confidential or not (r["confidential"] or r["action_confidential"]))
        ]
        lc.rollback()
    with archive.begin() as ac:
        _lock(ac, tell)
        there = _reviews(ac)
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
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = conn.execute(select(au.c.uuid, au.c.created_at).where(au.c.uuid.in_(chunk)))
        found.update({u: utc(t) for u, t in rows})
    return found


_BODIES = text("SELECT uuid, name, parent FROM body")


def _sync_bodies(store: Store, archive: Engine, tell: Callable[[Progress], None]) -> None:
    """Bodies and their parents, a shared directory (like organisations): each side gains
    the bodies it lacks (by name, any case); where both know a body, the archive's parent
    holds, as the team's (a home changes it there with `minutes --db URL edit --body …`)."""
    with archive.begin() as ac:
        _lock(ac, tell)
        theirs = {r.name.casefold(): r for r in ac.execute(_BODIES)}
        with store.write() as s:
            lc = s.connection()
            mine = {r.name.casefold(): r for r in lc.execute(_BODIES)}
            for key, row in theirs.items():
                if key not in mine:
                    lc.execute(
                        text("INSERT INTO body (uuid, name, parent) VALUES (:u, :n, :p)"),
                        {"u": row.uuid, "n": row.name, "p": row.parent},
                    )
                elif mine[key].parent != row.parent:
                    lc.execute(
                        text("UPDATE body SET parent = :p WHERE name = :n"),
                        {"p": row.parent, "n": mine[key].name},
                    )
        for key, row in mine.items():
            if key not in theirs:
                ac.execute(
                    text("INSERT INTO body (uuid, name, parent) VALUES (:u, :n, :p)"),
                    {"u": row.uuid, "n": row.name, "p": row.parent},
                )


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
    for start in range(0, len(action_ids), 500):
        chunk = action_ids[start : start + 500]
        conn.execute(
            update(a)
            .where(
                a.c.id.in_(chunk),
                exists(select(au.c.id).where(au.c.action_id == a.c.id, au.c.status.in_(STATUSES))),
            )
            .values(status=latest)
        )
