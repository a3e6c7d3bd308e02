"""`minutes archive init|grant|revoke`: set up a team archive on PostgreSQL and say who
may read which body's restricted meetings (team/init.py, team/roles.py)."""

from __future__ import annotations

import argparse
from typing import Any

from minutes_tui.cli.common import CliError
from minutes_tui.cli.helptext import command
from minutes_tui.config import Home
from minutes_tui.domain.translate import _


def about() -> str:
    return _(
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
        _("set up a team archive on PostgreSQL and who may read what"),
        about(),
        "minutes archive init postgresql://admin@archive.example.org/minutes",
        "export MINUTES_ARCHIVE=postgresql://admin@archive.example.org/minutes",
        'minutes --db $MINUTES_ARCHIVE archive grant ana --body "IASC OPAG"',
        'minutes --db $MINUTES_ARCHIVE archive revoke ana --body "IASC OPAG"',
    )
    actions = p.add_subparsers(dest="archive_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help=_("create or upgrade the schema, roles and policies"))
    init.add_argument("url", metavar="URL", help=_("postgresql://USER@HOST[:PORT]/DATABASE"))
    for name, summary in (
        ("grant", _("let ROLE read BODY's restricted and confidential meetings")),
        ("revoke", _("take BODY's restricted and confidential meetings from ROLE")),
    ):
        about_it = _("{summary} (--db names the archive)").format(summary=summary)
        q = actions.add_parser(name, help=summary, description=about_it)
        q.add_argument("role", metavar="ROLE", help=_("a login role, or a group role"))
        q.add_argument(
            "--body", required=True, help=_('the body, as meetings name it ("IASC OPAG")')
        )


def cmd_archive(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.store.connect import archive_engine, shown_url

    if args.archive_command == "init":
        from minutes_tui.store.schema import SchemaState
        from minutes_tui.team.init import init_archive

        before = init_archive(args.url)
        done = {
            SchemaState.MISSING: _("created"),
            SchemaState.OLDER: _("upgraded"),
            SchemaState.CURRENT: _("already current; roles and policies refreshed"),
        }[before]
        print(_("Archive at {url}: {done}.").format(url=shown_url(args.url), done=done))
        return 0
    if home.db_url is None:
        raise CliError(_("name the archive: minutes --db postgresql://USER@HOST/DB archive …"))
    from minutes_tui.team import roles

    engine = archive_engine(home.db_url)
    try:
        with engine.begin() as conn:
            if args.archive_command == "grant":
                changed = roles.grant(conn, args.role, args.body)
                said = (
                    _("{role} may now read the restricted meetings of {body}.")
                    if changed
                    else _("{role} could already read the restricted meetings of {body}.")
                )
            else:
                changed = roles.revoke(conn, args.role, args.body)
                said = (
                    _("{role} may no longer read the restricted meetings of {body}.")
                    if changed
                    else _("{role} had no membership of the restricted meetings of {body}.")
                )
    finally:
        engine.dispose()
    print(said.format(role=args.role, body=args.body))
    return 0
