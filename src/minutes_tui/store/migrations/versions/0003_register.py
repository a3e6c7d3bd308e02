"""the register: action groups, partners, links, comments, timeframes; labelled paragraphs

Revision ID: 0003_register
Revises: 0002_search
Create Date: 2026-12-02 05:00:00.000000

Columns only (SQLite ADD COLUMN): nothing existing is rewritten, so the upgrade of a
large database takes a moment, not a copy of every table.
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
