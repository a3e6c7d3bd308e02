"""The user's settings (a TOML file) and what the app remembers (a JSON state file beside it).

    # ~/.config/minutes-tui/config.toml  (platformdirs' user config folder)
    theme = "textual-light"
    interface_language = "fr"               # the interface's words (default: the locale)
    home = "~/Minutes"                      # the data home when neither --home nor MINUTES_HOME
    db = "postgresql://ana@archive.example.org/minutes"  # a team archive, when no --db
    archive = "postgresql://me@db.example.org/archive"   # the team archive `minutes sync` uses
    [new_meeting]
    body = "IASC OPAG"
    style = "minutes"                       # summary | minutes | actions
    sensitivity = "RESTRICTED"
    [keymap]                                # binding id -> keys (App.set_keymap)
    "capture.export" = "f5"
    [circulation]                           # minutes circulate
    from = "secretariat@example.org"
    [circulation.lists]                     # a body's distribution list, beside participants
    "IASC OPAG" = ["opag-members@example.org"]
    [smtp]                                  # send instead of writing an .eml draft
    host = "smtp.example.org"
    port = 587                              # 587 STARTTLS (default), 465 TLS, 25 plain
    user = "me@example.org"                 # the password: MINUTES_SMTP_PASSWORD or keyring

`MINUTES_THEME`, `MINUTES_DEFAULT_BODY`, `MINUTES_DEFAULT_STYLE` and
`MINUTES_DEFAULT_SENSITIVITY` override the file; `MINUTES_CONFIG_DIR` moves the folder
(the tests point it at a temporary one). A file that cannot be read is reported once and
ignored: bad settings never stop the app from opening.

Why not pydantic-settings: it imports pydantic, and the first frame must not wait for it
(tests/test_layers.py); the standard library's tomllib reads the file.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minutes_tui.domain.vocabulary import SENSITIVITIES, STYLES

APP_NAME = "minutes-tui"
ENV_CONFIG_DIR = "MINUTES_CONFIG_DIR"


def tilde(path: Path) -> str:
    """A path as a person reads it: the home folder as ~."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def config_dir() -> Path:
    env = os.environ.get(ENV_CONFIG_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


@dataclass
class Settings:
    theme: str | None = None
    interface_language: str | None = None  # menus, help and messages (None: the locale)
    theme_env: str | None = None  # MINUTES_THEME: wins over the theme last chosen in the app
    home: Path | None = None
    db: str | None = None  # a team archive's URL (never with a password: store/connect.py)
    archive: str | None = None  # the team archive's URL (no password: libpq finds it)
    default_body: str | None = None
    default_style: str | None = None
    default_sensitivity: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    sender: str | None = None  # [circulation] from
    distribution: dict[str, list[str]] = field(default_factory=dict)  # body -> addresses
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    problems: list[str] = field(default_factory=list)  # said once in the app, never fatal
    path: Path | None = None

    def new_meeting_defaults(self) -> dict[str, str]:
        values = {
            "body": self.default_body,
            "style": self.default_style,
            "sensitivity": self.default_sensitivity,
        }
        return {k: v for k, v in values.items() if v}


def _text(raw: dict[str, Any], key: str, problems: list[str]) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{key} must be some text")
        return None
    return value.strip()


def _circulation(raw: dict[str, Any], settings: Settings) -> None:
    """[circulation] and [smtp]: where a circulated record goes, and how. Never a password:
    the file may be backed up or shared; the password comes from the environment or the
    system keyring (circulation/send.py)."""
    problems = settings.problems
    circulation = raw.get("circulation", {})
    if isinstance(circulation, dict):
        settings.sender = _text(circulation, "from", problems)
        lists = circulation.get("lists", {})
        if isinstance(lists, dict):
            for body, addresses in lists.items():
                if isinstance(addresses, list) and all(isinstance(a, str) for a in addresses):
                    settings.distribution[str(body)] = [a.strip() for a in addresses]
                else:
                    problems.append(f'circulation.lists."{body}" must be a list of addresses')
    smtp = raw.get("smtp", {})
    if isinstance(smtp, dict):
        if "password" in smtp:
            problems.append(
                "smtp.password is ignored: set MINUTES_SMTP_PASSWORD or use the system "
                "keyring, never the config file"
            )
        settings.smtp_host = _text(smtp, "host", problems)
        settings.smtp_user = _text(smtp, "user", problems)
        port = smtp.get("port", 587)
        if isinstance(port, int) and 0 < port < 65536:
            settings.smtp_port = port
        else:
            problems.append("smtp.port must be a port number such as 587")


def load_settings(folder: Path | None = None) -> Settings:
    folder = folder or config_dir()
    path = folder / "config.toml"
    settings = Settings(path=path)
    raw: dict[str, Any] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = None
    except (OSError, UnicodeDecodeError) as exc:
        text = None
        settings.problems.append(f"{path} was not read: {exc}")
    if text is not None:
        import tomllib  # only with a config file: the first frame does not wait for it

        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            settings.problems.append(f"{path} was not read: {exc}")
    problems = settings.problems
    settings.theme = _text(raw, "theme", problems)
    settings.interface_language = _text(raw, "interface_language", problems)
    home = _text(raw, "home", problems)
    settings.home = Path(home).expanduser() if home else None
    settings.db = _text(raw, "db", problems)
    settings.archive = _text(raw, "archive", problems)
    new = raw.get("new_meeting", {})
    if isinstance(new, dict):
        settings.default_body = _text(new, "body", problems)
        settings.default_style = _text(new, "style", problems)
        settings.default_sensitivity = _text(new, "sensitivity", problems)
    keymap = raw.get("keymap", {})
    if isinstance(keymap, dict):
        for binding_id, keys in keymap.items():
            if isinstance(keys, str) and keys.strip():
                settings.keymap[str(binding_id)] = keys.strip()
            else:
                problems.append(f'keymap.{binding_id} must be keys, e.g. "f5" or "ctrl+k"')
    _circulation(raw, settings)
    env = os.environ
    settings.theme_env = env.get("MINUTES_THEME") or None
    settings.default_body = env.get("MINUTES_DEFAULT_BODY") or settings.default_body
    settings.default_style = env.get("MINUTES_DEFAULT_STYLE") or settings.default_style
    settings.default_sensitivity = (
        env.get("MINUTES_DEFAULT_SENSITIVITY") or settings.default_sensitivity
    )
    if settings.default_style and settings.default_style.lower() not in STYLES:
        problems.append(f"new_meeting.style must be one of {', '.join(STYLES)}")
        settings.default_style = None
    elif settings.default_style:
        settings.default_style = settings.default_style.lower()
    if settings.default_sensitivity and settings.default_sensitivity.upper() not in SENSITIVITIES:
        problems.append(f"new_meeting.sensitivity must be one of {', '.join(SENSITIVITIES)}")
        settings.default_sensitivity = None
    elif settings.default_sensitivity:
        settings.default_sensitivity = settings.default_sensitivity.upper()
    return settings


def interface_language() -> str | None:
    """The interface's language from the settings file ("fr", "Français", "fr_FR"), or
    None when it names none (or none we know): the locale decides then."""
    from minutes_tui.domain.language import language_from

    named = load_settings().interface_language
    return language_from(named) if named else None


def configured_home() -> Path | None:
    """The data home named in the settings file (config.resolve_home asks after MINUTES_HOME)."""
    return load_settings().home


def configured_db() -> str | None:
    """The team archive named in the settings file (config.resolve_home asks after --db)."""
    return load_settings().db


def _ids(raw: object) -> dict[str, int]:
    if not isinstance(raw, dict):
        return {}
    return {str(k): v for k, v in raw.items() if isinstance(v, int) and not isinstance(v, bool)}


# ---- what the app remembers --------------------------------------------------------


@dataclass
class State:
    """Remembered between runs: the theme, the pane, the last meeting of each data home."""

    theme: str | None = None
    sidebar_width: int | None = None
    sidebar_hidden: bool = False
    last_meeting: dict[str, int] = field(default_factory=dict)  # data home -> meeting id
    reopen: dict[str, int] = field(default_factory=dict)  # open at the last ctrl+q
    path: Path | None = None

    @classmethod
    def load(cls, folder: Path | None = None) -> State:
        path = (folder or config_dir()) / "state.json"
        state = cls(path=path)
        try:
            import json  # here: `minutes --help` reads the settings, never the state

            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return state  # missing or damaged: start afresh, it is only a convenience
        if not isinstance(raw, dict):
            return state
        theme, width = raw.get("theme"), raw.get("sidebar_width")
        state.theme = theme if isinstance(theme, str) else None
        state.sidebar_width = width if isinstance(width, int) and 10 <= width <= 80 else None
        state.sidebar_hidden = raw.get("sidebar_hidden") is True
        state.last_meeting = _ids(raw.get("last_meeting"))
        state.reopen = _ids(raw.get("reopen"))
        return state

    def save(self) -> None:
        """Written atomically: a crash mid-write leaves the previous file, never half of one."""
        import json
        import tempfile

        if self.path is None:
            return
        data = {
            "theme": self.theme,
            "sidebar_width": self.sidebar_width,
            "sidebar_hidden": self.sidebar_hidden,
            "last_meeting": self.last_meeting,
            "reopen": self.reopen,
        }
        with contextlib.suppress(OSError):  # an unwritable config folder costs only memory
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".state-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(data, out, indent=1)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
