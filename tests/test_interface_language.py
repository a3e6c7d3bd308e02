"""The app's interface in the user's language (gettext, domain "app"): French footers,
help, dialogs and messages from the catalogue; every message of the app has an entry;
no word shown by a screen is left outside the catalogue."""

from __future__ import annotations

import ast
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from rich.console import Console
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.config.settings import interface_language, load_settings
from minutes_tui.domain import translate
from minutes_tui.screens.help import HelpScreen
from minutes_tui.screens.meetings import MeetingsScreen
from tests.helpers import settle

SRC = Path(__file__).resolve().parent.parent / "src" / "minutes_tui"
CATALOGUE = SRC / "locale" / "fr" / "LC_MESSAGES" / "app.po"
# Where the app's interface is written: what `_`, `N_` and `ngettext` mark there is the
# "app" domain's (the CLI's words are the "cli" domain's).
APP_SOURCES = ["app.py", "screens", "widgets", "session"]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def footer(app: MinutesApp) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


def text_of(shown: object) -> str:
    """What a Static (or a Rich table) shows, as plain text."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(shown.render() if isinstance(shown, Static) else shown)
    return console.export_text()


async def test_the_app_speaks_french_when_told_to(home: Home) -> None:
    translate.use("fr")
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        keys = footer(app)
        assert {"Créer", "Importer", "Filtrer", "Aide", "Chercher"} <= set(keys), keys
        assert not {"New", "Import", "Filter", "Help", "Search"} & set(keys), keys
        title = text_of(app.screen.query_one("#meetings-title", Static))
        assert "réunions" in title
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_screen = app.screen
        shown = "".join(text_of(s) for s in help_screen.query(Static))
        shown += text_of(help_screen.keys) + text_of(help_screen.grammar)
        assert "Aide · la ligne de saisie" in shown
        assert "Touches ici" in shown
        assert "Commencer une nouvelle réunion" in shown  # n's tooltip, from the catalogue
        assert "un point de discussion" in shown  # the grammar's meaning column
        assert "The board agreed to meet monthly." in shown  # its example stays as typed
        assert footer(app) == ["Fermer"]
        await pilot.press("escape", "n")
        await pilot.pause()
        assert "Nouvelle réunion" in "".join(text_of(s) for s in app.screen.query(Static))
        assert "Annuler" in footer(app)


async def test_english_by_default_whatever_the_locale(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    """conftest.py keeps the tests English; a French LANG alone does not change that
    while LANGUAGE says English, and English is what no catalogue gives."""
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert {"New", "Import", "Help"} <= set(footer(app))


async def test_config_toml_chooses_the_interface_language(
    home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    (folder / "config.toml").write_text('interface_language = "Français"\n', encoding="utf-8")
    assert interface_language() == "fr"
    app = MinutesApp(home, clock=lambda: 0.0, settings=load_settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Créer" in footer(app)
    monkeypatch.setenv("MINUTES_INTERFACE_LANGUAGE", "en")  # the environment wins over the file
    assert interface_language() == "en"


def test_a_language_without_catalogue_is_a_settings_problem(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('interface_language = "klingon"\n', encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.interface_language is None
    assert any("interface_language" in p for p in settings.problems)


# ---- the catalogue holds every message of the app -------------------------------------------


def app_messages() -> dict[str | tuple[str, ...], str]:
    """Every message the app's sources mark, with where it is (file:line)."""
    found: dict[str | tuple[str, ...], str] = {}
    for folder in APP_SOURCES:
        path = SRC / folder
        if path.is_file():
            sources = [(path.name, path)]
        else:
            sources = [(f"{folder}/{p.name}", p) for p in sorted(path.glob("*.py"))]
        for name, file in sources:
            with file.open("rb") as f:
                for lineno, message, _comments, _context in extract("python", f, keywords=KEYWORDS):
                    found[message] = f"{name}:{lineno}"
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_of_the_app_has_a_french_entry() -> None:
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    messages = app_messages()
    assert len(messages) > 300  # the extraction found the app (a wrong path finds nothing)
    missing, broken = [], []
    for message, where in messages.items():
        entry = catalogue.get(message[0] if isinstance(message, tuple) else message)
        texts = (
            []
            if entry is None
            else [entry.string]
            if isinstance(entry.string, str)
            else list(entry.string)
        )
        if entry is None or entry.fuzzy or not texts or not all(t.strip() for t in texts):
            missing.append(f"{where}: {message!r}")
            continue
        wanted = fields(message if isinstance(message, str) else message[-1])
        if any(fields(t) != wanted for t in texts):  # str.format would raise on a typo
            broken.append(f"{where}: {message!r} -> {texts!r}")
    assert not missing, "no French entry (make catalogues):\n" + "\n".join(missing)
    assert not broken, "the entry's {fields} differ from the message's:\n" + "\n".join(broken)


# ---- no word on screen is left outside `_()` --------------------------------------------------

# Calls whose first argument a person reads; keywords a person reads.
SHOWN_FIRST = {"Static", "Label", "Button", "Checkbox", "notify", "status", "say", "failed"}
SHOWN_FIRST |= {"ConfirmScreen", "SystemCommand"}
SHOWN_KEYWORDS = {"placeholder", "title", "sub_title", "tooltip", "description"}
# Literals with letters that are not words: ids, keys, symbols, the grammar's own syntax.
NOT_WORDS = {"ctrl+p"}


def wordy(node: ast.expr) -> bool:
    """A literal (or f-string) with a word in it, not an allowed non-word."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    else:
        return False
    return text not in NOT_WORDS and re.search(r"[A-Za-z]{2}", text) is not None


def unwrapped(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            shown: list[ast.expr] = []
            if name == "Binding":
                shown += node.args[2:3]
            elif name in SHOWN_FIRST:
                shown += (
                    node.args[:2] if name in ("ConfirmScreen", "SystemCommand") else node.args[:1]
                )
            shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
            found += [(n.lineno, ast.unparse(n)) for n in shown if wordy(n)]
        elif isinstance(node, ast.Assign):  # self.title = "…", title = "…"
            for target in node.targets:
                name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
                if name.endswith("title") and wordy(node.value):
                    found.append((node.lineno, ast.unparse(node.value)))
    return found


def test_no_word_of_a_screen_is_left_outside_the_catalogue() -> None:
    files = [SRC / "app.py", *sorted((SRC / "screens").glob("*.py"))]
    files += sorted((SRC / "widgets").glob("*.py"))
    left = [
        f"{file.relative_to(SRC)}:{line}: {text[:80]}"
        for file in files
        for line, text in unwrapped(ast.parse(file.read_text(encoding="utf-8")))
    ]
    assert not left, "wrap these in _() (or N_() at import time):\n" + "\n".join(left)


def test_the_scan_sees_an_unwrapped_word() -> None:
    """The scan itself: each kind of shown literal it must catch."""
    code = """
Binding("n", "new", "New", tooltip="Start")
self.notify(f"Meeting {n} restored.")
yield Static("Agenda")
Input(placeholder="a path")
self.title = "Help"
ConfirmScreen(_("Sure?"), "It is locked.")
"""
    assert sorted(line for line, _text in unwrapped(ast.parse(code))) == [2, 2, 3, 4, 5, 6, 7]
    wrapped = 'Binding("n", "new", N_("New"))\nyield Static(_("Agenda"))\nStatic("")'
    assert unwrapped(ast.parse(wrapped)) == []


async def test_the_meetings_list_says_a_meetings_status_in_french(home: Home) -> None:
    """A new user's French list read "draft" in its Statut column."""
    from textual.widgets import DataTable

    from tests.helpers import run_cli

    assert run_cli("new", "Réunion mensuelle", home=home).returncode == 0
    translate.use("fr")
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#meetings-table", DataTable)
        status = str(table.get_row_at(0)[-1])
        assert status == "projet", status
