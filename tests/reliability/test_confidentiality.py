"""Confidentiality: private files, redacted exports without names, nothing written
elsewhere, and no network."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from minutes_tui.config import Home
from minutes_tui.store.store import Store
from tests.helpers import FIXTURES, SOURCE_ROOT, capture, run_cli
from tests.test_kill import drain, wait_for

SRC = Path(__file__).parents[2] / "src" / "minutes_tui"
OPAG = FIXTURES / "opag-session-vii.minutes"
STYLES = ("summary", "minutes", "actions")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_database_and_exports_are_private(home: Home, tmp_path: Path) -> None:
    assert run_cli("import", str(OPAG), home=home).returncode == 0
    for folder in (home.db_dir, home.exports_dir):
        assert mode(folder) == 0o700, folder
    store = Store.open(home)  # while it is open, the WAL and SHM files exist
    capture(store, 1, store.current_item(1), "one more point")
    try:
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{home.db_path}{suffix}")
            assert path.exists() and mode(path) == 0o600, path
    finally:
        store.close()
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("md", "docx"):
        done = run_cli("export", "1", "--format", fmt, home=home)
        assert done.returncode == 0, done.stderr
        assert mode(Path(done.stdout.strip())) == 0o600
        done = run_cli("export", "1", "--format", fmt, "--out", str(out / f"r.{fmt}"), home=home)
        assert done.returncode == 0 and mode(out / f"r.{fmt}") == 0o600
        # Overwriting (asked for) a file someone made world-readable leaves it private.
        (out / f"r.{fmt}").chmod(0o644)
        run_cli(
            "export",
            "1",
            "--format",
            fmt,
            "--out",
            str(out / f"r.{fmt}"),
            "--overwrite",
            home=home,
        )
        assert mode(out / f"r.{fmt}") == 0o600


def name_forms(participants: list[dict]) -> set[str]:
    forms: set[str] = set()
    for p in participants:
        name = p.get("name")
        if not name:
            continue
        words = name.split()
        forms.add(name)
        forms.update(w for w in words if len(w) > 2)  # every name and surname ("du" aside)
        if p.get("honorific"):
            forms.add(f"{p['honorific']} {words[-1]}")
    return forms


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:  # body, headers, footers, core and app properties
        return "\n".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))
        )


def test_redacted_exports_name_nobody(home: Home, tmp_path: Path) -> None:
    redacted_exports_name_nobody(home, tmp_path, STYLES[:1])


@pytest.mark.slow
def test_redacted_exports_name_nobody_in_every_style(home: Home, tmp_path: Path) -> None:
    redacted_exports_name_nobody(home, tmp_path, STYLES)


def redacted_exports_name_nobody(home: Home, tmp_path: Path, styles: tuple[str, ...]) -> None:
    assert run_cli("import", str(OPAG), home=home).returncode == 0
    data = json.loads(run_cli("show", "1", "--json", home=home).stdout)
    forms = name_forms(data["participants"])
    assert len(data["participants"]) > 30 and len(forms) > 60
    plain = run_cli("export", "1", "--out", str(tmp_path / "plain.md"), home=home)
    assert plain.returncode == 0
    unredacted = (tmp_path / "plain.md").read_text()
    assert sum(re.search(rf"\b{re.escape(f)}\b", unredacted) is not None for f in forms) > 20
    checked = 0
    for style in styles:
        for fmt in ("md", "docx"):
            out = tmp_path / f"{style}.{fmt}"
            done = run_cli(
                "export",
                "1",
                "--format",
                fmt,
                "--style",
                style,
                "--out",
                str(out),
                "--redact",
                "--keep",  # "Roadmap", "Al-Shabaab": words nobody recorded, not names
                home=home,
            )
            assert done.returncode == 0, done.stderr
            text = out.read_text() if fmt == "md" else docx_text(out)
            leaks = sorted(f for f in forms if re.search(rf"\b{re.escape(f)}\b", text))
            assert not leaks, (style, fmt, leaks)
            checked += 1
    assert checked == 2 * len(styles)


def offline_env(root: Path, guard: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MINUTES_"))}
    env.update(
        HOME=str(root / "home"),
        XDG_DATA_HOME=str(root / "home" / ".local" / "share"),
        XDG_CONFIG_HOME=str(root / "home" / ".config"),
        XDG_CACHE_HOME=str(root / "home" / ".cache"),
        XDG_STATE_HOME=str(root / "home" / ".local" / "state"),
        XDG_RUNTIME_DIR=str(root / "run"),
        TMPDIR=str(root / "tmp"),
        PYTHONPATH=os.pathsep.join((str(guard), SOURCE_ROOT)),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
        NETWORK_LOG=str(root / "network.log"),
    )
    return env


GUARD = """
import os, socket
def _refuse(*args, **kwargs):
    with open(os.environ["NETWORK_LOG"], "a") as log:
        log.write(repr(args[:2]) + "\\n")
    raise OSError("network access refused by the test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.slow
@pytest.mark.process  # real processes, without a network
def test_nothing_written_elsewhere_and_no_network(tmp_path: Path) -> None:
    root = tmp_path / "sandbox"
    cwd = root / "cwd"
    for d in (cwd, root / "home", root / "run", root / "tmp"):
        d.mkdir(parents=True)
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    env = offline_env(root, guard)
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.getaddrinfo('x', 1)"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert "refused by the test" in probe.stderr  # the guard is in place
    (root / "network.log").unlink()

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "minutes_tui", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, (args, done.stderr)
        return done

    chosen = root / "chosen" / "record.docx"
    chosen.parent.mkdir()
    before = files_under(root)
    cli("import", str(OPAG))
    cli("new", "Next", "--from", "1")
    cli("add", "2", "/a a new action [OCHA]", "UNHCR: a point")
    cli("list", "--json")
    cli("show", "1", "--json")
    cli("search", "data responsibility")
    cli("actions", "--open")
    cli("action-status", "1", "completed", "--progress", "done")
    cli("export", "1")
    cli("export", "1", "--format", "docx", "--redact", "--keep", "--out", str(chosen))
    # The app too, in a pseudo-terminal, with the same guard.
    import pty

    master, slave = pty.openpty()
    os.set_blocking(master, False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "minutes_tui", "open", "2"],
        cwd=cwd,
        env={**env, "TERM": "xterm-256color"},
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    try:
        seen = b""

        def drawn(text: bytes) -> bool:
            nonlocal seen
            seen += drain(master, 0.1)
            return text in seen

        assert wait_for(lambda: drawn(b"a new action"), timeout=30), seen[-300:]
        os.write(master, b"typed in the app\r")
        assert wait_for(lambda: drawn(b"typed in the app"), timeout=10)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        os.close(master)
    data_home = "home/.local/share/minutes-tui/"
    state = "home/.config/minutes-tui/state.json"  # the app's remembered screen state
    created = files_under(root) - before
    outside = sorted(f for f in created if not f.startswith(data_home))
    assert outside in (["chosen/record.docx"], ["chosen/record.docx", state]), outside
    if state in outside:  # ids, a folder path and a theme: nothing said in a meeting
        remembered = (root / state).read_text("utf-8")
        assert "typed in the app" not in remembered and "Session" not in remembered
    assert any(f.startswith(data_home + "db/") for f in created)
    assert any(f.startswith(data_home + "exports/") for f in created)
    assert not (root / "network.log").exists(), (root / "network.log").read_text()


NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "websockets",
    "asyncio.streams",
    "psycopg",
}
# Parsing a URL's text is not networking.
NOT_NETWORK = {"urllib.parse"}
# The team archive (docs/team-archive.md): the only code that may reach a server, and
# only one the user configured (--db, sync); the session test above has none.
ARCHIVE_MODULES = {SRC / "team", SRC / "store" / "online.py", SRC / "store" / "search_pg.py"}


# Sends a circulated record by SMTP, and only to the server the user configured, when
# asked (`minutes circulate --send`, the dialog's box): tests/test_circulate.py.
MAIL_MODULES = {SRC / "circulation" / "send.py"}


def reaches_the_archive(path: Path) -> bool:
    return any(path == m or m in path.parents for m in ARCHIVE_MODULES)


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: p.name)
def test_no_module_imports_network(path: Path) -> None:
    if reaches_the_archive(path):
        pytest.skip("team archive code: reaches the configured server, and only it")
    if path in MAIL_MODULES:
        pytest.skip("circulation: sends to the configured SMTP server, and only when asked")
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            if name in NOT_NETWORK:
                continue
            assert name.split(".")[0] not in NETWORK_MODULES and name not in NETWORK_MODULES, (
                path,
                name,
            )


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


@pytest.mark.soffice
@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="needs LibreOffice (soffice) and pdftotext (libreoffice-writer-nogui poppler-utils)",
)
def test_pdf_and_archive_are_private_redacted_and_leave_nothing_behind(
    home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # LibreOffice's folder and profile
    user_home = tmp_path / "user"
    user_home.mkdir()
    monkeypatch.setenv("HOME", str(user_home))
    assert run_cli("import", str(OPAG), home=home).returncode == 0
    assert run_cli("add", "1", "!the confidential Kismayo corridor", home=home).returncode == 0
    data = json.loads(run_cli("show", "1", "--json", home=home).stdout)
    forms = name_forms(data["participants"])
    out = tmp_path / "redacted.pdf"
    done = run_cli(
        "export", "1", "--format", "pdf", "--redact", "--keep", "--out", str(out), home=home
    )
    assert done.returncode == 0, done.stderr
    assert mode(out) == 0o600
    text = pdf_text(out)
    assert "Kismayo" not in text and "data responsibility" in text
    leaks = sorted(f for f in forms if re.search(rf"\b{re.escape(f)}\b", text))
    assert not leaks, leaks
    plain = tmp_path / "plain.pdf"
    run_cli("export", "1", "--format", "pdf", "--out", str(plain), home=home)
    named = pdf_text(plain)
    assert sum(re.search(rf"\b{re.escape(f)}\b", named) is not None for f in forms) > 5
    done = run_cli("finalize", "1", home=home)
    assert done.returncode == 0, done.stderr
    archived = sorted((home.root / "archive" / "1" / "v1").iterdir())
    assert [p.suffix for p in archived] == [".docx", ".md", ".pdf"]
    assert all(mode(p) == 0o600 for p in archived)
    assert mode(home.root / "archive") == mode(archived[0].parent) == 0o700
    assert "Kismayo" not in pdf_text(archived[2])
    assert list(scratch.iterdir()) == []  # the copy of the record and the profile are gone
    assert list(user_home.iterdir()) == []  # LibreOffice wrote nothing in the user's home
