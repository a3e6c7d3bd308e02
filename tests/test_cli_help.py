"""What a new user meets first: --version, help that explains and shows, fixed choices
refused in one clear message, shell completion, versioned JSON, a new meeting dated today,
and a command-line page (docs/cli.md) that names every command."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import minutes_tui
from minutes_tui.cli import COMMANDS
from minutes_tui.config import Home
from tests.helpers import run_cli

SUBCOMMANDS = ["open", *COMMANDS]
CLI_DOC = Path(__file__).parent.parent / "docs" / "cli.md"


def test_version() -> None:
    done = run_cli("--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"minutes {minutes_tui.__version__}")


def test_help_explains_meeting_json_and_exit_codes() -> None:
    done = run_cli("--help")
    assert done.returncode == 0
    assert "MEETING is a meeting's id" in done.stdout and '"version": 1' in done.stdout
    for code, words in [("0", "done"), ("1", "error"), ("2", "usage"), ("3", "--strict")]:
        assert re.search(rf"^  {code}\s+.*{re.escape(words)}", done.stdout, re.M), code
    assert re.search(r"^  130\s+interrupted", done.stdout, re.M)
    assert re.search(r"^  141\s+output cut short", done.stdout, re.M)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_command_has_a_sentence_and_an_example(command: str) -> None:
    done = run_cli(command, "--help")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    examples = text.split("examples:\n", 1)[1]
    assert re.search(rf"^  minutes {re.escape(command)}\b", examples, re.M), text
    # A sentence of what the command does, beyond the one-line usage.
    description = text.split("\n\n")[1]
    assert description[0].isupper() and description.rstrip().endswith("."), description


def test_add_help_explains_line_and_show_help_json() -> None:
    add = run_cli("add", "--help").stdout
    assert "MEETING is a meeting's id" in add and "Each LINE is stored" in add
    assert "/a text [OWNER]" in add
    assert '"version": 1' in run_cli("show", "--help").stdout


@pytest.mark.parametrize(
    ("args", "bad", "choices"),
    [
        (["new", "T", "--style", "poem"], "poem", "summary"),
        (["new", "T", "--sensitivity", "SECRET"], "SECRET", "RESTRICTED"),
        (["edit", "1", "--style", "poem"], "poem", "minutes"),
        (["edit", "1", "--sensitivity", "secret"], "secret", "CONFIDENTIAL"),
        (["export", "1", "--format", "odt"], "odt", "docx"),
        (["export", "1", "--style", "brief"], "brief", "actions"),
        (["action-status", "1", "maybe"], "maybe", "completed"),
        (["completion", "fish"], "fish", "zsh"),
        (["frobnicate"], "frobnicate", "search"),
    ],
)
def test_a_choice_outside_its_set_is_one_clear_usage_error(
    home: Home, args: list[str], bad: str, choices: str
) -> None:
    done = run_cli(*args, home=home)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2 and "--help" in lines[1], done.stderr
    assert bad in lines[0] and choices in lines[0], done.stderr
    assert not home.db_path.exists()  # refused before the database


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_script_knows_every_command(shell: str) -> None:
    done = run_cli("completion", shell)
    assert done.returncode == 0, done.stderr
    script = done.stdout
    for command in SUBCOMMANDS:
        assert re.search(rf"(?<![\w-]){re.escape(command)}(?![\w-])", script), command
    assert "--sensitivity" in script and "RESTRICTED" in script  # options and their choices
    if shell == "zsh":
        assert script.startswith("#compdef minutes")


def test_every_json_output_has_a_version(home: Home) -> None:
    assert run_cli("new", "Versioned", home=home).returncode == 0
    assert run_cli("add", "1", "/a Share the note [OCHA]", home=home).returncode == 0
    assert run_cli("new", "Binned", home=home).returncode == 0
    assert run_cli("trash", "2", home=home).returncode == 0
    outputs = {
        ("list", "--json"): "meetings",
        ("show", "1", "--json"): "title",
        ("actions", "--json"): "actions",
        ("search", "note", "--json"): "hits",
        ("trash", "--list", "--json"): "meetings",
    }
    for args, key in outputs.items():
        done = run_cli(*args, home=home)
        assert done.returncode == 0, (args, done.stderr)
        data = json.loads(done.stdout)
        assert next(iter(data)) == "version" and data["version"] == 1, args
        assert data[key], (args, data)


def test_search_json_is_plain_text_with_offsets(home: Home) -> None:
    assert run_cli("new", "Offsets", home=home).returncode == 0
    lines = ["/i 1. Health", "UNHCR: the health cluster and the Health Ministry met"]
    assert run_cli("add", "1", *lines, home=home).returncode == 0
    done = run_cli("search", "health", "--json", home=home)
    (hit, *_) = [h for h in json.loads(done.stdout)["hits"] if h["kind"] == "entry"]
    assert hit["snippet"] == "the health cluster and the Health Ministry met"
    assert hit["summary"] == "UNHCR: the health cluster and the Health Ministry met"
    assert hit["highlights"]["snippet"] == [[4, 10], [27, 33]]
    assert [hit["summary"][a:b] for a, b in hit["highlights"]["summary"]] == ["health", "Health"]
    assert hit["highlights"]["who"] == []
    who = json.loads(run_cli("search", "who:UNHCR", "--json", home=home).stdout)["hits"][0]
    assert (who["who"], who["highlights"]["who"]) == ("UNHCR", [[0, 5]])


def test_new_is_dated_today_unless_asked(home: Home) -> None:
    today = dt.date.today().isoformat()
    assert run_cli("new", "Today", home=home).stdout.strip() == "1"
    assert run_cli("new", "Undated", "--undated", home=home).returncode == 0
    assert run_cli("new", "None", "--date", "none", home=home).returncode == 0
    assert run_cli("new", "Chosen", "--date", "2020-07-09", home=home).returncode == 0
    assert run_cli("new", "Next", "--from", "4", home=home).returncode == 0
    dates = {
        m["title"]: m["date"]
        for m in json.loads(run_cli("list", "--json", home=home).stdout)["meetings"]
    }
    assert dates == {
        "Today": today,
        "Undated": None,
        "None": None,
        "Chosen": "2020-07-09",
        "Next": today,  # the next meeting of a series inherits no date
    }
    both = run_cli("new", "Both", "--date", "2020-01-01", "--undated", home=home)
    assert both.returncode == 2 and "not allowed with" in both.stderr
    # `edit --date none` takes a date away.
    assert run_cli("edit", "1", "--date", "none", home=home).returncode == 0
    assert json.loads(run_cli("show", "1", "--json", home=home).stdout)["date"] is None


def test_the_command_line_page_names_every_command() -> None:
    section = CLI_DOC.read_text(encoding="utf-8")
    for command in SUBCOMMANDS:
        assert re.search(rf"^minutes {re.escape(command)}\b", section, re.M), command
    for flag in ("--version", "--undated", "--json", "--yes"):
        assert flag in section, flag
    for code in ("130", "141", "3"):
        assert code in section
