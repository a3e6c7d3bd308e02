"""One store interface, two backends (issue 24): the face (screens, widgets, app, session,
cli) never chooses between the home's SQLite file and a team archive, and hears every
database failure as one StoreError sentence, wrapped inside the store."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest

import minutes_tui
from minutes_tui.config import Home
from tests.helpers import run_cli, stored_json

PACKAGE = Path(minutes_tui.__file__).parent
FACE = [
    *sorted((PACKAGE / "screens").rglob("*.py")),
    *sorted((PACKAGE / "widgets").rglob("*.py")),
    *sorted(p for p in (PACKAGE / "cli").rglob("*.py") if p.name != "parser.py"),
    *sorted((PACKAGE / "session").rglob("*.py")),
    PACKAGE / "app.py",
]
# Where the face may still name the backend, and why.
ALLOWED = {
    # `minutes archive init|grant|…`: the URL is the command's subject, not a store.
    ("cli/archive.py", None),
    # The loader's own fast path (`show`/`export` without SQLAlchemy) until one
    # load_meeting reads both dialects (issue 24, the loader's part).
    ("cli/common.py", "sqlite_current"),
}


def backend_choices(path: Path) -> list[str]:
    """`x.online` and `x.db_url` read in a module, outside the allowed functions."""
    name = path.relative_to(PACKAGE).as_posix()
    if (name, None) in ALLOWED:
        return []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and (name, node.name) in ALLOWED:
            skipped.update(id(inner) for inner in ast.walk(node))
    return [
        f"{name}:{node.lineno} .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in ("online", "db_url")
        and id(node) not in skipped
    ]


def test_the_face_never_chooses_the_backend() -> None:
    """`backend_for(home)` (store/backend.py) is the one place that reads `home.db_url`:
    no `if home.online` in a screen, the app, the session or a command."""
    assert len(FACE) > 20  # the scan found the face's modules
    found = [choice for path in FACE for choice in backend_choices(path)]
    assert found == []


def test_a_database_failure_inside_the_store_is_one_sentence_in_the_cli(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure with no sentence of its own (the driver's words) leaves the store as a
    StoreError: `minutes add` says it in one line, stores nothing, and shows no traceback
    (run_cli raises an uncaught exception)."""
    from sqlalchemy.exc import OperationalError

    assert run_cli("new", "Failing", home=home).returncode == 0

    def refuse(*_args: object, **_kwargs: object) -> None:
        driver = sqlite3.OperationalError("attempt to write a readonly database")
        raise OperationalError("INSERT INTO action …", {}, driver)

    monkeypatch.setattr("minutes_tui.store.apply.apply", refuse)
    done = run_cli("add", "1", "/a Send the report [OCHA]", home=home)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "minutes: error: Not saved: attempt to write a readonly database. Nothing was changed."
    ]
    assert stored_json(home)["actions"] == []


def test_a_team_archive_refuses_a_file_backup_in_one_sentence(tmp_path: Path) -> None:
    """Backing up is the SQLite backend's (its online backup); a team archive's backend
    says so before connecting anywhere, and writes no file."""
    dest = tmp_path / "copy.sqlite"
    url = "postgresql://ana@127.0.0.1:9/nowhere"  # nothing listens: it must not be asked
    done = run_cli("--db", url, "backup", str(dest), home=tmp_path / "home")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "minutes: error: A team archive is backed up on its server (pg_dump), not by minutes."
    )
    assert not dest.exists()


async def test_the_store_opens_on_the_backend_the_app_chose(home: Home) -> None:
    """The app chooses the backend once, for its meetings list and its store alike."""
    from minutes_tui.app import MinutesApp
    from tests.helpers import settle

    assert run_cli("new", "Chosen once", home=home).returncode == 0
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.store is not None, app.store_error
        assert app.store.backend is app.backend
        assert [row.title for row in app.store.list_meetings()] == ["Chosen once"]
