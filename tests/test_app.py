"""The app driven with Pilot: keys in, what the rapporteur sees and what is stored."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.screens.meetings import MeetingsScreen
from minutes_tui.widgets.log_view import CaptureLog
from tests.helpers import run_cli, settle, stored_json, type_text

SIZE = (120, 40)


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)


async def type_line(pilot, line: str) -> None:  # type: ignore[no-untyped-def]
    await type_text(pilot, line)
    await pilot.press("enter")
    await pilot.pause()


def stored(home: Home, meeting: int = 1) -> dict:  # type: ignore[type-arg]
    return stored_json(home, meeting)


async def test_new_meeting_typed_entirely_from_the_keyboard(home: Home) -> None:
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "IM Network March")
        await pilot.press("tab", *"IM Network", "tab", "tab", "ctrl+u", *"2020-03-03")
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.focused is app.screen.query_one("#capture-line", Input)
        for line in [
            "/p Ms. Shon Campbell, MIMU Manager, MIMU (Chair)",
            "/p UNHCR: Mr. Mathew Richard, IM Officer (Presenter)",
            "/p Ms. Lian Yong, PSEA Coordinator, UNFPA",
            "/i UNHCR registration system",
            "UNHCR: ProGres holds all population data.",
            "Mr. Richard: data is encrypted in transit.",
            "/d The network welcomes the data sharing agreements",
            "/a Share the factsheet [UNHCR] by 2020-03-31",
            "/i PSEA Network",
            "UNFPA: the network has 80 members.",
            "/a Circulate the reporting framework [PSEA Network]",
            "/a Translate the glossary [MIMU; UNFPA] by mid-April",
        ]:
            await type_line(pilot, line)
        log = app.screen.query_one("#log", CaptureLog)
        assert log.row_count == 3  # the current item's point and two actions
        assert "Participants  3" in str(app.screen.query_one("#participant-count").render())
    data = stored(home)
    assert data["title"] == "IM Network March" and data["body"] == "IM Network"
    assert len(data["participants"]) == 3
    assert [i["title"] for i in data["items"]] == ["UNHCR registration system", "PSEA Network"]
    assert [(a["number"], a["owners"]) for a in data["actions"]] == [
        (1, ["UNHCR"]),
        (2, ["PSEA Network"]),
        (3, ["MIMU", "UNFPA"]),
    ]
    assert data["items"][0]["entries"][2]["kind"] == "decision"


async def meeting_app(home: Home, lines: list[str]) -> MinutesApp:
    assert (
        run_cli(
            "new", "Test meeting", "--body", "OPAG", "--date", "2020-07-09", home=home
        ).returncode
        == 0
    )
    if lines:
        assert run_cli("add", "1", *lines, home=home).returncode == 0
    return MinutesApp(home, open_meeting=1, clock=lambda: 0.0)


async def test_enter_commits_before_the_line_clears(home: Home) -> None:
    app = await meeting_app(home, ["/i 1 First"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        line = app.screen.query_one("#capture-line", Input)
        await type_text(pilot, "WFP: stored at once")
        await pilot.press("enter")
        # No pause: the write happened inside the Enter handler.
        assert line.value == ""
        entries = stored(home)["items"][0]["entries"]
        assert [e["text"] for e in entries] == ["stored at once"]


async def test_recall_and_edit_in_place(home: Home) -> None:
    app = await meeting_app(home, ["/i 1 First", "first point", "/a An action [OCHA]"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        line = app.screen.query_one("#capture-line", Input)
        await pilot.press("up")
        assert line.value == "/a An action [OCHA]"
        await pilot.press("up")
        assert line.value == "first point"
        await pilot.press("down", "down")
        assert line.value == ""
        await pilot.press("up", "up", "end", *" edited", "enter")
        await pilot.pause()
        await pilot.press("up")
        await pilot.press("ctrl+u", *"/a An action, sooner [OCHA] by 2020-08-01", "enter")
        await pilot.pause()
        await pilot.press("escape")
    data = stored(home)
    assert [e["text"] for e in data["items"][0]["entries"]] == ["first point edited"]
    (action,) = data["actions"]
    assert (action["number"], action["text"], action["due_date"]) == (
        1,
        "An action, sooner",
        "2020-08-01",
    )


async def test_undo_redo_and_delete(home: Home) -> None:
    app = await meeting_app(home, ["/i 1 First"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await type_line(pilot, "one")
        await type_line(pilot, "/a two")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored(home)["actions"] == []
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [a["text"] for a in stored(home)["actions"]] == ["two"]
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert len(stored(home)["actions"]) == 1
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    data = stored(home)
    assert data["actions"] == [] and [e["text"] for e in data["items"][0]["entries"]] == ["one"]


async def test_move_between_items(home: Home) -> None:
    app = await meeting_app(home, ["/i 1 First", "in first", "/i 2 Second", "in second"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert [ln.text for ln in screen.lines] == ["in second"]
        await pilot.press("alt+up")
        await pilot.pause()
        assert [ln.text for ln in screen.lines] == ["in first"]
        await type_line(pilot, "added to first")
        await pilot.press("alt+down")
        await pilot.pause()
        assert [ln.text for ln in screen.lines] == ["in second"]
    data = stored(home)
    assert [e["text"] for e in data["items"][0]["entries"]] == ["in first", "added to first"]


async def test_completion_of_known_speakers_and_owners(home: Home) -> None:
    app = await meeting_app(home, ["/p Ms. Arafat Jamal, Director, UNHCR", "/a x [RG1 sub-group]"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        line = app.screen.query_one("#capture-line", Input)
        await type_text(pilot, "Ms. Ja")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        assert line.value == "Ms. Jamal: "
        await pilot.press("ctrl+u", *"/a Do it [RG1")
        await pilot.pause()
        await pilot.press("right")
        assert line.value == "/a Do it [RG1 sub-group"


async def test_participants_screen_edits(home: Home) -> None:
    app = await meeting_app(home, ["/p Ms. Arafat Jamal, Director, UNHCR"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "tab", "ctrl+u", *"Representative", "ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Mr.", "tab", *"Kevin Hyland", "tab", "tab", *"UNHCR", "ctrl+s")
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
    people = stored(home)["participants"]
    assert [(p["name"], p["position"]) for p in people] == [
        ("Arafat Jamal", "Representative"),
        ("Kevin Hyland", None),
    ]


async def test_command_palette_lists_screen_actions(home: Home) -> None:
    app = await meeting_app(home, [])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Undo", "Redo", "Delete", "People", "Prev item", "Next item"):
            assert any(t.startswith(wanted) for t in titles), (wanted, titles)


async def test_unreadable_database_is_a_message(home: Home) -> None:
    home.db_dir.mkdir(parents=True)
    home.db_path.write_bytes(b"garbage" * 1000)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.store is None and app.store_error
        assert "not a readable" in str(app.screen.query_one("#meetings-empty").render())
        await pilot.press("n")  # no form opens on a database that cannot be written
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
    assert home.db_path.read_bytes() == b"garbage" * 1000


async def test_a_database_error_without_a_driver_error_is_a_message(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not every SQLAlchemyError wraps a driver error (`orig`): the store wraps it as well
    (the screen knows only StoreError), and the message must not crash."""
    from sqlalchemy.exc import InvalidRequestError

    app = await meeting_app(home, ["/i 1 First"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, CaptureScreen)

        def refuse(*_args: object) -> None:
            raise InvalidRequestError("This session is in 'inactive' state")

        monkeypatch.setattr("minutes_tui.store.apply.apply", refuse)
        await type_line(pilot, "/a Not stored [WFP]")
        status = str(screen.query_one("#capture-status").render())
        assert "Not saved: This session is in 'inactive' state" in status
        assert screen.query_one("#capture-line", Input).value == "/a Not stored [WFP]"
    assert stored(home)["items"][0]["entries"] == []
    assert stored(home)["actions"] == []
