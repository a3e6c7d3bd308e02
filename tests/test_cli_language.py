"""The command line in the user's language (issue 28): `minutes --help`, argparse's own
words, usage errors and the commands' messages come from the "cli" gettext catalogue,
chosen by config.toml's `interface_language`, else the locale (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG); English when no catalogue matches. Every string the CLI asks the
catalogue for has a French entry, and every sentence it shows is asked for."""

from __future__ import annotations

import argparse
import ast
import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po

from minutes_tui.cli import COMMANDS
from minutes_tui.config import Home
from minutes_tui.domain import translate
from tests.helpers import run_cli

CLI = Path(translate.__file__).resolve().parent.parent / "cli"
FRENCH = translate.LOCALE_DIR / "fr" / "LC_MESSAGES" / "cli.po"
CATALOGUES = sorted(translate.LOCALE_DIR.glob("*/LC_MESSAGES/cli.po"))  # fr, and any added
KEYWORDS = {"_": None, "ngettext": (1, 2)}
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def speaking(monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    """The environment of a user whose locale is `locale` (conftest sets English)."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)


def configured(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "config"  # MINUTES_CONFIG_DIR (conftest)
    folder.mkdir(exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def test_help_is_french_under_a_french_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    speaking(monkeypatch, "fr_FR.UTF-8")
    done = run_cli("--help")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert re.match(r"utilisation\s:\sminutes \[-h\]", text), text[:80]
    for french in (
        "Saisir une réunion en direct et tenir son compte rendu.",  # our description
        "arguments positionnels\N{NO-BREAK SPACE}:",  # argparse's own words
        "options\N{NO-BREAK SPACE}:",
        "afficher ce message d'aide et quitter",
        "ouvrir l'écran de saisie d'une réunion",  # a command's summary
        "état de sortie\N{NO-BREAK SPACE}:",
    ):
        assert french in text, french
    assert not re.search(r"\b(usage|positional arguments|show this help|examples):", text)
    # Command names, options and metavars are code: they stay as typed.
    assert "  new          créer une réunion" in text and "--home DIR" in text


def test_help_of_a_command_is_french_and_fits_80_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    speaking(monkeypatch, "fr_FR.UTF-8")
    for command in ["open", *COMMANDS]:
        text = run_cli(command, "--help").stdout
        assert "exemples\N{NO-BREAK SPACE}:\n" in text, command
        # The prose fits a terminal; the usage line's {choices} and example command
        # lines are code, as long in English.
        for line in text.splitlines():
            if not line.startswith(("  minutes ", " " * 20)) and "{" not in line:
                assert len(line) <= 80, (command, line)
    assert "Chaque LINE est enregistrée" in run_cli("add", "--help").stdout


def test_usage_errors_and_messages_are_french(monkeypatch: pytest.MonkeyPatch, home: Home) -> None:
    speaking(monkeypatch, "fr_FR.UTF-8")
    missing = run_cli("add", home=home)
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        "minutes add\N{NO-BREAK SPACE}: erreur\N{NO-BREAK SPACE}: les arguments suivants "
        "sont requis\N{NO-BREAK SPACE}: MEETING, LINE",
        "(voir `minutes add --help`)",
    ]
    choice = run_cli("export", "1", "--format", "odt", home=home).stderr
    assert "choix non valable\N{NO-BREAK SPACE}: 'odt' (choisir parmi 'md'" in choice
    not_a_number = run_cli("show", "douze", home=home).stderr
    assert "«\N{NO-BREAK SPACE}douze\N{NO-BREAK SPACE}» n'est pas un numéro de réunion" in (
        not_a_number
    )
    assert run_cli("new", "Réunion de coordination", home=home).stdout.strip() == "1"
    nothing = run_cli("undo", "1", home=home)
    assert nothing.returncode == 1
    assert nothing.stderr.strip() == (
        "minutes\N{NO-BREAK SPACE}: erreur\N{NO-BREAK SPACE}: rien à annuler dans la réunion 1"
    )
    trashed = run_cli("trash", "1", home=home)
    assert trashed.stdout.strip() == (
        "Réunion 1 mise à la corbeille\N{NO-BREAK SPACE}: Réunion de coordination"
    )


@pytest.mark.parametrize("locale", ["C", "en_US.UTF-8", "de_DE.UTF-8"])
def test_help_is_english_under_other_locales(monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    speaking(monkeypatch, locale)
    text = run_cli("--help").stdout
    assert text.startswith("usage: minutes [-h]")
    assert "positional arguments:" in text and "Capture a meeting live" in text
    assert "exit status:" in text and "utilisation" not in text


def test_config_interface_language_comes_before_the_locale(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    speaking(monkeypatch, "C")
    configured(tmp_path, 'interface_language = "Français"\n')
    assert run_cli("--help").stdout.startswith("utilisation")
    speaking(monkeypatch, "fr_FR.UTF-8")
    configured(tmp_path, 'interface_language = "en"\n')
    assert run_cli("--help").stdout.startswith("usage: minutes")


def test_argparse_is_left_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """Our catalogue speaks for argparse only while our parser runs: another parser in
    the same process (the app, a library) keeps gettext's."""
    speaking(monkeypatch, "fr_FR.UTF-8")
    run_cli("--help")
    assert vars(argparse)["_"] is gettext.gettext
    assert vars(argparse)["ngettext"] is gettext.ngettext
    other = argparse.ArgumentParser(prog="other")
    assert other.format_usage().startswith("usage: other")


def test_minutes_help_speaks_french_in_a_real_process(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env |= {"LANG": "fr_FR.UTF-8", "MINUTES_CONFIG_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "minutes_tui", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
    )
    assert done.stdout.startswith("utilisation\N{NO-BREAK SPACE}: minutes")
    assert "Saisir une réunion en direct" in done.stdout


# --- the catalogue has every string, and every string goes through it ---------------


def asked_of_the_catalogue() -> dict[str | tuple[str, str], str]:
    """Every msgid the cli package and argparse (which speaks through our catalogue)
    ask for: message → where."""
    found: dict[str | tuple[str, str], str] = {}
    methods = [("**.py", "python")]
    for name, line, message, _comments, _context in extract_from_dir(
        str(CLI), methods, keywords=KEYWORDS
    ):
        found.setdefault(message, f"cli/{name}:{line}")
    with open(argparse.__file__, "rb") as source:
        for line, message, _comments, _context in extract("python", source, keywords=KEYWORDS):
            found.setdefault(message, f"argparse.py:{line}")
    return found


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{\w*\}|%(?:\(\w+\))?[sdr]", text))


def test_french_is_a_catalogue() -> None:
    assert FRENCH in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parent.parent.name)
def test_every_cli_string_has_an_entry(po: Path) -> None:
    with po.open("rb") as f:
        catalogue = read_po(f)
    asked = asked_of_the_catalogue()
    assert len(asked) > 250  # the extraction found the CLI's strings
    missing, broken = [], []
    for message, where in asked.items():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key)
        french = (
            entry.string if entry is not None and not entry.fuzzy else None
        )  # a fuzzy entry is not compiled
        forms = french if isinstance(french, tuple) else (french,)
        if entry is None or not all(forms):
            missing.append(f"{where}: {key!r}")
            continue
        for form in forms:
            if placeholders(form) != placeholders(key):
                broken.append(f"{where}: {key!r} → {form!r}")
    assert not missing, f"no entry in {po} for:\n" + "\n".join(missing)
    assert not broken, "placeholders differ:\n" + "\n".join(broken)


# Where the CLI hands a sentence to the user: argparse's help, descriptions and epilogs,
# a subcommand's summary and about (helptext.command), usage errors, the errors its
# commands raise, what they print and ask.
TEXT_KEYWORDS = {"help", "description", "epilog"}
MESSAGE_CALLS = {"CliError", "ArgumentTypeError", "error", "print", "input"}
TRANSLATED = {"_", "ngettext"}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _bare_words(node: ast.AST) -> list[str]:
    """String literals with a letter in `node` that no `_()`/`ngettext()` wraps."""
    if isinstance(node, ast.Call) and _name(node) in TRANSLATED | {"examples"}:
        return []  # translated, or example command lines (code)
    if isinstance(node, ast.Subscript):
        return _bare_words(node.value)  # row["date"]: a key, not words
    if isinstance(node, ast.FormattedValue):
        return _bare_words(node.value)  # its format spec (">5") is layout
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and re.search(r"[A-Za-z]", node.value):
            return [node.value]
        return []
    return [word for child in ast.iter_child_nodes(node) for word in _bare_words(child)]


def untranslated(source: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for call in ast.walk(ast.parse(source)):
        if not isinstance(call, ast.Call):
            continue
        shown: list[ast.AST] = [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]
        name = _name(call)
        if name in MESSAGE_CALLS:
            shown += call.args
        elif name == "command":  # helptext.command(sub, common, name, summary, about, *examples)
            shown += call.args[3:5]
        found += [(call.lineno, word) for node in shown for word in _bare_words(node)]
    return found


def test_every_sentence_the_cli_shows_is_translatable() -> None:
    bare = [
        f"{path.name}:{line}: {word!r}"
        for path in sorted(CLI.glob("*.py"))
        for line, word in untranslated(path.read_text(encoding="utf-8"))
    ]
    assert not bare, "wrap these in _() (domain.translate):\n" + "\n".join(bare)


def test_the_scan_finds_a_bare_sentence() -> None:
    """The scan itself: each kind of place it reads, with the sentence left bare."""
    for source in (
        'p.add_argument("--x", help="a bare help")',
        'raise CliError(f"{path}: no such file")',
        'print("Meeting " + str(n) + " updated", file=sys.stderr)',
        'command(sub, common, "new", _("create"), "A bare about", "minutes new T")',
        'raise argparse.ArgumentTypeError(f"{value!r} is bad")',
    ):
        assert untranslated(source), source
    for source in (
        'p.add_argument("--x", help=_("wrapped"))',
        'print(_("Undid: {line}").format(line=line))',
        "print(f\"{row.id:>5}  {row['date'] or '-'}  {title}\")",
        'p.add_argument("--style", help=" | ".join(STYLES))',
    ):
        assert not untranslated(source), source


def test_an_interface_language_nobody_speaks_is_said_once_and_english_is_spoken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An attacker's finding: interface_language = "garbage" was silently English."""
    folder = tmp_path / "config-bad"
    folder.mkdir()
    (folder / "config.toml").write_text('interface_language = "garbage"\n', "utf-8")
    monkeypatch.setenv("MINUTES_CONFIG_DIR", str(folder))
    done = run_cli("--help")
    assert done.returncode == 0
    assert "usage:" in done.stdout
    assert done.stderr.count("interface_language must be one of") == 1, done.stderr
