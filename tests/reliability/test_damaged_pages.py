"""A damaged page anywhere in the file: every command says one sentence (issue 24).

The schema check reads two pages; a page damaged further in shows only when a command
reaches it. Each case damages the first page of one table (found in sqlite_master, so
the page is the same whatever the home's size) as the attacker did: a page header
claiming a leaf with 0xFF everywhere after it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from minutes_tui.config import Home
from tests.helpers import run_cli

# (what the command reads or writes first, the command): each once gave a traceback.
CASES = [
    ("meeting", ("add", "1", "hello")),  # the quick path's first read (store/quick.py)
    ("search_index_idx", ("add", "1", "hello")),  # the write; SQLite rolls back itself
    ("search_index_data", ("search", "point")),  # "vtable constructor failed"
    ("search_index_content", ("search", "point")),
    ("action", ("actions",)),
]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("damaged") / "home"
    assert run_cli("new", "Damaged", home=root).returncode == 0
    lines = ["/i 1 First", "a point", "UNHCR: another point", "/a an action [OCHA]"]
    assert run_cli("add", "1", *lines, home=root).returncode == 0
    con = sqlite3.connect(Home(root).db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return root


def damage(home: Home, table: str) -> bytes:
    """The first page of `table` overwritten; the file's bytes after."""
    con = sqlite3.connect(home.db_path)
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (size,) = con.execute("PRAGMA page_size").fetchone()
    con.close()
    raw = bytearray(home.db_path.read_bytes())
    at = (root - 1) * size
    raw[at : at + size] = b"\x0d" + b"\xff" * (size - 1)
    home.db_path.write_bytes(bytes(raw))
    return bytes(raw)


@pytest.mark.parametrize(("table", "args"), CASES, ids=[f"{t}-{a[0]}" for t, a in CASES])
def test_a_damaged_page_is_one_sentence(
    made: Path, tmp_path: Path, table: str, args: tuple[str, ...]
) -> None:
    home = Home(tmp_path / "home")
    shutil.copytree(made, home.root)
    spoiled = damage(home, table)
    done = run_cli(*args, home=home)  # a traceback raises here
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, done.stdout
    assert len(lines) == 1 and lines[0].startswith("minutes: error: "), done.stderr
    assert "Traceback" not in done.stderr
    assert "malformed" in lines[0] or "vtable" in lines[0], lines[0]
    assert home.db_path.read_bytes() == spoiled  # nothing was written


def test_several_schema_versions_are_refused_in_one_sentence(made: Path, tmp_path: Path) -> None:
    """Two rows in alembic_version: Alembic would fail to follow them (a traceback)."""
    home = Home(tmp_path / "home")
    shutil.copytree(made, home.root)
    con = sqlite3.connect(home.db_path)
    con.execute("DELETE FROM alembic_version")
    con.executemany("INSERT INTO alembic_version VALUES (?)", [("0018_sync_marks",), ("0005x",)])
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = home.db_path.read_bytes()
    for args in (("show", "1"), ("add", "1", "x"), ("list",), ("search", "point")):
        done = run_cli(*args, home=home)
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 1, (args, done.stdout)
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith("minutes: error: "), lines[0]
        assert "more than one schema version" in lines[0], lines[0]
    assert home.db_path.read_bytes() == before
