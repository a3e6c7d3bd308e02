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
nothing when it is run again. Nor does it read what did not change: the two listings
(uuid and hash of every meeting, one query a side) say which copies to pull, and each
own meeting's mark (`sync_mark`, raised by triggers on every write: migration 0018)
says which of this home's to read and hash again. Order: pull others' meetings, merge
their reviews, then push this home's (so what the merge changed goes out in the same
run), then its reviews.
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

from sqlalchemy import Connection, Engine, select, text, update
from sqlalchemy.exc import DBAPIError, ProgrammingError

from minutes_tui.store.errors import archive_timeout
from minutes_tui.team import files, shapes
from minutes_tui.team.connect import ArchiveError
from minutes_tui.team.copies import MeetingCopy, Row, home_id, read_meeting, table, write_meeting
from minutes_tui.team.reviews import pull_reviews, push_reviews, settle_status

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
        result.reviews += pull_reviews(store, archive, me, archive_home)
        _push(store, archive, me, include_confidential, result, tell)
        lock = lambda ac: _lock(ac, tell)  # noqa: E731
        result.reviews += push_reviews(store, archive, include_confidential, lock)
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


# What a push sends: meeting id, its copy, the copy's digest, the revision it was read at.
Due = tuple[int, MeetingCopy, str, int]

# This home's meetings with their marks (migration 0018): `revision` rises with every write
# that can change a meeting's copy, `pushed` is the revision its last push was read at.
_OWN = text(
    "SELECT m.id, m.uuid, m.sync_hash, s.revision, s.pushed, s.confidential FROM meeting m "
    "LEFT JOIN sync_mark s ON s.meeting_id = m.id WHERE m.owner IS NULL ORDER BY m.id"
)
_REVISION = text("SELECT revision FROM sync_mark WHERE meeting_id = :id")
_MARK = text(
    "INSERT INTO sync_mark (meeting_id, revision, pushed, confidential) "
    "VALUES (:id, :revision, :revision, :confidential) ON CONFLICT (meeting_id) "
    "DO UPDATE SET pushed = :revision, confidential = :confidential"
)


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
    due, agreed = _changed(store, me, include_confidential, archived)
    for meeting_id, digest, revision in agreed:
        _pushed_at(store, meeting_id, digest, revision, include_confidential)
    m = table("meeting")
    for done, (meeting_id, copy, digest, revision) in enumerate(due, 1):
        with archive.begin() as ac:
            _lock(ac, tell)
            held = ac.execute(select(m.c.owner, m.c.sync_hash).where(m.c.uuid == copy.uuid)).first()
            if held is not None and held.owner not in (None, me):
                continue  # the archive says another home writes it: never overwrite theirs
            if held is None or held.sync_hash != digest:  # else another sync pushed it meanwhile
                if held is not None and held.owner == me:
                    _one_home(copy, held.sync_hash)
                files.attach(store.home.root, copy)
                write_meeting(ac, copy, me, digest, files=True)
                copy.files.clear()
                result.pushed += 1
                result.confidential_left_out += copy.confidential_left_out
        _pushed_at(store, meeting_id, digest, revision, include_confidential)
        tell(Progress("push", done, len(due), str(copy.meeting.get("title") or "")))


def _changed(
    store: Store, me: str, include_confidential: bool, archived: dict[str, Row]
) -> tuple[list[Due], list[tuple[int, str, int]]]:
    """This home's meetings the archive does not hold as they are here (to push), and those
    it does though this home had not recorded it (to remember). Only a meeting changed
    since its last push, or whose last pushed hash the archive no longer holds, is read."""
    due: list[Due] = []
    agreed: list[tuple[int, str, int]] = []
    with store.engine.connect() as lc:
        own = [dict(r) for r in lc.execute(_OWN).mappings()]
        lc.rollback()
        for row in own:
            there = archived.get(row["uuid"])
            if there is not None and _unchanged(row, there["sync_hash"], include_confidential):
                continue
            with lc.begin():  # the revision and the copy read in one snapshot
                revision = int(lc.execute(_REVISION, {"id": row["id"]}).scalar() or 0)
                copy = read_meeting(lc, row["id"], me, include_confidential=include_confidential)
            digest = copy.digest()
            if there is not None and there["sync_hash"] == digest:
                agreed.append((row["id"], digest, revision))
                continue
            files.attach(store.home.root, copy)  # every file still as hashed, or nothing goes
            copy.files.clear()  # read again just before it is sent: one meeting's in memory
            due.append((row["id"], copy, digest, revision))
    return due, agreed


def _unchanged(row: Row, archived_hash: str | None, include_confidential: bool) -> bool:
    """Not written here since its last push, pushed as this sync would push it (with or
    without its confidential lines), and the archive still holds that push."""
    return (
        row["revision"] is not None
        and row["pushed"] == row["revision"]
        and row["confidential"] is not None
        and bool(row["confidential"]) == include_confidential
        and row["sync_hash"] is not None
        and archived_hash == row["sync_hash"]
    )


def _pushed_at(
    store: Store, meeting_id: int, digest: str, revision: int, include_confidential: bool
) -> None:
    """This home's own meeting remembers the hash the archive holds of it (its last push)
    and the revision its copy was read at: a write since then has raised the revision, so
    the meeting stays changed. Setting sync_hash alone raises no revision (0018)."""
    m = table("meeting")
    with store.write() as s:
        conn = s.connection()
        conn.execute(
            update(m)
            .where(m.c.id == meeting_id, m.c.sync_hash.is_distinct_from(digest))
            .values(sync_hash=digest)
        )
        conn.execute(
            _MARK,
            {"id": meeting_id, "revision": revision, "confidential": include_confidential},
        )


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
