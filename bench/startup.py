"""Cold start to first frame, in a real pseudo-terminal (120×40), median of N.

Prints one row for `minutes` and one for the hello-world Textual app, started the
same way. The first frame counts as drawn when the marker text reaches the terminal.

    .venv/bin/python bench/startup.py [--runs 7] [--meetings 10]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def first_frame(cmd: list[str], marker: bytes, timeout: float = 30.0) -> float:
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if marker in seen:
                    return time.perf_counter() - start
        raise RuntimeError(f"no first frame from {cmd}: {seen[-400:]!r}")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def make_home(meetings: int) -> Path:
    home = Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    subprocess.run(
        [sys.executable, "-m", "minutes_tui", "--home", str(home), "list"],
        check=True,
        capture_output=True,
    )
    if meetings:
        from minutes_tui.config import Home
        from minutes_tui.domain.header import MeetingHeader
        from minutes_tui.store.store import Store

        store = Store.open(Home(home))
        for n in range(meetings):
            store.create_meeting(MeetingHeader(title=f"Meeting {n}", body="IM Network"))
        store.close()
    return home


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--meetings", type=int, default=10)
    args = parser.parse_args()
    # Compiled once, as an installed app is (see run.py).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="minutes-pyc-")
    home = make_home(args.meetings)
    rows = {
        "minutes": ([sys.executable, "-m", "minutes_tui", "--home", str(home)], b"meetings"),
        "hello-world": ([sys.executable, str(ROOT / "bench" / "hello_app.py")], b"hello world"),
    }
    results = {}
    for name, (cmd, marker) in rows.items():
        first_frame(cmd, marker)  # warm the OS file cache once
        times = [first_frame(cmd, marker) for _ in range(args.runs)]
        results[name] = statistics.median(times)
    ours, anchor = results["minutes"], results["hello-world"]
    print(f"{'figure':<36}{'minutes':>10}{'hello':>10}{'ratio':>8}")
    print(
        f"{'first frame, median of ' + str(args.runs):<36}{ours:>9.3f}s{anchor:>9.3f}s"
        f"{ours / anchor:>8.2f}"
    )


if __name__ == "__main__":
    main()
