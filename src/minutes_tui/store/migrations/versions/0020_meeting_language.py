"""a meeting's language: the record's fixed words, its dates and the grammar's due words

Revision ID: 0020_meeting_language
Revises: 0019_review_comments
Create Date: 2026-12-07 22:15:00.000000

Issue 28: `meeting.language` ("en", "fr", "es", "ar": domain/language.py), set by
`minutes new --language`, the meeting form, the body's last meeting or config.toml's
`[new_meeting] language`. Every meeting written before it was English: the column's
default says so, on SQLite and on the team archive alike. A plain ADD COLUMN, not a
batch copy of the table, so the sync-mark triggers on `meeting` (0018) stay in place.
A body's default is the language of its latest meeting (store/meetings.py), so bodies
get no column. The SQL is written out here on purpose: a migration imports no live
code of the app.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_meeting_language"
down_revision = "0019_review_comments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "meeting",
        sa.Column("language", sa.String(), nullable=False, server_default="en"),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE meeting DROP COLUMN language")
