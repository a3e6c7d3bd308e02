"""Reaching the team archive for sync: an engine from a URL that carries no password.

A stand-in for `team.connect.archive_engine`, written on the online lane at the same
time with the same rules (the lead unifies them at merge): credentials come only from
libpq's own sources (PGPASSWORD, ~/.pgpass, a service file), so a URL with a password in
it is refused, never stored or echoed; `sslmode` and other query options pass through to
libpq untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minutes_tui.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Engine


class ArchiveUnavailable(StoreError):
    """No archive configured, a refused URL, or a server that cannot be reached."""


CONNECT_TIMEOUT_S = 10  # a weak link: long enough to connect, short enough to say so


def archive_engine(url: str) -> Engine:
    """A SQLAlchemy engine on the archive (psycopg 3), after checking the URL's rules."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise ArchiveUnavailable(
            "The archive must be a PostgreSQL URL such as postgresql://user@host/archive."
        ) from None
    if parsed.get_backend_name() != "postgresql":
        raise ArchiveUnavailable(
            "The archive must be a PostgreSQL URL such as postgresql://user@host/archive."
        )
    if parsed.password is not None:
        raise ArchiveUnavailable(
            "The archive URL has a password in it; take it out and put it in ~/.pgpass "
            "(host:port:database:user:password, mode 0600) or PGPASSWORD."
        )
    parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(
        parsed,
        pool_pre_ping=True,
        # Times are stored in UTC whatever the server's or the session's zone.
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "options": "-c timezone=UTC"},
    )


def safe_url(url: str) -> str:
    """The URL as it may be shown: never a password (there should be none anyway)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the archive"
