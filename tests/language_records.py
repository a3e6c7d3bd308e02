"""The French, Spanish and Arabic records of tests/fixtures/languages as Word files, the
way a rapporteur types them: a Title, Heading 2 sections, bold lead-ins ("Date :"),
List Bullet and List Number paragraphs, real tables. Built with python-docx at test time
(`build_docx`), or once by hand to look at: `python tests/language_records.py OUT_DIR`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

FOLDER = Path(__file__).parent / "fixtures" / "languages"
RECORDS = sorted(FOLDER.glob("*.md"))  # also built as Word
TEXTS = sorted(FOLDER.glob("*.txt"))  # as pdftotext or a copy out of Word gives them

_LEAD_RE = re.compile(r"\*\*([^*]+?)\*\*\s*(.*)")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _paragraph(d: object, text: str, style: str | None = None) -> None:
    p = d.add_paragraph(style=style)  # type: ignore[attr-defined]
    if (m := _LEAD_RE.fullmatch(text)) is not None:  # "**Lieu :** Goma": a bold lead-in
        p.add_run(m.group(1)).bold = True
        if m.group(2):
            p.add_run(" " + m.group(2))
    else:
        p.add_run(text)


def build_docx(markdown: Path, path: Path) -> Path:
    import docx

    d = docx.Document()
    lines = markdown.read_text("utf-8").splitlines()
    n = 0
    while n < len(lines):
        line = lines[n].strip()
        n += 1
        if not line:
            continue
        if line.startswith("# "):
            d.add_paragraph(line[2:], style="Title")
        elif line.startswith("## "):
            d.add_heading(line[3:], level=2)
        elif line.startswith("- "):
            _paragraph(d, line[2:], "List Bullet")
        elif re.match(r"[0-9]+\. ", line):
            _paragraph(d, line.split(" ", 1)[1], "List Number")
        elif line.startswith("|"):
            rows = [_cells(line)]
            while n < len(lines) and lines[n].strip().startswith("|"):
                if not re.fullmatch(r"[|\s:-]+", lines[n].strip()):
                    rows.append(_cells(lines[n]))
                n += 1
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            _paragraph(d, line)
    d.save(str(path))
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for record in RECORDS:
        print(build_docx(record, out / f"{record.stem}.docx"))
