"""Helpers shared by the tests (fixtures live in conftest.py, which imports these).

`run_cli` runs the `minutes` command in this process: the same `main(argv)` a user's
process runs, without starting Python and importing SQLAlchemy again for every call.
`run_process` starts the real process, for the few tests where the process itself is the
point (the installed entry point, `python -m`, exit status, pipes, signals).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import sysconfig
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import minutes_tui
from minutes_tui.config import Home
from minutes_tui.session.capture_session import CaptureSession
from minutes_tui.store.refs import Applied, Ref
from minutes_tui.store.store import Store

FIXTURES = Path(__file__).parent / "fixtures"

# Global state is swapped (sys.stdin/stdout/stderr): one in-process command at a time.
_CLI_LOCK = threading.RLock()


@dataclass
class CliResult:
    """What `subprocess.run(..., capture_output=True, text=True)` returns, and the raw bytes."""

    args: list[str]
    returncode: int
    stdout_bytes: bytes
    stderr_bytes: bytes
    stdout: str = field(init=False)
    stderr: str = field(init=False)

    def __post_init__(self) -> None:
        # As text=True decodes a child's output: strictly, with universal newlines.
        self.stdout = _text(self.stdout_bytes)
        self.stderr = _text(self.stderr_bytes)


def _text(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")  # binary output: read .stdout_bytes instead
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _root(home: Home | Path | str) -> Path:
    return home.root if isinstance(home, Home) else Path(home)


def run_cli(
    *args: str, home: Home | Path | str | None = None, input: str | bytes | None = None
) -> CliResult:
    """The `minutes` command with these arguments, run in this process.

    Like the real process: argparse's exit is the return code, stdout/stderr are UTF-8
    (`sys.stdout.buffer` takes bytes), `input` is stdin, MINUTES_HOME is read from the
    environment. Unlike it: an uncaught exception is raised here (a traceback is a bug),
    and every database file the command opened must be closed when it returns.
    """
    from minutes_tui.cli import main

    argv = [*(["--home", str(_root(home))] if home is not None else []), *map(str, args)]
    raw_in = input.encode("utf-8") if isinstance(input, str) else (input or b"")
    out, err = io.BytesIO(), io.BytesIO()
    with _CLI_LOCK, _no_files_left_open(), _connections_closed():
        streams = (sys.stdin, sys.stdout, sys.stderr)
        sys.stdin = io.TextIOWrapper(io.BytesIO(raw_in), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace")
        try:
            try:
                code: Any = main(argv)
            except SystemExit as exc:  # argparse, or a command that exits
                code = exc.code
            if code is not None and not isinstance(code, int):
                print(code, file=sys.stderr)  # as the interpreter does with SystemExit("msg")
                code = 1
        except BaseException as exc:
            sys.stderr.flush()
            exc.add_note(f"`minutes {' '.join(argv)}` raised; its stderr:\n{_text(err.getvalue())}")
            raise
        finally:
            for stream in (sys.stdout, sys.stderr, sys.stdin):
                stream.flush()
                stream.detach()  # keep the BytesIO open to read it below
            sys.stdin, sys.stdout, sys.stderr = streams
    return CliResult(argv, code or 0, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _connections_closed() -> Iterator[None]:
    """Close every database connection SQLAlchemy opened on this thread meanwhile.

    The CLI opens a store per command and leaves closing it to the end of the process; in
    one test process its SQLite files would stay open until garbage collection.
    """
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    me = threading.get_ident()
    opened: list[Any] = []

    def connected(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        if threading.get_ident() == me:
            opened.append(dbapi_connection)

    event.listen(Pool, "connect", connected)
    try:
        yield
    finally:
        event.remove(Pool, "connect", connected)
        for connection in opened:
            connection.close()  # the command's engine is unreachable now; closing is idempotent


def _open_files() -> dict[int, str]:
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return {}
    found = {}
    for entry in fds.iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(entry)
            if target.startswith("/") and not target.startswith(("/dev/", "/proc/")):
                found[int(entry.name)] = target
    return found


@contextlib.contextmanager
def _no_files_left_open() -> Iterator[None]:
    # Only files not open before count: SQLite keeps a closed connection's descriptor
    # until no other connection in the process holds a lock on that file (POSIX locks
    # are per process), so a test's own open store makes the command's linger.
    before = set(_open_files().values())
    yield
    left = {fd: path for fd, path in _open_files().items() if path not in before}
    if left:
        raise AssertionError(f"the command left files open: {sorted(left.values())}")


# ---- the real process -----------------------------------------------------------------

# The folder `minutes_tui` was imported from: a child process must run the same code, not
# whichever copy happens to be installed (a relative PYTHONPATH breaks in another cwd).
SOURCE_ROOT = str(Path(minutes_tui.__file__).resolve().parents[1])


def process_env(env: dict[str, str | None] | None = None) -> dict[str, str]:
    """This environment plus `env` (None removes a variable), the code under test first."""
    merged = {**os.environ, **(env or {})}
    path = merged.get("PYTHONPATH")
    merged["PYTHONPATH"] = os.pathsep.join(p for p in (SOURCE_ROOT, path) if p)
    return {k: v for k, v in merged.items() if v is not None}


def minutes_script() -> Path:
    """The installed `minutes` entry point (pip install -e '.[test]' puts it beside python)."""
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        if (folder / "minutes").exists():
            return folder / "minutes"
    raise AssertionError("the `minutes` entry point is not installed: pip install -e '.[test]'")


def run_process(
    *args: str,
    home: Home | Path | str | None = None,
    input: str | bytes | None = None,
    entry_point: bool = False,
    env: dict[str, str | None] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """The real `minutes` process: `python -m minutes_tui`, or the installed entry point.

    Output is left as bytes: what crosses the pipe is part of what these tests check.
    `env` adds to this process's environment; a None value removes the variable.
    """
    cmd = [str(minutes_script())] if entry_point else [sys.executable, "-m", "minutes_tui"]
    if home is not None:
        cmd += ["--home", str(_root(home))]
    raw_in = input.encode("utf-8") if isinstance(input, str) else input
    return subprocess.run(
        [*cmd, *args],
        capture_output=True,
        input=raw_in,
        env=process_env(env),
        timeout=timeout,
    )


# ---- reading back what is stored ------------------------------------------------------


def stored_json(home: Home, meeting: int | str = 1) -> dict[str, Any]:
    """A meeting as `minutes show --json` prints it, read through a store of its own.

    A separate store is a separate connection: it sees only what was committed.
    """
    from minutes_tui.store.store import Store

    store = Store.open(home)
    try:
        data = store.load(int(meeting))
    finally:
        store.close()
    return json.loads(json.dumps(data.to_json(), ensure_ascii=False))


# ---- the clock ------------------------------------------------------------------------


@contextlib.contextmanager
def utc_clock() -> Iterator[None]:
    """Local time is UTC inside; the process's own time zone again afterwards."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


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
    # A steady cursor: a blinking one is drawn or not depending on the moment, which
    # makes two snapshots of the same screen differ.
    from textual.widgets import Input

    for text_input in app.screen.query(Input):
        text_input.cursor_blink = False
    await pilot.pause()


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type printable text as key events, in order, then wait once.

    The same Key events ``pilot.press`` sends go through the driver to the focused
    widget; only Pilot's idle wait after every single key (about 60 ms, two 20 ms
    sleeps plus the blink timer) is left out, so a test that types whole meetings
    does not spend half a minute sleeping.
    """
    from textual import events
    from textual.keys import _character_to_key

    driver = pilot.app._driver
    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        event = events.Key(key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


# ---- typing lines the way the keyboard does: through a capture session ----


def capture(store: Store, meeting_id: int, item_id: int | None, line: str) -> Applied:
    """One line under a given agenda item (None: before the agenda)."""
    session = CaptureSession(store, meeting_id)
    session.item_id = item_id
    return session.submit(line)


def replay(store: Store, meeting_id: int, lines: list[str]) -> list[Applied]:
    """Lines in order under the meeting's current item, each in its own transaction."""
    return CaptureSession(store, meeting_id).submit_all(lines)


def edit(store: Store, ref: Ref, meeting_id: int, line: str) -> Applied:
    """Recall a stored row, retype it and press Enter."""
    return CaptureSession(store, meeting_id).edit(ref, line)
