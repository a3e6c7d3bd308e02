"""Who may read what on a team archive: `minutes archive init|grant|revoke` and the
database's own row-level security, checked through plain SQL as each role."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest

from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.store.store import Store
from tests.helpers import replay, run_cli, type_text

pytestmark = pytest.mark.postgres

BODY = "IASC OPAG"
PASSWORD = "pw-of-a-rapporteur"


def admin_sql(server: object, database: str, *statements: str) -> None:
    from tests.postgres import SUPERPASS, SUPERUSER

    with psycopg.connect(
        host="127.0.0.1",
        port=server.port,  # type: ignore[attr-defined]
        user=SUPERUSER,
        password=SUPERPASS,
        dbname=database,
        autocommit=True,
    ) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


def as_role(server: object, database: str, role: str, sql: str) -> list[tuple[object, ...]]:
    """What `role` reads with plain SQL, as any client of the server would."""
    with psycopg.connect(
        host="127.0.0.1",
        port=server.port,  # type: ignore[attr-defined]
        user=role,
        password=PASSWORD,
        dbname=database,
    ) as conn:
        return conn.execute(sql).fetchall()  # type: ignore[arg-type]


@pytest.fixture
def archive(archive_url: str, pg_server: object, tmp_path: Path) -> tuple[str, str]:
    """An archive set up by `minutes archive init`, two rapporteurs (ana, ben) and four
    meetings, one of each sensitivity, filled by the administrator."""
    done = run_cli("archive", "init", archive_url)
    assert done.returncode == 0, done.stderr
    assert "created" in done.stdout
    database = archive_url.rsplit("/", 1)[1]
    for role in ("ana", "ben"):
        admin_sql(
            pg_server,
            "postgres",
            f"DROP ROLE IF EXISTS {role}",
            f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'",
        )
    store = Store.open(Home(tmp_path / "admin", db_url=archive_url))
    for title, sensitivity in (
        ("Open", "PUBLIC"),
        ("Internal", "INTERNAL"),
        ("Closed", "RESTRICTED"),
        ("Secret", "CONFIDENTIAL"),
    ):
        mid = store.create_meeting(MeetingHeader(title=title, body=BODY, sensitivity=sensitivity))
        replay(
            store,
            mid,
            ["/p UNHCR: Ms. Gillian Triggs", "/i 1 Access", f"UNHCR: said in {title}", "/a act"],
        )
    store.close()
    for role in ("ana", "ben"):
        assert (
            run_cli("--db", archive_url, "archive", "grant", role, "--body", "RG1").returncode == 0
        )
    return archive_url, database


COUNTS = """SELECT (SELECT count(*) FROM meeting), (SELECT count(*) FROM entry),
    (SELECT count(*) FROM action), (SELECT count(*) FROM participant),
    (SELECT count(*) FROM agenda_item), (SELECT count(*) FROM action_sub_item)"""


def test_a_role_reads_restricted_meetings_only_of_its_bodies(
    archive: tuple[str, str], pg_server: object
) -> None:
    url, db = archive
    titles = "SELECT title FROM meeting ORDER BY id"
    # Without membership of the body: PUBLIC and INTERNAL only, and nothing of the others.
    assert as_role(pg_server, db, "ben", titles) == [("Open",), ("Internal",)]
    assert as_role(pg_server, db, "ben", COUNTS) == [(2, 2, 2, 2, 2, 0)]
    secret = "SELECT count(*) FROM entry WHERE text LIKE '%Closed%' OR text LIKE '%Secret%'"
    assert as_role(pg_server, db, "ben", secret) == [(0,)]
    granted = run_cli("--db", url, "archive", "grant", "ana", "--body", BODY)
    assert granted.returncode == 0 and "ana may now read" in granted.stdout
    assert as_role(pg_server, db, "ana", titles) == [
        ("Open",),
        ("Internal",),
        ("Closed",),
        ("Secret",),
    ]
    assert as_role(pg_server, db, "ana", COUNTS) == [(4, 4, 4, 4, 4, 0)]
    assert as_role(pg_server, db, "ben", titles) == [("Open",), ("Internal",)]  # still
    assert run_cli("--db", url, "archive", "revoke", "ana", "--body", BODY).returncode == 0
    assert as_role(pg_server, db, "ana", titles) == [("Open",), ("Internal",)]


def test_a_group_role_gives_its_members_the_body(
    archive: tuple[str, str], pg_server: object
) -> None:
    url, db = archive
    admin_sql(pg_server, "postgres", "DROP ROLE IF EXISTS opag_team", "CREATE ROLE opag_team")
    assert run_cli("--db", url, "archive", "grant", "opag_team", "--body", BODY).returncode == 0
    titles = "SELECT title FROM meeting WHERE sensitivity = 'RESTRICTED'"
    assert as_role(pg_server, db, "ben", titles) == []
    admin_sql(pg_server, "postgres", "GRANT opag_team TO ben")
    assert as_role(pg_server, db, "ben", titles) == [("Closed",)]


def test_a_role_cannot_write_what_it_cannot_read_nor_grant_itself(
    archive: tuple[str, str], pg_server: object
) -> None:
    _, db = archive
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_role(pg_server, db, "ben", f"INSERT INTO archive_member VALUES ('ben', '{BODY}')")
    closed = 3  # the third meeting made (a fresh database): RESTRICTED, not ben's body
    assert as_role(pg_server, db, "ben", f"SELECT id FROM meeting WHERE id = {closed}") == []
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        as_role(
            pg_server,
            db,
            "ben",
            "INSERT INTO entry (meeting_id, kind, text, created_at, confidential) "
            f"VALUES ({closed}, 'point', 'sneaked in', now(), false)",
        )
    updated = "UPDATE meeting SET title = 'renamed' WHERE id = 3 RETURNING id"
    assert as_role(pg_server, db, "ben", updated) == []  # a row it cannot see is not there


def test_unknown_role_and_missing_archive_are_one_sentence(archive: tuple[str, str]) -> None:
    url, _ = archive
    done = run_cli("--db", url, "archive", "grant", "nobody_here", "--body", BODY)
    assert done.returncode == 1 and "no role nobody_here" in done.stderr
    assert "Traceback" not in done.stderr
    again = run_cli("archive", "init", url)
    assert again.returncode == 0 and "already current" in again.stdout


def test_the_app_commands_run_on_the_archive_and_no_password_is_written(
    archive: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.postgres import SUPERPASS

    url, _ = archive
    home = tmp_path / "home"
    config = Path(os.environ["MINUTES_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text(f'db = "{url}"\n')  # the config file names it
    made = run_cli("new", "Online meeting", "--body", BODY, home=home)
    assert made.returncode == 0, made.stderr
    mid = made.stdout.strip()
    assert (
        run_cli("add", mid, "/i 1 Access", "UNHCR: archive-wide search", home=home).returncode == 0
    )
    listed = run_cli("list", home=home)
    assert "Online meeting" in listed.stdout and "Closed" in listed.stdout
    found = run_cli("search", "archive-wide", home=home)
    assert found.returncode == 0 and "UNHCR: **archive**-**wide** search" in found.stdout
    assert run_cli("--db", url, "show", mid).returncode == 0
    assert run_cli("export", mid, "--format", "md", home=home).returncode == 0
    # A URL with a password is refused, on the command line and in the config file.
    with_password = url.replace("archive_admin@", f"archive_admin:{SUPERPASS}@")
    refused = run_cli("--db", with_password, "list", home=home)
    assert refused.returncode == 1 and "~/.pgpass" in refused.stderr
    assert SUPERPASS not in refused.stderr
    # Nothing the program wrote holds the password.
    for folder in (home, config, tmp_path / "admin"):
        for path in folder.rglob("*") if folder.exists() else []:
            if path.is_file():
                assert SUPERPASS.encode() not in path.read_bytes(), path


def test_an_owner_without_superuser_rights_sets_the_archive_up(
    pg_server: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/team-archive.md's set-up: a database owned by a role with CREATEROLE (not a
    superuser)."""
    admin_sql(
        pg_server,
        "postgres",
        "DROP DATABASE IF EXISTS owned_archive",
        "DROP ROLE IF EXISTS minutes_admin",
        f"CREATE ROLE minutes_admin LOGIN CREATEROLE PASSWORD '{PASSWORD}'",
        "CREATE DATABASE owned_archive OWNER minutes_admin",
        "DROP ROLE IF EXISTS ana",
        f"CREATE ROLE ana LOGIN PASSWORD '{PASSWORD}'",
    )
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    port = pg_server.port  # type: ignore[attr-defined]
    url = f"postgresql://minutes_admin@127.0.0.1:{port}/owned_archive"
    done = run_cli("archive", "init", url)
    assert done.returncode == 0, done.stderr
    store = Store.open(Home(tmp_path / "admin", db_url=url))
    store.create_meeting(MeetingHeader(title="Closed", body=BODY, sensitivity="RESTRICTED"))
    store.close()
    titles = "SELECT title FROM meeting"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not a rapporteur yet
        as_role(pg_server, "owned_archive", "ana", titles)
    assert run_cli("--db", url, "archive", "grant", "ana", "--body", "RG1").returncode == 0
    assert as_role(pg_server, "owned_archive", "ana", titles) == []
    assert run_cli("--db", url, "archive", "grant", "ana", "--body", BODY).returncode == 0
    assert as_role(pg_server, "owned_archive", "ana", titles) == [("Closed",)]
    # ana runs the program on the archive: she finds what she may read, but writes only
    # the meetings she created; the administrator's is refused, in one sentence.
    ana_url = url.replace("minutes_admin@", "ana@")
    ana = tmp_path / "ana"
    listed = run_cli("--db", ana_url, "list", home=ana)
    assert listed.returncode == 0 and "Closed" in listed.stdout
    refused = run_cli("--db", ana_url, "add", "1", "UNHCR: noted by ana", home=ana)
    assert refused.returncode == 1 and "owner role" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    made = run_cli("--db", ana_url, "new", "Ana's meeting", "--body", BODY, home=ana)
    assert made.returncode == 0, made.stderr
    mine = made.stdout.strip()
    assert run_cli("--db", ana_url, "add", mine, "UNHCR: noted by ana", home=ana).returncode == 0
    found = run_cli("--db", ana_url, "search", "ana", home=ana)
    assert "noted by **ana**" in found.stdout
    owners = "SELECT title, owner_role FROM meeting ORDER BY id"
    assert as_role(pg_server, "owned_archive", "ana", owners) == [
        ("Closed", "minutes_admin"),
        ("Ana's meeting", "ana"),
    ]


def test_a_rapporteur_writes_only_its_own_meetings_and_adds_reviews(
    archive: tuple[str, str], pg_server: object
) -> None:
    """The write rule in the database: plain SQL as ben cannot change ana's meeting nor
    anything in it, nor claim a meeting for someone else; a review is added by anyone
    who reads the action, and changed or deleted by its author only."""
    _, db = archive

    def write(role: str, sql: str) -> list[tuple[object, ...]]:
        return as_role(pg_server, db, role, sql + " RETURNING id")

    def meeting(title: str, more: str = "", values: str = "") -> str:
        return (
            "INSERT INTO meeting (title, body, sensitivity, style, status, created_at, "
            f"updated_at{more}) VALUES ('{title}', 'RG1', 'PUBLIC', 'summary', 'draft', now(), "
            f"now(){values})"
        )

    [(ana_meeting,)] = write("ana", meeting("Ana"))
    assert write(
        "ana",
        "INSERT INTO entry (meeting_id, kind, text, created_at, confidential) "
        f"VALUES ({ana_meeting}, 'point', 'by ana', now(), false)",
    )
    [(action,)] = write(
        "ana",
        "INSERT INTO action (meeting_id, number, text, owners, status, created_at, "
        f"confidential) VALUES ({ana_meeting}, 1, 'act', '[\"OCHA\"]', 'pending', now(), false)",
    )
    assert as_role(pg_server, db, "ben", "SELECT title FROM meeting WHERE owner_role = 'ana'") == [
        ("Ana",)
    ]  # ben reads it (PUBLIC) ...
    # ... but cannot change it or its contents: rows it may not write are not there for it
    assert write("ben", f"UPDATE meeting SET title = 'Ben' WHERE id = {ana_meeting}") == []
    assert write("ben", f"UPDATE entry SET text = 'by ben' WHERE meeting_id = {ana_meeting}") == []
    assert write("ben", f"DELETE FROM entry WHERE meeting_id = {ana_meeting}") == []
    assert write("ben", f"DELETE FROM meeting WHERE id = {ana_meeting}") == []
    for sneaked in (
        "INSERT INTO entry (meeting_id, kind, text, created_at, confidential) "
        f"VALUES ({ana_meeting}, 'point', 'sneaked in', now(), false)",
        meeting("Framed", ", owner_role", ", 'ana'"),  # one made in ana's name
        meeting("Overwritten", ", uuid", f", (SELECT uuid FROM meeting WHERE id = {ana_meeting})")
        + " ON CONFLICT (uuid) DO UPDATE SET title = 'overwritten'",  # sync's upsert
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            write("ben", sneaked)
    assert as_role(pg_server, db, "ana", f"SELECT title FROM meeting WHERE id = {ana_meeting}") == [
        ("Ana",)
    ]
    assert as_role(pg_server, db, "ana", "SELECT text FROM entry WHERE text LIKE 'by %'") == [
        ("by ana",)
    ]
    # A review of ana's action, typed in ben's own meeting: added by ben, his alone.
    [(ben_meeting,)] = write("ben", meeting("Ben"))
    [(review,)] = write(
        "ben",
        "INSERT INTO action_update (action_id, meeting_id, status, text, created_at, "
        f"confidential) VALUES ({action}, {ben_meeting}, 'completed', 'done', now(), false)",
    )
    assert write("ana", f"UPDATE action_update SET text = 'not done' WHERE id = {review}") == []
    assert write("ana", f"DELETE FROM action_update WHERE id = {review}") == []
    assert write("ben", f"UPDATE action_update SET text = 'done well' WHERE id = {review}")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        write(  # a review of an action it cannot read: the RESTRICTED meeting's (id 3)
            "ben",
            "INSERT INTO action_update (action_id, meeting_id, status, text, created_at, "
            f"confidential) VALUES (3, {ben_meeting}, 'completed', '', now(), false)",
        )
    # An owner reads its own meeting whatever its label (ana is not in IASC OPAG here).
    closed = meeting("Ana closed", ", owner_role", ", 'ana'").replace(
        "'RG1', 'PUBLIC'", f"'{BODY}', 'RESTRICTED'"
    )
    assert write("ana", closed)
    assert ("Ana closed",) in as_role(pg_server, db, "ana", "SELECT title FROM meeting")
    assert ("Ana closed",) not in as_role(pg_server, db, "ben", "SELECT title FROM meeting")
    # The shared directory: added to and corrected by anyone, deleted by no rapporteur;
    # the archive's identity is read-only.
    assert write("ben", "INSERT INTO person (name, uuid) VALUES ('Amina Jamal', 'p-1')")
    assert write("ana", "UPDATE person SET position = 'Chief' WHERE uuid = 'p-1'")
    for refused in ("DELETE FROM person", "UPDATE home_identity SET home = 'mine'"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            write("ben", refused)
    # The administrator (the tables' owner) hands ana's meeting to a team: its members write.
    admin_sql(
        pg_server,
        "postgres",
        "DROP ROLE IF EXISTS opag_team",
        "CREATE ROLE opag_team",
        "GRANT opag_team TO ben",
    )
    admin_sql(
        pg_server, db, f"UPDATE meeting SET owner_role = 'opag_team' WHERE id = {ana_meeting}"
    )
    assert write("ben", f"UPDATE meeting SET title = 'Team' WHERE id = {ana_meeting}")
    assert write("ana", f"UPDATE meeting SET title = 'Ana' WHERE id = {ana_meeting}") == []


@pytest.mark.parametrize("dialect", ["postgres"])  # the `home` fixture: a fresh archive
async def test_the_app_lists_and_captures_on_an_archive(home: Home) -> None:
    """The app on `--db`: its title names the archive, the meetings list is the archive's,
    and a typed line is stored there."""
    from textual.widgets import DataTable, Input

    from minutes_tui.app import MinutesApp
    from minutes_tui.screens.capture import CaptureScreen
    from tests.helpers import settle

    assert home.db_url is not None
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Online session", body=BODY))
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.store_error is None and app.home_label.startswith("archive archive_admin@")
        table = app.screen.query_one("#meetings-table", DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        await type_text(pilot, "UNHCR: typed into the archive")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#capture-line", Input).value == ""
    assert [e.text for e in store.load(mid).entries] == ["typed into the archive"]
    store.close()
