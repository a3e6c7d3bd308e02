"""Who can speak: the shipped directory, the meeting's people and organisations, the
body's, the user's own additions; never an organisation typed in an unrelated body."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.session.capture_session import CaptureSession
from minutes_tui.store.store import Store
from tests.helpers import FIXTURES, run_cli, settle


def speaker_of(store: Store, meeting_id: int, line: str) -> str | None:
    applied = CaptureSession(store, meeting_id).submit(line)
    (entry,) = [e for e in store.load(meeting_id).entries if e.id == applied.refs[0].id]
    return entry.speaker


def test_an_at_speaker_is_known_to_its_body_not_to_every_meeting(store: Store) -> None:
    rg1 = store.create_meeting(MeetingHeader(title="RG1", body="Results Group 1"))
    assert speaker_of(store, rg1, "@Friends of the Earth: raised three points") == (
        "Friends of the Earth"
    )
    later = store.create_meeting(MeetingHeader(title="RG1 again", body="Results Group 1"))
    assert speaker_of(store, later, "Friends of the Earth: welcomed it") == "Friends of the Earth"
    other = store.create_meeting(MeetingHeader(title="Health", body="Health Cluster"))
    assert speaker_of(store, other, "Friends of the Earth: welcomed it") is None


def test_the_users_directory_adds_speakers(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "organisations.csv"
    directory.write_text("short,name,aliases\nRG3,Results Group 3,Results Group Three\n")
    monkeypatch.setenv("MINUTES_DIRECTORY", str(directory))
    mid = store.create_meeting(MeetingHeader(title="OPAG"))
    assert speaker_of(store, mid, "RG3: reported back") == "RG3"
    assert speaker_of(store, mid, "Results Group Three: agreed") == "Results Group Three"
    monkeypatch.setenv("MINUTES_DIRECTORY", str(tmp_path / "missing.csv"))
    assert speaker_of(store, mid, "GDPR: applies") is None


def test_minutes_add_knows_the_users_directory_as_the_app_does(
    home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`minutes add` stores notes without the ORM (store/quick.py); the CLI parses them
    (the store never sees a line), with the user's own directory as a session does."""
    directory = tmp_path / "organisations.csv"
    directory.write_text("short,name,aliases\nRG3,Results Group 3,Results Group Three\n")
    monkeypatch.setenv("MINUTES_DIRECTORY", str(directory))
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="OPAG"))
    store.close()
    result = run_cli(
        "add", str(mid), "RG3: reported back", "Results Group Three: agreed", home=home
    )
    assert result.returncode == 0, result.stderr
    store = Store.open(home)
    try:
        entries = store.load(mid).entries
    finally:
        store.close()
    assert [(e.speaker, e.text) for e in entries] == [
        ("RG3", "reported back"),
        ("Results Group Three", "agreed"),
    ]


async def test_typing_and_import_attribute_identically(home: Home) -> None:
    """The same script typed line by line in the app and replayed by `import`."""
    from minutes_tui.capture.script import parse_script

    script = parse_script((FIXTURES / "opag-session-vii.minutes").read_text("utf-8"))
    lines = [line for _, line in script.lines][:45]
    store = Store.open(home)
    imported = store.create_meeting(script.header)
    CaptureSession(store, imported).submit_all(lines)
    typed = store.create_meeting(script.header)
    store.close()
    app = MinutesApp(home, open_meeting=typed, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#capture-line", Input)
        for text in lines:
            line.value = text
            await pilot.press("enter")
        await pilot.pause()
    store = Store.open(home)
    try:
        a, b = store.load(imported), store.load(typed)
    finally:
        store.close()

    def said(data):  # type: ignore[no-untyped-def]
        return [(e.kind, e.speaker, e.speaker_organisation, e.text) for e in data.entries]

    assert said(a) and said(a) == said(b)
    assert [(x.number, x.owners) for x in a.actions] == [(x.number, x.owners) for x in b.actions]
