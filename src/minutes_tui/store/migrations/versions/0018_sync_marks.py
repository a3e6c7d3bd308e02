"""a home's meetings carry a change counter, so a sync reads only the meetings that changed

Revision ID: 0018_sync_marks
Revises: 0017_archive_trust2
Create Date: 2026-12-07 19:00:00.000000

Issue 24: a sync with nothing changed read every meeting of the home to hash it (8.1 s for
1,000 meetings). Now `sync_mark` holds, for each meeting, `revision`, which triggers
raise on every write that can change the meeting's copy (team/copies.py: the meeting row,
its agenda items, participants, entries, actions and sub-items, final versions and their
files, status history; a person or an organisation it names), and `pushed`, the revision
its last push (or agreement with the archive) was read at, with the `confidential` flag of
that push. A meeting whose revision is its pushed one, and whose hash the archive still
holds, is not read again (team/sync.py).

The triggers are on every write path at once (the ORM, the Enter fast path's sqlite3,
plain SQL), so none can forget to say a meeting changed. An UPDATE of a meeting that
changes its `sync_hash` is sync's own bookkeeping, not a change. A row without a mark
(a meeting not touched since this migration) counts as changed: the first sync reads it
once, as before.

SQLite only: the team archive is never pushed from, and a table there would be one every
rapporteur may write (team/roles.py grants all tables). A later migration that copies one
of these tables (batch_alter_table) drops its triggers with it and must create them again.
The SQL is written out here on purpose: a migration imports no live code of the app.
"""

from alembic import op

revision = "0018_sync_marks"
down_revision = "0017_archive_trust2"
branch_labels = None
depends_on = None

TABLE = """
CREATE TABLE sync_mark (
    meeting_id INTEGER PRIMARY KEY,
    revision INTEGER NOT NULL DEFAULT 0,
    pushed INTEGER,
    confidential BOOLEAN
)"""

# The meeting a row of each table belongs to, as an SQL expression over NEW or OLD.
MEETING_OF = {
    "agenda_item": "{row}.meeting_id",
    "participant": "{row}.meeting_id",
    "entry": "{row}.meeting_id",
    "action": "{row}.meeting_id",
    "action_sub_item": "(SELECT meeting_id FROM action WHERE id = {row}.action_id)",
    "record_version": "{row}.meeting_id",
    "archived_file": "(SELECT meeting_id FROM record_version WHERE id = {row}.version_id)",
    "meeting_event": "{row}.meeting_id",
}

# Raise the revision of the meetings `source` selects (a select of meeting ids named `m`;
# NULL when a row's parent is gone, which would make a new rowid, not a mark).
BUMP = """
INSERT INTO sync_mark (meeting_id, revision)
SELECT m, 1 FROM ({source}) WHERE {where}
ON CONFLICT (meeting_id) DO UPDATE SET revision = revision + 1"""
KNOWN = "m IS NOT NULL"
# A meeting's purge deletes its rows after it: a deleted row marks only a meeting still here.
STILL_HERE = "EXISTS (SELECT 1 FROM meeting WHERE id = m)"


def _bump(meeting: str, where: str = KNOWN) -> str:
    return BUMP.format(source=f"SELECT {meeting} AS m", where=where)


# People and organisations are shared by meetings: a change to one changes every
# meeting's copy that names it (a participant, a speaker's organisation, a person's).
PERSON_CHANGED = BUMP.format(
    source="SELECT meeting_id AS m FROM participant WHERE person_id = NEW.id", where=KNOWN
)
ORGANISATION_CHANGED = BUMP.format(
    source="SELECT meeting_id AS m FROM participant WHERE organisation_id = NEW.id "
    "OR person_id IN (SELECT id FROM person WHERE organisation_id = NEW.id) "
    "UNION SELECT meeting_id AS m FROM entry WHERE organisation_id = NEW.id",
    where=KNOWN,
)


def _triggers() -> dict[str, str]:
    made: dict[str, str] = {
        "sync_mark_meeting_insert": f"AFTER INSERT ON meeting BEGIN {_bump('NEW.id')}; END",
        "sync_mark_meeting_update": (
            "AFTER UPDATE ON meeting WHEN OLD.sync_hash IS NEW.sync_hash "
            f"BEGIN {_bump('NEW.id')}; END"
        ),
        "sync_mark_meeting_delete": (
            "AFTER DELETE ON meeting BEGIN DELETE FROM sync_mark WHERE meeting_id = OLD.id; END"
        ),
        "sync_mark_person_update": f"AFTER UPDATE ON person BEGIN {PERSON_CHANGED}; END",
        "sync_mark_organisation_update": (
            f"AFTER UPDATE ON organisation BEGIN {ORGANISATION_CHANGED}; END"
        ),
    }
    for table, meeting in MEETING_OF.items():
        new, old = meeting.format(row="NEW"), meeting.format(row="OLD")
        made[f"sync_mark_{table}_insert"] = f"AFTER INSERT ON {table} BEGIN {_bump(new)}; END"
        made[f"sync_mark_{table}_delete"] = (
            f"AFTER DELETE ON {table} BEGIN {_bump(old, STILL_HERE)}; END"
        )
        # A row moved to another meeting changes both.
        made[f"sync_mark_{table}_update"] = (
            f"AFTER UPDATE ON {table} BEGIN {_bump(new)}; "
            f"{_bump(old, f'm IS NOT NULL AND m IS NOT {new}')}; END"
        )
    return made


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(TABLE)
    for name, body in _triggers().items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS sync_mark")
