"""`minutes sync`: exchange meetings with the team archive (team/sync.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from minutes_tui.cli.common import CliError, open_store
from minutes_tui.cli.helptext import command
from minutes_tui.config import Home
from minutes_tui.domain.translate import _, ngettext


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = command(
        sub,
        common,
        "sync",
        _("push this home's meetings to the team archive and pull the others'"),
        _(
            "Capture stays local; sync exchanges meetings when there is a connection. A\n"
            "meeting is written by its owner: others' meetings arrive read-only. Reviews of\n"
            "actions merge from everyone. Confidential entries stay at home unless\n"
            "--include-confidential. Safe to interrupt and run again.\n\n"
            'The archive is --archive, else `archive = "postgresql://…"` in config.toml. The\n'
            "password never goes in the URL: libpq reads PGPASSWORD, ~/.pgpass or a service\n"
            "file."
        ),
        "minutes sync",
        "minutes sync --archive postgresql://me@archive.example.org/minutes",
        "minutes sync --include-confidential",
    )
    p.add_argument("--archive", metavar="URL", help=_("the team archive (PostgreSQL URL)"))
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help=_("also push confidential entries, actions and reviews (off by default)"),
    )


def archive_url(given: str | None) -> str:
    from minutes_tui.config.settings import load_settings

    url = given or load_settings().archive
    if not url:
        raise CliError(
            _(
                "No team archive: give --archive postgresql://user@host/db or put "
                'archive = "postgresql://…" in config.toml.'
            )
        )
    return url


def cmd_sync(args: argparse.Namespace, home: Home) -> int:
    from minutes_tui.domain.text import clean_text
    from minutes_tui.store.connect import archive_engine
    from minutes_tui.team.sync import Progress, sync

    engine = archive_engine(archive_url(args.archive), check=False)
    store = open_store(home)

    def report(p: Progress) -> None:
        title = clean_text(p.title)  # a title or role name as the archive holds it
        if p.phase == "wait":
            print(_("waiting for {title}'s sync…").format(title=title), file=sys.stderr, flush=True)
            return
        said = {
            "pull": _("pulled {done}/{total}: {title}"),
            "push": _("pushed {done}/{total}: {title}"),
        }[p.phase]
        print(said.format(done=p.done, total=p.total, title=title), file=sys.stderr, flush=True)

    try:
        result = sync(
            store, engine, include_confidential=args.include_confidential, progress=report
        )
    finally:
        engine.dispose()
        store.close()
    print(result.summary())
    if result.confidential_left_out and not args.include_confidential:
        n = result.confidential_left_out
        said = ngettext(
            "{count} confidential entry kept at home",
            "{count} confidential entries kept at home",
            n,
        )
        print(said.format(count=n))
    for sentence in result.skipped:  # each meeting that failed its checks, in one line
        print(_("minutes: {note}").format(note=clean_text(sentence)), file=sys.stderr)
    return 1 if result.skipped else 0
