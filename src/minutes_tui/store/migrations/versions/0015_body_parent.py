"""bodies with a parent: a results group under its policy group, a sub-group under it

Revision ID: 0015_body_parent
Revises: 0014_sub_item_confidential
Create Date: 2026-12-07 15:30:00.000000

One new table, `body` (name, parent): meetings keep naming their body as text, and a row
here says which body is above it (`minutes edit --body RG1 --parent OPAG`, front matter
`parent:`). A meeting reviews actions of its body's register and of every body above and
below it. On a team archive it is part of the shared directory, like people and
organisations (team/roles.py): no row-level security, never deleted by a rapporteur.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_body_parent"
down_revision = "0014_sub_item_confidential"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "body",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False, unique=True),
        sa.Column("parent", sa.String(), nullable=True),
    )
    op.create_index("ix_body_uuid", "body", ["uuid"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_body_uuid", table_name="body")
    op.drop_table("body")
