"""The in-process `run_cli` behaves as the real `minutes` process would, or says why not."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pytest

from minutes_tui import cli
from minutes_tui.config import Home
from tests.helpers import run_cli, stored_json, utc_clock


def fake_command(monkeypatch: pytest.MonkeyPatch, body) -> None:  # type: ignore[no-untyped-def]
    """Stand `body(args, home)` in for `minutes list`."""
    monkeypatch.setitem(cli.COMMANDS, "list", body)


def test_usage_error_is_exit_status_2_with_one_message(home: Home) -> None:
    done = run_cli("show", "abc", home=home)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("minutes show: error:") and "--help" in done.stderr
    assert "'abc' is not a meeting id" in done.stderr
    assert run_cli("--help").returncode == 0


def test_minutes_home_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINUTES_HOME", str(tmp_path / "from-env"))
    assert run_cli("new", "Where am I").stdout == "1\n"
    assert stored_json(Home(tmp_path / "from-env"), 1)["title"] == "Where am I"


def test_a_traceback_is_a_test_failure(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(args: argparse.Namespace, home: Home) -> int:
        print("half a line", file=sys.stderr)
        raise RuntimeError("a bug")

    fake_command(monkeypatch, broken)
    streams = (sys.stdin, sys.stdout, sys.stderr)
    with pytest.raises(RuntimeError, match="a bug") as raised:
        run_cli("list", home=home)
    assert any("half a line" in note for note in raised.value.__notes__)
    assert (sys.stdin, sys.stdout, sys.stderr) == streams


def test_stdin_text_and_binary_stdout(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    def echo(args: argparse.Namespace, home: Home) -> int:
        print("read:", sys.stdin.read().upper())
        sys.stdout.flush()
        sys.stdout.buffer.write(b"PK\x03\x04\xff")
        print("no more", file=sys.stderr)
        return 3

    assert run_cli("new", "Weekly", home=home).returncode == 0  # an empty home is named
    fake_command(monkeypatch, echo)
    done = run_cli("list", home=home, input="ünïcode\n")
    assert done.returncode == 3
    assert done.stdout_bytes == "read: ÜNÏCODE\n\n".encode() + b"PK\x03\x04\xff"
    assert done.stderr == "no more\n"


def test_exit_with_a_message_is_status_1(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    def leave(args: argparse.Namespace, home: Home) -> int:
        raise SystemExit("gone")

    fake_command(monkeypatch, leave)
    done = run_cli("list", home=home)
    assert (done.returncode, done.stderr) == (1, "gone\n")


def test_the_database_is_closed_after_each_command(home: Home) -> None:
    assert run_cli("new", "A meeting", home=home).returncode == 0
    assert run_cli("add", "1", "UNHCR: a point", home=home).returncode == 0
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("no /proc on this platform")
    open_paths = {os.path.realpath(p) for p in fds.iterdir() if p.exists()}
    db = os.path.realpath(home.db_path)
    assert not {p for p in open_paths if p.startswith(db)}


def test_a_file_left_open_is_reported(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc on this platform")
    kept = []

    def leak(args: argparse.Namespace, home: Home) -> int:
        kept.append(open(home.root.parent / "leaked.txt", "w"))  # noqa: SIM115
        return 0

    fake_command(monkeypatch, leak)
    try:
        with pytest.raises(AssertionError, match=r"left files open.*leaked\.txt"):
            run_cli("list", home=home)
    finally:
        for handle in kept:
            handle.close()


def test_utc_clock_restores_the_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "NPT-5:45")  # POSIX form, no tz database needed: UTC+05:45
    time.tzset()
    try:
        with utc_clock():
            assert time.timezone == 0 and os.environ["TZ"] == "UTC"
        assert os.environ["TZ"] == "NPT-5:45"
        assert time.timezone == -(5 * 3600 + 45 * 60)
    finally:
        monkeypatch.undo()
        time.tzset()


# ---- the two tiers: make test (in process, Python only) and make test-slow ---------------


def test_a_test_without_the_soffice_mark_meets_no_libreoffice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shutil

    from minutes_tui.record import pdf

    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")  # as if installed
    assert pdf.soffice() is None and not pdf.available()


def test_no_test_of_make_test_needs_a_postgresql_server(request: pytest.FixtureRequest) -> None:
    # Run in the gate (this test is not slow): the tests selected beside it.
    on_a_server = [i.nodeid for i in request.session.items if "pg_server" in i.fixturenames]
    if request.config.getoption("markexpr") == "not slow":
        assert on_a_server == []
