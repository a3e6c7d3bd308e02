"""A hostile rapporteur against the team archive (issue 23, docs/threat-model.md).

Each attack is made as a rapporteur's own login role with plain psycopg on the real
server the suite starts, as the adversarial pass did with psql; each test was seen to
fail with the protection removed (migration 0013, team/roles.py, team/sync.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest

from minutes_tui.config import Home
from tests import test_sync_roles
from tests.helpers import run_cli
from tests.test_archive_roles import PASSWORD, admin_sql, as_role
from tests.test_sync import A_LINES, listed, new_meeting
from tests.test_sync_roles import OPAG, sync_as

team = test_sync_roles.team  # the fixture: an archive, ana in IASC OPAG, ben in RG1

pytestmark = pytest.mark.postgres


def ben_sql(pg_server: Any, db: str, *statements: str, role: str = "ben") -> list[tuple[Any, ...]]:
    """Statements in one session of ben's (temporary tables live as long as it); the last
    one's rows, if it returns any."""
    with psycopg.connect(
        host="127.0.0.1", port=pg_server.port, user=role, password=PASSWORD, dbname=db
    ) as conn:
        rows: list[tuple[Any, ...]] = []
        for statement in statements:
            cur = conn.execute(statement)  # type: ignore[arg-type]
            rows = cur.fetchall() if cur.description else []
        return rows


def online(team: dict[str, str], role: str, *args: str, home: Path) -> str:
    done = run_cli("--db", team[role], *args, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def one_sentence(done: Any) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    return str(done.stderr)


def test_a_file_name_is_one_plain_component_on_the_archive_and_on_pull(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    """ben names his own final record's files with an absolute path and `../../../x`:
    the archive refuses the names, and rows written before it did are refused on pull,
    with nothing written outside the version folder."""
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    mb = new_meeting(b, "Cash working group", "/i 1 Vouchers", "WFP: vouchers", body="RG1")
    assert run_cli("finalize", str(mb), "--no-pdf", home=b).returncode == 0
    sync_as(b, team["ben"])
    db = team["database"]
    outside = tmp_path / "a" / "planted"
    climbing = "../../../climbed"
    for name in (str(outside), climbing, ".."):
        with pytest.raises((psycopg.errors.CheckViolation, psycopg.errors.IntegrityError)):
            ben_sql(pg_server, db, f"UPDATE archived_file SET name = '{name}' WHERE id = 1")
        with pytest.raises(psycopg.errors.CheckViolation):
            ben_sql(
                pg_server,
                db,
                "INSERT INTO archived_file (version_id, name, sha256, size, content) "
                f"SELECT version_id, '{name}', sha256, size, content FROM archived_file "
                "WHERE id = 1",
            )
    # Rows named so before the archive checked names (its administrator, triggers off).
    admin_sql(
        pg_server,
        db,
        "ALTER TABLE archived_file DROP CONSTRAINT ck_archived_file_plain_name",
        "SET session_replication_role = replica; "
        f"UPDATE archived_file SET name = '{outside}' WHERE id = 1; "
        f"UPDATE archived_file SET name = '{climbing}' WHERE id = 2",
    )
    refused = one_sentence(run_cli("sync", "--archive", team["ana"], home=a))
    assert "not a plain file name" in refused and "Cash working group" in refused
    assert not outside.exists() and not (tmp_path / "climbed").exists()
    assert not (tmp_path.parent / "climbed").exists()
    assert "Cash working group" not in listed(a)


def _shadow_and_rename(pg_server: Any, db: str, shadow: str) -> None:
    """ben's temporary `participant` with his trigger, then a rename anyone may make."""
    ben_sql(
        pg_server,
        db,
        shadow,
        "INSERT INTO pg_temp.participant (id, person_id) SELECT 1, id FROM public.person",
        "CREATE FUNCTION pg_temp.take() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO public.archive_member VALUES ('ben', '{OPAG}'); RETURN NEW; END $$",
        "CREATE TRIGGER take BEFORE UPDATE ON pg_temp.participant "
        "FOR EACH ROW EXECUTE FUNCTION pg_temp.take()",
        "UPDATE public.person SET position = 'High Commissioner'",
    )


def test_an_owner_rights_function_cannot_be_led_to_a_temporary_table(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    """The search trigger that runs with the archive owner's rights, fired by a rename of a
    person (the shared directory), with a temporary `participant` of ben's in front of
    the real one: ben's own trigger would run as the owner and make him a member of a
    body. TEMP is revoked; and where an administrator grants it back, the function's
    pinned search path never reaches pg_temp first."""
    db = team["database"]
    closed = online(team, "ana", "new", "Closed session", "--body", OPAG, home=tmp_path)
    online(team, "ana", "add", closed, "/p UNHCR: Ms. Gillian Triggs", home=tmp_path)
    online(team, "ana", "edit", closed, "--sensitivity", "RESTRICTED", home=tmp_path)
    shadow = (
        "CREATE TEMP TABLE participant (id int, person_id int, organisation_id int, "
        "position text, role text, search_vector tsvector)"
    )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        ben_sql(pg_server, db, shadow)
    admin_sql(pg_server, db, f'GRANT TEMPORARY ON DATABASE "{db}" TO ben')
    try:
        _shadow_and_rename(pg_server, db, shadow)
    finally:  # (a role holding a grant on a database cannot be dropped by the next test)
        admin_sql(pg_server, db, f'REVOKE TEMPORARY ON DATABASE "{db}" FROM ben')
    assert as_role(pg_server, db, "ben", "SELECT title FROM meeting") == []
    assert ("ben", OPAG) not in as_role(pg_server, db, "ana", "SELECT * FROM archive_member")
    # Every owner-rights function on the archive pins its search path, pg_temp last.
    definers = as_role(
        pg_server,
        db,
        "ana",
        "SELECT proname, proconfig FROM pg_proc WHERE prosecdef "
        "AND pronamespace = 'public'::regnamespace",
    )
    assert definers and all(
        config and any(c.startswith("search_path=") and c.endswith("pg_temp") for c in config)
        for _, config in definers
    ), definers


def test_a_review_goes_only_into_its_writers_meeting_and_is_timed_by_the_server(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    db = team["database"]
    ana_home, ben_home = tmp_path / "ana", tmp_path / "ben"
    mine = online(team, "ana", "new", "Ana's session", "--body", OPAG, home=ana_home)
    online(team, "ana", "add", mine, "/i 1 Access", "/a Open the corridor [OCHA]", home=ana_home)
    bens = online(team, "ben", "new", "Ben's session", "--body", "RG1", home=ben_home)
    [(action,)] = as_role(pg_server, db, "ben", "SELECT id FROM action")
    ahead = "now() + interval '10 years'"

    def review(meeting: str) -> str:
        return (
            "INSERT INTO action_update (action_id, meeting_id, status, text, created_at, "
            f"confidential) VALUES ({action}, {meeting}, 'dropped', 'by ben', {ahead}, false) "
            "RETURNING created_at <= now()"
        )

    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        ben_sql(pg_server, db, review(mine))  # into ana's PUBLIC meeting: refused
    assert ben_sql(pg_server, db, review(bens)) == [(True,)]  # his own: the server's time
    later = (
        "UPDATE action_update SET created_at = now() + interval '1 day' "
        "RETURNING created_at <= now()"
    )
    assert ben_sql(pg_server, db, later) == [(True,)]
    record = run_cli("--db", team["ana"], "export", mine, "--format", "md", home=ana_home)
    assert record.returncode == 0 and "by ben" not in record.stdout
    # Online, a review of ana's action from the tracker lands in her meeting: one sentence.
    refused = one_sentence(
        run_cli("--db", team["ben"], "action-status", action, "completed", home=ben_home)
    )
    assert "review only into a meeting of your own" in refused


def test_a_home_whose_clock_runs_ahead_takes_the_servers_time(
    tmp_path: Path, team: dict[str, str]
) -> None:
    """B's clock runs a day ahead: its review reaches the archive dated by the server, B
    takes that time back, and the next sync has nothing to do."""
    import sqlite3

    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    new_meeting(a, "OPAG session VII", *A_LINES, body=OPAG)
    sync_as(a, team["ana"])
    sync_as(b, team["ben"])
    import json

    ref = json.loads(run_cli("actions", "--json", home=b).stdout)["actions"][0]["ref"]
    new_meeting(b, "Cash working group", "/i 1 Review", f"/u {ref} completed guidance endorsed")
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    with sqlite3.connect(b.db_path) as conn:
        conn.execute("UPDATE action_update SET created_at = ?", (tomorrow,))
    assert "1 review merged" in sync_as(b, team["ben"])
    with sqlite3.connect(b.db_path) as conn:
        [(stamp,)] = conn.execute("SELECT created_at FROM action_update").fetchall()
    assert stamp[:19] < tomorrow[:19]
    assert sync_as(b, team["ben"]).startswith("nothing to do")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_final_version_is_never_rewritten_on_the_archive_nor_on_a_home(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    ma = new_meeting(a, "OPAG session VII", *A_LINES, body=OPAG)
    assert run_cli("finalize", str(ma), "--no-pdf", home=a).returncode == 0
    sync_as(a, team["ana"])
    sync_as(b, team["ben"])
    copy = listed(b)["OPAG session VII"]
    v1 = b.root / "archive" / str(copy) / "v1"
    held = {p.name: p.read_bytes() for p in v1.iterdir()}
    db, forged = team["database"], b"forged record"
    rewrite = (
        f"UPDATE archived_file SET content = '\\x{forged.hex()}'::bytea, "
        f"sha256 = '{_sha(forged)}', size = {len(forged)}"
    )
    for attack in (rewrite, "DELETE FROM archived_file", "DELETE FROM record_version"):
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="never changed"):
            ben_sql(pg_server, db, attack, role="ana")  # by the version's own owner
    # Its administrator (triggers off) rewrites it anyway: the home refuses, and keeps v1.
    admin_sql(pg_server, db, f"SET session_replication_role = replica; {rewrite}")
    admin_sql(pg_server, db, "UPDATE meeting SET sync_hash = 'changed'")
    refused = one_sentence(run_cli("sync", "--archive", team["ben"], home=b))
    assert "Version 1 of meeting “OPAG session VII”" in refused
    assert {p.name: p.read_bytes() for p in v1.iterdir()} == held
    assert run_cli("verify", str(copy), home=b).returncode == 0
    # Its owner may still purge the whole meeting from the archive: the versions go with it.
    [(archived,)] = as_role(pg_server, db, "ana", "SELECT id FROM meeting")
    online(team, "ana", "trash", str(archived), home=tmp_path / "ana")
    online(team, "ana", "purge", str(archived), "--yes", home=tmp_path / "ana")
    assert as_role(pg_server, db, "ana", "SELECT count(*) FROM archived_file") == [(0,)]


def test_a_reference_stays_inside_its_meeting_and_ids_cannot_be_probed(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    """ben pins a list item of his under ana's entry (her purge would then fail), or probes
    ids of rows he cannot read: the same refusal whether the row exists or not."""
    db = team["database"]
    ana_home, ben_home = tmp_path / "ana", tmp_path / "ben"
    public = online(team, "ana", "new", "Open", "--body", OPAG, home=ana_home)
    online(team, "ana", "add", public, "/i 1 Access", "UNHCR: visible", home=ana_home)
    closed = online(team, "ana", "new", "Closed", "--body", OPAG, home=ana_home)
    online(team, "ana", "add", closed, "/i 1 Access", "UNHCR: hidden", home=ana_home)
    online(team, "ana", "edit", closed, "--sensitivity", "RESTRICTED", home=ana_home)
    hidden = as_role(pg_server, db, "ana", "SELECT id FROM entry WHERE text = 'hidden'")[0][0]
    visible = as_role(pg_server, db, "ana", "SELECT id FROM entry WHERE text = 'visible'")[0][0]
    item = as_role(pg_server, db, "ana", f"SELECT id FROM agenda_item WHERE meeting_id = {public}")
    bens = online(team, "ben", "new", "Ben's", "--body", "RG1", home=ben_home)
    said = []
    for column, target in (
        ("parent_id", visible),
        ("parent_id", hidden),
        ("parent_id", 999_999),
        ("item_id", item[0][0]),
    ):
        with pytest.raises(psycopg.errors.ForeignKeyViolation) as refused:
            ben_sql(
                pg_server,
                db,
                f"INSERT INTO entry (meeting_id, {column}, kind, text, created_at, confidential)"
                f" VALUES ({bens}, {target}, 'point', 'pinned', now(), false)",
            )
        said.append(str(refused.value).splitlines()[0].replace(str(target), "N"))
    assert len(set(said[:3])) == 1, said  # an unreadable row is no different from none
    # A pin made before the archive checked (its administrator): ana's purge is one sentence.
    admin_sql(
        pg_server,
        db,
        "SET session_replication_role = replica; "
        "INSERT INTO entry (meeting_id, parent_id, kind, text, created_at, confidential) "
        f"VALUES ({bens}, {visible}, 'point', 'pinned', now(), false)",
    )
    online(team, "ana", "trash", public, home=ana_home)
    one_sentence(run_cli("--db", team["ana"], "purge", public, "--yes", home=ana_home))


def test_a_confidential_line_online_is_read_by_its_owner_only(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    db = team["database"]
    ana_home, ben_home = tmp_path / "ana", tmp_path / "ben"
    mid = online(team, "ana", "new", "Open", "--body", OPAG, home=ana_home)
    online(
        team,
        "ana",
        "add",
        mid,
        "/i 1 Access",
        "!UNHCR: the Sittwe informant",
        "- his family in Maungdaw",
        "!/a Move the informant [UNHCR]",
        "UNHCR: said openly",
        home=ana_home,
    )
    readable = "SELECT text FROM entry UNION ALL SELECT text FROM action ORDER BY 1"
    assert as_role(pg_server, db, "ben", readable) == [("said openly",)]
    assert len(as_role(pg_server, db, "ana", readable)) == 4
    found = run_cli("--db", team["ben"], "search", "Sittwe", home=ben_home)
    assert "Sittwe" not in found.stdout


def test_another_owners_meeting_gets_one_sentence_from_undo_trash_and_action_status(
    tmp_path: Path, team: dict[str, str]
) -> None:
    ana_home, ben_home = tmp_path / "ana", tmp_path / "ben"
    mid = online(team, "ana", "new", "Open", "--body", OPAG, home=ana_home)
    online(team, "ana", "add", mid, "/i 1 Access", "/a Act [OCHA]", home=ana_home)
    result: dict[str, Any] = {}
    undo = threading.Thread(
        target=lambda: result.update(undo=run_cli("--db", team["ben"], "undo", mid, home=ben_home)),
        daemon=True,
    )
    undo.start()
    undo.join(timeout=20)
    assert "undo" in result, "undo on another owner's meeting did not return"
    # (ana's journal, her undo, is not ben's to read: he has nothing to undo there)
    assert "nothing to undo in meeting" in one_sentence(result["undo"])
    one_sentence(run_cli("--db", team["ben"], "trash", mid, home=ben_home))
    one_sentence(run_cli("--db", team["ben"], "action-status", "1", "completed", home=ben_home))
    assert "Open" in run_cli("--db", team["ana"], "list", home=ana_home).stdout


def test_a_held_sync_lock_is_waited_out_with_a_sentence(
    tmp_path: Path, team: dict[str, str], pg_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minutes_tui.team import sync

    monkeypatch.setattr(sync, "SYNC_WAIT_S", 1.0, raising=False)  # (fails first, not here)
    a = Home(tmp_path / "a")
    new_meeting(a, "OPAG session VII", "/i 1 Access", "UNHCR: a point", body=OPAG)
    holder = psycopg.connect(
        host="127.0.0.1",
        port=pg_server.port,
        user="ben",
        password=PASSWORD,
        dbname=team["database"],
        autocommit=True,
    )
    holder.execute("SELECT pg_advisory_lock(%s)", (sync.ARCHIVE_LOCK,))
    letting_go = threading.Timer(8, holder.close)  # without the timeout: a sync that waits
    letting_go.start()
    try:
        done = run_cli("sync", "--archive", team["ana"], home=a)
    finally:
        letting_go.cancel()
        holder.close()
    assert done.returncode == 1, done.stdout + done.stderr
    assert "waiting for ben's sync" in done.stderr
    assert "ben's sync has held the team archive's sync lock" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_copied_home_cannot_overwrite_the_original(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    """A backup restored as a second home syncs with the first home's identity: the first
    of the two to push a change wins, the other is told in one sentence, nothing replaced."""
    a, copied = Home(tmp_path / "a"), Home(tmp_path / "copied")
    ma = new_meeting(a, "OPAG session VII", "/i 1 Access", "UNHCR: first line", body=OPAG)
    sync_as(a, team["ana"])
    copied.db_path.parent.mkdir(parents=True)
    assert run_cli("backup", str(copied.db_path), home=a).returncode == 0
    assert run_cli("add", str(ma), "UNHCR: typed on the original", home=a).returncode == 0
    assert "pushed 1 meeting" in sync_as(a, team["ana"])
    assert run_cli("add", str(ma), "UNHCR: typed on the copy", home=copied).returncode == 0
    refused = one_sentence(run_cli("sync", "--archive", team["ana"], home=copied))
    assert "another copy of this data home" in refused and "OPAG session VII" in refused
    archived = as_role(pg_server, team["database"], "ana", "SELECT text FROM entry ORDER BY id")
    assert archived == [("first line",), ("typed on the original",)]
    assert sync_as(a, team["ana"]).startswith("nothing to do")


def test_confidential_lines_are_not_read_through_the_journal_reviews_or_sub_items(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    """ben reads ana's PUBLIC meeting with psql: her `!` lines must not come back through
    its journal (her undo), a review of her confidential action, or a `!-` sub-item."""
    db = team["database"]
    ana_home = tmp_path / "ana"
    mid = online(team, "ana", "new", "Open", "--body", OPAG, home=ana_home)
    online(
        team,
        "ana",
        "add",
        mid,
        "/i 1 Access",
        "!UNHCR: the Sittwe informant",
        "!/a Move the Sittwe informant [UNHCR]",
        "/a Open the corridor [OCHA]",
        "!- via Sittwe",
        "- by road",
        home=ana_home,
    )
    [(secret,)] = as_role(pg_server, db, "ana", "SELECT id FROM action WHERE confidential")
    online(
        team,
        "ana",
        "action-status",
        str(secret),
        "completed",
        "--progress",
        "Sittwe done",
        home=ana_home,
    )
    assert as_role(pg_server, db, "ana", "SELECT confidential FROM action_update") == [(True,)]
    leaks = (
        "SELECT what || coalesce(data::text, '') FROM journal",
        "SELECT status || text FROM action_update",
        "SELECT text FROM action_sub_item",
    )
    assert [as_role(pg_server, db, "ben", q) for q in leaks] == [[], [], [("by road",)]]
    assert as_role(pg_server, db, "ana", "SELECT count(*) FROM journal")[0][0] > 0
    assert len(as_role(pg_server, db, "ana", leaks[2])) == 2
    # A review written open before the write path inherited the flag: the action hides it.
    admin_sql(pg_server, db, "UPDATE action_update SET confidential = false")
    assert as_role(pg_server, db, "ben", leaks[1]) == []


def test_a_table_locked_by_a_rapporteur_stops_others_with_a_sentence(
    tmp_path: Path, team: dict[str, str], pg_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ben (UPDATE rights on meeting) holds `LOCK TABLE meeting IN ACCESS EXCLUSIVE MODE`
    in a transaction he never ends: ana's online list and her sync each stop with one
    sentence naming the lock, rather than hang."""
    from minutes_tui.store import connect

    monkeypatch.setattr(connect, "LOCK_TIMEOUT", "1s", raising=False)  # (fails first, not here)
    a = Home(tmp_path / "a")
    new_meeting(a, "OPAG session VII", "/i 1 Access", "UNHCR: a point", body=OPAG)
    holder = psycopg.connect(
        host="127.0.0.1",
        port=pg_server.port,
        user="ben",
        password=PASSWORD,
        dbname=team["database"],
    )
    holder.execute("LOCK TABLE meeting IN ACCESS EXCLUSIVE MODE")
    letting_go = threading.Timer(20, holder.close)  # without the timeout: both would wait
    letting_go.start()
    result: dict[str, Any] = {}

    def both() -> None:
        result["list"] = run_cli("--db", team["ana"], "list", home=tmp_path / "ana")
        result["sync"] = run_cli("sync", "--archive", team["ana"], home=a)

    try:
        both()
    finally:
        letting_go.cancel()
        holder.close()
    for done in result.values():
        assert "stayed locked by another session (lock_timeout)" in one_sentence(done)


def test_the_archive_refuses_malformed_rows_and_a_rewritten_final_version(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    """ana, owner of her meetings, writes what her app never would with psql: owners that
    are not a list, a status outside the vocabulary, a file whose bytes are not its hash,
    a final version purged then written again under its uuid. The archive refuses each."""
    db = team["database"]
    a = Home(tmp_path / "a")
    ma = new_meeting(a, "OPAG session VII", *A_LINES, body=OPAG)
    assert run_cli("finalize", str(ma), "--no-pdf", home=a).returncode == 0
    sync_as(a, team["ana"])
    forged = b"forged record"
    refused = (
        "UPDATE action SET owners = '5'",
        "UPDATE action SET partners = '[1]'",
        "UPDATE action SET status = 'hacked'",
        "UPDATE action_update SET status = 'hacked'",
        "INSERT INTO archived_file (uuid, version_id, name, sha256, size, content) "
        f"SELECT 'x', version_id, 'other.md', sha256, size, '\\x{forged.hex()}'::bytea "
        "FROM archived_file LIMIT 1",
        "INSERT INTO archived_file (uuid, version_id, name, sha256, size) "  # too large
        "SELECT 'y', version_id, 'big.md', sha256, 1073741824 FROM archived_file LIMIT 1",
    )
    with pytest.raises(psycopg.errors.UniqueViolation):  # two files of one name
        ben_sql(
            pg_server,
            db,
            "INSERT INTO archived_file (uuid, version_id, name, sha256, size) "
            "SELECT 'z', version_id, name, sha256, size FROM archived_file LIMIT 1",
            role="ana",
        )
    with pytest.raises(psycopg.errors.CheckViolation):  # every rapporteur would write it
        ben_sql(pg_server, db, "UPDATE meeting SET owner_role = 'minutes_rapporteur'", role="ana")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row counts by sequence
        ben_sql(pg_server, db, "SELECT last_value FROM meeting_id_seq")
    admin_sql(pg_server, db, "UPDATE action SET status = 'pending'")  # (one row to review)
    ben_sql(
        pg_server,
        db,
        "INSERT INTO action_update (action_id, meeting_id, status, text, created_at, "
        "confidential) SELECT id, meeting_id, 'completed', '', now(), false FROM action LIMIT 1",
        role="ana",
    )
    for attack in refused:
        with pytest.raises(psycopg.errors.CheckViolation):
            ben_sql(pg_server, db, attack, role="ana")
    [(version, meeting_uuid)] = as_role(
        pg_server,
        db,
        "ana",
        "SELECT v.uuid, m.uuid FROM record_version v JOIN meeting m ON m.id = v.meeting_id",
    )
    [(archived,)] = as_role(pg_server, db, "ana", "SELECT id FROM meeting")
    online(team, "ana", "trash", str(archived), home=tmp_path / "ana")
    online(team, "ana", "purge", str(archived), "--yes", home=tmp_path / "ana")
    other = online(team, "ana", "new", "Another", "--body", OPAG, home=tmp_path / "ana")
    for uuid, where in ((version, other), ("fresh", other)):
        if uuid == "fresh":  # the purged meeting's uuid given to another meeting of hers
            ben_sql(
                pg_server,
                db,
                f"UPDATE meeting SET uuid = '{meeting_uuid}' WHERE id = {other}",
                role="ana",
            )
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="never written"):
            ben_sql(
                pg_server,
                db,
                "INSERT INTO record_version (uuid, meeting_id, version, folder, finalized_at) "
                f"VALUES ('{uuid}', {where}, 1, 'archive/1/v1', now())",
                role="ana",
            )


def test_a_bad_meeting_is_skipped_by_name_and_this_homes_work_still_goes(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    """Rows the archive held before it checked them (written with its checks off): an
    action whose owners are 5 under a title with terminal escapes, a final file whose bytes
    are not its hash, a review with a status outside the vocabulary. ben's sync names the
    two meetings it skips, pulls the rest, and still pushes his own new meeting; his home's
    records and tracker stay readable and print no escape."""
    db = team["database"]
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    ma = new_meeting(a, "OPAG session VII", *A_LINES, body=OPAG)
    assert run_cli("finalize", str(ma), "--no-pdf", home=a).returncode == 0
    new_meeting(a, "OPAG session VIII", "/i 1 Access", "/a Open the corridor [OCHA]", body=OPAG)
    new_meeting(a, "OPAG session IX", "/i 1 Access", "UNHCR: fine", body=OPAG)
    sync_as(a, team["ana"])
    sync_as(b, team["ben"])
    forged = b"forged record"
    admin_sql(  # (an archive older than its checks: they are dropped here)
        pg_server,
        db,
        *(
            f"ALTER TABLE {t} DROP CONSTRAINT ck_{t}_{c}"
            for t, c in (
                ("action", "owners_names"),
                ("action", "status"),
                ("action_update", "status"),
            )
        ),
        "SET session_replication_role = replica; "
        "UPDATE action SET owners = '5', status = 'hacked' || chr(27) || '[2J' "
        "WHERE text = 'Open the corridor'; "
        "UPDATE meeting SET title = 'OPAG ' || chr(27) || ']0;pwned' || chr(7) || 'VIII' "
        "WHERE title = 'OPAG session VIII'; "
        f"UPDATE archived_file SET content = '\\x{forged.hex()}'::bytea; "
        "CREATE TABLE pushed AS SELECT id, sync_hash FROM meeting; "
        "UPDATE meeting SET sync_hash = 'changed'",
    )
    mine = new_meeting(b, "Cash working group", "/i 1 Vouchers", "WFP: vouchers", body="RG1")
    done = run_cli("sync", "--archive", team["ben"], home=b)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    said = done.stderr
    assert "\x1b" not in said + done.stdout and "\x07" not in said, said
    assert "malformed action.owners" in said and "“OPAG VIII”" in said
    assert "OPAG session VII" in said and "does not match the SHA-256" in said
    assert "pushed 1 meeting" in done.stdout
    assert as_role(pg_server, db, "ben", "SELECT title FROM meeting WHERE body = 'RG1'") == [
        ("Cash working group",)
    ]
    # A copy holding such a row already (pulled before this version): still readable.
    import sqlite3

    with sqlite3.connect(b.db_path) as conn:
        conn.execute("UPDATE action SET owners = '5', partners = '{}'")
    for command in (("show", str(listed(b)["OPAG session VIII"])), ("actions",)):
        shown = run_cli(*command, home=b)
        assert shown.returncode == 0 and "\x1b" not in shown.stdout, shown.stderr
    # A review whose status is not one of the vocabulary never becomes ana's action's.
    admin_sql(
        pg_server,
        db,
        "SET session_replication_role = replica; "
        "INSERT INTO action_update (uuid, action_id, meeting_id, status, text, created_at, "
        "confidential, owner_role) SELECT 'forced', a.id, m.id, 'hacked' || chr(27) || '[2J', "
        "'', now(), false, 'ben' FROM action a, meeting m "
        "WHERE a.text LIKE 'Accelerate%' AND m.title = 'Cash working group'; "
        "UPDATE meeting SET sync_hash = p.sync_hash FROM pushed p WHERE p.id = meeting.id",
    )
    sync_as(a, team["ana"])
    listed_actions = run_cli("actions", home=a).stdout
    assert "hacked" not in listed_actions and "\x1b" not in listed_actions
    assert mine
