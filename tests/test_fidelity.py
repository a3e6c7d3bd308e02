"""Records as rich as the originals: lists continued line by line, unnumbered headings,
presenters, the introduction, and what a new meeting of a series carries over."""

from __future__ import annotations

import pytest

from minutes_tui.capture import parse_line
from minutes_tui.config import Home
from minutes_tui.domain.entries import ListItem, NewItem, SetIntroduction, SetPresenters
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.store.store import Store
from tests.helpers import capture, replay


@pytest.mark.parametrize(
    ("line", "style", "text"),
    [
        ("- a bullet", "bullet", "a bullet"),
        ("* a star", "bullet", "a star"),
        ("1) first", "decimal", "first"),
        ("2. second", "decimal", "second"),
        ("(iii) third", "roman", "third"),
        ("iv) fourth", "roman", "fourth"),
        ("(b) bee", "alpha", "bee"),
    ],
)
def test_list_lines(line: str, style: str, text: str) -> None:
    entry = parse_line(line)
    assert isinstance(entry, ListItem) and (entry.style, entry.text) == (style, text)


@pytest.mark.parametrize("line", ["1.5 million people", "10:30 resumed", "- ", "(vix) no"])
def test_not_list_lines(line: str) -> None:
    assert parse_line(line).kind == "note"


def test_items_headings_presenters_and_introduction_lines() -> None:
    assert parse_line("/i - KEY RESULTS OF THE MEETINGS") == NewItem(
        label="", title="KEY RESULTS OF THE MEETINGS"
    )
    assert parse_line("/i 2.1 Cash | presenter: OCHA; Ms. Jamal") == NewItem(
        label="2.1", title="Cash", presenters="OCHA; Ms. Jamal"
    )
    assert parse_line("/presenter WFP") == SetPresenters(presenters="WFP")
    assert parse_line("/intro The meeting was opened by the Chair.") == SetIntroduction(
        text="The meeting was opened by the Chair."
    )


def new(store: Store, previous: int | None = None) -> int:
    return store.create_meeting(MeetingHeader(title="IM network", body="IMN"), previous)


def test_a_list_continues_the_entry_typed_before(store: Store) -> None:
    mid = new(store)
    results = replay(
        store,
        mid,
        [
            "/i 1 Discussion",
            "UNHCR: raised five points as follows:",
            "(i) commitment to the guidance",
            "(ii) the need for training",
            "/d The group agreed:",
            "- to publish the note",
            "- to review it in March",
            "/a Share the draft [OCHA]",
            "- with the cluster coordinators",
        ],
    )
    assert [r.kind for r in results[2:5]] == ["list_item", "list_item", "decision"]
    data = store.load(mid)
    by_id = {e.id: e for e in data.entries}
    points = [e for e in data.entries if e.parent_id is None]
    items = {
        p.text: [(e.list_style, e.text) for e in data.entries if e.parent_id == p.id]
        for p in points
    }
    assert items["raised five points as follows:"] == [
        ("roman", "commitment to the guidance"),
        ("roman", "the need for training"),
    ]
    assert items["The group agreed:"] == [
        ("bullet", "to publish the note"),
        ("bullet", "to review it in March"),
    ]
    assert all(
        by_id[e.parent_id].kind == "point"
        for e in data.entries
        if e.parent_id and by_id[e.parent_id].speaker
    )
    # After an action, a list line is one of its sub-items.
    assert [s.text for s in data.actions[0].sub_items] == ["with the cluster coordinators"]
    # The first line of an item has nothing to continue: the first item of a list.
    lone = capture(store, mid, None, "- a dash with nothing before it")
    assert lone.kind == "list_item"
    first = store.load(mid).entries[-1]
    assert (first.text, first.list_style, first.parent_id) == (
        "a dash with nothing before it",
        "bullet",
        None,
    )
    # Undo takes back one list item, not the list.
    store.undo(results[3], mid)
    assert [e.text for e in store.load(mid).entries if e.list_style == "roman"] == [
        "commitment to the guidance"
    ]


def test_unnumbered_headings_presenters_and_introduction(store: Store) -> None:
    mid = new(store)
    replay(
        store,
        mid,
        [
            "/intro The Chair opened the meeting.",
            "/i - KEY RESULTS",
            "/i Cash update | presenter: CWG",
            "/presenter CWG; Ms. Jamal",
        ],
    )
    data = store.load(mid)
    assert data.introduction == "The Chair opened the meeting."
    assert [(i.label, i.title, i.presenters) for i in data.items] == [
        ("", "KEY RESULTS", None),
        ("1", "Cash update", "CWG; Ms. Jamal"),  # the heading takes no number
    ]


def test_the_next_meeting_carries_people_expected_not_as_presenters(store: Store) -> None:
    first = new(store)
    replay(store, first, ["/p OCHA: Ms. Amal Haddad (Presenter)", "/a Share the map [OCHA]"])
    second = store.create_from_previous(first, MeetingHeader(title="IM network", body="IMN"))
    replay(store, second, ["/i 1 Opening"])
    data = store.load(second)
    assert [(p.role, p.attendance) for p in data.participants] == [(None, "expected")]
    # The automatic review item has no number, so the typed "1" is the only 1.
    assert [(i.label, i.title) for i in data.items] == [
        ("", "Review of previous actions"),
        ("1", "Opening"),
    ]


async def test_a_paste_of_30_lines_is_30_entries_in_one_undo(home: Home) -> None:
    from textual import events

    from minutes_tui.app import MinutesApp
    from minutes_tui.widgets.capture_line import CaptureLine
    from tests.helpers import settle

    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Paste", body="IMN"))
    replay(store, mid, ["/i 1 Updates"])
    store.close()
    pasted = ["The agencies reported:"] + [f"- update number {n}" for n in range(1, 29)]
    pasted.append("/a Compile the updates [OCHA]")
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(CaptureLine)
        line.post_message(events.Paste("\n".join(pasted) + "\n"))
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert line.value == ""
        store = Store.open(home)
        data = store.load(mid)
        assert len(data.entries) == 29 and len(data.actions) == 1
        assert [e.text for e in data.entries if e.parent_id][:2] == [
            "update number 1",
            "update number 2",
        ]
        await pilot.press("ctrl+z")  # one undo takes back the whole paste
        await settle(pilot)
        data = store.load(mid)
        assert (data.entries, data.actions) == ([], [])
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert len(store.load(mid).entries) == 29
        store.close()
        # A paste refused changes nothing.
        line.post_message(events.Paste("one\ntwo\n"))
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        store = Store.open(home)
        assert len(store.load(mid).entries) == 29
        store.close()
