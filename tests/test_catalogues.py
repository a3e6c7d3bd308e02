"""The gettext catalogues: every .po compiled into the .mo beside it (tools/catalogues.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from minutes_tui.domain.language import language_from

ROOT = Path(__file__).resolve().parent.parent


def test_every_catalogue_is_compiled_from_its_po() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "catalogues.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_language_is_read_from_a_code_a_locale_or_its_name() -> None:
    assert language_from("fr_FR.UTF-8") == "fr"
    assert language_from("es-419") == "es"
    assert language_from("Français") == "fr"
    assert language_from("العربية") == "ar"
    assert language_from("EN") == "en"
    assert language_from("de_DE.UTF-8") is None
    assert language_from("") is None
