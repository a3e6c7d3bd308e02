"""`make bench`: every speed figure of DESIGN.md ("Speed") beside its anchor, one table.

Each figure is measured with its anchor in the same run (the machine is noisy:
medians and ratios, not absolutes, are what to quote). Large databases go to a temp
dir, removed at the end. Writes bench/results.json.

    .venv/bin/python bench/run.py            # every row (~5 min)
    .venv/bin/python bench/run.py --quick    # smaller databases, fewer runs
    .venv/bin/python bench/run.py --only large startup --out /tmp/r.json   # some rows
    .venv/bin/python bench/run.py --search-home /tmp/minutes-1m   # the search rows alone
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import startup  # noqa: E402

# Every process the bench starts runs this tree's sources, not an installed copy.
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p
)

PY = sys.executable
ROWS: list[dict] = []


def row(figure, ours, anchor, target_text, met, unit="", note="") -> None:  # type: ignore[no-untyped-def]
    ratio = ours / anchor if (ours is not None and anchor) else None
    ROWS.append(
        {
            "figure": figure,
            "ours": ours,
            "anchor": anchor,
            "ratio": ratio,
            "unit": unit,
            "target": target_text,
            "met": met,
            "note": note,
        }
    )
    print(f"  … {figure}: {fmt(ours, unit)} vs {fmt(anchor, unit)} {note}", flush=True)


def fmt(value, unit) -> str:  # type: ignore[no-untyped-def]
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.3f} ms" if value < 1 else f"{value:.1f} ms"
    return f"{value:.2f}" if isinstance(value, float) else f"{value:g}"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


# ---- first frame and memory, in a pty ------------------------------------------------


def first_frame_hwm(cmd: list[str], marker: bytes) -> tuple[float, float]:
    """(seconds to the marker on the terminal, VmHWM in MB at that moment)."""
    hwm: list[float] = []
    real_popen = startup.subprocess.Popen

    # startup.first_frame kills the process as soon as the marker shows; read the
    # high-water mark just before, by wrapping os.read (the marker check follows it).
    real_read = startup.os.read
    pid_box: list[int] = []

    def popen(*a, **k):  # type: ignore[no-untyped-def]
        proc = real_popen(*a, **k)
        pid_box.append(proc.pid)
        return proc

    seen = bytearray()

    def read(fd, n):  # type: ignore[no-untyped-def]
        data = real_read(fd, n)
        seen.extend(data)
        if marker in seen and not hwm and pid_box:
            hwm.append(vm_hwm(pid_box[0]))
        return data

    startup.subprocess.Popen = popen  # type: ignore[assignment]
    startup.os.read = read  # type: ignore[assignment]
    try:
        t = startup.first_frame(cmd, marker)
    finally:
        startup.subprocess.Popen = real_popen  # type: ignore[assignment]
        startup.os.read = real_read  # type: ignore[assignment]
    return t, (hwm[0] if hwm else float("nan"))


def vm_hwm(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def median_frame(cmd: list[str], marker: bytes, runs: int) -> tuple[float, float]:
    first_frame_hwm(cmd, marker)  # warm the OS file cache
    results = [first_frame_hwm(cmd, marker) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
    )


def add_meetings(home: Path, total: int) -> None:
    """Copies of meeting 1 with other titles, in one transaction (fast, deterministic)."""
    from minutes_tui.config import Home

    path = Home(home).db_path
    con = sqlite3.connect(path)
    cols = [r[1] for r in con.execute("PRAGMA table_info(meeting)") if r[1] != "id"]
    have = con.execute("SELECT count(*) FROM meeting").fetchone()[0]
    base = con.execute(f"SELECT {', '.join(cols)} FROM meeting WHERE id = 1").fetchone()
    title, uid = cols.index("title"), cols.index("uuid")
    rows = []
    for n in range(have, total):
        values = list(base)
        values[title] = f"Meeting {n}"
        values[uid] = str(uuid.uuid4())  # every row its own identity (unique)
        rows.append(values)
    with con:
        con.executemany(
            f"INSERT INTO meeting ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            rows,
        )
    con.close()


def bench_startup(runs: int, tmp: Path) -> None:
    small = startup.make_home(1)
    add_meetings(small, 10)
    big = startup.make_home(1)
    add_meetings(big, 10_000)
    try:
        hello = [PY, str(ROOT / "bench" / "hello_app.py")]
        minutes = [PY, "-m", "minutes_tui", "--home"]
        h_t, h_mem = median_frame(hello, b"hello world", runs)
        s_t, s_mem = median_frame([*minutes, str(small)], b"meetings", runs)
        # The list counts as drawn when a meeting's title reaches the terminal.
        l_t, _ = median_frame([*minutes, str(small)], b"Meeting ", runs)
        b_t, _ = median_frame([*minutes, str(big)], b"Meeting ", runs)
    finally:
        shutil.rmtree(small, ignore_errors=True)
        shutil.rmtree(big, ignore_errors=True)
    row(
        f"cold start to first frame (pty 120x40, median of {runs})",
        s_t,
        h_t,
        "<= 1.2x",
        s_t / h_t <= 1.2,
        "s",
        "anchor: hello-world Textual",
    )
    row(
        "peak RSS (VmHWM) at first frame",
        s_mem,
        h_mem,
        "<= 1.3x",
        s_mem / h_mem <= 1.3,
        "MB",
        "anchor: hello-world Textual",
    )
    row(
        f"meetings list filled, 10,000 meetings (pty, median of {runs})",
        b_t,
        l_t,
        "<= 1.1x",
        b_t / l_t <= 1.1,
        "s",
        "anchor: 10 meetings",
    )


# ---- Enter -> committed -------------------------------------------------------------


def generate(home: Path, entries: int, meetings: int) -> None:
    subprocess.run(
        [
            PY,
            str(ROOT / "bench" / "generate.py"),
            "--home",
            str(home),
            "--meetings",
            str(meetings),
            "--entries",
            str(entries),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def bench_capture(home: Path, n: int) -> tuple[dict, dict]:
    from minutes_tui.config import Home
    from minutes_tui.store.engine import PRAGMAS
    from minutes_tui.store.store import Store

    h = Home(home)
    store = Store.open(h)
    con = sqlite3.connect(h.db_path, isolation_level=None)
    for p in PRAGMAS:
        con.execute(p)
    mid, item = con.execute(
        "SELECT meeting_id, item_id FROM entry WHERE item_id IS NOT NULL "
        "ORDER BY meeting_id DESC LIMIT 1"
    ).fetchone()
    org = con.execute(
        "SELECT o.name FROM participant p JOIN organisation o ON o.id = p.organisation_id "
        "WHERE p.meeting_id = ? LIMIT 1",
        (mid,),
    ).fetchone()
    speaker = org[0] if org else "UNHCR"
    from minutes_tui.session.capture_session import CaptureSession

    session = CaptureSession(store, mid, item)
    session.context  # read once, as the capture screen does  # noqa: B018
    ours: list[float] = []
    raw: list[float] = []
    created = "2020-07-09 09:00:00.000000"
    for block in range(n // 50):
        for i in range(50):
            line = f"{speaker}: raised point {block}.{i} on data responsibility"
            t = time.perf_counter()
            session.submit(line)  # parse + one durable transaction
            ours.append((time.perf_counter() - t) * 1000)
        for i in range(50):
            t = time.perf_counter()
            con.execute("BEGIN IMMEDIATE")
            con.execute(
                "INSERT INTO entry (meeting_id, item_id, kind, speaker, text, created_at, uuid) "
                "VALUES (?, ?, 'point', ?, ?, ?, ?)",
                (
                    mid,
                    item,
                    speaker,
                    f"raised point {block}.{i} on data responsibility",
                    created,
                    str(uuid.uuid4()),  # as the fast path writes it
                ),
            )
            con.execute("COMMIT")
            raw.append((time.perf_counter() - t) * 1000)
    con.close()
    store.close()
    stats = lambda xs: {"p50": statistics.median(xs), "p99": pct(xs, 99)}  # noqa: E731
    return stats(ours), stats(raw)


def record_capture(label: str, ours: dict, raw: dict) -> None:
    for p in ("p50", "p99"):
        row(
            f"Enter -> committed, Store.capture, {label} entries, {p}",
            ours[p],
            raw[p],
            "<= 2x raw",
            ours[p] / raw[p] <= 2,
            "ms",
            "anchor: raw sqlite3 INSERT+COMMIT",
        )


# ---- search -------------------------------------------------------------------------


def bench_search(home: Path, runs: int) -> None:
    from search import bm25_floor_ms  # bench/search.py

    from minutes_tui.config import Home
    from minutes_tui.store.search import search

    path = Home(home).db_path
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    entries = con.execute("SELECT count(*) FROM entry").fetchone()[0]
    queries = (
        ("rare word", "zeolite", "%zeolite%"),
        ("common word", "coordination", "%coordination%"),
        ("phrase", '"data responsibility"', "%data responsibility%"),
    )
    for label, query, pattern in queries:
        fts, like = [], []
        search(con, query, 50, None)
        con.execute("SELECT count(*) FROM entry WHERE text LIKE ?", (pattern,)).fetchall()
        for _ in range(runs):
            t = time.perf_counter()
            search(con, query, 50, None)
            fts.append((time.perf_counter() - t) * 1000)
        for _ in range(max(3, runs // 4)):
            t = time.perf_counter()
            con.execute("SELECT id, text FROM entry WHERE text LIKE ?", (pattern,)).fetchall()
            like.append((time.perf_counter() - t) * 1000)
        f, l_ = statistics.median(fts), statistics.median(like)
        floor = bm25_floor_ms(con, query, runs)
        row(
            f"search {entries:,} entries, {label} ({query}), median of {runs}",
            f,
            l_,
            "<= 10 ms and >= 50x faster (ratio <= 0.02x)",
            f <= 10 and l_ / f >= 50,
            "ms",
            f"anchor: LIKE full scan; {l_ / f:.0f}x faster; bm25 of one row {floor:.1f} ms",
        )
    con.close()


def bench_archive_search(home: Path, runs: int) -> None:
    """The same rows on a throw-away PostgreSQL server beside FTS5 (bench/archive_search.py);
    without PostgreSQL the row says why it was skipped."""
    import archive_search

    reason = archive_search.why_not()
    if reason:
        row("archive search on PostgreSQL", None, None, "skipped", None, "ms", reason)
        return
    archive_search.measure(home, runs, row)


# ---- Pilot: Enter -> visible --------------------------------------------------------


def bench_pilot(tmp: Path, enters: int) -> None:
    from minutes_tui.app import MinutesApp
    from minutes_tui.config import Home
    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.store.store import Store

    home = tmp / "pilot"
    home.mkdir()
    h = Home(home)
    store = Store.open(h)
    mid = store.create_meeting(MeetingHeader(title="Pilot", body="IM Network"))
    from minutes_tui.session.capture_session import CaptureSession

    CaptureSession(store, mid).submit_all(
        ["/p UNHCR: Ms. Gillian Triggs", "/i 1 Data responsibility"]
    )
    store.close()

    async def run() -> list[float]:
        from textual import events
        from textual.widgets import Input

        from minutes_tui.screens.capture import CaptureScreen
        from minutes_tui.widgets.log_view import CaptureLog

        app = MinutesApp(h, open_meeting=mid, clock=lambda: 0.0)
        times: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):
                await pilot.pause()
                if isinstance(app.screen, CaptureScreen):
                    break
            screen = app.screen
            line = screen.query_one("#capture-line", Input)
            log = screen.query_one("#log", CaptureLog)
            for i in range(enters + 10):
                line.value = f"UNHCR: point {i} on data responsibility and access"
                before = log.row_count
                # The Enter key event as Pilot.press sends it, without Pilot's idle
                # waits (two wait_for_idle of >= 20 ms each, which would be measured
                # instead of the app): poll the event loop until the entry is in the log
                # and the log has been repainted.
                key = events.Key("enter", "\r")
                key.set_sender(app)
                t = time.perf_counter()
                app._driver.send_message(key)  # type: ignore[union-attr]
                while log.row_count == before:
                    await asyncio.sleep(0)
                while log._repaint_required:
                    await asyncio.sleep(0)
                if i >= 10:
                    times.append((time.perf_counter() - t) * 1000)
            # For reference: the same through Pilot.press (includes its idle waits).
            for i in range(20):
                line.value = f"UNHCR: pilot point {i}"
                before = log.row_count
                t = time.perf_counter()
                await pilot.press("enter")
                while log.row_count == before:
                    await pilot.pause()
                pilot_times.append((time.perf_counter() - t) * 1000)
        return times

    pilot_times: list[float] = []
    times = asyncio.run(run())
    row(
        f"Enter -> visible in log (run_test), p99 of {len(times)}",
        pct(times, 99),
        None,
        "<= 16 ms",
        pct(times, 99) <= 16,
        "ms",
        f"p50 {statistics.median(times):.1f} ms, p90 {pct(times, 90):.1f} ms, "
        f"{sum(t > 16 for t in times)} of {len(times)} over 16 ms; "
        f"via Pilot.press, with its idle waits: "
        f"p50 {statistics.median(pilot_times):.0f} ms",
    )


# ---- export -------------------------------------------------------------------------


def bench_export(tmp: Path, runs: int) -> None:
    from minutes_tui.config import Home
    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.record.export import render
    from minutes_tui.store.store import Store

    home = tmp / "export"
    home.mkdir()
    store = Store.open(Home(home))
    mid = store.create_meeting(MeetingHeader(title="Export bench", body="IASC OPAG"))
    from minutes_tui.session.capture_session import CaptureSession

    session = CaptureSession(store, mid)
    for org in ("OCHA", "UNHCR", "WFP", "UNICEF", "WHO"):
        session.submit(f"/p {org}: Ms. Name {org}")
    actions = 0
    orgs = ("OCHA", "UNHCR", "WFP", "UNICEF", "WHO")
    for i in range(20):
        session.submit(f"/i {i + 1} Agenda item number {i + 1}")
        for p in range(100):
            session.submit(
                f"{orgs[p % 5]}: point {p} of item {i + 1}, on data responsibility, access "
                f"and the protection of affected people in line with the guidance"
            )
        for _ in range(3):
            actions += 1
            session.submit(f"/a Follow-up action {actions} [OCHA; WFP] by 2020-08-31")
    data = store.load(mid)
    store.close()

    def timed(fn) -> float:  # type: ignore[no-untyped-def]
        fn()
        xs = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            xs.append(time.perf_counter() - t)
        return statistics.median(xs) * 1000

    md = render(data, "md")
    md_ms = timed(lambda: render(data, "md"))
    docx_ms = timed(lambda: render(data, "docx"))
    md_path = tmp / "export.md"
    md_path.write_bytes(md)
    pandoc = shutil.which("pandoc")
    pandoc_ms = None
    if pandoc:
        pandoc_ms = timed(
            lambda: subprocess.run(
                [
                    pandoc,
                    "-f",
                    "markdown",
                    "-t",
                    "docx",
                    "-o",
                    str(tmp / "pandoc.docx"),
                    str(md_path),
                ],
                check=True,
            )
        )
    row(
        f"Word export, 20 items/2,000 points/60 actions (median of {runs})",
        docx_ms,
        pandoc_ms,
        "<= 0.5x pandoc",
        None if pandoc_ms is None else docx_ms / pandoc_ms <= 0.5,
        "ms",
        "anchor: pandoc md->docx" if pandoc else "pandoc missing",
    )
    row("Markdown export, same meeting", md_ms, None, "<= 100 ms", md_ms <= 100, "ms")


# ---- commands as whole processes -----------------------------------------------------


def process_ms(cmd: list[str], runs: int, cwd: Path | None = None) -> float:
    """Median wall time of a whole process, stdout discarded (one warm-up run first)."""
    xs = []
    for n in range(runs + 1):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, cwd=cwd)
        if n:
            xs.append(time.perf_counter() - t)
    return statistics.median(xs)


def bench_commands(tmp: Path, runs: int) -> None:
    """`minutes add`, `show --json` and `export --format docx` on the export bench's
    meeting (2,000 points), each a whole process, beside `python -c pass` and pandoc."""
    home = tmp / "export"
    minutes = [PY, "-m", "minutes_tui", "--home", str(home)]
    bare = process_ms([PY, "-c", "pass"], runs)
    add = process_ms([*minutes, "add", "1", "UNHCR: a line added from the shell"], runs)
    row(
        f'`minutes add M "a line"`, whole process (median of {runs})',
        add,
        bare,
        "<= 0.15 s",
        add <= 0.15,
        "s",
        "anchor: python -c pass",
    )
    show = process_ms([*minutes, "show", "1", "--json"], runs)
    row(
        f"`minutes show M --json`, 2,000 points, whole process (median of {runs})",
        show,
        bare,
        "<= 0.25 s",
        show <= 0.25,
        "s",
        "anchor: python -c pass",
    )
    out = tmp / "cmd.docx"
    docx = process_ms([*minutes, "export", "1", "--format", "docx", "--out", str(out)], runs)
    pandoc = shutil.which("pandoc")
    md = tmp / "cmd.md"
    subprocess.run(
        [*minutes, "export", "1", "--format", "md", "--out", str(md)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    anchor = (
        process_ms(
            [pandoc, "-f", "markdown", "-t", "docx", "-o", str(tmp / "p.docx"), str(md)], runs
        )
        if pandoc
        else None
    )
    row(
        f"`minutes export M --format docx`, 2,000 points, whole process (median of {runs})",
        docx,
        anchor,
        "<= 0.5x pandoc",
        None if anchor is None else docx / anchor <= 0.5,
        "s",
        "anchor: pandoc on our Markdown, whole process" if pandoc else "pandoc missing",
    )


# ---- a large meeting ---------------------------------------------------------------------


def make_large(home: Path, entries: int, people: int) -> None:
    """One meeting: `people` participants (an attendance report) and `entries` points
    under one agenda item (pasted, 2,000 a transaction)."""
    from minutes_tui.config import Home
    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.importer.attendance import Attendee
    from minutes_tui.session.capture_session import CaptureSession
    from minutes_tui.store.store import Store

    orgs = ("UNHCR", "WFP", "OCHA", "WHO")
    store = Store.open(Home(home))
    mid = store.create_meeting(MeetingHeader(title="Large", body="Large body"))
    store.import_attendance(
        mid,
        [Attendee(None, f"Person{n:05d} Surname{n:05d}", orgs[n % 4], None) for n in range(people)],
    )
    session = CaptureSession(store, mid)
    session.submit("/i 1 The one long item")
    lines = [f"{orgs[n % 4]}: point {n} on data responsibility and access" for n in range(entries)]
    for start in range(0, entries, 2000):
        session.submit_paste(lines[start : start + 2000])
    store.close()


def open_capture(home: Path) -> tuple[float, float, float]:
    """(seconds from app start to the capture screen's log filled, ms for one ↑ recall,
    peak RSS MB of this process so far) for meeting 1."""
    import resource

    from minutes_tui.app import MinutesApp
    from minutes_tui.config import Home
    from minutes_tui.screens.capture import CaptureScreen
    from minutes_tui.widgets.log_view import CaptureLog

    async def run() -> tuple[float, float]:
        started = time.perf_counter()
        app = MinutesApp(Home(home), open_meeting=1, clock=lambda: 0.0)
        async with app.run_test(size=(120, 40)) as pilot:
            while not (isinstance(app.screen, CaptureScreen) and app.screen.query("#log")):
                await asyncio.sleep(0.002)
            screen = app.screen
            log = screen.query_one("#log", CaptureLog)
            # Filled, laid out (its height known) and painted once.
            while log.row_count < len(screen.lines) or not screen.lines or not log.virtual_size:
                await asyncio.sleep(0.002)
            while log._repaint_required:
                await asyncio.sleep(0)
            opened = time.perf_counter() - started
            await pilot.pause()
            t = time.perf_counter()
            screen.action_recall(-1)  # what ↑ runs
            while log._repaint_required:
                await asyncio.sleep(0)
            return opened, (time.perf_counter() - t) * 1000

    opened, recall = asyncio.run(run())
    return opened, recall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_large(tmp: Path, runs: int) -> None:
    small, large = tmp / "small-meeting", tmp / "large-meeting"
    make_large(small, 20, 10)
    make_large(large, 20_000, 2_000)
    s_open, s_recall, _ = open_capture(small)
    l_open, l_recall, rss = open_capture(large)
    row(
        "open the capture screen, 20,000 entries in the item, 2,000 participants (run_test)",
        l_open,
        s_open,
        "no visible stall (<= 1 s more than a small meeting)",
        l_open - s_open <= 1.0,
        "s",
        "anchor: 20 entries, 10 participants",
    )
    row(
        "↑ recall in that item (to the log repainted)",
        l_recall,
        s_recall,
        "<= 16 ms",
        l_recall <= 16,
        "ms",
        "anchor: 20 entries",
    )
    minutes = [PY, "-m", "minutes_tui", "--home", str(large)]
    out = tmp / "large.docx"
    docx = process_ms([*minutes, "export", "1", "--format", "docx", "--out", str(out)], runs)
    row(
        "`minutes export 1 --format docx`, 20,000 entries, whole process",
        docx,
        None,
        "no visible stall (<= 2 s)",
        docx <= 2,
        "s",
        f"peak RSS of the bench process after opening it: {rss:.0f} MB",
    )


# ---- the rapporteur's keystrokes -------------------------------------------------------


def bench_keystrokes() -> None:
    import keystrokes

    results = keystrokes.run()
    keys = sum(r[1] for r in results)
    plain = sum(r[2] for r in results)
    chars = sum(r[4] for r in results)
    row(
        f"keystrokes / character of the exported record, {len(results)} fixture scripts "
        "typed with completion",
        keys / chars,
        plain / chars,
        "<= 0.85",
        keys / chars <= 0.85,
        "",
        "anchor: the same scripts typed without completion",
    )


# ---- table --------------------------------------------------------------------------


def table() -> str:
    head = ("figure", "ours", "anchor", "ratio", "target", "met")
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    for r in ROWS:
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        met = {True: "met", False: "MISSED", None: "—"}[r["met"]]
        anchor = fmt(r["anchor"], r["unit"]) if r["anchor"] is not None else (r["note"] or "—")
        figure = r["figure"] + (
            f" ({r['note']})"
            if r["note"] and r["anchor"] is None and not r["note"].startswith("pandoc")
            else ""
        )
        lines.append(
            f"| {figure} | {fmt(r['ours'], r['unit'])} | {anchor} | {ratio} | "
            f"{r['target']} | {met} |"
        )
    return "\n".join(lines)


def bench_capture_rows(tmp: Path, big: int, quick: bool) -> None:
    """Enter -> committed at 10k and at `big` entries, and search at `big`."""
    print("Enter -> committed, 10k…", flush=True)
    generate(tmp / "10k", 10_000, 100)
    ours10, raw10 = bench_capture(tmp / "10k", 300 if quick else 1000)
    record_capture("10,000", ours10, raw10)
    print(f"generating {big:,} entries…", flush=True)
    generate(tmp / "big", big, 1000)
    print("search…", flush=True)
    bench_search(tmp / "big", 20)
    print("archive search on PostgreSQL…", flush=True)
    bench_archive_search(tmp / "big", 20)
    print(f"Enter -> committed, {big:,}…", flush=True)
    oursb, rawb = bench_capture(tmp / "big", 300 if quick else 1000)
    record_capture(f"{big:,}", oursb, rawb)
    row(
        f"p99 Store.capture at {big:,} vs at 10,000",
        oursb["p99"],
        ours10["p99"],
        "no worse (<= 1.0x; noise ~±20%)",
        oursb["p99"] <= ours10["p99"] * 1.2,
        "ms",
        "anchor: p99 at 10k",
    )
    shutil.rmtree(tmp / "big", ignore_errors=True)


GROUPS = ("startup", "capture", "pilot", "export", "commands", "keystrokes", "large", "sync")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k instead of 1M, fewer runs")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=GROUPS,
        help="run only these groups of rows (results go to --out all the same)",
    )
    parser.add_argument(
        "--search-home",
        type=Path,
        help="only the search rows, on a home made by bench/generate.py (read, kept; "
        "results.json is not written)",
    )
    args = parser.parse_args()
    if args.search_home:
        bench_search(args.search_home, 20)
        print(f"\n{table()}")
        return
    big = 100_000 if args.quick else 1_000_000
    runs = 3 if args.quick else 7
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="minutes-bench-run-"))
    wanted = set(args.only or GROUPS)
    # Our sources compiled once, as an installed app's are (pip writes the .pyc files):
    # with PYTHONDONTWRITEBYTECODE set (as in some sandboxes) every process started here
    # would compile every module of ours again. The first of each median's runs warms it.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    try:
        if "startup" in wanted:
            print("startup and memory…", flush=True)
            bench_startup(runs, tmp)
        if "capture" in wanted:
            bench_capture_rows(tmp, big, quick=args.quick)
        if "pilot" in wanted:
            print("Pilot…", flush=True)
            bench_pilot(tmp, 200)
        if "export" in wanted or "commands" in wanted:
            print("export…", flush=True)
            bench_export(tmp, 3 if args.quick else 5)  # also makes the commands' meeting
        if "commands" in wanted:
            print("commands as processes…", flush=True)
            bench_commands(tmp, 3 if args.quick else 7)
        if "keystrokes" in wanted:
            print("keystrokes…", flush=True)
            bench_keystrokes()
        if "large" in wanted:
            print("large meeting…", flush=True)
            bench_large(tmp, 3)
        if "sync" in wanted:
            print("sync with the team archive (PostgreSQL)…", flush=True)
            import sync as sync_bench  # bench/sync.py: skipped with the reason without PostgreSQL

            meetings, entries = (100, 20_000) if args.quick else (1_000, 200_000)
            sync_bench.bench_sync(tmp, meetings, entries, row)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print()
    print(table())
    print(
        f"\n{len(ROWS)} rows in {elapsed:.0f} s on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}{' (--quick)' if args.quick else ''}"
    )
    args.out.write_text(
        json.dumps(
            {
                "quick": args.quick,
                "seconds": round(elapsed, 1),
                "cores": os.cpu_count(),
                "python": platform.python_version(),
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "rows": ROWS,
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
