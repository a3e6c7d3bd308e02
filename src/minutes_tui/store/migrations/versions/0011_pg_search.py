"""team archive search: PostgreSQL full-text search (tsvector columns, GIN indexes)

Revision ID: 0011_pg_search
Revises: 0010_search_speed
Create Date: 2026-12-02 08:00:00.000000

On PostgreSQL only (SQLite keeps its FTS5 index from 0002_search): a text search
configuration `minutes` — words as written (no stemming, as FTS5's unicode61), case
folded and accents removed (`unaccent`, when the server has it) — and on each searchable
table a stored generated column `search_vector`: who (speaker, owners, presenters) with
weight B, the text with weight A, so a match in what was said ranks above one in who said
it. Each column has a GIN index. A participant's text is joined from its person and
organisation, so its `search_vector` is a plain column kept by triggers (as FTS5's
index is): on the participant row itself, and when a person or an organisation is
renamed (SECURITY DEFINER: a rename reaches the participants of every meeting, also
those the renaming rapporteur may not read).

The SQL is written out here on purpose (not imported from store.search_pg): a migration
must keep building the same thing however the code changes later.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_pg_search"
down_revision = "0010_search_speed"
branch_labels = None
depends_on = None

CONFIG = "minutes"


def _vector(who: str, text: str) -> str:
    return (
        f"setweight(to_tsvector('{CONFIG}'::regconfig, {who}), 'B') || "
        f"setweight(to_tsvector('{CONFIG}'::regconfig, {text}), 'A')"
    )


VECTORS = {
    "entry": _vector("coalesce(speaker, '')", "coalesce(text, '')"),
    "action": _vector("owners", "coalesce(text, '')"),
    "action_sub_item": _vector("owners", "coalesce(text, '')"),
    "action_update": _vector("''", "coalesce(text, '')"),
    "agenda_item": _vector("coalesce(presenters, '')", "coalesce(label, '') || ' ' || title"),
}


PARTICIPANT_VECTOR = f"""
CREATE FUNCTION minutes_participant_vector(
    p_person integer, p_organisation integer, p_position text, p_role text
) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('{CONFIG}', coalesce(o.name, '')), 'B')
        || setweight(to_tsvector('{CONFIG}', ltrim(
            coalesce(p.honorific || ' ', '') || coalesce(p.name, '')
            || coalesce(', ' || coalesce(p_position, p.position), '')
            || coalesce(' (' || p_role || ')', ''), ', ')), 'A')
    FROM (SELECT 1) AS one
    LEFT JOIN person p ON p.id = p_person
    LEFT JOIN organisation o ON o.id = coalesce(p_organisation, p.organisation_id)
$$"""
PARTICIPANT_TRIGGER = """
CREATE FUNCTION minutes_participant_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := minutes_participant_vector(
        NEW.person_id, NEW.organisation_id, NEW.position, NEW.role);
    RETURN NEW;
END $$"""
PEOPLE_TRIGGER = """
CREATE FUNCTION minutes_people_search() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
    IF TG_TABLE_NAME = 'person' THEN
        UPDATE participant SET search_vector = minutes_participant_vector(
            person_id, organisation_id, position, role) WHERE person_id = NEW.id;
    ELSE
        UPDATE participant SET search_vector = minutes_participant_vector(
            person_id, organisation_id, position, role)
        WHERE organisation_id = NEW.id OR (organisation_id IS NULL AND person_id IN
            (SELECT id FROM person WHERE organisation_id = NEW.id));
    END IF;
    RETURN NULL;
END $$"""


def _has_unaccent(bind: sa.Connection) -> bool:
    """Create the unaccent extension if it can be (trusted since PostgreSQL 13: a
    database owner may); without it, search is case-insensitive but not accent-blind."""
    available = bind.exec_driver_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'"
    ).scalar()
    if not available:
        return False
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except sa.exc.DBAPIError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite searches with FTS5 (0002_search)
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple)")
    if _has_unaccent(bind):
        op.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR "
            "asciiword, asciihword, hword_asciipart, word, hword, hword_part "
            "WITH unaccent, simple"
        )
    for table, vector in VECTORS.items():
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_vector)")
    op.execute("ALTER TABLE participant ADD COLUMN search_vector tsvector")
    op.execute(PARTICIPANT_VECTOR)
    op.execute(PARTICIPANT_TRIGGER)
    op.execute(PEOPLE_TRIGGER)
    op.execute(
        "CREATE TRIGGER participant_search BEFORE INSERT OR UPDATE OF "
        "person_id, organisation_id, position, role ON participant "
        "FOR EACH ROW EXECUTE FUNCTION minutes_participant_search()"
    )
    for table, columns in (
        ("person", "honorific, name, position, organisation_id"),
        ("organisation", "name"),
    ):
        op.execute(
            f"CREATE TRIGGER {table}_search AFTER UPDATE OF {columns} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION minutes_people_search()"
        )
    op.execute(
        "UPDATE participant SET search_vector = "
        "minutes_participant_vector(person_id, organisation_id, position, role)"
    )
    op.execute("CREATE INDEX ix_participant_search ON participant USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for trigger, table in (
        ("participant_search", "participant"),
        ("person_search", "person"),
        ("organisation_search", "organisation"),
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    for function in ("people_search()", "participant_search()", "participant_vector"):
        op.execute(f"DROP FUNCTION IF EXISTS minutes_{function}")
    for table in (*VECTORS, "participant"):
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
    op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
