"""The command line's language: chosen before the parser is built (config.toml's
`interface_language`, else the locale), and argparse's own words ("usage:", "options",
"the following arguments are required: …") read from the same catalogue.

argparse looks its module's `_` and `ngettext` up each time it says something; they are
pointed at our catalogue only while our parser is built and used, then put back, so
nothing else in the process (the app, a library's own parser) sees a change.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

from minutes_tui.domain import translate

_ARGPARSE_WORDS = {"_": translate._, "ngettext": translate.ngettext}


def speak() -> None:
    """The interface's language from now on: config.toml's, else the environment's. A
    value that names no language is said on stderr (English is spoken meanwhile)."""
    from minutes_tui.config.settings import load_settings

    settings = load_settings()
    translate.use(settings.interface_language)
    for problem in settings.problems:
        if problem.startswith("interface_language"):
            warning = translate._("minutes: warning: {warning}").format(warning=problem)
            print(warning, file=sys.stderr)


@contextlib.contextmanager
def argparse_speaks() -> Iterator[None]:
    """argparse's messages from our catalogue for the time of the `with`."""
    saved = {name: getattr(argparse, name) for name in _ARGPARSE_WORDS}
    for name, function in _ARGPARSE_WORDS.items():
        setattr(argparse, name, function)
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(argparse, name, function)
