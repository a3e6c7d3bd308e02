"""Connecting to the team archive: credentials from libpq only, one sentence when refused."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from minutes_tui.store.connect import (
    ArchiveUnreachable,
    PasswordInUrl,
    archive_engine,
    is_archive_url,
)


def test_a_url_with_a_password_is_refused_pointing_to_pgpass() -> None:
    with pytest.raises(PasswordInUrl) as caught:
        archive_engine("postgresql://ana:hunter2@db.example.org/minutes")
    assert "~/.pgpass" in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_archive_urls_are_told_from_paths() -> None:
    assert is_archive_url("postgresql://ana@db/minutes")
    assert is_archive_url("postgresql+psycopg://ana@db/minutes")
    assert not is_archive_url("/home/ana/minutes")
    assert not is_archive_url("postgresql")


def test_an_unreachable_server_is_one_sentence() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ArchiveUnreachable) as caught:
        archive_engine(f"postgresql://ana@127.0.0.1:{port}/minutes")
    assert str(caught.value).startswith("Cannot reach the archive at ana@127.0.0.1")


@pytest.mark.postgres
def test_a_wrong_password_says_so_without_printing_it(
    archive_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", "not-the-password")
    with pytest.raises(ArchiveUnreachable) as caught:
        archive_engine(archive_url)
    assert "refused the password for user archive_admin" in str(caught.value)
    assert "not-the-password" not in str(caught.value)


@pytest.mark.postgres
def test_no_password_anywhere_says_where_to_put_it(
    archive_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with pytest.raises(ArchiveUnreachable) as caught:
        archive_engine(archive_url)
    assert "none was found" in str(caught.value) and "~/.pgpass" in str(caught.value)


@pytest.mark.postgres
def test_the_password_comes_from_a_pgpass_file(
    archive_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from sqlalchemy import text

    from tests.postgres import SUPERPASS

    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:archive_admin:{SUPERPASS}\n")
    pgpass.chmod(0o600)
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    engine = archive_engine(archive_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar() == "archive_admin"
    engine.dispose()


@pytest.mark.postgres
def test_sslmode_in_the_url_is_honoured(archive_url: str) -> None:
    # The test server has no TLS: a URL that demands it must be refused, not downgraded.
    with pytest.raises(ArchiveUnreachable) as caught:
        archive_engine(archive_url + "?sslmode=require")
    assert "SSL" in str(caught.value)
    archive_engine(archive_url + "?sslmode=disable").dispose()
