"""Full-text search on a PostgreSQL team archive, behind store.search's interface.

The same `Hit`s as FTS5 gives, from the tsvector columns of migration 0011_pg_search
(GIN-indexed; participants are few and are searched on a vector built from their joined
rows). A query is read by `websearch_to_tsquery` — words (all of them), "a phrase",
`or`, `-word` — plus what FTS5 users type: `AND` and `NOT` as upper-case operators,
`word*` as a prefix, `who:` / `text:` in front of the whole query to search only who
spoke (owners, organisation, presenters) or only the text. `NEAR(…)` is FTS5's alone.
Matching ignores case, and accents when the server has `unaccent`. Arabic is folded as on
SQLite (search_text.fold; the vectors of 0021_search_folding fold with `translate`): the
headlines are made on the folded text and put back on the text as written.

Participants come after what was said and agreed, as on SQLite (store/search.py); then
ranked by `ts_rank` (a match in the text weighs more than one in who, and a short line
that says it twice beats a long one saying it once); `Hit.rank` is the negated rank, so
lower is better as with bm25. `ts_headline` marks the matches with MARK_OPEN …
MARK_CLOSE in `who` (all of it) and in the snippet (about SNIPPET_TOKENS words, with an
ellipsis where text was cut), computed for the `limit` rows shown only.

Same filters as on SQLite: meetings in the trash are never found, `meeting_id` narrows
to one meeting, confidential rows come back marked `confidential`. What a role may read
at all is the database's business (row-level security, team/roles.py).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from minutes_tui.store.search_text import (
    ARABIC,
    ARABIC_FOLD,
    COLUMN_FILTER,
    MARK_CLOSE,
    MARK_OPEN,
    fold,
    unfold,
    unmark,
)

CONFIG = "minutes"  # the text search configuration of 0011_pg_search
SNIPPET_TOKENS = 24
ELLIPSIS = "…"
PREFIX = re.compile(r"(?<![\w\"])([^\W_]+)\*(?=\s|$)")
UPPER_AND = re.compile(r"(?<=\s)AND(?=\s)")
UPPER_NOT = re.compile(r"(?<=\s)NOT\s+")


def pg_fold(column: str) -> str:
    """`column` folded in SQL as search_text.fold folds it (translate drops a character
    that has no counterpart)."""
    mapped = [(chr(k), v) for k, v in ARABIC_FOLD.items() if v]
    dropped = [chr(k) for k, v in ARABIC_FOLD.items() if not v]
    source = "".join(k for k, _ in mapped) + "".join(dropped)
    return f"translate({column}, '{source}', '{''.join(v for _, v in mapped)}')"


# One SELECT a kind: kind, id, meeting, item, detail, who (display), text, vector, secret.
_OWNERS = "array_to_string(ARRAY(SELECT json_array_elements_text({col})), '; ')"
KINDS: dict[str, str] = {
    "entry": """SELECT 'entry', x.id, x.meeting_id, x.item_id, x.kind::text,
        coalesce(x.speaker, ''), x.text, x.search_vector, x.confidential FROM entry x""",
    "action": f"""SELECT 'action', x.id, x.meeting_id, x.item_id, x.number::text,
        {_OWNERS.format(col="x.owners")}, x.text, x.search_vector, x.confidential
        FROM action x""",
    "sub_item": f"""SELECT 'sub_item', x.id, a.meeting_id, a.item_id, a.number::text,
        {_OWNERS.format(col="x.owners")}, x.text, x.search_vector,
        x.confidential OR a.confidential
        FROM action_sub_item x JOIN action a ON a.id = x.action_id""",
    "update": """SELECT 'update', x.id, x.meeting_id, x.item_id, x.status::text, '',
        x.text, x.search_vector, x.confidential OR a.confidential
        FROM action_update x JOIN action a ON a.id = x.action_id""",
    "item": """SELECT 'item', x.id, x.meeting_id, x.id, x.label, coalesce(x.presenters, ''),
        trim(coalesce(x.label || ' ', '') || x.title), x.search_vector, false
        FROM agenda_item x""",
}
KINDS["participant"] = """SELECT 'participant', x.id, x.meeting_id, NULL::integer, x.role,
    coalesce(o.name, ''), ltrim(coalesce(p.honorific || ' ', '') || coalesce(p.name, '')
        || coalesce(', ' || coalesce(x.position, p.position), '')
        || coalesce(' (' || x.role || ')', ''), ', '),
    x.search_vector, false
    FROM participant x LEFT JOIN person p ON p.id = x.person_id
    LEFT JOIN organisation o ON o.id = coalesce(x.organisation_id, p.organisation_id)"""

COLUMNS = "kind, id, meeting_id, item_id, detail, who, body, vector, secret"
# ts_rank normalization 1: divided by 1 + log(length), so a short line ranks higher.
# When a query matches more entries than this (a common word), only the newest
# RANK_WINDOW of them compete for the top, with every matching action, sub-item, review,
# item and participant: as on SQLite (store/search.py), ranking every one of a hundred
# thousand matches costs a second, this keeps a common word within tens of milliseconds.
RANK_WINDOW = 2000
CUTOFF = (
    "SELECT id FROM entry WHERE search_vector @@ {tsquery} ORDER BY id DESC OFFSET :offset LIMIT 1"
)
# The tsquery is written into each branch, so each table's GIN index serves its match;
# ts_rank normalization 1 divides by 1 + log(length): a short line ranks higher.
RANKED = f"""
SELECT t.kind, t.id, t.meeting_id, t.item_id, t.detail, t.rank, t.secret,
       ts_headline('{CONFIG}', {pg_fold("t.who")}, {{tsquery}}, :who_options) AS who,
       ts_headline('{CONFIG}', {pg_fold("t.body")}, {{tsquery}}, :snippet_options) AS snippet,
       t.body, t.who
FROM (
    SELECT h.kind, h.id, h.meeting_id, h.item_id, h.detail, h.who, h.body, h.secret,
           ts_rank(h.vector, {{tsquery}}, 1) AS rank
    FROM ({{union}}) AS h({COLUMNS})
    JOIN meeting m ON m.id = h.meeting_id
    WHERE m.deleted_at IS NULL {{filters}}
    ORDER BY h.kind = 'participant', rank DESC, h.id DESC
    LIMIT :limit
) AS t
ORDER BY t.kind = 'participant', t.rank DESC, t.id DESC
"""


def search_source(source: Any, query: str, limit: int, meeting_id: int | None) -> list[Any]:
    """As store.search.search for a store, engine, session or connection of an archive."""
    if isinstance(source, Session):
        return search(source.connection(), query, limit, meeting_id)
    if isinstance(source, Connection):
        return search(source, query, limit, meeting_id)
    engine = source if isinstance(source, Engine) else source.engine
    with engine.connect() as con:
        return search(con, query, limit, meeting_id)


def search(con: Connection, query: str, limit: int, meeting_id: int | None) -> list[Any]:
    """The best `limit` hits of `query` (already stripped, not empty), as store.search.Hit."""
    from minutes_tui.store.search import located_hit  # the shared result type, built once

    tsquery, params, column = pg_query(query)
    if tsquery is None:
        return []
    filters = ""
    if meeting_id is not None:
        filters += " AND h.meeting_id = :meeting"
        params["meeting"] = meeting_id
    if column == "who":
        filters += f" AND ts_filter(h.vector, '{{b}}') @@ {tsquery}"
    elif column == "text":
        filters += f" AND ts_filter(h.vector, '{{a}}') @@ {tsquery}"
    marks = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}"
    params |= {
        "limit": limit,
        "who_options": f"{marks}, HighlightAll=true",
        "snippet_options": f"{marks}, MaxWords={SNIPPET_TOKENS}, MinWords=12, ShortWord=0",
    }
    branches = {kind: f"{sql} WHERE x.search_vector @@ {tsquery}" for kind, sql in KINDS.items()}
    if meeting_id is None:
        cutoff = con.execute(
            text(CUTOFF.format(tsquery=tsquery)), {**params, "offset": RANK_WINDOW - 1}
        ).scalar()
        if cutoff is not None:
            branches["entry"] += " AND x.id >= :cutoff"
            params["cutoff"] = cutoff
    union = " UNION ALL ".join(branches.values())
    sql = RANKED.format(tsquery=tsquery, union=union, filters=filters)
    rows = con.execute(text(sql), params).all()
    meetings = _by_id(
        con, "SELECT id, date, body, title, session FROM meeting", {r[2] for r in rows}
    )
    items = _by_id(con, "SELECT id, label, title FROM agenda_item", {r[3] for r in rows} - {None})
    return [
        located_hit(
            meetings,
            items,
            kind=kind,
            row_id=row_id,
            meeting_id=mid,
            item_id=item_id,
            detail=detail,
            who=_as_written(who or "", written_who or ""),
            snippet=_as_written(_with_ellipses(snip or "", fold(body or "")), body or ""),
            rank=-float(rank),
            confidential=bool(secret),
        )
        for kind, row_id, mid, item_id, detail, rank, secret, who, snip, body, written_who in rows
    ]


def _as_written(marked: str, written: str) -> str:
    """A headline made on the folded text, on the text as written (Arabic only)."""
    return unfold(marked, written) if ARABIC.search(written) else marked


def pg_query(query: str) -> tuple[str | None, dict[str, Any], str | None]:
    """(the tsquery SQL, its parameters, a column filter) for a typed query; None as
    the SQL when nothing searchable is left (only operators, only punctuation)."""
    column = None
    if (filtered := COLUMN_FILTER.match(query)) is not None:
        column, query = filtered.group(1), filtered.group(2)
    prefixes = PREFIX.findall(query)
    rest = PREFIX.sub(" ", query)
    rest = UPPER_NOT.sub(" -", UPPER_AND.sub(" ", f" {rest} ")).strip()
    parts: list[str] = []
    params: dict[str, Any] = {}
    if rest and re.search(r"[^\W_]", rest):
        parts.append(f"websearch_to_tsquery('{CONFIG}', :words)")
        params["words"] = rest
    for n, word in enumerate(prefixes):
        parts.append(f"to_tsquery('{CONFIG}', :prefix{n} || ':*')")
        params[f"prefix{n}"] = word
    if not parts:
        return None, params, column
    return " && ".join(parts), params, column


def _with_ellipses(snippet: str, body: str) -> str:
    """An ellipsis where ts_headline cut the text (it gives none itself)."""
    plain = unmark(snippet)
    if not plain or plain == body:
        return snippet
    start = body.find(plain)
    if start < 0:
        return snippet
    lead = ELLIPSIS if body[:start].strip() else ""
    tail = ELLIPSIS if body[start + len(plain) :].strip() else ""
    return lead + snippet + tail


def _by_id(con: Connection, select: str, ids: set[Any]) -> dict[Any, tuple[Any, ...]]:
    if not ids:
        return {}
    found = con.execute(text(f"{select} WHERE id = ANY(:ids)"), {"ids": sorted(ids)}).all()
    return {row[0]: tuple(row) for row in found}
