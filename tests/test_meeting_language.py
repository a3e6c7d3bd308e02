"""A meeting's language as data (issue 28): stored (migration 0020), set by `new
--language`, config.toml, the body's latest meeting, the series, a script's front matter
and the meeting form; changed by `edit` and undone; shown by `show`; handed to the
grammar in its CaptureContext; carried by a sync."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from minutes_tui.config import Home
from tests.helpers import run_cli


def language(home: Home, meeting: str) -> str:
    shown = run_cli("show", meeting, "--json", home=home)
    assert shown.returncode == 0, shown.stderr
    return str(json.loads(shown.stdout)["language"])


def new(home: Home, *args: str) -> str:
    made = run_cli("new", *args, home=home)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def configure(text: str) -> None:
    folder = Path(os.environ["MINUTES_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, "utf-8")


# ---- the column -------------------------------------------------------------------------


def test_upgrade_from_0019_keeps_every_meeting_and_makes_it_english(home: Home) -> None:
    from minutes_tui.store.database import ensure_home
    from minutes_tui.store.engine import make_engine, writer
    from minutes_tui.store.migrate import upgrade
    from minutes_tui.store.store import Store

    ensure_home(home)
    engine = make_engine(home.db_path)
    upgrade(writer(engine), "0019_review_comments")
    engine.dispose()
    con = sqlite3.connect(home.db_path)
    con.execute(
        "INSERT INTO meeting (id, uuid, body, title, date, style, sensitivity, status,"
        " created_at, updated_at) VALUES (1, 'u-1', 'IASC OPAG', 'Old meeting', '2020-07-09',"
        " 'minutes', 'RESTRICTED', 'draft', '2020-07-09 09:00:00.000000',"
        " '2020-07-09 09:00:00.000000')"
    )
    con.commit()
    con.close()
    from minutes_tui.store.reads import list_meetings

    # The first frame lists it before the upgrade: English, as it always was.
    assert [(r.title, r.language) for r in list_meetings(home.db_path)] == [("Old meeting", "en")]
    Store.open(home).close()  # upgrades to the head
    con = sqlite3.connect(home.db_path)
    row = con.execute("SELECT title, style, sensitivity, language FROM meeting").fetchall()
    # The sync marks' triggers on `meeting` (0018) survive: the column was added in place.
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    con.close()
    assert row == [("Old meeting", "minutes", "RESTRICTED", "en")]
    assert "sync_mark_meeting_update" in triggers
    assert language(home, "1") == "en"


# ---- minutes new, edit, undo, show ------------------------------------------------------------


def test_new_with_a_language_stores_it_and_show_says_so(home: Home) -> None:
    french = new(home, "Réunion de coordination", "--language", "fr", "--date", "2024-03-12")
    assert language(home, french) == "fr"
    assert language(home, new(home, "Reunión", "--language", "Español")) == "es"
    assert language(home, new(home, "اجتماع", "--language", "arabic")) == "ar"
    assert language(home, new(home, "Plain")) == "en"
    text = run_cli("show", french, home=home).stdout
    assert "Français" in text.splitlines()[1]  # with the date, style and sensitivity
    listed = json.loads(run_cli("list", "--json", home=home).stdout)["meetings"]
    assert {m["title"]: m["language"] for m in listed}["Réunion de coordination"] == "fr"


def test_a_language_nobody_writes_records_in_is_refused_and_nothing_is_made(home: Home) -> None:
    refused = run_cli("new", "Cash WG", "--language", "klingon", home=home)
    assert refused.returncode == 2
    assert "'klingon' is not a language: en (English), fr (Français)" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not home.db_path.exists()  # not even a database
    new(home, "Cash WG")
    again = run_cli("new", "Cash WG 2", "--language", "xx", "--from", "1", home=home)
    assert again.returncode == 2
    listed = json.loads(run_cli("list", "--json", home=home).stdout)["meetings"]
    assert [m["title"] for m in listed] == ["Cash WG"]
    bad_edit = run_cli("edit", "1", "--language", "latin", home=home)
    assert bad_edit.returncode == 2 and language(home, "1") == "en"


def test_edit_changes_the_language_and_undo_takes_it_back(home: Home) -> None:
    meeting = new(home, "Cluster Protection", "--language", "fr")
    edited = run_cli("edit", meeting, "--language", "Spanish", home=home)
    assert edited.returncode == 0, edited.stderr
    assert "language" in edited.stdout and language(home, meeting) == "es"
    assert run_cli("undo", meeting, home=home).returncode == 0
    assert language(home, meeting) == "fr"


def test_the_next_meeting_of_a_series_keeps_its_language(home: Home) -> None:
    first = new(home, "Cluster Sécurité Alimentaire", "--body", "CSA", "--language", "fr")
    assert language(home, new(home, "Suite", "--from", first)) == "fr"
    assert language(home, new(home, "Next", "--from", first, "--language", "en")) == "en"


def test_a_script_names_its_language_in_the_front_matter(home: Home, tmp_path: Path) -> None:
    script = tmp_path / "reunion.minutes"
    script.write_text("---\ntitle: Reunión\nlanguage: Español\n---\nUn punto.\n", "utf-8")
    made = run_cli("import", str(script), home=home)
    assert made.returncode == 0, made.stderr
    assert language(home, made.stdout.strip()) == "es"
    script.write_text("---\ntitle: X\nlanguage: latin\n---\nA point.\n", "utf-8")
    bad = run_cli("import", str(script), home=home)
    assert bad.returncode == 2 and "line 3: language 'latin' is not one of" in bad.stderr


@pytest.mark.parametrize(
    ("record", "code"),
    [("fr-cluster-protection.md", "fr"), ("es-gtrm-proteccion.md", "es")],
)
def test_import_record_stores_the_language_its_record_is_written_in(
    home: Home, record: str, code: str
) -> None:
    from tests.language_records import FOLDER

    done = run_cli("import-record", str(FOLDER / record), home=home)
    assert done.returncode == 0, done.stderr
    meeting = done.stdout.split()[1].rstrip(":")
    assert language(home, meeting) == code
    # …and its lines were read as that language's: a due phrase typed after the import
    added = run_cli("add", meeting, "/a Suivi [OCHA] " + DUE[code], home=home)
    assert added.returncode == 0, added.stderr
    actions = json.loads(run_cli("show", meeting, "--json", home=home).stdout)["actions"]
    assert actions[-1]["due_date"] == "2024-03-20"


DUE = {"fr": "d'ici le 20 mars 2024", "es": "para el 20 de marzo de 2024"}


# ---- defaults: config.toml, the environment, the body ---------------------------------------


def test_the_configured_language_is_a_new_meetings_unless_one_is_given(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure('[new_meeting]\nlanguage = "Français"\n')
    assert language(home, new(home, "Réunion")) == "fr"
    assert language(home, new(home, "Meeting", "--language", "en")) == "en"
    monkeypatch.setenv("MINUTES_DEFAULT_LANGUAGE", "ar")
    assert language(home, new(home, "اجتماع")) == "ar"
    monkeypatch.delenv("MINUTES_DEFAULT_LANGUAGE")
    configure('[new_meeting]\nlanguage = "klingon"\n')
    made = run_cli("new", "Meeting", home=home)
    assert made.returncode == 0
    assert "new_meeting.language must be one of en, fr, es, ar" in made.stderr
    assert language(home, made.stdout.strip()) == "en"


def test_a_body_keeps_the_language_of_its_latest_meeting(home: Home) -> None:
    new(home, "Réunion de mars", "--body", "Cluster Protection", "--language", "fr")
    assert language(home, new(home, "Réunion d'avril", "--body", "cluster  PROTECTION")) == "fr"
    assert language(home, new(home, "Health", "--body", "Health Cluster")) == "en"
    # The latest meeting says it: one held later in Spanish…
    new(home, "Mayo", "--body", "Cluster Protection", "--language", "es", "--date", "2099-05-01")
    assert language(home, new(home, "Junio", "--body", "Cluster Protection")) == "es"
    # …and the configured language wins over a body's own.
    configure('[new_meeting]\nlanguage = "ar"\n')
    assert language(home, new(home, "Julio", "--body", "Cluster Protection")) == "ar"


@pytest.mark.dialects
def test_the_store_keeps_the_language_on_both_databases(store) -> None:  # type: ignore[no-untyped-def]
    """The same on a home's SQLite file and on a team archive used directly (online)."""
    from minutes_tui.domain.header import MeetingHeader

    made = store.create_meeting(MeetingHeader(title="Réunion", body="CSA", language="fr"))
    assert store.load(made).language == "fr"
    assert store.body_language(" csa ") == "fr" and store.body_language("Other") is None
    store.update_meeting(made, language="ar")
    assert store.load(made).language == "ar"
    assert store.known_names(made).language == "ar"
    assert [row.language for row in store.backend.list_meetings() or []] == ["ar"]
    store.trash_meeting(made)
    assert store.body_language("CSA") is None  # a trashed meeting is no one's default


# ---- the grammar's context ---------------------------------------------------------------------


def test_the_capture_session_hands_the_meetings_language_to_the_grammar(home: Home) -> None:
    from minutes_tui.session.capture_session import CaptureSession, grammar_context
    from minutes_tui.store.quick import QuickNotes
    from minutes_tui.store.store import Store

    meeting = int(new(home, "Réunion", "--language", "fr"))
    store = Store.open(home)
    try:
        session = CaptureSession(store, meeting)
        assert session.context.language == "fr"
        store.update_meeting(meeting, language="es")  # the form's, in another window
        session.forget_context()  # as the capture screen does after the form
        assert session.context.language == "es"
    finally:
        store.close()
    # `minutes add`'s notes path (no ORM) builds its context from the same facts.
    quick = QuickNotes.open(home, meeting, on_wait=lambda: None)
    assert quick is not None
    try:
        assert grammar_context(quick.known()).language == "es"
    finally:
        quick.close()


def test_minutes_add_reads_due_words_in_the_meetings_language(home: Home) -> None:
    """The grammar (capture/when.py) reads French due words only in a French meeting."""
    line = "/a Diffuser le projet [OCHA] d'ici le 20 mars 2024"
    dues = {}
    for code in ("fr", "en"):
        meeting = new(home, "Réunion", "--language", code)
        added = run_cli("add", meeting, line, home=home)
        assert added.returncode == 0, added.stderr
        shown = json.loads(run_cli("show", meeting, "--json", home=home).stdout)
        dues[code] = [a["due_date"] for a in shown["actions"]]
    assert dues == {"fr": ["2024-03-20"], "en": [None]}


# ---- sync: the meeting's copy carries it ------------------------------------------------------


def test_a_meetings_copy_carries_its_language_to_another_database(tmp_path: Path) -> None:
    """team/copies.py reads a meeting whole and writes it into another database: what a
    push to the archive and a pull from it do (here between two SQLite homes)."""
    from sqlalchemy import create_engine

    from minutes_tui.store.store import Store
    from minutes_tui.team.copies import read_meeting, write_meeting

    mine, theirs = Home(tmp_path / "mine"), Home(tmp_path / "theirs")
    meeting = int(new(mine, "Réunion", "--body", "CSA", "--language", "fr"))
    Store.open(theirs).close()
    source = create_engine(f"sqlite:///{mine.db_path}")
    target = create_engine(f"sqlite:///{theirs.db_path}")
    try:
        with source.connect() as conn:
            copy = read_meeting(conn, meeting, "home-a", include_confidential=False)
        with target.begin() as conn:
            pulled = write_meeting(conn, copy, "home-a", copy.digest())
    finally:
        source.dispose()
        target.dispose()
    assert copy.meeting["language"] == "fr"
    assert language(theirs, str(pulled)) == "fr"


@pytest.mark.postgres
@pytest.mark.slow
def test_sync_carries_the_language_both_ways(tmp_path: Path, archive_url: str) -> None:
    from sqlalchemy import create_engine

    from minutes_tui.store.migrate import upgrade

    engine = create_engine(archive_url)
    upgrade(engine)
    engine.dispose()
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    meeting = new(a, "Réunion", "--body", "CSA", "--language", "fr")
    for home in (a, b):
        assert run_cli("sync", "--archive", archive_url, home=home).returncode == 0
    (pulled,) = json.loads(run_cli("list", "--json", home=b).stdout)["meetings"]
    assert language(b, str(pulled["id"])) == "fr"
    assert run_cli("edit", meeting, "--language", "es", home=a).returncode == 0
    for home in (a, b):
        assert run_cli("sync", "--archive", archive_url, home=home).returncode == 0
    assert language(b, str(pulled["id"])) == "es"


# ---- the meeting form ---------------------------------------------------------------------------


async def open_form(pilot) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import settle

    await settle(pilot)
    await pilot.press("n")
    await pilot.pause()


async def open_language(pilot) -> None:  # type: ignore[no-untyped-def]
    """From the Title (where the form starts), back past Create to Language; open it."""
    await pilot.press("shift+tab", "shift+tab")
    assert pilot.app.focused.id == "field-language"
    await pilot.press("enter")
    await pilot.pause()


def form_language(app) -> str:  # type: ignore[no-untyped-def]
    from textual.widgets import Select

    return str(app.screen.query_one("#field-language", Select).value)


async def test_the_form_offers_the_languages_and_stores_the_one_chosen(home: Home) -> None:
    from minutes_tui.app import MinutesApp
    from tests.helpers import type_text

    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot)
        assert form_language(app) == "en"
        await type_text(pilot, "Reunión del clúster")
        await open_language(pilot)
        await pilot.press("down", "down", "enter")  # English → Français → Español
        await pilot.pause()
        assert form_language(app) == "es"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert language(home, "1") == "es"


async def test_the_form_starts_from_the_configured_language(home: Home) -> None:
    from minutes_tui.app import MinutesApp
    from tests.helpers import type_text

    configure('[new_meeting]\nlanguage = "fr"\n')
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot)
        assert form_language(app) == "fr"
        await type_text(pilot, "Réunion")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert language(home, "1") == "fr"


async def test_the_form_follows_the_bodys_language_until_one_is_chosen(home: Home) -> None:
    from textual.widgets import Input

    from minutes_tui.app import MinutesApp
    from tests.helpers import type_text

    new(home, "اجتماع", "--body", "Cluster Syria", "--language", "ar")
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "اجتماع آذار")
        await pilot.press("tab")
        await type_text(pilot, "Cluster Syria")
        assert form_language(app) == "ar"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert language(home, "2") == "ar"
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Réunion")
        await pilot.press("tab")
        await type_text(pilot, "Cluster Syria")
        await pilot.press("shift+tab")  # back to the Title
        await open_language(pilot)
        await pilot.press("up", "enter")  # العربية → Español: the rapporteur's choice
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "end")  # past Create and Title to Body
        await type_text(pilot, " Nord")  # a body with no meeting would say English
        body = app.screen.query_one("#field-body", Input)
        assert body.value == "Cluster Syria Nord" and form_language(app) == "es"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert language(home, "3") == "es"


async def test_the_details_form_changes_a_meetings_language(home: Home) -> None:
    from minutes_tui.app import MinutesApp

    new(home, "Réunion", "--language", "fr")
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        from tests.helpers import settle

        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert form_language(app) == "fr"
        await open_language(pilot)
        await pilot.press("down", "enter")  # Français → Español
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert language(home, "1") == "es"


async def test_the_capture_screen_shows_the_language_and_f2_changes_it(home: Home) -> None:
    from textual.widgets import Static

    from minutes_tui.app import MinutesApp
    from minutes_tui.screens.capture import CaptureScreen
    from tests.helpers import settle

    new(home, "Réunion", "--language", "fr")
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        heading = screen.query_one("#capture-heading", Static)
        assert "Français" in str(heading.render())
        await pilot.press("f2")
        await pilot.pause()
        await open_language(pilot)
        await pilot.press("down", "enter")  # Français → Español
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Español" in str(heading.render())
        assert screen.session.context.language == "es"  # the grammar reads Spanish now
    assert language(home, "1") == "es"


@pytest.mark.parametrize(
    ("language", "typed", "reads"),
    [
        ("fr", "/a Vérifier les listes [PAM] d'ici le 20 mars", "d'ici le 20 mars"),
        ("fr", "/a Vérifier les listes d'ici le 20 mars", "d'ici le 20 mars"),
        ("es", "/a Enviar el informe [ACNUR] para el 20 de marzo", "para el 20 de marzo"),
    ],
)
def test_a_due_without_a_year_keeps_the_words_it_was_typed_with(
    home: Home, tmp_path: Path, language: str, typed: str, reads: str
) -> None:
    """A new user's record read "d'ici 20 mars" for "d'ici le 20 mars" (no year: kept as
    text, its article lost); the record and a recalled line now say it as typed."""
    meeting = new(home, "Cluster", "--language", language)
    assert run_cli("add", meeting, typed, home=home).returncode == 0
    out = tmp_path / "record.md"
    assert run_cli("export", meeting, "--out", str(out), home=home).returncode == 0
    assert f"— {reads}" in out.read_text(encoding="utf-8")
    [action] = json.loads(run_cli("show", meeting, "--json", home=home).stdout)["actions"]
    assert action["due_text"] == reads
    from minutes_tui.capture.unparse import action_line

    recalled = action_line(action["text"], action["owners"], None, action["due_text"])
    assert recalled.endswith(f"] {reads}") or recalled.endswith(f"s {reads}")


def test_a_french_role_typed_on_a_participant_does_not_block_the_redacted_export(
    home: Home,
) -> None:
    """A new user's French redaction was refused: "unknown name: Président" (the role
    typed in brackets, as "(Chair)" is in English)."""
    meeting = new(home, "Cluster", "--language", "fr")
    typed = ["/p M. Jean Mukendi, Coordonnateur, HCR (Président)", "/i Point", "HCR: soutient."]
    assert run_cli("add", meeting, *typed, home=home).returncode == 0
    done = run_cli("export", meeting, "--redact", "--out", "-", home=home)
    assert done.returncode == 0, done.stderr
    assert "HCR (Président)" in done.stdout and "Mukendi" not in done.stdout
