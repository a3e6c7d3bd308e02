"""SIGKILL right after Enter loses nothing: the real app in a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minutes_tui.config import Home
from tests.helpers import process_env, run_cli

pytestmark = pytest.mark.process  # the real app in a pseudo-terminal, killed


def start_app(home: Home, *args: str) -> tuple[subprocess.Popen[bytes], int]:
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    env = process_env({"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "minutes_tui", "--home", str(home.root), *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    return proc, master


def drain(master: int, seconds: float) -> bytes:
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                out += os.read(master, 65536)
            except OSError:
                break
    return out


def wait_for(predicate, timeout: float = 20.0, master: int | None = None) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if master is not None:
            drain(master, 0.02)
        if predicate():
            return True
        time.sleep(0.02)
    return False


def texts(db: Path) -> list[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT text FROM entry ORDER BY id")]
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def test_sigkill_after_enter_loses_nothing(home: Home) -> None:
    assert run_cli("new", "Kill test", home=home).returncode == 0
    proc, master = start_app(home, "open", "1")
    try:
        # The capture screen is up once its empty log's title is drawn.
        assert wait_for(lambda: b"Before the agenda" in drain(master, 0.2), timeout=30)
        lines = [f"UNHCR: point number {n} ✓ عربى" for n in range(12)]
        for line in lines[:6]:
            os.write(master, line.encode() + b"\r")
            drain(master, 0.05)
        # Faster than any typist: six lines in one burst must stay six entries.
        os.write(master, b"".join(line.encode() + b"\r" for line in lines[6:]))
        assert wait_for(lambda: len(texts(home.db_path)) == len(lines), master=master), texts(
            home.db_path
        )
        # One more line, killed the instant its Enter is sent: all or nothing.
        os.write(master, b"the last line\r")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        os.close(master)
    stored = texts(home.db_path)
    assert stored[: len(lines)] == [f"point number {n} ✓ عربى" for n in range(12)]
    assert stored[len(lines) :] in ([], ["the last line"])
    con = sqlite3.connect(home.db_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    # It reopens, with everything there.
    proc, master = start_app(home, "open", "1")
    try:
        seen = b""

        def drawn() -> bool:
            nonlocal seen
            seen += drain(master, 0.2)
            return b"point number 11" in seen

        assert wait_for(drawn, timeout=30)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        os.close(master)
    shown = run_cli("show", "1", "--json", home=home)
    assert shown.returncode == 0 and "point number 0" in shown.stdout
