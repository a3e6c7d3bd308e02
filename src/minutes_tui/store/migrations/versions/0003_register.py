"""the register: action groups, partners, links, comments, timeframes; labelled paragraphs

Revision ID: 0003_register
Revises: 0002_search
Create Date: 2026-12-02 05:00:00.000000

Columns added with SQLite ADD COLUMN: nothing is copied, so a large database upgrades in
a moment. Also cleans the short header fields written before text was cleaned at every
boundary (titles, names, places: escape sequences a terminal would obey); entries were
always cleaned by the grammar and are not touched.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_register"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("action", sa.Column("timeframe", sa.String(), nullable=True))
    op.add_column("action", sa.Column("group_title", sa.String(), nullable=True))
    op.add_column("action", sa.Column("partners", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("action", sa.Column("links", sa.String(), nullable=True))
    op.add_column("action", sa.Column("comments", sa.String(), nullable=True))
    op.add_column("action_sub_item", sa.Column("timeframe", sa.String(), nullable=True))
    op.add_column("entry", sa.Column("label", sa.String(), nullable=True))
    _clean_header_fields()


# Fields that came from the CLI, front matter, forms or attendance reports, unclean.
_FIELDS = {
    "meeting": ("title", "body", "session", "place", "chair", "rapporteur", "next_text"),
    "person": ("honorific", "name", "position"),
    "agenda_item": ("label", "title", "presenters"),
    "participant": ("position",),
}


def _clean_header_fields() -> None:
    from minutes_tui.text import clean_text  # the one cleaning, as of this revision

    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return  # an archive on PostgreSQL starts at the head: no rows from before cleaning
    for table, columns in _FIELDS.items():
        for column in columns:
            rows = bind.exec_driver_sql(
                f"SELECT id, {column} FROM {table} WHERE {column} GLOB '*[' || char(1) || '-' "
                f"|| char(31) || char(127) || '-' || char(159) || ']*'"
            ).fetchall()
            for row_id, value in rows:
                bind.exec_driver_sql(
                    f"UPDATE {table} SET {column} = ? WHERE id = ?", (clean_text(value), row_id)
                )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite ≥ 3.35): a batch copy of the table would drop the search
    # index's triggers on it.
    for table, column in (
        ("entry", "label"),
        ("action_sub_item", "timeframe"),
        ("action", "comments"),
        ("action", "links"),
        ("action", "partners"),
        ("action", "group_title"),
        ("action", "timeframe"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
