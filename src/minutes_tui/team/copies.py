"""A meeting as rows keyed by uuid: read from one database, written into another.

Local integer ids differ from one home to the next (and from the archive's), so a
`MeetingCopy` carries every foreign key as the uuid of the row it points to — an
organisation as its name, its identity everywhere — and `write_meeting` turns them back
into the ids of the database it writes to. Both ends are SQLAlchemy Core connections, so
the same code reads and writes the local SQLite file and the PostgreSQL archive.

Writing replaces the meeting's copy wholesale, keyed on uuid: rows the copy no longer
has are deleted first, then every row is upserted (INSERT … ON CONFLICT (uuid) DO
UPDATE), so a row keeps its local id — and reviews from other meetings that point at an
action keep pointing at it — and writing the same copy twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, bindparam, select, update
from sqlmodel import SQLModel

import minutes_tui.store.models  # noqa: F401  (registers the tables)
from minutes_tui.config import FINAL_FOLDER
from minutes_tui.store.models import new_uuid

Row = dict[str, Any]

# What a meeting's copy holds besides the meeting row, in the order rows are written (a
# row after those it points to) and, reversed, deleted.
CONTENT = (
    "agenda_item",
    "participant",
    "entry",
    "action",
    "action_sub_item",
    "record_version",
    "archived_file",
    "meeting_event",
)
# Foreign keys and the table each points to ("organisation": carried as its name).
REFS: dict[str, dict[str, str]] = {
    "meeting": {"previous_id": "meeting"},
    "agenda_item": {"meeting_id": "meeting"},
    "participant": {
        "meeting_id": "meeting",
        "person_id": "person",
        "organisation_id": "organisation",
    },
    "entry": {
        "meeting_id": "meeting",
        "item_id": "agenda_item",
        "parent_id": "entry",
        "participant_id": "participant",
        "organisation_id": "organisation",
    },
    "action": {"meeting_id": "meeting", "item_id": "agenda_item"},
    "action_sub_item": {"action_id": "action"},
    "record_version": {"meeting_id": "meeting"},
    "archived_file": {"version_id": "record_version"},
    "meeting_event": {"meeting_id": "meeting"},
    "person": {"organisation_id": "organisation"},
    "action_update": {"action_id": "action", "meeting_id": "meeting", "item_id": "agenda_item"},
}
# Rows of a child table reached through their parent, not through meeting_id.
PARENT = {
    "action_sub_item": ("action_id", "action"),
    "archived_file": ("version_id", "record_version"),
}
# Never copied: ids are per database; owner_role is the archive's, set by who writes there;
# a version's folder is where this database's home keeps its files (archive/<id>/v<N>).
LOCAL_ONLY = ("id", "owner", "sync_hash", "owner_role")
HOME_ONLY = {"record_version": ("folder",), "archived_file": ("content",)}


def table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def utc(value: Any) -> Any:
    """Times as aware UTC, as the models' time type reads and writes them on both ends."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
    return value


@dataclass
class MeetingCopy:
    uuid: str
    owner: str  # the home that writes it
    meeting: Row
    rows: dict[str, list[Row]] = field(default_factory=dict)
    people: list[Row] = field(default_factory=list)  # uuid, honorific, name, position, org
    organisations: dict[str, str] = field(default_factory=dict)  # name -> uuid
    confidential_left_out: int = 0
    stored_hash: str | None = None  # the hash the database read from had stored with it
    # A final record's files: outside the digest (their SHA-256 is in the rows). `folders`:
    # version uuid -> its folder in the home read from; `files`: archived_file uuid ->
    # bytes (read from the archive, or from the home's folder before a push).
    folders: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

    def digest(self) -> str:
        """The change marker: a hash of what the copy holds (not of who holds it)."""
        content = {
            "meeting": self.meeting,
            "rows": self.rows,
            "people": sorted(self.people, key=lambda p: str(p["uuid"])),
            "organisations": sorted(self.organisations),
        }
        text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


# ---- reading ---------------------------------------------------------------------------


def _rows(conn: Connection, name: str, where: Any) -> list[Row]:
    t = table(name)
    result = conn.execute(select(t).where(where).order_by(t.c.id))
    return [{k: utc(v) for k, v in row.items()} for row in result.mappings()]


def _uuids(conn: Connection, name: str, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    t = table(name)
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for row_id, row_uuid in conn.execute(select(t.c.id, t.c.uuid).where(t.c.id.in_(chunk))):
            found[row_id] = row_uuid
    return found


def _left_out(rows: list[Row], parent_key: str | None = None) -> set[int]:
    """Confidential rows and, for entries, every list item under one (all generations)."""
    gone = {r["id"] for r in rows if r.get("confidential")}
    if parent_key is None:
        return gone
    grew = True
    while grew:
        more = {r["id"] for r in rows if r.get(parent_key) in gone and r["id"] not in gone}
        gone |= more
        grew = bool(more)
    return gone


def read_meeting(
    conn: Connection, meeting_id: int, owner: str, *, include_confidential: bool
) -> MeetingCopy:
    """The meeting with everything it holds, foreign keys as uuids; confidential entries
    (with their list items), actions (with their sub-items) left out unless allowed."""
    m = table("meeting")
    meeting = {
        k: utc(v)
        for k, v in conn.execute(select(m).where(m.c.id == meeting_id)).mappings().one().items()
    }
    rows: dict[str, list[Row]] = {}
    ids: dict[str, dict[int, str]] = {"meeting": {meeting_id: meeting["uuid"]}}
    left_out = 0
    for name in CONTENT:
        t = table(name)
        if name in PARENT:
            key, parent = PARENT[name]
            found = _rows(conn, name, t.c[key].in_(list(ids[parent]))) if ids[parent] else []
            found = [r for r in found if r[key] in ids[parent]]
        else:
            found = _rows(conn, name, t.c.meeting_id == meeting_id)
        if not include_confidential and name in ("entry", "action", "action_sub_item"):
            gone = _left_out(found, "parent_id" if name == "entry" else None)
            left_out += len(gone)
            found = [r for r in found if r["id"] not in gone]
        rows[name] = found
        ids[name] = {r["id"]: r["uuid"] for r in found}
    if meeting["previous_id"] is not None:
        ids["meeting"].update(_uuids(conn, "meeting", [meeting["previous_id"]]))
    people_ids = {r["person_id"] for r in rows["participant"] if r["person_id"] is not None}
    p = table("person")
    people = _rows(conn, "person", p.c.id.in_(sorted(people_ids))) if people_ids else []
    org_ids = {r["organisation_id"] for r in people if r["organisation_id"] is not None}
    for name in ("participant", "entry"):
        org_ids |= {r["organisation_id"] for r in rows[name] if r["organisation_id"] is not None}
    o = table("organisation")
    orgs = {
        row_id: (name, row_uuid)
        for row_id, name, row_uuid in conn.execute(
            select(o.c.id, o.c.name, o.c.uuid).where(o.c.id.in_(sorted(org_ids)))
        )
    }
    ids["person"] = {r["id"]: r["uuid"] for r in people}
    ids["organisation"] = {k: v[0] for k, v in orgs.items()}
    copy = MeetingCopy(
        uuid=meeting["uuid"],
        owner=owner,
        meeting=_portable("meeting", meeting, ids),
        rows={name: [_portable(name, r, ids) for r in rows[name]] for name in CONTENT},
        people=[_portable("person", r, ids) for r in people],
        organisations={name: row_uuid for name, row_uuid in orgs.values()},
        confidential_left_out=left_out,
        stored_hash=meeting.get("sync_hash"),
        folders={r["uuid"]: r["folder"] for r in rows["record_version"]},
        files={r["uuid"]: r["content"] for r in rows["archived_file"] if r["content"] is not None},
    )
    return copy


def _portable(name: str, row: Row, ids: dict[str, dict[int, str]]) -> Row:
    """The row without its local id, each foreign key as the uuid (or name) it points to."""
    out = {k: v for k, v in row.items() if k not in LOCAL_ONLY + HOME_ONLY.get(name, ())}
    for key, target in REFS.get(name, {}).items():
        value = row.get(key)
        out[key] = None if value is None else ids.get(target, {}).get(value)
    return out


# ---- writing ---------------------------------------------------------------------------


def home_id(conn: Connection) -> str:
    """This database's identity (migration 0009 makes it; created here if it is missing)."""
    t = table("home_identity")
    found = conn.execute(select(t.c.home).where(t.c.id == 1)).scalar()
    if found is None:
        found = new_uuid()
        conn.execute(t.insert().values(id=1, home=found))
    return str(found)


def upsert(conn: Connection, name: str, rows: list[Row]) -> dict[str, int]:
    """INSERT … ON CONFLICT (uuid) DO UPDATE for many rows: one statement compiled once,
    sent in batches by SQLAlchemy's "insertmanyvalues" (a round trip a batch, not a row);
    returns uuid -> id here of the rows written."""
    if not rows:
        return {}
    t = table(name)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt = pg_insert(t)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(t)  # type: ignore[assignment]
    columns = [c for c in rows[0] if c not in ("uuid", "id")]
    upsert = stmt.on_conflict_do_update(
        index_elements=["uuid"], set_={c: stmt.excluded[c] for c in columns}
    ).returning(t.c.uuid, t.c.id)
    return {u: i for u, i in conn.execute(upsert, rows)}


def _by(conn: Connection, name: str, column: str, values: list[str]) -> list[tuple[Any, ...]]:
    """(value, id) of the rows whose `column` (or lower(column), for "lower") is in values."""
    from sqlalchemy import func

    t = table(name)
    key = func.lower(t.c.name) if column == "lower" else t.c[column]
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        found += [
            tuple(r)
            for r in conn.execute(select(key, t.c.id).where(key.in_(chunk)).order_by(t.c.id))
        ]
    return found


def _organisations(conn: Connection, wanted: dict[str, str]) -> dict[str, int]:
    """Organisations merge by name (as people.organisation_id: exact, then any case)."""
    names = sorted(wanted)
    found: dict[str, int] = {
        name: row_id for name, row_id in _by(conn, "organisation", "name", names)
    }
    folded: dict[str, int] = {}
    for low, row_id in _by(
        conn, "organisation", "lower", [n.lower() for n in names if n not in found]
    ):
        folded.setdefault(low, row_id)
    new = []
    for name in names:
        if name not in found and name.lower() in folded:
            found[name] = folded[name.lower()]
        elif name not in found:
            new.append(name)
    taken = {u for u, _ in _by(conn, "organisation", "uuid", [wanted[n] for n in new])}
    rows = [{"name": n, "uuid": new_uuid() if wanted[n] in taken else wanted[n]} for n in new]
    made = upsert(conn, "organisation", rows)
    for row in rows:
        found[row["name"]] = made[row["uuid"]]
    return found


def _people(conn: Connection, people: list[Row], orgs: dict[str, int]) -> dict[str, int]:
    """People merge by identity: the same uuid, else the same name (exact, then any case);
    a person known here keeps the details it has, a new one comes as the copy has it."""
    found: dict[str, int] = dict(_by(conn, "person", "uuid", [str(r["uuid"]) for r in people]))
    rest = [r for r in people if r["uuid"] not in found]
    exact: dict[str, int] = {}
    for name, row_id in _by(conn, "person", "name", sorted({r["name"] for r in rest})):
        exact.setdefault(name, row_id)
    folded: dict[str, int] = {}
    lows = sorted({r["name"].lower() for r in rest if r["name"] not in exact})
    for low, row_id in _by(conn, "person", "lower", lows):
        folded.setdefault(low, row_id)
    new: dict[str, Row] = {}
    for person in rest:
        row_id = exact.get(person["name"]) or folded.get(person["name"].lower())
        if row_id is not None:
            found[person["uuid"]] = row_id
        elif person["name"].lower() not in new:  # two copies of one name: one person
            org = person["organisation_id"]
            new[person["name"].lower()] = dict(
                person, organisation_id=orgs.get(org) if org else None
            )
    made = upsert(conn, "person", list(new.values()))
    for person in rest:
        if person["uuid"] not in found:
            found[person["uuid"]] = made[new[person["name"].lower()]["uuid"]]
    return found


def _scope(conn: Connection, name: str, meeting_id: int) -> dict[str, int]:
    """uuid -> id of the rows a meeting holds in one table, in this database."""
    t = table(name)
    where: ColumnElement[bool]
    if name in PARENT:
        key, parent = PARENT[name]
        pt = table(parent)
        where = t.c[key].in_(select(pt.c.id).where(pt.c.meeting_id == meeting_id))
    else:
        where = t.c.meeting_id == meeting_id
    return {
        row_uuid: row_id for row_uuid, row_id in conn.execute(select(t.c.uuid, t.c.id).where(where))
    }


def _delete(conn: Connection, name: str, ids: list[int]) -> None:
    t = table(name)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        if name == "entry":  # list items first lose their (deleted) parent: no ON DELETE
            conn.execute(update(t).where(t.c.parent_id.in_(chunk)).values(parent_id=None))
        conn.execute(t.delete().where(t.c.id.in_(chunk)))


def write_meeting(
    conn: Connection, copy: MeetingCopy, owner: str | None, digest: str, *, files: bool = False
) -> int:
    """Replace the meeting's copy in this database with `copy` (one caller transaction);
    returns the meeting's id here. `owner` is stored as is (None: this home's own).
    `files`: store the archived files' bytes in the rows (the archive); a home keeps them
    in its folder instead (team/files.py)."""
    orgs = _organisations(conn, _org_names(copy))
    people = _people(conn, copy.people, orgs)
    m = table("meeting")
    fresh = conn.execute(select(m.c.id).where(m.c.uuid == copy.uuid)).first() is None
    previous = copy.meeting.get("previous_id")
    previous_id = None
    if previous is not None:
        previous_id = conn.execute(select(m.c.id).where(m.c.uuid == previous)).scalar()
    values = dict(copy.meeting, previous_id=previous_id, owner=owner, sync_hash=digest)
    meeting_id = upsert(conn, "meeting", [values])[copy.uuid]
    ids: dict[str, dict[str, int]] = {
        "meeting": {copy.uuid: meeting_id},
        "person": people,
        "organisation": orgs,
    }
    if not fresh:
        # What the copy no longer has goes first: a new row may take its number (action N).
        for name in reversed(CONTENT):
            incoming = {str(r["uuid"]) for r in copy.rows.get(name, [])}
            held = _scope(conn, name, meeting_id)
            stale = [i for u, i in held.items() if u not in incoming]
            if stale:
                _delete(conn, name, stale)
            if name == "entry":
                ids["entry"] = {u: i for u, i in held.items() if u in incoming}
    for name in CONTENT:
        rows = [_local(name, r, ids) for r in copy.rows.get(name, [])]
        if name == "record_version":  # where this database's home keeps the files
            for row in rows:
                row["folder"] = f"{FINAL_FOLDER}/{meeting_id}/v{row['version']}"
        elif name == "archived_file":
            # A final version's files never change (0013): those held stay as they are. An
            # upsert of one would trip the archive's one-file-a-name check (0017) before its
            # conflict is seen, and stop every sync of a final meeting changed since.
            kept = set() if fresh else set(_scope(conn, name, meeting_id))
            rows = [r for r in rows if str(r["uuid"]) not in kept]
            for row in rows if files else []:
                row["content"] = copy.files.get(str(row["uuid"]))
        ids[name] = upsert(conn, name, rows)
        if name == "entry":  # list items whose parent was not here yet
            _link_list_items(conn, copy.rows.get("entry", []), rows, ids["entry"])
    return int(meeting_id)


def _org_names(copy: MeetingCopy) -> dict[str, str]:
    names = {r["organisation_id"] for r in copy.people if r.get("organisation_id")}
    for name in ("participant", "entry"):
        names |= {r["organisation_id"] for r in copy.rows.get(name, []) if r.get("organisation_id")}
    return {n: copy.organisations.get(n) or new_uuid() for n in names}


def _local(name: str, row: Row, ids: dict[str, dict[str, int]]) -> Row:
    out = dict(row)
    for key, target in REFS.get(name, {}).items():
        value = row.get(key)
        out[key] = None if value is None else ids.get(target, {}).get(value)
    return out


def _link_list_items(
    conn: Connection, portable: list[Row], written: list[Row], entry_ids: dict[str, int]
) -> None:
    """A list item written before its parent existed here gets its parent now."""
    t = table("entry")
    fixes = [
        {"row_id": entry_ids[str(p["uuid"])], "parent": entry_ids[p["parent_id"]]}
        for p, w in zip(portable, written, strict=True)
        if p.get("parent_id") and w.get("parent_id") is None and p["parent_id"] in entry_ids
    ]
    if fixes:
        conn.execute(
            update(t).where(t.c.id == bindparam("row_id")).values(parent_id=bindparam("parent")),
            fixes,
        )
