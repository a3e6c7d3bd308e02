"""Where a user's data lives: the data home and the paths inside it.

`--home` wins, then `MINUTES_HOME`, then `home` in the settings file (settings.py),
then the platform's user-data folder.
A home has the same shape as a checkout: `db/minutes.sqlite` and `exports/`.
Kept free of heavy imports: the first frame depends on it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "minutes-tui"
ENV_HOME = "MINUTES_HOME"


@dataclass(frozen=True)
class Home:
    root: Path

    @property
    def db_dir(self) -> Path:
        return self.root / "db"

    @property
    def db_path(self) -> Path:
        return self.db_dir / "minutes.sqlite"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"


def resolve_home(cli_home: str | os.PathLike[str] | None = None) -> Home:
    if cli_home:
        return Home(Path(cli_home).expanduser().resolve())
    env = os.environ.get(ENV_HOME)
    if env:
        return Home(Path(env).expanduser().resolve())
    from minutes_tui.settings import configured_home

    configured = configured_home()
    if configured is not None:
        return Home(configured.resolve())
    from platformdirs import user_data_dir

    return Home(Path(user_data_dir(APP_NAME, appauthor=False)))
