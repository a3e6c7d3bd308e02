"""Turning an archive URL into an engine, with the credential rules of the team archive.

Credentials come only from libpq's own sources: the environment (PGPASSWORD, PGSERVICE,
PGPASSFILE), `~/.pgpass` and the service file. A URL that carries a password is refused
before anything is opened, so no password can reach the config file, the state file or a
log line. Everything else in the URL (`sslmode`, `service`, `connect_timeout`, …) goes to
libpq as given: `?sslmode=verify-full` is honoured, not rewritten.

Only this module knows about psycopg's errors: an unreachable server, a wrong or missing
password and an unknown database each become one sentence (`ArchiveError`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from minutes_tui.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine import URL

SCHEMES = ("postgresql", "postgres")
DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = "10"  # a dead link is said in seconds, not after TCP's minutes
# Any rapporteur may `LOCK TABLE meeting` (it has UPDATE rights) and hold it: every archive
# session stops waiting after these, with one sentence (store/errors.py archive_timeout).
LOCK_TIMEOUT = "15s"
STATEMENT_TIMEOUT = "10min"  # a pull of a whole large final record stays well under it
IDLE_TIMEOUT = "15min"  # a transaction left open never holds its locks for ever
PGPASS_HINT = (
    "put the password in ~/.pgpass (a line host:port:database:user:password, "
    "chmod 600 ~/.pgpass) or a PostgreSQL service file"
)


class ArchiveError(StoreError):
    """The archive cannot be used: the message says why, in one sentence."""


class PasswordInUrl(ArchiveError):
    """A URL with a password in it: refused, so it is never stored or shown."""


class ArchiveUnreachable(ArchiveError):
    """The server cannot be reached, or refuses us (credentials, database)."""


def is_archive_url(text: str | None) -> bool:
    """Does this name a PostgreSQL archive (rather than a data home's SQLite file)?"""
    if not text:
        return False
    scheme = text.split(":", 1)[0].split("+", 1)[0].lower()
    return "://" in text and scheme in SCHEMES


def parse_archive_url(text: str) -> URL:
    """The URL as SQLAlchemy opens it with psycopg; refuses one that carries a password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if not is_archive_url(text):
        raise ArchiveError(
            "An archive is named by a URL such as postgresql://user@host/minutes "
            "(or postgresql:///minutes?service=team)."
        )
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise ArchiveError(
            "The archive URL cannot be read; write it as postgresql://user@host:port/database."
        ) from None
    if url.password is not None or "password" in url.query:
        raise PasswordInUrl(
            "The archive URL carries a password; minutes-tui never takes one there (it would "
            f"end up in files and logs). Remove it from the URL and {PGPASS_HINT}."
        )
    if url.drivername != DRIVER:
        url = url.set(drivername=DRIVER)
    if "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": CONNECT_TIMEOUT_S})
    # Times come back in UTC whatever the server's zone (sync compares them as text); the
    # timeouts come first, so a URL's own `options` may still set them otherwise.
    given = url.query.get("options", "")
    given = " ".join(given) if isinstance(given, tuple) else given
    ours = (
        f"-c timezone=UTC -c lock_timeout={LOCK_TIMEOUT} -c statement_timeout={STATEMENT_TIMEOUT}"
        f" -c idle_in_transaction_session_timeout={IDLE_TIMEOUT}"
    )
    url = url.update_query_dict({"options": f"{ours} {given}".strip()})
    return url


def shown_url(text: str) -> str:
    """The archive as a person reads it: user@host:port/database (never a password)."""
    url = parse_archive_url(text)
    where = url.render_as_string(hide_password=True).split("://", 1)[1]
    return where.split("?", 1)[0] or "(libpq defaults)"


def archive_label(text: str) -> str:
    """A short name for titles, without SQLAlchemy (the first frame): user@host/db.
    (Never a password: such a URL is refused before the app opens anything.)"""
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    host = parts.hostname or "localhost"
    user = f"{parts.username}@" if parts.username else ""
    return f"archive {user}{host}{parts.path}"


def archive_engine(url: str, *, check: bool = True) -> Engine:
    """An engine on the archive (psycopg), its connections checked before use.

    With `check`, one connection is made now, so an unreachable server or a refused
    password is one `ArchiveUnreachable` here rather than a traceback later.
    """
    from sqlalchemy import create_engine

    parsed = parse_archive_url(url)
    engine = create_engine(parsed, pool_pre_ping=True)
    if check:
        try:
            with connected(engine, url):
                pass
        except BaseException:
            engine.dispose()
            raise
    return engine


@contextmanager
def connected(engine: Engine, url: str) -> Iterator[Connection]:
    """A connection of the engine; psycopg's refusal becomes one ArchiveUnreachable."""
    from sqlalchemy.exc import OperationalError

    try:
        conn = engine.connect()
    except OperationalError as exc:
        raise unreachable(url, exc) from None
    with conn:
        yield conn


def unreachable(url: str, exc: BaseException) -> ArchiveUnreachable:
    """One sentence for a connection libpq refused (never the password: libpq does not
    print it, and the URL cannot carry one)."""
    reason = str(getattr(exc, "orig", None) or exc).strip()
    first = reason.splitlines()[0] if reason else "no reason given"
    where = shown_url(url)
    user = parse_archive_url(url).username or "(your login name)"
    low = reason.lower()
    if "password authentication failed" in low:
        return ArchiveUnreachable(
            f"The archive at {where} refused the password for user {user}: correct it where "
            "libpq finds it (~/.pgpass, PGPASSWORD or the service file)."
        )
    if "no password supplied" in low or "fe_sendauth" in low:
        return ArchiveUnreachable(
            f"The archive at {where} asks a password for user {user} and none was found: "
            f"{PGPASS_HINT}."
        )
    if "does not exist" in low:
        return ArchiveUnreachable(f"The archive at {where} refused the connection: {first}.")
    return ArchiveUnreachable(f"Cannot reach the archive at {where}: {first}.")
