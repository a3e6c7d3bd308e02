"""The back catalogue: real records written before the tool (copied into
tests/fixtures/backcatalogue/), a deliberately messy one, Word, PDF text, folders."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from minutes_tui.domain.snapshot import MeetingData
from tests.helpers import run_cli
from tests.record_fixtures import load_meeting
from tests.roundtrip import import_into

RECORDS = Path(__file__).parent / "fixtures" / "backcatalogue"
OPAG_TXT = RECORDS / "summary-record-opag-session-vii.txt"
IM_TXT = RECORDS / "minutes-im-network-march-2020.txt"
MESSY_TXT = RECORDS / "messy-protection-cluster.txt"

# The follow-up actions of the OPAG summary record, with their owners as it prints them.
OPAG_ACTIONS = [(n, "RG1 sub-group on data responsibility") for n in range(1, 6)] + [
    (6, "OPAG"),
    (7, "RG3"),  # printed on its two sub-items only: lifted, and said so in the notes
]


def imported(tmp_path: Path, path: Path, body: str | None = None) -> MeetingData:
    home = tmp_path / "home"
    return load_meeting(home, import_into(home, path, body=body))


def test_opag_summary_record(tmp_path: Path) -> None:
    m = imported(tmp_path, OPAG_TXT, body="IASC OPAG")
    assert (m.body, m.session, str(m.date), m.style) == (
        "IASC OPAG",
        "Session VII",
        "2020-07-09",
        "summary",
    )
    assert m.introduction and m.introduction.startswith("The Operational Policy")
    assert [(i.label, i.title[:20]) for i in m.items] == [
        ("7.1", "DIGITIZATION AND DAT"),
        ("7.2", "RESULTS GROUP 3 ON C"),
        ("AOB", "Any other business"),
    ]
    spoke = [(e.speaker, e.text.split()[0]) for e in m.entries if e.speaker]
    assert spoke == [
        ("UNHCR", "raised"),
        ("IFRC", "expressed"),
        ("ICRC", "echoed"),
        ("IOM", "suggested"),  # its paragraph broken by a page, joined again
        ("CARE", "highlighted"),
        ("InterAction", "underscored"),
        ("OCHA", "as"),
        ("InterAction", "commented"),
    ]
    iom = next(e for e in m.entries if e.speaker == "IOM")
    assert "suggested as a way to facilitate access to services" in iom.text
    found = [(a.number, "; ".join(a.owners)) for a in sorted(m.actions, key=lambda a: a.number)]
    assert found == OPAG_ACTIONS
    assert [s.owners for s in m.actions[6].sub_items] == [["RG3"], ["RG3"]]
    people = {(p.honorific, p.name, p.organisation, p.role) for p in m.participants}
    assert len(m.participants) == 36
    assert ("Ms.", "Arafat Jamal", "UNHCR", None) in people
    assert ("Ms.", "Valerie Guarrieri", "WFP", "Co-Chair") in people
    assert ("Mr.", "Julien Schopp", None, "Presenter") in people
    assert ("Ms.", "Mervat Shelbaya", None, "Secretariat") in people
    assert m.status == "draft"


def test_im_network_minutes(tmp_path: Path) -> None:
    m = imported(tmp_path, IM_TXT, body="IM Network")
    assert (m.title, str(m.date), m.style, m.chair) == (
        "Information Management Network Meeting",
        "2020-03-03",
        "minutes",
        "Shon Campbell, MIMU Manager",
    )
    assert m.introduction == "Follow-on Open Data and Big Data"
    assert [i.label for i in m.items] == ["1", "2", "2", "3"]  # as numbered in the record
    assert m.items[0].presenters == "Mathew Richard (Information Management Officer) UNHCR"
    by = {e.speaker for e in m.entries if e.speaker}
    assert {"UNHCR", "DAI", "MIMU", "OCHA", "NRC", "UN-Habitat"} <= by
    discussion = next(e for e in m.entries if e.speaker == "UNHCR")
    assert discussion.text.startswith("collects information and data")
    assert (str(m.next_date), m.next_time) == ("2020-05-06", "15:00")
    assert m.actions == []  # the record numbers no actions ("OCHA will share …" stays a point)


def test_the_messy_record_keeps_every_paragraph_and_says_what_it_could_not_place(
    tmp_path: Path,
) -> None:
    result = run_cli("import-record", MESSY_TXT, "--dry-run", home=tmp_path / "h")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "date: — (none found)" in out
    assert "item Access and humanitarian space" in out  # a heading typed as bold text
    assert "action 1: Share the updated access map with all partners — owners: OCHA" in out
    assert "action 4: Update the contingency plan for the rainy season — owners: UNICEF" in out
    assert "could not place (4; kept as plain points)" in out
    assert "table row kept as a point: Warehouse | Capacity" in out
    assert "a short line kept as a point (a heading?): Child protection" in out
    assert "[Ms. Haddad] stressed" in out  # the chair, named in the header
    assert run_cli("list", home=tmp_path / "h").stdout.strip() in ("", "No meetings yet.")

    m = imported(tmp_path, MESSY_TXT)
    assert m.date is None and m.status == "draft"
    stored = " ".join(
        [f"{e.speaker or ''} {e.text}" for e in m.entries]
        + [a.text for a in m.actions]
        + [i.title for i in m.items]
        + [m.title, m.chair or ""]
    )
    stored = " ".join(stored.split())
    # structure the record prints in its own words ("Follow-up actions", its table head)
    structure = {"Agreed next steps", "| Action point | Lead | Status |"}
    for line in MESSY_TXT.read_text("utf-8").splitlines():
        if not line.strip() or line in structure:
            continue
        if line.startswith("|"):  # a table row: its first cell (a wrapped one continues)
            line = line.split("|")[1]
        line = re.sub(r"^Chair:\s*", "", line)
        words = re.sub(r"^\W*(\d+\.)?\s*|[*\[\]()]", " ", line).split()[:4]
        assert " ".join(words) in stored, line
    statuses = {a.number: a.status for a in m.actions}
    assert statuses == {1: "pending", 2: "pending", 3: "pending", 4: "in_progress", 5: "pending"}


def _messy_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("WASH Cluster meeting")
    p = d.add_paragraph()
    p.add_run("Water trucking").bold = True  # a heading typed as bold text
    d.add_paragraph("WFP raised the cost of fuel for the trucks in the eastern camps.")
    p = d.add_paragraph()
    p.add_run("Decision:").bold = True
    p.add_run(" trucking continues until the pipeline is repaired.")
    d.add_paragraph("Follow-up actions:")
    d.add_paragraph("1. Cost the pipeline repair [UNICEF] by 2021-05-01")  # numbered by hand
    d.add_paragraph("2. Share the trucking schedule (OCHA)")
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "Action", "Lead", "Status"
    merged = table.cell(1, 0).merge(table.cell(1, 2))
    merged.text = "CAMP EAST"
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = (
        "Repair the borehole",
        "NRC",
        "completed",
    )
    d.add_paragraph("Odd note without a home")
    d.save(str(path))


def test_a_messy_word_record(tmp_path: Path) -> None:
    path = tmp_path / "wash.docx"
    _messy_docx(path)
    m = imported(tmp_path, path)
    assert [i.title for i in m.items] == ["Water trucking"]
    assert [(e.kind, e.speaker) for e in m.entries][:2] == [("point", "WFP"), ("decision", None)]
    assert [(a.number, a.text, a.owners, a.group, a.status) for a in m.actions] == [
        (1, "Cost the pipeline repair", ["UNICEF"], None, "pending"),
        (2, "Share the trucking schedule", ["OCHA"], None, "pending"),
        (3, "Repair the borehole", ["NRC"], "CAMP EAST", "completed"),
    ]
    assert str(m.actions[0].due_date) == "2021-05-01"
    assert any(e.text == "Odd note without a home" for e in m.entries)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_a_pdf_record(tmp_path: Path) -> None:
    from tests.pdf import tiny_pdf

    path = tmp_path / "rg.pdf"
    path.write_bytes(
        tiny_pdf(
            [
                "Results Group Meeting",
                "",
                "12 March 2021",
                "",
                "1. Localization",
                "",
                "UNHCR noted that the survey was late and that the results would be",
                "shared by the end of the month.",
                "",
                "Follow-up actions:",
                "1. Share the survey results [OCHA] by mid-April",
                "2. Map the commitments [UNHCR; IOM]",
            ]
        )
    )
    m = imported(tmp_path, path)
    assert (m.title, str(m.date)) == ("Results Group Meeting", "2021-03-12")
    assert [(i.label, i.title) for i in m.items] == [("1", "Localization")]
    assert [(e.speaker, e.text) for e in m.entries] == [
        (
            "UNHCR",
            "noted that the survey was late and that the results would be shared by the "
            "end of the month.",
        )
    ]
    assert [(a.text, a.owners, a.due_text) for a in m.actions] == [
        ("Share the survey results", ["OCHA"], "mid-April"),
        ("Map the commitments", ["UNHCR", "IOM"], None),
    ]


def test_the_meeting_records_its_source_and_stays_a_draft(tmp_path: Path) -> None:
    home = tmp_path / "h"
    result = run_cli("import-record", IM_TXT, "--body", "IM Network", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("meeting 1 (draft): 4 items")
    db = sqlite3.connect(home / "db" / "minutes.sqlite")
    row = db.execute("SELECT meeting_id, file_name, sha256 FROM imported_record").fetchone()
    status = db.execute("SELECT status, body FROM meeting WHERE id = 1").fetchone()
    db.close()
    assert row == (1, IM_TXT.name, hashlib.sha256(IM_TXT.read_bytes()).hexdigest())
    assert status == ("draft", "IM Network")
    again = run_cli("import-record", IM_TXT, home=home)  # the same bytes: refused, said once
    assert again.returncode != 0 and again.stdout == ""
    assert again.stderr.strip().splitlines() == [
        f"minutes: error: {IM_TXT.name} was imported before as meeting 1 (the same file, by its "
        "SHA-256); nothing stored"
    ]
    db = sqlite3.connect(home / "db" / "minutes.sqlite")
    assert db.execute("SELECT count(*) FROM meeting").fetchone() == (1,)
    db.close()


def test_imported_meetings_are_searched_and_tracked(tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert run_cli("import-record", OPAG_TXT, "--body", "IASC OPAG", home=home).returncode == 0
    found = run_cli("search", "biometrics", home=home)
    assert found.returncode == 0 and "2020-07-09" in found.stdout
    tracked = run_cli("actions", home=home)
    assert tracked.returncode == 0
    assert tracked.stdout.count("pending") == 7
    assert "Support the expedited finalization" in tracked.stdout


def test_a_folder_imports_in_date_order_as_series(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    for n, (date, topic) in enumerate(
        [("5 May 2021", "May"), ("3 March 2021", "March"), ("7 April 2021", "April")]
    ):
        (folder / f"{n}-rg.md").write_text(
            f"IASC RG1\n\n# Results Group 1 on Operational Response\n\n{date}\n\n"
            f"## 1. {topic} update\n\nOCHA: reported on {topic}.\n",
            "utf-8",
        )
    (folder / "other.md").write_text("# IM Network meeting\n\n2 April 2021\n\nA point.\n", "utf-8")
    home = tmp_path / "h"
    result = run_cli("import-record", folder, home=home)
    assert result.returncode == 0, result.stderr
    progress = [line for line in result.stdout.splitlines() if line.startswith("[")]
    assert [line.split()[1] for line in progress] == ["1-rg.md", "other.md", "2-rg.md", "0-rg.md"]
    assert "file" in result.stdout and "unplaced" in result.stdout  # the summary table
    db = sqlite3.connect(home / "db" / "minutes.sqlite")
    rows = db.execute("SELECT id, body, date, previous_id FROM meeting ORDER BY date").fetchall()
    db.close()
    assert rows == [
        (1, "IASC RG1", "2021-03-03", None),
        (2, None, "2021-04-02", None),
        (3, "IASC RG1", "2021-04-07", 1),
        (4, "IASC RG1", "2021-05-05", 3),
    ]
    again = run_cli("import-record", folder, home=home)
    assert again.stdout.count("skipped, already meeting") == 4


def test_an_unreadable_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    result = run_cli("import-record", bad, home=tmp_path / "h")
    assert result.returncode == 1
    assert result.stderr.startswith("minutes: error: broken.docx: not a Word document")
    assert run_cli("import-record", tmp_path / "missing.md", home=tmp_path / "h").returncode == 1
