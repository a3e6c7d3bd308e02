"""the trash: a meeting moved to the trash keeps every row, with the time it was moved

Revision ID: 0005_trash
Revises: 0004_lists
Create Date: 2026-12-02 06:00:00.000000

One nullable column (SQLite ADD COLUMN: nothing is copied) and its index, so the lists,
the tracker and search skip trashed meetings without a scan. `minutes restore` clears it;
only `minutes purge --yes` deletes the rows.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_trash"
down_revision = "0004_lists"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # timezone=True: the same DATETIME on SQLite, timestamptz on PostgreSQL (the archive).
    op.add_column("meeting", sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_meeting_deleted_at", "meeting", ["deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_meeting_deleted_at", table_name="meeting")
    # Plain DROP COLUMN (SQLite ≥ 3.35), as in 0003: a batch copy would drop the triggers.
    op.execute("ALTER TABLE meeting DROP COLUMN deleted_at")
