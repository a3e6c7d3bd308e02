"""the undo journal: each undoable step done in a meeting, with what reverses it

Revision ID: 0008_journal
Revises: 0007_final
Create Date: 2026-12-02 07:20:00.000000

One new table; nothing existing is copied or changed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_journal"
down_revision = "0007_final"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "meeting_id",
            sa.Integer(),
            sa.ForeignKey("meeting.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("what", sa.String(), nullable=False),
        sa.Column("refs", sa.String(), nullable=False),
        sa.Column("data", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_journal_meeting", "journal", ["meeting_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_journal_meeting", table_name="journal")
    op.drop_table("journal")
