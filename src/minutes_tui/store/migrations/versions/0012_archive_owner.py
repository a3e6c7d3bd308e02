"""team archive: who writes a meeting (its PostgreSQL role) and the archived files' bytes

Revision ID: 0012_archive_owner
Revises: 0011_pg_search
Create Date: 2026-12-02 09:00:00.000000

- `meeting.owner_role` and `action_update.owner_role`: the PostgreSQL role that created
  (or pushed) the row. On the archive it defaults to `current_user` — also when a client
  sends NULL, as the ORM does for an unset field: a BEFORE INSERT trigger fills it, and
  runs before the policies check the new row — and the row-level
  security policies (team/roles.py) let only that role (or a member of it, when it is a
  group role) write the meeting and everything in it, and only a review's author change
  or delete that review. In a home's SQLite file it stays NULL: the home's owner rule is
  `meeting.owner` (0009_sync).
- `archived_file.content`: a final record's file itself, so it syncs with its hash. Held
  on the archive only; NULL at home, where the files live under <home>/archive/.

Rows already on an archive keep a NULL owner_role: only the administrator (the tables'
owner, not subject to the policies) writes them until it names their owner.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_archive_owner"
down_revision = "0011_pg_search"
branch_labels = None
depends_on = None

OWNED = ("meeting", "action_update")
FILL_OWNER = """
CREATE FUNCTION minutes_owner_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.owner_role := coalesce(NEW.owner_role, current_user);
    RETURN NEW;
END $$"""


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in OWNED:
        default = sa.text("CURRENT_USER") if postgres else None
        op.add_column(
            table, sa.Column("owner_role", sa.String(), nullable=True, server_default=default)
        )
    op.add_column("archived_file", sa.Column("content", sa.LargeBinary(), nullable=True))
    if postgres:
        op.execute(FILL_OWNER)
        for table in OWNED:
            op.execute(
                f"CREATE TRIGGER {table}_owner_role BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION minutes_owner_role()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in OWNED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_owner_role ON {table}")
        op.execute("DROP FUNCTION IF EXISTS minutes_owner_role()")
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy would drop the search triggers.
    op.execute("ALTER TABLE archived_file DROP COLUMN content")
    for table in OWNED:
        op.execute(f"ALTER TABLE {table} DROP COLUMN owner_role")
