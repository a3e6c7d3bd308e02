"""`minutes archive init|grant|revoke`: set up a team archive on PostgreSQL and say who
may read which body's restricted meetings (team/init.py, team/roles.py)."""

from __future__ import annotations

import argparse
from typing import Any

from minutes_tui.cli.common import CliError
from minutes_tui.cli.helptext import command
from minutes_tui.config import Home

ABOUT = (
    "The archive is a PostgreSQL database; the password is never part of URL: libpq reads\n"
    "it from ~/.pgpass, PGPASSWORD or a service file. `init` creates or upgrades the\n"
    "schema, the group role minutes_rapporteur and the row-level security policies:\n"
    "every rapporteur reads PUBLIC and INTERNAL meetings; RESTRICTED and CONFIDENTIAL\n"
    "ones only of the bodies it was granted. Run these as the database's owner."
)


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "archive",
        "set up a team archive on PostgreSQL and who may read what",
        ABOUT,
        "minutes archive init postgresql://admin@archive.example.org/minutes",
        "export MINUTES_ARCHIVE=postgresql://admin@archive.example.org/minutes",
        'minutes --db $MINUTES_ARCHIVE archive grant ana --body "IASC OPAG"',
        'minutes --db $MINUTES_ARCHIVE archive revoke ana --body "IASC OPAG"',
    )
    actions = p.add_subparsers(dest="archive_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="create or upgrade the schema, roles and policies")
    init.add_argument("url", metavar="URL", help="postgresql://USER@HOST[:PORT]/DATABASE")
    for name, summary in (
        ("grant", "let ROLE read BODY's restricted and confidential meetings"),
        ("revoke", "take BODY's restricted and confidential meetings from ROLE"),
    ):
        q = actions.add_parser(
            name, help=summary, description=f"{summary} (--db names the archive)"
        )
        q.add_argument("role", metavar="ROLE", help="a login role, or a group role")
        q.add_argument("--body", required=True, help='the body, as meetings name it ("IASC OPAG")')


def cmd_archive(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.team.connect import archive_engine, shown_url

    if args.archive_command == "init":
        from minutes_tui.store.schema import SchemaState
        from minutes_tui.team.init import init_archive

        before = init_archive(args.url)
        done = {
            SchemaState.MISSING: "created",
            SchemaState.OLDER: "upgraded",
            SchemaState.CURRENT: "already current; roles and policies refreshed",
        }[before]
        print(f"Archive at {shown_url(args.url)}: {done}.")
        return 0
    if home.db_url is None:
        raise CliError("name the archive: minutes --db postgresql://USER@HOST/DB archive …")
    from minutes_tui.team import roles

    engine = archive_engine(home.db_url)
    try:
        with engine.begin() as conn:
            if args.archive_command == "grant":
                changed = roles.grant(conn, args.role, args.body)
                said = "may now read" if changed else "could already read"
            else:
                changed = roles.revoke(conn, args.role, args.body)
                said = "may no longer read" if changed else "had no membership of"
    finally:
        engine.dispose()
    print(f"{args.role} {said} the restricted meetings of {args.body}.")
    return 0
