"""The tool's own French, Spanish and Arabic records import back as its English ones do:
every style, Markdown and Word, keeps its actions, decisions, participants, date and
title (the sensitivity banner is no part of the title)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.record_fixtures import load_meeting

LINES = (
    "/p Mme Awa Traoré, Coordinatrice, HCR (Chair)",
    "/i Situation",
    "BCAH: les déplacements augmentent.",
    "/d Le cluster adopte la note.",
    "/a Envoyer le rapport [HCR] by 20 March 2024",
)


@pytest.mark.parametrize("form", ["md", "docx"])
@pytest.mark.parametrize("style", ["summary", "minutes", "actions", "summary-status"])
@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_an_own_record_in_each_language_imports_back(
    tmp_path: Path, language: str, style: str, form: str
) -> None:
    source, home = tmp_path / "source", tmp_path / "imported"
    made = run_cli(
        "new", "Réunion cluster", "--language", language, "--date", "2024-03-12",
        "--style", style, home=source,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert run_cli("add", "1", *LINES, home=source).returncode == 0
    out = tmp_path / f"record.{form}"
    assert run_cli("export", "1", "--format", form, "--out", out, home=source).returncode == 0

    got = run_cli("import-record", out, home=home)
    assert got.returncode == 0, got.stderr
    meeting = load_meeting(home, 1)

    assert meeting.title == "Réunion cluster"
    assert meeting.date == dt.date(2024, 3, 12)
    assert [(a.text, a.owners, a.due_date) for a in meeting.actions] == [
        ("Envoyer le rapport", ["HCR"], dt.date(2024, 3, 20))
    ]
    if style != "actions":  # the action register writes no decisions nor participants
        assert [e.text for e in meeting.entries if e.kind == "decision"] == [
            "Le cluster adopte la note."
        ]
        assert [p.name for p in meeting.participants] == ["Mme Awa Traoré"]
