"""Export targets: an export writes a regular file or a new path, and never clobbers.

Each case is one finding of the adversarial tester: a device, a FIFO or a socket turned
into a regular file, the live database replaced, a redacted export overwriting the full
one (or naming a person in its file name), `--out -` and `--out folder/` taken literally,
and the hidden temporary copy a SIGKILL left behind.
"""

from __future__ import annotations

import gc
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import minutes_tui
from minutes_tui import cli
from minutes_tui.config import Home
from minutes_tui.record.safe_write import ExportError, export_target
from tests.reliability.test_environment import digest

# A subprocess runs the same minutes_tui this test imported, from whatever folder.
SRC = str(Path(minutes_tui.__file__).resolve().parents[1])
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}


def main(home: Home, *args: str) -> int:
    return cli.main(["--home", str(home.root), *args])


@pytest.fixture
def meeting(home: Home, capsys: pytest.CaptureFixture[str]) -> Home:
    """A home holding meeting 1, which has a point and an action."""
    title = "Briefing with Amira Jamal"
    assert main(home, "new", title, "--body", "OPAG", "--date", "2024-05-06") == 0
    assert main(home, "add", "1", "/i 1 First", "Amira Jamal: a point", "/a act [OCHA]") == 0
    capsys.readouterr()
    # A connection of those commands the collector has not closed yet would close during
    # the export below and fold the -wal file into the database: the files would differ
    # though no row did. Closed here, so the digests compare what the export did.
    gc.collect()
    return home


def refused(home: Home, out: str, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`export 1 --out out` is one clear error, and the home did not change."""
    before = digest(home.root)
    assert main(home, "export", "1", "--out", out) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("minutes: error: "), err
    assert words in err[0], err[0]
    assert digest(home.root) == before


def test_a_device_is_refused_even_through_a_link(meeting: Home, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # A link to /dev/null: before the fix the link itself was replaced (the device was safe
    # only because a rename replaces the link, not what it points to).
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    refused(meeting, str(link), "is a device", capsys)
    assert link.is_symlink() and stat.S_ISCHR(link.stat().st_mode)
    # The device itself is only ever checked here, never exported to: a regression must
    # not replace a machine's /dev/null when the suite runs as root.
    with pytest.raises(ExportError, match="is a device"):
        export_target("/dev/null", "record.md")


def test_dev_stdout_redirected_to_a_file_is_refused(meeting: Home, tmp_path: Path) -> None:
    # `minutes export 1 --out /dev/stdout >> log`: /dev/stdout resolves to `log`, a regular
    # file, which a rename would replace (as root, the tester lost a machine's /dev/stdout).
    log = tmp_path / "log"
    log.write_text("earlier lines\n")
    cmd = [sys.executable, "-m", "minutes_tui", "--home", str(meeting.root), "export", "1"]
    for name in ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"):
        with log.open("a") as out:
            done = subprocess.run(
                [*cmd, "--out", name], stdout=out, stderr=subprocess.PIPE, env=ENV, timeout=120
            )
        assert done.returncode == 1 and b"not a file" in done.stderr, done.stderr
        assert log.read_text() == "earlier lines\n"
    assert sorted(meeting.exports_dir.iterdir()) == []


def test_a_fifo_is_refused(meeting: Home, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused(meeting, str(fifo), "is a pipe (FIFO)", capsys)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_socket_is_refused(meeting: Home, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        refused(meeting, str(path), "is a socket", capsys)
        assert stat.S_ISSOCK(path.lstat().st_mode)
    finally:
        server.close()


def test_the_database_folder_is_never_a_target(meeting: Home, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = meeting.db_dir
    link = tmp_path / "innocent.md"
    link.symlink_to(meeting.db_path)  # a link elsewhere pointing at the live database
    for out in (str(meeting.db_path), str(db) + "/", str(db), str(db / "notes.md"), str(link)):
        refused(meeting, out, "inside the database folder", capsys)
    assert link.is_symlink()
    assert main(meeting, "list") == 0  # every meeting is still there
    assert "Briefing with Amira Jamal" in capsys.readouterr().out


def test_dash_writes_the_record_to_stdout(meeting: Home, tmp_path: Path) -> None:
    def export_to_dash(*args: str) -> bytes:  # bytes: the docx must arrive unmangled
        cmd = [sys.executable, "-m", "minutes_tui", "--home", str(meeting.root), "export", "1"]
        done = subprocess.run(
            [*cmd, "--out", "-", *args], capture_output=True, cwd=tmp_path, env=ENV
        )
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        return done.stdout

    text = export_to_dash()
    assert text == export_to_dash("--style", "summary")  # the same bytes on every run
    assert b"# Briefing with Amira Jamal" in text and b"a point" in text
    assert export_to_dash("--format", "docx").startswith(b"PK\x03\x04")  # a zip, not a path
    assert not (tmp_path / "-").exists()
    assert sorted(meeting.exports_dir.iterdir()) == []


def test_a_folder_receives_the_default_name(
    meeting: Home, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing").mkdir()
    assert main(meeting, "export", "1", "--out", "existing") == 0
    assert main(meeting, "export", "1", "--out", "existing/", "--style", "actions") == 0
    written = [Path(p) for p in capsys.readouterr().out.split()]
    assert [p.parent.resolve() for p in written] == [(tmp_path / "existing").resolve()] * 2
    assert sorted(p.name for p in (tmp_path / "existing").iterdir()) == sorted(
        p.name for p in written
    )
    refused(meeting, "newdir/", "does not exist", capsys)  # a folder, never a file "newdir"
    assert not (tmp_path / "newdir").exists()


def test_default_names_never_collide(meeting: Home, capsys) -> None:  # type: ignore[no-untyped-def]
    # A second meeting with the same date, body and title.
    title = "Briefing with Amira Jamal"
    assert main(meeting, "new", title, "--body", "OPAG", "--date", "2024-05-06") == 0
    capsys.readouterr()
    runs = [
        ("1",),
        ("1", "--redact-also", "Amira", "Jamal"),  # a name in the title nobody recorded
        ("1", "--style", "actions"),
        ("1", "--style", "actions", "--redact-also", "Amira", "Jamal"),
        ("2",),
        ("1", "--format", "docx"),
    ]
    for args in runs:
        assert main(meeting, "export", *args) == 0
    names = [Path(p).name for p in capsys.readouterr().out.split()]
    assert len(set(names)) == len(runs), names
    assert sorted(p.name for p in meeting.exports_dir.iterdir()) == sorted(names)
    for name in names[1], names[3]:
        assert "redacted" in name
        assert "amira" not in name.lower() and "jamal" not in name.lower(), name
    assert names[0] == "2024-05-06-1-opag-briefing-with-amira-jamal-summary.md"
    assert names[1] == "2024-05-06-1-summary-redacted.md"


def kill_during_export(home: Home) -> None:
    """Run `minutes export 1` and SIGKILL it between writing its temp file and the rename."""
    code = (
        "import os, signal, sys\n"
        "import minutes_tui.record.safe_write as ex\n"
        "ex.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "ex.os.link = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"  # a new name: link
        "from minutes_tui.cli import main\n"
        f"main(['--home', {str(home.root)!r}, 'export', '1'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=ENV, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_a_killed_exports_temp_file_is_swept_next_time(meeting: Home, capsys) -> None:  # type: ignore[no-untyped-def]
    kill_during_export(meeting)
    (left,) = meeting.exports_dir.iterdir()  # the hidden copy of the record, nothing else
    assert left.name.startswith(".") and "a point" in left.read_text("utf-8")
    kill_during_export(meeting)  # a second leftover, too young to be judged by the next run
    (fresh,) = set(meeting.exports_dir.iterdir()) - {left}
    mine = meeting.exports_dir / ".notes.md.12.abcdefgh.tmp"  # not our pattern: kept
    mine.write_text("the user's")
    old = time.time() - 60
    for path in (left, mine):
        os.utime(path, (old, old))
    assert main(meeting, "export", "1", "--style", "actions") == 0
    (written,) = [Path(p) for p in capsys.readouterr().out.split()]
    assert not left.exists()
    assert sorted(meeting.exports_dir.iterdir()) == sorted({written, mine, fresh})


def test_a_live_exports_temp_file_is_left_alone(meeting: Home, capsys) -> None:  # type: ignore[no-untyped-def]
    # Same pattern, old enough, but its writer (this very process's parent) is alive.
    live = meeting.exports_dir / f".r.md.{os.getppid()}.abcdefgh.minutes.tmp"
    meeting.exports_dir.mkdir(parents=True, exist_ok=True)
    live.write_text("being written")
    old = time.time() - 60
    os.utime(live, (old, old))
    assert main(meeting, "export", "1") == 0
    assert live.read_text() == "being written"


async def test_the_dialog_names_a_redacted_export_apart(meeting: Home) -> None:
    from textual.widgets import Checkbox, Input

    from minutes_tui.app import MinutesApp
    from tests.helpers import settle

    app = MinutesApp(meeting, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        path = app.screen.query_one("#export-path", Input)
        plain = path.value
        app.screen.query_one("#export-redact", Checkbox).value = True
        await settle(pilot)
        redacted = path.value
    assert Path(plain).name == "2024-05-06-1-opag-briefing-with-amira-jamal-summary.docx"
    assert Path(redacted).name == "2024-05-06-1-summary-redacted.docx"
