"""The review pane: a status key then Enter with a note is one review, not two; a second
status key changes that review; the record prints its review lead-in once (issue 22)."""

from __future__ import annotations

from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from tests.helpers import run_cli, settle, stored_json, type_text


def _series(home: Home) -> None:
    for args in (
        ("new", "January", "--body", "OPAG", "--date", "2026-01-15"),
        ("add", "1", "/i 1. Actions", "/a Circulate the draft guidance to all members [OCHA]"),
        ("new", "March", "--from", "1", "--date", "2026-03-12"),
    ):
        done = run_cli(*args, home=home)
        assert done.returncode == 0, done.stderr


async def test_a_status_then_a_note_is_one_review(home: Home) -> None:
    _series(home)
    app = MinutesApp(home, open_meeting=2, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r", "i", "enter")
        await pilot.pause()
        line = app.screen.query_one("#capture-line", Input)
        assert app.screen.focused is line and line.value == "/u #1 in progress "
        await type_text(pilot, "draft circulated")
        await pilot.press("enter")
        await settle(pilot)
        assert line.value == ""
    reviews = stored_json(home, "2")["reviews"]
    assert [(r["status"], r["text"]) for r in reviews] == [("in_progress", "draft circulated")]
    record = run_cli("export", "2", "--out", "-", home=home).stdout
    assert record.count("Circulate the draft guidance") == 1
    assert record.count("Review of previous actions") == 1  # the item's heading, no lead-in


async def test_a_second_status_key_changes_the_same_review(home: Home) -> None:
    _series(home)
    app = MinutesApp(home, open_meeting=2, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r", "i", "enter")
        await pilot.pause()
        await type_text(pilot, "draft circulated")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+r", "c")
        await settle(pilot)
    reviews = stored_json(home, "2")["reviews"]
    assert [(r["status"], r["text"]) for r in reviews] == [("completed", "draft circulated")]
    assert stored_json(home, "1")["actions"][0]["status"] == "completed"


LONG = "Share the revised data responsibility guidance with all clusters"


async def test_the_pane_shows_as_much_of_an_action_as_its_width_allows(home: Home) -> None:
    from minutes_tui.widgets.review_list import ReviewList

    _series(home)
    assert run_cli("add", "1", f"/a {LONG} [UNHCR]", home=home).returncode == 0
    app = MinutesApp(home, open_meeting=2, clock=lambda: 0.0)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        review = app.screen.query_one("#review", ReviewList)

        def shown() -> str:
            return review.render_line(1).text.strip()

        width = review.size.width
        assert len(shown()) == width and shown().endswith("…")  # cut at the pane's edge
        assert LONG[: width - 6] in shown()
        for _ in range(12):
            await pilot.press("alt+right")  # a wider pane shows more of it
        await settle(pilot)
        assert review.size.width > width + 20
        assert LONG in shown() and "…" not in shown()
