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

Writes follow the same visibility: a rapporteur may write the meetings it may read.
TODO (issue 17, point 1): once `meeting.owner` exists (migration 0009_sync, sync lane),
narrow the write policy to meetings whose owner is `current_user`.

People and organisations are the shared directory: readable by every rapporteur.
The server's administrator (the tables' owner, who runs `minutes archive init`) is not
subject to these policies.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from minutes_tui.team.connect import ArchiveError

RAPPORTEUR = "minutes_rapporteur"
MEMBERS = "archive_member"
OPEN_LABELS = ("PUBLIC", "INTERNAL")

# The reader belongs to the meeting's body (directly or through a group role).
_MEMBER_OF_BODY = f"""EXISTS (
    SELECT 1 FROM {MEMBERS} am JOIN pg_roles r ON r.rolname = am.role_name
    WHERE am.body = meeting.body AND pg_has_role(current_user, r.oid, 'MEMBER'))"""
MEETING_VISIBLE = (
    f"(sensitivity IN ({', '.join(repr(label) for label in OPEN_LABELS)}) OR {_MEMBER_OF_BODY})"
)
# table -> how one of its rows reaches a meeting the reader can see
FOLLOWS: dict[str, str] = {
    "participant": "EXISTS (SELECT 1 FROM meeting m WHERE m.id = participant.meeting_id)",
    "agenda_item": "EXISTS (SELECT 1 FROM meeting m WHERE m.id = agenda_item.meeting_id)",
    "entry": "EXISTS (SELECT 1 FROM meeting m WHERE m.id = entry.meeting_id)",
    "action": "EXISTS (SELECT 1 FROM meeting m WHERE m.id = action.meeting_id)",
    "action_update": "EXISTS (SELECT 1 FROM meeting m WHERE m.id = action_update.meeting_id)",
    "imported_record": "EXISTS (SELECT 1 FROM meeting m WHERE m.id = imported_record.meeting_id)",
    "record_version": "EXISTS (SELECT 1 FROM meeting m WHERE m.id = record_version.meeting_id)",
    "meeting_event": "EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_event.meeting_id)",
    # through their parent row, itself filtered by its own policy
    "action_sub_item": "EXISTS (SELECT 1 FROM action a WHERE a.id = action_sub_item.action_id)",
    "archived_file": (
        "EXISTS (SELECT 1 FROM record_version v WHERE v.id = archived_file.version_id)"
    ),
}
POLICIES: dict[str, str] = {"meeting": MEETING_VISIBLE, **FOLLOWS}
READ_ONLY = (MEMBERS, "alembic_version")


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
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {RAPPORTEUR}"))
    for table in READ_ONLY:
        conn.execute(text(f"REVOKE INSERT, UPDATE, DELETE ON {table} FROM {RAPPORTEUR}"))
    for table, visible in POLICIES.items():
        conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        conn.execute(text(f"DROP POLICY IF EXISTS minutes_visible ON {table}"))
        # FOR ALL: reads, and writes of rows the reader may see (see the module's TODO).
        conn.execute(
            text(
                f"CREATE POLICY minutes_visible ON {table} FOR ALL "
                f"USING ({visible}) WITH CHECK ({visible})"
            )
        )


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


def memberships(conn: Connection) -> list[tuple[str, str]]:
    rows = conn.execute(text(f"SELECT role_name, body FROM {MEMBERS} ORDER BY body, role_name"))
    return [(row[0], row[1]) for row in rows]
