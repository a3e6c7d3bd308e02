"""lists: an entry can be the next item of another entry's list; headings' house style

Revision ID: 0004_lists
Revises: 0003_register
Create Date: 2026-12-02 06:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_lists"
down_revision = "0003_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): SQLite accepts a REFERENCES clause with a NULL
    # default; the index finds a list's items from its entry.
    op.execute("ALTER TABLE entry ADD COLUMN parent_id INTEGER REFERENCES entry (id)")
    op.add_column("entry", sa.Column("list_style", sa.String(), nullable=True))
    op.create_index("ix_entry_parent", "entry", ["parent_id"])
    # "session": items headed "SESSION 7.1: TITLE" (the OPAG house style), else numbered.
    op.add_column("meeting", sa.Column("heading_form", sa.String(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE meeting DROP COLUMN heading_form")
    op.drop_index("ix_entry_parent", table_name="entry")
    op.execute("ALTER TABLE entry DROP COLUMN list_style")
    op.execute("ALTER TABLE entry DROP COLUMN parent_id")
