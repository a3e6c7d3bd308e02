"""The action tracker across meetings: the store API, `minutes actions`, the screen."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.screens.actions import ActionsScreen, HistoryScreen, ProgressPrompt
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.store import tracker
from minutes_tui.store.errors import NotFound
from minutes_tui.store.models import ActionUpdate
from minutes_tui.store.reviews import review_action, undo_review
from minutes_tui.store.store import Store
from minutes_tui.store.tracker import BadStatus, action_history, tracked_actions
from minutes_tui.store.tracker_filter import TrackerFilter, parse_query
from tests.helpers import replay, run_cli, settle, type_text

# Every test here that uses the store runs on a home's SQLite file and on a PostgreSQL
# team archive (tests/conftest.py); the results must be the same.
pytestmark = pytest.mark.dialects

SIZE = (120, 40)
BODY = "IASC OPAG"
TODAY = dt.date(2020, 10, 1)


def add_meeting(
    store: Store,
    title: str,
    date: str,
    lines: list[str],
    previous_id: int | None = None,
    body: str | None = BODY,
) -> int:
    header = MeetingHeader(title=title, body=body, date=dt.date.fromisoformat(date))
    mid = store.create_meeting(header, previous_id)
    for result in replay(store, mid, lines):
        assert not result.warnings, (result.line, result.warnings)
    return mid


def build_series(store: Store) -> tuple[int, int, int]:
    """Three sessions of one body. Session VIII was linked to Session VII and reviews its
    actions with `/u N`; Session IX was also started from Session VII (its `previous_id`),
    so its `/u 1` reviews Session VII's action 1 again."""
    m1 = add_meeting(
        store,
        "Session VII",
        "2020-07-09",
        [
            "/i 7.1 Data responsibility",
            "/a Accelerate the finalization of the guidance [RG1 sub-group; OCHA] by 2020-08-31",
            "/s Share the draft with the wider membership [RG3]",
            "/a Report on the funding gap [UNICEF] by mid-September",
            "/i 7.2 Localization",
            "/a Map the pooled funds [Société Générale] by 2020-07-31",
        ],
    )
    m2 = add_meeting(
        store,
        "Session VIII",
        "2020-08-20",
        [
            "/i 1 Follow-up of Session VII",
            "/u 1 in progress Draft shared with members",
            "/u 2 completed Funding report circulated",
            "/a Consolidate the comments [OCHA] by 2020-09-15",
        ],
        previous_id=m1,
    )
    m3 = add_meeting(
        store,
        "Session IX",
        "2020-10-02",
        [
            "/i 1 Follow-up",
            "/u 1 completed Guidance endorsed on 2 Oct",
            "/a Publish the guidance [OCHA; WFP] by 2020-12-31",
        ],
        previous_id=m1,
    )
    return m1, m2, m3


@pytest.fixture
def series(store: Store) -> tuple[int, int, int]:
    return build_series(store)


def keys(actions: list[tracker.TrackedAction]) -> list[tuple[int, int]]:
    return [(a.meeting_id, a.number) for a in actions]


# ---- the store API --------------------------------------------------------------------


def test_current_status_and_whole_history(store: Store, series: tuple[int, int, int]) -> None:
    m1, m2, m3 = series
    actions = tracked_actions(store, TrackerFilter())
    assert keys(actions) == [(m3, 1), (m2, 1), (m1, 1), (m1, 2), (m1, 3)]  # newest meeting first
    first = actions[2]
    assert first.text.startswith("Accelerate the finalization")
    assert first.owners == ["RG1 sub-group", "OCHA"]
    assert (first.body, first.title, first.meeting_date) == (
        BODY,
        "Session VII",
        dt.date(2020, 7, 9),
    )
    assert first.item_label == "7.1" and first.due_date == dt.date(2020, 8, 31)
    assert first.status == "completed"
    assert first.progress == "Guidance endorsed on 2 Oct"
    assert first.progress_date == dt.date(2020, 10, 2) and first.progress_meeting_id == m3
    assert first.updates == 2
    assert first.history == []  # only with_history=True
    history = action_history(store, first.id)
    assert [(h.meeting_id, h.date, h.status, h.text) for h in history] == [
        (m2, dt.date(2020, 8, 20), "in_progress", "Draft shared with members"),
        (m3, dt.date(2020, 10, 2), "completed", "Guidance endorsed on 2 Oct"),
    ]
    second = actions[3]
    assert (second.status, second.progress, second.updates) == (
        "completed",
        "Funding report circulated",
        1,
    )
    assert second.due_text == "mid-September" and second.due == "mid-September"
    untouched = actions[4]
    assert (untouched.status, untouched.progress, untouched.progress_date, untouched.updates) == (
        "pending",
        None,
        None,
        0,
    )
    with_history = tracked_actions(store, TrackerFilter(meeting_id=m1), with_history=True)
    assert [len(a.history) for a in with_history] == [2, 1, 0]
    assert with_history[0].history == history
    with pytest.raises(NotFound):
        action_history(store, 999)


def test_review_in_a_later_meeting_targets_its_previous_meeting(store: Store) -> None:
    """In a linked series, `/u 1` in the third session reviews the second session's action 1."""
    m1 = add_meeting(store, "One", "2021-01-10", ["/a First of one [OCHA]"])
    m2 = add_meeting(
        store, "Two", "2021-02-10", ["/u 1 in progress started", "/a First of two"], m1
    )
    add_meeting(store, "Three", "2021-03-10", ["/u 1 completed two's action done"], m2)
    by_meeting = {
        a.meeting_id: a for a in tracked_actions(store, TrackerFilter(), with_history=True)
    }
    assert [h.text for h in by_meeting[m1].history] == ["started"]
    assert by_meeting[m1].status == "in_progress"
    assert [h.text for h in by_meeting[m2].history] == ["two's action done"]
    assert by_meeting[m2].status == "completed"


def test_filters(store: Store, series: tuple[int, int, int]) -> None:
    m1, m2, m3 = series

    def find(**kw: object) -> list[tuple[int, int]]:
        return keys(tracked_actions(store, TrackerFilter(today=TODAY, **kw)))  # type: ignore[arg-type]

    assert find(open_only=True) == [(m3, 1), (m2, 1), (m1, 3)]
    # Overdue: open and due before today; a completed action past its date is not.
    assert find(overdue=True) == [(m2, 1), (m1, 3)]
    assert keys(tracked_actions(store, TrackerFilter(overdue=True, today=dt.date(2020, 9, 1)))) == [
        (m1, 3)
    ]
    assert (
        keys(tracked_actions(store, TrackerFilter(overdue=True, today=dt.date(2020, 7, 1)))) == []
    )
    # Owner: a case-insensitive substring of any owner, a sub-item's owners included.
    assert find(owner="ocha") == [(m3, 1), (m2, 1), (m1, 1)]
    assert find(owner="rg3") == [(m1, 1)]
    assert find(owner="SOCIÉTÉ") == [(m1, 3)]
    assert find(owner="nobody") == []
    # Body: exact, case-insensitive.
    assert len(find(body="iasc opag")) == 5
    assert find(body="IASC") == []
    # Text: the action's text or a sub-item's; the words of the screen must all occur.
    assert find(text="GUIDANCE") == [(m3, 1), (m1, 1)]
    assert find(text="wider membership") == [(m1, 1)]
    assert find(text="draft shared") == []  # a review's text is not the action's
    assert find(words=("guidance", "publish")) == [(m3, 1)]
    assert find(meeting_id=m2) == [(m2, 1)]
    assert find(open_only=True, owner="ocha", body=BODY) == [(m3, 1), (m2, 1)]
    assert find(text="   ", owner="") == find()  # blank filters filter nothing


def test_case_is_folded_as_str_casefold_on_both_dialects(store: Store) -> None:
    """ß matches ss, a final ς matches σ, capitals of any script match: the archive folds
    text as SQLite's `str.casefold` does, whatever the database's own collation."""
    mid = add_meeting(
        store,
        "Folding",
        "2021-05-01",
        [
            "/a Clear the Straße [ÄRZTE OHNE GRENZEN]",
            "/a Translate the ΟΔΗΓΟΣ [Société Générale]",
            "/a Plain English [OCHA]",
        ],
    )

    def find(**kw: object) -> list[int]:
        return [a.number for a in tracked_actions(store, TrackerFilter(meeting_id=mid, **kw))]  # type: ignore[arg-type]

    assert find(text="STRASSE") == [1]
    assert find(text="straße") == [1]
    assert find(owner="ärzte") == [1]
    assert find(text="οδηγος") == [2]
    assert find(owner="société g") == [2]
    assert find(body="iasc opag") == [1, 2, 3]
    assert find(text="plain english") == [3]


def test_an_archive_server_without_icu_still_lists_and_filters(
    store: Store, series: tuple[int, int, int]
) -> None:
    """A PostgreSQL built without ICU (its collation dropped from this test's database):
    text folds under the database's own collation (here C, so ASCII only), and the
    tracker still answers instead of failing."""
    if not store.online:
        pytest.skip("a question to an archive's server")
    from sqlalchemy import text

    with store.engine.begin() as conn:
        conn.execute(text('DROP COLLATION "und-x-icu"'))
    m1, m2, m3 = series
    assert keys(tracked_actions(store, TrackerFilter(owner="OCHA", body="iasc opag"))) == [
        (m3, 1),
        (m2, 1),
        (m1, 1),
    ]
    assert keys(tracked_actions(store, TrackerFilter(text="GUIDANCE"))) == [(m3, 1), (m1, 1)]


def test_undated_meetings_come_last(store: Store) -> None:
    """Newest meeting first, a meeting without a date after every dated one."""
    old = add_meeting(store, "Old", "2020-01-10", ["/a Old action"])
    undated = store.create_meeting(MeetingHeader(title="Undated", body=BODY), None)
    replay(store, undated, ["/a Undated action"])
    new = add_meeting(store, "New", "2021-01-10", ["/a New action"])
    assert keys(tracked_actions(store)) == [(new, 1), (old, 1), (undated, 1)]


@pytest.fixture
def in_tokyo() -> Iterator[None]:
    """This machine's zone is Tokyo (UTC+9) for the test."""
    was = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    if was is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = was
    time.tzset()


def test_a_review_outside_a_later_meeting_is_dated_by_the_local_day(
    store: Store, in_tokyo: None
) -> None:
    """Made at 23:30 UTC on 1 October, it is dated 2 October where the machine is (Tokyo):
    SQLite's `localtime` and the archive agree, although the archive's server reads
    times in UTC."""
    mid = add_meeting(store, "Alone", "2020-09-01", ["/a An action with no later meeting"])
    (action,) = tracked_actions(store, TrackerFilter(meeting_id=mid))
    change = review_action(store, action.id, "completed", "done late")
    with store.write() as s:
        update = s.get(ActionUpdate, change.update_id)
        assert update is not None
        update.created_at = dt.datetime(2020, 10, 1, 23, 30, tzinfo=dt.UTC)
    (after,) = tracked_actions(store, TrackerFilter(meeting_id=mid), with_history=True)
    assert after.progress_date == dt.date(2020, 10, 2)
    assert [h.date for h in after.history] == [dt.date(2020, 10, 2)]
    assert after.history[0].created_at == dt.datetime(2020, 10, 1, 23, 30, tzinfo=dt.UTC)


def test_filter_uses_two_queries_at_most(
    store: Store, series: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    statements: list[str] = []
    reader = tracker._reader

    class Counting:
        """The driver connection (sqlite3's or psycopg's), each statement noted."""

        def __init__(self, con) -> None:  # type: ignore[no-untyped-def]
            self.con = con

        def execute(self, sql: str, params):  # type: ignore[no-untyped-def]
            statements.append(sql)
            return self.con.execute(sql, params)

    @contextmanager
    def counting(s: Store):  # type: ignore[no-untyped-def]
        with reader(s) as con:
            yield Counting(con)

    monkeypatch.setattr(tracker, "_reader", counting)
    everything = TrackerFilter(open_only=True, owner="o", body=BODY, text="e", today=TODAY)
    tracked_actions(store, everything)
    assert sum(1 for s in statements if s.lstrip().startswith("SELECT")) == 1
    statements.clear()
    assert len(tracked_actions(store, TrackerFilter(), with_history=True)) == 5
    assert sum(1 for s in statements if s.lstrip().startswith("SELECT")) == 2


def test_parse_query() -> None:
    q = parse_query('owner:unicef body:"IASC OPAG" is:open guidance "data resp" meeting:4', TODAY)
    assert q == TrackerFilter(
        open_only=True,
        owner="unicef",
        body="IASC OPAG",
        words=("guidance", "data resp"),
        meeting_id=4,
        today=TODAY,
    )
    assert parse_query("is:overdue").overdue and not parse_query("is:overdue").open_only
    # Tokens still being typed narrow nothing; other key:value stay words.
    assert parse_query("owner: is:ov body:") == TrackerFilter()
    assert parse_query('body:"IASC OP').body == "IASC OP"
    assert parse_query("Note: http://x.org is:done").words == ("Note:", "http://x.org", "is:done")
    assert parse_query("lead:RG1").owner == "RG1"  # lead: is owner: (issue 26)


def test_set_status_records_a_review(store: Store, series: tuple[int, int, int]) -> None:
    m1, m2, m3 = series
    by_key = {(a.meeting_id, a.number): a for a in tracked_actions(store)}
    pooled = by_key[(m1, 3)]
    # No reviewing meeting given: the meeting after the action's own in its series.
    change = review_action(store, pooled.id, "in progress", "  Mapping started ")
    assert (change.meeting_id, change.status, change.previous_status) == (
        m2,
        "in_progress",
        "pending",
    )
    again = tracked_actions(store, TrackerFilter(meeting_id=m1))[2]
    assert (again.status, again.progress, again.progress_date, again.updates) == (
        "in_progress",
        "Mapping started",
        dt.date(2020, 8, 20),
        1,
    )
    # Given a meeting: reviewed there, dated by it.
    review_action(store, pooled.id, "completed", "Done", meeting_id=m3)
    history = action_history(store, pooled.id)
    assert [(h.meeting_id, h.date, h.status) for h in history] == [
        (m2, dt.date(2020, 8, 20), "in_progress"),
        (m3, dt.date(2020, 10, 2), "completed"),
    ]
    # The latest meeting's action has no later meeting: its own, dated the day it was made.
    publish = by_key[(m3, 1)]
    own = review_action(store, publish.id, "dropped")
    assert own.meeting_id == m3
    (entry,) = action_history(store, publish.id)
    assert entry.date == dt.datetime.now().date() and entry.text == ""
    # The store's own rules agree: the current status is the latest review.
    assert store.load(m3).actions[0].status == "dropped"
    with pytest.raises(BadStatus):
        review_action(store, publish.id, "maybe")
    with pytest.raises(NotFound):
        review_action(store, 999, "completed")
    with pytest.raises(NotFound):
        review_action(store, publish.id, "completed", meeting_id=999)


def test_an_undated_following_meeting_is_chosen_first(store: Store) -> None:
    """Of two meetings linked after the action's, the store takes the first by date, an
    undated one before any dated one (as SQLite sorts): the same on an archive."""
    first = add_meeting(store, "First", "2021-01-10", ["/a An action [OCHA]"])
    add_meeting(store, "Dated follow-up", "2021-02-10", [], first)
    undated = store.create_meeting(MeetingHeader(title="Undated follow-up", body=BODY), first)
    (action,) = tracked_actions(store, TrackerFilter(meeting_id=first))
    assert review_action(store, action.id, "completed").meeting_id == undated


def test_undo_status(store: Store, series: tuple[int, int, int]) -> None:
    m1, _m2, _m3 = series
    first = tracked_actions(store, TrackerFilter(meeting_id=m1))[0]
    change = review_action(store, first.id, "dropped", "changed our minds")
    assert tracked_actions(store, TrackerFilter(meeting_id=m1))[0].status == "dropped"
    undo_review(store, change)
    back = tracked_actions(store, TrackerFilter(meeting_id=m1))[0]
    assert (back.status, back.updates, back.progress) == (
        "completed",
        2,
        "Guidance endorsed on 2 Oct",
    )


# ---- the command line -------------------------------------------------------------------


def minutes(*args: str, home: Home):  # type: ignore[no-untyped-def]
    """`minutes ARGS` on the home's database: `minutes --db URL ARGS` on an archive."""
    return run_cli(*(["--db", home.db_url] if home.db_url else []), *args, home=home)


def test_actions_json(home: Home, store: Store, series: tuple[int, int, int]) -> None:
    m1, m2, m3 = series
    done = minutes("actions", "--json", home=home)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["actions"]
    assert [(a["meeting_id"], a["number"]) for a in data] == [
        (m3, 1),
        (m2, 1),
        (m1, 1),
        (m1, 2),
        (m1, 3),
    ]
    first = data[2]
    assert {k: first[k] for k in ("meeting_date", "body", "title", "owners", "due", "status")} == {
        "meeting_date": "2020-07-09",
        "body": BODY,
        "title": "Session VII",
        "owners": ["RG1 sub-group", "OCHA"],
        "due": "2020-08-31",
        "status": "completed",
    }
    assert first["progress"] == "Guidance endorsed on 2 Oct"
    assert first["history"] == [
        {
            "date": "2020-08-20",
            "meeting_id": m2,
            "status": "in_progress",
            "text": "Draft shared with members",
        },
        {
            "date": "2020-10-02",
            "meeting_id": m3,
            "status": "completed",
            "text": "Guidance endorsed on 2 Oct",
        },
    ]
    assert data[4]["history"] == [] and data[4]["owners"] == ["Société Générale"]


def test_actions_filters_on_the_command_line(
    home: Home, store: Store, series: tuple[int, int, int]
) -> None:
    m1, m2, m3 = series

    def numbers(*args: str) -> list[tuple[int, int]]:
        done = minutes("actions", "--json", *args, home=home)
        assert done.returncode == 0, done.stderr
        return [(a["meeting_id"], a["number"]) for a in json.loads(done.stdout)["actions"]]

    assert numbers("--open") == [(m3, 1), (m2, 1), (m1, 3)]
    assert numbers("--overdue", "--today", "2020-10-01") == [(m2, 1), (m1, 3)]
    assert numbers("--owner", "Unicef") == [(m1, 2)]
    assert numbers("--body", "iasc opag", "--text", "guidance") == [(m3, 1), (m1, 1)]
    assert numbers("--meeting", str(m2)) == [(m2, 1)]
    plain = minutes("actions", "--overdue", "--today", "2020-10-01", home=home)
    lines = plain.stdout.splitlines()
    assert len(lines) == 2
    assert "Consolidate the comments [OCHA]" in lines[0] and "2020-09-15!" in lines[0]
    assert lines[0].index("Consolidate") == lines[1].index("Map the pooled")  # aligned
    assert "pending" in lines[1] and "[Société Générale]" in lines[1]
    everything = minutes("actions", home=home).stdout
    assert "— Guidance endorsed on 2 Oct (2020-10-02)" in everything
    bad = minutes("actions", "--today", "2020-13-01", home=home)
    assert bad.returncode == 2 and "2020-13-01" in bad.stderr


def test_action_status_command(home: Home, store: Store, series: tuple[int, int, int]) -> None:
    m1, m2, _m3 = series
    pooled = tracked_actions(store, TrackerFilter(meeting_id=m1))[2]
    done = minutes(
        "action-status", str(pooled.id), "in progress", "--progress", "Half mapped", home=home
    )
    assert done.returncode == 0, done.stderr
    assert f"meeting {m2}" in done.stdout
    after = tracked_actions(store, TrackerFilter(meeting_id=m1))[2]
    assert (after.status, after.progress) == ("in_progress", "Half mapped")
    for args, expected in (
        ([str(pooled.id), "maybe"], "not a status"),
        (["999", "done"], "No action with id 999"),
        (["x", "done"], "not an action reference"),
    ):
        bad = minutes("action-status", *args, home=home)
        assert bad.returncode != 0 and expected in bad.stderr, (args, bad.stderr)
        assert "Traceback" not in bad.stderr
    assert tracked_actions(store, TrackerFilter(meeting_id=m1))[2].updates == 1


@pytest.mark.postgres
def test_a_rapporteur_tracks_only_the_actions_it_may_read(archive_url: str, tmp_path: Path) -> None:
    """On an archive the tracker reads through row-level security: a RESTRICTED
    meeting's actions are listed only to a role granted its body."""
    import uuid

    from sqlalchemy import text

    from minutes_tui.team.init import init_archive
    from tests.postgres import SUPERPASS

    init_archive(archive_url)
    admin = Store.open(Home(tmp_path / "admin", db_url=archive_url))
    try:
        add_meeting(admin, "Open", "2021-01-10", ["/a Public action [OCHA]"], body="RG1")
        closed = admin.create_meeting(
            MeetingHeader(title="Closed", body=BODY, sensitivity="RESTRICTED"), None
        )
        replay(admin, closed, ["/a Restricted action [UNHCR]"])
        role = f"rapporteur_{uuid.uuid4().hex[:8]}"
        with admin.engine.begin() as conn:  # PGPASSWORD (the admin's) logs it in too
            conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{SUPERPASS}'"))
    finally:
        admin.close()
    assert run_cli("--db", archive_url, "archive", "grant", role, "--body", "RG1").returncode == 0
    as_role = archive_url.replace("archive_admin@", f"{role}@")
    home = Home(tmp_path / "rapporteur", db_url=as_role)

    def texts() -> list[str]:
        done = minutes("actions", "--json", home=home)
        assert done.returncode == 0, done.stderr
        return [a["text"] for a in json.loads(done.stdout)["actions"]]

    assert texts() == ["Public action"]
    assert run_cli("--db", archive_url, "archive", "grant", role, "--body", BODY).returncode == 0
    assert texts() == ["Public action", "Restricted action"]


# ---- the screen -----------------------------------------------------------------------


async def open_tracker(pilot, today: dt.date = TODAY) -> ActionsScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    screen = ActionsScreen(today=today)
    pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def table_of(screen: ActionsScreen) -> DataTable:  # type: ignore[type-arg]
    return screen.query_one("#actions-table", DataTable)


def action_texts(screen: ActionsScreen) -> list[str]:
    table = table_of(screen)
    return [str(table.get_row_at(n)[3]) for n in range(table.row_count)]


async def test_typing_a_filter_narrows_the_rows(home: Home, store: Store, series) -> None:  # type: ignore[no-untyped-def]
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(pilot)
        assert app.focused is screen.query_one("#actions-filter", Input)
        assert table_of(screen).row_count == 5
        await type_text(pilot, "guidance")
        await settle(pilot)
        assert table_of(screen).row_count == 2
        await type_text(pilot, " owner:wfp")
        await settle(pilot)
        assert action_texts(screen) == ["Publish the guidance"]
        await pilot.press("ctrl+u", *"is:overdue")
        await settle(pilot)
        assert action_texts(screen) == ["Consolidate the comments", "Map the pooled funds"]
        title = str(screen.query_one("#actions-title").render())
        assert "2 listed · 2 open · 2 overdue" in title
        await pilot.press("ctrl+u", *"nothing-like-this")
        await settle(pilot)
        assert table_of(screen).row_count == 0
        assert "No action matches" in str(screen.query_one("#actions-status").render())
        await pilot.press("escape")  # clears the filter first
        await settle(pilot)
        assert table_of(screen).row_count == 5 and app.screen is screen
        await pilot.press("escape")
        assert app.screen is not screen


async def test_status_keys_store_a_review(home: Home, store: Store, series) -> None:  # type: ignore[no-untyped-def]
    m1, m2, _m3 = series
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(pilot)
        await type_text(pilot, "pooled")  # letters typed in the filter are just letters
        await pilot.press("p")
        await settle(pilot)
        assert screen.query_one("#actions-filter", Input).value == "pooledp"
        await pilot.press("backspace", "enter")  # Enter: from the filter to the list
        await settle(pilot)
        assert app.focused is table_of(screen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ProgressPrompt)
        await type_text(pilot, "Funds mapped")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        pooled = tracked_actions(store, TrackerFilter(meeting_id=m1))[2]
        assert (pooled.status, pooled.progress, pooled.progress_meeting_id) == (
            "completed",
            "Funds mapped",
            m2,
        )
        assert [str(c) for c in table_of(screen).get_row_at(0)][6] == "completed"
        # Esc cancels: nothing is stored.
        await pilot.press("i", "escape")
        await settle(pilot)
        assert app.screen is screen
        pooled = tracked_actions(store, TrackerFilter(meeting_id=m1))[2]
        assert (pooled.status, pooled.progress, pooled.updates) == ("completed", "Funds mapped", 1)
        # Enter with no text: the status changes without a progress text.
        await pilot.press("i", "enter")
        await settle(pilot)
        pooled = tracked_actions(store, TrackerFilter(meeting_id=m1))[2]
        assert (pooled.status, pooled.progress, pooled.updates) == ("in_progress", "", 2)
        # ctrl+z takes the last change back.
        await pilot.press("ctrl+z")
        await settle(pilot)
        pooled = tracked_actions(store, TrackerFilter(meeting_id=m1))[2]
        assert (pooled.status, pooled.updates) == ("completed", 1)
        # h: the history, in a dialog.
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        lines = str(app.screen.query_one("#action-history-lines").render())
        assert "completed" in lines and "Funds mapped" in lines and "2020-08-20" in lines
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_enter_opens_the_meeting(home: Home, store: Store, series) -> None:  # type: ignore[no-untyped-def]
    _m1, m2, _m3 = series
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(pilot)
        await pilot.press("enter", "down")  # to the list, then the second row: Session VIII
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen) and app.screen.meeting_id == m2
        # Back in the tracker, a review typed in the meeting shows at once.
        await type_text(pilot, "/a Another action of Session VIII")
        await pilot.press("enter")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert any(t.startswith("Another action") for t in action_texts(screen))


async def test_f3_opens_the_tracker_on_this_database(home: Home, store: Store, series) -> None:  # type: ignore[no-untyped-def]
    """F3 from the meetings list: every action, on a home's file as on a team archive."""
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        assert table_of(screen).row_count == 5
        assert "5 listed" in str(screen.query_one("#actions-title").render())
        assert "Cannot read" not in str(screen.query_one("#actions-status").render())
        await type_text(pilot, "owner:société")
        await pilot.press("enter")
        await settle(pilot)
        assert action_texts(screen) == ["Map the pooled funds"]
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_screen_waits_for_the_store(home: Home, store: Store, series) -> None:  # type: ignore[no-untyped-def]
    """Pushed before the store is open, the tracker fills in when it is."""
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ActionsScreen(today=TODAY))
        await settle(pilot)
        assert table_of(app.screen).row_count == 5  # type: ignore[arg-type]


async def test_long_lists_are_capped_but_counted(
    home: Home, store: Store, series, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ActionsScreen, "MAX_ROWS", 2)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tracker(pilot)
        assert table_of(screen).row_count == 2
        assert "5 listed" in str(screen.query_one("#actions-title").render())
        assert "newest 2 of 5" in str(screen.query_one("#actions-status").render())
        await type_text(pilot, "guidance")
        await settle(pilot)
        assert table_of(screen).row_count == 2
        assert str(screen.query_one("#actions-status").render()).strip() == ""


def test_the_tracker_store_never_imports_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import minutes_tui.store.tracker, minutes_tui.cli; "
        "print([m for m in sys.modules if m.startswith('textual')])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
