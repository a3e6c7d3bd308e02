"""Full-text search against a LIKE scan, over a database made by bench/generate.py.

Median of 20 runs per query (after one warm-up run): `search()` as the app and the
CLI call it (bm25 ranking, snippets, meeting and item names, best 50); the same with
every match ranked (RANK_WINDOW lifted: what the window saves on common words); the
floor under any bm25 ranking, bm25 of one row (its first call per query counts the
rows holding each phrase, reading every match); against `LIKE '%word%'` over the entry
table, the naive alternative:

    LIKE first 50   the first 50 matching entries, unranked (stops early on a common word)
    LIKE full scan  every matching entry (what ranking, or a count, needs); for one
                    meeting, through the index on entry.meeting_id

    .venv/bin/python bench/generate.py --home /tmp/minutes-bench --entries 200000
    .venv/bin/python bench/search.py --home /tmp/minutes-bench
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from minutes_tui.config import Home  # noqa: E402
from minutes_tui.store import search as search_module  # noqa: E402
from minutes_tui.store.search import search  # noqa: E402

# (label, FTS5 query, LIKE pattern, one meeting or None)
QUERIES: tuple[tuple[str, str, str | None, int | None], ...] = (
    ("rare word", "zeolite", "%zeolite%", None),
    ("common word", "coordination", "%coordination%", None),
    ("stop word", "the", "% the %", None),
    ("phrase", '"data responsibility"', "%data responsibility%", None),
    ("prefix", "vaccin*", "%vaccin%", None),
    ("boolean", "cholera AND vaccination NOT measles", None, None),
    ("one meeting", "coordination", "%coordination%", 500),
    ("one meeting", "the", "% the %", 500),
)


def bm25_floor_ms(con: sqlite3.Connection, fts: str, runs: int) -> float:
    """bm25 of the newest match alone: the per-query pass every ranking pays first."""
    newest = con.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT 1",
        (fts,),
    ).fetchone()
    if newest is None:
        return 0.0
    sql = f"SELECT {search_module.BM25} FROM search_index WHERE search_index MATCH ? AND rowid = ?"
    return median_ms(lambda: con.execute(sql, (fts, newest[0])).fetchall(), runs)


def median_ms(run: Callable[[], object], runs: int) -> float:
    run()  # warm the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="a home made by generate.py")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    path = Home(args.home.resolve()).db_path
    if not path.exists():
        sys.exit(f"No database at {path}: run bench/generate.py --home {args.home} first.")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    entries = con.execute("SELECT count(*) FROM entry").fetchone()[0]
    indexed = con.execute("SELECT count(*) FROM search_index").fetchone()[0]
    print(
        f"{path}: {entries:,} entries, {indexed:,} rows in the search index; median of {args.runs}"
    )
    print(
        f"{'query':<44}{'hits':>9}{'search':>10}{'all ranked':>12}{'bm25 floor':>12}"
        f"{'LIKE 50':>10}{'LIKE all':>11}{'LIKE all/search':>17}"
    )
    for label, query, pattern, meeting in QUERIES:
        fts_query = search_module.fts_query(query, meeting)
        hits = con.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (fts_query,)
        ).fetchone()[0]
        floor = bm25_floor_ms(con, fts_query, args.runs)
        fts = median_ms(lambda q=query, m=meeting: search(con, q, 50, m), args.runs)
        window, search_module.RANK_WINDOW = search_module.RANK_WINDOW, 10**12
        exact = median_ms(lambda q=query, m=meeting: search(con, q, 50, m), max(3, args.runs // 4))
        search_module.RANK_WINDOW = window
        name = f"{label}: {query}" + (f" (meeting {meeting})" if meeting else "")
        where = "meeting_id = ? AND " if meeting else ""
        extra = (meeting,) if meeting else ()
        timed = f"{name:<44}{hits:>9,}{fts:>8.1f}ms{exact:>10.1f}ms{floor:>10.1f}ms"
        if pattern is None:
            print(timed)
            continue
        args_like = (*extra, pattern)
        first_sql = f"SELECT id, text FROM entry WHERE {where}text LIKE ? LIMIT 50"
        full_sql = f"SELECT count(*) FROM entry WHERE {where}text LIKE ?"
        first = median_ms(
            lambda sql=first_sql, a=args_like: con.execute(sql, a).fetchall(), args.runs
        )
        full = median_ms(
            lambda sql=full_sql, a=args_like: con.execute(sql, a).fetchall(), args.runs
        )
        ratio = full / fts
        print(f"{timed}{first:>8.1f}ms{full:>9.1f}ms{ratio:>16.{0 if ratio >= 10 else 2}f}x")
    con.close()


if __name__ == "__main__":
    main()
