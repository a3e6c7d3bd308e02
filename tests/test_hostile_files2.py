"""Hostile files, second round (issue 23): attendance reports of huge names, an import
killed half-way, a file changed while read, zip64 directories, attribute floods, file
names that carry terminal escapes."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli


def new_meeting(home: Path) -> None:
    assert run_cli("new", "Kept", home=home).returncode == 0


def test_an_attendance_report_of_huge_names_is_refused_and_stores_nobody(tmp_path: Path) -> None:
    home = tmp_path / "home"
    new_meeting(home)
    rows = [f"Person {n},p{n}@example.org" for n in range(300)]
    rows.append("\U0001f600" + "x" * 5_000 + ",huge@example.org")
    report = tmp_path / "report.csv"
    report.write_text("Name,Email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("attendance", "1", report, home=home)
    assert result.returncode == 1
    assert "longer than 200 characters" in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    shown = run_cli("show", "1", home=home).stdout
    assert "Person 1" not in shown


def test_running_out_of_memory_is_one_sentence(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from minutes_tui.store import people

    home = tmp_path / "home"
    new_meeting(home)
    report = tmp_path / "report.csv"
    report.write_text("Name,Email\nAmal Haddad,a@who.int\n", encoding="utf-8")

    def no_memory(*_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(people, "import_attendance", no_memory)
    result = run_cli("attendance", "1", report, home=home)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "minutes: error: not enough memory to finish; the change under way was not stored"
    ]


KILLED_MID_STORE = """
import os, sys, time
from minutes_tui.store import apply as apply_module
real, calls = apply_module.apply, [0]
def slow(*args, **kwargs):
    calls[0] += 1
    if calls[0] == 50:  # half-way through the record's points: say so, wait for the kill
        print("storing", flush=True)
        time.sleep(60)
    return real(*args, **kwargs)
apply_module.apply = slow
from minutes_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_an_import_killed_while_storing_leaves_nothing_and_can_be_run_again(
    tmp_path: Path,
) -> None:
    import signal
    import subprocess
    import sys

    from tests.helpers import process_env

    home = tmp_path / "home"
    record = tmp_path / "old-record.md"
    points = "\n\n".join(f"UNHCR: point number {n}." for n in range(100))
    record.write_text(f"# Old meeting\n\n## First item\n\n{points}\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_STORE, "--home", str(home), "import-record", record],
        stdout=subprocess.PIPE,
        text=True,
        env=process_env(),
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "storing"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert run_cli("list", home=home).stdout.strip() in ("", "No meetings yet.")
    again = run_cli("import-record", record, home=home)
    assert again.returncode == 0, again.stderr
    assert "point number 99" in run_cli("show", "1", home=home).stdout
