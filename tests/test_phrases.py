"""Completion of the rapporteur's own phrasing: the body's phrases and long words,
ranked by how often they were written, and a starter phrasebook; → or Tab accepts."""

from __future__ import annotations

from textual.widgets import Input

from minutes_tui.config import Home
from minutes_tui.widgets.capture_line import suggest
from minutes_tui.widgets.phrases import Phrasebook
from tests.helpers import run_cli, type_text
from tests.test_app import SIZE, meeting_app, ready, stored, type_line


def test_a_new_body_gets_the_starter_phrasebook() -> None:
    book = Phrasebook()
    assert book.complete("The group underscored the ne") == "ed to"
    assert book.complete("took n") == "ote of"
    assert book.complete("xyzzy") is None
    assert book.complete("welcomed ") is None  # nothing offered after a space


def test_the_body_s_phrasing_is_learned_and_ranked_by_frequency() -> None:
    book = Phrasebook(
        [
            "UNHCR welcomed the progress made on registration.",
            "WFP welcomed the progress made on the pipeline.",
            "OCHA noted the new workplan.",
        ]
    )
    # Written twice beats the starter's "welcomed"; of phrases written as often, the
    # longest (up to five words) is offered.
    assert book.complete("The members welc") == "omed the progress made on"
    assert book.complete("on regis") == "tration"  # a long word written once
    for _ in range(3):
        book.learn("WHO welcomed the new workplan.")
    assert book.complete("welc") == "omed the"  # now the most frequent: five times
    assert book.complete("welcomed the n") == "ew workplan"


def test_the_capture_line_completes_what_follows_the_speaker() -> None:
    book = Phrasebook(["UNHCR underscored the need to register every child."] * 2)
    speakers, orgs = ["UNHCR", "Ms. Jamal"], ["UNHCR"]
    assert suggest("UNHCR: underscored the need to reg", speakers, orgs, orgs, book) == (
        "UNHCR: underscored the need to register"
    )
    assert suggest("UNHCR: the need to register e", speakers, orgs, orgs, book) == (
        "UNHCR: the need to register every child"
    )
    assert suggest("UNH", speakers, orgs, orgs, book) == "UNHCR: "  # the speaker first
    assert suggest("/d took no", speakers, orgs, orgs, book) == "/d took note of"


async def test_tab_accepts_a_phrase_learned_from_an_earlier_meeting(home: Home) -> None:
    earlier = "UNHCR: stressed the centrality of protection in the response."
    app = await meeting_app(home, ["/i 1 First", earlier, earlier.replace("UNHCR", "WFP")])
    assert run_cli("new", "Next meeting", "--body", "OPAG", home=home).returncode == 0
    app.open_meeting = 2
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        line = app.screen.query_one("#capture-line", Input)
        await type_text(pilot, "OCHA: stressed the cen")
        await pilot.pause()
        await pilot.press("tab")
        assert line.value == "OCHA: stressed the centrality of protection"
        assert line.has_focus  # Tab took the completion, not the focus
        await type_line(pilot, " in the response.")
    (entry,) = stored(home, 2)["unfiled_entries"]
    assert entry["text"] == "stressed the centrality of protection in the response."
