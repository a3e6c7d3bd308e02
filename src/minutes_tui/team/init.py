"""`minutes archive init URL`: the archive's schema (Alembic) and its roles and policies.

Run by whoever administers the server, as a role that may create tables and roles (the
database's owner with CREATEROLE). Safe to run again: it upgrades an older schema to
this version's and brings the roles and policies up to date; a newer schema is refused.
"""

from __future__ import annotations

from minutes_tui.store.connect import ArchiveError, archive_engine, connected, shown_url
from minutes_tui.store.errors import StoreError
from minutes_tui.store.schema import SchemaState
from minutes_tui.team.roles import set_up_policies


def init_archive(url: str) -> SchemaState:
    """Create or upgrade the archive; returns what the schema was before."""
    from sqlalchemy.exc import DBAPIError

    from minutes_tui.store.migrate import upgrade
    from minutes_tui.store.online import archive_state

    engine = archive_engine(url)
    try:
        with connected(engine, url) as conn:
            before = archive_state(conn, url)  # a too-new schema is refused here
        try:
            if before is not SchemaState.CURRENT:
                upgrade(engine)
            with engine.begin() as conn:
                set_up_policies(conn)
        except DBAPIError as exc:
            raise refused(url, exc) from None
        return before
    finally:
        engine.dispose()


def refused(url: str, exc: BaseException) -> StoreError:
    """The server said no (rights, a lock): one sentence, the server's own first line."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return ArchiveError(
        f"The archive at {shown_url(url)} refused the set-up: {reason}. Run `minutes archive "
        "init` as the database's owner, a role with CREATEROLE."
    )
