"""Right-to-left records (Arabic): the Word file read back marks its paragraphs, runs,
tables, sections and defaults right to left; the Markdown carries dir="rtl" and still
imports; English and French records carry none of it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from minutes_tui.domain.snapshot import ItemData, MeetingData, ReviewData
from minutes_tui.importer.blocks import read_text
from minutes_tui.record import build_record, render_docx, render_markdown
from minutes_tui.record.docx_bidi import script_runs
from tests.record_fixtures import T0, action, entry, meeting, person

STYLES = ["summary", "minutes", "actions", "workplan", "response-plan"]
# Points as an Arabic rapporteur types them: Latin acronyms, numbers, a multi-word English
# name, inline Markdown.
POINTS = [
    "ناقش الاجتماع خطة الاستجابة الإنسانية لعام 2024 مع UNHCR و WFP.",
    "قدّمت World Food Programme تقريرها عن **الأمن الغذائي** في 12 محافظة.",
    "أكدت منظمة الصحة العالمية أن 3 مراكز صحية أُغلقت.",
]


def arabic_meeting(language: str = "ar") -> MeetingData:
    """A meeting written in Arabic: every kind of block (title block, headings, points,
    decisions, actions with owners and due dates, the tracker's table, the annex)."""
    participants = [
        person(1, "السيدة", "أمينة السيد", "UNHCR", "Chair", "رئيسة المكتب"),
        person(2, "السيد", "خالد منصور", "WFP"),
        person(3, None, None, "منظمة الصحة العالمية"),
    ]
    items = [
        ItemData(1, "1", "خطة الاستجابة الإنسانية", "السيدة أمينة السيد", 1),
        ItemData(2, "2", "الأمن الغذائي", None, 2),
    ]
    entries = [
        entry(1, 1, POINTS[0], "UNHCR", org="UNHCR"),
        entry(2, 1, POINTS[1], "WFP", org="WFP"),
        entry(3, 2, POINTS[2]),
        entry(4, 2, "تمت الموافقة على خطة التوزيع.", kind="decision"),
    ]
    actions = [
        action(1, 1, 1, "مشاركة خريطة المواقع مع الشركاء", ["UNHCR"], dt.date(2024, 3, 20)),
        action(2, 2, 2, "تحديث قائمة المستفيدين", ["WFP", "OCHA"], due_text="نهاية الشهر"),
    ]
    reviews = [
        ReviewData(
            1, 2, 5, "إعداد تقرير التقييم", ["UNICEF"], "in_progress", "قيد الإعداد", T0,
            action_id=5, action_meeting_id=7, action_meeting_date=dt.date(2024, 2, 1),
        )
    ]  # fmt: skip
    return meeting(
        title="اجتماع مجموعة الحماية",
        body="مجموعة الحماية - سوريا",
        session="الدورة 7",
        date=dt.date(2024, 3, 12),
        place="عمّان",
        chair="السيدة أمينة السيد",
        participants=participants,
        items=items,
        entries=entries,
        actions=actions,
        reviews=reviews,
        sensitivity="RESTRICTED",
        language=language,
    )


def latin_meeting(language: str) -> MeetingData:
    """The same meeting in English words (in an English or a French record)."""
    return dataclasses.replace(
        arabic_meeting(language),
        title="Protection cluster",
        body="Protection cluster - Syria",
        session="Session 7",
        place="Amman",
        chair="Ms. Amina Sayed",
        participants=[person(1, "Ms.", "Amina Sayed", "UNHCR", "Chair")],
        items=[ItemData(1, "1", "Response plan", None, 1)],
        entries=[entry(1, 1, "UNHCR shared the plan for 2024.", "UNHCR", org="UNHCR")],
        actions=[action(1, 1, 1, "Share the map", ["UNHCR"], dt.date(2024, 3, 20))],
        reviews=[],
    )


def _arabic(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _paragraphs(doc):  # type: ignore[no-untyped-def]
    """Every paragraph a reader sees: the body's, the tables' cells', header and footer."""
    body = doc.element.body
    section = doc.sections[0]
    return [
        *body.iter(qn("w:p")),
        *section.header._element.iter(qn("w:p")),
        *section.footer._element.iter(qn("w:p")),
    ]


def _runs_with_text(p):  # type: ignore[no-untyped-def]
    return [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t")))]


def _text(r) -> str:  # type: ignore[no-untyped-def]
    return "".join(t.text or "" for t in r.iter(qn("w:t")))


def _has(element, path: str) -> bool:  # type: ignore[no-untyped-def]
    return element.find(path) is not None


@pytest.mark.parametrize("style", STYLES)
def test_an_arabic_word_record_is_right_to_left(style: str, tmp_path: Path) -> None:
    path = tmp_path / "ar.docx"
    render_docx(build_record(arabic_meeting(), style), path)
    doc = Document(str(path))
    paragraphs = _paragraphs(doc)
    assert len(paragraphs) > 8
    for p in paragraphs:
        assert _has(p, f"{qn('w:pPr')}/{qn('w:bidi')}"), _text(p)
    arabic_runs = [r for p in paragraphs for r in _runs_with_text(p) if _arabic(_text(r))]
    assert len(arabic_runs) > 5
    for r in arabic_runs:
        assert _has(r, f"{qn('w:rPr')}/{qn('w:rtl')}"), _text(r)
    tables = list(doc.element.body.iter(qn("w:tbl")))
    assert tables
    for tbl in tables:
        assert _has(tbl, f"{qn('w:tblPr')}/{qn('w:bidiVisual')}")
    for sect in doc.element.body.iter(qn("w:sectPr")):
        assert _has(sect, qn("w:bidi"))
    # What a reviewer types is right to left too, in a font that has the script.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert _has(defaults, f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:bidi')}")
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert run_defaults.find(qn("w:rFonts")).get(qn("w:cs")) == "Arial"
    assert run_defaults.find(qn("w:lang")).get(qn("w:bidi")) == "ar-SA"


def test_latin_words_in_arabic_keep_their_order(tmp_path: Path) -> None:
    """A run marked w:rtl reads its spaces right to left: "World Food Programme" must sit
    in a run of its own without w:rtl, and the Arabic around it in w:rtl runs."""
    path = tmp_path / "ar.docx"
    render_docx(build_record(arabic_meeting(), "summary"), path)
    doc = Document(str(path))
    p = next(p for p in doc.element.body.iter(qn("w:p")) if "World Food" in "".join(p.itertext()))
    runs = [(_text(r), _has(r, f"{qn('w:rPr')}/{qn('w:rtl')}")) for r in _runs_with_text(p)]
    assert ("World Food Programme", False) in runs
    assert all(rtl for text, rtl in runs if _arabic(text))
    assert "".join(text for text, _ in runs).endswith(POINTS[1].replace("**", ""))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_english_and_french_records_are_left_to_right(language: str, tmp_path: Path) -> None:
    data = latin_meeting(language)
    path = tmp_path / "en.docx"
    render_docx(build_record(data, "summary"), path)
    doc = Document(str(path))
    title = next(
        p for p in doc.element.body.iter(qn("w:p")) if "Protection" in "".join(p.itertext())
    )
    assert not _has(title, f"{qn('w:pPr')}/{qn('w:bidi')}")
    assert not list(doc.element.body.iter(qn("w:bidiVisual")))
    assert not list(doc.element.body.iter(qn("w:rtl")))
    assert not any(_has(s, qn("w:bidi")) for s in doc.element.body.iter(qn("w:sectPr")))
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert not _has(defaults, f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:bidi')}")


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("UNHCR: ناقش", [("UNHCR", False), (": ناقش", True)]),
        (
            "ناقش World Food Programme.",
            [("ناقش ", True), ("World Food Programme", False), (".", True)],
        ),
        ("مع COVID-19 في 2024", [("مع ", True), ("COVID-19", False), (" في 2024", True)]),
        ("2024 عام", [("2024 عام", True)]),
        (" [", [(" [", True)]),
        ("Action 5 (#5, 2024): نص", [("Action 5 (#5, 2024)", False), (": نص", True)]),
        ("UNHCR (المفوضية)", [("UNHCR", False), (" (المفوضية)", True)]),
        ("نص [UNHCR]", [("نص [", True), ("UNHCR", False), ("]", True)]),
        ("by 1 May", [("by 1 May", False)]),
        ("cafe\u0301 عام", [("cafe\u0301", False), (" عام", True)]),
    ],
)
def test_script_runs(text: str, pieces: list[tuple[str, bool]]) -> None:
    assert script_runs(text) == pieces


# ---- Markdown --------------------------------------------------------------------------


def test_arabic_markdown_says_rtl_and_stays_markdown() -> None:
    from markdown_it import MarkdownIt

    md = render_markdown(build_record(arabic_meeting(), "summary"))
    assert md.startswith('<div dir="rtl">\n\n') and md.endswith("\n\n</div>\n")
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    assert tokens[0].type == "html_block" and tokens[-1].type == "html_block"
    inside = {t.type for t in tokens[1:-1]}
    assert {"heading_open", "table_open", "ordered_list_open"} <= inside
    assert "html_block" not in inside  # the record itself is still Markdown, not HTML


@pytest.mark.parametrize("language", ["en", "fr"])
def test_english_and_french_markdown_has_no_direction(language: str) -> None:
    md = render_markdown(build_record(latin_meeting(language), "summary"))
    assert "dir=" not in md and "<div" not in md


@pytest.mark.parametrize("style", ["summary", "minutes", "actions"])
def test_arabic_markdown_imports_as_its_record(style: str) -> None:
    """The importer reads the record inside the wrapper, and nothing of the wrapper."""
    md = render_markdown(build_record(arabic_meeting(), style))
    bare = "\n".join(line for line in md.split("\n") if line not in ('<div dir="rtl">', "</div>"))
    blocks = read_text(md)
    assert blocks and [(b.kind, b.text, b.rows) for b in blocks] == [
        (b.kind, b.text, b.rows) for b in read_text(bare)
    ]
    assert not any("div" in b.text for b in blocks)
    read = "\n".join([b.text for b in blocks] + [c for b in blocks for r in b.rows for c in r])
    assert "مشاركة خريطة المواقع مع الشركاء" in read


async def test_the_app_record_view_shows_no_wrapper() -> None:
    """The read-only record view (a final meeting) shows the record, not the tags around
    a right-to-left one: Textual's Markdown drops HTML blocks."""
    from textual.app import App, ComposeResult
    from textual.widgets import MarkdownViewer

    md = render_markdown(build_record(arabic_meeting(), "summary"))

    class View(App[None]):
        def compose(self) -> ComposeResult:
            yield MarkdownViewer(md, show_table_of_contents=False)

    app = View()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        shown = app.export_screenshot()
    # the page label, RESTRICTED in the record's Arabic words
    assert "مقيد" in shown and "div" not in shown and "rtl" not in shown
