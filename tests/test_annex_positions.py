"""The participants annex shows each participant's position as the rapporteur typed it
(`/p Mr. Omar Saleh, Shelter Officer, NRC`), in Word and Markdown, summary and minutes;
a redacted annex still names nobody."""

from __future__ import annotations

import io

import docx

from minutes_tui.config import Home
from tests.helpers import run_cli

PEOPLE = (
    "/p Ms. Amal Haddad, Coordinator, UNHCR (chair)",
    "/p Mr. Omar Saleh, Shelter Officer, NRC <omar.saleh@nrc.no>",
    "/p NRC: Ms. Lina Aziz",  # no position typed: the name alone
)


def _meeting(home: Home) -> None:
    assert run_cli("new", "Shelter", "--date", "2026-12-07", home=home).returncode == 0
    done = run_cli("add", "1", *PEOPLE, "/i 1 Opening", "OCHA: a point", home=home)
    assert done.returncode == 0, done.stderr


def _export(home: Home, *args: str) -> bytes:
    done = run_cli("export", "1", "--out", "-", *args, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout_bytes


def _docx_cells(payload: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(payload))
    return [[c.text for c in row.cells] for t in document.tables for row in t.rows]


def test_a_participants_position_is_in_every_annex(home: Home) -> None:
    _meeting(home)
    for style in ("summary", "minutes"):
        md = _export(home, "--format", "md", "--style", style).decode()
        assert "| NRC | Mr. Omar Saleh, Shelter Officer; Ms. Lina Aziz |" in md, md
        assert "Ms. Amal Haddad, Coordinator, UNHCR" in md
        rows = _docx_cells(_export(home, "--format", "docx", "--style", style))
        nrc = [r for r in rows if r[0] == "NRC"]
        assert nrc and "Mr. Omar Saleh, Shelter Officer" in nrc[0][1], rows
        assert "Ms. Lina Aziz" in nrc[0][1]
    # ...and a redacted annex still names nobody, position or not
    md = _export(home, "--format", "md", "--redact").decode()
    word = "\n".join(
        " ".join(r) for r in _docx_cells(_export(home, "--format", "docx", "--redact"))
    )
    for text in (md, word):
        assert "Omar" not in text and "Saleh" not in text and "Shelter Officer" not in text
        assert "| NRC | 2 |" in md
