"""The next meeting of a series takes the date and time its previous meeting's `/n` gave;
a meeting's review pane offers only actions agreed at meetings held before it (issue 22)."""

from __future__ import annotations

from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.screens.meetings import MeetingsScreen
from minutes_tui.widgets.review_list import ReviewList
from tests.helpers import run_cli, settle, stored_json


def _meeting(home: Home, title: str, date: str, *lines: str) -> str:
    made = run_cli("new", title, "--body", "OPAG", "--date", date, "--time", "09:00", home=home)
    assert made.returncode == 0, made.stderr
    mid = made.stdout.strip()
    if lines:
        added = run_cli("add", mid, *lines, home=home)
        assert added.returncode == 0, added.stderr
    return mid


def test_next_meeting_on_the_command_line_takes_the_n_date_and_time(home: Home) -> None:
    _meeting(home, "March", "2026-03-12", "/n 2026-05-06 14:30 Geneva")
    made = run_cli("new", "May", "--from", "1", home=home)
    assert made.returncode == 0, made.stderr
    second = stored_json(home, made.stdout.strip())
    assert (second["date"], second["start_time"]) == ("2026-05-06", "14:30")
    dated = run_cli("new", "Moved", "--from", "1", "--date", "2026-05-07", home=home)
    assert stored_json(home, dated.stdout.strip())["date"] == "2026-05-07"  # --date wins
    undated = run_cli("new", "Undated", "--from", "1", "--undated", home=home)
    assert stored_json(home, undated.stdout.strip())["date"] is None


async def test_next_meeting_form_is_prefilled_from_the_n_line(home: Home) -> None:
    _meeting(home, "March", "2026-03-12", "/n 2026-05-06 14:30 Geneva")
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-date", Input).value == "2026-05-06"
        assert form.query_one("#field-time", Input).value == "14:30"


async def test_an_earlier_meetings_review_pane_lists_no_action_agreed_later(home: Home) -> None:
    january = _meeting(home, "January", "2026-01-15", "/a Agreed in January [OCHA]")
    march = _meeting(home, "March", "2026-03-12", "/a Agreed in March [UNHCR]")
    _meeting(home, "May", "2026-05-06", "/a Agreed on 6 May [WFP]")
    app = MinutesApp(home, open_meeting=int(march), clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        review = app.screen.query_one("#review", ReviewList)
        texts = [a.text for a in review.actions]
    assert texts == ["Agreed in January"], (january, texts)
