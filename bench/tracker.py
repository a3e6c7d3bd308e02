"""The action tracker's query over a large database: median of N, in milliseconds.

Times `tracked_actions` with no filter, with each filter alone, with all of them, with
the histories, and one `set_status` (a write). The database comes from `--home DIR`
if given (left as it is), else from bench/generate.py when that script exists, else
from a seeded generator here (executemany straight into the schema).

    .venv/bin/python bench/tracker.py [--runs 7] [--meetings 1000] [--home DIR] [--inline]
                                      [--archive]

`--archive` then copies the same rows into a team archive on a throw-away PostgreSQL
server (bench/archive_search.py's loader) and times the same reads there, each checked
to list exactly what SQLite lists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from minutes_tui.config import Home  # noqa: E402
from minutes_tui.store.reviews import review_action as set_status  # noqa: E402
from minutes_tui.store.store import Store  # noqa: E402
from minutes_tui.store.tracker import tracked_actions  # noqa: E402
from minutes_tui.store.tracker_filter import TrackerFilter, parse_query  # noqa: E402

BODIES = [
    "IASC OPAG",
    "IM Network",
    "Protection Cluster",
    "Health Cluster",
    "WASH Cluster",
    "Shelter Cluster",
    "Food Security Cluster",
    "Education Cluster",
    "Logistics Cluster",
    "PSEA Network",
    "Cash Working Group",
    "Results Group 1",
    "Results Group 3",
    "HCT",
    "ICCG",
    "Access Working Group",
    "GBV Sub-Cluster",
    "Child Protection AoR",
    "Mine Action AoR",
    "Nutrition Cluster",
]
OWNERS = [
    "OCHA",
    "UNHCR",
    "UNICEF",
    "WFP",
    "WHO",
    "IOM",
    "UNFPA",
    "FAO",
    "ICVA",
    "IFRC",
    "ICRC",
    "Save the Children",
    "Médecins Sans Frontières",
    "RG1 sub-group on data responsibility",
    "Secretariat",
    "Cluster coordinator",
    "Co-Chairs",
]
VERBS = ["Circulate", "Finalize", "Share", "Map", "Report on", "Draft", "Consolidate", "Review"]
OBJECTS = [
    "the operational guidance on data responsibility",
    "the funding gap analysis",
    "the pooled fund allocation",
    "the 4W matrix",
    "the PSEA reporting framework",
    "the access constraints note",
    "the localization workplan",
    "the cash feasibility study",
    "the contingency plan",
    "the terms of reference",
]
STATUSES = ["pending", "in_progress", "completed", "dropped"]


def generate_inline(home: Home, meetings: int, seed: int = 7) -> None:
    """About 5.5 actions a meeting, a third with a sub-item, most reviewed once or twice."""
    Store.open(home).close()  # the schema, through the migrations
    rng = random.Random(seed)
    start = dt.date(2015, 1, 5)
    now = "2024-01-01 09:00:00.000000"
    meeting_rows, item_rows, action_rows, sub_rows, update_rows = [], [], [], [], []
    last_of_body: dict[str, int] = {}
    actions_of: dict[int, list[tuple[int, int]]] = {}
    action_id = item_id = 0
    for mid in range(1, meetings + 1):
        body = BODIES[mid % len(BODIES)]
        date = start + dt.timedelta(days=mid * 3)
        meeting_rows.append(
            (mid, body, f"{body} meeting {mid}", date.isoformat(), "summary", "INTERNAL",
             "final", now, now)
        )  # fmt: skip
        items = []
        for position in range(1, 4):
            item_id += 1
            items.append(item_id)
            item_rows.append((item_id, mid, str(position), f"Item {position}", position, now))
        actions_of[mid] = []
        for number in range(1, rng.choice([4, 5, 6, 6, 7]) + 1):
            action_id += 1
            owners = rng.sample(OWNERS, rng.choice([1, 1, 2, 3]))
            due = date + dt.timedelta(days=rng.randint(7, 120))
            due_date, due_text = (due.isoformat(), None) if rng.random() < 0.8 else (None, "Q3")
            text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({mid}.{number})"
            action_rows.append(
                [action_id, mid, rng.choice(items), number, text, json.dumps(owners),
                 due_date, due_text, "pending", now]
            )  # fmt: skip
            actions_of[mid].append((action_id, len(action_rows) - 1))
            if rng.random() < 0.33:
                sub_rows.append(
                    (action_id, 1, f"Sub-task of {text}", json.dumps([rng.choice(OWNERS)]), now)
                )
        # This meeting reviews the previous meeting of its body.
        previous = last_of_body.get(body)
        if previous is not None:
            for aid, row in actions_of[previous]:
                for _ in range(rng.choice([0, 1, 1, 2])):
                    status = rng.choice(STATUSES)
                    stamp = f"{date.isoformat()} 10:{len(update_rows) % 60:02d}:00.000000"
                    update_rows.append((aid, mid, items[0], status, "Progress noted", stamp))
                    action_rows[row][8] = status
        last_of_body[body] = mid
    con = sqlite3.connect(home.db_path)
    with con:
        con.executemany(
            "INSERT INTO meeting (id, body, title, date, style, sensitivity, status, created_at,"
            " updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            meeting_rows,
        )
        con.executemany(
            "INSERT INTO agenda_item (id, meeting_id, label, title, position, created_at)"
            " VALUES (?,?,?,?,?,?)",
            item_rows,
        )
        con.executemany(
            "INSERT INTO action (id, meeting_id, item_id, number, text, owners, due_date,"
            " due_text, status, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            action_rows,
        )
        con.executemany(
            "INSERT INTO action_sub_item (action_id, position, text, owners, created_at)"
            " VALUES (?,?,?,?,?)",
            sub_rows,
        )
        con.executemany(
            "INSERT INTO action_update (action_id, meeting_id, item_id, status, text, created_at)"
            " VALUES (?,?,?,?,?,?)",
            update_rows,
        )
    con.execute("ANALYZE")
    con.close()


def generate(home: Home, meetings: int, inline: bool) -> str:
    script = ROOT / "bench" / "generate.py"
    if script.exists() and not inline:
        done = subprocess.run(
            [sys.executable, str(script), "--home", str(home.root), "--meetings", str(meetings),
             "--entries", str(meetings * 200)],
            capture_output=True,
            text=True,
        )  # fmt: skip
        if done.returncode == 0 and count(home, "action") > 0:
            return "bench/generate.py"
        print(f"bench/generate.py did not give actions ({done.stderr.strip()[-200:]}); inline")
        for path in home.db_dir.glob("minutes.sqlite*"):
            path.unlink()
    generate_inline(home, meetings)
    return "inline generator"


def count(home: Home, table: str) -> int:
    if not home.db_path.exists():
        return 0
    con = sqlite3.connect(home.db_path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        con.close()


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, int]:
    result = fn()  # warm: the pool's connection, SQLite's page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    size = len(result) if isinstance(result, list) else 1
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--home", type=Path, help="an existing data home (not changed)")
    parser.add_argument("--inline", action="store_true", help="never use bench/generate.py")
    parser.add_argument(
        "--archive", action="store_true", help="the same reads on PostgreSQL, compared"
    )
    args = parser.parse_args()

    tmp = None
    if args.home:
        home, source = Home(args.home), f"--home {args.home}"
    else:
        tmp = tempfile.TemporaryDirectory(prefix="minutes-bench-")
        home = Home(Path(tmp.name))
        source = generate(home, args.meetings, args.inline)
    store = Store.open(home)
    actions = tracked_actions(store)
    some = actions[len(actions) // 2] if actions else None
    owner = some.owners[0][:4] if some and some.owners else "OCHA"
    body = some.body if some and some.body else "IASC OPAG"
    word = some.text.split()[-1][:6] if some else "guid"
    today = dt.date(2019, 6, 1)
    print(
        f"{count(home, 'meeting')} meetings, {len(actions)} actions, "
        f"{count(home, 'action_update')} reviews ({source}); median of {args.runs}, ms"
    )
    cases: list[tuple[str, Callable[[Store], object]]] = [
        ("no filter", lambda s: tracked_actions(s, TrackerFilter())),
        ("open", lambda s: tracked_actions(s, TrackerFilter(open_only=True))),
        ("overdue", lambda s: tracked_actions(s, TrackerFilter(overdue=True, today=today))),
        (f"owner {owner!r}", lambda s: tracked_actions(s, TrackerFilter(owner=owner))),
        (f"body {body!r}", lambda s: tracked_actions(s, TrackerFilter(body=body))),
        (f"text {word!r}", lambda s: tracked_actions(s, TrackerFilter(text=word))),
        (
            "meeting",
            lambda s: tracked_actions(s, TrackerFilter(meeting_id=some.meeting_id if some else 1)),
        ),
        (
            "all filters",
            lambda s: tracked_actions(
                s,
                TrackerFilter(open_only=True, owner=owner, body=body, text=word, today=today),
            ),
        ),
        ("screen line", lambda s: tracked_actions(s, parse_query(f"is:open owner:{owner} the"))),
        ("no filter + histories", lambda s: tracked_actions(s, with_history=True)),
    ]
    for name, fn in cases:
        ms, rows = median_ms(lambda fn=fn: fn(store), args.runs)  # type: ignore[misc]
        print(f"  {name:<34} {ms:8.2f}  ({rows} rows)")
    if args.archive:
        on_archive(home, cases, args.runs, today)
    if some is not None and tmp is not None:  # a given home is only read
        statuses = iter(["completed", "in_progress"] * (args.runs + 1))
        ms, _ = median_ms(lambda: set_status(store, some.id, next(statuses), "bench"), args.runs)
        print(f"  {'set_status (one write)':<34} {ms:8.2f}")
    store.close()
    if tmp is not None:
        tmp.cleanup()


def on_archive(
    home: Home, cases: list[tuple[str, Callable[[Store], object]]], runs: int, today: dt.date
) -> None:
    """The same reads on a team archive holding the same rows: time, and the same list."""
    import os

    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    from archive_search import load, why_not  # type: ignore[import-not-found]
    from tests import postgres

    from minutes_tui.team.init import init_archive

    reason = why_not()
    if reason:
        print(f"archive: skipped ({reason})")
        return
    server = postgres.start_server()
    folder = tempfile.TemporaryDirectory(prefix="minutes-bench-archive-")  # its exports
    try:
        os.environ["PGPASSWORD"] = postgres.SUPERPASS
        url = server.url(server.create_database("tracker"))
        init_archive(url)
        seconds = load(home.db_path, url)
        print(f"the same rows on a PostgreSQL archive (loaded in {seconds:.0f} s); ms")
        archive = Store.open(Home(Path(folder.name), db_url=url))
        lite = Store.open(home)
        for name, fn in cases:
            sqlite_list, pg_list = _as_json(fn(lite), today), _as_json(fn(archive), today)
            ms, rows = median_ms(lambda fn=fn: fn(archive), runs)  # type: ignore[misc]
            same = "same list" if pg_list == sqlite_list else "DIFFERENT from SQLite"
            print(f"  {name:<34} {ms:8.2f}  ({rows} rows, {same})")
        archive.close()
        lite.close()
    finally:
        server.stop()
        folder.cleanup()


def _as_json(result: object, today: dt.date) -> object:
    return [a.to_json(today) for a in result] if isinstance(result, list) else result


if __name__ == "__main__":
    main()
