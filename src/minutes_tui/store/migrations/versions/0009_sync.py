"""offline-first sync: a stable uuid on every synced row, the home's identity, meeting owner

Revision ID: 0009_sync
Revises: 0008_journal
Create Date: 2026-12-02 08:00:00.000000

Local integer ids differ from one home to the next; a row keeps its uuid wherever it is
copied, so sync maps foreign keys through uuids. Columns are added with ADD COLUMN
(nothing copied, so the search index's triggers stay): NOT NULL with an empty default,
filled with uuid4 here, then a unique index; a row that plain SQL inserts without one
gets one from the database. The home's identity is one row, generated
once; `meeting.owner` is the identity of the home that writes a meeting (NULL: this one)
and `meeting.sync_hash` the content hash a copy was last synced at.
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009_sync"
down_revision = "0008_journal"
branch_labels = None
depends_on = None

SYNCED = (
    "organisation",
    "person",
    "meeting",
    "participant",
    "agenda_item",
    "entry",
    "action",
    "action_sub_item",
    "action_update",
    "record_version",
    "archived_file",
    "meeting_event",
)


# A version-4 uuid in SQLite's own SQL, shaped as Python's str(uuid.uuid4()).
_SQLITE_UUID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) "
    "|| substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)


def upgrade() -> None:
    bind = op.get_bind()
    for table in SYNCED:
        op.add_column(table, sa.Column("uuid", sa.String(), nullable=False, server_default=""))
        ids = [row[0] for row in bind.execute(sa.text(f"SELECT id FROM {table}"))]
        if ids:
            bind.execute(
                sa.text(f"UPDATE {table} SET uuid = :uuid WHERE id = :id"),
                [{"uuid": str(uuid.uuid4()), "id": row_id} for row_id in ids],
            )
        # A row inserted by plain SQL that names no uuid still gets one (the models and
        # the fast path give their own): PostgreSQL by default, SQLite by a trigger, as
        # SQLite's ADD COLUMN takes only a constant default.
        if bind.dialect.name == "sqlite":
            op.execute(
                f"CREATE TRIGGER sync_uuid_{table} AFTER INSERT ON {table} "
                f"WHEN NEW.uuid = '' BEGIN UPDATE {table} SET uuid = {_SQLITE_UUID} "
                "WHERE id = NEW.id; END"
            )
        else:
            op.alter_column(table, "uuid", server_default=sa.text("gen_random_uuid()::text"))
        op.create_index(f"ix_{table}_uuid", table, ["uuid"], unique=True)
    op.add_column("meeting", sa.Column("owner", sa.String(), nullable=True))
    op.add_column("meeting", sa.Column("sync_hash", sa.String(), nullable=True))
    op.create_index("ix_meeting_owner", "meeting", ["owner"])
    op.create_table(
        "home_identity",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("home", sa.String(), nullable=False),
    )
    bind.execute(
        sa.text("INSERT INTO home_identity (id, home) VALUES (1, :home)"),
        {"home": str(uuid.uuid4())},
    )


def downgrade() -> None:
    op.drop_table("home_identity")
    op.drop_index("ix_meeting_owner", table_name="meeting")
    for column in ("sync_hash", "owner"):
        op.execute(f"ALTER TABLE meeting DROP COLUMN {column}")
    for table in SYNCED:
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS sync_uuid_{table}")
        op.drop_index(f"ix_{table}_uuid", table_name=table)
        op.execute(f"ALTER TABLE {table} DROP COLUMN uuid")
