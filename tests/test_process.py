"""The real `minutes` process, where the process itself is the point.

Everywhere else the command runs in the test process (tests/helpers.py: run_cli). Here:
the installed entry point and `python -m minutes_tui` exit with the status a script
checks, read MINUTES_HOME, and write UTF-8 through a pipe whatever the locale.
SIGKILL and the app in a pseudo-terminal: tests/test_kill.py, tests/reliability.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minutes_tui.config import Home
from tests.helpers import run_process

pytestmark = pytest.mark.process


def test_installed_entry_point_exit_statuses(home: Home) -> None:
    made = run_process("new", "A meeting", "--date", "2020-03-03", home=home, entry_point=True)
    assert (made.returncode, made.stdout, made.stderr) == (0, b"1\n", b"")
    missing = run_process("show", "42", home=home, entry_point=True)
    assert missing.returncode == 1 and missing.stdout == b""
    assert missing.stderr == b"minutes: error: No meeting with id 42.\n"
    usage = run_process("show", "abc", home=home, entry_point=True)
    assert usage.returncode == 2 and usage.stderr == (
        b"minutes show: error: argument MEETING: 'abc' is not a meeting id (a number)\n"
        b"(see `minutes show --help`)\n"
    )
    assert b"Traceback" not in missing.stderr + usage.stderr


def test_minutes_home_from_the_environment(tmp_path: Path) -> None:
    env = {"MINUTES_HOME": str(tmp_path / "env-home")}
    assert run_process("new", "From the environment", env=env, entry_point=True).returncode == 0
    listed = run_process("list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    assert [m["title"] for m in json.loads(listed.stdout)["meetings"]] == ["From the environment"]
    assert (tmp_path / "env-home" / "db" / "minutes.sqlite").exists()


def test_python_dash_m_writes_utf8_through_a_pipe_in_the_c_locale(home: Home) -> None:
    title = "Réunion · عربى · ✓"
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": None, "PYTHONUTF8": None}
    assert run_process("new", title, home=home, env=env).returncode == 0
    listed = run_process("list", home=home, env=env)
    assert listed.returncode == 0, listed.stderr
    assert title.encode("utf-8") in listed.stdout
    shown = run_process("show", "1", "--json", home=home, env=env)
    assert json.loads(shown.stdout.decode("utf-8"))["title"] == title
