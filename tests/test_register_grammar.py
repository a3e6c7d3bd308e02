"""The register's grammar: groups, action fields, leads with commas, reviews by reference
or without a status, labelled paragraphs, the new statuses."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.capture import CaptureContext, parse_line
from minutes_tui.domain.entries import ActionReview, NewAction, NewGroup, NewSubItem, Note
from minutes_tui.domain.vocabulary import STATUSES, status_from_word, status_marker

CTX = CaptureContext(
    speakers=frozenset({"UNHCR", "UNICEF", "OCHA", "Ms. Jamal"}),
    organisations=frozenset({"UNHCR", "UNICEF", "OCHA", "Save the Children"}),
)


def test_a_group_line() -> None:
    assert parse_line("/g LOCALIZATION") == NewGroup(title="LOCALIZATION")
    assert parse_line("/group Priority area 1: Accountability") == NewGroup(
        title="Priority area 1: Accountability"
    )
    assert isinstance(parse_line("/g"), Note)  # no title: kept as text, with a warning


def test_action_fields_after_pipes() -> None:
    entry = parse_line(
        "/a Roll out the toolkit [OCHA in consultation with UNHCR, UNICEF and other "
        "concerned organizations] | when: Q2 2021 | partners: IOM, UNFPA | links: RG2 "
        "| comments: subject to funding",
        CTX,
    )
    assert isinstance(entry, NewAction)
    assert entry.text == "Roll out the toolkit"
    # One lead: the commas do not separate organisations here.
    assert entry.owners == [
        "OCHA in consultation with UNHCR, UNICEF and other concerned organizations"
    ]
    assert entry.timeframe == "Q2 2021"
    assert entry.partners == ["IOM", "UNFPA"]
    assert entry.links == "RG2"
    assert entry.comments == "subject to funding"
    assert entry.due_date is None and entry.due_text is None


def test_leads_split_on_semicolons_and_on_commas_only_between_known_parties() -> None:
    assert parse_line("/a Draft [UNHCR, Save the Children]", CTX).owners == [
        "UNHCR",
        "Save the Children",
    ]
    assert parse_line("/a Draft [RG1 sub-group; OCHA]", CTX).owners == ["RG1 sub-group", "OCHA"]
    assert parse_line("/a Draft [Ms. Jamal, Head of Unit]", CTX).owners == [
        "Ms. Jamal, Head of Unit"
    ]


def test_when_is_a_timeframe_printed_as_typed_and_by_date_stays_a_due_date() -> None:
    entry = parse_line("/a Publish [OCHA] by 2021-06-30 | when: After WHS")
    assert isinstance(entry, NewAction)
    assert entry.due_date == dt.date(2021, 6, 30)
    assert entry.timeframe == "After WHS"


def test_a_pipe_that_is_not_a_field_stays_in_the_text() -> None:
    entry = parse_line("/a Compare A | B options [OCHA]")
    assert isinstance(entry, NewAction) and entry.text == "Compare A | B options"


def test_sub_item_with_lead_and_timeframe() -> None:
    entry = parse_line("/s Map existing tools [RG3] | when: by end of Q1")
    assert entry == NewSubItem(text="Map existing tools", owners=["RG3"], timeframe="by end of Q1")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "/u #123 completed Endorsed",
            ActionReview(action_id=123, status="completed", text="Endorsed"),
        ),
        ("/u 4 Webinar held on 3 May", ActionReview(number=4, text="Webinar held on 3 May")),
        ("/u #7 ongoing", ActionReview(action_id=7, status="in_progress")),
        (
            "/u 2 continuous reviewed yearly",
            ActionReview(number=2, status="continuous", text="reviewed yearly"),
        ),
        (
            "/u #9 de-prioritized no funding",
            ActionReview(action_id=9, status="deprioritized", text="no funding"),
        ),
    ],
)
def test_reviews_by_reference_and_without_a_status(line: str, expected: ActionReview) -> None:
    assert parse_line(line) == expected


def test_a_review_with_neither_status_nor_note_is_kept_as_text() -> None:
    entry = parse_line("/u #12")
    assert isinstance(entry, Note) and entry.warnings


def test_labelled_paragraph() -> None:
    entry = parse_line("/l Management Response: Agreed; the toolkit will be revised.")
    assert entry == Note(label="Management Response", text="Agreed; the toolkit will be revised.")
    assert isinstance(parse_line("/l no colon here"), Note)
    assert parse_line("/l no colon here").label is None


def test_every_status_has_a_marker_and_words_that_reach_it() -> None:
    assert STATUSES == (
        "pending",
        "in_progress",
        "continuous",
        "completed",
        "deprioritized",
        "dropped",
    )
    assert status_marker("in_progress") == "[ONGOING]"
    assert status_marker("deprioritized") == "[DE-PRIORITIZED]"
    for word, status in [
        ("ongoing", "in_progress"),
        ("De-prioritized", "deprioritized"),
        ("deprioritised", "deprioritized"),
        ("continuous", "continuous"),
    ]:
        assert status_from_word(word) == status
