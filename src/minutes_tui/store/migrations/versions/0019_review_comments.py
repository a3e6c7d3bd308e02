"""review comments: a reviewer's comments from a draft returned from Word

Revision ID: 0019_review_comments
Revises: 0018_sync_marks
Create Date: 2026-12-07 19:30:00.000000

`minutes incorporate` keeps each comment of a returned draft with the row it was anchored
to (an entry or an action, by table and id), its author and text, until it is resolved.
One new table; nothing existing is copied or changed. The SQL is written out here on
purpose: a migration imports no live code of the app.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_review_comments"
down_revision = "0018_sync_marks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_comment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "meeting_id",
            sa.Integer(),
            sa.ForeignKey("meeting.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("row_table", sa.String(), nullable=True),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("anchor", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_review_comment_meeting", "review_comment", ["meeting_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_review_comment_meeting", table_name="review_comment")
    op.drop_table("review_comment")
