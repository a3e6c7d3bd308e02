"""The record builder and the Markdown renderer: content per style, golden files, safety."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from minutes_tui.domain.snapshot import ItemData, MeetingData
from minutes_tui.record import (
    ActionItem,
    ActionList,
    Paragraph,
    Record,
    build_record,
    escape_inline,
    render_markdown,
)
from minutes_tui.record.markdown import safe_lines
from tests import record_fixtures
from tests.record_fixtures import (
    ARABIC,
    BURMESE,
    action,
    check_golden,
    entry,
    hostile_meeting,
    meeting,
    person,
)

# pytest fixtures shared with the other record tests
opag = record_fixtures.opag
opag_data = record_fixtures.opag_data
series = record_fixtures.series

GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def headings(md: str) -> list[str]:
    tokens = GFM.parse(md)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def table_shapes(tokens: list) -> list[list[int]]:
    """The number of cells of each row, table by table."""
    shapes: list[list[int]] = []
    for t in tokens:
        if t.type == "table_open":
            shapes.append([])
        elif t.type == "tr_open":
            shapes[-1].append(0)
        elif t.type in ("th_open", "td_open"):
            shapes[-1][-1] += 1
    return shapes


def names_of(data: MeetingData) -> list[str]:
    return [p.name for p in data.participants if p.name]


# ---- golden files ---------------------------------------------------------------------


@pytest.mark.parametrize("style", ["summary", "minutes", "actions"])
def test_opag_markdown_matches_golden(opag: MeetingData, style: str) -> None:
    check_golden(f"opag-{style}.md", render_markdown(build_record(opag, style)))


def test_opag_redacted_markdown_matches_golden(opag: MeetingData) -> None:
    check_golden("opag-summary-redacted.md", render_markdown(build_record(opag, redact=True)))


# ---- summary record -------------------------------------------------------------------


def test_summary_reads_like_the_opag_record(opag: MeetingData) -> None:
    md = render_markdown(build_record(opag))
    assert md.startswith("**RESTRICTED · DRAFT**\n")
    for line in (
        "IASC OPAG",
        "# Operational Policy and Advocacy Group (OPAG) Meeting",
        "SESSION VII",
        "9 July 2020",
        "Summary Record",
    ):
        assert f"\n{line}\n" in md
    assert headings(md) == [
        "Operational Policy and Advocacy Group (OPAG) Meeting",
        "INTRODUCTION",
        "SESSION 7.1: DIGITIZATION AND DATA RESPONSIBILITY IN LIGHT OF COVID-19",
        "SESSION 7.2: RESULTS GROUP 3 ON COLLECTIVE ADVOCACY - PROGRESS UPDATE",
        "AOB",
        "ANNEX: PARTICIPANTS LIST",
    ]
    assert "\nUNHCR raised five points as follows: (i) commitment" in md
    assert "\nIFRC expressed appreciation" in md
    assert "\n**Key message:** In closing, the OPAG co-Chair" in md
    assert "\n**Decision:** The OPAG co-Chairs further noted progress" in md
    # inline Markdown typed in points stays Markdown
    assert "[FAQs on Data Responsibility in the COVID-19](#)" in md


def test_summary_actions_are_numbered_across_the_record(opag: MeetingData) -> None:
    md = render_markdown(build_record(opag))
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", md, re.M)]
    assert numbers == [1, 2, 3, 4, 5, 6, 7]
    assert md.count("**Follow-Up Actions:**") == 2
    assert (
        "1. Accelerate the finalization of the operational guidance on data responsibility in "
        "light of the COVID-19 operating context, given the broad OPAG support for its "
        "development [*RG1 sub-group on data responsibility*]\n" in md
    )
    assert (
        "6. Support the expedited finalization and endorsement of the protection key "
        "messages [*OPAG*]\n7. Ensure focused efforts to: [*RG3*]\n   - Finalize best " in md
    )
    # the rendered lists really start at 1 and 6
    tokens = GFM.parse(md)
    starts = [t.attrGet("start") or 1 for t in tokens if t.type == "ordered_list_open"]
    assert starts == [1, 6]
    # 7's sub-items are a list nested inside item 7
    nested = [t for t in tokens if t.type == "bullet_list_open" and t.level > 0]
    assert len(nested) == 1


def test_summary_annex_groups_by_organisation(opag: MeetingData) -> None:
    md = render_markdown(build_record(opag))
    annex = md.split("## ANNEX: PARTICIPANTS LIST", 1)[1]
    rows = [line for line in annex.splitlines() if line.startswith("| ") and "| --- |" not in line]
    assert rows[0] == "| Organisation | Participants |"
    assert rows[1] == (
        "| OPAG Co-Chair | Ms. Valerie Guarrieri, Assistant Executive Director, WFP; "
        "Mr. Geir Olav Lisle, Deputy Secretary-General, NRC |"
    )
    labels = [row.split(" | ")[0][2:] for row in rows[2:]]
    assert labels == sorted(labels, key=str.casefold)
    assert "| UNICEF | Ms. Meritxell Relano; Ms. Segolene Adam |" in rows
    assert "\n**Presenters:**\n\n- Mr. Julien Schopp, RG 1 co-Chair\n" in annex
    assert "- Mr. Stuart Campo, Team Lead, Data Policy, OCHA Centre for Humanitarian Data" in annex
    assert "\n**Secretariat:**\n\n- Ms. Mervat Shelbaya, Head of the IASC secretariat\n" in annex


def test_opening_remarks_reviews_and_next_meeting(series: MeetingData) -> None:
    md = render_markdown(build_record(series, "summary"))
    intro = md.split("## INTRODUCTION\n\n", 1)[1]
    assert intro.startswith("Follow-on Open Data and Big Data.\n\nWelcome and round of")
    assert (
        "**Review of previous actions:**\n\n"
        "- **Action 1 (previous meeting):** Share the open data guidance [*MIMU*] — Completed "
        "— Guidance shared on 20 February\n"
        "- **Action 2 (previous meeting):** Circulate the 3W template [*OCHA; UNHCR*] — "
        "In Progress — Template drafted" in md
    )
    assert (
        "1. Present the Inform model to the network [*OCHA*] — by 6 May 2020\n"
        "   - Share the weblink for the index [*OCHA*]" in md
    )
    assert md.rstrip().endswith("## NEXT MEETING\n\n6 May 2020 at 15:00 — Possibly on gender data")
    assert "**Time:** 15:00–16:30" in md and "**Place:** MIMU office, Yangon" in md


def test_headings_without_a_session_use_label_and_title() -> None:
    data = meeting(
        items=[ItemData(1, "2", "Updates", None, 1), ItemData(2, None, "Other", None, 2)]
    )
    assert headings(render_markdown(build_record(data)))[1:] == ["2. Updates", "Other"]


def test_speaker_text_that_starts_a_sentence_gets_a_colon() -> None:
    data = meeting(
        items=[ItemData(1, "1", "T", None, 1)],
        entries=[
            entry(1, 1, "The sector needs data.", "WHO", org="WHO"),
            entry(2, 1, "agreed.", "who", org="WHO"),
        ],
    )
    md = render_markdown(build_record(data))
    assert "\nWHO: The sector needs data.\n" in md
    assert "\nWHO agreed.\n" in md  # the organisation's own spelling, not the typed one


# ---- minutes --------------------------------------------------------------------------


def test_minutes_read_like_the_im_network_minutes(series: MeetingData) -> None:
    md = render_markdown(build_record(series))
    assert "\n# Minutes - Information Management Network Meeting, 3 March 2020\n" in md
    assert "\n**Chair:** Ms. Shon Campbell, MIMU Manager\n" in md
    assert "\n**Participants:** see list below\n" in md
    assert headings(md)[1:] == [
        "Opening remarks",
        "1. UNHCR Registration and Case Management System (ProGres)",
        "2. Updates on cluster/sector/agency initiatives",
        "Next Meeting",
        "Participants",
    ]
    item1 = md.split("## 1. UNHCR", 1)[1].split("## 2.", 1)[0]
    # plain points are the narrative; attributed points and decisions are DISCUSSION bullets
    assert "\nThe **Profile Global Registration System** (ProGres) was established" in item1
    assert "**DISCUSSION:**\n\n- UNHCR collects information and data" in item1
    assert (
        "\n- **Decision:** Registration data stays with UNHCR; see [the policy](https://" in item1
    )
    assert "**Follow-up actions:**\n\n1. Present the Inform model" in item1
    assert md.index("## Next Meeting") < md.index("## Participants")
    # "IM Network" has no acronym at its end: the whole name labels the chair
    assert "| IM Network Chair | Ms. Shon Campbell, MIMU Manager, MIMU |" in md
    assert "**Apologies:**\n\n- Ms. Ana Lopez, OCHA" in md


def test_minutes_show_item_presenters() -> None:
    data = meeting(
        style="minutes",
        items=[
            ItemData(1, "1", "ProGres", "Mathew Richard (UNHCR)", 1),
            ItemData(2, "2", "PSEA", "A; B", 2),
        ],
    )
    md = render_markdown(build_record(data))
    assert "\n*Presenter: Mathew Richard (UNHCR)*\n" in md
    assert "\n*Presenters: A; B*\n" in md


# ---- action points --------------------------------------------------------------------


def test_action_points_with_previous_actions(series: MeetingData) -> None:
    md = render_markdown(build_record(series, "actions"))
    assert headings(md)[1:] == ["Follow-up actions", "Review of previous actions", "Next meeting"]
    # The meeting's own actions: a numbered list, the lead in brackets, the register's ref.
    assert (
        "## Follow-up actions\n\n"
        "1. Present the Inform model to the network [*OCHA*] — by 6 May 2020 (#4)\n"
        "   - Share the weblink for the index [*OCHA*]\n" in md
    )
    review = md.split("## Review of previous actions", 1)[1]
    assert "| Action Point | Lead | Status | Progress Overview |" in review
    assert (
        "| 1. Share the open data guidance (#1) | MIMU | Completed | Guidance shared on 20 "
        "February |" in review
    )
    assert (
        "| 2. Circulate the 3W template (#2) | OCHA; UNHCR | In Progress | Template drafted"
        in review
    )
    # Still open and not reviewed: shown, so a skipped action is not a lost one.
    assert (
        "| 3. Organise a POWER BI training (#3) | MIMU | Pending | Not reviewed at this "
        "meeting. |" in review
    )


def test_action_points_without_previous_meeting(opag: MeetingData) -> None:
    md = render_markdown(build_record(opag, "actions"))
    assert "There was no previous meeting in this series to review." in md
    assert len(re.findall(r"^\d+\. .* \(#\d+\)$", md, re.M)) == 7


def test_action_number_gaps_keep_each_number() -> None:
    acts = ActionList((ActionItem(1, "a"), ActionItem(2, "b"), ActionItem(5, "c")))
    record = Record("summary", "t", "a", None, "", (acts,))
    md = render_markdown(record)
    assert md.splitlines()[-4:] == ["1. a", "2. b", "", "5) c"]
    starts = [t.attrGet("start") or 1 for t in GFM.parse(md) if t.type == "ordered_list_open"]
    assert starts == [1, 5]


def test_due_words() -> None:
    data = meeting(
        items=[ItemData(1, "1", "T", None, 1)],
        actions=[
            action(1, 1, 1, "a", ["X"], due_date=dt.date(2020, 8, 31)),
            action(2, 2, 1, "b", ["X"], due_text="mid-August"),
            action(3, 3, 1, "c", ["X"], due_text="ASAP"),
            action(4, 4, 1, "d", []),
        ],
    )
    md = render_markdown(build_record(data))
    assert (
        "1. a [*X*] — by 31 August 2020\n2. b [*X*] — by mid-August\n3. c [*X*] — ASAP\n4. d\n"
        in md
    )


def test_unknown_style_is_refused(opag: MeetingData) -> None:
    with pytest.raises(ValueError, match="Unknown record style"):
        build_record(opag, "poem")


# ---- redaction ------------------------------------------------------------------------


def test_redacted_summary_has_no_personal_names(opag: MeetingData) -> None:
    md = render_markdown(build_record(opag, redact=True))
    for name in names_of(opag):
        assert name not in md
        assert name.split()[-1] not in md, name
    # the narrative's misspellings and hyphenated forms are caught too
    for variant in ("Guarnieri", "Geir-Olav", "Rein Paulsen", "Mr. Yu", "Lisle"):
        assert variant not in md
    # organisations stay, and a repeated organisation in brackets is dropped
    assert "\nWHO, co-author of the operational guidance" in md
    assert "**Chair:** WFP and NRC, OPAG Co-Chairs" in md
    assert "UNHCR raised five points" in md
    annex = md.split("## ANNEX: PARTICIPANTS LIST", 1)[1]
    assert "| UNICEF | 2 |" in annex and "| WFP | 4 |" in annex and "| Presenters | 3 |" in annex
    assert "36 participants; names withheld" in annex


def test_redaction_of_speakers_owners_and_titles() -> None:
    people = [person(1, "Ms.", "Arafat Jamal", "UNHCR"), person(2, "Dr.", "Kim Lee", None, "Chair")]
    data = meeting(
        participants=people,
        rapporteur="Kim Lee",
        items=[ItemData(1, "1", "Briefing by Ms. Jamal", "Arafat Jamal", 1)],
        entries=[
            entry(1, 1, "opened the meeting.", "Ms. Jamal", is_person=True, org="UNHCR"),
            entry(2, 1, "thanked Jamal and Dr. Lee.", "Kim Lee", is_person=True),
            entry(3, 1, "Mr. Unknown Person spoke."),
        ],
        actions=[action(1, 1, 1, "Brief Kim Lee", ["Jamal", "Arafat Jamal", "UNHCR"])],
    )
    record = build_record(data, "minutes", redact=True)
    md = render_markdown(record)
    for word in ("Jamal", "Arafat", "Kim", "Lee", "Unknown Person"):
        assert word not in md
    assert "## 1. Briefing by UNHCR\n\n*Presenter: UNHCR*" in md
    assert "- UNHCR opened the meeting." in md
    assert "- The Chair thanked UNHCR and the Chair." in md
    assert "A participant spoke." in md
    assert "1. Brief the Chair [*UNHCR; UNHCR; UNHCR*]" in md
    assert record.author == "The Chair"


def test_redactor_leaves_text_without_names_alone(opag: MeetingData) -> None:
    plain = build_record(opag)
    redacted = build_record(opag, redact=True)
    # the introduction names no participant
    assert plain.blocks[2] == redacted.blocks[2]


# ---- hostile content ------------------------------------------------------------------


@pytest.mark.parametrize("style", ["summary", "minutes", "actions", "workplan", "response-plan"])
def test_hostile_content_survives_markdown(style: str) -> None:
    data = hostile_meeting()
    md = render_markdown(build_record(data, style))
    tokens = GFM.parse(md)
    # no raw HTML reaches the output, and no text turned into structure
    html = MarkdownIt("commonmark").enable("table").parse(md)
    assert not [t for t in html if t.type == "html_block"]
    assert not [c for t in html if t.children for c in t.children if c.type == "html_inline"]
    assert not [t for t in tokens if t.type in ("blockquote_open", "code_block", "fence", "hr")]
    expected_heads = {"summary": 6, "minutes": 6, "actions": 4, "workplan": 2}.get(style, 5)
    assert len(headings(md)) == expected_heads, headings(md)
    # every table row has as many cells as its header
    assert table_shapes(tokens)
    for widths in table_shapes(tokens):
        assert len(set(widths)) == 1, widths
    if style not in ("actions", "workplan"):
        assert "x" * 1_000_000 in md
        assert BURMESE in md
    assert ARABIC in md
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", md)
    md.encode("utf-8")  # no lone surrogates


def test_hostile_text_reads_back_as_typed() -> None:
    md = render_markdown(build_record(hostile_meeting(big=10)))
    html = GFM.render(md)
    assert "<h1>" in html and html.count("<h2>") == 5
    for text in (
        "# not a heading",
        "1. not a list",
        "- not a bullet either",
        "&gt; not a quote",
        "[ref]: https://evil.example",
        "&lt;div&gt;html block&lt;/div&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "<code>&lt;code&gt;</code>",
        '<a href="https://example.org">',
    ):
        assert text in html, text
    assert "[bad](javascript:alert(1))" in html  # shown as text, not a link
    assert 'href="javascript' not in html
    assert "<strong>bold</strong> <em>italic</em> <code>code</code>" in html
    assert "<ul>\n<li>first bullet</li>" in html and "<ol>\n<li>one</li>" in html


def test_table_cells_escape_pipes_and_keep_one_line() -> None:
    md = render_markdown(build_record(hostile_meeting(big=10), "actions"))
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert rows[2:] == [
        "| **Topic \\| \\`g\\` \\<b>** |   |   |   |",
        "| Review `a\\|b` \\| pipe \\<b>x\\</b> (#9, agreed 5 January 2021) | O\\|CHA | "
        "In Progress | progress \\| with \\<i>html\\</i> |",
    ]
    texts = [t.content for t in GFM.parse(md) if t.type == "inline"]
    assert "Review `a|b` | pipe \\<b>x\\</b> (#9, agreed 5 January 2021)" in texts
    assert "**Topic | \\`g\\` \\<b>**" in texts


# ---- properties -----------------------------------------------------------------------

TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    max_size=80,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_any_text_stays_paragraph_text(lines: list[str]) -> None:
    md = "\n".join(safe_lines("\n".join(lines)))
    kinds = {t.type for t in GFM.parse(md) if t.level == 0}
    assert kinds <= {"paragraph_open", "paragraph_close", "inline"}, (md, kinds)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_escaped_plain_text_reads_back_exactly(text: str) -> None:
    text = " ".join(text.split())
    md = "\n".join(safe_lines(escape_inline(text)))
    inline = [t for t in GFM.parse(md) if t.type == "inline"]
    if not text:
        assert not inline
        return
    read = "".join(c.content for c in inline[0].children or [] if c.type == "text")
    kinds = {c.type for c in inline[0].children or []}
    assert kinds <= {"text", "softbreak"}, (text, md, kinds)
    assert read == text


def test_label_paragraph_and_record_are_plain_data() -> None:
    record = Record("summary", "t", "a", None, "L", (Paragraph("Follow-Up Actions:", "label"),))
    assert render_markdown(record) == "**L**\n\n**Follow-Up Actions:**\n"
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.title = "x"  # type: ignore[misc]
