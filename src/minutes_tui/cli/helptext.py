"""How a subcommand presents itself in `minutes CMD --help`: a sentence of what it does,
what its arguments are, and examples; and the sentences several commands share."""

from __future__ import annotations

import argparse
from typing import Any

from minutes_tui.cli.common import JSON_VERSION

MEETING_HELP = "MEETING is a meeting's id: the number `new` prints and `list` shows first."
JSON_HELP = (
    f'--json prints one JSON object with "version": {JSON_VERSION} (its shape is kept for\n'
    'that version; see docs/cli.md, "JSON output").'
)


def command(
    sub: Any, common: argparse.ArgumentParser, name: str, summary: str, about: str, *examples: str
) -> argparse.ArgumentParser:
    """A subcommand whose --help has a sentence of what it does and examples."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        parents=[common],
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.\n\n{about}",
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser
