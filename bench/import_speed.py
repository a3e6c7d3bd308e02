"""Time `minutes import-record` on plain-text records of growing size; print, per size,
the seconds to read + recognise, to store, and the milliseconds per point.

    .venv/bin/python bench/import_speed.py [KB ...]        (default: 25 100 1000)
    .venv/bin/python bench/import_speed.py --profile 100   (cProfile's top 25 of the store)

Issue 23: 100 KB once took 51 s (about 20 ms a point); a 1 MB record must take well
under 30 s.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

ORGS = ("UNHCR", "WFP", "UNICEF", "OCHA", "IOM", "WHO")


def record(kb: int) -> tuple[str, int]:
    """A record of about `kb` KB: items of attributed points, a participants annex."""
    parts = ["# Old coordination meeting\n", "Date: 9 July 2020\n"]
    points, size, item = 0, 0, 0
    while size < kb * 1024:
        item += 1
        parts.append(f"\n## Item {item}: the situation in region {item}\n")
        for n in range(20):
            line = (
                f"\n{ORGS[n % len(ORGS)]}: the figures for district {n} of region {item} "
                "were reviewed, and partners agreed to share the next update by Friday.\n"
            )
            parts.append(line)
            points, size = points + 1, size + len(line)
    return "".join(parts), points


def run(kb: int, profile: bool) -> None:
    from minutes_tui.config import Home
    from minutes_tui.session.import_record import read_record, store_record
    from minutes_tui.store.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        text, points = record(kb)
        path = Path(tmp) / f"record-{kb}kb.md"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        rec = read_record(path)
        read = time.perf_counter() - started
        store = Store.open(Home(Path(tmp) / "home"))
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        store_record(store, path, rec, None)
        if profiler:
            profiler.disable()
        stored = time.perf_counter() - started
        store.close()
        print(
            f"{kb:>6} KB  {points:>6} points  read+recognise {read:6.2f} s  "
            f"store {stored:6.2f} s  {1000 * (read + stored) / points:6.2f} ms/point"
        )
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    args = sys.argv[1:]
    profile = "--profile" in args
    sizes = [int(a) for a in args if a != "--profile"] or [25, 100, 1000]
    for kb in sizes:
        run(kb, profile)


if __name__ == "__main__":
    main()
