"""Completion never shows a word typed only in a confidential (`!`) line or in a meeting in
the trash (issue 23): it appears in grey on the rapporteur's screen, which is often shared
during the call."""

from __future__ import annotations

from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from tests.helpers import run_cli, type_text
from tests.test_app import SIZE, ready, type_line

FIRST = [
    "/i 1 Access",
    "UNHCR: stressed the centrality of protection in the response.",
    "!WFP: warned about the Kismayodune corridor closure.",
    "!@Qwertorg raised the closure.",
    "/a Share the draft [OCHA]",
    "!/a Brief the team [Quillfeather]",
]
TRASHED = [
    "/i 1 Access",
    "OCHA: praised the Trashbinword approach.",
    "@Xyzorgan spoke of it.",
    "/a Ask for the figures [Binowner]",
]


def new(home: Home, title: str) -> None:
    done = run_cli("new", title, "--body", "OPAG", "--date", "2020-07-09", home=home)
    assert done.returncode == 0, done.stderr


async def test_completion_leaves_out_confidential_lines_and_the_trash(home: Home) -> None:
    new(home, "First")
    assert run_cli("add", "1", *FIRST, home=home).returncode == 0
    new(home, "Trashed")
    assert run_cli("add", "2", *TRASHED, home=home).returncode == 0
    assert run_cli("trash", "2", home=home).returncode == 0
    new(home, "Third")
    assert run_cli("add", "3", "/i 1 Access", home=home).returncode == 0
    app = MinutesApp(home, open_meeting=3, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        line = app.screen.query_one("#capture-line", Input)

        async def completed(text: str) -> str:
            line.value = ""
            line.focus()  # Tab with nothing to complete moves the focus on
            await pilot.pause()
            await type_text(pilot, text)
            await pilot.pause()
            await pilot.press("tab")
            value = line.value
            line.value = ""
            return value

        # what circulates completes (the test can see a completion)…
        expected = "OCHA: stressed the centrality"
        assert await completed("OCHA: stressed the cen") == expected
        assert await completed("/a Check [OCH") == "/a Check [OCHA"
        # …what was typed only behind `!` or in the trash does not
        for probe in (
            "OCHA: the Kismay",
            "OCHA: the Trashbin",
            "/a Check [Quillf",
            "/a Check [Binown",
            "/p Qwerto",
            "/p Xyzorg",
        ):
            assert await completed(probe) == probe, probe
        # nor a `!` line typed in this session
        line.focus()
        await pilot.pause()
        await type_line(pilot, "!UNHCR: the Zebrafoonic plan stays internal.")
        assert await completed("UNHCR: the Zebraf") == "UNHCR: the Zebraf"
        line.focus()
        await pilot.pause()
        await type_line(pilot, "UNHCR: the Marigoldine plan is public.")
        assert await completed("UNHCR: the Marigol") == "UNHCR: the Marigoldine"
