"""Shared fixtures: every test gets its own data home; nothing touches the user's.

The helpers themselves live in tests/helpers.py; they are re-exported here for modules
that still import them from conftest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from minutes_tui.config import Home
from tests.helpers import FIXTURES, run_cli, run_process, settle, stored_json, utc_clock

__all__ = ["FIXTURES", "run_cli", "run_process", "settle", "stored_json"]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A test that forgets --home must still never write to the real user folder.
    monkeypatch.setenv("MINUTES_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def home(tmp_path: Path) -> Home:
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
