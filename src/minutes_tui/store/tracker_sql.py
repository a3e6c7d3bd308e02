"""The tracker's SQL, for each dialect: the actions with their latest review, the
reviews of some actions, and the WHERE a `TrackerFilter` becomes.

Built once a dialect from the pieces `store.dialects` gives (placeholders, JSON lists,
case-folded matches, dates); `store.tracker` runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from minutes_tui.domain.vocabulary import OPEN_STATUSES
from minutes_tui.store.dialects import POSTGRES, POSTGRES_WITHOUT_ICU, SQLITE, SqlPieces
from minutes_tui.store.tracker_filter import TrackerFilter, lead_names


@dataclass(frozen=True)
class Queries:
    """The tracker's SQL for one dialect (built once, from `store.dialects` pieces)."""

    sql: SqlPieces
    tracked: str  # with {where}
    history: str  # with {where}
    one_action: str

    @property
    def moments(self) -> bool:
        """Does Python date reviews made outside a later meeting (`tracker._day_of`)?"""
        return self.sql.local_day("x") is None


def _review_date(sql: SqlPieces, u: str, a: str, m: str) -> str:
    """A review's date: its meeting's date, unless it was made outside a later meeting
    (then the local day it was recorded). Without SQL for that day (an archive): NULL
    here, and the caller takes the day of the moment selected after it
    (`tracker._day_of`)."""
    local = sql.local_day(f"{u}.created_at")
    if local is None:
        return f"CASE WHEN {u}.meeting_id = {a}.meeting_id THEN NULL ELSE {m}.date END"
    return (
        f"CASE WHEN {u}.meeting_id = {a}.meeting_id OR {m}.date IS NULL "
        f"THEN {local} ELSE {m}.date END"
    )


def _queries(sql: SqlPieces) -> Queries:
    moment = sql.local_day("x") is None  # then the review's moment is selected, last
    tracked = f"""
SELECT a.id, a.meeting_id, m.date, m.body, m.title, m.session, i.label, a.number, a.text,
       {sql.array("a.owners")},
       a.due_date, a.due_text, a.status,
       lu.text, {_review_date(sql, "lu", "a", "lm")}, lu.meeting_id,
       (SELECT count(*) FROM action_update c WHERE c.action_id = a.id),
       a.group_title, {sql.json_list("a.partners")}, a.links, a.comments, a.timeframe,
       a.confidential{", lu.created_at" if moment else ""}
FROM action a
JOIN meeting m ON m.id = a.meeting_id
LEFT JOIN agenda_item i ON i.id = a.item_id
LEFT JOIN action_update lu ON lu.id = (
    SELECT u.id FROM action_update u WHERE u.action_id = a.id
    ORDER BY u.created_at DESC, u.id DESC LIMIT 1
)
LEFT JOIN meeting lm ON lm.id = lu.meeting_id
{{where}}
ORDER BY {sql.newest_first("m.date")}, m.id DESC, a.number
"""
    # Undated meetings last. On SQLite, the index on meeting.date (with the action's
    # (meeting_id, number) key) yields this order unsorted.
    history = f"""
SELECT u.action_id, u.id, u.meeting_id, um.date, {_review_date(sql, "u", "a", "um")},
       u.status, u.text, u.created_at
FROM action_update u
JOIN action a ON a.id = u.action_id
JOIN meeting um ON um.id = u.meeting_id
WHERE {{where}}
ORDER BY u.action_id, u.created_at, u.id
"""
    return Queries(sql, tracked, history, f"SELECT meeting_id FROM action WHERE id = {sql.mark}")


QUERIES = {p: _queries(p) for p in (SQLITE, POSTGRES, POSTGRES_WITHOUT_ICU)}


def where_clause(filters: TrackerFilter, sql: SqlPieces = SQLITE) -> tuple[str, list[Any]]:
    mark = sql.mark
    clauses: list[str] = ["m.deleted_at IS NULL"]  # a trashed meeting's actions are hidden
    params: list[Any] = []
    if filters.open_only or filters.overdue:
        clauses.append(f"a.status IN ({', '.join(repr(s) for s in OPEN_STATUSES)})")
    if filters.overdue:
        clauses.append(f"a.due_date IS NOT NULL AND a.due_date < {mark}")
        params.append(sql.day(filters.as_of()))
    if filters.owner and filters.owner.strip():
        clauses.append(
            f"(EXISTS (SELECT 1 FROM {sql.elements('a.owners', 'o')}"
            f" WHERE {sql.contains('o.value')})"
            f" OR EXISTS (SELECT 1 FROM action_sub_item so, {sql.elements('so.owners', 'oo')}"
            f" WHERE so.action_id = a.id AND {sql.contains('oo.value')}))"
        )
        needle = filters.owner.strip().casefold()
        params += [needle, needle]
    if filters.body and filters.body.strip():
        # The body's own actions, and those it leads wherever they were agreed.
        names = lead_names(filters.body)
        clauses.append(
            f"({sql.fold('m.body')} = {mark} OR EXISTS (SELECT 1 FROM"
            f" {sql.elements('a.owners', 'bo')} WHERE {sql.fold('bo.value')}"
            f" IN ({', '.join(mark for _ in names)})))"
        )
        params += [filters.body.strip().casefold(), *names]
    for term in filters.terms():
        clauses.append(
            f"({sql.contains('a.text')} OR EXISTS (SELECT 1 FROM action_sub_item st"
            f" WHERE st.action_id = a.id AND {sql.contains('st.text')}))"
        )
        needle = term.strip().casefold()
        params += [needle, needle]
    if filters.meeting_id is not None:
        clauses.append(f"a.meeting_id = {mark}")
        params.append(filters.meeting_id)
    if filters.group and filters.group.strip():
        clauses.append(sql.contains("a.group_title"))
        params.append(filters.group.strip().casefold())
    if filters.date_from is not None:
        clauses.append(f"m.date >= {mark}")
        params.append(sql.day(filters.date_from))
    if filters.date_to is not None:
        clauses.append(f"m.date <= {mark}")
        params.append(sql.day(filters.date_to))
    return "WHERE " + " AND ".join(clauses), params
