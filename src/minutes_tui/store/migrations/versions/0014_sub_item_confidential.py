"""confidential sub-items: `!- text` after an action, `!/s text`

Revision ID: 0014_sub_item_confidential
Revises: 0013_archive_trust
Create Date: 2026-12-07 15:20:00.000000

A sub-item of an action could not be confidential, so `!- text` typed right after an
action became a circulated sub-item (issue 23). `action_sub_item.confidential` is the
flag entries, actions and reviews got in 0007_final: a confidential sub-item is left out
of circulated records and of a sync without `--include-confidential`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_sub_item_confidential"
down_revision = "0013_archive_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "action_sub_item",
        sa.Column("confidential", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE action_sub_item DROP COLUMN confidential")
