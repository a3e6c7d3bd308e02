"""Deleting a line takes what cannot stand without it — an entry's list items, an action's
sub-items and reviews — the question names all of it, and ctrl+z puts every row back
where it was: same ids, same order, same times, found again by search (issue 22)."""

from __future__ import annotations

import json

from textual.widgets import Input, Static

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.screens.confirm import ConfirmScreen
from minutes_tui.session.capture_session import CaptureSession
from minutes_tui.store.store import Store
from tests.helpers import replay, run_cli, settle, stored_json

LIST = [
    "UNHCR: raised three points as follows:",
    "- point A",
    "- point zebrafish",
    "- point C",
    "A later point.",
]


def finds(home: Home, words: str, mid: int) -> list[str]:
    found = run_cli("search", words, "--json", "--meeting", str(mid), home=home)
    assert found.returncode == 0, found.stderr
    return [hit["snippet"] for hit in json.loads(found.stdout)["hits"]]


async def enter(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#capture-line", Input).value = text
    await pilot.press("enter")
    await settle(pilot)


def question(app: MinutesApp) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return str(app.screen.query_one(".dialog-title", Static).render())


async def test_delete_a_line_with_its_list_items_and_undo_it(home: Home) -> None:
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Lists", body="IMN"))
    replay(store, mid, ["/i 1 Opening"])
    store.close()
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for line in LIST:
            await enter(pilot, line)
        before = stored_json(home, mid)
        await pilot.press(*["up"] * 5)  # recall the parent
        assert app.screen.query_one("#capture-line", Input).value == LIST[0]
        await pilot.press("f8")
        await pilot.pause()
        assert question(app) == "Delete this entry and its 3 list items?"
        await pilot.press("y")
        await settle(pilot)
        assert [e["text"] for e in stored_json(home, mid)["items"][0]["entries"]] == [
            "A later point."
        ]
        assert finds(home, "zebrafish", mid) == []
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)  # also after a restart
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Undid: deletion of line 'UNHCR: raised three points as follows:' and its " in (
            str(app.screen.query_one("#capture-status").render())
        )
    assert stored_json(home, mid) == before  # ids, order, times, list children
    assert finds(home, "zebrafish", mid) == ["point zebrafish"]


def test_delete_an_action_with_sub_items_and_a_later_review_and_undo_it(home: Home) -> None:
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Session VII", body="IMN"))
    session = CaptureSession(store, mid)
    session.submit_all(
        [
            "/i 1 Opening",
            "/a Circulate the agenda [Secretariat]",
            "/a Draft the outline [WHO]",
            "/s Collect the zebrafish inputs [UNHCR]",
            "- and merge them",
            "/a Fix the next date [Chair]",
        ]
    )
    after = store.create_meeting(MeetingHeader(title="Session VIII", body="IMN"), mid)
    replay(store, after, ["/i 1 Review", "/u 2 ongoing Outline half drafted"])
    before, later = stored_json(home, mid), stored_json(home, after)
    action = next(a for a in store.load(mid).actions if a.number == 2)
    from minutes_tui.store.refs import Ref

    ref = Ref("action", action.id)
    assert session.dependents(ref) == {"sub-items": 2, "reviews": 1}
    session.delete(ref, "/a Draft the outline [WHO]")
    assert [(a.number, a.text) for a in store.load(mid).actions] == [
        (1, "Circulate the agenda"),
        (2, "Fix the next date"),  # numbers stay gapless
    ]
    assert stored_json(home, after)["reviews"] == []
    undone = session.undo()
    assert undone is not None
    assert undone.line == (
        "deletion of line '/a Draft the outline [WHO]' and its 2 sub-items and 1 review"
    )
    assert stored_json(home, mid) == before
    assert stored_json(home, after) == later
    store.close()
    assert finds(home, "zebrafish", mid) == ["Collect the zebrafish inputs"]
