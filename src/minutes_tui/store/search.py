"""Full-text search over every meeting: SQLite FTS5, ranked with bm25.

The index (`search_index`, built by migration 0002_search, its rows renumbered by
0010_search_speed, kept in sync by triggers) holds entries, actions, sub-items, action
reviews, agenda items and participants. A query is FTS5 syntax:

    data responsibility       both words, anywhere in the line (implicit AND)
    "data responsibility"     the phrase
    guid*                     a prefix
    cash OR voucher           boolean: AND, OR, NOT (upper case; `a NOT b` leaves b out)
    NEAR(access corridor, 5)  words close together
    who:UNHCR                 only in the speaker / owners / organisation; text: only in the text

Matching ignores case and accents (unicode61, remove_diacritics 2): `cafe` finds `Café`,
`reunion` finds `réunion` and `réunion` finds `reunion`. Arabic is folded before it is
indexed and before it is searched (search_text.fold, migration 0021_search_folding):
vowel marks and tatweel ignored, أ إ آ as ا, ة as ه, ى as ي; a hit shows the text as
written, its matches put back on it (search_text.unfold).

Plain words with punctuation (`co-chair`, `OCHA's`, `UNHCR: registration`, `e-mail*`)
are not valid FTS5. When a query without double quotes or parentheses fails to
parse, each word that is not a plain FTS5 word is quoted and the query is tried
once more (`co-chair` → `"co-chair"`, the phrase co + chair; AND, OR, NOT and
NEAR stay operators). A query that still cannot be read raises `SearchError`
with one sentence saying why; it never reaches the user as a crash.

Hits come best first by bm25, participants after every other hit (PARTICIPANT_CODE).
A query that matches more than RANK_WINDOW entries (a very common word) ranks only the
newest RANK_WINDOW of them, with every matching action, sub-item, review, agenda item
and participant: any query then takes milliseconds at a million entries instead of up
to a second (see bench/search.py).

Snippets carry `MARK_OPEN` … `MARK_CLOSE` around each match: the screen turns
them into highlighting, the command line into `**` … `**`.

No Textual, no SQLAlchemy at import time: the command line searches a current
database through the standard sqlite3 module.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from typing import Any

from minutes_tui.store.search_text import (
    MARK_CLOSE,
    MARK_OPEN,
    SearchError,
    explain,
    fold,
    plain_and_offsets,
    repair,
    unfold,
    well_nested,
)

TABLE = "search_index"
SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
SEARCH_TABLES = frozenset([TABLE, *(TABLE + suffix for suffix in SHADOW_SUFFIXES)])

SLOTS = 8  # an index row's rowid is source id * SLOTS + kind code (see 0002_search) ...
OTHER = 1 << 48  # ... plus OTHER for every kind but entries (see 0010_search_speed)
KINDS = {1: "entry", 2: "action", 3: "sub_item", 4: "update", 5: "item", 6: "participant"}

SNIPPET_TOKENS = 24
ELLIPSIS = "…"

SCOPE_LIKE = re.compile(r"m\d*")  # the tokens of the scope column are m<meeting id>
# The messages SQLite gives for a query it cannot read (anything else is a real error).
QUERY_ERRORS = ("fts5:", "no such column:", "unterminated string", "unknown special query")


@dataclass(frozen=True)
class Hit:
    """One match. `who` and `snippet` carry MARK_OPEN … MARK_CLOSE around the matches."""

    kind: str  # entry | action | sub_item | update | item | participant (as a store Ref.table)
    row_id: int
    meeting_id: int
    meeting_date: str | None  # ISO date
    meeting_body: str | None
    meeting_title: str
    meeting_session: str | None
    item_id: int | None  # the agenda item to open the meeting at
    item_label: str | None
    item_title: str | None
    detail: str | None  # entry kind, action number, review status, participant role
    who: str  # speaker, owners, organisation or presenters ("" when none)
    snippet: str  # the text around the best match
    rank: float  # bm25: lower is better
    confidential: bool = False  # marked `!`: shown here, left out of circulated records

    @property
    def meeting_name(self) -> str:
        return " · ".join(
            p for p in (self.meeting_body, self.meeting_title, self.meeting_session) if p
        )

    @property
    def item_name(self) -> str:
        return " ".join(p for p in (self.item_label, self.item_title) if p)

    def summary(self) -> str:
        """The hit as one line, read like the capture log (markers kept)."""
        return ("[Confidential] " if self.confidential else "") + self._summary()

    def _summary(self) -> str:
        who, text = self.who, self.snippet
        if self.kind == "entry":
            lead = {"decision": "Decision: ", "key_message": "Key message: "}.get(
                self.detail or "", ""
            )
            return lead + (f"{who}: {text}" if who else text)
        owners = f" [{who}]" if who else ""
        if self.kind == "action":
            return f"Action {self.detail}: {text}{owners}"
        if self.kind == "sub_item":
            return f"Action {self.detail}, sub-item: {text}{owners}"
        if self.kind == "update":
            return f"Review ({(self.detail or '').replace('_', ' ')}): {text}"
        if self.kind == "item":
            return f"Agenda item: {text}" + (f" (presented by {who})" if who else "")
        return "Participant: " + ", ".join(p for p in (text, who) if p)

    def to_json(self) -> dict[str, Any]:
        """Plain text in every field; where the query matched is `highlights`: for `who`,
        `snippet` and `summary`, a list of [start, end) offsets (code points) into it."""
        data = asdict(self)
        data["summary"] = self.summary()
        highlights: dict[str, list[list[int]]] = {}
        for key in ("who", "snippet", "summary"):
            data[key], highlights[key] = plain_and_offsets(data[key])
        data["highlights"] = highlights
        return data


def include_name(name: str | None, type_: str, _parent_names: Any = None) -> bool:
    """Alembic name filter: the FTS5 table and its shadow tables are not models, nor the
    PostgreSQL search columns and their indexes (0011_pg_search)."""
    if type_ == "column" and name == "search_vector":
        return False
    if type_ == "index" and name is not None and name.endswith("_search"):
        return False
    # The archive's membership table (team/roles.py) and its deleted final versions'
    # uuids (0017_archive_trust2) are the server's, not models either; nor a home's
    # sync marks (0018_sync_marks, written by triggers, read by team/sync.py).
    not_models = ("archive_member", "final_version_gone", "sync_mark")
    return not (type_ == "table" and (name in SEARCH_TABLES or name in not_models))


# Ranking: bm25 over who and text (meeting_id, item_id and detail are unindexed; scope
# only narrows to one meeting); a match in what was said counts a little more than one
# in who said it.
BM25 = "bm25(search_index, 0.0, 0.0, 0.0, 0.75, 1.0, 0.0)"
# Participants come after every other hit: a participant's line is a few words (a name,
# a position, an organisation), so bm25 put "Information Management Officer" above the
# points that discuss information for the prefix `inform`. Someone searching the record
# wants what was said and agreed first; who attended still follows, and `who:` searches
# speakers and owners.
PARTICIPANT_CODE = 6
# When a query matches more entries than this (a very common word), only the newest
# RANK_WINDOW of them compete for the top, with every matching action, sub-item, review,
# agenda item and participant. Ranking every one of a million matches costs a second.
# Since every row that is not an entry has a rowid above all entries' (OTHER), those
# candidates are the one range `rowid >= <the oldest entry of the window>`, which FTS5
# reads directly instead of testing every match of the word.
RANK_WINDOW = 2000
# Meetings in the trash (a short list, read on its index) are taken out of the match by
# their scope tokens: `... NOT scope : (m3 OR m9)` subtracts two small doclists, where a
# test of the unindexed meeting_id reads every matching row (5-7x slower, 200k entries).
TRASHED_SQL = "SELECT id FROM meeting WHERE deleted_at IS NOT NULL"

# The oldest entry of the window. Ties in bm25 are broken by the source's rowid (id * 8 +
# kind code), newest first, as before the rows that are not entries moved above OTHER.
CUTOFF_SQL = f"""
SELECT rowid FROM search_index
WHERE search_index MATCH :query AND rowid < {OTHER}
ORDER BY rowid DESC LIMIT 1 OFFSET :offset
"""
# Ranking reads bm25 only; the highlighted `who` and the snippet (which re-tokenize the
# row: most of the cost of a common word when computed for every candidate) are made
# afterwards for the `limit` rows shown (SHOWN_SQL). Meeting and item names are looked up
# for the hits only: joining them here makes SQLite materialize the ranked subquery.
SQL = f"""
SELECT rowid, {BM25} AS score
FROM search_index
WHERE search_index MATCH :query {{window}} {{meeting}}
ORDER BY rowid % {SLOTS} = {PARTICIPANT_CODE}, score, rowid % {OTHER} DESC
LIMIT :limit
"""
# The rows shown. `rowid IN (…)` runs the query once for each row, a seek in each
# doclist: right for a few matches spread over the index. A common word (a window) or a
# prefix (expanded again on each run: 50 of them cost more than snippets for the whole
# window) reads the matches between the lowest and highest rows shown once instead
# (`+rowid` keeps the list away from FTS5); rows not listed are skipped before their
# snippet is made.
SHOWN_SQL = """
SELECT rowid, meeting_id, item_id, detail,
       highlight(search_index, 3, :open, :close),
       snippet(search_index, 4, :open, :close, :ellipsis, :tokens),
       shown_who, shown_text
FROM search_index
WHERE search_index MATCH :query AND {rows}
"""
BY_ID = "rowid IN ({rowids})"
IN_ONE_PASS = "rowid BETWEEN :lowest AND :highest AND +rowid IN ({rowids})"


def search(source: Any, query: str, limit: int = 50, meeting_id: int | None = None) -> list[Hit]:
    """The best `limit` matches of `query`, best first (optionally in one meeting).

    `source` is a Store (searched outside any transaction, so it never waits on a
    writer), a SQLAlchemy/SQLModel Session or Connection (searched inside its
    transaction) or a sqlite3 connection. An empty query finds nothing.
    """
    query = fold(query.strip())
    if not query or limit < 1:
        return []
    if not isinstance(source, sqlite3.Connection) and _on_postgres(source):
        from minutes_tui.store.search_pg import search_source  # a team archive

        return search_source(source, query, limit, meeting_id)
    with _connection(source) as con:
        try:
            return _run(con, query, limit, meeting_id)
        except sqlite3.OperationalError as exc:
            if not str(exc).startswith(QUERY_ERRORS):
                raise
            repaired = repair(query)
            if repaired is None or repaired == query:
                raise SearchError(explain(query, exc)) from None
            if not repaired:
                return []
            try:
                return _run(con, repaired, limit, meeting_id)
            except sqlite3.OperationalError as again:
                if not str(again).startswith(QUERY_ERRORS):
                    raise
                raise SearchError(explain(query, exc)) from None


def fts_query(query: str, meeting_id: int | None = None, hidden: Iterable[int] = ()) -> str:
    """The query as FTS5 runs it: kept off the scope column, narrowed to one meeting.

    Every index row carries its meeting as a token ("m12") in the scope column. A
    column-free query searches every indexed column, so one that could match such a
    token (`m2`, `m*`) is held to who and text; others run as typed, since the column
    filter costs a little on common words. A query that is not well nested is left as
    it is: FTS5 rejects it, and `explain` says why.
    """
    if not well_nested(query):
        return query
    if meeting_id is not None:
        return f"{{who text}} : ({query}) AND scope:m{int(meeting_id)}"
    scoped = f"{{who text}} : ({query})" if touches_scope(query) else query
    hidden = sorted({int(i) for i in hidden})
    if hidden:  # meetings in the trash
        return f"({scoped}) NOT scope : ({' OR '.join(f'm{i}' for i in hidden)})"
    return scoped


def trashed_ids(con: sqlite3.Connection) -> list[int]:
    try:
        return [row[0] for row in con.execute(TRASHED_SQL)]
    except sqlite3.OperationalError as exc:
        if "deleted_at" not in str(exc):
            raise
        return []  # a database from before the trash (it is upgraded before a write)


def touches_scope(query: str) -> bool:
    """Whether a word of the query, folded as the tokenizer folds it, looks like m<digits>."""
    decomposed = unicodedata.normalize("NFKD", query)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return any(SCOPE_LIKE.fullmatch(word) for word in re.findall(r"[^\W_]+", folded))


def _run(con: sqlite3.Connection, query: str, limit: int, meeting_id: int | None) -> list[Hit]:
    hidden = trashed_ids(con)
    if meeting_id in hidden:
        return []
    params: dict[str, Any] = {
        "query": fts_query(query, meeting_id, hidden),
        "limit": limit,
        "open": MARK_OPEN,
        "close": MARK_CLOSE,
        "ellipsis": ELLIPSIS,
        "tokens": SNIPPET_TOKENS,
    }
    window = meeting = ""
    if meeting_id is not None:
        # One meeting holds few entries: rank them all (FTS5 intersects the query with
        # the meeting's scope token; meeting_id is checked too, for a query left as typed).
        meeting = "AND meeting_id = :meeting"
        params["meeting"] = meeting_id
    else:
        cutoff = con.execute(
            CUTOFF_SQL, {"query": params["query"], "offset": RANK_WINDOW - 1}
        ).fetchone()
        if cutoff is not None:
            window = "AND rowid >= :cutoff"
            params["cutoff"] = cutoff[0]
    ranked = con.execute(SQL.format(window=window, meeting=meeting), params).fetchall()
    if not ranked:
        return []
    rowids = [int(r[0]) for r in ranked]
    params["lowest"], params["highest"] = min(rowids), max(rowids)
    rows_shown = IN_ONE_PASS if window or "*" in params["query"] else BY_ID
    sql = SHOWN_SQL.format(rows=rows_shown.format(rowids=", ".join(map(str, rowids))))
    shown = {row[0]: _as_written(row) for row in con.execute(sql, params)}
    # A row deleted by a writer between the two statements is left out.
    rows = [(*shown[rowid], rank) for rowid, rank in ranked if rowid in shown]
    meetings = _by_id(
        con, "SELECT id, date, body, title, session FROM meeting", {row[1] for row in rows}
    )
    items = _by_id(
        con, "SELECT id, label, title FROM agenda_item", {row[2] for row in rows} - {None}
    )
    hits = [
        located_hit(
            meetings,
            items,
            kind=KINDS.get(rowid % SLOTS, "entry"),
            row_id=rowid % OTHER // SLOTS,
            meeting_id=mid,
            item_id=item_id,
            detail=detail,
            who=who,
            snippet=snip or "",
            rank=float(rank),
        )
        for rowid, mid, item_id, detail, who, snip, rank in rows
    ]
    secret = _confidential(con, hits)
    return [replace(h, confidential=True) if (h.kind, h.row_id) in secret else h for h in hits]


def _as_written(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A shown row with its highlighted who and snippet on the text as written, where the
    index holds it folded (the shown_ columns are NULL otherwise)."""
    rowid, mid, item_id, detail, who, snip, shown_who, shown_text = row
    if shown_who is not None and who is not None:
        who = unfold(who, shown_who, ELLIPSIS)
    if shown_text is not None and snip is not None:
        snip = unfold(snip, shown_text, ELLIPSIS)
    return rowid, mid, item_id, detail, who, snip


# Which rows of each kind are confidential (a sub-item: itself, or when its action is).
_CONFIDENTIAL_SQL = {
    "entry": "SELECT id FROM entry WHERE confidential AND id IN ({})",
    "action": "SELECT id FROM action WHERE confidential AND id IN ({})",
    "update": "SELECT u.id FROM action_update u JOIN action a ON a.id = u.action_id"
    " WHERE (u.confidential OR a.confidential) AND u.id IN ({})",
    "sub_item": "SELECT s.id FROM action_sub_item s JOIN action a ON a.id = s.action_id"
    " WHERE (s.confidential OR a.confidential) AND s.id IN ({})",
}


def _confidential(con: sqlite3.Connection, hits: list[Hit]) -> set[tuple[str, int]]:
    found: set[tuple[str, int]] = set()
    for kind, sql in _CONFIDENTIAL_SQL.items():
        ids = sorted({h.row_id for h in hits if h.kind == kind})
        if ids:
            rows = con.execute(sql.format(", ".join("?" * len(ids))), ids).fetchall()
            found |= {(kind, row[0]) for row in rows}
    return found


def located_hit(
    meetings: dict[Any, tuple[Any, ...]],
    items: dict[Any, tuple[Any, ...]],
    *,
    kind: str,
    row_id: int,
    meeting_id: int,
    item_id: int | None,
    detail: object,
    who: str | None,
    snippet: str,
    rank: float,
    confidential: bool = False,
) -> Hit:
    """A hit with its meeting (id, date, body, title, session) and item (id, label, title)
    taken from the rows each backend read for the page; both backends build hits here."""
    _, date, body, title, session = meetings.get(meeting_id, (meeting_id, None, None, "", None))
    _, label, item_title = items.get(item_id, (item_id, None, None))
    return Hit(
        kind=kind,
        row_id=row_id,
        meeting_id=meeting_id,
        meeting_date=str(date) if date is not None else None,
        meeting_body=body,
        meeting_title=title or "",
        meeting_session=session,
        item_id=item_id,
        item_label=label,
        item_title=item_title,
        detail=str(detail) if detail is not None else None,
        who=who or "",
        snippet=snippet,
        rank=rank,
        confidential=confidential,
    )


def _by_id(con: sqlite3.Connection, select: str, ids: set[Any]) -> dict[Any, tuple[Any, ...]]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {row[0]: row for row in con.execute(f"{select} WHERE id IN ({marks})", sorted(ids))}


def _on_postgres(source: Any) -> bool:
    """A store, engine, session or connection of a PostgreSQL archive (store/search_pg.py)."""
    bind = source.get_bind() if hasattr(source, "get_bind") else getattr(source, "engine", None)
    return getattr(getattr(bind, "dialect", None), "name", None) == "postgresql"


@contextmanager
def _connection(source: Any) -> Iterator[sqlite3.Connection]:
    if isinstance(source, sqlite3.Connection):
        yield source
        return
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.orm import Session

    from minutes_tui.store.engine import sqlite_connection

    if isinstance(source, Session):
        yield sqlite_connection(source.connection().connection)
        return
    if isinstance(source, Connection):
        yield sqlite_connection(source.connection)
        return
    engine = source if isinstance(source, Engine) else getattr(source, "engine", None)
    if not isinstance(engine, Engine):
        raise TypeError(f"cannot search {source!r}: not a store, session or connection")
    # The pooled driver connection runs in autocommit mode (see engine.py): a plain
    # SELECT reads the last committed state without taking the write lock.
    raw = engine.raw_connection()
    try:
        yield sqlite_connection(raw)
    finally:
        raw.close()
