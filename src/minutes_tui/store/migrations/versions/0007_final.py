"""final records: confidential entries; versions of a final record, their archived files
and hashes; the audit trail of finalizing and reopening

Revision ID: 0007_final
Revises: 0006_imported
Create Date: 2026-12-02 07:00:00.000000

Columns added with SQLite ADD COLUMN (nothing copied, so the search index's triggers on
these tables stay); three new tables.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_final"
down_revision = "0006_imported"
branch_labels = None
depends_on = None

_CONFIDENTIAL = ("entry", "action", "action_update")


def upgrade() -> None:
    for table in _CONFIDENTIAL:
        op.add_column(
            table,
            sa.Column("confidential", sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    op.create_table(
        "record_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "meeting_id",
            sa.Integer(),
            sa.ForeignKey("meeting.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(), nullable=False),
        sa.Column("finalized_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finalized_by", sa.String(), nullable=True),
        sa.UniqueConstraint("meeting_id", "version", name="uq_record_version"),
    )
    op.create_index("ix_record_version_meeting_id", "record_version", ["meeting_id"])
    op.create_table(
        "archived_file",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "version_id",
            sa.Integer(),
            sa.ForeignKey("record_version.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
    )
    op.create_index("ix_archived_file_version_id", "archived_file", ["version_id"])
    op.create_table(
        "meeting_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "meeting_id",
            sa.Integer(),
            sa.ForeignKey("meeting.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("by", sa.String(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_meeting_event_meeting_id", "meeting_event", ["meeting_id"])


def downgrade() -> None:
    for index, table in (
        ("ix_meeting_event_meeting_id", "meeting_event"),
        ("ix_archived_file_version_id", "archived_file"),
        ("ix_record_version_meeting_id", "record_version"),
    ):
        op.drop_index(index, table_name=table)
        op.drop_table(table)
    for table in _CONFIDENTIAL:
        op.execute(f"ALTER TABLE {table} DROP COLUMN confidential")
