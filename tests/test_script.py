"""Capture scripts (docs/capture-grammar.md, "Capture scripts"): front matter and body."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes_tui.capture.script import (
    CaptureScript,
    MeetingHeader,
    ScriptError,
    parse_header,
    parse_script,
)

FULL = """\
---
title: Inter-Agency Coordination Meeting
body: Humanitarian Country Team
session: 14th meeting
date: 2020-08-03
time: 09:00-11:30
place: Cox's Bazar, conference room
chair: Ms. Jamal
rapporteur: Mr. Ali
style: summary record
sensitivity: restricted
introduction: The meeting was opened by the Chair.
---
#! Item 1
/i 1 Opening

UNHCR: welcomed participants
/a Draft the ToR [WFP] by 2020-08-31
"""


def test_full_front_matter() -> None:
    script = parse_script(FULL)
    assert script.header == MeetingHeader(
        title="Inter-Agency Coordination Meeting",
        body="Humanitarian Country Team",
        session="14th meeting",
        date=dt.date(2020, 8, 3),
        start_time="09:00",
        end_time="11:30",
        place="Cox's Bazar, conference room",
        chair="Ms. Jamal",
        rapporteur="Mr. Ali",
        style="summary",
        sensitivity="RESTRICTED",
        introduction="The meeting was opened by the Chair.",
    )
    assert script.lines == [
        (15, "/i 1 Opening"),
        (17, "UNHCR: welcomed participants"),
        (18, "/a Draft the ToR [WFP] by 2020-08-31"),
    ]


def test_no_front_matter() -> None:
    script = parse_script("/i 1 Opening\nUNHCR: hello\n")
    assert script == CaptureScript(
        header=MeetingHeader(title="Untitled meeting"),
        lines=[(1, "/i 1 Opening"), (2, "UNHCR: hello")],
    )


def test_defaults() -> None:
    header = parse_script("---\n---\n").header
    assert header == MeetingHeader(title="Untitled meeting")
    assert (header.style, header.sensitivity) == ("summary", "INTERNAL")


@pytest.mark.parametrize("text", ["", "\n", "\n\n   \n", "#! only a comment\n"])
def test_empty_scripts(text: str) -> None:
    assert parse_script(text) == CaptureScript(
        header=MeetingHeader(title="Untitled meeting"), lines=[]
    )


def test_comments_and_blank_lines_are_skipped_but_numbers_kept() -> None:
    text = "#! a comment\n\nfirst\n   #! indented comment\n\t\nsecond\n#not a comment"
    assert parse_script(text).lines == [(3, "first"), (6, "second"), (7, "#not a comment")]


def test_crlf_and_bom() -> None:
    text = "\ufeff---\r\ntitle: Windows\r\ndate: 2020-08-03\r\n---\r\n/i 1 Opening\r\nUNHCR: hi\r\n"
    script = parse_script(text)
    assert script.header.title == "Windows"
    assert script.header.date == dt.date(2020, 8, 3)
    assert script.lines == [(5, "/i 1 Opening"), (6, "UNHCR: hi")]


def test_bom_without_front_matter() -> None:
    assert parse_script("\ufeffUNHCR: hi").lines == [(1, "UNHCR: hi")]


def test_old_mac_line_endings() -> None:
    assert parse_script("a\rb\r\nc\n").lines == [(1, "a"), (2, "b"), (3, "c")]


def test_only_real_line_breaks_count() -> None:
    # str.splitlines would also break on form feed and NEL and shift every line number.
    assert parse_script("a\x0cb\x85c\nd").lines == [(1, "a\x0cb\x85c"), (2, "d")]


def test_front_matter_must_be_the_first_line() -> None:
    script = parse_script("\n---\ntitle: x\n---\n")
    assert script.header.title == "Untitled meeting"
    assert script.lines == [(2, "---"), (3, "title: x"), (4, "---")]


def test_front_matter_comments_blank_lines_and_quotes() -> None:
    text = "---\n# the header\n\ntitle: \"Budget: 2021\"\nplace: 'Geneva'\nchair:\n---\nx"
    script = parse_script(text)
    assert (script.header.title, script.header.place) == ("Budget: 2021", "Geneva")
    assert script.header.chair is None  # empty value means "not set"
    assert script.lines == [(8, "x")]


def test_keys_are_case_insensitive_and_values_keep_colons() -> None:
    header = parse_script("---\nTitle: Item 3: Budget\nDATE: 2020-08-03\n---\n").header
    assert (header.title, header.date) == ("Item 3: Budget", dt.date(2020, 8, 3))


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("09:00", "09:00", None),
        ("9:00", "09:00", None),
        ("09:00-11:30", "09:00", "11:30"),
        ("09:00 - 11:30", "09:00", "11:30"),
        ("09:00–11:30", "09:00", "11:30"),  # en dash
        ("9:00 to 11:30", "09:00", "11:30"),
        ("23:00-23:59", "23:00", "23:59"),
    ],
)
def test_times(value: str, start: str, end: str | None) -> None:
    header = parse_script(f"---\ntime: {value}\n---\n").header
    assert (header.start_time, header.end_time) == (start, end)


@pytest.mark.parametrize(
    ("value", "style"),
    [
        ("summary", "summary"),
        ("Summary Record", "summary"),
        ("summary-record", "summary"),
        ("minutes", "minutes"),
        ("MINUTES", "minutes"),
        ("actions", "actions"),
        ("action points", "actions"),
        ("Action  Points", "actions"),
    ],
)
def test_styles(value: str, style: str) -> None:
    assert parse_script(f"---\nstyle: {value}\n---\n").header.style == style


@pytest.mark.parametrize(
    ("value", "sensitivity"),
    [
        ("public", "PUBLIC"),
        ("Internal", "INTERNAL"),
        ("RESTRICTED", "RESTRICTED"),
        ("confidential", "CONFIDENTIAL"),
        ("strictly confidential", "STRICTLY CONFIDENTIAL"),
        ("Strictly  Confidential", "STRICTLY CONFIDENTIAL"),
    ],
)
def test_sensitivities(value: str, sensitivity: str) -> None:
    assert parse_script(f"---\nsensitivity: {value}\n---\n").header.sensitivity == sensitivity


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\ntitle: x\ndate: 2020-13-01\n---\n",
            "line 3: date '2020-13-01' is not a date (use YYYY-MM-DD)",
        ),
        (
            "---\ndate: 2020-02-30\n---\n",
            "line 2: date '2020-02-30' is not a date (use YYYY-MM-DD)",
        ),
        (
            "---\ndate: 3 August 2020\n---\n",
            "line 2: date '3 August 2020' is not a date (use YYYY-MM-DD)",
        ),
        ("---\ndate: 2020-8-3\n---\n", "line 2: date '2020-8-3' is not a date (use YYYY-MM-DD)"),
        (
            "---\ntime: 25:00\n---\n",
            "line 2: time '25:00' is not a time (use HH:MM or HH:MM-HH:MM)",
        ),
        ("---\ntime: 9am\n---\n", "line 2: time '9am' is not a time (use HH:MM or HH:MM-HH:MM)"),
        (
            "---\ntime: 09:00-11:60\n---\n",
            "line 2: time '09:00-11:60' is not a time (use HH:MM or HH:MM-HH:MM)",
        ),
        ("---\ntime: 11:30-09:00\n---\n", "line 2: time '11:30-09:00' ends before it starts"),
        (
            "---\nstyle: prose\n---\n",
            "line 2: style 'prose' is not one of: summary, summary record, summary status, "
            "minutes, actions, action points, workplan, response plan",
        ),
        (
            "---\nsensitivity: secret\n---\n",
            "line 2: sensitivity 'secret' is not one of: PUBLIC, INTERNAL, RESTRICTED, "
            "CONFIDENTIAL, STRICTLY CONFIDENTIAL",
        ),
        (
            "---\ntitle: x\n\nvenue: Geneva\n---\n",
            "line 4: unknown key 'venue' (known keys: title, body, parent, session, date, time, "
            "place, chair, rapporteur, style, sensitivity, language, introduction, headings, from)",
        ),
        ("---\ntitle x\n---\n", "line 2: expected 'key: value' in the header, got 'title x'"),
        ("---\n: x\n---\n", "line 2: expected 'key: value' in the header, got ': x'"),
        ("---\ntitle: a\ntitle: b\n---\n", "line 3: 'title' is given twice (first on line 2)"),
        (
            "---\ntitle: x\n/i 1 Opening\n",
            "line 1: the header opened with '---' is never closed by a '---' line",
        ),
        (
            "\ufeff---\r\ndate: 2020-13-01\r\n---\r\n",
            "line 2: date '2020-13-01' is not a date (use YYYY-MM-DD)",
        ),
    ],
)
def test_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ScriptError) as info:
        parse_script(text)
    assert str(info.value) == message
    assert info.value.line == int(message.split(":")[0].removeprefix("line "))
    assert isinstance(info.value, ValueError)


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(ScriptError) as info:
        parse_script(f"---\nstyle: {'x' * 500}\n---\n")
    assert len(str(info.value)) < 200


# --------------------------------------------------------------------------------------
# parse_header
# --------------------------------------------------------------------------------------


def test_parse_header_every_key() -> None:
    header = parse_header(
        {
            "title": "T",
            "body": "B",
            "session": "S",
            "date": "2020-08-03",
            "time": "14:00-15:00",
            "place": "P",
            "chair": "C",
            "rapporteur": "R",
            "style": "action points",
            "sensitivity": "public",
            "introduction": "I",
        }
    )
    assert header == MeetingHeader(
        title="T",
        body="B",
        session="S",
        date=dt.date(2020, 8, 3),
        start_time="14:00",
        end_time="15:00",
        place="P",
        chair="C",
        rapporteur="R",
        style="actions",
        sensitivity="PUBLIC",
        introduction="I",
    )


def test_parse_header_empty_and_defaults() -> None:
    assert parse_header({}) == MeetingHeader(title="Untitled meeting")
    assert parse_header({"title": "  ", "place": ""}) == MeetingHeader(title="Untitled meeting")
    assert parse_header({" Title ": ' "Quoted" '}).title == "Quoted"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "2020-13-01"}, "date '2020-13-01' is not a date (use YYYY-MM-DD)"),
        ({"time": "9"}, "time '9' is not a time (use HH:MM or HH:MM-HH:MM)"),
        ({"style": "essay"}, "style 'essay' is not one of"),
        ({"sensitivity": "top secret"}, "sensitivity 'top secret' is not one of"),
        ({"colour": "blue"}, "unknown key 'colour'"),
    ],
)
def test_parse_header_errors(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ScriptError) as info:
        parse_header(fields)
    assert str(info.value).startswith(message)
    assert info.value.line is None


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------

SCRIPT_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["---", "title: x", "date: 2020-08-03", "#! c", "", "\r", "\ufeff"]),
        st.text(st.characters(exclude_categories=()), max_size=30),
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(SCRIPT_TEXT)
def test_property_parse_script_raises_only_script_errors(text: str) -> None:
    try:
        script = parse_script(text)
    except ScriptError as exc:
        assert str(exc).startswith("line ")
        return
    numbers = [n for n, _ in script.lines]
    assert numbers == sorted(set(numbers))
    assert all(line.strip() and not line.lstrip().startswith("#!") for _, line in script.lines)
