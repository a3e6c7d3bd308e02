"""full-text search: an FTS5 index kept in sync by triggers

Revision ID: 0002_search
Revises: 0001_initial
Create Date: 2026-11-24 09:00:00.000000

One FTS5 table, `search_index`, holds one row per searchable thing: entries
(points, decisions, key messages), actions, action sub-items, action reviews,
agenda items and participants. Its rowid encodes where the row came from
(source id * 8 + kind code), so a trigger finds the row to replace or delete
by rowid, in O(log n), without a scan. Columns:

    meeting_id, item_id  UNINDEXED  where the hit is (the item a capture screen opens at)
    detail               UNINDEXED  entry kind, action number, review status, role
    who                  indexed    speaker, owners, organisation, presenters
    text                 indexed    what was said or written
    scope                indexed    "m<meeting id>": a search within one meeting is an
                                    intersection of doclists (`... AND scope:m12`), not a
                                    scan of every match for its unindexed meeting_id

The SQL is written out here on purpose (not imported from `store.search`): a
migration must keep building the same thing however the code changes later.
"""

from alembic import op

revision = "0002_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

SLOTS = 8  # rowid = source id * SLOTS + kind code

ENTRY, ACTION, SUB_ITEM, UPDATE, ITEM, PARTICIPANT = 1, 2, 3, 4, 5, 6

COLUMNS = "rowid, meeting_id, item_id, detail, who, text, scope"


def owners(column: str) -> str:
    """A JSON list of owners as "A; B" (kept as it is if it is not valid JSON)."""
    return (
        f"CASE WHEN json_valid({column}) THEN "
        f"(SELECT group_concat(value, '; ') FROM json_each({column})) ELSE {column} END"
    )


# For each source table: the SELECT that builds its index rows, over `src`.
SOURCES: dict[str, str] = {
    "entry": f"""
        SELECT src.id * {SLOTS} + {ENTRY}, src.meeting_id, src.item_id, src.kind,
               src.speaker, src.text, 'm' || src.meeting_id
        FROM entry AS src""",
    "action": f"""
        SELECT src.id * {SLOTS} + {ACTION}, src.meeting_id, src.item_id, src.number,
               {owners("src.owners")}, src.text, 'm' || src.meeting_id
        FROM action AS src""",
    "action_sub_item": f"""
        SELECT src.id * {SLOTS} + {SUB_ITEM}, a.meeting_id, a.item_id, a.number,
               {owners("src.owners")}, src.text, 'm' || a.meeting_id
        FROM action_sub_item AS src JOIN action AS a ON a.id = src.action_id""",
    "action_update": f"""
        SELECT src.id * {SLOTS} + {UPDATE}, src.meeting_id, src.item_id, src.status,
               NULL, src.text, 'm' || src.meeting_id
        FROM action_update AS src""",
    "agenda_item": f"""
        SELECT src.id * {SLOTS} + {ITEM}, src.meeting_id, src.id, src.label,
               src.presenters, trim(coalesce(src.label || ' ', '') || src.title),
               'm' || src.meeting_id
        FROM agenda_item AS src""",
    "participant": f"""
        SELECT src.id * {SLOTS} + {PARTICIPANT}, src.meeting_id, NULL, src.role,
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

CODES = {
    "entry": ENTRY,
    "action": ACTION,
    "action_sub_item": SUB_ITEM,
    "action_update": UPDATE,
    "agenda_item": ITEM,
    "participant": PARTICIPANT,
}

# The columns whose change alters a table's index rows (other updates cost nothing).
WATCHED = {
    "entry": "meeting_id, item_id, kind, speaker, text",
    "action": "meeting_id, item_id, number, owners, text",
    "action_sub_item": "action_id, owners, text",
    "action_update": "meeting_id, item_id, status, text",
    "agenda_item": "meeting_id, label, title, presenters",
    "participant": "meeting_id, person_id, organisation_id, position, role",
}


def index_rows(table: str, where: str) -> str:
    return f"INSERT INTO search_index({COLUMNS}) {SOURCES[table]} WHERE {where};"


def unindex(table: str, id_sql: str) -> str:
    return f"DELETE FROM search_index WHERE rowid = {id_sql} * {SLOTS} + {CODES[table]};"


def triggers() -> dict[str, str]:
    """name → CREATE TRIGGER statement."""
    made: dict[str, str] = {}
    for table in SOURCES:
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
        f"(SELECT id * {SLOTS} + {SUB_ITEM} FROM action_sub_item WHERE action_id = new.id); "
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
            f"(SELECT src.id * {SLOTS} + {PARTICIPANT} FROM participant AS src "
            f"WHERE {where}); "
            f"{index_rows('participant', where)} END"
        )
    return made


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # FTS5 is SQLite's; the archive on PostgreSQL indexes text its own way
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "meeting_id UNINDEXED, item_id UNINDEXED, detail UNINDEXED, who, text, scope, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    # `ORDER BY rank` for anyone querying the table by hand: the weights store.search
    # uses (a match in what was said counts a little more than one in who said it).
    op.execute(
        "INSERT INTO search_index(search_index, rank) "
        "VALUES ('rank', 'bm25(0.0, 0.0, 0.0, 0.75, 1.0, 0.0)')"
    )
    for table in SOURCES:
        op.execute(f"INSERT INTO search_index({COLUMNS}) {SOURCES[table]}")
    for statement in triggers().values():
        op.execute(statement)
    op.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")
