"""The register's documents, from capture scripts replayed through the grammar and the
store: the action-points review table under topics, the workplan progress report, the
management response plan; each read back from Markdown and from Word."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from minutes_tui.domain.snapshot import MeetingData, RegisterData
from minutes_tui.record import build_record, render_docx, render_markdown
from minutes_tui.record.builder import build_register_record
from minutes_tui.record.export import ExportError, export_register, render_register
from minutes_tui.record.model import Heading, Paragraph, Record, Table
from tests import record_fixtures
from tests.record_fixtures import load_register

register = record_fixtures.register
response_plan = record_fixtures.response_plan
results_group = record_fixtures.results_group
workplan_home = record_fixtures.workplan_home

LEAD = "OCHA in consultation with UNHCR, UNICEF and other concerned organizations"


def docx(record_bytes: bytes) -> object:
    return Document(io.BytesIO(record_bytes))


def cells(row: object) -> list[str]:
    return [c.text for c in row.cells]  # type: ignore[attr-defined]


# ---- action points: review table under topic rows ------------------------------------


def test_actions_review_table_in_word_has_topic_rows_in_order(
    results_group: MeetingData, tmp_path: Path
) -> None:
    path = tmp_path / "rg1.docx"
    render_docx(build_record(results_group, "actions"), path)
    (table,) = Document(str(path)).tables
    rows = [cells(r) for r in table.rows]
    assert rows[0] == ["Action Point", "Lead", "Status", "Progress Overview"]
    groups = [r[0] for r in rows if len(set(r)) == 1]
    assert groups == ["LOCALIZATION", "ACCOUNTABILITY TO AFFECTED PEOPLE"]
    # a group row is one cell across the table, shaded
    group_tc = table.rows[1]._tr.findall(qn("w:tc"))
    assert len(group_tc) == 1
    assert group_tc[0].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == "4"
    assert rows[2] == [
        "1. Map the localization commitments of each cluster (#1)",
        LEAD,  # one lead, its commas kept
        "In Progress",
        "Twelve of fifteen clusters have mapped their commitments",
    ]
    assert rows[3][0].startswith("2. Draft a guidance note") and rows[3][2] == "Pending"
    assert rows[3][3] == "Not reviewed at this meeting."
    # reviewed in the order 4, 1, 3, shown in the register's order under their topics
    assert [r[0][:2] for r in rows[2:] if len(set(r)) > 1] == ["1.", "2.", "3.", "4."]
    assert rows[6][2:] == [
        "Completed",
        "Survey results shared on 3 March; clusters asked for a country breakdown",
    ]
    assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_actions_own_actions_under_their_topics_with_lead_and_ref(
    results_group: MeetingData,
) -> None:
    md = render_markdown(build_record(results_group, "actions"))
    own = md.split("## Follow-up actions", 1)[1].split("## Review", 1)[0]
    assert own.index("***LOCALIZATION***") < own.index("1. Present the commitments map")
    assert own.index("***FINANCING***") < own.index("2. Collect pooled fund")
    assert f"to the principals [*{LEAD}*] — April 2021 (#5)" in own
    assert "   - Consolidate the cluster returns [*OCHA*] — end of March" in own
    review = md.split("## Review of previous actions", 1)[1]
    assert review.index("| **LOCALIZATION** |") < review.index("| **ACCOUNTABILITY TO AFF")


def test_summary_review_line_names_the_action_and_its_lead(results_group: MeetingData) -> None:
    md = render_markdown(build_record(results_group, "summary"))
    assert (
        "- **Action 4 (previous meeting):** Share the complaints-handling survey results with "
        "all clusters [*OCHA*] — Completed — Survey results shared on 3 March" in md
    )


def test_labelled_paragraph_and_no_group_narrative(results_group: MeetingData) -> None:
    for style in ("summary", "minutes"):
        md = render_markdown(build_record(results_group, style))
        assert "**Key Point:** Local partners asked to co-lead" in md
        # the /g lines name groups; they are never a paragraph of their own
        assert "\n\nLOCALIZATION\n\n" not in md and "- LOCALIZATION" not in md
        assert "\n\nFINANCING\n\n" not in md


# ---- workplan -------------------------------------------------------------------------


def test_workplan_markdown(register: RegisterData) -> None:
    md = render_markdown(build_register_record(register))
    assert "# Progress report – February–June 2021" in md
    assert "**Co-Chairs:** Ms. Ines Barros (UNICEF); Mr. Jonas Lindqvist (IFRC)" in md
    assert "This report covers the Results Group's work from February to June 2021." in md
    assert (
        "**Legend:** **\\[PENDING\\]** Pending · **\\[ONGOING\\]** In Progress · "
        "**\\[CONTINUOUS\\]** Continuous · **\\[COMPLETED\\]** Completed · "
        "**\\[DE-PRIORITIZED\\]** De-prioritized · **\\[DROPPED\\]** Dropped" in md
    )
    header = (
        "| Priority areas of work | Concrete deliverables | Timelines & status | Leads "
        "| Partners | Linkages across groups |"
    )
    assert header in md
    rows = [line for line in md.splitlines() if line.startswith("| ")][2:]
    # the area is written on its first row only
    assert [r.split(" | ")[0] for r in rows] == [
        "| Priority area 1: Collective accountability",
        "|  ",
        "| Priority area 2: Disability inclusion",
        "|  ",
    ]
    assert (
        "| Q2 2021 **\\[ONGOING\\]** 12 Mar 2021: Drafting team formed; first outline shared "
        "with members **\\[ONGOING\\]** 28 Apr 2021: Second draft discussed with HCT focal "
        "points **\\[COMPLETED\\]** 3 Jun 2021: Framework endorsed" in rows[0]
    )
    assert f"| {LEAD} | IOM, UNFPA | RG1, RG5 |" in rows[0]


def test_workplan_word_table(register: RegisterData) -> None:
    doc = docx(render_register(register, "docx"))
    (table,) = doc.tables  # type: ignore[attr-defined]
    assert cells(table.rows[0]) == [
        "Priority areas of work",
        "Concrete deliverables",
        "Timelines & status",
        "Leads",
        "Partners",
        "Linkages across groups",
    ]
    rows = [cells(r) for r in table.rows[1:]]
    # the area's cell is merged down over its deliverables
    assert [r[0] for r in rows] == ["Priority area 1: Collective accountability"] * 2 + [
        "Priority area 2: Disability inclusion"
    ] * 2
    merges = [
        tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        for tc in (r._tr.tc_lst[0] for r in table.rows[1:])
    ]
    assert [m.get(qn("w:val")) if m is not None else None for m in merges] == [
        "restart",
        None,
        "restart",
        None,
    ]
    status = table.rows[1].cells[2]
    assert [p.text for p in status.paragraphs] == [
        "Q2 2021",
        "[ONGOING] 12 Mar 2021: Drafting team formed; first outline shared with members",
        "[ONGOING] 28 Apr 2021: Second draft discussed with HCT focal points",
        "[COMPLETED] 3 Jun 2021: Framework endorsed by the Results Group on 3 June",
    ]
    assert rows[0][3] == LEAD
    assert rows[0][1].splitlines() == [
        "Develop a collective AAP framework for HCTs (#1)",
        "• Review existing HCT frameworks (UNICEF; Q1 2021)",
        "• Consult affected communities in two countries (IFRC; Q2 2021)",
        "Comments: subject to funding",
    ]
    assert (
        rows[1][2]
        == "After WHS\n[DE-PRIORITIZED] 28 Apr 2021: Postponed until the feedback study is complete"
    )
    assert rows[3][2] == "Q3 2021"  # nobody reported on it: no invented [PENDING]


def test_workplan_is_on_landscape_pages(register: RegisterData) -> None:
    doc = docx(render_register(register, "docx"))
    sections = doc.sections  # type: ignore[attr-defined]
    # Only a short front page comes before the table: one landscape section, no half-empty
    # portrait page.
    assert [s.orientation for s in sections] == [WD_ORIENT.LANDSCAPE]
    assert sections[0].page_width > sections[0].page_height
    assert sections[0].header.paragraphs[0].text == "RESTRICTED"


def test_a_wide_table_after_sections_gets_landscape_pages_of_its_own(tmp_path: Path) -> None:
    wide = Table(("A", "B"), (("1", "2"),), wide=True)
    record = Record(
        "workplan",
        "t",
        "a",
        None,
        "INTERNAL",
        (Heading("Before"), Paragraph("text"), Heading("Table"), wide, Heading("After")),
    )
    path = tmp_path / "w.docx"
    render_docx(record, path)
    doc = Document(str(path))
    assert [s.orientation for s in doc.sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    assert doc.sections[1].page_width > doc.sections[1].page_height
    assert doc.sections[2].page_width < doc.sections[2].page_height
    # the heading travels with its table; every section repeats the first one's header
    body = list(doc.element.body)
    first_break = next(
        i for i, el in enumerate(body) if el.find(f".//{qn('w:sectPr')}") is not None
    )
    heading = next(i for i, el in enumerate(body) if "Table" in "".join(el.itertext()))
    assert first_break < heading
    assert doc.sections[0].header.paragraphs[0].text == "INTERNAL"
    assert doc.sections[1].header.is_linked_to_previous
    assert doc.sections[2].header.is_linked_to_previous


def test_meeting_tables_stay_portrait(results_group: MeetingData, tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    render_docx(build_record(results_group, "actions"), path)
    sections = Document(str(path)).sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT]


def test_workplan_leaves_out_what_closed_before_the_period(workplan_home: Path) -> None:

    later = load_register(workplan_home, "IASC RG2", dt.date(2021, 6, 10), dt.date(2021, 12, 31))
    md = render_markdown(build_register_record(later))
    assert "# Progress report – June–December 2021" in md
    assert "(#1)" not in md and "(#2)" not in md  # completed / de-prioritized before
    assert "(#3)" in md and "(#4)" in md  # still open, no review in the period
    assert "Q1–Q4 2021 **\\[ONGOING\\]** |" in md


def test_export_register_writes_and_names_the_file(register: RegisterData, tmp_path: Path) -> None:
    out = export_register(register, "md", tmp_path)
    assert out.name == "2021-02-01--2021-06-30-iasc-rg2-workplan.md"
    assert "Progress report" in out.read_text("utf-8")
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(ExportError):
        export_register(register, "odt", tmp_path)


def test_redacted_workplan_names_nobody(register: RegisterData) -> None:
    plain = render_register(register, "md").decode()
    assert "Ines Barros" in plain
    md = render_register(register, "md", redact=True).decode()
    for word in ("Ines", "Barros", "Jonas", "Lindqvist"):
        assert word not in md
    assert "**Co-Chairs:** UNICEF; IFRC" in md
    text = "\n".join(p.text for p in docx(render_register(register, "docx", True)).paragraphs)  # type: ignore[attr-defined]
    assert "Barros" not in text and "UNICEF" in text


# ---- response plan --------------------------------------------------------------------


def test_response_plan_markdown(response_plan: MeetingData) -> None:
    md = render_markdown(build_record(response_plan))
    assert "Management Response Plan" in md
    rec = md.split("## 13.3 Strengthen the participation of local actors", 1)[1].split("## ", 1)[0]
    assert (
        "It recommends that the IASC:\n\n- set targets for local co-leadership of clusters\n"
        "- fund the participation of local organisations in coordination meetings" in rec
    )
    assert "**Management Response:** Agreed. OPAG will ask each cluster" in rec
    assert (
        "| Follow-up action | Lead Organization | Comments | Component actions (timeframe, lead) |"
        in rec
    )
    assert f"*Timeframe:* Q3 2021 | {LEAD} | builds on" in rec
    # The component actions: a list in their cell, one line an item.
    assert (
        "| • Survey current cluster leadership arrangements — Q2 2021 [*OCHA*]<br>• Draft and "
        "consult on the guidance — Q3 2021 [*GCCG*] |" in rec
    )
    second = md.split("Collective accountability to affected people", 1)[1]
    assert second.index("| **(a) Feedback mechanisms** |") < second.index("3. Pilot a joint")
    assert second.index("| **(b) Reporting** |") < second.index("4. Include feedback trends")


def test_response_plan_word(response_plan: MeetingData, tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    render_docx(build_record(response_plan), path)
    doc = Document(str(path))
    response = next(p for p in doc.paragraphs if p.text.startswith("Management Response:"))
    assert response.runs[0].text == "Management Response:" and response.runs[0].bold
    assert not any(r.bold for r in response.runs[1:])
    first, second = doc.tables
    assert cells(first.rows[0]) == [
        "Follow-up action",
        "Lead Organization",
        "Comments",
        "Component actions (timeframe, lead)",
    ]
    action, lead, comments, _ = cells(first.rows[1])
    assert action.splitlines() == [
        "1. Issue guidance on local co-leadership of clusters",
        "Timeframe: Q3 2021",
    ]
    assert lead == LEAD
    assert comments == "builds on the 2019 localization guidance"
    # The component actions: two paragraphs of their cell.
    assert [p.text for p in first.rows[1].cells[3].paragraphs] == [
        "• Survey current cluster leadership arrangements — Q2 2021 [OCHA]",
        "• Draft and consult on the guidance — Q3 2021 [GCCG]",
    ]
    assert [cells(r)[0] for r in second.rows[1:]][::2] == [
        "(a) Feedback mechanisms",
        "(b) Reporting",
    ]
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == [
        "set targets for local co-leadership of clusters",
        "fund the participation of local organisations in coordination meetings",
    ]
