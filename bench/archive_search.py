"""Archive search on PostgreSQL beside FTS5, over the same rows (issue 17's bench row).

The rows of a home made by bench/generate.py (organisations, people, meetings,
participants, items, entries, actions, sub-items, reviews) are loaded into a fresh
archive on a throw-away PostgreSQL server (tests/postgres.py: initdb in a temp folder)
with COPY, after `archive init`'s schema; the GIN indexes are built after the load, as
a restore would. Then the same three queries as the FTS5 row of bench/run.py — common
word, phrase, rare word — through `search()` on each side (ranked, highlighted, names
looked up, best 50), median of 20 after a warm-up.

    .venv/bin/python bench/generate.py --home /tmp/minutes-1m --entries 1000000
    .venv/bin/python bench/archive_search.py --home /tmp/minutes-1m

Without PostgreSQL installed it says why and stops (bench/run.py skips the row).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from minutes_tui.config import Home  # noqa: E402

QUERIES = (
    ("common word", "coordination"),
    ("phrase", '"data responsibility"'),
    ("rare word", "zeolite"),
)
# Parents first: COPY checks foreign keys row by row.
TABLES = (
    "organisation",
    "person",
    "meeting",
    "participant",
    "agenda_item",
    "entry",
    "action",
    "action_sub_item",
    "action_update",
)
SEARCHED = ("entry", "action", "action_sub_item", "action_update", "agenda_item")
Row = Callable[..., None]


def why_not() -> str | None:
    """None when a PostgreSQL server can be started here, else why not."""
    from tests import postgres

    return postgres.find_binaries()[1] or None


def median_ms(run: Callable[[], object], runs: int) -> float:
    run()  # warm up: caches, the first plan
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def load(sqlite_path: Path, url: str) -> float:
    """COPY every table's rows from the SQLite home into the archive; seconds taken."""
    import psycopg
    from sqlalchemy.engine import make_url
    from tests.postgres import SUPERPASS

    started = time.perf_counter()
    parsed = make_url(url)
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    with psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=SUPERPASS,
        dbname=parsed.database,
    ) as pg:
        for table in SEARCHED:  # built once after the load, not row by row
            pg.execute(f"DROP INDEX IF EXISTS ix_{table}_search")  # type: ignore[arg-type]
        for table in TABLES:
            mine = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            theirs = {
                r[0]
                for r in pg.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                    (table,),
                )
            }
            columns = [c for c in mine if c in theirs]
            names = ", ".join(f'"{c}"' for c in columns)
            with pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # type: ignore[arg-type]
                for values in src.execute(f"SELECT {names} FROM {table}"):
                    copy.write_row(values)
            pg.execute(  # type: ignore[arg-type]
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"coalesce((SELECT max(id) FROM {table}), 1))"
            )
        for table in SEARCHED:
            pg.execute(  # type: ignore[arg-type]
                f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_vector)"
            )
        pg.execute("ANALYZE")
    src.close()
    return time.perf_counter() - started


def measure(home: Path, runs: int, row: Row) -> None:
    """Load the home into a fresh archive and add one row a query to the bench table."""
    from tests import postgres

    from minutes_tui.store.search import search
    from minutes_tui.store.store import Store
    from minutes_tui.team.init import init_archive

    sqlite_path = Home(home).db_path
    con = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    entries = con.execute("SELECT count(*) FROM entry").fetchone()[0]
    server = postgres.start_server()
    try:
        os.environ["PGPASSWORD"] = postgres.SUPERPASS
        url = server.url(server.create_database("bench"))
        init_archive(url)
        seconds = load(sqlite_path, url)
        print(f"  (loaded {entries:,} entries into PostgreSQL in {seconds:.0f} s)", flush=True)
        store = Store.open(Home(home / "archive-home", db_url=url))
        for label, query in QUERIES:
            pg = median_ms(lambda q=query: search(store, q, 50, None), runs)  # type: ignore[misc]
            fts = median_ms(lambda q=query: search(con, q, 50, None), runs)  # type: ignore[misc]
            hits = len(search(store, query, 50, None))
            row(
                f"archive search {entries:,} entries on PostgreSQL, {label} ({query}), "
                f"median of {runs}",
                pg,
                fts,
                "<= 200 ms (a team archive over the network)",
                pg <= 200,
                "ms",
                f"anchor: FTS5 on the same rows; {pg / fts:.1f}x; {hits} hits",
            )
        store.close()
    finally:
        con.close()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="a home made by generate.py")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    reason = why_not()
    if reason:
        sys.exit(f"archive search skipped: {reason}")

    def show(figure, ours, anchor, target, met, unit="", note="") -> None:  # type: ignore[no-untyped-def]
        print(f"{figure}: {ours:.1f} {unit} vs FTS5 {anchor:.1f} {unit} ({note}) target {target}")

    measure(args.home, args.runs, show)


if __name__ == "__main__":
    main()
