"""The standard-sqlite3 loader (`store/load_sqlite.py`) returns the very snapshot the ORM
loader does, for every meeting of a home that holds every feature: `show` and `export`
read through it, so a rule it forgot (a confidential line, a version, the trash) would
reach a circulated record. Equality of the dataclasses is the guarantee."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes_tui.config import Home
from minutes_tui.script import parse_script
from minutes_tui.snapshot import MeetingData, RegisterData
from minutes_tui.store import load_sqlite
from minutes_tui.store.errors import StoreError
from minutes_tui.store.store import Store
from tests.helpers import FIXTURES, replay, run_cli
from tests.record_fixtures import WORKPLAN_SCRIPTS

BACKCATALOGUE = sorted((FIXTURES / "backcatalogue").glob("*.txt"))
SECRETS = ("quiet evacuation", "list item of the confidential", "withheld donor")
SECRETS += ("private progress", "second meeting secret", "Hodeidah")


def cli_ok(home: Home, *args: str) -> str:
    done = run_cli(*args, home=home)
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
    with sqlite3.connect(home.db_path) as con:
        for table in ("entry", "action_update", "action_sub_item", "meeting_event"):
            column = "at" if table == "meeting_event" else "created_at"
            con.execute(
                f"UPDATE {table} SET {column} = '2030-01-01 00:00:00.000000' WHERE id IN "
                f"(SELECT min(id) FROM {table} GROUP BY meeting_id)"
                if table != "action_sub_item"
                else f"UPDATE {table} SET position = 99 WHERE id = (SELECT min(id) FROM {table})"
            )
    con.close()
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


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Home, dict[str, list[int]]]]:
    root = tmp_path_factory.mktemp("rich")
    with pytest.MonkeyPatch.context() as mp:  # as conftest's autouse fixture, module-wide
        mp.setenv("MINUTES_HOME", str(root / "default-home"))
        mp.setenv("MINUTES_DIRECTORY", str(root / "no-directory.csv"))
        mp.setenv("MINUTES_CONFIG_DIR", str(root / "config"))
        home = Home(root / "home")
        yield home, build(home)


def orm_load(home: Home, meeting: int) -> MeetingData | StoreError:
    store = Store.open(home)
    try:
        return store.load(meeting)
    except StoreError as exc:
        return exc
    finally:
        store.close()


def sqlite_load(home: Home, meeting: int) -> MeetingData | StoreError:
    try:
        return load_sqlite.load(home.db_path, meeting)
    except StoreError as exc:
        return exc


def same(a: MeetingData | RegisterData | StoreError, b: object) -> bool:
    if isinstance(a, StoreError):
        return type(a) is type(b) and str(a) == str(b)
    return a == b


ROLES = ("series", "fixtures", "backcatalogue", "after_trash", "trashed", "missing")


@pytest.mark.parametrize("role", ROLES)
def test_every_meeting_loads_the_same_through_sqlite3_as_through_the_orm(
    rich: tuple[Home, dict[str, list[int]]], role: str
) -> None:
    home, meetings = rich
    assert meetings[role]
    for meeting in meetings[role]:
        orm, plain = orm_load(home, meeting), sqlite_load(home, meeting)
        assert same(orm, plain), (meeting, _first_difference(orm, plain))


def _first_difference(a: object, b: object) -> str:
    if isinstance(a, MeetingData) and isinstance(b, MeetingData):
        for name in a.__dataclass_fields__:
            if getattr(a, name) != getattr(b, name):
                return f"{name}: {getattr(a, name)!r:.400} != {getattr(b, name)!r:.400}"
    return f"{a!r:.200} != {b!r:.200}"


def test_the_home_holds_every_feature_the_equality_must_cover(
    rich: tuple[Home, dict[str, list[int]]],
) -> None:
    """Equality proves nothing about a feature the home does not hold."""
    home, meetings = rich
    loaded = [orm_load(home, m) for ids in meetings.values() for m in ids]
    data = [m for m in loaded if isinstance(m, MeetingData)]
    errors = [str(m) for m in loaded if isinstance(m, StoreError)]
    assert any("in the trash" in e for e in errors) and any("No meeting" in e for e in errors)
    entries = [e for m in data for e in m.entries]
    actions = [a for m in data for a in m.actions]
    reviews = [r for m in data for r in m.reviews]
    assert {e.kind for e in entries if e.confidential} >= {"point", "decision"}
    assert any(e.confidential and e.parent_id for e in entries)  # a list item
    assert {e.list_style for e in entries} >= {"bullet", "decimal", "roman"}
    assert any(e.label for e in entries) and any(e.kind == "group" for e in entries)
    assert any(e.speaker_is_person for e in entries) and any(
        e.speaker_organisation for e in entries
    )
    assert any(a.confidential and a.public_number is None for a in actions)
    assert any(a.public_number not in (None, a.number) for a in actions)  # a gap closed
    assert any(s.timeframe for a in actions for s in a.sub_items)
    assert any(a.due_date for a in actions) and any(a.updates for a in actions)
    assert any(u.confidential for a in actions for u in a.updates)
    assert any(r.confidential for r in reviews) and any(not r.confidential for r in reviews)
    assert any(r.action_public_number for r in reviews)
    assert any(m.previous_actions for m in data)
    assert {m.version for m in data} >= {None, 1, 2}
    assert {e.kind for m in data for e in m.history} == {"finalized", "reopened"}
    assert any(p.name and p.organisation and p.honorific for m in data for p in m.participants)
    assert any(p.name is None for m in data for p in m.participants)  # an organisation
    assert {p.attendance for m in data for p in m.participants} >= {"present", "expected"}
    identities = data[0].identities
    assert identities.people and identities.organisations
    assert any(p.name == "Zora Novak" for p in identities.people)  # from a chair field
    after = orm_load(home, meetings["after_trash"][0])
    assert isinstance(after, MeetingData) and after.previous_id is None  # previous trashed


def test_every_register_loads_the_same(rich: tuple[Home, dict[str, list[int]]]) -> None:
    """`export --style workplan` reads a body's register through the twin too."""
    home, _ = rich
    store = Store.open(home)
    try:
        periods = [(None, None), (dt.date(2021, 2, 1), dt.date(2021, 6, 30))]
        periods += [(dt.date(2021, 1, 15), None), (None, dt.date(2021, 1, 31))]
        bodies = ["IASC X", "iasc rg2", "IASC RG1", "Back catalogue", "Nobody"]
        for body in bodies:
            for date_from, date_to in periods:
                with store.read() as s:
                    from minutes_tui.store.load import load_register

                    try:
                        orm: RegisterData | StoreError = load_register(s, body, date_from, date_to)
                    except StoreError as exc:
                        orm = exc
                try:
                    plain: object = load_sqlite.load_register(
                        home.db_path, body, date_from, date_to
                    )
                except StoreError as exc:
                    plain = exc
                assert same(orm, plain), (body, date_from, date_to)
    finally:
        store.close()


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


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINES, min_size=1, max_size=12))
def test_any_meeting_typed_loads_the_same(
    lines: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A sweep: meetings typed from any mix of the grammar's features, each linked after a
    meeting with actions to review, load alike both ways."""
    home = _sweep_home(tmp_path_factory)
    store = Store.open(home)
    try:
        from minutes_tui.header import MeetingHeader

        mid = store.create_meeting(MeetingHeader(title="Swept", body="Sweep"), 1)
        replay(store, mid, ["/i 1 Item", *lines])
    finally:
        store.close()
    for meeting in (1, mid):
        orm, plain = orm_load(home, meeting), sqlite_load(home, meeting)
        assert same(orm, plain), _first_difference(orm, plain)


_SWEEP: dict[str, Home] = {}


def _sweep_home(factory: pytest.TempPathFactory) -> Home:
    if "home" not in _SWEEP:
        home = Home(factory.mktemp("sweep"))
        script = "---\ntitle: Before\nbody: Sweep\n---\n/i 1 Item\n/a one [WFP]\n!/a two [OCHA]\n"
        path = home.root.parent / "before.minutes"
        path.write_text(script, "utf-8")
        replay_scripts(home, [path], False)
        _SWEEP["home"] = home
    return _SWEEP["home"]


# ---- through the commands ---------------------------------------------------------------


def test_export_and_show_read_through_sqlite3_and_circulate_no_confidential_line(
    rich: tuple[Home, dict[str, list[int]]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`minutes export` and `show` on a SQLite home never reach the ORM loader (it is made
    to fail here), and what they circulate holds none of the confidential lines."""
    home, _ = rich

    def no_orm(*_: object, **__: object) -> None:
        raise AssertionError("the ORM loader was used")

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
    trashed = run_cli("show", str(rich[1]["trashed"][0]), home=home)
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
