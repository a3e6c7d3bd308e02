"""search speed: every index row that is not an entry moves above all entries' rowids

Revision ID: 0010_search_speed
Revises: 0009_sync
Create Date: 2026-12-02 08:00:00.000000

A common word ranks the newest RANK_WINDOW matching entries together with every
matching action, sub-item, review, agenda item and participant (see store/search.py).
With rowid = source id * 8 + kind code for every kind, those other rows are spread
across the whole rowid range, so finding them meant reading every match of the word
(124,000 rows for "coordination" at a million entries). From this revision a row that
is not an entry has rowid OTHER + source id * 8 + kind code (entries keep id * 8 + 1):
the candidates are then one rowid range, `rowid >= <the window's oldest entry>`, which
FTS5 reads directly. Kind = rowid % 8 and source id = (rowid % OTHER) // 8 as before.

Nothing a row holds changes (its tokens, its length, the table's row count and average
length), so bm25 scores are the same numbers. The rows are moved in place (FTS5
deletes and re-inserts a row whose rowid changes), then the index is optimized.

The SQL is written out here on purpose (not imported from `store.search` or 0002): a
migration must keep building the same thing however the code changes later.
"""

from alembic import op

revision = "0010_search_speed"
down_revision = "0009_sync"
branch_labels = None
depends_on = None

SLOTS = 8
OTHER = 1 << 48  # above any entry's id * 8 + 1; a multiple of SLOTS

ENTRY, ACTION, SUB_ITEM, UPDATE, ITEM, PARTICIPANT = 1, 2, 3, 4, 5, 6

COLUMNS = "rowid, meeting_id, item_id, detail, who, text, scope"

CODES = {
    "entry": ENTRY,
    "action": ACTION,
    "action_sub_item": SUB_ITEM,
    "action_update": UPDATE,
    "agenda_item": ITEM,
    "participant": PARTICIPANT,
}


def rowid(table: str, id_sql: str, moved: bool = True) -> str:
    """The index rowid of `table`'s row `id_sql` (as 0002 numbered it when not `moved`)."""
    base = f"{OTHER} + " if moved and table != "entry" else ""
    return f"{base}{id_sql} * {SLOTS} + {CODES[table]}"


def owners(column: str) -> str:
    """A JSON list of owners as "A; B" (kept as it is if it is not valid JSON)."""
    return (
        f"CASE WHEN json_valid({column}) THEN "
        f"(SELECT group_concat(value, '; ') FROM json_each({column})) ELSE {column} END"
    )


def sources(moved: bool = True) -> dict[str, str]:
    """For each source table: the SELECT that builds its index rows, over `src`."""

    def key(table: str) -> str:
        return rowid(table, "src.id", moved)

    return {
        "entry": f"""
        SELECT {key("entry")}, src.meeting_id, src.item_id, src.kind,
               src.speaker, src.text, 'm' || src.meeting_id
        FROM entry AS src""",
        "action": f"""
        SELECT {key("action")}, src.meeting_id, src.item_id, src.number,
               {owners("src.owners")}, src.text, 'm' || src.meeting_id
        FROM action AS src""",
        "action_sub_item": f"""
        SELECT {key("action_sub_item")}, a.meeting_id, a.item_id, a.number,
               {owners("src.owners")}, src.text, 'm' || a.meeting_id
        FROM action_sub_item AS src JOIN action AS a ON a.id = src.action_id""",
        "action_update": f"""
        SELECT {key("action_update")}, src.meeting_id, src.item_id, src.status,
               NULL, src.text, 'm' || src.meeting_id
        FROM action_update AS src""",
        "agenda_item": f"""
        SELECT {key("agenda_item")}, src.meeting_id, src.id, src.label,
               src.presenters, trim(coalesce(src.label || ' ', '') || src.title),
               'm' || src.meeting_id
        FROM agenda_item AS src""",
        "participant": f"""
        SELECT {key("participant")}, src.meeting_id, NULL, src.role,
               o.name,
               ltrim(
                   coalesce(p.honorific || ' ', '') || coalesce(p.name, '')
                   || coalesce(', ' || coalesce(src.position, p.position), '')
                   || coalesce(' (' || src.role || ')', ''),
                   ', '
               ),
               'm' || src.meeting_id
        FROM participant AS src
        LEFT JOIN person AS p ON p.id = src.person_id
        LEFT JOIN organisation AS o ON o.id = coalesce(src.organisation_id, p.organisation_id)""",
    }


SOURCES = sources()

# The columns whose change alters a table's index rows (other updates cost nothing).
WATCHED = {
    "entry": "meeting_id, item_id, kind, speaker, text",
    "action": "meeting_id, item_id, number, owners, text",
    "action_sub_item": "action_id, owners, text",
    "action_update": "meeting_id, item_id, status, text",
    "agenda_item": "meeting_id, label, title, presenters",
    "participant": "meeting_id, person_id, organisation_id, position, role",
}


def triggers(moved: bool = True) -> dict[str, str]:
    """name → CREATE TRIGGER statement (the same names and events as 0002's)."""
    rows = sources(moved)

    def index_rows(table: str, where: str) -> str:
        return f"INSERT INTO search_index({COLUMNS}) {rows[table]} WHERE {where};"

    def unindex(table: str, id_sql: str) -> str:
        return f"DELETE FROM search_index WHERE rowid = {rowid(table, id_sql, moved)};"

    made: dict[str, str] = {}
    for table in rows:
        made[f"search_{table}_ai"] = (
            f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN "
            f"{index_rows(table, 'src.id = new.id')} END"
        )
        made[f"search_{table}_au"] = (
            f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF {WATCHED[table]} ON {table} BEGIN "
            f"{unindex(table, 'old.id')} {index_rows(table, 'src.id = new.id')} END"
        )
        made[f"search_{table}_ad"] = (
            f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN "
            f"{unindex(table, 'old.id')} END"
        )
    # A sub-item shows its action's number and sits under its action's item.
    subs = "src.action_id = new.id"
    made["search_action_subs_au"] = (
        "CREATE TRIGGER search_action_subs_au AFTER UPDATE OF meeting_id, item_id, number "
        "ON action BEGIN "
        f"DELETE FROM search_index WHERE rowid IN "
        f"(SELECT {rowid('action_sub_item', 'id', moved)} FROM action_sub_item "
        f"WHERE action_id = new.id); "
        f"{index_rows('action_sub_item', subs)} END"
    )
    # A participant row shows the person's name and the organisation's name.
    refresh = {
        "person": (
            "honorific, name, position, organisation_id",
            "src.person_id = new.id",
        ),
        "organisation": (
            "name",
            "src.organisation_id = new.id OR (src.organisation_id IS NULL AND src.person_id IN "
            "(SELECT id FROM person WHERE organisation_id = new.id))",
        ),
    }
    for table, (columns, where) in refresh.items():
        made[f"search_{table}_au"] = (
            f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF {columns} ON {table} BEGIN "
            f"DELETE FROM search_index WHERE rowid IN "
            f"(SELECT {rowid('participant', 'src.id', moved)} FROM participant AS src "
            f"WHERE {where}); "
            f"{index_rows('participant', where)} END"
        )
    return made


def _move(moved: bool) -> None:
    for name in triggers(moved):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    # A row whose rowid changes is deleted and inserted again by FTS5, tokens unchanged.
    if moved:
        op.execute(
            f"UPDATE search_index SET rowid = rowid + {OTHER} "
            f"WHERE rowid < {OTHER} AND rowid % {SLOTS} != {ENTRY}"
        )
    else:
        op.execute(f"UPDATE search_index SET rowid = rowid - {OTHER} WHERE rowid >= {OTHER}")
    for statement in triggers(moved).values():
        op.execute(statement)
    op.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # FTS5 is SQLite's (0011_pg_search indexes the archive)
    _move(True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _move(False)
