"""What Arabic folding in the search index costs (migration 0021_search_folding).

On a copy of a database made by bench/generate.py: the migration's rebuild of the index
(0019 → 0021, and back), then the time to insert an entry (its trigger folds what it
indexes) for a line in English, in French and in Arabic with vowel marks, and searches
in Arabic. --runs inserts each, one transaction; the original database is not touched.

    .venv/bin/python bench/generate.py --home /tmp/minutes-bench --entries 200000
    .venv/bin/python bench/search_folding.py --home /tmp/minutes-bench
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from minutes_tui.config import Home  # noqa: E402
from minutes_tui.store.engine import make_engine, writer  # noqa: E402
from minutes_tui.store.migrate import alembic_config  # noqa: E402
from minutes_tui.store.search import search  # noqa: E402

LINES = {
    "English": "the partners agreed the microplan with the health authorities",
    "French": "la réunion des partenaires a validé le plan de réponse à la crise",
    "Arabic": "قال مُحَمَّد إنّ المدرسة في القرية مغلقة منذ آذار بسبب الفيضانات",
}


def migrate(path: Path, revision: str, down: bool = False) -> float:
    from alembic import command

    engine = make_engine(path)
    cfg = alembic_config()
    start = time.perf_counter()
    with writer(engine).begin() as connection:
        cfg.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(cfg, revision)
    engine.dispose()
    return time.perf_counter() - start


def insert_ms(con: sqlite3.Connection, text: str, runs: int) -> float:
    """Per entry, inserted in one transaction (a commit's fsync would hide the trigger)."""
    meeting = con.execute("SELECT max(id) FROM meeting").fetchone()[0]
    rows = [(meeting, f"{text} {n}") for n in range(runs)]
    with con:
        start = time.perf_counter()
        con.executemany(
            "INSERT INTO entry (meeting_id, kind, text, created_at) "
            "VALUES (?, 'point', ?, '2026-12-07 22:00:00.000000')",
            rows,
        )
        spent = time.perf_counter() - start
    return spent / runs * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="a home made by generate.py")
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    source = Home(args.home.resolve()).db_path
    if not source.exists():
        sys.exit(f"No database at {source}: run bench/generate.py --home {args.home} first.")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "minutes.db"
        shutil.copy(source, path)
        entries = sqlite3.connect(path).execute("SELECT count(*) FROM entry").fetchone()[0]
        print(f"{entries:,} entries")
        down = migrate(path, "0019_review_comments", down=True)
        print(f"downgrade 0021 → 0019 (rebuild, unfolded): {down:.1f} s")
        print(f"upgrade 0019 → 0021 (rebuild, folded):    {migrate(path, 'head'):.1f} s")
        con = sqlite3.connect(path)
        for language, text in LINES.items():
            print(f"insert one {language} entry: {insert_ms(con, text, args.runs):.2f} ms")
        con.close()
        engine = make_engine(path)
        for query in ("المدرسه", "محمد", "مُحَمَّد"):
            start = time.perf_counter()
            hits = search(engine, query)
            print(
                f"search {query}: {len(hits)} hits, {(time.perf_counter() - start) * 1000:.1f} ms"
            )
        engine.dispose()


if __name__ == "__main__":
    main()
