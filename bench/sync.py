"""Sync with the team archive: a home of 1,000 meetings / 200,000 entries pushed to a
fresh PostgreSQL archive, then a second sync with nothing changed.

The server is the tests' own (tests/postgres.py: a temporary folder, an unprivileged
user, password from PGPASSWORD); without PostgreSQL installed the rows are skipped with
the reason. The anchor is the floor for moving those rows: the same entries inserted by
plain psycopg `executemany` in one transaction, no sync logic at all.

    .venv/bin/python bench/sync.py            # 1,000 meetings / 200,000 entries
    .venv/bin/python bench/sync.py --quick    # 100 / 20,000
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

Row = Callable[..., None]
SECOND_RUNS = 5  # the no-change sync, timed this many times (median): a shared machine is noisy


def _print_row(figure, ours, anchor, target, met, unit="", note="") -> None:  # type: ignore[no-untyped-def]
    shown = "—" if ours is None else f"{ours:.2f} {unit}"
    print(f"  {figure}: {shown} (anchor {anchor}) {target} {'met' if met else ''} {note}")


def bench_sync(tmp: Path, meetings: int, entries: int, row: Row) -> None:
    from tests import postgres

    bindir, why = postgres.find_binaries()
    if bindir is None:
        row(f"sync {meetings:,} meetings / {entries:,} entries", None, None, "—", False, "s", why)
        return
    try:
        server = postgres.start_server()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        reason = f"PostgreSQL could not start: {str(exc).splitlines()[0]}"
        row(
            f"sync {meetings:,} meetings / {entries:,} entries", None, None, "—", False, "s", reason
        )
        return
    os.environ["PGPASSWORD"] = postgres.SUPERPASS
    try:
        _measure(tmp, server, meetings, entries, row)
    finally:
        server.stop()


def _measure(tmp: Path, server: Any, meetings: int, entries: int, row: Row) -> None:
    import psycopg
    from sqlalchemy import create_engine

    from minutes_tui.config import Home
    from minutes_tui.store.connect import archive_engine
    from minutes_tui.store.migrate import upgrade
    from minutes_tui.store.store import Store
    from minutes_tui.team.sync import sync

    home = tmp / "sync-home"
    subprocess.run(
        [
            *(sys.executable, str(ROOT / "bench" / "generate.py"), "--home", str(home)),
            *("--meetings", str(meetings), "--entries", str(entries)),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    url = server.url(server.create_database("bench_archive"))
    schema = create_engine(url)
    upgrade(schema)
    schema.dispose()

    store = Store.open(Home(home))
    engine = archive_engine(url, check=False)
    try:
        t = time.perf_counter()
        first = sync(store, engine)
        first_s = time.perf_counter() - t
        assert first.pushed == meetings, first
        again = []
        for _ in range(SECOND_RUNS):
            t = time.perf_counter()
            second = sync(store, engine)
            again.append(time.perf_counter() - t)
            print(f"    (first sync {first_s:.1f} s; no-change sync {again[-1]:.3f} s)", flush=True)
            assert second.pushed == second.pulled == second.reviews == 0, second
        second_s = statistics.median(again)
        one_s = _one_changed(store, engine, sync)
    finally:
        engine.dispose()
        store.close()

    # The floor: the same entries' text, plain executemany into a bare table.
    import sqlite3

    con = sqlite3.connect(Home(home).db_path)
    rows = con.execute("SELECT uuid, meeting_id, kind, speaker, text FROM entry").fetchall()
    con.close()
    anchor_db = server.create_database("bench_anchor")
    with psycopg.connect(
        host=server.host, port=server.port, user=postgres_user(), dbname=anchor_db
    ) as pg:
        pg.execute(
            "CREATE TABLE entry (id serial PRIMARY KEY, uuid text UNIQUE, meeting_id int, "
            "kind text, speaker text, text text)"
        )
        t = time.perf_counter()
        with pg.cursor() as cur:
            cur.executemany(
                "INSERT INTO entry (uuid, meeting_id, kind, speaker, text) "
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
        pg.commit()
        raw_s = time.perf_counter() - t
    label = f"{meetings:,} meetings / {len(rows):,} entries"
    row(
        f"sync to an empty archive, {label}",
        first_s,
        raw_s,
        "minutes, not hours (a first sync on a laptop)",
        first_s <= 600,
        "s",
        "anchor: psycopg executemany of the entries alone",
    )
    row(
        f"second sync, nothing changed, {label} (median of {SECOND_RUNS})",
        second_s,
        first_s,
        "<= 1 s, no meeting read (issue 24)",
        second_s <= 1.0,
        "s",
        "anchor: the first sync",
    )
    row(
        f"sync after one point added to one meeting, {label}",
        one_s,
        second_s,
        "that meeting only: <= 1 s",
        one_s <= 1.0,
        "s",
        "anchor: the sync with nothing changed",
    )


def _one_changed(store: Any, engine: Any, sync: Callable[..., Any]) -> float:
    """One point more in one meeting (through the store, as Enter writes it), then a sync:
    that meeting and only it goes out."""
    from minutes_tui.session.capture_session import CaptureSession

    with store.engine.connect() as conn:
        meeting = conn.exec_driver_sql(
            "SELECT min(id) FROM meeting WHERE status <> 'final' AND deleted_at IS NULL"
        ).scalar_one()
    CaptureSession(store, meeting).submit("OCHA: one late point for the sync bench")
    t = time.perf_counter()
    done = sync(store, engine)
    took = time.perf_counter() - t
    assert done.pushed == 1 and done.pulled == 0, done
    return took


def postgres_user() -> str:
    from tests import postgres

    return postgres.SUPERUSER


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 meetings / 20,000 entries")
    args = parser.parse_args()
    meetings, entries = (100, 20_000) if args.quick else (1_000, 200_000)
    tmp = Path(tempfile.mkdtemp(prefix="minutes-bench-sync-"))
    try:
        bench_sync(tmp, meetings, entries, _print_row)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
