"""The incorporate dialog (c on the meetings list): a returned draft read, its proposals
accepted or rejected one by one from the keyboard, taken in as one undo step."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli, settle
from tests.test_incorporate import NEW, SENTENCE, _meeting, _returned, _shown, _texts


async def test_the_dialog_accepts_one_rejects_another_and_takes_them_in(tmp_path: Path) -> None:
    from textual.widgets import Input, OptionList, Static

    from minutes_tui.app import MinutesApp
    from minutes_tui.config import Home
    from minutes_tui.screens.incorporate import IncorporateScreen

    meeting = _meeting(tmp_path)
    returned = _returned(tmp_path, meeting)
    app = MinutesApp(Home(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, IncorporateScreen)
        path = app.screen.query_one("#incorporate-path", Input)
        path.value = str(tmp_path / "missing.docx")
        await pilot.press("enter")
        await settle(pilot)
        result = app.screen.query_one("#incorporate-result", Static)
        assert "missing.docx" in str(result.render())  # one sentence, the dialog stays
        path.value = str(returned)
        await pilot.press("enter")
        await settle(pilot)
        options = app.screen.query_one("#incorporate-list", OptionList)
        assert options.option_count == 2 and options.has_focus
        shown = [str(options.get_option_at_index(n).prompt) for n in range(2)]
        assert "change entry" in shown[0] and NEW in shown[0]
        assert "comment on entry" in shown[1] and "Co-Chair" in shown[1]
        await pilot.press("a")  # the change in
        await pilot.press("x")  # the comment out
        await settle(pilot)
        assert str(options.get_option_at_index(0).prompt).startswith("✓")
        assert str(options.get_option_at_index(1).prompt).startswith("✗")
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.05)
            if not isinstance(app.screen, IncorporateScreen):
                break
        await settle(pilot)
        assert not isinstance(app.screen, IncorporateScreen)
    assert NEW in _texts(tmp_path, meeting)
    assert _shown(tmp_path, meeting)["review_comments"] == []  # rejected: not kept
    assert run_cli("undo", meeting, home=tmp_path).returncode == 0
    assert SENTENCE in _texts(tmp_path, meeting)


async def test_the_dialog_lists_open_comments_and_resolves_one(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from minutes_tui.app import MinutesApp
    from minutes_tui.config import Home
    from minutes_tui.screens.incorporate import IncorporateScreen

    meeting = _meeting(tmp_path)
    run_cli("incorporate", meeting, _returned(tmp_path, meeting), "--accept-all", home=tmp_path)
    assert len(_shown(tmp_path, meeting)["review_comments"]) == 1
    app = MinutesApp(Home(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, IncorporateScreen)
        options = app.screen.query_one("#incorporate-list", OptionList)
        (shown,) = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert "Co-Chair: Please name the owner." in shown
        await pilot.press("tab")
        await pilot.press("r")
        await settle(pilot)
        assert options.option_count == 0
        assert "resolved" in str(app.screen.query_one("#incorporate-result").render())
    assert _shown(tmp_path, meeting)["review_comments"] == []


async def test_the_dialog_title_names_the_meeting_by_its_date_too(tmp_path: Path) -> None:
    # Two meetings may share a title: the date, as the meetings list shows it, tells them apart.
    from textual.widgets import Static

    from minutes_tui.app import MinutesApp
    from minutes_tui.config import Home
    from minutes_tui.screens.incorporate import IncorporateScreen

    _meeting(tmp_path)
    app = MinutesApp(Home(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, IncorporateScreen)
        title = str(app.screen.query_one(".dialog-title", Static).render())
    assert "2024-05-10 · Operational Policy and Advocacy Group" in title, title
