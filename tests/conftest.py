"""Shared fixtures: every test gets its own data home; nothing touches the user's.

The helpers themselves live in tests/helpers.py; they are re-exported here for modules
that still import them from conftest.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from minutes_tui.config import Home
from tests.helpers import FIXTURES, run_cli, run_process, settle, stored_json, utc_clock

__all__ = ["FIXTURES", "run_cli", "run_process", "settle", "stored_json"]

# Hypothesis's own folder (the failing examples it replays first, its constants cache)
# lives in the user's cache, not in the checkout: a test run leaves nothing there.
set_hypothesis_home_dir(Path.home() / ".cache/minutes-tui/hypothesis")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A test that forgets --home must still never write to the real user folder.
    monkeypatch.setenv("MINUTES_HOME", str(tmp_path / "default-home"))
    # Nor read the user's own directory of organisations.
    monkeypatch.setenv("MINUTES_DIRECTORY", str(tmp_path / "no-directory.csv"))
    # Nor read or write the user's settings and remembered state (settings.py).
    monkeypatch.setenv("MINUTES_CONFIG_DIR", str(tmp_path / "config"))
    # The interface speaks English whatever the developer's locale (LANG=fr_FR.UTF-8
    # would otherwise give French help and messages); a test of another language sets
    # the locale itself. LANGUAGE is the first variable gettext reads.
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.delenv("MINUTES_INTERFACE_LANGUAGE", raising=False)
    from minutes_tui.domain import translate

    translate.use(None)  # forget a language an earlier test chose


@pytest.fixture(scope="session", autouse=True)
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A new SQLite database gets its schema copied from one this process migrated once.

    Alembic's 17 migrations cost ~0.3 s of CPU for every database a test creates (most
    tests create one or more); copying the migrated file costs ~4 ms. Only the migration of
    an empty file to head is replaced, and only in this process (a `minutes` process a test
    starts migrates for itself); any other revision, a database with data, PostgreSQL, or a
    copy that fails (a lock, a full disk) runs the real migrations. The chain itself runs
    here, once per test process, and the migration tests run it from every revision.
    """
    from minutes_tui.store import migrate
    from minutes_tui.store.store import Store

    template, twin = (Home(tmp_path_factory.mktemp("migrated-template")) for _ in range(2))
    for home in (template, twin):
        Store.open(home).close()  # the real migrations, empty file to head
    # What a migration draws at random is each database's own: the home's identity (sync
    # tells homes apart by it). Any other drawn value would show here as twins that differ.
    assert _contents(template) == _contents(twin), "a migration draws a new per-home value"
    real_upgrade = migrate.upgrade

    def upgrade(engine, revision: str = "head") -> None:  # type: ignore[no-untyped-def]
        target = engine.url.database if engine.dialect.name == "sqlite" else None
        if revision == "head" and target and os.path.getsize(target) == 0:
            source, copy = sqlite3.connect(template.db_path), sqlite3.connect(target, timeout=0)
            try:
                source.backup(copy)
                copy.execute("UPDATE home_identity SET home = ?", (str(uuid.uuid4()),))
                copy.commit()
                return
            except sqlite3.Error:
                pass  # as the real migration would meet it: let it say so
            finally:
                source.close()
                copy.close()
        real_upgrade(engine, revision)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrate, "upgrade", upgrade)
        yield


def _contents(home: Home) -> list[str]:
    con = sqlite3.connect(home.db_path)
    try:
        return [line for line in con.iterdump() if "home_identity" not in line]
    finally:
        con.close()


@pytest.fixture
def short_lock_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's busy timeout at 200 ms instead of 2 s, a schema read's at 0.5 s instead of
    5 s. The tests of locks wait whole rounds of them; what they check (a writer waits,
    then says one sentence) does not depend on their length, and at full length one of
    them waited 27 s."""
    from minutes_tui.store import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(engine, "READ_WAIT_S", 0.5)


@pytest.fixture
def dialect() -> str:
    """Which database the `home` and `store` fixtures use: SQLite unless the test is
    marked `dialects` (then once on SQLite and once on a PostgreSQL archive)."""
    return "sqlite"


# `make test` is the gate run after every change: in process and Python only, about three
# minutes on two cores, the same on any machine. What needs a program outside Python
# (a PostgreSQL server, LibreOffice) runs with the long variants in `make test-slow`; CI
# runs both (docs/developing.md).
OUTSIDE_PYTHON = ("postgres", "soffice")


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
        if any(item.get_closest_marker(name) for name in OUTSIDE_PYTHON):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _no_libreoffice_unless_marked(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test not marked `soffice` meets a machine without LibreOffice, as a fresh one is:
    the PDF is skipped with its sentence. The gate then gives one result whether or not
    LibreOffice is installed, and a test that needs it must say so to run it."""
    if request.node.get_closest_marker("soffice"):
        yield
        return
    from minutes_tui.record import pdf

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "soffice", lambda: None)
        yield


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "dialect" in metafunc.fixturenames and metafunc.definition.get_closest_marker("dialects"):
        # The PostgreSQL runs of these tests are `make test-slow`'s (CI runs both): each
        # needs a fresh archive set up by Alembic, and `make test` keeps to ~3 minutes.
        # The archive's own tests (schema, roles, search, sync) stay in `make test`.
        postgres = pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.slow])
        metafunc.parametrize("dialect", ["sqlite", postgres])


@pytest.fixture
def home(tmp_path: Path, dialect: str, request: pytest.FixtureRequest) -> Home:
    if dialect == "postgres":  # a fresh archive, set up as `minutes archive init` does
        from minutes_tui.team.init import init_archive

        url = request.getfixturevalue("initialised_archive_url")
        init_archive(url)  # on a copy already at head: the roles and policies only
        return Home(tmp_path / "home", db_url=url)
    return Home(tmp_path / "home")


@pytest.fixture
def store(home: Home):  # type: ignore[no-untyped-def]
    from minutes_tui.store.store import Store

    s = Store.open(home)
    yield s
    s.close()


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli


@pytest.fixture
def utc() -> Iterator[None]:
    """Local time is UTC for this test, and the time zone is restored after it."""
    with utc_clock():
        yield


# ---- the figures docs/reliability.md quotes (never asserted) ---------------------------

RELIABILITY = ("kill_rounds", "concurrency", "fuzz", "environment")
_from_workers: dict[str, int] = {}


def _reliability_figures() -> dict[str, int]:
    figures = {}
    for name in RELIABILITY:
        module = sys.modules.get(f"tests.reliability.test_{name}")
        if module is not None:
            figures.update({f"{name}.{k}": v for k, v in module.STATS.items()})
    return figures


def pytest_sessionfinish(session: pytest.Session) -> None:
    output = getattr(session.config, "workeroutput", None)  # an xdist worker: report back
    if output is not None:
        output["reliability"] = _reliability_figures()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:  # type: ignore[no-untyped-def]
    for key, value in getattr(node, "workeroutput", {}).get("reliability", {}).items():
        _from_workers[key] = _from_workers.get(key, 0) + value


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    figures = _reliability_figures()
    for key, value in _from_workers.items():
        figures[key] = figures.get(key, 0) + value
    if figures:
        terminalreporter.write_line(
            "reliability: " + ", ".join(f"{k}={v}" for k, v in sorted(figures.items()))
        )


# ---- a real PostgreSQL server for the team archive (tests/postgres.py) --------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """One server per test process, started as an unprivileged user; skipped with the
    reason where PostgreSQL is not installed or cannot start here."""
    from tests import postgres

    bindir, why = postgres.find_binaries()
    if bindir is None:
        pytest.skip(why)
    try:
        server = postgres.start_server()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"PostgreSQL could not start here: {exc}")
    yield server
    server.stop()


_databases = iter(range(1, 1_000_000))


@pytest.fixture
def archive_url(pg_server: object, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh, empty database on the test server; its URL carries no password: libpq
    reads it from PGPASSWORD, as it would from a team member's environment or ~/.pgpass."""
    from tests import postgres

    assert isinstance(pg_server, postgres.Server)
    name = pg_server.create_database(f"archive_{os.getpid()}_{next(_databases)}")
    monkeypatch.setenv("PGPASSWORD", postgres.SUPERPASS)
    return pg_server.url(name)


@pytest.fixture(scope="session")
def _archive_template(pg_server: object) -> str:
    """An archive `minutes archive init` set up once per test process (Alembic on
    PostgreSQL costs seconds an archive); the `home` fixture's archives are copies of it."""
    from minutes_tui.team.init import init_archive
    from tests import postgres

    assert isinstance(pg_server, postgres.Server)
    name = pg_server.create_database(f"template_{os.getpid()}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSWORD", postgres.SUPERPASS)
        init_archive(pg_server.url(name))
    return name


@pytest.fixture
def initialised_archive_url(
    pg_server: object, _archive_template: str, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A fresh copy of the set-up archive (`archive_url` is the empty database)."""
    from tests import postgres

    assert isinstance(pg_server, postgres.Server)
    name = f"archive_{os.getpid()}_{next(_databases)}"
    pg_server.create_database(name, template=_archive_template)
    monkeypatch.setenv("PGPASSWORD", postgres.SUPERPASS)
    return pg_server.url(name)
