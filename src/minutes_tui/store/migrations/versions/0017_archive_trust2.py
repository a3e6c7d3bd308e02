"""team archive against a hostile rapporteur, second round: shapes of JSON columns, review
statuses from the vocabulary, archived files checked and capped on insert, a deleted final
version never written again under its uuid

Revision ID: 0017_archive_trust2
Revises: 0016_circulation
Create Date: 2026-12-07 16:45:00.000000

Issue 23, the adversarial pass as a rapporteur with psql (docs/threat-model.md):

- `action.owners`, `action.partners` and `action_sub_item.owners` are JSON arrays of
  strings (an action whose owners were `5` broke every record of the home that pulled it).
- An action's and a review's status is one of the vocabulary's (any string reached the
  owner's tracker through a review).
- An archived file's bytes match its SHA-256 and size when they are written; a file is at
  most 64 MiB and a version holds at most 64 files (three 256 MB files took a puller's
  memory to 3.2 GB).
- Two files of one final version never share a name; a meeting or a review is never
  owned by the group role every rapporteur belongs to (all of them would write it).
- A final version deleted with its meeting (its owner's purge) leaves its uuid and its
  meeting's uuid behind (`final_version_gone`): neither is given a final version again, so
  a version cannot be deleted and re-inserted with other files under the same uuids.

PostgreSQL only (a home's SQLite file has no hostile writer besides its own user); rows
already on an archive are not validated (NOT VALID): sync checks them again on pull. The
SQL is written out here on purpose: a migration imports no live code of the app.
"""

from alembic import op

revision = "0017_archive_trust2"
down_revision = "0016_circulation"
branch_labels = None
depends_on = None

PATH = "SET search_path = pg_catalog, public, pg_temp"
STATUSES = ("pending", "in_progress", "continuous", "completed", "deprioritized", "dropped")
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_VERSION_FILES = 64
GROUP = "minutes_rapporteur"  # team/roles.py's group role: every rapporteur is a member

NAMES = f"""
CREATE FUNCTION public.minutes_names(j json) RETURNS boolean LANGUAGE sql IMMUTABLE {PATH} AS $$
    SELECT json_typeof(j) = 'array' AND NOT EXISTS (
        SELECT 1 FROM json_array_elements(j) e WHERE json_typeof(e) <> 'string')
$$"""
NAME_COLUMNS = (("action", "owners"), ("action", "partners"), ("action_sub_item", "owners"))

FILE_CHECKED = f"""
CREATE FUNCTION public.minutes_file_checked() RETURNS trigger LANGUAGE plpgsql {PATH} AS $$
BEGIN
    IF NEW.content IS NOT NULL AND (encode(sha256(NEW.content), 'hex') <> NEW.sha256
            OR octet_length(NEW.content) <> NEW.size) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'minutes: an archived file''s bytes do not match its SHA-256 and size';
    END IF;
    IF EXISTS (SELECT 1 FROM public.archived_file f WHERE f.version_id = NEW.version_id
            AND f.name = NEW.name AND f.id IS DISTINCT FROM NEW.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'unique_violation',
            MESSAGE = 'minutes: a final version holds one file of each name';
    END IF;
    IF TG_OP = 'INSERT' AND (SELECT count(*) FROM public.archived_file f
            WHERE f.version_id = NEW.version_id) >= {MAX_VERSION_FILES} THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'minutes: a final version holds at most {MAX_VERSION_FILES} files';
    END IF;
    RETURN NEW;
END $$"""

# Owner's rights for the tombstone only: a rapporteur reads it, never writes it himself.
# On the meeting, before its delete cascades (a version's own delete is refused by 0013).
VERSION_GONE = f"""
CREATE FUNCTION public.minutes_version_gone() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER {PATH} AS $$
BEGIN
    INSERT INTO public.final_version_gone (uuid, meeting_uuid)
    SELECT v.uuid, OLD.uuid FROM public.record_version v WHERE v.meeting_id = OLD.id
    ON CONFLICT DO NOTHING;
    RETURN OLD;
END $$"""
VERSION_NEW = f"""
CREATE FUNCTION public.minutes_version_new() RETURNS trigger LANGUAGE plpgsql {PATH} AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM public.final_version_gone g WHERE g.uuid = NEW.uuid)
        OR EXISTS (SELECT 1 FROM public.final_version_gone g JOIN public.meeting m
            ON m.uuid = g.meeting_uuid WHERE m.id = NEW.meeting_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
            MESSAGE = 'minutes: this final version (or its meeting''s) was deleted from the '
                'archive and is never written there again';
    END IF;
    RETURN NEW;
END $$"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    run = bind.exec_driver_sql  # no bind parameters: the SQL holds colons
    run(NAMES)
    for table, column in NAME_COLUMNS:
        run(
            f"ALTER TABLE {table} ADD CONSTRAINT ck_{table}_{column}_names "
            f"CHECK (public.minutes_names({column})) NOT VALID"
        )
    allowed = ", ".join(f"'{s}'" for s in STATUSES)
    for table in ("action", "action_update"):
        run(
            f"ALTER TABLE {table} ADD CONSTRAINT ck_{table}_status "
            f"CHECK (status IN ({allowed})) NOT VALID"
        )
    run(
        "ALTER TABLE archived_file ADD CONSTRAINT ck_archived_file_size CHECK (size >= 0 AND "
        f"size <= {MAX_FILE_BYTES} AND coalesce(octet_length(content), 0) <= {MAX_FILE_BYTES}) "
        "NOT VALID"
    )
    for table in ("meeting", "action_update"):  # never every rapporteur's to write
        run(
            f"ALTER TABLE {table} ADD CONSTRAINT ck_{table}_owner_not_group "
            f"CHECK (owner_role IS DISTINCT FROM '{GROUP}') NOT VALID"
        )
    run(FILE_CHECKED)
    run(
        "CREATE TRIGGER archived_file_checked BEFORE INSERT OR UPDATE OF content, sha256, size, "
        "name ON archived_file FOR EACH ROW EXECUTE FUNCTION public.minutes_file_checked()"
    )
    run("CREATE TABLE final_version_gone (uuid text PRIMARY KEY, meeting_uuid text)")
    run("CREATE INDEX ix_final_version_gone_meeting ON final_version_gone (meeting_uuid)")
    run(VERSION_GONE)
    run(
        "CREATE TRIGGER meeting_versions_gone BEFORE DELETE ON meeting "
        "FOR EACH ROW EXECUTE FUNCTION public.minutes_version_gone()"
    )
    run(VERSION_NEW)
    run(
        "CREATE TRIGGER record_version_new BEFORE INSERT OR UPDATE OF uuid, meeting_id "
        "ON record_version FOR EACH ROW EXECUTE FUNCTION public.minutes_version_new()"
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    run = bind.exec_driver_sql
    run("DROP TRIGGER IF EXISTS record_version_new ON record_version")
    run("DROP TRIGGER IF EXISTS meeting_versions_gone ON meeting")
    run("DROP TABLE IF EXISTS final_version_gone")
    run("DROP TRIGGER IF EXISTS archived_file_checked ON archived_file")
    for function in ("version_new", "version_gone", "file_checked"):
        run(f"DROP FUNCTION IF EXISTS public.minutes_{function}()")
    run("ALTER TABLE archived_file DROP CONSTRAINT IF EXISTS ck_archived_file_size")
    for table in ("meeting", "action_update"):
        run(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS ck_{table}_owner_not_group")
    for table in ("action", "action_update"):
        run(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS ck_{table}_status")
    for table, column in NAME_COLUMNS:
        run(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS ck_{table}_{column}_names")
    run("DROP FUNCTION IF EXISTS public.minutes_names(json)")
