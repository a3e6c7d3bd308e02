"""Shared fixtures: every test gets its own data home; nothing touches the user's.

The helpers themselves live in tests/helpers.py; they are re-exported here for modules
that still import them from conftest.
"""

from __future__ import annotations

import sys
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
    # Nor read the user's own directory of organisations.
    monkeypatch.setenv("MINUTES_DIRECTORY", str(tmp_path / "no-directory.csv"))
    # Nor read or write the user's settings and remembered state (settings.py).
    monkeypatch.setenv("MINUTES_CONFIG_DIR", str(tmp_path / "config"))


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


# ---- the figures the README's "Reliability" section quotes (never asserted) ------------

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
