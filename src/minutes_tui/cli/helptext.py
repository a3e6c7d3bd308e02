"""How a subcommand presents itself in `minutes CMD --help`: a sentence of what it does,
what its arguments are, and examples; and the sentences several commands share.

Every sentence is asked of the catalogue when the parser is built (`_`), never at import:
the language is chosen first (cli/speech.py)."""

from __future__ import annotations

import argparse
from typing import Any

from minutes_tui.cli.common import JSON_VERSION
from minutes_tui.domain.translate import _


def meeting_help() -> str:
    return _("MEETING is a meeting's id: the number `new` prints and `list` shows first.")


def json_help() -> str:
    return _(
        '--json prints one JSON object with "version": {version} (its shape is kept for\n'
        'that version; see docs/cli.md, "JSON output").'
    ).format(version=JSON_VERSION)


def examples(*lines: str) -> str:
    """An epilog of example command lines (code: never translated)."""
    return _("examples:") + "\n" + "\n".join(f"  {line}" for line in lines)


def command(
    sub: Any, common: argparse.ArgumentParser, name: str, summary: str, about: str, *lines: str
) -> argparse.ArgumentParser:
    """A subcommand whose --help has a sentence of what it does and examples (`summary`
    and `about` come translated)."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        parents=[common],
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.\n\n{about}",
        epilog=examples(*lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser
