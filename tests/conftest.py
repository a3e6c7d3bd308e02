"""Shared fixtures: every test gets its own data home; nothing touches the user's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from minutes_tui.config import Home

FIXTURES = Path(__file__).parent / "fixtures"


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


def run_cli(*args: str, home: Home | Path | None = None, input: str | None = None):  # type: ignore[no-untyped-def]
    """The real `minutes` command in a subprocess, as a user runs it."""
    cmd = [sys.executable, "-m", "minutes_tui"]
    if home is not None:
        root = home.root if isinstance(home, Home) else home
        cmd += ["--home", str(root)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, input=input, env=env, timeout=120
    )


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the store is open (or failed) and the app's workers have finished."""
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        for _ in range(2000):
            opened = getattr(app, "store", None) is not None or getattr(app, "store_error", None)
            if opened and not any(w.is_running for w in app.workers):
                break
            await pilot.pause(0.01)
    await pilot.pause()
