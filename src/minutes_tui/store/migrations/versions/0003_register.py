"""the register: action groups, partners, links, comments, timeframes; labelled paragraphs

Revision ID: 0003_register
Revises: 0002_search
Create Date: 2026-12-02 05:00:00.000000

Columns added with SQLite ADD COLUMN: nothing is copied, so a large database upgrades in
a moment. Also cleans the short header fields written before text was cleaned at every
boundary (titles, names, places: escape sequences a terminal would obey); entries were
always cleaned by the grammar and are not touched.
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0003_register"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("action", sa.Column("timeframe", sa.String(), nullable=True))
    op.add_column("action", sa.Column("group_title", sa.String(), nullable=True))
    op.add_column("action", sa.Column("partners", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("action", sa.Column("links", sa.String(), nullable=True))
    op.add_column("action", sa.Column("comments", sa.String(), nullable=True))
    op.add_column("action_sub_item", sa.Column("timeframe", sa.String(), nullable=True))
    op.add_column("entry", sa.Column("label", sa.String(), nullable=True))
    _clean_header_fields()


# Fields that came from the CLI, front matter, forms or attendance reports, unclean.
_FIELDS = {
    "meeting": ("title", "body", "session", "place", "chair", "rapporteur", "next_text"),
    "person": ("honorific", "name", "position"),
    "agenda_item": ("label", "title", "presenters"),
    "participant": ("position",),
}


def _clean_header_fields() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return  # an archive on PostgreSQL starts at the head: no rows from before cleaning
    for table, columns in _FIELDS.items():
        for column in columns:
            rows = bind.exec_driver_sql(
                f"SELECT id, {column} FROM {table} WHERE {column} GLOB '*[' || char(1) || '-' "
                f"|| char(31) || char(127) || '-' || char(159) || ']*'"
            ).fetchall()
            for row_id, value in rows:
                bind.exec_driver_sql(
                    f"UPDATE {table} SET {column} = ? WHERE id = ?", (_clean(value), row_id)
                )


# The one-line cleaning of `minutes_tui.domain.text.clean_text` as it was when this revision was
# written (2 Dec 2026), copied: a migration keeps meaning what it meant, whatever the live
# cleaning later becomes (it has since learned to drop bidi controls, for one).
_ESCAPE_RE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x90\x98\x9c-\x9f]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x21-\x2f]*[\x30-\x7e]"
)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_LONE_SURROGATE_RE = re.compile(
    r"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]"
)


def _clean(s: str) -> str:
    """Escape sequences removed whole, other controls -> space, lone surrogates ->
    U+FFFD, whitespace runs collapsed, ends stripped."""
    s = _ESCAPE_RE.sub("", s)
    s = _CONTROL_RE.sub(" ", s)
    if _SURROGATE_RE.search(s):
        s = _LONE_SURROGATE_RE.sub("\ufffd", s)
        if _SURROGATE_RE.search(s):  # valid high+low pairs: joined into their character
            s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    return " ".join(s.split())


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite ≥ 3.35): a batch copy of the table would drop the search
    # index's triggers on it.
    for table, column in (
        ("entry", "label"),
        ("action_sub_item", "timeframe"),
        ("action", "comments"),
        ("action", "links"),
        ("action", "partners"),
        ("action", "group_title"),
        ("action", "timeframe"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
