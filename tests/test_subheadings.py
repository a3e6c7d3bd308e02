"""Nested unnumbered headings (issue 26): `/i - A`, `/i -- B`, `/i --- C` are headings one
level below the other, in the grammar, the recalled line and every exported record."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from minutes_tui.capture import parse_line
from minutes_tui.capture.unparse import item_line_of
from minutes_tui.cli import main
from minutes_tui.config import Home

SCRIPT = """---
title: Subs
body: IASC RG1
---
/i - KEY RESULTS
Top text.
/i -- Localization
Second level text.
/i --- Pilots
Third level text.
/i Numbered now
"""


def test_dashes_give_the_heading_its_level_and_read_back_as_typed() -> None:
    for line, label in (("/i - A", ""), ("/i -- B", "-"), ("/i --- C", "--")):
        entry = parse_line(line)
        assert (entry.kind, entry.label, entry.title) == ("item", label, line.split()[-1])  # type: ignore[union-attr]
        assert item_line_of(label, line.split()[-1]) == line


def test_sub_headings_nest_in_markdown_and_word(home: Home, tmp_path: Path) -> None:
    path = tmp_path / "subs.minutes"
    path.write_text(SCRIPT, encoding="utf-8")
    assert main(["--home", str(home.root), "import", str(path)]) == 0
    md, docx = tmp_path / "subs.md", tmp_path / "subs.docx"
    assert main(["--home", str(home.root), "export", "1", "--out", str(md)]) == 0
    headings = [line for line in md.read_text("utf-8").splitlines() if line.startswith("#")]
    assert headings == [
        "# Subs",
        "## KEY RESULTS",
        "### Localization",
        "#### Pilots",
        "## 1. Numbered now",  # a sub-heading takes no number from the items after it
    ]
    args = ["export", "1", "--format", "docx", "--out", str(docx)]
    assert main(["--home", str(home.root), *args]) == 0
    doc = Document(str(docx))
    assert [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Head")] == [
        ("Heading 1", "KEY RESULTS"),
        ("Heading 2", "Localization"),
        ("Heading 3", "Pilots"),
        ("Heading 1", "1. Numbered now"),
    ]
