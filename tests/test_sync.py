"""Offline-first sync through a real PostgreSQL archive (tests/postgres.py): two homes,
each its own SQLite file, exchange meetings, reviews, people and organisations."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from minutes_tui.config import Home
from tests.helpers import process_env, run_cli

pytestmark = pytest.mark.postgres


@pytest.fixture
def archive(archive_url: str) -> str:
    from minutes_tui.store.migrate import upgrade

    engine = create_engine(archive_url)
    upgrade(engine)
    engine.dispose()
    return archive_url


def new_meeting(home: Home, title: str, *lines: str, body: str = "IASC OPAG") -> int:
    made = run_cli("new", title, "--body", body, "--date", "2026-11-02", home=home)
    assert made.returncode == 0, made.stderr
    meeting = int(made.stdout.strip())
    if lines:
        added = run_cli("add", str(meeting), *lines, home=home)
        assert added.returncode == 0, added.stderr
    return meeting


def sync(home: Home, archive: str, *more: str) -> str:
    done = run_cli("sync", "--archive", archive, *more, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout


def listed(home: Home) -> dict[str, int]:
    meetings = json.loads(run_cli("list", "--json", home=home).stdout)["meetings"]
    return {m["title"]: m["id"] for m in meetings}


def shown(home: Home, meeting: int) -> dict[str, Any]:
    return json.loads(run_cli("show", str(meeting), "--json", home=home).stdout)


def texts(home: Home, meeting: int) -> list[str]:
    data = shown(home, meeting)
    return [e["text"] for item in data["items"] for e in item["entries"]]


def engine_of(home: Home) -> Engine:
    return create_engine(f"sqlite:///{home.db_path}")


def contents(engine: Engine) -> dict[str, Any]:
    """What a database holds, independent of its local ids: every meeting's portable copy
    (its digest), every review by uuid, and how many rows each synced table has."""
    from minutes_tui.team.copies import read_meeting
    from minutes_tui.team.reviews import review_rows as _reviews

    with engine.connect() as conn:
        ids = conn.execute(text("SELECT id, uuid FROM meeting")).all()
        copies = {
            u: _by_identity(read_meeting(conn, i, "-", include_confidential=True)) for i, u in ids
        }
        reviews = {
            u: (r["status"], r["text"], r["action"], r["meeting"])
            for u, r in _reviews(conn).items()
        }
        counts = {
            t: conn.execute(text(f"SELECT count(*), count(DISTINCT uuid) FROM {t}")).one()
            for t in (
                "meeting",
                "participant",
                "agenda_item",
                "entry",
                "action",
                "action_sub_item",
                "action_update",
                "person",
                "organisation",
            )
        }
    engine.dispose()
    for table, (rows, distinct) in counts.items():
        assert rows == distinct, f"duplicated rows in {table}"
    return {"copies": copies, "reviews": reviews, "counts": {t: c[0] for t, c in counts.items()}}


def _by_identity(copy: Any) -> str:
    """A copy's digest with people named, not by uuid: people merge by name, so which
    home's uuid a merged person keeps depends on who synced first."""
    names = {p["uuid"]: p["name"] for p in copy.people}
    for row in copy.rows["participant"]:
        row["person_id"] = names.get(row["person_id"])
    for person in copy.people:
        person["uuid"] = person["name"]
    return str(copy.digest())


A_LINES = (
    "/p UNHCR: Ms. Gillian Triggs",
    "/p Mr. Mark Lowcock, OCHA (Chair)",
    "/i 7.1 Data responsibility",
    "OCHA: outlined the concept of data responsibility",
    "UNHCR raised points as follows:",
    "- commitment to further support the drafting process",
    "/d Broad support for the operational guidance",
    "/a Accelerate the finalization of the guidance [OCHA] by 2026-12-31",
    "/s circulate a draft [UNHCR]",
)


def test_two_homes_exchange_meetings_and_each_others_are_read_only(
    tmp_path: Path, archive: str
) -> None:
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    ma = new_meeting(a, "OPAG session VII", *A_LINES)
    mb = new_meeting(b, "Cash working group", "/i 1 Vouchers", "WFP: cholera vouchers rolled out")
    assert "pushed 1 meeting, pulled 0" in sync(a, archive)
    assert "pushed 1 meeting, pulled 1" in sync(b, archive)
    assert "pushed 0 meetings, pulled 1" in sync(a, archive)

    in_b, in_a = listed(b), listed(a)
    assert set(in_b) == set(in_a) == {"OPAG session VII", "Cash working group"}
    assert texts(b, in_b["OPAG session VII"]) == texts(a, ma)
    assert texts(a, in_a["Cash working group"]) == texts(b, mb)
    copy, original = shown(b, in_b["OPAG session VII"]), shown(a, ma)
    assert [p["name"] for p in copy["participants"]] == [
        p["name"] for p in original["participants"]
    ]
    assert [(x["text"], x["owners"]) for x in copy["actions"]] == [
        (x["text"], x["owners"]) for x in original["actions"]
    ]
    # The list item still hangs under its point in the copy (ids rewritten through uuids).
    assert "- commitment to further support" in run_cli(
        "export", str(in_b["OPAG session VII"]), "--format", "md", "--out", "-", home=b
    ).stdout.replace("* commitment", "- commitment")

    # Search and the tracker work offline on the pulled copy (FTS5 triggers indexed it).
    hits = json.loads(run_cli("search", "cholera", "--json", home=a).stdout)["hits"]
    assert [h["meeting_id"] for h in hits] == [in_a["Cash working group"]]
    actions = json.loads(run_cli("actions", "--json", home=b).stdout)["actions"]
    assert [x["text"] for x in actions] == ["Accelerate the finalization of the guidance"]

    # Another home's meeting is read-only here: one sentence, nothing changed.
    before = texts(b, in_b["OPAG session VII"])
    refused = run_cli("add", str(in_b["OPAG session VII"]), "WHO: one more point", home=b)
    assert refused.returncode == 1
    assert "read-only here" in refused.stderr and refused.stderr.count("\n") == 1
    edited = run_cli("edit", str(in_b["OPAG session VII"]), "--title", "Mine now", home=b)
    assert edited.returncode == 1 and "read-only" in edited.stderr
    assert texts(b, in_b["OPAG session VII"]) == before


def test_a_review_typed_on_one_home_reaches_the_owner_of_the_action(
    tmp_path: Path, archive: str
) -> None:
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    ma = new_meeting(a, "OPAG session VII", *A_LINES)
    sync(a, archive)
    sync(b, archive)
    ref = json.loads(run_cli("actions", "--json", home=b).stdout)["actions"][0]["ref"]
    new_meeting(b, "OPAG session VIII", "/i 1 Review", f"/u {ref} completed guidance endorsed")
    assert "1 review merged" in sync(b, archive)
    assert "1 review merged" in sync(a, archive)

    action = json.loads(run_cli("actions", "--json", home=a).stdout)["actions"][0]
    assert action["meeting_id"] == ma
    assert action["status"] == "completed"
    assert [h["text"] for h in action["history"] if h["text"]] == ["guidance endorsed"]
    # A's meeting changed (its action's status): A pushed it again in that same sync, so
    # both homes settle and the next syncs have nothing to do.
    sync(b, archive)
    assert sync(a, archive).startswith("nothing to do")
    assert sync(b, archive).startswith("nothing to do")


def test_a_second_sync_with_no_change_transfers_nothing(tmp_path: Path, archive: str) -> None:
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    new_meeting(a, "OPAG session VII", *A_LINES)
    new_meeting(b, "Cash working group", "WFP: vouchers")
    sync(a, archive)
    sync(b, archive)
    sync(a, archive)
    pg = create_engine(archive)

    def versions() -> set[tuple[str, str, str]]:
        # xmin changes whenever a row is written, even with the same values.
        with pg.connect() as conn:
            return {
                (t, u, x)
                for t in ("meeting", "entry", "participant", "action", "person", "organisation")
                for u, x in conn.execute(text(f"SELECT uuid, xmin::text FROM {t}"))
            }

    before, local = versions(), {h: contents(engine_of(h)) for h in (a, b)}
    assert sync(a, archive).startswith("nothing to do")
    assert sync(b, archive).startswith("nothing to do")
    assert versions() == before
    assert {h: contents(engine_of(h)) for h in (a, b)} == local
    # One point more, and only that meeting goes out.
    run_cli("add", str(listed(a)["OPAG session VII"]), "WHO: a late point", home=a)
    assert sync(a, archive).startswith("pushed 1 meeting, pulled 0")
    pg.dispose()


def test_confidential_entries_stay_home_unless_the_owner_allows_it(
    tmp_path: Path, archive: str
) -> None:
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    new_meeting(
        a,
        "OPAG session VII",
        "/i 1 Access",
        "OCHA: the corridor opens on Monday",
        "! UNHCR: the informant in Sittwe is at risk",
        "- names withheld from the summary",
        "! /a relocate the informant quietly [UNHCR]",
        "/a publish the access note [OCHA]",
        "!- brief the Sittwe team quietly",  # a confidential sub-item of the action above
    )
    out = sync(a, archive)
    assert "4 confidential entries kept at home" in out
    pg = create_engine(archive)

    def secret_rows() -> int:
        with pg.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT (SELECT count(*) FROM entry WHERE text LIKE '%informant%' "
                        "OR text LIKE '%withheld%') + (SELECT count(*) FROM action "
                        "WHERE text LIKE '%informant%') + (SELECT count(*) FROM entry "
                        "WHERE confidential) + (SELECT count(*) FROM action WHERE confidential)"
                        " + (SELECT count(*) FROM action_sub_item WHERE text LIKE '%quietly%')"
                        " + (SELECT count(*) FROM action_sub_item WHERE confidential)"
                    )
                ).scalar_one()
            )

    assert secret_rows() == 0
    with pg.connect() as conn:
        assert conn.execute(text("SELECT text FROM entry")).scalars().all() == [
            "the corridor opens on Monday"
        ]
        assert conn.execute(text("SELECT number FROM action")).scalars().all() == [2]
    sync(b, archive)
    assert "informant" not in json.dumps(shown(b, listed(b)["OPAG session VII"]))

    sync(a, archive, "--include-confidential")  # the owner allows it, this once
    # the point (text, flag), its list item, the action (text, flag), the sub-item (text, flag)
    assert secret_rows() == 8
    sync(a, archive)  # and without the flag they leave the archive again
    assert secret_rows() == 0
    pg.dispose()


def test_a_password_in_the_url_is_refused_and_none_is_written_anywhere(
    tmp_path: Path, archive: str, pg_server: Any
) -> None:
    from tests.postgres import SUPERPASS

    a = Home(tmp_path / "a")
    new_meeting(a, "OPAG session VII", *A_LINES)
    with_password = archive.replace("@", f":{SUPERPASS}@", 1)
    refused = run_cli("sync", "--archive", with_password, home=a)
    assert refused.returncode == 1
    assert "~/.pgpass" in refused.stderr and SUPERPASS not in refused.stderr
    config = Path(os.environ["MINUTES_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text(f'archive = "{archive}"\n')
    done = run_cli("sync", home=a)  # the URL from the config file, the password from libpq
    assert done.returncode == 0 and done.stdout.startswith("pushed 1 meeting")
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written
    for path in written:
        assert SUPERPASS.encode() not in path.read_bytes(), path


def test_no_archive_or_an_unreachable_one_is_one_sentence(tmp_path: Path, archive: str) -> None:
    a = Home(tmp_path / "a")
    new_meeting(a, "OPAG session VII", "a point")
    none = run_cli("sync", home=a)
    assert none.returncode == 1 and "No team archive" in none.stderr
    assert none.stderr.count("\n") == 1
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = run_cli("sync", "--archive", f"postgresql://nobody@127.0.0.1:{port}/x", home=a)
    assert down.returncode == 1 and "could not be reached" in down.stderr
    assert down.stderr.count("\n") == 1


def _many(home: Home, n: int, entries: int, prefix: str) -> None:
    """n meetings of `entries` points each, written straight through one store (fast)."""
    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.session.capture_session import CaptureSession
    from minutes_tui.store.store import Store

    store = Store.open(home)
    try:
        for i in range(n):
            mid = store.create_meeting(MeetingHeader(title=f"{prefix} meeting {i}", body="RG1"))
            lines = ["/p Ms. Amina Jamal, UNICEF", f"/i 1 Item of {prefix} {i}"]
            lines += [f"UNICEF: point {j} of meeting {i}" for j in range(entries)]
            lines += [f"/a follow up {i} [UNICEF]"]
            CaptureSession(store, mid).submit_all(lines)
    finally:
        store.close()


def _clean_run(tmp_path: Path, pg_server: Any, *homes: Home) -> dict[str, Any]:
    """What the archive holds after syncing copies of these homes, one after the other,
    into a fresh database, undisturbed."""
    import shutil
    import uuid

    from minutes_tui.store.migrate import upgrade

    name = pg_server.create_database(f"clean_{uuid.uuid4().hex}")
    url = pg_server.url(name)
    upgrade(create_engine(url))
    for home in homes:
        copy = Home(tmp_path / f"clean-{home.root.name}")
        shutil.copytree(home.root, copy.root)
        sync(copy, url)
    return contents(create_engine(url))


@pytest.mark.slow  # real processes killed mid-way: `make test-slow` (CI runs it)
def test_sync_killed_midway_and_run_again_loses_and_duplicates_nothing(
    tmp_path: Path, archive: str, pg_server: Any
) -> None:
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    _many(a, 30, 40, "a")
    reference = _clean_run(tmp_path, pg_server, a)

    def killed(home: Home, word: str, after: int) -> None:
        cmd = [sys.executable, "-m", "minutes_tui", "--home", str(home.root)]
        proc = subprocess.Popen(
            [*cmd, "sync", "--archive", archive],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            env=process_env(),
        )
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(f"{word} {after}/".encode()):
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=60)
        assert proc.returncode == -signal.SIGKILL, "the sync ended before it was killed"

    killed(a, "pushed", 5)
    with create_engine(archive).connect() as conn:
        midway = conn.execute(text("SELECT count(*) FROM meeting")).scalar_one()
    assert 5 <= midway < 30
    sync(a, archive)
    assert contents(create_engine(archive)) == reference

    killed(b, "pulled", 7)
    assert 7 <= contents(engine_of(b))["counts"]["meeting"] < 30
    assert sync(b, archive).startswith("pushed 0 meetings, pulled ")
    assert contents(engine_of(b)) == contents(engine_of(a))


@pytest.mark.slow  # four syncs in parallel processes: `make test-slow`
def test_two_syncs_at_once_end_consistent(tmp_path: Path, archive: str, pg_server: Any) -> None:
    from minutes_tui.store.connect import archive_engine
    from minutes_tui.store.store import Store
    from minutes_tui.team.sync import sync as run_sync

    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    _many(a, 12, 20, "a")
    _many(b, 12, 20, "b")  # the same person and organisation on both: merged, not doubled
    reference = _clean_run(tmp_path, pg_server, a, b)
    errors: list[BaseException] = []

    def one(home: Home) -> None:
        store = Store.open(home)
        engine = archive_engine(archive, check=False)
        try:
            run_sync(store, engine)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            engine.dispose()
            store.close()

    threads = [threading.Thread(target=one, args=(h,)) for h in (a, a, b, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    sync(a, archive)
    sync(b, archive)
    assert contents(create_engine(archive)) == reference
    # Both homes hold the same 24 meetings (people merged by name: one person each side).
    here, there = contents(engine_of(a))["counts"], contents(engine_of(b))["counts"]
    assert here == there and here["meeting"] == 24 and here["entry"] == 24 * 20
    with create_engine(archive).connect() as conn:
        people = Counter(conn.execute(text("SELECT name FROM person")).scalars())
        orgs = Counter(conn.execute(text("SELECT name FROM organisation")).scalars())
    assert people == {"Amina Jamal": 1} and orgs == {"UNICEF": 1}


async def test_s_on_the_meetings_list_syncs_in_a_worker_with_progress(
    tmp_path: Path, archive: str
) -> None:
    from minutes_tui.app import MinutesApp
    from minutes_tui.config.settings import Settings
    from tests.helpers import settle

    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    for n in range(3):
        new_meeting(a, f"OPAG session {n}", *A_LINES)
    sync(a, archive)
    new_meeting(b, "Cash working group", "WFP: vouchers")
    app = MinutesApp(b, settings=Settings(archive=archive), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen: list[tuple[float | None, float]] = []
        screen = app.screen
        original = screen.sync_progress  # type: ignore[attr-defined]

        def watch(progress: Any) -> None:
            original(progress)
            bar = screen.query_one("#sync-progress")
            seen.append((bar.total, bar.progress))

        screen.sync_progress = watch  # type: ignore[attr-defined]
        await pilot.press("s")
        await settle(pilot)
        await pilot.pause(0.2)
        messages = [str(n.message) for n in app._notifications]
        assert "Pushed 1 meeting, pulled 3, 0 reviews merged." in messages, messages
        assert seen == [(3, 1), (3, 2), (3, 3), (1, 1)]  # pulled 1–3 of 3, pushed 1 of 1
        table = screen.query_one("#meetings-table")
        assert table.row_count == 4  # the pulled meetings joined the list
        await pilot.press("s")
        await settle(pilot)
        await pilot.pause(0.2)
        assert [str(n.message) for n in app._notifications][-1].startswith("Nothing to do")


def test_bodies_and_their_parents_reach_the_other_homes(tmp_path: Path, archive: str) -> None:
    """A body put under another on one home (issue 26) is under it on every home after a
    sync, so a meeting there reviews the parent's actions too."""
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    new_meeting(a, "OPAG session VII", "/i 1 Localization", "/a Map the pooled funds [RG1]")
    done = run_cli("edit", "--body", "IASC RG1", "--parent", "IASC OPAG", home=a)
    assert done.returncode == 0, done.stderr
    sync(a, archive)
    sync(b, archive)
    ref = json.loads(run_cli("actions", "--json", home=b).stdout)["actions"][0]["ref"]
    rg1 = new_meeting(b, "RG1 March", body="IASC RG1")
    added = run_cli("add", str(rg1), f"/u {ref} ongoing mapping started", home=b)
    assert added.returncode == 0 and not added.stderr, added.stderr
