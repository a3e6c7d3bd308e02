"""search folding: Arabic searchable as its readers type it, on SQLite and PostgreSQL

Revision ID: 0021_search_folding
Revises: 0020_meeting_language
Create Date: 2026-12-07 22:30:00.000000

FTS5's tokenizer (`unicode61 remove_diacritics 2`, kept) already folds case and Latin
accents both ways ("reunion" finds "réunion"). It does not fold Arabic: a vowel mark
(tashkeel) splits a word in pieces, and أ إ آ stay apart from ا. From this revision the
index holds `who` and `text` folded as Arabic search engines fold them (FOLD below:
vowel marks and tatweel removed, hamza seats on alef → ا, ة → ه, ى → ي, ٠-٩ → 0-9);
store.search folds the query the same way. Where folding changed a row's `who` or
`text`, the row also keeps the text as written (`shown_who`, `shown_text`, UNINDEXED;
NULL otherwise, so a record with no Arabic costs nothing more): the search screen shows
the text as written, with the matches put back on it. The index is rebuilt (dropped,
created, filled from the tables) and its triggers made again.

On PostgreSQL the search vectors of 0011_pg_search fold the same way (`translate`, an
immutable built-in: generated columns may use it), and the participants' vector function
too. Latin accents are folded there by `unaccent`, as before, where the server has it.

The SQL is written out here on purpose (not imported from `store.search` or 0010): a
migration must keep building the same thing however the code changes later.
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_search_folding"
down_revision = "0020_meeting_language"
branch_labels = None
depends_on = None

SLOTS = 8
OTHER = 1 << 48  # rows that are not entries sit above every entry (0010_search_speed)

ENTRY, ACTION, SUB_ITEM, UPDATE, ITEM, PARTICIPANT = 1, 2, 3, 4, 5, 6
CODES = {
    "entry": ENTRY,
    "action": ACTION,
    "action_sub_item": SUB_ITEM,
    "action_update": UPDATE,
    "agenda_item": ITEM,
    "participant": PARTICIPANT,
}

# Character → replacement; a character missing from the right-hand side is removed.
_MAPPED = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"}
_MAPPED |= {"\u0629": "\u0647", "\u0649": "\u064a"}
_MAPPED |= {chr(0x0660 + d): str(d) for d in range(10)}
_REMOVED = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
FOLD = {**_MAPPED, **{c: "" for c in _REMOVED}}

FOLDED_COLUMNS = "rowid, meeting_id, item_id, detail, who, text, scope, shown_who, shown_text"
PLAIN_COLUMNS = "rowid, meeting_id, item_id, detail, who, text, scope"
COLUMNS = FOLDED_COLUMNS  # what SOURCES select (bench/generate.py fills the index with them)


ARABIC_GLOB = "'*[\u0600-\u06ff]*'"
# SQLite's parser takes about 26 nested calls at most: the replace() calls are spread
# over stages of a few each, one subquery a stage.
STAGE = 9


def has_arabic(column: str) -> str:
    """Text with an Arabic character. SQLite flattens the stages, so this is asked again
    wherever a stage uses it: plain ASCII (most rows) is answered without a pattern scan."""
    ascii_only = f"length(CAST({column} AS BLOB)) = length({column})"
    return f"CASE WHEN {ascii_only} THEN 0 ELSE {column} GLOB {ARABIC_GLOB} END"


def sqlite_fold(column: str, pairs: list[tuple[str, str]], arabic: str) -> str:
    """`column` with `pairs` replaced (nested replace(), built into every SQLite) where
    `arabic` (the text as written has an Arabic character) holds."""
    folded = column
    for char, into in pairs:
        folded = f"replace({folded}, '{char}', '{into}')"
    return f"CASE WHEN {arabic} THEN {folded} ELSE {column} END"


def pg_fold(column: str) -> str:
    source = "".join(_MAPPED) + "".join(_REMOVED)
    return f"translate({column}, '{source}', '{''.join(_MAPPED.values())}')"


def owners(column: str) -> str:
    """A JSON list of owners as "A; B" (kept as it is if it is not valid JSON)."""
    return (
        f"CASE WHEN json_valid({column}) THEN "
        f"(SELECT group_concat(value, '; ') FROM json_each({column})) ELSE {column} END"
    )


def rowid(table: str, id_sql: str) -> str:
    base = f"{OTHER} + " if table != "entry" else ""
    return f"{base}{id_sql} * {SLOTS} + {CODES[table]}"


# For each source table: (rowid, meeting, item, detail, who, text, scope) over `src`.
_SELECTS: dict[str, str] = {
    "entry": f"""
        SELECT {rowid("entry", "src.id")} AS r, src.meeting_id AS m, src.item_id AS i,
               src.kind AS d, src.speaker AS w, src.text AS t, 'm' || src.meeting_id AS s
        FROM entry AS src""",
    "action": f"""
        SELECT {rowid("action", "src.id")} AS r, src.meeting_id AS m, src.item_id AS i,
               src.number AS d, {owners("src.owners")} AS w, src.text AS t,
               'm' || src.meeting_id AS s
        FROM action AS src""",
    "action_sub_item": f"""
        SELECT {rowid("action_sub_item", "src.id")} AS r, a.meeting_id AS m, a.item_id AS i,
               a.number AS d, {owners("src.owners")} AS w, src.text AS t,
               'm' || a.meeting_id AS s
        FROM action_sub_item AS src JOIN action AS a ON a.id = src.action_id""",
    "action_update": f"""
        SELECT {rowid("action_update", "src.id")} AS r, src.meeting_id AS m,
               src.item_id AS i, src.status AS d, NULL AS w, src.text AS t,
               'm' || src.meeting_id AS s
        FROM action_update AS src""",
    "agenda_item": f"""
        SELECT {rowid("agenda_item", "src.id")} AS r, src.meeting_id AS m, src.id AS i,
               src.label AS d, src.presenters AS w,
               trim(coalesce(src.label || ' ', '') || src.title) AS t, 'm' || src.meeting_id AS s
        FROM agenda_item AS src""",
    "participant": f"""
        SELECT {rowid("participant", "src.id")} AS r, src.meeting_id AS m, NULL AS i,
               src.role AS d, o.name AS w,
               ltrim(
                   coalesce(p.honorific || ' ', '') || coalesce(p.name, '')
                   || coalesce(', ' || coalesce(src.position, p.position), '')
                   || coalesce(' (' || src.role || ')', ''),
                   ', '
               ) AS t,
               'm' || src.meeting_id AS s
        FROM participant AS src
        LEFT JOIN person AS p ON p.id = src.person_id
        LEFT JOIN organisation AS o ON o.id = coalesce(src.organisation_id, p.organisation_id)""",
}


def source(table: str, where: str | None = None, folded: bool = True) -> str:
    """The SELECT of `table`'s index rows (those matching `where`, over `src`)."""
    inner = _SELECTS[table] + (f" WHERE {where}" if where else "")
    if not folded:  # as 0010_search_speed indexed them
        return f"SELECT r, m, i, d, w, t, s FROM ({inner})"
    pairs = list(FOLD.items())
    # Whether each column has Arabic is asked once: the other rows pass every stage as is.
    sql = f"SELECT *, {has_arabic('w')} AS aw, {has_arabic('t')} AS at FROM ({inner})"
    who, text = "w", "t"
    for n in range(0, len(pairs), STAGE):
        stage = pairs[n : n + STAGE]
        folds = f"{sqlite_fold(who, stage, 'aw')} AS w{n}, {sqlite_fold(text, stage, 'at')} AS t{n}"
        sql = f"SELECT *, {folds} FROM ({sql})"
        who, text = f"w{n}", f"t{n}"
    return (
        f"SELECT r, m, i, d, {who}, {text}, s, "
        f"CASE WHEN aw AND {who} IS NOT w THEN w END, "
        f"CASE WHEN at AND {text} IS NOT t THEN t END FROM ({sql})"
    )


SOURCES = {table: source(table) for table in _SELECTS}

# The columns whose change alters a table's index rows (other updates cost nothing).
WATCHED = {
    "entry": "meeting_id, item_id, kind, speaker, text",
    "action": "meeting_id, item_id, number, owners, text",
    "action_sub_item": "action_id, owners, text",
    "action_update": "meeting_id, item_id, status, text",
    "agenda_item": "meeting_id, label, title, presenters",
    "participant": "meeting_id, person_id, organisation_id, position, role",
}


def triggers(folded: bool = True) -> dict[str, str]:
    """name → CREATE TRIGGER statement (the same names and events as 0010's)."""
    columns = FOLDED_COLUMNS if folded else PLAIN_COLUMNS

    def index_rows(table: str, where: str) -> str:
        return f"INSERT INTO search_index({columns}) {source(table, where, folded)};"

    def unindex(table: str, id_sql: str) -> str:
        return f"DELETE FROM search_index WHERE rowid = {rowid(table, id_sql)};"

    made: dict[str, str] = {}
    for table in _SELECTS:
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
    made["search_action_subs_au"] = (
        "CREATE TRIGGER search_action_subs_au AFTER UPDATE OF meeting_id, item_id, number "
        "ON action BEGIN "
        f"DELETE FROM search_index WHERE rowid IN "
        f"(SELECT {rowid('action_sub_item', 'id')} FROM action_sub_item "
        f"WHERE action_id = new.id); "
        f"{index_rows('action_sub_item', 'src.action_id = new.id')} END"
    )
    # A participant row shows the person's name and the organisation's name.
    refresh = {
        "person": ("honorific, name, position, organisation_id", "src.person_id = new.id"),
        "organisation": (
            "name",
            "src.organisation_id = new.id OR (src.organisation_id IS NULL AND src.person_id IN "
            "(SELECT id FROM person WHERE organisation_id = new.id))",
        ),
    }
    for table, (watched, where) in refresh.items():
        made[f"search_{table}_au"] = (
            f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF {watched} ON {table} BEGIN "
            f"DELETE FROM search_index WHERE rowid IN "
            f"(SELECT {rowid('participant', 'src.id')} FROM participant AS src "
            f"WHERE {where}); "
            f"{index_rows('participant', where)} END"
        )
    return made


def _rebuild(folded: bool) -> None:
    for name in triggers(folded):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")
    shown = "shown_who UNINDEXED, shown_text UNINDEXED, " if folded else ""
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        f"meeting_id UNINDEXED, item_id UNINDEXED, detail UNINDEXED, who, text, scope, {shown}"
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(
        "INSERT INTO search_index(search_index, rank) "
        "VALUES ('rank', 'bm25(0.0, 0.0, 0.0, 0.75, 1.0, 0.0)')"
    )
    columns = FOLDED_COLUMNS if folded else PLAIN_COLUMNS
    for table in _SELECTS:
        op.execute(f"INSERT INTO search_index({columns}) {source(table, None, folded)}")
    for statement in triggers(folded).values():
        op.execute(statement)
    op.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")


# ---- PostgreSQL (the vectors of 0011_pg_search, the function of 0013_archive_trust) ----

PATH = "SET search_path = pg_catalog, public, pg_temp"


# Owners are a json list whose text may hold \\u escapes: folded as the names it lists.
OWNERS_TEXT = """
CREATE FUNCTION public.minutes_owners_text(j json) RETURNS text
LANGUAGE sql IMMUTABLE {PATH} AS $$
    SELECT CASE WHEN json_typeof(j) = 'array' THEN
        (SELECT coalesce(string_agg(v, '; '), '') FROM json_array_elements_text(j) AS v)
        ELSE j::text END
$$"""


def _vector(who: str, text: str, fold: bool) -> str:
    def f(sql: str) -> str:
        if fold and sql == "owners":
            return pg_fold("public.minutes_owners_text(owners)")
        return pg_fold(sql) if fold else sql

    return (
        f"setweight(to_tsvector('minutes'::regconfig, {f(who)}), 'B') || "
        f"setweight(to_tsvector('minutes'::regconfig, {f(text)}), 'A')"
    )


PG_COLUMNS = {
    "entry": ("coalesce(speaker, '')", "coalesce(text, '')"),
    "action": ("owners", "coalesce(text, '')"),
    "action_sub_item": ("owners", "coalesce(text, '')"),
    "action_update": ("''", "coalesce(text, '')"),
    "agenda_item": ("coalesce(presenters, '')", "coalesce(label, '') || ' ' || title"),
}


def participant_vector(fold: bool) -> str:
    def f(sql: str) -> str:
        return pg_fold(sql) if fold else sql

    text = (
        "ltrim(coalesce(p.honorific || ' ', '') || coalesce(p.name, '')"
        " || coalesce(', ' || coalesce(p_position, p.position), '')"
        " || coalesce(' (' || p_role || ')', ''), ', ')"
    )
    return f"""
CREATE OR REPLACE FUNCTION public.minutes_participant_vector(
    p_person integer, p_organisation integer, p_position text, p_role text
) RETURNS tsvector LANGUAGE sql STABLE {PATH} AS $$
    SELECT setweight(to_tsvector('minutes', {f("coalesce(o.name, '')")}), 'B')
        || setweight(to_tsvector('minutes', {f(text)}), 'A')
    FROM (SELECT 1) AS one
    LEFT JOIN public.person p ON p.id = p_person
    LEFT JOIN public.organisation o ON o.id = coalesce(p_organisation, p.organisation_id)
$$"""


def _pg(fold: bool) -> None:
    if fold:
        op.execute(OWNERS_TEXT.replace("{PATH}", PATH))
    for table, (who, text) in PG_COLUMNS.items():
        op.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")  # its index goes too
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({_vector(who, text, fold)}) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_vector)")
    op.execute(participant_vector(fold))
    op.execute(
        "UPDATE participant SET search_vector = "
        "minutes_participant_vector(person_id, organisation_id, position, role)"
    )
    if not fold:
        op.execute("DROP FUNCTION public.minutes_owners_text(json)")


def upgrade() -> None:
    bind: sa.Connection = op.get_bind()
    if bind.dialect.name == "postgresql":
        _pg(True)
    elif bind.dialect.name == "sqlite":
        _rebuild(True)


def downgrade() -> None:
    bind: sa.Connection = op.get_bind()
    if bind.dialect.name == "postgresql":
        _pg(False)
    elif bind.dialect.name == "sqlite":
        _rebuild(False)
