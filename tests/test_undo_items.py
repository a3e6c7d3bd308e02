"""ctrl+z takes back a whole agenda item deleted with everything under it (also after a
restart, and with `minutes undo`), an item renamed, and the roll call (one step for `a`,
everyone present), participants added and removed."""

from __future__ import annotations

import json

from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.capture.unparse import recall
from minutes_tui.config import Home
from minutes_tui.domain.entries import PersonSpec
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.screens.attendance import AttendanceScreen
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.screens.participants import ParticipantsScreen
from minutes_tui.session.capture_session import CaptureSession
from minutes_tui.store.refs import Ref
from minutes_tui.store.store import Store
from tests.helpers import replay, run_cli, settle, stored_json

DOOMED = [
    "/i 2 Data responsibility",
    "UNHCR: raised two points:",
    "- the zebrafish protocol",
    "- remote data collection",
    "/u 1 completed Endorsed on 2 October",  # the previous meeting's action 1
    "/a Accelerate the guidance [OCHA] by 2020-08-31",
    "/s Draft the outline [WHO]",
]


def two_meetings(home: Home) -> int:
    """A previous meeting with action 1; this one: item 1 with action 1, item 2 (to be
    deleted) with a list, a review of the previous meeting's action 1 and action 2 with a
    sub-item, item 3 with action 3; the next meeting reviews action 2."""
    store = Store.open(home)
    previous = store.create_meeting(MeetingHeader(title="Session VI", body="IMN"))
    replay(store, previous, ["/i 1 Opening", "/a Map the data flows [UNHCR]"])
    mid = store.create_meeting(MeetingHeader(title="Session VII", body="IMN"), previous)
    replay(store, mid, ["/i 1 Opening", "/a Circulate the agenda [Secretariat]", *DOOMED])
    replay(store, mid, ["/i 3 AOB", "/a Fix the next date [Chair]"])
    after = store.create_meeting(MeetingHeader(title="Session VIII", body="IMN"), mid)
    replay(store, after, ["/i 1 Review of actions", "/u 2 ongoing Outline drafted"])
    store.close()
    return mid


def snapshot(home: Home, mid: int) -> dict[str, object]:
    """The meeting as `show --json` prints it — items with their entries and list items,
    actions with their ids, numbers, sub-items and reviews, reviews typed in it — and the
    previous meeting's actions (whose status a review sets), the next meeting's reviews."""
    shown = stored_json(home, mid)
    return {
        "items": shown["items"],
        "actions": shown["actions"],
        "reviews": shown["reviews"],
        "previous": stored_json(home, mid - 1)["actions"],
        "next": stored_json(home, mid + 1)["reviews"],
    }


def finds(home: Home, words: str, mid: int) -> list[str]:
    found = run_cli("search", words, "--json", "--meeting", str(mid), home=home)
    assert found.returncode == 0, found.stderr
    return [hit["snippet"] for hit in json.loads(found.stdout)["hits"]]


def said(app: MinutesApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_delete_an_item_with_everything_under_it_and_undo_it_after_a_restart(
    home: Home,
) -> None:
    mid = two_meetings(home)
    before = snapshot(home, mid)
    assert finds(home, "zebrafish", mid) == ["the zebrafish protocol"]
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("alt+up")  # from item 3 to item 2
        await settle(pilot)
        await pilot.press(*["up"] * 12)  # ↑ stops at the item itself, above its entries
        assert app.screen.query_one("#capture-line", Input).value == "/i 2 Data responsibility"
        await pilot.press("f8")
        await pilot.pause()
        assert "ctrl+z undoes it" in str(app.screen.query_one(".dialog-detail").render())
        await pilot.press("y")
        await settle(pilot)
    gone = stored_json(home, mid)
    assert [i["title"] for i in gone["items"]] == ["Opening", "AOB"]
    assert [(a["number"], a["text"]) for a in gone["actions"]] == [
        (1, "Circulate the agenda"),
        (3, "Fix the next date"),
    ]
    # The review of the previous meeting's action stays (under no item); the next
    # meeting's review of action 2 went with it.
    assert [(r["item_id"], r["text"]) for r in gone["reviews"]] == [(None, "Endorsed on 2 October")]
    assert [a["status"] for a in stored_json(home, mid - 1)["actions"]] == ["completed"]
    assert stored_json(home, mid + 1)["reviews"] == []
    assert finds(home, "zebrafish", mid) == []

    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)  # the app opened again
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert (
            "Undid: deletion of item '2 Data responsibility' (3 entries, 1 action, 1 review)"
            in said(app)
        )
        # Back on the item that came back, its lines in the log.
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert [i.title for i in screen.items if i.id == screen.item_id] == ["Data responsibility"]
        assert "- the zebrafish protocol" in [recall(line) for line in screen.lines]
    # The same rows, ids and numbers: `/u 2` and `#ref` name action 2 again, the previous
    # meeting's action is completed again, the list hangs under its point.
    assert snapshot(home, mid) == before
    assert finds(home, "zebrafish", mid) == ["the zebrafish protocol"]


def test_minutes_undo_puts_back_a_deleted_item(home: Home) -> None:
    mid = two_meetings(home)
    before = snapshot(home, mid)
    store = Store.open(home)
    item = store.load_items(mid)[1]
    assert item.title == "Data responsibility"
    CaptureSession(store, mid).delete(Ref("item", item.id))
    store.close()
    done = run_cli("undo", str(mid), home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Undid: deletion of item '2 Data responsibility' (3 entries, 1 action, 1 review)\n"
    )
    assert snapshot(home, mid) == before
    # The rows came back with their ids, so the older steps that typed them undo them again.
    assert (
        run_cli("undo", str(mid), home=home).stdout
        == "Undid: line '/a Fix the next date [Chair]'\n"
    )
    assert run_cli("undo", str(mid), home=home).stdout == "Undid: line '/i 3 AOB'\n"
    assert (
        run_cli("undo", str(mid), home=home).stdout == "Undid: line '/s Draft the outline [WHO]'\n"
    )
    assert [a["sub_items"] for a in stored_json(home, mid)["actions"]] == [[], []]


def test_an_action_number_taken_since_is_not_given_twice(store: Store) -> None:
    mid = store.create_meeting(MeetingHeader(title="Numbers"))
    session = CaptureSession(store, mid)
    session.submit_all(["/i 1 Opening", "/a first", "/i 2 Doomed", "/a second"])
    opening, doomed = (i.id for i in store.load_items(mid))
    session.delete(Ref("item", doomed))
    # Number 2 again (the last was 1), by a write that keeps no step (no line given).
    store.apply(mid, opening, session.parse("/a written meanwhile"))
    undone = session.undo()
    assert undone is not None and undone.line.startswith("deletion of item '2 Doomed'")
    actions = sorted((a.number, a.text) for a in store.load(mid).actions)
    assert actions == [(1, "first"), (2, "written meanwhile"), (3, "second")]


async def test_rename_an_item_and_undo_it_after_a_restart(home: Home) -> None:
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Rename", body="IMN"))
    replay(store, mid, ["/i 2 Data shraing | presenter: UNHCR", "a point"])
    store.close()
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "up")
        line = app.screen.query_one("#capture-line", Input)
        assert line.value == "/i 2 Data shraing | presenter: UNHCR"
        line.value = "/i 3 Data sharing"
        await pilot.press("enter")
        await settle(pilot)
    assert [(i["label"], i["title"]) for i in stored_json(home, mid)["items"]] == [
        ("3", "Data sharing")
    ]
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Undid: edit of line '/i 3 Data sharing'" in said(app)
    items = stored_json(home, mid)["items"]
    assert [(i["label"], i["title"], i["presenters"]) for i in items] == [
        ("2", "Data shraing", "UNHCR")
    ]


ROLL = [
    "/p Ms. Lian Yong, PSEA Coordinator, UNFPA (expected)",
    "/p Mr. Kevin Hyland, Adviser, UNHCR (expected)",
    "/p Ms. Shon Campbell, Manager, MIMU (apologies)",
]


def attendance(home: Home, mid: int) -> dict[str, str]:
    return {p["name"]: p["attendance"] for p in stored_json(home, mid)["participants"]}


async def test_everyone_marked_present_is_undone_with_one_ctrl_z(home: Home) -> None:
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Roll call", body="IMN"))
    replay(store, mid, ["/i 1 Opening", *ROLL, "a point"])
    store.close()
    before = attendance(home, mid)
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        await pilot.press("space")  # Lian Yong present: a step of its own
        await pilot.pause()
        await pilot.press("a")  # the two others: one step
        await pilot.pause()
        assert set(attendance(home, mid).values()) == {"present"}
        await pilot.press("ctrl+z")  # here, on the roll call
        await pilot.pause()
        assert "Undid: marked 2 present" in said(app)
        assert attendance(home, mid) == {**before, "Lian Yong": "present"}
        assert "1 of 3 present" in str(app.screen.query_one("#attendance-title").render())
        await pilot.press("a", "escape")  # on the participants screen, ctrl+z too
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        assert set(attendance(home, mid).values()) == {"present"}
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert attendance(home, mid) == {**before, "Lian Yong": "present"}
        await pilot.press("escape")  # and on the capture screen
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert attendance(home, mid) == before
        assert "Undid: marked 1 present" in said(app)
        await pilot.press("ctrl+z")  # and on to the line typed before the roll call
        await settle(pilot)
        assert "Undid: line 'a point'" in said(app)


def test_participants_added_and_removed_are_undone(store: Store, home: Home) -> None:
    mid = store.create_meeting(MeetingHeader(title="People", body="IMN"))
    session = CaptureSession(store, mid)
    session.submit_all(["/p Ms. Amal Haddad, Head of Office, OCHA", "Ms. Haddad: a point"])
    store.add_participant(mid, PersonSpec(name="Kevin Hyland", organisation="UNHCR"))
    assert session.undo() is not None and len(store.load(mid).participants) == 1
    ((person,),) = [store.load(mid).participants]
    assert store.load(mid).entries[0].speaker_is_person
    store.delete_participant(person.id, mid)
    assert store.load(mid).participants == []
    undone = session.undo()
    assert undone is not None and undone.line == "removal of participant Ms. Amal Haddad"
    data = store.load(mid)
    assert [(p.id, p.name, p.position) for p in data.participants] == [
        (person.id, "Amal Haddad", "Head of Office")
    ]
    assert data.entries[0].speaker_is_person  # her point is hers again
    store.update_participant(
        person.id,
        honorific="Ms.",
        name="Amal Haddad",
        position="Deputy",
        organisation="OCHA",
        role=None,
        attendance="apologies",
    )
    undone = session.undo()
    assert undone is not None and undone.line == "edit of participant Ms. Amal Haddad"
    ((back,),) = [store.load(mid).participants]
    assert (back.position, back.attendance) == ("Head of Office", "present")
