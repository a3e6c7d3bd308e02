"""team archive search: PostgreSQL full-text search (tsvector columns, GIN indexes)

Revision ID: 0011_pg_search
Revises: 0007_final (rechained at merge after 0010_search_speed)
Create Date: 2026-12-02 08:00:00.000000

On PostgreSQL only (SQLite keeps its FTS5 index from 0002_search): a text search
configuration `minutes` — words as written (no stemming, as FTS5's unicode61), case
folded and accents removed (`unaccent`, when the server has it) — and on each searchable
table a stored generated column `search_vector`: who (speaker, owners, presenters) with
weight B, the text with weight A, so a match in what was said ranks above one in who said
it. Each column has a GIN index. Participants are few and their text is joined from
person and organisation: they are searched without a column (store/search_pg.py).

The SQL is written out here on purpose (not imported from store.search_pg): a migration
must keep building the same thing however the code changes later.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_pg_search"
down_revision = "0007_final"
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


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in VECTORS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
    op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
