"""The layers: grammar, store and record never import Textual; the first frame waits for
nothing heavy (SQLAlchemy, Alembic, python-docx)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from minutes_tui.config import Home

PURE = [
    "minutes_tui.capture",
    "minutes_tui.capture.script",
    "minutes_tui.importer.attendance",
    "minutes_tui.capture.unparse",
    "minutes_tui.store.store",
    "minutes_tui.store.search",
    "minutes_tui.store.tracker",
    "minutes_tui.record",
    "minutes_tui.record.export",
]


def imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("module", PURE)
def test_lower_layers_never_import_textual(module: str) -> None:
    modules = imported_after(f"import {module}")
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}


def test_first_frame_imports_nothing_heavy() -> None:
    # What the meetings screen needs to draw: the app, the screen, the list reader.
    modules = imported_after(
        "import minutes_tui.cli, minutes_tui.app, minutes_tui.screens.meetings"
    )
    for heavy in ("sqlalchemy", "sqlmodel", "alembic", "docx", "pydantic"):
        assert heavy not in modules, heavy


def test_minutes_add_of_notes_imports_no_pydantic_and_no_orm(tmp_path: Path) -> None:
    """`minutes add M "a note"` is a whole process a user waits for (issue 15): its notes
    go through the stdlib-sqlite3 quick path and the grammar, whose entry types are plain
    dataclasses, so neither pydantic (import and model building: most of its time before)
    nor SQLAlchemy is loaded. The notes must still be stored, with their speakers."""
    from tests.helpers import run_cli, stored_json

    home = Home(tmp_path)
    assert run_cli("new", "Quick", home=home).returncode == 0
    # A participant: the quick path must read the meeting's speakers to attribute "Jamal:".
    assert run_cli("add", "1", "/p Ms. Amina Jamal, OCHA", home=home).returncode == 0
    code = (
        "import sys\n"
        "from minutes_tui.cli import main\n"
        f"code = main(['--home', {str(tmp_path)!r}, 'add', '1', 'Jamal: a point', 'a second'])\n"
        "assert code == 0, code\n"
        "print('\\n'.join(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    modules = set(done.stdout.split())
    for heavy in ("pydantic", "pydantic_core", "sqlalchemy", "sqlmodel", "alembic"):
        assert heavy not in modules, heavy
    entries = stored_json(home)["unfiled_entries"]
    stored = [(e["speaker"], e["text"]) for e in entries]
    assert stored == [("Jamal", "a point"), (None, "a second")]


def test_a_read_only_command_loads_none_of_the_store_write_modules(tmp_path: Path) -> None:
    """`minutes export` only reads: the store's write-only modules (apply, edits, journal,
    people) and the grammar behind them are imported by the methods that write, which
    saves a read-only command their import (about 30 ms of CPU, issue 15)."""
    from tests.helpers import run_cli

    home = Home(tmp_path)
    assert run_cli("new", "Read only", home=home).returncode == 0
    assert run_cli("add", "1", "/i 1 Budget", "UNHCR: a point", home=home).returncode == 0
    out = tmp_path / "record.docx"
    code = (
        "import sys\n"
        "from minutes_tui.cli import main\n"
        f"argv = ['--home', {str(tmp_path)!r}, 'export', '1', '--format', 'docx']\n"
        f"assert main([*argv, '--out', {str(out)!r}]) == 0\n"
        "print('\\n'.join(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    modules = set(done.stdout.split())
    assert "minutes_tui.store.load" in modules  # the meeting was read
    write_only = ["minutes_tui.store." + m for m in ("apply", "edits", "journal", "people")]
    for module in [*write_only, "minutes_tui.capture", "minutes_tui.domain.entries"]:
        assert module not in modules, module


def test_show_and_export_of_a_sqlite_home_load_no_orm(tmp_path: Path) -> None:
    """`minutes show M --json` and `minutes export M --format docx` are whole processes a
    user waits for (issue 15): on a home's SQLite file they read the meeting with the
    store's own loader (store/load.py) on a standard sqlite3 connection, never importing
    SQLAlchemy or SQLModel (0.3–0.6 s of the 0.9 s they took). The record must still be
    the meeting's."""
    from tests.helpers import run_cli

    home = Home(tmp_path)
    assert run_cli("new", "Fast read", home=home).returncode == 0
    lines = ["/i 1 Budget", "UNHCR: a public point", "!OCHA: a confidential point"]
    assert run_cli("add", "1", *lines, home=home).returncode == 0
    out = tmp_path / "record.docx"
    for argv, check in (
        (["show", "1", "--json"], "a public point"),
        (["export", "1", "--format", "docx", "--out", str(out)], str(out)),
    ):
        code = (
            "import sys, io, contextlib\n"
            "from minutes_tui.cli import main\n"
            "buf = io.StringIO()\n"
            "with contextlib.redirect_stdout(buf):\n"
            f"    assert main(['--home', {str(tmp_path)!r}, *{argv!r}]) == 0\n"
            "print(buf.getvalue())\n"
            "print('\\n'.join(sys.modules))"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert check in done.stdout
        modules = set(done.stdout.split())
        for heavy in ("sqlalchemy", "sqlmodel", "alembic"):
            assert heavy not in modules, (argv[0], heavy)
    assert "a public point" in docx_text(out) and "confidential point" not in docx_text(out)


def docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
