"""The gettext catalogues: every .po compiled into the .mo beside it (tools/catalogues.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from minutes_tui.domain.language import language_from
from tests.helpers import run_cli

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


# ---- a damaged or missing catalogue (an attacker cut cli.mo and removed record.mo) -------


@pytest.fixture
def damaged_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the catalogues the test may damage, read instead of the installed ones."""
    from minutes_tui.domain import translate
    from minutes_tui.record import words

    def forget() -> None:  # every cache of catalogues read earlier in this process
        for cached in (translate.words, words.words_for, words.fixed_words):
            cached.cache_clear()
        translate.use(None)

    copy = tmp_path / "locale"
    shutil.copytree(translate.LOCALE_DIR, copy)
    monkeypatch.setattr(translate, "LOCALE_DIR", copy)
    forget()
    yield copy
    forget()


def test_a_damaged_interface_catalogue_speaks_english_and_says_so(
    damaged_locale: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mo = damaged_locale / "fr" / "LC_MESSAGES" / "cli.mo"
    mo.write_bytes(mo.read_bytes()[:100])  # cut: gettext's struct.unpack fails
    monkeypatch.setenv("LANGUAGE", "fr")
    done = run_cli("--help")
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout and "utilisation" not in done.stdout
    assert "cannot be read" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("damage", ["cut", "missing"])
def test_a_french_record_without_its_words_is_refused_not_written_half_english(
    damaged_locale: Path, tmp_path: Path, damage: str
) -> None:
    home = tmp_path / "home"
    assert run_cli("new", "Réunion", "--language", "fr", home=home).returncode == 0
    assert run_cli("add", "1", "/d Le cluster adopte la note.", home=home).returncode == 0
    mo = damaged_locale / "fr" / "LC_MESSAGES" / "record.mo"
    if damage == "cut":
        mo.write_bytes(mo.read_bytes()[:100])
    else:
        mo.unlink()
    out = tmp_path / "record.md"
    done = run_cli("export", "1", "--out", str(out), home=home)
    assert done.returncode != 0
    assert "fr words of the record" in done.stderr and "reinstall" in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2 and not out.exists()
