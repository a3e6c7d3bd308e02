"""A series: the next meeting inherits body, style, participants and the open actions."""

from __future__ import annotations

from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.screens.meetings import MeetingsScreen
from minutes_tui.screens.record import RecordScreen
from tests.helpers import FIXTURES, run_cli, settle, stored_json, type_text


def show(home: Home, meeting: str) -> dict:  # type: ignore[type-arg]
    return stored_json(home, meeting)


def test_new_from_previous(home: Home) -> None:
    assert run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home).returncode == 0
    assert run_cli("add", "1", "/u 1 completed", home=home).returncode == 0  # no previous: kept
    done = run_cli(
        "new",
        "OPAG Session VIII",
        "--from",
        "1",
        "--date",
        "2020-09-10",
        "--session",
        "Session VIII",
        home=home,
    )
    assert done.returncode == 0, done.stderr
    first, second = show(home, "1"), show(home, done.stdout.strip())
    assert (second["body"], second["style"], second["sensitivity"]) == (
        "IASC OPAG",
        "summary",
        "RESTRICTED",
    )
    assert second["previous_id"] == 1 and second["session"] == "Session VIII"
    assert len(second["participants"]) == len(first["participants"])
    assert {p["attendance"] for p in second["participants"]} == {"expected"}
    assert [i["title"] for i in second["items"]] == ["Review of previous actions"]
    assert [a["number"] for a in second["previous_actions"]] == [1, 2, 3, 4, 5, 6, 7]
    # Reviews of the previous meeting's actions, typed in the new meeting.
    lines = [
        "/u 1 completed Guidance endorsed on 2 Oct",
        "/u 2 in progress draft circulated",
        "/i 2 Next steps",
        "/a Follow up [OPAG]",
    ]
    assert run_cli("add", "2", *lines, home=home).returncode == 0
    second = show(home, "2")
    assert [(r["action_number"], r["status"]) for r in second["reviews"]] == [
        (1, "completed"),
        (2, "in_progress"),
    ]
    assert second["actions"][0]["number"] == 1  # numbering starts afresh in the new meeting
    assert [i["label"] for i in second["items"]] == ["", "2"]  # the review item: no number
    first = show(home, "1")
    assert first["actions"][0]["status"] == "completed"
    assert first["actions"][0]["updates"][0]["text"] == "Guidance endorsed on 2 Oct"
    unknown = run_cli("new", "X", "--from", "99", home=home)
    assert unknown.returncode == 1 and "No meeting with id 99" in unknown.stderr


async def test_review_pane_sets_status_from_the_keyboard(home: Home) -> None:
    assert run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home).returncode == 0
    assert run_cli("new", "OPAG Session VIII", "--from", "1", home=home).returncode == 0
    app = MinutesApp(home, open_meeting=2, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r", "c", "down", "i", "down", "enter")
        await pilot.pause()
        line = app.screen.query_one("#capture-line", Input)
        assert app.screen.focused is line and line.value == "/u #3 "  # the register ref
        await type_text(pilot, "dropped no longer relevant")
        await pilot.press("enter")
        await pilot.pause()
    first = show(home, "1")
    assert [a["status"] for a in first["actions"][:4]] == [
        "completed",
        "in_progress",
        "dropped",
        "pending",
    ]
    assert first["actions"][2]["updates"][0]["text"] == "no longer relevant"


async def test_new_from_previous_and_filter_in_the_app(home: Home) -> None:
    for title, date in [("OPAG VII", "2020-07-09"), ("IM Network", "2020-03-03")]:
        body = "IASC OPAG" if "OPAG" in title else "IM"
        assert (
            run_cli(
                "new", title, "--body", body, "--date", date, "--style", "minutes", home=home
            ).returncode
            == 0
        )
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingsScreen)
        await pilot.press("slash", *"body:im")
        await pilot.pause()
        table = screen.query_one("#meetings-table")
        assert table.row_count == 1
        await pilot.press("ctrl+u", *"2020-07", "enter")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("f")  # next meeting of the selected (OPAG) series
        await pilot.pause()
        assert screen.app.screen.query_one("#field-body", Input).value == "IASC OPAG"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
    new = show(home, "3")
    assert (new["body"], new["style"], new["previous_id"]) == ("IASC OPAG", "minutes", 1)


async def test_final_meeting_opens_read_only_and_reopens(home: Home) -> None:
    assert run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home).returncode == 0
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", "y")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        assert show(home, "1")["status"] == "final"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # from the list, a final meeting opens as its record
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("e")  # asks why: Enter without a reason changes nothing
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CaptureScreen)
        assert show(home, "1")["status"] == "final"
        await type_text(pilot, "Chair asked for a correction")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
    meeting = show(home, "1")
    assert meeting["status"] == "draft"
    assert [(e["kind"], e["version"], e["reason"]) for e in meeting["history"]] == [
        ("finalized", 1, None),
        ("reopened", 1, "Chair asked for a correction"),
    ]
