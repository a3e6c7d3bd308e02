"""Two app windows and a CLI loop add actions to one meeting at the same time."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import threading

import pytest

from minutes_tui.config import Home
from tests.helpers import run_cli
from tests.test_kill import drain, start_app, wait_for

STATS: dict[str, int] = {"written": 0, "locked": 0}


def action_rows(home: Home) -> list[tuple[int, str]]:
    con = sqlite3.connect(f"file:{home.db_path}?mode=ro", uri=True)
    try:
        return list(con.execute("SELECT number, text FROM action WHERE meeting_id = 1"))
    finally:
        con.close()


def concurrent(home: Home, per_app: int, cli_count: int) -> None:
    assert run_cli("new", "Concurrency", home=home).returncode == 0
    apps = [start_app(home, "open", "1") for _ in range(2)]
    screens = [b"", b""]
    cli_errors: list[str] = []
    try:
        for k, (_, master) in enumerate(apps):

            def ready(k: int = k, master: int = master) -> bool:
                screens[k] += drain(master, 0.1)
                return b"Before the agenda" in screens[k]

            assert wait_for(ready, timeout=30)

        def cli_loop() -> None:
            for i in range(cli_count):
                done = run_cli("add", "1", f"/a cli action {i}", home=home)
                if done.returncode != 0 or done.stderr:
                    cli_errors.append(f"{done.returncode}: {done.stderr}")

        def typist(k: int, master: int) -> None:
            for i in range(per_app):
                os.write(master, f"/a app{k} action {i}\r".encode())
                screens[k] += drain(master, 0.01)

        threads = [threading.Thread(target=cli_loop)]
        threads += [threading.Thread(target=typist, args=(k, m)) for k, (_, m) in enumerate(apps)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=1200)
        total = 2 * per_app + cli_count

        def all_in() -> bool:
            for k, (_, master) in enumerate(apps):
                screens[k] += drain(master, 0.02)
            return len(action_rows(home)) >= total

        wait_for(all_in, timeout=120)
    finally:
        for proc, master in apps:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            os.close(master)
    rows = action_rows(home)
    texts = sorted(text for _, text in rows)
    expected = sorted(
        [f"app{k} action {i}" for k in range(2) for i in range(per_app)]
        + [f"cli action {i}" for i in range(cli_count)]
    )
    locked = sum(s.lower().count(b"locked") + s.count(b"Not saved") for s in screens)
    STATS["locked"] += locked + sum("locked" in e for e in cli_errors)
    assert not cli_errors, cli_errors[:3]
    assert locked == 0
    assert texts == expected
    assert sorted(n for n, _ in rows) == list(range(1, total + 1))
    data = json.loads(run_cli("show", "1", "--json", home=home).stdout)
    assert [a["number"] for a in data["actions"]] == list(range(1, total + 1))
    STATS["written"] += total


@pytest.mark.slow
def test_two_windows_and_cli_slow(home: Home) -> None:
    concurrent(home, per_app=500, cli_count=500)
