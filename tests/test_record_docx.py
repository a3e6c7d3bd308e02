"""The Word renderer: every export is read back with python-docx and checked as a reader
(and Word's XML parser) would see it."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from minutes_tui.domain.snapshot import MeetingData
from minutes_tui.record import build_record, render_docx
from tests import record_fixtures
from tests.record_fixtures import ARABIC, BURMESE, hostile_meeting, synthetic_meeting

# pytest fixtures shared with the other record tests
opag = record_fixtures.opag
opag_data = record_fixtures.opag_data
series = record_fixtures.series


def docx_of(data: MeetingData, path: Path, style: str | None = None, redact: bool = False):  # type: ignore[no-untyped-def]
    render_docx(build_record(data, style, redact), path)
    return Document(str(path))


def styled(doc) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(p.style.name, p.text) for p in doc.paragraphs]


def list_numbers(doc) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """(shown number, text) of every List Number paragraph, resolving w:num start overrides."""
    numbering = doc.part.numbering_part.element
    starts = {}
    for num in numbering.findall(qn("w:num")):
        override = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        start = int(override.get(qn("w:val"))) if override is not None else 1
        starts[num.get(qn("w:numId"))] = start
    counters: dict[str, int] = {}
    out = []
    for p in doc.paragraphs:
        if p.style.name != "List Number":
            continue
        num_id = p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
        counters[num_id] = counters.get(num_id, starts[num_id] - 1) + 1
        out.append((counters[num_id], p.text))
    return out


def all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))
        )


# ---- the OPAG summary record ----------------------------------------------------------


def test_opag_docx_uses_real_styles(opag: MeetingData, tmp_path: Path) -> None:
    doc = docx_of(opag, tmp_path / "opag.docx")
    paras = styled(doc)
    assert paras[0] == ("Normal", "IASC OPAG")
    assert paras[1] == ("Title", "Operational Policy and Advocacy Group (OPAG) Meeting")
    assert paras[2:5] == [
        ("Subtitle", "SESSION VII"),
        ("Subtitle", "9 July 2020"),
        ("Subtitle", "Summary Record"),
    ]
    assert [t for s, t in paras if s == "Heading 1"] == [
        "INTRODUCTION",
        "SESSION 7.1: DIGITIZATION AND DATA RESPONSIBILITY IN LIGHT OF COVID-19",
        "SESSION 7.2: RESULTS GROUP 3 ON COLLECTIVE ADVOCACY - PROGRESS UPDATE",
        "AOB",
        "ANNEX: PARTICIPANTS LIST",
    ]
    unhcr = next(t for s, t in paras if t.startswith("UNHCR raised five points"))
    # the link typed in the point is a hyperlink: its text is there, its Markdown is not
    assert unhcr.endswith(
        "the recently published UN Secretary-General's Roadmap for Digital Cooperation."
    )
    sub = (
        "List Bullet 2",
        "Finalize best practices relating to the engagement with armed non state armed groups "
        "[RG3]",
    )
    assert sub in paras


def test_opag_docx_actions_are_numbered_1_to_7(opag: MeetingData, tmp_path: Path) -> None:
    doc = docx_of(opag, tmp_path / "opag.docx")
    numbered = list_numbers(doc)
    assert [n for n, _ in numbered] == [1, 2, 3, 4, 5, 6, 7]
    assert numbered[0][1].startswith("Accelerate the finalization of the operational guidance")
    assert numbered[0][1].endswith(" [RG1 sub-group on data responsibility]")
    assert numbered[5][1] == (
        "Support the expedited finalization and endorsement of the protection key messages [OPAG]"
    )
    # owners are an italic run inside brackets
    first = next(p for p in doc.paragraphs if p.style.name == "List Number")
    assert [r.text for r in first.runs if r.italic] == ["RG1 sub-group on data responsibility"]
    labels = [p for p in doc.paragraphs if p.text == "Follow-Up Actions:"]
    assert len(labels) == 2 and all(r.bold for p in labels for r in p.runs)
    assert all(p.paragraph_format.keep_with_next for p in labels)


def test_opag_docx_annex_groups_by_organisation(opag: MeetingData, tmp_path: Path) -> None:
    doc = docx_of(opag, tmp_path / "opag.docx")
    (table,) = doc.tables
    assert table.style.name == "Light List Accent 1"
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Organisation", "Participants"]
    assert rows[1] == [
        "OPAG Co-Chair",
        "Ms. Valerie Guarrieri, Assistant Executive Director, WFP\n"
        "Mr. Geir Olav Lisle, Deputy Secretary-General, NRC",
    ]
    assert ["UNICEF", "Ms. Meritxell Relano\nMs. Segolene Adam"] in rows
    assert ["ICVA", "Ms. Mirela Shuteriqi\nMr. Jeremy Wellard\nMr. Jeremy Rempel"] in rows
    labels = [r[0] for r in rows[2:]]
    assert labels == sorted(labels, key=str.casefold) and len(labels) == 21
    # several names of one organisation: one paragraph each in one cell
    assert len(table.rows[1].cells[1].paragraphs) == 2
    assert table.rows[1].cells[0].paragraphs[0].runs[0].bold
    # the header row repeats on every page
    assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    after = [t for s, t in styled(doc) if s == "List Bullet"]
    assert "Mr. Julien Schopp, RG 1 co-Chair" in after
    assert "Ms. Mervat Shelbaya, Head of the IASC secretariat" in after


def test_header_footer_and_properties(opag: MeetingData, tmp_path: Path) -> None:
    path = tmp_path / "opag.docx"
    doc = docx_of(opag, path)
    section = doc.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["RESTRICTED · DRAFT"]
    footer_xml = section.footer._element.xml
    instr = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer_xml)
    assert [i.strip() for i in instr] == ["PAGE", "NUMPAGES"]
    assert footer_xml.count('w:fldCharType="begin"') == 2
    assert section.footer.paragraphs[0].text == "Page 1 of 1"
    props = doc.core_properties
    assert props.title.startswith(
        "Operational Policy and Advocacy Group (OPAG) Meeting, Session VII, 9 July 2020"
    )
    assert props.author == "IASC secretariat"
    assert props.last_modified_by == "IASC secretariat"
    assert props.created == dt.datetime(2020, 7, 9, tzinfo=dt.UTC)
    assert "python-docx" not in all_xml(path)
    assert round(section.page_width.cm, 1) == 21.0


def test_author_defaults_to_the_app(opag: MeetingData, tmp_path: Path) -> None:
    opag.rapporteur = None
    assert docx_of(opag, tmp_path / "a.docx").core_properties.author == "minutes-tui"


# ---- inline Markdown ------------------------------------------------------------------


def test_markdown_becomes_real_runs_and_hyperlinks(series: MeetingData, tmp_path: Path) -> None:
    doc = docx_of(series, tmp_path / "series.docx", "summary")
    para = next(p for p in doc.paragraphs if p.text.startswith("The Profile Global"))
    assert [r.text for r in para.runs if r.bold] == ["Profile Global Registration System"]
    para = next(p for p in doc.paragraphs if "Terms and Conditions" in p.text)
    assert [r.text for r in para.runs if r.italic] == ["Terms and Conditions"]
    decision = next(p for p in doc.paragraphs if p.text.startswith("Decision:"))
    assert decision.runs[0].text == "Decision:" and decision.runs[0].bold
    links = decision._p.findall(qn("w:hyperlink"))
    assert len(links) == 1
    rel = doc.part.rels[links[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://www.unhcr.org/data-protection"
    link_runs = links[0].findall(qn("w:r"))
    assert "".join(r.findtext(qn("w:t")) for r in link_runs) == "the policy"
    assert link_runs[0].find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "Hyperlink"
    assert decision.text == "Decision: Registration data stays with UNHCR; see the policy."


def test_notes_lists_become_word_lists(tmp_path: Path) -> None:
    doc = docx_of(hostile_meeting(big=10), tmp_path / "h.docx")
    paras = styled(doc)
    i = paras.index(("Normal", "Multi-line note:"))
    assert paras[i + 1 : i + 5] == [
        ("List Bullet", "first bullet"),
        ("List Bullet", "second bullet"),
        ("List Number", "one"),
        ("List Number", "two"),
    ]
    # the note's numbered list starts at 1 of its own, not after the actions
    assert (1, "one") in list_numbers(doc) and (2, "two") in list_numbers(doc)


def test_inline_code_is_monospace(tmp_path: Path) -> None:
    doc = docx_of(hostile_meeting(big=10), tmp_path / "h.docx")
    para = next(p for p in doc.paragraphs if p.text.startswith("bold italic code"))
    runs = {r.text: r for r in para.runs}
    assert runs["bold"].bold and runs["italic"].italic
    assert runs["code"].font.name == "Courier New"
    assert para._p.findall(qn("w:hyperlink"))


# ---- other styles ---------------------------------------------------------------------


def test_actions_docx_tables(series: MeetingData, tmp_path: Path) -> None:
    doc = docx_of(series, tmp_path / "actions.docx", "actions")
    paras = styled(doc)
    i = paras.index(("Heading 1", "Follow-up actions"))
    assert paras[i + 1 : i + 3] == [
        ("List Number", "Present the Inform model to the network [OCHA] — by 6 May 2020 (#4)"),
        ("List Bullet 2", "Share the weblink for the index [OCHA]"),
    ]
    (previous,) = doc.tables
    header = [c.text for c in previous.rows[0].cells]
    assert header == ["Action Point", "Lead", "Status", "Progress Overview"]
    assert [[c.text for c in r.cells][2] for r in previous.rows[1:]] == [
        "Completed",
        "In Progress",
        "Pending",
    ]
    for table in doc.tables:
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_minutes_docx(series: MeetingData, tmp_path: Path) -> None:
    doc = docx_of(series, tmp_path / "m.docx")
    paras = styled(doc)
    assert ("Title", "Minutes - Information Management Network Meeting, 3 March 2020") in paras
    assert ("Normal", "Participants: see list below") in paras
    i = paras.index(("Normal", "DISCUSSION:"))
    assert paras[i + 1][0] == "List Bullet"
    assert paras[i + 1][1].startswith("UNHCR collects information")


# ---- redaction ------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["summary", "minutes", "actions"])
def test_redacted_docx_has_no_personal_names(opag: MeetingData, tmp_path: Path, style: str) -> None:
    plain, redacted = tmp_path / "plain.docx", tmp_path / "redacted.docx"
    render_docx(build_record(opag, style), plain)
    render_docx(build_record(opag, style, redact=True), redacted)
    names = [p.name for p in opag.participants if p.name]
    text = all_xml(redacted)  # body, header, footer, core and app properties, relationships
    leaked = [n for n in names if n in text or n.split()[-1] in text]
    assert leaked == []
    if style != "actions":
        assert any(n in all_xml(plain) for n in names)  # the check can fail
    assert Document(str(redacted)).core_properties.author == "IASC secretariat"


# ---- hostile content ------------------------------------------------------------------


@pytest.mark.parametrize("style", ["summary", "minutes", "actions", "workplan", "response-plan"])
def test_hostile_content_survives_docx(style: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.docx"
    doc = docx_of(hostile_meeting(), path, style)  # opens again: the XML is valid
    text = all_xml(path)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text)
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "bell null escape vt ff del" in body + cells
    assert ARABIC in body + cells
    external = [r.target_ref for r in doc.part.rels.values() if r.is_external]
    assert not [t for t in external if "javascript" in t]
    if style not in ("actions", "workplan"):
        assert "x" * 1_000_000 in body
        assert BURMESE in body
        assert "<div>html block</div>" in body and "# not a heading" in body
        arabic = next(p for p in doc.paragraphs if ARABIC in p.text)
        assert arabic._p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
        # Arabic runs read right to left; the speaker's Latin acronym is a run of its own
        # that does not (a w:rtl run reads its spaces right to left).
        runs = {r.text: r._r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None for r in arabic.runs}
        assert runs[next(t for t in runs if ARABIC in t)] and runs.get("UNHCR") is False
        english = next(p for p in doc.paragraphs if p.text.startswith("bold italic"))
        assert english._p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is None
    elif style == "actions":
        group, row = ([c.text for c in r.cells] for r in doc.tables[0].rows[1:])
        assert group == ["Topic | `g` <b>"] * 4  # one cell across the four columns
        assert row == [
            "Review a|b | pipe <b>x</b> (#9, agreed 5 January 2021)",
            "O|CHA",
            "In Progress",
            "progress | with <i>html</i>",
        ]
    else:
        row = [c.text for c in doc.tables[0].rows[1].cells]
        assert row[0] == "Area | <i>x</i> `y`"
        assert row[1] == (
            "Fix the a|b pipe | issue <b>now</b> (#1)\n"
            "• sub | pipe x|y (O|CHA; Q3 | <b>)\nComments: c | d <i>e</i>"
        )
        assert row[3] == "UN|HCR; `WFP`"


def test_render_to_a_stream(opag: MeetingData) -> None:
    buffer = io.BytesIO()
    render_docx(build_record(opag), buffer)
    buffer.seek(0)
    assert Document(buffer).paragraphs[1].text.startswith("Operational Policy")


# ---- imports and speed ----------------------------------------------------------------


def test_importing_the_record_package_does_not_import_docx() -> None:
    code = (
        "import sys, minutes_tui.record; "
        "bad = [m for m in sys.modules if m == 'docx' or m.startswith(('docx.', 'textual'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_styles_are_resolved_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from docx.styles.styles import Styles

    calls = 0
    original = Styles.__getitem__

    def counting(self, key):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return original(self, key)

    monkeypatch.setattr(Styles, "__getitem__", counting)
    render_docx(build_record(synthetic_meeting(items=4, points=40, actions=8)), io.BytesIO())
    small = calls
    calls = 0
    render_docx(build_record(synthetic_meeting()), io.BytesIO())
    assert calls == small < 30


def test_a_long_meeting_exports_whole() -> None:
    """(Its speed is a benchmark: `make bench`, "Word export", not a timed test.)"""
    data = synthetic_meeting(items=20, points=2000, actions=60)
    buffer = io.BytesIO()
    render_docx(build_record(data), buffer)
    doc = Document(io.BytesIO(buffer.getvalue()))
    assert [n for n, _ in list_numbers(doc)] == list(range(1, 61))
