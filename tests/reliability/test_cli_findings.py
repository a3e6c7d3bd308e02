"""The command line's low findings: a closed pipe, ids SQLite cannot hold, what `show` omits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import minutes_tui
from minutes_tui import cli
from minutes_tui.config import Home

SRC = str(Path(minutes_tui.__file__).resolve().parents[1])
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}


def main(home: Home, *args: str) -> int:
    return cli.main(["--home", str(home.root), *args])


@pytest.fixture
def series(home: Home, capsys: pytest.CaptureFixture[str]) -> Home:
    """Meeting 1 with an action; meeting 2 reviews it and sets the next meeting."""
    assert main(home, "new", "First", "--body", "OPAG", "--date", "2024-01-10") == 0
    assert main(home, "add", "1", "/i 1 Item", "/a Share the draft [OCHA]") == 0
    assert main(home, "new", "Second", "--from", "1", "--date", "2024-02-10") == 0
    lines = ["/i 2 Follow-up", "/u 1 done: sent on 3 Feb", "/next 2024-03-10 10:00 in Geneva"]
    assert main(home, "add", "2", *lines) == 0
    capsys.readouterr()
    return home


def test_a_closed_pipe_ends_quietly(series: Home, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    # As a user sees it: `minutes show 2 --json | head -1`, the reader gone before we write.
    read, write = os.pipe()
    os.close(read)
    cmd = [sys.executable, "-m", "minutes_tui", "--home", str(series.root), "show", "2", "--json"]
    try:
        done = subprocess.run(cmd, stdout=write, stderr=subprocess.PIPE, env=ENV, timeout=120)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (cli.EXIT_BROKEN_PIPE, b"")

    class Closed:  # in-process: the same error from a write, or from the final flush
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(series, "list") == 141
    assert capsys.readouterr().err == ""


TOO_BIG = "99999999999999999999"  # > 2**63 - 1
ID_COMMANDS = [
    ("open", TOO_BIG),
    ("show", TOO_BIG),
    ("add", TOO_BIG, "a point"),
    ("attendance", TOO_BIG, "report.csv"),
    ("export", TOO_BIG),
    ("actions", "--meeting", TOO_BIG),
    ("action-status", TOO_BIG, "done"),
    ("search", "word", "--meeting", TOO_BIG),
    ("new", "X", "--from", TOO_BIG),
]


@pytest.mark.parametrize("args", ID_COMMANDS, ids=lambda a: a[0])
def test_an_id_sqlite_cannot_hold_is_a_usage_error(series: Home, capsys, args) -> None:  # type: ignore[no-untyped-def]
    # argparse refuses it (SystemExit 2), or, where MEETING may also name a body
    # (`export`), the command does, with the same status and sentence.
    try:
        code = main(series, *args)
    except SystemExit as exc:
        code = exc.code  # type: ignore[assignment]
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "--help" in err[1], err  # the error, then where to read more
    assert f"'{TOO_BIG}' is not" in err[0] and str(2**63 - 1) in err[0], err
    assert err[0].startswith("minutes ") and "error:" in err[0]
    # The largest id SQLite holds is still an id: refused only as unknown.
    if args[0] == "show":
        assert main(series, "show", str(2**63 - 1)) == 1
        assert "No meeting with id" in capsys.readouterr().err


def test_show_prints_reviews_and_the_next_meeting(series: Home, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(series, "show", "2") == 0
    text = capsys.readouterr().out
    item = text.split("2 Follow-up", 1)[1]
    assert "Review of action 1. Share the draft [OCHA]: completed — sent on 3 Feb" in item
    assert "Next meeting: 2024-03-10 10:00 — in Geneva" in text
    assert main(series, "show", "2", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    (review,) = data["reviews"]
    assert (review["action_number"], review["status"]) == (1, "completed")
    (follow_up,) = [i for i in data["items"] if i["title"] == "Follow-up"]
    assert follow_up["reviews"] == [review["id"]]  # filed under its item, like actions
    assert (data["next_date"], data["next_time"], data["next_text"]) == (
        "2024-03-10",
        "10:00",
        "in Geneva",
    )
