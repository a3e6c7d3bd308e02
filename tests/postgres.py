"""A real PostgreSQL server for the team-archive tests, in a temporary folder.

Debian's `postgresql` package gives initdb/pg_ctl (in /usr/lib/postgresql/<v>/bin); CI
installs it when missing (.ci/run). PostgreSQL refuses to run as root, so as root the
server runs as `nobody` (via runuser) in a folder handed to that user. It listens on a
free TCP port of 127.0.0.1 only, with password (SCRAM) authentication, so the tests
exercise the same credential path a team's server would: libpq's environment and
`~/.pgpass`, never a password in a URL the program stores.

`find_binaries()` returns None with the reason when no server can be started here; the
fixtures in tests/conftest.py then skip with that reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "archive_admin"
SUPERPASS = "s3cret-for-tests-only"


def _bin_dirs() -> list[Path]:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return found


def find_binaries() -> tuple[Path | None, str]:
    """The folder holding initdb, pg_ctl and postgres, or None and why not."""
    for folder in _bin_dirs():
        if all((folder / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder, ""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl") and shutil.which("postgres"):
        return Path(initdb).parent, ""
    return None, "PostgreSQL is not installed (Debian: apt-get install postgresql)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    folder: Path
    port: int
    bindir: Path
    run_as: str | None

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """A SQLAlchemy URL with no password in it: libpq finds it (PGPASSWORD / .pgpass)."""
        return f"postgresql+psycopg://{user}@{self.host}:{self.port}/{database}"

    def admin_url(self, database: str = "postgres") -> str:
        """For test set-up only: the superuser's password inline."""
        return f"postgresql+psycopg://{SUPERUSER}:{SUPERPASS}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """An empty database, or a copy of `template` (no one may be connected to it)."""
        import psycopg

        with psycopg.connect(
            host=self.host,
            port=self.port,
            user=SUPERUSER,
            password=SUPERPASS,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            # FILE_COPY: a small database copies faster than through the WAL (PG 15's default)
            copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return name

    def stop(self) -> None:
        _run(
            self.run_as,
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(user: str | None, argv: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    if user is not None:
        argv = ["runuser", "-u", user, "--", *argv]
    return subprocess.run(argv, capture_output=True, text=True, check=check, timeout=120)


def start_server() -> Server:
    """initdb + pg_ctl start in a fresh temporary folder; raises RuntimeError with the log."""
    bindir, why = find_binaries()
    if bindir is None:
        raise RuntimeError(why)
    run_as = "nobody" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="minutes-pg-"))
    os.chmod(folder, 0o755)
    pwfile = folder / "pw"
    pwfile.write_text(SUPERPASS + "\n")
    if run_as is not None:
        shutil.chown(folder, user=run_as)
        shutil.chown(pwfile, user=run_as)
    data = folder / "data"
    _run(
        run_as,
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            f"--pwfile={pwfile}",
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
    )
    pwfile.unlink()
    port = _free_port()
    options = (
        f"-c port={port} -c listen_addresses=127.0.0.1 "
        f"-c unix_socket_directories={folder} -c fsync=off -c full_page_writes=off "
        "-c max_connections=60 -c shared_buffers=32MB"
    )
    result = _run(
        run_as,
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "log"),
            "-w",
            "-t",
            "60",
            "start",
        ],
        check=False,
    )
    if result.returncode != 0:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"pg_ctl start failed: {result.stderr}\n{log}")
    server = Server(folder=folder, port=port, bindir=bindir, run_as=run_as)
    _wait_ready(server)
    return server


def _wait_ready(server: Server) -> None:
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(
                host=server.host,
                port=server.port,
                user=SUPERUSER,
                password=SUPERPASS,
                dbname="postgres",
                connect_timeout=2,
            ).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
