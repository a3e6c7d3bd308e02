"""team archive against a hostile rapporteur: file names, pinned search paths, references
kept inside one meeting, reviews timed by the server, final versions immutable

Revision ID: 0013_archive_trust
Revises: 0012_archive_owner
Create Date: 2026-12-07 15:30:00.000000

Issue 23 (docs/threat-model.md says who is trusted with what):

- `archived_file.name` is one plain path component (no `/` or `\\`, not `.` or `..`, no
  control character, at most 255 bytes): a CHECK on PostgreSQL, a trigger on SQLite. Rows
  already on an archive are not validated (NOT VALID): sync checks every name again on
  pull and refuses a bad one.
- Every function on the archive runs with `search_path = pg_catalog, public, pg_temp`
  (pg_temp last) and names its tables with their schema: the one owner-rights function
  (the participants' search text, kept when a person is renamed) can no longer be led to
  a rapporteur's temporary table. `minutes archive init` also revokes TEMP.
- A row's references to its own meeting's rows (an entry's agenda item, list parent and
  speaker; an action's or a review's agenda item) must point into the same meeting, and
  one the writer may read: checked by a trigger before the foreign key, so a reference to
  a row the writer cannot read fails exactly as one to no row (no probing ids).
- A review's time is the server's at most: a client clock set ahead is brought back to
  `now()`, so no home wins every review by its clock.
- A final version and its archived files are never changed nor deleted on the archive
  (only with their whole meeting, by its owner's purge).

The SQL is written out here on purpose: a migration imports no live code of the app.
"""

from alembic import op

revision = "0013_archive_trust"
down_revision = "0012_archive_owner"
branch_labels = None
depends_on = None

PATH = "SET search_path = pg_catalog, public, pg_temp"

PG_NAME_OK = (
    "name <> '' AND name <> '.' AND name <> '..' AND strpos(name, '/') = 0 "
    "AND strpos(name, chr(92)) = 0 AND name !~ '[[:cntrl:]]' AND octet_length(name) <= 255"
)
SQLITE_NAME_BAD = (
    "NEW.name = '' OR NEW.name = '.' OR NEW.name = '..' OR instr(NEW.name, '/') > 0 "
    "OR instr(NEW.name, char(92)) > 0 OR length(CAST(NEW.name AS BLOB)) > 255"
)

PARTICIPANT_VECTOR = f"""
CREATE OR REPLACE FUNCTION public.minutes_participant_vector(
    p_person integer, p_organisation integer, p_position text, p_role text
) RETURNS tsvector LANGUAGE sql STABLE {PATH} AS $$
    SELECT setweight(to_tsvector('minutes', coalesce(o.name, '')), 'B')
        || setweight(to_tsvector('minutes', ltrim(
            coalesce(p.honorific || ' ', '') || coalesce(p.name, '')
            || coalesce(', ' || coalesce(p_position, p.position), '')
            || coalesce(' (' || p_role || ')', ''), ', ')), 'A')
    FROM (SELECT 1) AS one
    LEFT JOIN public.person p ON p.id = p_person
    LEFT JOIN public.organisation o ON o.id = coalesce(p_organisation, p.organisation_id)
$$"""
PEOPLE_TRIGGER = f"""
CREATE OR REPLACE FUNCTION public.minutes_people_search() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER {PATH} AS $$
BEGIN
    IF TG_TABLE_NAME = 'person' THEN
        UPDATE public.participant SET search_vector = public.minutes_participant_vector(
            person_id, organisation_id, position, role) WHERE person_id = NEW.id;
    ELSE
        UPDATE public.participant SET search_vector = public.minutes_participant_vector(
            person_id, organisation_id, position, role)
        WHERE organisation_id = NEW.id OR (organisation_id IS NULL AND person_id IN
            (SELECT id FROM public.person WHERE organisation_id = NEW.id));
    END IF;
    RETURN NULL;
END $$"""
INVOKER_PATHS = ("minutes_participant_search()", "minutes_owner_role()")

# A reference of `NEW` to a row of another meeting (or one the writer cannot read).
SAME_MEETING = f"""
CREATE FUNCTION public.minutes_same_meeting() RETURNS trigger LANGUAGE plpgsql {PATH} AS $$
DECLARE
    bad text;
BEGIN
    IF NEW.item_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM public.agenda_item x
            WHERE x.id = NEW.item_id AND x.meeting_id = NEW.meeting_id) THEN
        bad := 'agenda item';
    ELSIF TG_TABLE_NAME = 'entry' THEN
        IF NEW.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM public.entry x
                WHERE x.id = NEW.parent_id AND x.meeting_id = NEW.meeting_id) THEN
            bad := 'entry';
        ELSIF NEW.participant_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM public.participant x
                WHERE x.id = NEW.participant_id AND x.meeting_id = NEW.meeting_id) THEN
            bad := 'participant';
        END IF;
    END IF;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = 'minutes: the ' || bad || ' it names is not one of its own meeting''s';
    END IF;
    RETURN NEW;
END $$"""
SAME_MEETING_TABLES = {
    "entry": "item_id, parent_id, participant_id, meeting_id",
    "action": "item_id, meeting_id",
    "action_update": "item_id, meeting_id",
}

REVIEW_TIME = f"""
CREATE FUNCTION public.minutes_review_time() RETURNS trigger LANGUAGE plpgsql {PATH} AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        NEW.created_at := least(coalesce(NEW.created_at, now()), now());
    END IF;
    RETURN NEW;
END $$"""

# A final version and its files stay as archived; they go only with their meeting (its
# purge cascades: the parent row is already gone when the child's trigger runs).
VERSION_KEPT = f"""
CREATE FUNCTION public.minutes_version_kept() RETURNS trigger LANGUAGE plpgsql {PATH} AS $$
BEGIN
    IF TG_TABLE_NAME = 'archived_file' THEN
        IF TG_OP = 'DELETE' THEN
            IF NOT EXISTS (SELECT 1 FROM public.record_version v WHERE v.id = OLD.version_id)
            THEN RETURN OLD; END IF;
        ELSIF (NEW.uuid, NEW.version_id, NEW.name, NEW.sha256, NEW.size)
                IS NOT DISTINCT FROM (OLD.uuid, OLD.version_id, OLD.name, OLD.sha256, OLD.size)
            AND (NEW.content IS NOT DISTINCT FROM OLD.content OR (OLD.content IS NULL
                AND encode(sha256(NEW.content), 'hex') = NEW.sha256)) THEN
            RETURN NEW;
        END IF;
    ELSE
        IF TG_OP = 'DELETE' THEN
            IF NOT EXISTS (SELECT 1 FROM public.meeting m WHERE m.id = OLD.meeting_id)
            THEN RETURN OLD; END IF;
        ELSIF (NEW.uuid, NEW.meeting_id, NEW.version, NEW.finalized_at, NEW.finalized_by)
            IS NOT DISTINCT FROM
            (OLD.uuid, OLD.meeting_id, OLD.version, OLD.finalized_at, OLD.finalized_by) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'minutes: a final version of a record is never changed on the archive'
        USING ERRCODE = 'integrity_constraint_violation';
END $$"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for event in ("INSERT", "UPDATE OF name"):
            bind.exec_driver_sql(
                f"CREATE TRIGGER archived_file_name_{event.split()[0].lower()} BEFORE {event} "
                f"ON archived_file WHEN {SQLITE_NAME_BAD} BEGIN SELECT RAISE(ABORT, "
                "'an archived file name is one plain file name'); END"
            )
        return
    run = bind.exec_driver_sql  # no bind parameters: the SQL holds colons
    run(
        "ALTER TABLE archived_file ADD CONSTRAINT ck_archived_file_plain_name "
        f"CHECK ({PG_NAME_OK}) NOT VALID"
    )
    run(PARTICIPANT_VECTOR)
    run(PEOPLE_TRIGGER)
    for function in INVOKER_PATHS:
        run(f"ALTER FUNCTION public.{function} {PATH}")
    run(SAME_MEETING)
    for table, columns in SAME_MEETING_TABLES.items():
        run(
            f"CREATE TRIGGER {table}_same_meeting BEFORE INSERT OR UPDATE OF {columns} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION public.minutes_same_meeting()"
        )
    run(REVIEW_TIME)
    run(
        "CREATE TRIGGER action_update_time BEFORE INSERT OR UPDATE OF created_at "
        "ON action_update FOR EACH ROW EXECUTE FUNCTION public.minutes_review_time()"
    )
    run(VERSION_KEPT)
    for table in ("archived_file", "record_version"):
        run(
            f"CREATE TRIGGER {table}_kept BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION public.minutes_version_kept()"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for event in ("insert", "update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS archived_file_name_{event}")
        return
    run = bind.exec_driver_sql
    for table in ("archived_file", "record_version"):
        run(f"DROP TRIGGER IF EXISTS {table}_kept ON {table}")
    run("DROP TRIGGER IF EXISTS action_update_time ON action_update")
    for table in SAME_MEETING_TABLES:
        run(f"DROP TRIGGER IF EXISTS {table}_same_meeting ON {table}")
    for function in ("version_kept", "review_time", "same_meeting"):
        run(f"DROP FUNCTION IF EXISTS public.minutes_{function}()")
    for function in INVOKER_PATHS:
        run(f"ALTER FUNCTION public.{function} RESET search_path")
    run("ALTER FUNCTION public.minutes_people_search() SET search_path = public, pg_catalog")
    run(
        "ALTER FUNCTION public.minutes_participant_vector(integer, integer, text, text) "
        "RESET search_path"
    )
    run("ALTER TABLE archived_file DROP CONSTRAINT IF EXISTS ck_archived_file_plain_name")
