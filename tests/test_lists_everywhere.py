"""Every list kept in every style (issue 26): each list form (`- `, `1) `, `1. `, `(i) `)
typed after a point, after an action, after an unnumbered heading and first in a numbered
item, exported in every record style of a meeting and in both formats, read back: all
three items of every list are there, as list items, in order, numbered 1, 2, 3.

The actions style prints no narrative by design (action points and their status table):
there only the lists typed after an action (its sub-items) are asked for. The workplan is
a body's register, not a meeting's record, and carries no lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from minutes_tui.cli import main
from minutes_tui.config import Home

FORMS = {"dash": "- ", "paren": "{n}) ", "dot": "{n}. ", "roman": "({r}) "}
ROMAN = {1: "i", 2: "ii", 3: "iii"}
CONTEXTS = ("point", "action", "heading", "first")
STYLES = ("summary", "summary-status", "minutes", "actions", "response-plan")


def marker(form: str, n: int) -> str:
    return FORMS[form].format(n=n, r=ROMAN[n])


def item(form: str, context: str, n: int) -> str:
    return f"{context} {form} item {n}"


def script() -> str:
    lines = ["---", "title: Lists", "body: IASC OPAG", "date: 2021-05-18", "---"]
    for number, form in enumerate(FORMS, 1):
        lines.append(f"/i {number} Recommendation {form}")
        lines.append(f"Point before the {form} list.")
        lines += [marker(form, n) + item(form, "point", n) for n in (1, 2, 3)]
        lines.append(f"/a Act on the {form} recommendation [OCHA]")
        lines += [marker(form, n) + item(form, "action", n) for n in (1, 2, 3)]
        lines.append(f"/i - Recommendation {form}, a heading:")
        lines += [marker(form, n) + item(form, "heading", n) for n in (1, 2, 3)]
        lines.append(f"/i {number}.1 First in an item {form}")
        lines += [marker(form, n) + item(form, "first", n) for n in (1, 2, 3)]
    return "\n".join(lines) + "\n"


# A Markdown list line: its marker, then the item ("- x", "2. x", "- (ii) x": CommonMark
# numbers in decimal only, so a roman list is bullets that carry their numbers).
MD_ITEM = re.compile(r"^\s*(?:[-*+•]\s+(?:\(([ivx]+)\)\s+)?|([0-9]+)[.)]\s+)(.*?)(?:\s+—.*)?$")


def md_items(md: str) -> dict[str, str | None]:
    """Every list item's text → its number as written (None for a bullet)."""
    out: dict[str, str | None] = {}
    for line in md.splitlines():
        cells = line.strip().strip("|").split(" | ") if line.startswith("|") else [line]
        for cell in cells:
            for part in cell.split("<br>"):  # a list inside a table cell
                if m := MD_ITEM.match(part.strip()):
                    out[m.group(3).strip()] = m.group(1) or m.group(2)
    return out


def docx_paragraphs(path: Path) -> dict[str, str]:
    """Every paragraph's text (table cells too) → its style name."""
    doc = Document(str(path))
    out = {p.text.strip(): p.style.name for p in doc.paragraphs}
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    out[p.text.lstrip("• ").split(" — ")[0].strip()] = "cell"
    return out


def asked(style: str) -> list[str]:
    return ["action"] if style == "actions" else list(CONTEXTS)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    root = tmp_path_factory.mktemp("lists")
    home = Home(root / "home")
    path = root / "lists.minutes"
    path.write_text(script(), encoding="utf-8")
    assert main(["--home", str(home.root), "import", str(path)]) == 0
    out = {}
    for style in STYLES:
        for fmt in ("md", "docx"):
            target = root / f"{style}.{fmt}"
            args = ["--style", style, "--format", fmt, "--out", str(target)]
            assert main(["--home", str(home.root), "export", "1", *args]) == 0
            out[style, fmt] = target
    return out


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("form", FORMS)
def test_every_list_is_kept_in_markdown(
    exported: dict[tuple[str, str], Path], style: str, form: str
) -> None:
    items = md_items(exported[style, "md"].read_text("utf-8"))
    for context in asked(style):
        texts = [item(form, context, n) for n in (1, 2, 3)]
        assert all(t in items for t in texts), (context, [t for t in texts if t not in items])
        numbers = [items[t] for t in texts]
        if form == "dash" or context == "action":
            continue  # bullets; an action's sub-items are its component list
        expected = ["i", "ii", "iii"] if form == "roman" else ["1", "2", "3"]
        assert numbers == expected, (context, numbers)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("form", FORMS)
def test_every_list_is_kept_in_word(
    exported: dict[tuple[str, str], Path], style: str, form: str
) -> None:
    paragraphs = docx_paragraphs(exported[style, "docx"])
    for context in asked(style):
        for n in (1, 2, 3):
            text = item(form, context, n)
            assert text in paragraphs, (context, text)
            kind = paragraphs[text]
            assert kind.startswith("List") or kind == "cell", (context, text, kind)
