"""Sync as rapporteurs: two homes, each syncing with its own non-superuser login role under
the archive's row-level security (team/roles.py), and a final record's files travelling
with their meeting (team/files.py)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text

from minutes_tui.config import Home
from tests.helpers import run_cli
from tests.test_archive_roles import PASSWORD, admin_sql, as_role
from tests.test_sync import A_LINES, listed, new_meeting

pytestmark = pytest.mark.postgres

OPAG = "IASC OPAG"


@pytest.fixture
def team(archive_url: str, pg_server: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """An archive set up by `minutes archive init`; ana belongs to IASC OPAG, ben does
    not (he is granted RG1 only). Returns each role's archive URL (no password in it)."""
    assert run_cli("archive", "init", archive_url).returncode == 0
    for role in ("ana", "ben"):
        admin_sql(
            pg_server,
            "postgres",
            f"DROP ROLE IF EXISTS {role}",
            f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'",
        )
    for role, body in (("ana", OPAG), ("ben", "RG1")):
        granted = run_cli("--db", archive_url, "archive", "grant", role, "--body", body)
        assert granted.returncode == 0, granted.stderr
    monkeypatch.setenv("PGPASSWORD", PASSWORD)  # from here on, libpq logs in as a rapporteur
    return {
        "ana": archive_url.replace("archive_admin@", "ana@"),
        "ben": archive_url.replace("archive_admin@", "ben@"),
        "database": archive_url.rsplit("/", 1)[1],
    }


def sync_as(home: Home, url: str) -> str:
    done = run_cli("sync", "--archive", url, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_two_rapporteurs_sync_what_their_roles_may_read_and_write_only_their_own(
    tmp_path: Path, team: dict[str, str], pg_server: Any
) -> None:
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    new_meeting(a, "OPAG session VII", *A_LINES, body=OPAG)
    closed = new_meeting(a, "OPAG closed session", "/i 1 Access", "UNHCR: the Sittwe informant")
    assert run_cli("edit", str(closed), "--sensitivity", "RESTRICTED", home=a).returncode == 0
    new_meeting(b, "Cash working group", "/i 1 Vouchers", "WFP: vouchers", body="RG1")

    assert "pushed 2 meetings, pulled 0" in sync_as(a, team["ana"])
    assert "pushed 1 meeting, pulled 1" in sync_as(b, team["ben"])
    assert "pushed 0 meetings, pulled 1" in sync_as(a, team["ana"])
    # ben's role may not read the RESTRICTED meeting of a body he is not in: it never
    # reaches his home, not even as a row.
    assert set(listed(b)) == {"OPAG session VII", "Cash working group"}
    assert b"Sittwe" not in b.db_path.read_bytes()
    assert set(listed(a)) == {"OPAG session VII", "OPAG closed session", "Cash working group"}
    owners = "SELECT title, owner_role FROM meeting ORDER BY title"
    assert as_role(pg_server, team["database"], "ana", owners) == [
        ("Cash working group", "ben"),
        ("OPAG closed session", "ana"),
        ("OPAG session VII", "ana"),
    ]

    # ben cannot overwrite ana's meeting, neither by plain SQL nor through sync's own
    # upsert with his role: the database refuses it.
    db = team["database"]
    renamed = "UPDATE meeting SET title = 'ben was here' WHERE owner_role = 'ana' RETURNING id"
    assert as_role(pg_server, db, "ben", renamed) == []
    anas = "SELECT id FROM meeting WHERE owner_role = 'ana'"
    assert (
        as_role(
            pg_server, db, "ben", f"DELETE FROM entry WHERE meeting_id IN ({anas}) RETURNING id"
        )
        == []
    )
    _ben_overwrites_through_sync(b, team["ben"])
    titles = as_role(pg_server, db, "ana", "SELECT title FROM meeting ORDER BY title")
    assert ("ben was here",) not in titles and ("OPAG session VII",) in titles

    # Reviews merge: ben reviews ana's action from a meeting of his own.
    ref = json.loads(run_cli("actions", "--json", home=b).stdout)["actions"][0]["ref"]
    new_meeting(b, "Cash working group II", "/i 1 Review", f"/u {ref} completed guidance endorsed")
    assert "1 review merged" in sync_as(b, team["ben"])
    assert "1 review merged" in sync_as(a, team["ana"])
    action = json.loads(run_cli("actions", "--json", home=a).stdout)["actions"][0]
    assert action["status"] == "completed"
    sync_as(b, team["ben"])
    assert sync_as(a, team["ana"]).startswith("nothing to do")
    assert sync_as(b, team["ben"]).startswith("nothing to do")


def _ben_overwrites_through_sync(b: Home, url: str) -> None:
    """ben's home claims its copy of ana's meeting (as a tampered home would) and writes
    it to the archive with the sync's own upsert, under his role: refused."""
    from sqlalchemy.exc import ProgrammingError

    from minutes_tui.store.connect import archive_engine
    from minutes_tui.team.copies import read_meeting, write_meeting

    local = create_engine(f"sqlite:///{b.db_path}")
    with local.connect() as conn:
        mid = conn.execute(
            text("SELECT id FROM meeting WHERE title = 'OPAG session VII'")
        ).scalar_one()
        copy = read_meeting(conn, int(mid), "ben-home", include_confidential=True)
    local.dispose()
    copy.meeting["title"] = "ben was here"
    engine = archive_engine(url)
    try:
        with pytest.raises(ProgrammingError) as refused, engine.begin() as ac:
            write_meeting(ac, copy, "ben-home", "forged", files=True)
        assert isinstance(refused.value.orig, psycopg.errors.InsufficientPrivilege)
    finally:
        engine.dispose()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_final_records_files_sync_with_it_and_verify_on_the_other_home(
    tmp_path: Path, team: dict[str, str]
) -> None:
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    new_meeting(b, "Cash working group", "WFP: vouchers", body="RG1")  # B's own meeting 1
    sync_as(b, team["ben"])
    ma = new_meeting(a, "OPAG session VII", *A_LINES, body=OPAG)
    done = run_cli("finalize", str(ma), "--no-pdf", home=a)
    assert done.returncode == 0, done.stderr
    originals = sorted((a.root / "archive" / str(ma) / "v1").iterdir())
    assert [p.suffix for p in originals] == [".docx", ".md"]
    sync_as(a, team["ana"])
    assert "pulled 1" in sync_as(b, team["ben"])

    copy = listed(b)["OPAG session VII"]
    assert copy != ma  # B's own meeting took id 1: the files go under B's id for the copy
    v1 = b.root / "archive" / str(copy) / "v1"
    pulled = sorted(v1.iterdir())
    assert [p.name for p in pulled] == [p.name for p in originals]
    assert [p.read_bytes() for p in pulled] == [p.read_bytes() for p in originals]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in pulled)
    for folder in (b.root / "archive", b.root / "archive" / str(copy), v1):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    verified = run_cli("verify", str(copy), home=b)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    # The bytes are held on the archive, not in the home's database.
    with create_engine(f"sqlite:///{b.db_path}").connect() as conn:
        assert conn.execute(text("SELECT count(content) FROM archived_file")).scalar() == 0
    assert sync_as(b, team["ben"]).startswith("nothing to do")


def test_a_file_that_no_longer_matches_its_hash_is_not_synced(
    tmp_path: Path,
    team: dict[str, str],
    archive_url: str,
    pg_server: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.postgres import SUPERPASS

    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    ma = new_meeting(a, "OPAG session VII", *A_LINES, body=OPAG)
    assert run_cli("finalize", str(ma), "--no-pdf", home=a).returncode == 0
    md = next((a.root / "archive" / str(ma) / "v1").glob("*.md"))
    good = md.read_bytes()
    md.write_bytes(good + b"\nan edit after finalizing\n")
    # Push: refused in one sentence, nothing of the meeting written to the archive.
    refused = run_cli("sync", "--archive", team["ana"], home=a)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "does not match the SHA-256" in refused.stderr and md.name in refused.stderr
    assert as_role(pg_server, team["database"], "ana", "SELECT count(*) FROM meeting") == [(0,)]
    md.write_bytes(good)
    sync_as(a, team["ana"])
    # Pull: the archive's bytes altered behind the owner's back (by its administrator):
    # B refuses them, writes nothing of that meeting, and says so in one sentence. (The
    # archive refuses the change itself: the superuser switches its triggers off.)
    monkeypatch.setenv("PGPASSWORD", SUPERPASS)
    engine = create_engine(archive_url)
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(
            text("UPDATE archived_file SET content = content || 'x'::bytea WHERE name = :n"),
            {"n": md.name},
        )
    engine.dispose()
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    refused = run_cli("sync", "--archive", team["ben"], home=b)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "does not match the SHA-256" in refused.stderr
    assert "OPAG session VII" not in listed(b)
    assert not (b.root / "archive").exists()


def test_a_record_finalized_on_the_archive_reaches_a_home_with_its_files(
    tmp_path: Path, team: dict[str, str]
) -> None:
    """Online (`--db`), finalize stores the files' bytes on the archive beside their hashes,
    so a home that syncs gets them as from a pushed record."""
    online, b = tmp_path / "online", Home(tmp_path / "b")
    made = run_cli("--db", team["ana"], "new", "Online session", "--body", OPAG, home=online)
    assert made.returncode == 0, made.stderr
    mid = made.stdout.strip()
    assert run_cli("--db", team["ana"], "add", mid, "/i 1 Access", "UNHCR: a point", home=online)
    done = run_cli("--db", team["ana"], "finalize", mid, "--no-pdf", home=online)
    assert done.returncode == 0, done.stderr
    assert "pulled 1" in sync_as(b, team["ben"])
    copy = listed(b)["Online session"]
    originals = sorted((online / "archive" / mid / "v1").iterdir())
    pulled = sorted((b.root / "archive" / str(copy) / "v1").iterdir())
    assert [(p.name, p.read_bytes()) for p in pulled] == [
        (p.name, p.read_bytes()) for p in originals
    ]
    assert run_cli("verify", str(copy), home=b).returncode == 0
