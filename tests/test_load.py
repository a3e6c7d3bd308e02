"""The one loader (`store/load.py`, `store/load_register.py`: plain SQL through
`store/dbapi.py`), one suite run against each backend: a home's SQLite file and a team
archive on PostgreSQL (whose runs are `make test-slow`'s, as every both-dialect test).

`show` and `export` read through it, so a rule it forgot (a confidential line, a version,
the trash) would reach a circulated record. Each backend loads a home that holds every
feature and must give each meeting as it was typed; the archive must give exactly what
the SQLite file gives for the same commands (every value converted alike)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes_tui.capture.script import parse_script
from minutes_tui.config import Home
from minutes_tui.domain.snapshot import MeetingData
from minutes_tui.store.errors import NotFound, StoreError
from minutes_tui.store.store import Store
from tests.helpers import FIXTURES, replay, run_cli
from tests.record_fixtures import WORKPLAN_SCRIPTS

BACKCATALOGUE = sorted((FIXTURES / "backcatalogue").glob("*.txt"))
SECRETS = ("quiet evacuation", "list item of the confidential", "withheld donor")
SECRETS += ("private progress", "second meeting secret", "Hodeidah")


def cli_ok(home: Home, *args: str) -> str:
    done = run_cli(*(["--db", home.db_url] if home.db_url else []), *args, home=home)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def replay_scripts(home: Home, paths: list[Path], linked: bool) -> list[int]:
    """Each capture script as a meeting (linked to the one before when `linked`)."""
    store = Store.open(home)
    ids: list[int] = []
    try:
        for path in paths:
            script = parse_script(path.read_text("utf-8"))
            previous = ids[-1] if linked and ids else None
            mid = store.create_meeting(script.header, previous)
            replay(store, mid, [line for _, line in script.lines])
            ids.append(mid)
    finally:
        store.close()
    return ids


def build(home: Home) -> dict[str, list[int]]:
    """A home with every feature the snapshot carries; returns the meetings by role."""
    # 1–2: a series; confidential lines of every kind (point, decision, list item, action,
    # review, review of a confidential action; a confidential action's sub-item), lists of
    # every numbering.
    cli_ok(
        home,
        "new",
        "First",
        "--body",
        "IASC X",
        "--date",
        "2021-01-01",
        "--chair",
        "Ms. Zora Novak",
    )
    cli_ok(home, "add", "1", "/p UNHCR: Ms. Amina Jamal (Chair)", "/p OCHA", "/i 1 Opening")
    cli_ok(home, "add", "1", "/a public one [WFP]", "/s a public sub-item [WFP]")
    cli_ok(home, "add", "1", "!/a the Hodeidah crossing plan [OCHA]", "/a public three [UNHCR]")
    cli_ok(home, "add", "1", "!/a a secret with a sub-item [WFP]", "/s its sub-item [WFP]")
    cli_ok(home, "new", "Second", "--from", "1", "--date", "2021-02-01")
    cli_ok(
        home,
        "add",
        "2",
        "/p WFP: Mr. Tomas Ekberg, Director (Co-Chair)",
        "/i 1 Follow-up",
        "UNHCR: an open point",
        "Ekberg: a point by a registered person",
        "!OCHA: the quiet evacuation of staff",
        "- a list item of the confidential point",
        "1) a numbered item",
        "2) another",
        "UNICEF: a point with a roman list",
        "(i) a roman one",
        "(ii) a second roman one",
        "!/d a withheld donor pledge",
        "/a second meeting first [WFP] by 2021-03-01",
        "!/a second meeting secret [OCHA]",
        "/a second meeting third [UNICEF, Mr. Kofi Mensah]",
        "/u 3 completed done in public",
        "!/u 1 in progress private progress noted",
        "/u 2 completed the confidential action reviewed",
    )
    # Versions and the audit trail: 1 final (v1); 2 final twice, reopened between.
    cli_ok(home, "finalize", "1", "--no-pdf")
    cli_ok(home, "finalize", "2", "--no-pdf")
    cli_ok(home, "reopen", "2", "--reason", "Chair corrected item 1", "--by", "Ms. Rapporteur")
    cli_ok(home, "add", "2", "a correction after reopening")
    cli_ok(home, "finalize", "2", "--no-pdf")
    # Every capture-script fixture, the two results-group meetings as a series.
    singles = replay_scripts(
        home, [FIXTURES / "opag-session-vii.minutes", FIXTURES / "response-plan.minutes"], False
    )
    rg = [FIXTURES / "results-group-previous.minutes", FIXTURES / "results-group-actions.minutes"]
    pair = replay_scripts(home, rg, True)
    workplan = replay_scripts(home, WORKPLAN_SCRIPTS, True)
    # Attendance reports: people with identities, organisations, attendance.
    for report in sorted((FIXTURES / "attendance").glob("*.csv")):
        cli_ok(home, "attendance", str(singles[1]), str(report))
    # The back catalogue.
    before = {int(line.split()[0]) for line in cli_ok(home, "list").splitlines()}
    for record in BACKCATALOGUE:
        cli_ok(home, "import-record", str(record), "--body", "Back catalogue")
    after = {int(line.split()[0]) for line in cli_ok(home, "list").splitlines()}
    # The trash: a trashed meeting; a meeting whose previous one is in the trash; a
    # meeting in the trash whose actions a later one reviewed.
    cli_ok(home, "new", "Gone", "--body", "IASC X", "--date", "2021-03-01", "--from", "2")
    gone = max(after) + 1
    cli_ok(home, "add", str(gone), "/a an action of a trashed meeting [OCHA]")
    cli_ok(home, "new", "After the gone one", "--from", str(gone), "--date", "2021-04-01")
    cli_ok(home, "add", str(gone + 1), f"/u #{_action_ref(home, gone)} completed reviewed")
    cli_ok(home, "trash", str(gone))
    # Rows whose times are not in id order (as a copy pulled from the team archive keeps
    # another home's times): every list is ordered by its time first, then its id.
    from sqlalchemy import text

    store = Store.open(home)
    try:
        with store.write() as s:
            for table in ("entry", "action_update", "meeting_event"):
                column = "at" if table == "meeting_event" else "created_at"
                s.execute(
                    text(
                        f"UPDATE {table} SET {column} = '2030-01-01 00:00:00.000000' WHERE id IN "
                        f"(SELECT min(id) FROM {table} GROUP BY meeting_id)"
                    )
                )
            s.execute(
                text(
                    "UPDATE action_sub_item SET position = 99"
                    " WHERE id = (SELECT min(id) FROM action_sub_item)"
                )
            )
    finally:
        store.close()
    return {
        "series": [1, 2],
        "fixtures": singles + pair + workplan,
        "backcatalogue": sorted(after - before),
        "after_trash": [gone + 1],
        "trashed": [gone],
        "missing": [gone + 100],
    }


def _action_ref(home: Home, meeting: int) -> int:
    store = Store.open(home)
    try:
        return store.load(meeting).actions[0].id
    finally:
        store.close()


Rich = tuple[Home, dict[str, list[int]]]
BACKENDS = [
    pytest.param("sqlite", marks=pytest.mark.dialects),
    pytest.param("postgres", marks=[pytest.mark.dialects, pytest.mark.postgres, pytest.mark.slow]),
]


@pytest.fixture(scope="module")
def rich_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rich]:
    root = tmp_path_factory.mktemp("rich")
    with _isolated(root):
        home = Home(root / "home")
        yield home, build(home)


@pytest.fixture(scope="module")
def rich_postgres(tmp_path_factory: pytest.TempPathFactory, pg_server: object) -> Iterator[Rich]:
    """The same commands into a team archive, set up as `minutes archive init` does."""
    from minutes_tui.team.init import init_archive
    from tests import postgres

    assert isinstance(pg_server, postgres.Server)
    root = tmp_path_factory.mktemp("rich-archive")
    with _isolated(root) as mp:
        mp.setenv("PGPASSWORD", postgres.SUPERPASS)
        url = pg_server.url(pg_server.create_database(f"rich_{root.name}"))
        init_archive(url)
        home = Home(root / "home", db_url=url)
        yield home, build(home)


@contextmanager
def _isolated(root: Path) -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as mp:  # as conftest's autouse fixture, module-wide
        mp.setenv("MINUTES_HOME", str(root / "default-home"))
        mp.setenv("MINUTES_DIRECTORY", str(root / "no-directory.csv"))
        mp.setenv("MINUTES_CONFIG_DIR", str(root / "config"))
        yield mp


@pytest.fixture(scope="module", params=BACKENDS)
def rich(request: pytest.FixtureRequest) -> Rich:
    """The rich home on each backend."""
    loaded: Rich = request.getfixturevalue(f"rich_{request.param}")
    return loaded


def load(home: Home, meeting: int) -> MeetingData | StoreError:
    store = Store.open(home)
    try:
        return store.load(meeting)
    except StoreError as exc:
        return exc
    finally:
        store.close()


def loaded(rich: Rich, role: str) -> list[MeetingData]:
    home, meetings = rich
    out = [load(home, m) for m in meetings[role]]
    assert all(isinstance(m, MeetingData) for m in out), out
    return out  # type: ignore[return-value]


# ---- each backend: the meeting as it was typed ----------------------------------------


def test_a_meeting_loads_its_people_items_and_lines(rich: Rich) -> None:
    first, second = loaded(rich, "series")
    assert (second.title, second.body, second.date, second.chair) == (
        "Second",
        "IASC X",
        dt.date(2021, 2, 1),
        "Ms. Zora Novak",
    )
    assert [
        (p.name, p.honorific, p.organisation, p.role, p.position) for p in second.participants
    ] == [
        ("Amina Jamal", "Ms.", "UNHCR", "Chair", None),
        (None, None, "OCHA", None, None),
        ("Tomas Ekberg", "Mr.", "WFP", "Co-Chair", "Director"),
    ]
    assert [p.attendance for p in first.participants] == ["present", "present"]
    assert [(i.label, i.title) for i in second.items] == [
        ("", "Review of previous actions"),  # opened by the series' first review
        ("1", "Follow-up"),
    ]
    lines = {e.text: e for e in second.entries}
    # Ordered by time, then id: the first line's time was moved to 2030.
    assert second.entries[-1].text == "an open point"
    assert [e.text for e in second.entries[:2]] == [
        "a point by a registered person",
        "the quiet evacuation of staff",
    ]
    assert lines["a point by a registered person"].speaker_is_person
    assert lines["an open point"].speaker_organisation == "UNHCR"
    assert not lines["an open point"].speaker_is_person
    evacuation = lines["the quiet evacuation of staff"]
    assert evacuation.confidential and lines["a withheld donor pledge"].confidential
    assert lines["a withheld donor pledge"].kind == "decision"
    item = lines["a list item of the confidential point"]
    assert (item.parent_id, item.list_style, item.confidential) == (evacuation.id, "bullet", True)
    assert [e.list_style for e in second.entries if e.text.startswith("a roman")] == ["roman"]
    assert not lines["a correction after reopening"].confidential
    moments = [e.created_at for e in second.entries]
    assert all(m.utcoffset() == dt.timedelta(0) for m in moments)
    assert moments[-1] == dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def test_actions_load_with_their_circulated_numbers_sub_items_and_reviews(rich: Rich) -> None:
    first, second = loaded(rich, "series")
    assert [(a.number, a.public_number, a.confidential) for a in second.actions] == [
        (1, 1, False),
        (2, None, True),
        (3, 2, False),  # the circulated record numbers it 2: the secret one is left out
    ]
    action = second.actions[0]
    assert (action.owners, action.due_date, action.meeting_date) == (
        ["WFP"],
        dt.date(2021, 3, 1),
        dt.date(2021, 2, 1),
    )
    assert second.actions[2].owners == ["UNICEF, Mr. Kofi Mensah"]
    assert [a.text for a in second.previous_actions] == [a.text for a in first.actions]
    assert [a.public_number for a in first.actions] == [1, None, 2, None]
    subs = [(s.text, s.owners, s.confidential) for a in first.actions for s in a.sub_items]
    assert subs == [("a public sub-item", ["WFP"], False), ("its sub-item", ["WFP"], False)]
    updates = [
        (u.text, u.status, u.meeting_id, u.meeting_date, u.confidential)
        for a in first.actions
        for u in a.updates
    ]
    assert updates == [
        ("private progress noted", "in_progress", 2, dt.date(2021, 2, 1), True),
        ("the confidential action reviewed", "completed", 2, dt.date(2021, 2, 1), True),
        ("done in public", "completed", 2, dt.date(2021, 2, 1), False),
    ]
    # Reviews typed in the second meeting, in time order.
    reviews = [
        (r.action_number, r.action_public_number, r.status, r.confidential) for r in second.reviews
    ]
    assert reviews == [
        (1, 1, "in_progress", True),
        (2, None, "completed", True),  # the action itself is confidential
        (3, 2, "completed", False),  # typed first, its time moved to 2030
    ]
    assert {(r.action_meeting_id, r.action_meeting_date) for r in second.reviews} == {
        (1, dt.date(2021, 1, 1))
    }


def test_versions_history_and_identities_load(rich: Rich) -> None:
    first, second = loaded(rich, "series")
    assert (first.version, second.version) == (1, 2)
    trail = [(e.kind, e.version, e.by, e.reason) for e in second.history]
    assert trail[:2] == [
        ("reopened", 1, "Ms. Rapporteur", "Chair corrected item 1"),
        ("finalized", 2, trail[1][2], None),
    ]
    assert trail[2][:2] == ("finalized", 1)  # its time moved to 2030: last
    assert all(e.at.utcoffset() == dt.timedelta(0) for e in second.history)
    people = {(p.name, p.honorific, p.organisation) for p in second.identities.people}
    assert ("Zora Novak", "Ms", None) in people  # from a chair field
    assert ("Tomas Ekberg", "Mr.", "WFP") in people
    assert {"OCHA", "UNHCR", "WFP"} <= set(second.identities.organisations)


def test_the_trash_and_a_missing_meeting_are_one_sentence(rich: Rich) -> None:
    home, meetings = rich
    (trashed,), (missing,) = meetings["trashed"], meetings["missing"]
    with pytest.raises(NotFound, match="is in the trash; restore it"):
        load_or_raise(home, trashed)
    with pytest.raises(NotFound, match=f"No meeting with id {missing}"):
        load_or_raise(home, missing)
    (after,) = loaded(rich, "after_trash")
    assert after.previous_id is None and after.previous_actions == []  # previous trashed
    assert [r.text for r in after.reviews] == ["reviewed"]  # of the trashed one's action


def load_or_raise(home: Home, meeting: int) -> MeetingData:
    data = load(home, meeting)
    if isinstance(data, StoreError):
        raise data
    return data


def test_the_home_holds_every_feature(rich: Rich) -> None:
    """Across every meeting (scripts, imports, attendance reports): the features a record
    reads are all there, on each backend."""
    home, meetings = rich
    data = [m for ids in meetings.values() for m in map(lambda i: load(home, i), ids)]
    data = [m for m in data if isinstance(m, MeetingData)]
    entries = [e for m in data for e in m.entries]
    actions = [a for m in data for a in m.actions]
    assert {e.list_style for e in entries} >= {"bullet", "decimal", "roman"}
    assert any(e.label for e in entries) and any(e.kind == "group" for e in entries)
    assert any(s.timeframe for a in actions for s in a.sub_items)
    assert any(a.partners for a in actions) and any(a.group for a in actions)
    assert any(p.name and p.organisation and p.honorific for m in data for p in m.participants)
    assert {p.attendance for m in data for p in m.participants} >= {"present", "expected"}
    assert len({m.id for m in data}) == len(data) == sum(map(len, meetings.values())) - 2


def test_every_register_loads(rich: Rich) -> None:
    """`export --style workplan`: a body's register over a period (reviews made within it;
    the trashed meeting's action left out), headed by its latest meeting in the period."""
    home, _ = rich
    store = Store.open(home)
    try:
        whole = store.load_register("iasc x")
        assert (whole.body, whole.title) == ("IASC X", "After the gone one")
        assert [p.name for p in whole.co_chairs] == ["Amina Jamal", "Tomas Ekberg"]
        assert [(a.meeting_id, a.number) for a in whole.actions] == [
            (1, 1),
            (1, 2),
            (1, 3),
            (1, 4),
            (2, 1),
            (2, 2),
            (2, 3),
        ]
        january = store.load_register("IASC X", None, dt.date(2021, 1, 31))
        assert january.title == "First"
        assert [a.text for a in january.actions] == [a.text for a in whole.actions[:4]]
        assert not any(a.updates for a in january.actions)  # reviewed in February
        later = store.load_register("IASC X", dt.date(2021, 1, 15), None)
        assert [len(a.updates) for a in later.actions] == [1, 1, 1, 0, 0, 0, 0]
        assert store.load_register("IASC RG1").actions  # a workplan script's body
        with pytest.raises(NotFound, match="No meetings of the body 'Nobody'"):
            store.load_register("Nobody")
    finally:
        store.close()


# ---- the archive gives what the SQLite file gives ---------------------------------------


def without_moments(value: object) -> object:
    """A snapshot with every stored moment blanked (the two homes were built seconds
    apart), each checked aware in UTC first."""
    if isinstance(value, dt.datetime):
        assert value.utcoffset() == dt.timedelta(0), value
        return None
    if isinstance(value, list):
        return [without_moments(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: without_moments(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


@pytest.mark.postgres
@pytest.mark.slow
def test_the_archive_loads_what_the_sqlite_file_loads(
    rich_sqlite: Rich, rich_postgres: Rich
) -> None:
    """The same commands into each backend: every meeting and register loads alike, value
    for value (dates, booleans, JSON lists, moments, the order of every list)."""
    (lite, meetings), (archive, same_meetings) = rich_sqlite, rich_postgres
    assert meetings == same_meetings
    for ids in meetings.values():
        for meeting in ids:
            a, b = load(lite, meeting), load(archive, meeting)
            if isinstance(a, StoreError):
                assert (type(a), str(a)) == (type(b), str(b))
                continue
            assert without_moments(a) == without_moments(b), meeting
    periods = [(None, None), (dt.date(2021, 2, 1), dt.date(2021, 6, 30))]
    periods += [(dt.date(2021, 1, 15), None), (None, dt.date(2021, 1, 31))]
    stores = Store.open(lite), Store.open(archive)
    try:
        for body in ["IASC X", "iasc rg2", "IASC RG1", "Back catalogue"]:
            for date_from, date_to in periods:
                a, b = (s.load_register(body, date_from, date_to) for s in stores)
                assert without_moments(a) == without_moments(b), (body, date_from, date_to)
        for meeting in meetings["series"] + meetings["fixtures"]:
            a, b = (s.register_actions(meeting) for s in stores)
            assert without_moments(a) == without_moments(b), meeting
    finally:
        for s in stores:
            s.close()


LINES = st.sampled_from(
    [
        "UNHCR: a point",
        "!OCHA: a confidential point",
        "Ms. Amina Jamal: a named speaker",
        "- a bullet",
        "!- a confidential bullet",
        "1) a numbered item",
        "/d a decision",
        "!/d a confidential decision",
        "/k a key message",
        "/l Note: a labelled paragraph",
        "/g A TOPIC",
        "/a an action [WFP] by 2021-05-01",
        "!/a a confidential action [OCHA]",
        "/s a sub-item [UNICEF] | when: Q3",
        "/u 1 completed reviewed",
        "!/u 1 in progress privately",
        "/i 2 Another item",
        "/p WFP: Mr. Tomas Ekberg (Co-Chair)",
        "/p IOM",
    ]
)


@pytest.mark.postgres
@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # CI runs exactly what was run before it landed
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(lines=st.lists(LINES, min_size=1, max_size=12))
def test_any_meeting_typed_loads_alike_on_each_backend(
    lines: list[str], tmp_path: Path, archive_url: str
) -> None:
    """A sweep: meetings typed from any mix of the grammar's features, each after a
    meeting with actions to review, into a SQLite home and an archive side by side (one
    each for every example: the ids stay in step), load alike."""
    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.team.init import init_archive

    homes = [Home(tmp_path / "sweep"), Home(tmp_path / "sweep-archive", db_url=archive_url)]
    if not homes[0].db_path.exists():  # the first example: the fixtures hold for them all
        init_archive(archive_url)
        script = tmp_path / "before.minutes"
        script.write_text(
            "---\ntitle: Before\nbody: Sweep\n---\n/i 1 Item\n/a one [WFP]\n!/a two [OCHA]\n"
        )
        for home in homes:
            replay_scripts(home, [script], False)
    loads = []
    for home in homes:
        store = Store.open(home)
        try:
            mid = store.create_meeting(MeetingHeader(title="Swept", body="Sweep"), 1)
            replay(store, mid, ["/i 1 Item", *lines])
            loads.append([without_moments(store.load(m)) for m in (1, mid)])
        finally:
            store.close()
    assert loads[0] == loads[1]


# ---- through the commands ---------------------------------------------------------------


def test_export_and_show_read_through_sqlite3_and_circulate_no_confidential_line(
    rich_sqlite: Rich, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`minutes export` and `show` on a SQLite home never open the store (SQLAlchemy; it
    is made to fail here), and what they circulate holds none of the confidential lines."""
    home, meetings = rich_sqlite

    def no_orm(*_: object, **__: object) -> None:
        raise AssertionError("the store was opened")

    monkeypatch.setattr(Store, "open", no_orm)
    for fmt in ("md", "docx"):
        out = tmp_path / f"record.{fmt}"
        cli_ok(home, "export", "2", "--format", fmt, "--out", str(out))
        text = _text(out)
        assert "an open point" in text and "done in public" in text
        for secret in SECRETS:
            assert secret not in text, (fmt, secret)
        # Circulated numbers: the public third action reads as 2.
        if fmt == "md":
            assert re.search(r"2\. .*second meeting third", text), text
    marked = tmp_path / "marked.md"
    cli_ok(home, "export", "2", "--include-confidential", "--out", str(marked))
    assert "quiet evacuation" in marked.read_text("utf-8")
    workplan = tmp_path / "workplan.md"
    cli_ok(home, "export", "1", "--style", "workplan", "--out", str(workplan))
    for secret in SECRETS:
        assert secret not in workplan.read_text("utf-8"), secret
    assert "private progress" in cli_ok(home, "show", "2", "--json")  # show is the whole truth
    trashed = run_cli("show", str(meetings["trashed"][0]), home=home)
    assert trashed.returncode == 1 and "is in the trash" in trashed.stderr


def _text(path: Path) -> str:
    if path.suffix == ".docx":
        from tests.reliability.test_confidentiality import docx_text

        return docx_text(path)
    return path.read_text("utf-8")


def test_a_page_damaged_past_the_schema_check_is_one_sentence(tmp_path: Path) -> None:
    """The schema check reads two pages; damage in the meeting's own rows shows only when
    the loader reaches them: one sentence, the file untouched, no traceback."""
    home = Home(tmp_path / "home")
    cli_ok(home, "new", "Damaged")
    cli_ok(home, "add", "1", "/i 1 Item", *[f"UNHCR: point {n}" for n in range(50)])
    con = sqlite3.connect(home.db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entry'").fetchone()
    (size,) = con.execute("PRAGMA page_size").fetchone()
    con.close()
    raw = bytearray(home.db_path.read_bytes())
    raw[(root - 1) * size : (root - 1) * size + 100] = b"\xa5" * 100
    home.db_path.write_bytes(bytes(raw))
    for args in (["show", "1", "--json"], ["export", "1", "--out", "-"]):
        done = run_cli(*args, home=home)
        assert done.returncode == 1, (args, done.stderr)
        assert "is not a readable minutes-tui database" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert home.db_path.read_bytes() == bytes(raw)
