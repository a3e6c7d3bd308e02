"""The user's own additions to the directory of organisations that can speak.

A CSV file (`organisations.csv` in the config folder, or `$MINUTES_DIRECTORY`): one
organisation a row — short name, full name, aliases separated by "|" — with an optional
header row. Read once per capture session; a missing or unreadable file adds nothing.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

ENV_DIRECTORY = "MINUTES_DIRECTORY"
MAX_BYTES = 1_000_000  # a directory, not a database: a larger file is not read


def directory_path() -> Path:
    override = os.environ.get(ENV_DIRECTORY)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("minutes-tui", appauthor=False)) / "organisations.csv"


def load_user_organisations(path: Path | None = None) -> frozenset[str]:
    """Every name and alias in the user's file, as written."""
    path = path or directory_path()
    from minutes_tui.reading.safe_read import FileRefused, read_limited

    try:  # a regular file only: a FIFO put there must not hang every capture session
        raw = read_limited(path, MAX_BYTES).decode("utf-8-sig", errors="replace")
    except (FileRefused, OSError):
        return frozenset()
    forms: set[str] = set()
    for row in csv.reader(io.StringIO(raw)):
        cells = [c.strip() for c in row]
        if not cells or not cells[0] or cells[0].casefold() in ("short", "acronym", "name"):
            continue
        forms.add(cells[0])
        if len(cells) > 1 and cells[1]:
            forms.add(cells[1])
        if len(cells) > 2:
            forms.update(a.strip() for a in cells[2].split("|") if a.strip())
    return frozenset(" ".join(f.split()) for f in forms if f)
