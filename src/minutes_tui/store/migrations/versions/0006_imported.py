"""imported records: the file (name and SHA-256) a meeting was imported from

Revision ID: 0006_imported
Revises: 0005_trash
Create Date: 2026-12-02 07:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_imported"
down_revision = "0005_trash"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A table of its own, not meeting columns: most meetings were typed, not imported.
    op.create_table(
        "imported_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "meeting_id",
            sa.Integer(),
            sa.ForeignKey("meeting.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_imported_record_sha256", "imported_record", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_imported_record_sha256", table_name="imported_record")
    op.drop_table("imported_record")
