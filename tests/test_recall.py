"""What ↑ recalls is the line as it would be typed: Enter stores the same entry again, and
a plain point shows a backslash only where the meeting would read it otherwise."""

from __future__ import annotations

import pytest
from hypothesis import example, given

from minutes_tui.app import MinutesApp
from minutes_tui.capture import CaptureContext, parse_line
from minutes_tui.capture.unparse import note_line, typed_note
from minutes_tui.config import Home
from minutes_tui.domain.entries import Note
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.widgets.capture_line import CaptureLine
from tests.helpers import run_cli, settle, stored_json, type_text
from tests.test_capture import CONTEXTS, LINES, PROPERTY


def stored(entry: Note) -> tuple[object, ...]:
    """What the store keeps of a note (warnings are said, not stored)."""
    return (entry.note_kind, entry.speaker, entry.label, entry.text, entry.confidential)


def shown(entry: Note, context: CaptureContext | None) -> str:
    """What ↑ puts in the capture line for a stored note (screens/capture_editing.py)."""
    e = entry
    return typed_note(
        e.note_kind, e.speaker, e.text, e.label, e.confidential, lambda t: parse_line(t, context)
    )


@PROPERTY
@given(LINES, CONTEXTS)
@example("UNHCR raised three points as follows:", None)
@example("\\1) not a list", None)  # a plain point that looks like a list item
@example("\\Jamal: not attributed", CaptureContext(speakers=frozenset({"Jamal"})))
@example("!\\UNHCR: kept as text", None)
@example("\\/zz unknown", None)
@example("@0 0", None)  # a speaker the meeting does not know stays the speaker
def test_property_a_recalled_note_stores_the_same_entry_and_no_needless_backslash(
    line: str, context: CaptureContext | None
) -> None:
    check_recall(line, context)


def check_recall(line: str, context: CaptureContext | None, skip_known: bool = True) -> None:
    entry = parse_line(line, context)
    if not isinstance(entry, Note):
        return
    if skip_known and entry.speaker and '"' in entry.speaker:
        return  # the known miss, pinned by test_a_speaker_holding_a_quote_is_recalled
    recalled = shown(entry, context)
    again = parse_line(recalled, context)
    assert isinstance(again, Note) and stored(again) == stored(entry), (recalled, again)
    if recalled.removeprefix("!").startswith("\\"):  # needed: without it, it reads otherwise
        bare = parse_line(recalled.replace("\\", "", 1), context)
        assert not isinstance(bare, Note) or stored(bare) != stored(entry), recalled


@pytest.mark.xfail(strict=True, reason='a speaker that holds a double quote ("@" 0")')
def test_a_speaker_holding_a_quote_is_recalled() -> None:
    """Found by the 100,000-example run: `@" 0` stores the speaker '"'; its recall,
    '": 0', reads back as plain text. Strict: passes (and so fails here) once fixed."""
    check_recall('@" 0', None, skip_known=False)


def test_a_plain_line_with_a_colon_at_its_end_is_recalled_without_a_backslash() -> None:
    line = "UNHCR raised three points as follows:"
    entry = parse_line(line)
    assert isinstance(entry, Note) and entry.speaker is None
    assert note_line("point", None, entry.text) == line


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("UNHCR raised the following: access", "UNHCR raised the following: access"),
        ("UNHCR: kept as text", "\\UNHCR: kept as text"),  # UNHCR would speak
        ("1) not a list", "\\1) not a list"),
        ("/d not a decision", "\\/d not a decision"),
    ],
)
def test_the_backslash_shown_is_the_one_the_meeting_needs(text: str, line: str) -> None:
    assert typed_note("point", None, text, None, False, parse_line) == line


async def test_recall_of_a_plain_line_shows_it_as_typed_and_enter_keeps_it(home: Home) -> None:
    made = run_cli("new", "Weekly", "--body", "OPAG", "--date", "2020-07-09", home=home)
    assert made.returncode == 0
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        await type_text(pilot, "UNHCR raised three points as follows:")
        await pilot.press("enter")
        await settle(pilot)
        before = stored_json(home)["unfiled_entries"]
        await pilot.press("up")
        await pilot.pause()
        line = app.screen.query_one(CaptureLine)
        assert line.value == "UNHCR raised three points as follows:"
        await pilot.press("enter")
        await settle(pilot)
    after = stored_json(home)["unfiled_entries"]
    assert [(e["id"], e["speaker"], e["text"]) for e in after] == [
        (e["id"], e["speaker"], e["text"]) for e in before
    ]
    assert after[0]["text"] == "UNHCR raised three points as follows:"
