"""A full disk and a database another program holds locked: each its own sentence, not
"is not readable" and never a traceback (run_cli raises on one); nothing lost.

The full disk is made two ways: `PRAGMA max_page_count` at the database's size (SQLite's
own SQLITE_FULL, anywhere), and, where the tests run as root, a real 2 MB tmpfs filled
up (where even reading fails: SQLite cannot create its shared-memory file).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from minutes_tui.config import Home
from tests.helpers import run_cli


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def points(home: Path) -> list[str]:
    shown = run_cli("show", "1", home=home)
    assert shown.returncode == 0, shown.stderr
    return [line for line in shown.stdout.splitlines() if "UNHCR" in line or "WFP" in line]


def test_a_full_disk_says_so_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minutes_tui.store import engine

    home = tmp_path / "home"
    assert run_cli("new", "Full disk", home=home).returncode == 0
    assert run_cli("add", "1", "UNHCR: kept before the disk filled", home=home).returncode == 0
    kept = points(home)
    with sqlite3.connect(Home(home).db_path) as con:
        pages = con.execute("PRAGMA page_count").fetchone()[0]
    # Every connection the app opens from now on may not grow the database by a page.
    monkeypatch.setattr(engine, "PRAGMAS", (*engine.PRAGMAS, f"PRAGMA max_page_count={pages}"))
    long = "WFP: " + "a long point " * 1000  # needs pages of its own
    for argv in (["add", "1", long], ["add", "1", "/a Share " + "the map " * 1000 + "[OCHA]"]):
        # a point (the quick path, stdlib sqlite3) and an action (the ORM's write)
        result = run_cli(*argv, home=home)
        assert result.returncode == 1, argv
        assert one_line(result.stderr).startswith("minutes: error: The disk is full: "), argv
        assert "nothing was lost" in result.stderr
    monkeypatch.undo()
    assert points(home) == kept
    assert len(run_cli("list", home=home).stdout.splitlines()) == 1


@contextlib.contextmanager
def tiny_filesystem(where: Path) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounts need root")
def test_a_really_full_disk_is_not_called_an_unreadable_database(tmp_path: Path) -> None:
    with tiny_filesystem(tmp_path / "small") as small:
        home = small / "home"
        assert run_cli("new", "Full disk", home=home).returncode == 0
        assert run_cli("add", "1", "UNHCR: kept", home=home).returncode == 0
        filler = small / "filler"
        with filler.open("wb", buffering=0) as f, contextlib.suppress(OSError):
            while True:
                f.write(b"\0" * 65536)
        for argv in (["list"], ["show", "1"], ["add", "1", "WFP: more"], ["new", "More"]):
            result = run_cli(*argv, home=home)
            assert result.returncode == 1, argv
            line = one_line(result.stderr)
            assert line.startswith("minutes: error: The disk is full: "), (argv, line)
            assert "not a readable" not in line
        filler.unlink()
        assert [
            line for line in run_cli("show", "1", home=home).stdout.splitlines() if "UNHCR" in line
        ]


@contextlib.contextmanager
def locked_by_another_program(db: Path) -> Iterator[None]:
    """Another process holds the database in SQLite's exclusive locking mode (a database
    tool does this): no one else can even read it until it lets go."""
    code = (
        "import sqlite3, sys, time\n"
        "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "con.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
        "con.execute('BEGIN EXCLUSIVE')\n"
        "con.execute('SELECT count(*) FROM meeting').fetchall()\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(30)


@pytest.mark.usefixtures("short_lock_waits")
def test_a_database_locked_by_another_program_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    assert run_cli("new", "Locked", home=home).returncode == 0
    with locked_by_another_program(Home(home).db_path):
        for argv in (["add", "1", "UNHCR: a point"], ["list"]):
            result = run_cli(*argv, home=home)
            assert result.returncode == 1, argv
            assert "is locked by another program" in one_line(result.stderr), argv
        # the lock taken just after `add` checked the schema: it met it opening its
        # connection, which was a traceback
        from minutes_tui.store import quick
        from minutes_tui.store.schema import SchemaState

        monkeypatch.setattr(quick, "prepare", lambda home: SchemaState.CURRENT)
        result = run_cli("add", "1", "UNHCR: a point", home=home)
        assert result.returncode == 1
        assert "is locked by another program" in one_line(result.stderr)
    monkeypatch.undo()
    assert run_cli("add", "1", "UNHCR: stored once the lock is gone", home=home).returncode == 0
    stored = points(home)
    assert len(stored) == 1 and "stored once the lock is gone" in stored[0]
