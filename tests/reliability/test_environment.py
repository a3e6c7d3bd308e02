"""Bad environment: each case is one clear message, and nothing on disk changes."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from minutes_tui import cli
from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.store.database import ensure_home
from minutes_tui.store.engine import make_engine, writer
from minutes_tui.store.migrate import upgrade
from minutes_tui.store.schema import HEAD, REVISIONS
from minutes_tui.store.store import Store
from tests.helpers import run_cli, settle

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
STATS: dict[str, int] = {"migrations": 0}


def digest(*paths: Path) -> dict[str, str]:
    """Hash every file of the given folders/files (a -wal appearing counts as a change)."""
    out = {}
    for p in paths:
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            # The -shm index and an empty -wal are what any reader of a WAL database
            # makes (even read-only); the content is the main file plus the WAL's frames.
            if f.is_file() and not f.name.endswith("-shm"):
                data = f.read_bytes()
                if data or not f.name.endswith("-wal"):
                    out[str(f)] = hashlib.sha256(data).hexdigest()
    return out


def one_error(done) -> str:  # type: ignore[no-untyped-def]
    assert done.returncode != 0, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and lines[0].startswith("minutes: error: ")
    return lines[0]


def made_home(home: Home) -> None:
    assert run_cli("new", "Env", home=home).returncode == 0
    assert (
        run_cli("add", "1", "/i 1 First", "a point", "/a an action [OCHA]", home=home).returncode
        == 0
    )
    assert run_cli("export", "1", home=home).returncode == 0


def corrupt_garbage(home: Home) -> None:
    home.db_path.write_bytes(b"this is not a database\x00" * 500)


def corrupt_pages(home: Home) -> None:
    con = sqlite3.connect(home.db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    raw = bytearray(home.db_path.read_bytes())
    for at in range(4096, len(raw), 4096):
        raw[at : at + 200] = b"\xa5" * 200  # trash every page header but the first
    home.db_path.write_bytes(bytes(raw))


def too_new(home: Home) -> None:
    con = sqlite3.connect(home.db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def foreign(home: Home) -> None:
    home.db_path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{home.db_path}{suffix}").unlink(missing_ok=True)
    con = sqlite3.connect(home.db_path)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()


BAD_DATABASES = {
    "garbage": (corrupt_garbage, "not a readable minutes-tui database"),
    "damaged pages": (corrupt_pages, "minutes-tui database"),
    "too new": (too_new, "newer version"),
    "foreign": (foreign, "not a minutes-tui one"),
}
COMMANDS = [
    ("list",),
    ("show", "1", "--json"),
    ("add", "1", "one more point"),
    ("export", "1", "--format", "docx"),
]


@pytest.mark.parametrize("case", BAD_DATABASES)
def test_bad_database_cli(home: Home, case: str) -> None:
    made_home(home)
    spoil, words = BAD_DATABASES[case]
    spoil(home)
    before = digest(home.root)
    for args in COMMANDS:
        line = one_error(run_cli(*args, home=home))
        assert words in line or "database" in line, (args, line)
    assert digest(home.root) == before


@pytest.mark.parametrize("case", BAD_DATABASES)
async def test_bad_database_app(home: Home, case: str) -> None:
    made_home(home)
    BAD_DATABASES[case][0](home)
    before = digest(home.root)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.store is None and app.store_error
        notes = [n for n in app._notifications if n.severity == "error"]
        assert len(notes) == 1 and notes[0].message == app.store_error
        await pilot.press("f3")  # every screen that needs the store says why, calmly
        await settle(pilot)
    assert digest(home.root) == before


def test_read_only_database(home: Home, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    made_home(home)
    os.chmod(home.db_path, 0o400)
    before = digest(home.root)
    if not ROOT:
        line = one_error(run_cli("add", "1", "x", home=home))
        assert "read-only" in line
    # As root, permission bits stop nothing; what os.access says is what the store checks.
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m, **k: False if Path(p) == home.db_path else real(p, m, **k)
    )
    assert cli.main(["--home", str(home.root), "add", "1", "x"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "read-only" in err[0]
    assert digest(home.root) == before


def test_missing_home_is_created_private(tmp_path: Path) -> None:
    home = Home(tmp_path / "not" / "yet" / "there")
    done = run_cli("new", "Fresh", home=home)
    assert done.returncode == 0, done.stderr
    assert home.db_path.is_file()
    for folder in (home.db_dir, home.exports_dir):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_home_and_parents_are_private_under_umask_000(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    home = Home(tmp_path / "a" / "b" / "home")
    os.chmod(tmp_path, 0o755)  # the user's own folder: never chmodded by us
    old = os.umask(0)
    try:
        assert cli.main(["--home", str(home.root), "new", "Fresh"]) == 0
    finally:
        os.umask(old)
    made = [tmp_path / "a", tmp_path / "a" / "b", home.root, home.db_dir, home.exports_dir]
    assert {str(f): f.stat().st_mode & 0o777 for f in made} == {str(f): 0o700 for f in made}
    assert home.db_path.stat().st_mode & 0o777 == 0o600
    assert tmp_path.stat().st_mode & 0o777 == 0o755


@pytest.mark.parametrize("target", ["dangling", "a real database"])
def test_a_symlink_as_the_database_is_refused(home: Home, tmp_path: Path, target: str) -> None:
    elsewhere = tmp_path / "elsewhere.sqlite"
    if target == "a real database":
        made_home(Home(tmp_path / "other"))
        elsewhere = Home(tmp_path / "other").db_path
    before = digest(tmp_path / "other") if elsewhere.exists() else {}
    home.db_dir.mkdir(parents=True, mode=0o700)
    home.db_path.symlink_to(elsewhere)
    for args in (("new", "X"), ("list",), ("search", "x"), ("show", "1")):
        line = one_error(run_cli(*args, home=home))
        assert "is a symbolic link" in line, (args, line)
    assert home.db_path.is_symlink()
    if target == "dangling":
        assert not elsewhere.exists()  # before the fix: created there, 0644
    else:
        assert digest(tmp_path / "other") == before


def test_an_empty_database_file_is_made_private(home: Home) -> None:
    home.db_dir.mkdir(parents=True, mode=0o700)
    home.db_path.touch()
    os.chmod(home.db_path, 0o666)
    assert run_cli("new", "X", home=home).returncode == 0
    assert home.db_path.stat().st_mode & 0o777 == 0o600
    assert run_cli("show", "1", home=home).returncode == 0


@pytest.mark.parametrize("mode", [0o777, 0o770])
def test_a_shared_db_folder_is_refused(home: Home, mode: int) -> None:
    made_home(home)
    os.chmod(home.db_dir, mode)  # not ours to fix: the message says how
    before = digest(home.root)
    for args in (("add", "1", "x"), ("list",), ("new", "Y"), ("search", "point")):
        line = one_error(run_cli(*args, home=home))
        assert "can be written by other users" in line and "chmod 700" in line, (args, line)
    assert home.db_dir.stat().st_mode & 0o777 == mode
    assert digest(home.root) == before
    os.chmod(home.db_dir, 0o700)
    assert run_cli("add", "1", "x", home=home).returncode == 0


def test_unwritable_home(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    home = Home(blocker / "home")  # works even as root: nothing can be made under a file
    line = one_error(run_cli("new", "X", home=home))
    assert "Cannot create the data home" in line
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(ROOT, reason="root ignores permission bits: covered by the os.access case")
def test_unwritable_home_chmod(tmp_path: Path) -> None:
    root = tmp_path / "locked"
    root.mkdir(mode=0o500)
    line = one_error(run_cli("new", "X", home=Home(root / "home")))
    assert "Cannot create" in line


def test_unwritable_home_as_os_access_reports(home: Home, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    home.db_dir.mkdir(parents=True)
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m, **k: False if Path(p) == home.db_dir else real(p, m, **k)
    )
    from minutes_tui.store.errors import HomeUnwritable

    with pytest.raises(HomeUnwritable, match="not writable"):
        ensure_home(home)


def export_case(home: Home, tmp_path: Path, out: Path | str, words: str) -> None:
    existing = sorted(home.exports_dir.iterdir())
    before = digest(home.root, tmp_path / "targets")
    line = one_error(run_cli("export", "1", "--out", str(out), home=home))
    assert words in line, line
    assert digest(home.root, tmp_path / "targets") == before
    assert sorted(home.exports_dir.iterdir()) == existing


def test_export_targets(home: Home, tmp_path: Path) -> None:
    made_home(home)
    targets = tmp_path / "targets"
    (targets / "a-folder").mkdir(parents=True)
    (targets / "a-file").write_text("keep me")
    export_case(home, tmp_path, str(targets / "no-such-folder") + "/", "does not exist")
    export_case(home, tmp_path, targets / "missing" / "r.md", "does not exist")
    export_case(home, tmp_path, targets / "a-file" / "r.md", "is not a folder")
    export_case(home, tmp_path, targets / ("x" * 300 + ".md"), "too long")


@pytest.mark.parametrize("fail", ["write", "fsync", "replace"])
def test_export_disk_full(home: Home, monkeypatch, capsys, fail: str) -> None:  # type: ignore[no-untyped-def]
    made_home(home)
    (old,) = home.exports_dir.iterdir()
    before = digest(home.root)

    def full(*a, **k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    import minutes_tui.record.safe_write as safe_write

    if fail == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, f) -> None:  # type: ignore[no-untyped-def]
                self.f = f

            def __enter__(self):  # type: ignore[no-untyped-def]
                return self

            def __exit__(self, *a) -> None:  # type: ignore[no-untyped-def]
                self.f.close()

            def fileno(self) -> int:
                return self.f.fileno()

            def write(self, data: bytes) -> int:
                self.f.write(data[: len(data) // 2])
                full()
                return 0

            def flush(self) -> None:
                self.f.flush()

        monkeypatch.setattr(safe_write.os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(safe_write.os, fail, full)
    # --overwrite: the path that replaces the earlier file is the one that could hurt it.
    assert cli.main(["--home", str(home.root), "export", "1", "--overwrite"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "disk is full" in err[0], err
    monkeypatch.undo()
    assert digest(home.root) == before
    assert list(home.exports_dir.iterdir()) == [old]  # no temporary file left behind


async def test_export_failure_in_the_app(home: Home, tmp_path: Path) -> None:
    made_home(home)
    before = digest(home.root)
    from minutes_tui.screens.export import ExportScreen

    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path").value = str(home.db_path)  # the live database
        app.screen.action_export()
        await settle(pilot)
        shown = str(app.screen.query_one("#export-result").render())
        assert shown.startswith("⚠") and "inside the database folder" in shown, shown
        assert isinstance(app.screen, ExportScreen)  # still there, to fix the path
    assert digest(home.root) == before


# ---- migrations ---------------------------------------------------------------------

FILL = [
    "INSERT INTO meeting (id, body, title, session, date, style, sensitivity, status,"
    " created_at, updated_at) VALUES (1, 'IASC OPAG', 'Old meeting', 'VII', '2020-07-09',"
    " 'summary', 'RESTRICTED', 'draft', '2020-07-09 09:00:00.000000',"
    " '2020-07-09 09:00:00.000000')",
    "INSERT INTO organisation (id, name) VALUES (1, 'UNHCR')",
    "INSERT INTO person (id, honorific, name, organisation_id)"
    " VALUES (1, 'Ms.', 'Gillian Triggs', 1)",
    "INSERT INTO participant (id, meeting_id, person_id, organisation_id, role, attendance,"
    " created_at) VALUES (1, 1, 1, 1, 'Member', 'present', '2020-07-09 09:00:00.000000')",
    "INSERT INTO agenda_item (id, meeting_id, label, title, position, created_at) VALUES"
    " (1, 1, '7.1', 'Data responsibility', 0, '2020-07-09 09:00:00.000000')",
    "INSERT INTO entry (id, meeting_id, item_id, kind, speaker, organisation_id, text,"
    " created_at) VALUES (1, 1, 1, 'point', 'UNHCR', 1, 'raised five points',"
    " '2020-07-09 09:03:00.000000')",
    "INSERT INTO action (id, meeting_id, item_id, number, text, owners, due_date, status,"
    " created_at) VALUES (1, 1, 1, 1, 'Accelerate the guidance', '[\"RG1\"]', '2020-08-31',"
    " 'pending', '2020-07-09 09:40:00.000000')",
    "INSERT INTO action_sub_item (id, action_id, position, text, owners, created_at) VALUES"
    " (1, 1, 0, 'Share a draft', '[\"OCHA\"]', '2020-07-09 09:41:00.000000')",
]


@pytest.mark.parametrize("revision", REVISIONS[:-1])
def test_upgrade_from_every_earlier_revision(home: Home, revision: str) -> None:
    ensure_home(home)
    engine = make_engine(home.db_path)
    upgrade(writer(engine), revision)
    engine.dispose()
    con = sqlite3.connect(home.db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision
    for sql in FILL:
        con.execute(sql)
    con.commit()
    con.close()
    store = Store.open(home)
    data = store.load(1).to_json()
    store.close()
    assert data["title"] == "Old meeting" and data["sensitivity"] == "RESTRICTED"
    assert [p["name"] for p in data["participants"]] == ["Gillian Triggs"]
    item = data["items"][0]
    assert item["label"] == "7.1" and [e["text"] for e in item["entries"]] == ["raised five points"]
    action = data["actions"][0]
    assert (action["number"], action["owners"], action["due_date"]) == (1, ["RG1"], "2020-08-31")
    assert [s["text"] for s in action["sub_items"]] == ["Share a draft"]
    con = sqlite3.connect(home.db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    con.close()
    found = run_cli("search", "five points", "--json", home=home)  # the index was built too
    assert found.returncode == 0 and '"row_id": 1' in found.stdout, found.stderr
    STATS["migrations"] += 1
