"""circulation: participants' e-mail addresses; a circulation in a meeting's audit trail

Revision ID: 0016_circulation
Revises: 0015_body_parent
Create Date: 2026-12-07 15:30:00.000000

- `person.email`: "<name@org.int>" typed with /p; where `minutes circulate` sends a record.
- `meeting_event.due` and `meeting_event.recipients`: a circulation is one more line of the
  meeting's audit trail (kind "circulated"), with the date comments are due by (for
  comments) and the addresses it went to. Rows of meeting_event already follow their
  meeting on the archive (row-level security) and in sync, so circulations do too.

Plain ADD COLUMN on both dialects: nothing is copied.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_circulation"
down_revision = "0015_body_parent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("person", sa.Column("email", sa.String(), nullable=True))
    op.add_column("meeting_event", sa.Column("due", sa.Date(), nullable=True))
    op.add_column("meeting_event", sa.Column("recipients", sa.String(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): a batch copy of `person` would
    # trip the foreign keys and the search triggers that name it.
    for table, column in (
        ("meeting_event", "recipients"),
        ("meeting_event", "due"),
        ("person", "email"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
