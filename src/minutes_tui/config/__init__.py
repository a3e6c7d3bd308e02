"""Where a user's data lives: the data home and the paths inside it.

`--home` wins, then `MINUTES_HOME`, then `home` in the settings file (settings.py),
then the platform's user-data folder.
A home has the same shape as a checkout: `db/minutes.sqlite` and `exports/`.
With `--db postgresql://…` (or `db = "postgresql://…"` in the settings file) the meetings
live in a team archive on PostgreSQL instead (`Home.db_url`); exports and archived final
records still go to the home's folders.
Kept free of heavy imports: the first frame depends on it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

APP_NAME = "minutes-tui"
ENV_HOME = "MINUTES_HOME"
# The folder of a home that holds finalized records (`archive/<meeting-id>/v<N>/`):
# finalize writes it and the team sync copies it, so its name lives with the home's shape.
FINAL_FOLDER = "archive"


@dataclass(frozen=True)
class Home:
    root: Path
    db_url: str | None = None  # a PostgreSQL archive (store/connect.py), else the SQLite file
    # Where the root came from, as a sentence ends ("--home", "MINUTES_HOME"…): said when
    # a command finds the home empty, so a second home is never read without knowing it.
    source: str = field(default="", compare=False)

    @property
    def online(self) -> bool:
        return self.db_url is not None

    @property
    def db_dir(self) -> Path:
        return self.root / "db"

    @property
    def db_path(self) -> Path:
        return self.db_dir / "minutes.sqlite"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"


def resolve_home(cli_home: str | os.PathLike[str] | None = None, cli_db: str | None = None) -> Home:
    root, source = _home_root(cli_home)
    db = cli_db
    if db is None:
        from minutes_tui.config.settings import configured_db

        db = configured_db()
    return Home(root, db_url=db or None, source=source)


def _home_root(cli_home: str | os.PathLike[str] | None) -> tuple[Path, str]:
    if cli_home:
        return Path(cli_home).expanduser().resolve(), "given by --home"
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve(), f"from {ENV_HOME}"
    from minutes_tui.config.settings import configured_home

    configured = configured_home()
    if configured is not None:
        return configured.resolve(), "from the settings file"
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)), "the default data home"
