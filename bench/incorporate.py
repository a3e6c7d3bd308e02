"""Time `minutes incorporate` on a long meeting: what the bookmarks add to a Word export,
and reading, matching and applying a returned draft (one tracked change, one comment).

    .venv/bin/python bench/incorporate.py [POINTS]        (default: 2000)

Medians of 7 runs; the machine is noisy, so the export is timed with and without the
bookmarks in the same run.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

SENTENCE = "The group agreed to review the draft by June."


def median(fn, runs: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(points: int) -> None:
    from tests.cleared import cleared_in_word

    import minutes_tui.record.docx_marks as marks
    from minutes_tui.circulation.incorporate import apply, read
    from minutes_tui.circulation.returned import read_returned
    from minutes_tui.cli import main as minutes
    from minutes_tui.config import Home
    from minutes_tui.record.export import render
    from minutes_tui.store.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        lines = ["/i 1 Access"] + [f"UNHCR: point {n} on the corridor" for n in range(points)]
        with contextlib.redirect_stdout(io.StringIO()):
            minutes(["--home", tmp, "new", "Long meeting"])
            minutes(["--home", tmp, "add", "1", *lines, SENTENCE])
        store = Store.open(Home(home))
        data = store.load(1)
        marked = median(lambda: render(data, "docx", "summary"))
        keep = marks.add_bookmarks
        marks.add_bookmarks = lambda body, marked: None  # type: ignore[assignment]
        bare = median(lambda: render(data, "docx", "summary"))
        marks.add_bookmarks = keep
        returned = home / "returned.docx"
        returned.write_bytes(cleared_in_word(render(data, "docx", "summary"), SENTENCE))
        reading = median(lambda: read_returned(returned))
        matching = median(lambda: read(store, 1, returned))
        proposals = read(store, 1, returned)
        start = time.perf_counter()
        apply(store, 1, proposals, proposals.proposals)
        applying = time.perf_counter() - start
        store.close()
    print(
        f"{points} points: Word export {bare * 1000:.0f} ms, with bookmarks {marked * 1000:.0f} ms"
    )
    print(
        f"returned draft: read {reading * 1000:.0f} ms, read + match {matching * 1000:.0f} ms, ",
        end="",
    )
    print(f"apply {applying * 1000:.0f} ms ({len(proposals.proposals)} proposals)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
