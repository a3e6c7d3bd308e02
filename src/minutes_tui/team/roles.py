"""Who may read what in the team archive: roles and row-level security, set by the database.

Every rapporteur's login role is granted the group role `minutes_rapporteur` (table
rights: read and write the meetings' tables, read the membership table). What each role
then *sees* is decided by PostgreSQL's row-level security, never by the program:

- a meeting marked PUBLIC or INTERNAL: every rapporteur;
- a RESTRICTED, CONFIDENTIAL or STRICTLY CONFIDENTIAL meeting: only roles that belong
  to its body, i.e. a row (role, body) of `archive_member` whose role is the reader or
  a group role the reader is a member of (`minutes archive grant ROLE --body BODY`);
- every table of a meeting's contents (entries, actions, participants, agenda items,
  reviews, versions and archived files, events, imported sources) follows its meeting:
  its policy is an EXISTS on `meeting`, which is itself filtered by the meeting policy.

Writes are the owner's only (issue 17's conflict rule, kept by the database): a meeting
records the role that wrote it (`meeting.owner_role`, migration 0012, default
`current_user`: set by the online store's INSERT and by `minutes sync`'s push alike), and
a rapporteur may insert, update or delete a meeting, and any row of its contents, only
when that role is itself or a group role it is a member of (the administrator may hand a
meeting to a team: `UPDATE meeting SET owner_role = 'opag_team'`). An owner always reads
its own meetings, whatever their label. Action reviews cross meetings, append-only:
any rapporteur may add a review (as its author, `action_update.owner_role`) of an action
it can read, typed in a meeting it writes itself; only its author changes or deletes it.
Confidential points, actions, sub-items and reviews are read by their owner only (as sync
keeps them at home); a review is read only with the action it reviews (so never one of a
confidential action), and a meeting's journal (its undo, holding the typed lines) by the
meeting's owner only. No rapporteur may create temporary tables (docs/threat-model.md).

People, organisations and bodies (with their parents) are the shared directory, merged by
identity across homes: every rapporteur reads, adds and corrects them (no row-level
security), none deletes.
`home_identity` (the archive's own identity for meetings written on it directly) and
`alembic_version` are read-only to rapporteurs.
The server's administrator (the tables' owner, who runs `minutes archive init`) is not
subject to these policies.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from minutes_tui.domain.vocabulary import OPEN_SENSITIVITIES
from minutes_tui.store.connect import ArchiveError

RAPPORTEUR = "minutes_rapporteur"
MEMBERS = "archive_member"
OPEN_LABELS = OPEN_SENSITIVITIES

# The reader belongs to the meeting's body (directly or through a group role).
_MEMBER_OF_BODY = f"""EXISTS (
    SELECT 1 FROM {MEMBERS} am JOIN pg_roles r ON r.rolname = am.role_name
    WHERE am.body = meeting.body AND pg_has_role(current_user, r.oid, 'MEMBER'))"""
MEETING_VISIBLE = (
    f"(sensitivity IN ({', '.join(repr(label) for label in OPEN_LABELS)}) OR {_MEMBER_OF_BODY})"
)


def owned(alias: str) -> str:
    """The row's owner_role is the writer or a group role the writer is a member of."""
    return f"""EXISTS (
    SELECT 1 FROM pg_roles o WHERE o.rolname = {alias}.owner_role
    AND pg_has_role(current_user, o.oid, 'MEMBER'))"""


def _via_meeting(table: str, mine: bool) -> str:
    extra = f" AND {owned('m')}" if mine else ""
    return f"EXISTS (SELECT 1 FROM meeting m WHERE m.id = {table}.meeting_id{extra})"


def _via(table: str, key: str, parent: str, mine: bool) -> str:
    if not mine:  # the parent row is itself filtered by its own read policy
        return f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {table}.{key})"
    return (
        f"EXISTS (SELECT 1 FROM {parent} p JOIN meeting m ON m.id = p.meeting_id "
        f"WHERE p.id = {table}.{key} AND {owned('m')})"
    )


FOLLOWS_MEETING = (
    "participant",
    "agenda_item",
    "entry",
    "action",
    "imported_record",
    "record_version",
    "meeting_event",
    "journal",
    "review_comment",
)
THROUGH_PARENT = {
    "action_sub_item": ("action_id", "action"),
    "archived_file": ("version_id", "record_version"),
}
# Confidential (`!`) points, list items, actions and sub-items: read by their meeting's
# owner only, online as with sync (where they stay home).
CONFIDENTIAL = ("entry", "action")
# The journal is its meeting owner's undo; its rows hold the typed lines, `!` ones too.
# A returned draft's comments are the owner's working notes (a reviewer writes anything).
OWNER_ONLY = ("journal", "review_comment")


def _read(table: str) -> str:
    if table in OWNER_ONLY:
        return _via_meeting(table, True)
    if table in CONFIDENTIAL:
        mine = _via_meeting(table, True)
        return f"({_via_meeting(table, False)} AND (NOT {table}.confidential OR {mine}))"
    return _via_meeting(table, False)


# table -> (who reads a row, who writes one)
POLICIES: dict[str, tuple[str, str]] = {
    "meeting": (f"({MEETING_VISIBLE} OR {owned('meeting')})", owned("meeting")),
    **{t: (_read(t), _via_meeting(t, True)) for t in FOLLOWS_MEETING},
    **{t: (_via(t, k, p, False), _via(t, k, p, True)) for t, (k, p) in THROUGH_PARENT.items()},
}
# A confidential sub-item: its own flag, as an entry's or an action's (migration 0014).
POLICIES["action_sub_item"] = (
    f"({_via('action_sub_item', 'action_id', 'action', False)} AND "
    "(NOT action_sub_item.confidential OR "
    f"{_via('action_sub_item', 'action_id', 'action', True)}))",
    POLICIES["action_sub_item"][1],
)
# Reviews: read with the meeting they were typed in and the action they review (the
# action's own policy: a confidential action's reviews are not read with it; a confidential
# review is read by its author only); added by a rapporteur into a meeting it writes
# itself, of an action it reads; changed or deleted by their author only.
REVIEW_READ = (
    f"({_via_meeting('action_update', False)} AND "
    f"(NOT action_update.confidential OR {owned('action_update')}) AND "
    "(EXISTS (SELECT 1 FROM action a WHERE a.id = action_update.action_id) OR "
    f"{owned('action_update')}))"
)
REVIEW_ADD = (
    f"({owned('action_update')} AND {_via_meeting('action_update', True)} AND "
    "EXISTS (SELECT 1 FROM action a WHERE a.id = action_update.action_id))"
)
# final_version_gone: the uuids of deleted final versions, written by a trigger (0017).
READ_ONLY = (MEMBERS, "alembic_version", "home_identity", "final_version_gone")
DIRECTORY = ("person", "organisation", "body")  # shared: no policy, never deleted by a rapporteur
POLICY_NAMES = ("minutes_visible", "minutes_read", "minutes_add", "minutes_change", "minutes_drop")


def quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def set_up_policies(conn: Connection) -> None:
    """Create (or bring up to date) the group role, the membership table, the table
    rights and one policy a table. Idempotent: `archive init` runs it after every upgrade."""
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": RAPPORTEUR})
    if exists.scalar() is None:
        conn.execute(text(f"CREATE ROLE {RAPPORTEUR} NOLOGIN"))
    conn.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {MEMBERS} ("
            "role_name text NOT NULL, body text NOT NULL, PRIMARY KEY (role_name, body))"
        )
    )
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {RAPPORTEUR}"))
    conn.execute(
        text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {RAPPORTEUR}")
    )
    # nextval only: reading a sequence would tell how many rows exist, unreadable ones too.
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {RAPPORTEUR}"))
    conn.execute(text(f"REVOKE SELECT ON ALL SEQUENCES IN SCHEMA public FROM {RAPPORTEUR}"))
    for table in READ_ONLY:
        conn.execute(text(f"REVOKE INSERT, UPDATE, DELETE ON {table} FROM {RAPPORTEUR}"))
    # No temporary tables: one would shadow a table for any function whose search path
    # a rapporteur can reach (every function of ours pins its own: migration 0013).
    database = quote(conn, str(conn.execute(text("SELECT current_database()")).scalar()))
    conn.execute(text(f"REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC, {RAPPORTEUR}"))
    for table in DIRECTORY:
        conn.execute(text(f"REVOKE DELETE ON {table} FROM {RAPPORTEUR}"))
    for table, (read, write) in POLICIES.items():
        _policies(conn, table, read=read, add=write, change=write, drop=write)
    _policies(
        conn,
        "action_update",
        read=REVIEW_READ,
        add=REVIEW_ADD,
        change=owned("action_update"),
        drop=owned("action_update"),
        change_check=REVIEW_ADD,
    )


def _policies(
    conn: Connection,
    table: str,
    *,
    read: str,
    add: str,
    change: str,
    drop: str,
    change_check: str | None = None,
) -> None:
    """One policy a command, replacing whatever an earlier version had set."""
    conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
    for name in POLICY_NAMES:
        conn.execute(text(f"DROP POLICY IF EXISTS {name} ON {table}"))
    for sql in (
        f"CREATE POLICY minutes_read ON {table} FOR SELECT USING ({read})",
        f"CREATE POLICY minutes_add ON {table} FOR INSERT WITH CHECK ({add})",
        f"CREATE POLICY minutes_change ON {table} FOR UPDATE USING ({change}) "
        f"WITH CHECK ({change_check or change})",
        f"CREATE POLICY minutes_drop ON {table} FOR DELETE USING ({drop})",
    ):
        conn.execute(text(sql))


def _known_role(conn: Connection, role: str) -> None:
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
    if found is None:
        raise ArchiveError(
            f"There is no role {role} on the archive's server; create it first "
            f"(as the administrator: createuser --pwprompt {role})."
        )


def grant(conn: Connection, role: str, body: str) -> bool:
    """Let `role` (a login or a group role) read `body`'s restricted meetings; makes it a
    rapporteur. False when it already could."""
    _known_role(conn, role)
    conn.execute(text(f"GRANT {RAPPORTEUR} TO {quote(conn, role)}"))
    added = conn.execute(
        text(
            f"INSERT INTO {MEMBERS} (role_name, body) VALUES (:role, :body) ON CONFLICT DO NOTHING"
        ),
        {"role": role, "body": body},
    )
    return added.rowcount > 0


def revoke(conn: Connection, role: str, body: str) -> bool:
    """Take `body` away from `role` (it keeps reading PUBLIC and INTERNAL meetings).
    False when it had no such membership."""
    gone = conn.execute(
        text(f"DELETE FROM {MEMBERS} WHERE role_name = :role AND body = :body"),
        {"role": role, "body": body},
    )
    return gone.rowcount > 0
