"""Final records: confidential entries left out of what is circulated, a final meeting
locked on every path, versions archived with their hashes, reopening with a reason, PDF."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from minutes_tui.capture import parse_line
from minutes_tui.capture.unparse import recall
from minutes_tui.config import Home
from minutes_tui.domain.entries import PersonSpec
from minutes_tui.record import pdf
from minutes_tui.session.capture_session import CaptureSession
from minutes_tui.store.final import MeetingFinal
from minutes_tui.store.refs import Ref
from minutes_tui.store.store import Store
from tests.helpers import run_cli, stored_json

# What meeting 2's record must leave out (the list item goes with its confidential point).
SECRETS = (
    "quiet evacuation",
    "list item of the confidential point",
    "withheld donor",
    "private progress",
    "second meeting secret",
)
needs_pdf = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="PDF needs LibreOffice (soffice) and pdftotext: apt-get install "
    "libreoffice-writer-nogui poppler-utils",
)


def cli_ok(home: Home, *args: str) -> str:
    done = run_cli(*args, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout


def series(home: Home) -> None:
    """Meeting 1 with a confidential action (its 2nd); meeting 2 reviews its actions,
    one review confidential, and has its own confidential point, decision and action."""
    cli_ok(home, "new", "First", "--body", "IASC X", "--date", "2021-01-01")
    cli_ok(home, "add", "1", "/i 1 Opening", "/a public one [WFP]")
    cli_ok(home, "add", "1", "!/a the Hodeidah crossing plan [OCHA]", "/a public three [UNHCR]")
    cli_ok(home, "new", "Second", "--from", "1", "--date", "2021-02-01")
    cli_ok(
        home,
        "add",
        "2",
        "/i 1 Follow-up",
        "UNHCR: an open point",
        "!OCHA: the quiet evacuation of staff",
        "- a list item of the confidential point",
        "!/d a withheld donor pledge",
        "/a second meeting first [WFP]",
        "!/a second meeting secret [OCHA]",
        "/a second meeting third [UNICEF]",
        "/u 3 completed done in public",
        "!/u 1 in progress private progress noted",
    )


def export(home: Home, fmt: str, *more: str, meeting: str = "2") -> bytes:
    done = run_cli("export", meeting, "--format", fmt, "--out", "-", *more, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout_bytes


def docx_text(payload: bytes) -> str:
    document = docx.Document(io.BytesIO(payload))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    parts += [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join(parts)


def pdf_text(payload: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(payload)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


# ---- the grammar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("!UNHCR: a point", "note"),
        ("!/d a decision", "note"),
        ("!/a an action [OCHA]", "action"),
        ("!/u #12 completed done", "review"),
        ("!- a list item", "list_item"),
    ],
)
def test_a_bang_marks_an_entry_confidential(line: str, kind: str) -> None:
    entry = parse_line(line)
    assert entry.kind == kind and getattr(entry, "confidential", False), entry
    plain = parse_line(line[1:])
    assert not getattr(plain, "confidential", True)


def test_a_bang_before_what_cannot_be_confidential_warns_and_keeps_the_line() -> None:
    # kept whole as a confidential point (issue 23: what is marked never circulates)
    entry = parse_line("!/i 3 Budget")
    assert entry.kind == "note" and entry.warnings and entry.confidential
    assert entry.text == "/i 3 Budget"
    assert parse_line("\\!not a secret").text == "!not a secret"
    assert parse_line("!").text == "!"  # a lone mark is what was typed


def test_a_recalled_confidential_line_reads_back_with_its_bang(store: Store) -> None:
    mid = store.create_meeting(parse_header("M"))
    session = CaptureSession(store, mid)
    for line in ("!OCHA: hidden", "!/a hidden action [WFP]", "!just text"):
        applied = session.submit(line)
        assert applied.lines[0].confidential and recall(applied.lines[0]).startswith("!")
        assert getattr(parse_line(recall(applied.lines[0])), "confidential", None) is True
    point = session.submit("a plain point")
    edited = session.edit(point.refs[0], "!" + recall(point.lines[0]))
    assert edited.lines[0].confidential


def parse_header(title: str):  # type: ignore[no-untyped-def]
    from minutes_tui.domain.header import MeetingHeader

    return MeetingHeader(title=title, body="IASC X")


# ---- left out of every export, numbered without gaps ------------------------------------------


def test_confidential_entries_left_out_of_markdown_and_word(home: Home) -> None:
    series(home)
    md = export(home, "md").decode()
    word = docx_text(export(home, "docx"))
    for text in (md, word):
        assert not [s for s in SECRETS if s in text], text
        assert "Confidential" not in text
        assert "an open point" in text and "second meeting third" in text
    # Numbers stay continuous: the third action is 2 in what is circulated, and the
    # review of meeting 1's action 3 (its 2nd public one) reads "Action 2".
    assert "2. second meeting third" in md
    assert "Action 2 (" in md and "Action 3 (" not in md
    assert "INCLUDES CONFIDENTIAL" not in md and "RESTRICTED" not in md
    full_md = export(home, "md", "--include-confidential").decode()
    full_word = docx_text(export(home, "docx", "--include-confidential"))
    for text in (full_md, full_word):
        assert all(s in text for s in SECRETS), text
        assert "INCLUDES CONFIDENTIAL ENTRIES" in text
        assert "[Confidential] second meeting secret" in text
    assert "3. second meeting third" in full_md  # the store's own numbers
    # Meeting 1's own record: its confidential 2nd action is left out, 3 reads 2.
    first = run_cli("export", "1", "--style", "minutes", "--out", "-", home=home).stdout
    assert "Hodeidah" not in first and "2. public three" in first


async def test_the_final_record_says_it_includes_confidential_entries_only_when_it_does(
    home: Home,
) -> None:
    # README's first meeting: no `!` line, so nothing is confidential to announce.
    from textual.widgets import MarkdownViewer

    from minutes_tui.app import MinutesApp
    from minutes_tui.screens.record import RecordScreen
    from tests.helpers import settle

    cli_ok(home, "new", "Plain", "--date", "2026-12-07")
    cli_ok(home, "add", "1", "/p Ms. Amal Haddad, Coordinator, UNHCR", "/i 1 Opening")
    cli_ok(home, "add", "1", "OCHA: a point", "/d a decision", "/a an action [WFP]")
    cli_ok(home, "finalize", "1", "--no-pdf")
    cli_ok(home, "new", "Secret", "--date", "2026-12-07")
    cli_ok(home, "add", "2", "/i 1 Opening", "!OCHA: a quiet point")
    cli_ok(home, "finalize", "2", "--no-pdf")
    shown = {}
    for meeting in (1, 2):
        app = MinutesApp(home, open_meeting=meeting, clock=lambda: 0.0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, RecordScreen)
            shown[meeting] = app.screen.query_one(MarkdownViewer).document.source
    assert "INTERNAL · FINAL · VERSION 1" in shown[1]
    assert "INCLUDES CONFIDENTIAL" not in shown[1], shown[1]
    assert "INTERNAL · FINAL · VERSION 1 · INCLUDES CONFIDENTIAL ENTRIES" in shown[2]
    full = export(home, "md", "--include-confidential", meeting="1").decode()
    assert "INCLUDES CONFIDENTIAL" not in full and "a decision" in full


@pytest.mark.soffice
@needs_pdf
def test_confidential_entries_left_out_of_the_pdf(home: Home, tmp_path: Path) -> None:
    series(home)
    pdf = export(home, "pdf")
    assert pdf.startswith(b"%PDF-") and b"pdfaid:part" in pdf  # PDF/A
    text = pdf_text(pdf, tmp_path)
    assert "an open point" in text and "DRAFT" in text
    assert not [s for s in SECRETS if s in text]
    full = pdf_text(export(home, "pdf", "--include-confidential"), tmp_path)
    assert all(s in " ".join(full.split()) for s in SECRETS)
    assert "INCLUDES CONFIDENTIAL ENTRIES" in full


def test_pdf_without_libreoffice_says_which_package(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    series(home)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    done = run_cli("export", "2", "--format", "pdf", home=home)
    assert done.returncode == 1 and "libreoffice-writer" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not list(home.exports_dir.glob("*.pdf"))


def test_search_and_tracker_show_confidential_entries_marked(home: Home) -> None:
    series(home)
    hits = run_cli("search", "evacuation", home=home).stdout
    assert "[Confidential]" in hits and "quiet" in hits
    actions = run_cli("actions", home=home).stdout
    assert "[Confidential] second meeting secret" in actions
    assert "[Confidential] second meeting third" not in actions


# ---- a final meeting is locked ------------------------------------------------------------


FINAL = "is final: nothing was changed"


def test_a_final_meeting_refuses_every_write(home: Home) -> None:
    series(home)
    store = Store.open(home)
    store.add_participant(2, PersonSpec(name="Amira Jamal", organisation="UNHCR"))
    store.close()
    cli_ok(home, "finalize", "2", "--no-pdf")
    before = stored_json(home, 2)
    done = run_cli("add", "2", "one more point", home=home)
    assert done.returncode == 1 and FINAL in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    done = run_cli("edit", "2", "--title", "Renamed", home=home)
    assert done.returncode == 1 and FINAL in done.stderr
    store = Store.open(home)
    try:
        session = CaptureSession(store, 2)
        entry = next(e for item in before["items"] for e in item["entries"])
        ref = Ref("entry", entry["id"])
        participant = before["participants"][0]["id"]
        writes = {
            "submit": lambda: session.submit("typed after finalizing"),
            "paste": lambda: session.submit_paste(["a", "b"]),
            "edit": lambda: session.edit(ref, "changed"),
            "delete": lambda: session.delete(ref),
            "review pane": lambda: session.review(1, 1, "completed"),
            "participant": lambda: store.add_participant(2, PersonSpec(name="Someone New")),
            "participant edit": lambda: store.update_participant(
                participant,
                honorific=None,
                name="X",
                position=None,
                organisation=None,
                role=None,
                attendance="absent",
            ),
            "attendance": lambda: store.import_attendance(2, []),
            "meeting fields": lambda: store.update_meeting(2, title="Renamed"),
            "confidential key": lambda: confidential_toggle(store, ref),
            "tracker review in it": lambda: tracker_review(store, 1, meeting_id=2),
        }
        for name, write in writes.items():
            with pytest.raises(MeetingFinal, match=FINAL):
                write()
                pytest.fail(name)
    finally:
        store.close()
    assert stored_json(home, 2) == before
    # Its own actions can still be reviewed from a later meeting.
    cli_ok(home, "new", "Third", "--from", "2", "--date", "2021-03-01")
    cli_ok(home, "add", "3", "/u 1 completed done after the final record")
    assert stored_json(home, 3)["reviews"][0]["text"] == "done after the final record"


def confidential_toggle(store: Store, ref: Ref) -> bool:
    from minutes_tui.store.confidential import toggle

    return toggle(store, ref, 2)


def tracker_review(store: Store, action_id: int, meeting_id: int | None = None) -> object:
    from minutes_tui.store.reviews import review_action

    return review_action(store, action_id, "completed", "done", meeting_id)


def test_the_tracker_cannot_review_into_a_final_meeting(home: Home) -> None:
    cli_ok(home, "new", "Only", "--body", "IASC X")
    cli_ok(home, "add", "1", "/a something [WFP]")
    cli_ok(home, "finalize", "1", "--no-pdf")
    done = run_cli("action-status", "1", "completed", home=home)
    assert done.returncode == 1 and "is final" in done.stderr and "later meeting" in done.stderr
    assert stored_json(home, 1)["actions"][0]["status"] == "pending"


async def test_capture_screen_refuses_a_line_once_another_window_finalized(home: Home) -> None:
    from textual.widgets import Static

    from minutes_tui.app import MinutesApp
    from minutes_tui.widgets.capture_line import CaptureLine
    from tests.helpers import settle

    cli_ok(home, "new", "Live", "--body", "IASC X")
    cli_ok(home, "add", "1", "/i 1 Opening", "a first point")
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        cli_ok(home, "finalize", "1", "--no-pdf")  # another window, meanwhile
        line = app.screen.query_one(CaptureLine)
        line.value = "typed after the other window finalized"
        await pilot.press("enter")
        await settle(pilot)
        status = str(app.screen.query_one("#capture-status", Static).render())
        assert FINAL in status
        assert line.value == "typed after the other window finalized"  # not lost
    entries = stored_json(home, 1)["items"][0]["entries"]
    assert [e["text"] for e in entries] == ["a first point"]


# ---- versions, archive, audit trail, verify ------------------------------------------------


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_reopen_change_finalize_gives_version_two_and_both_verify(home: Home) -> None:
    series(home)
    out = cli_ok(home, "finalize", "2")
    assert "version 1" in out
    v1 = home.root / "archive" / "2" / "v1"
    names = sorted(p.suffix for p in v1.iterdir())
    assert names == ([".docx", ".md", ".pdf"] if pdf.available() else [".docx", ".md"])
    for folder in (home.root / "archive", home.root / "archive" / "2", v1):
        assert mode(folder) == 0o700, folder
    assert all(mode(p) == 0o600 for p in v1.iterdir())
    record = next(v1.glob("*.md")).read_text()
    assert "FINAL · VERSION 1" in record and "DRAFT" not in record
    assert not [s for s in SECRETS if s in record]  # the circulated record
    with zipfile.ZipFile(next(v1.glob("*.docx"))) as z:
        assert "FINAL · VERSION 1" in z.read("word/header1.xml").decode()
    assert "FINAL · VERSION 1" in export(home, "md").decode()

    done = run_cli("reopen", "2", home=home)
    assert done.returncode == 2 and "--reason" in done.stderr
    done = run_cli("reopen", "2", "--reason", "  ", home=home)
    assert done.returncode == 2 and stored_json(home, 2)["status"] == "final"
    cli_ok(home, "reopen", "2", "--reason", "Chair corrected item 1", "--by", "Ms. Rapporteur")
    assert "DRAFT" in export(home, "md").decode()
    cli_ok(home, "add", "2", "a correction after reopening")
    assert "version 2" in cli_ok(home, "finalize", "2", "--no-pdf")
    v2 = home.root / "archive" / "2" / "v2"
    assert "a correction after reopening" in next(v2.glob("*.md")).read_text()
    assert "a correction after reopening" not in next(v1.glob("*.md")).read_text()
    assert "FINAL · VERSION 2" in export(home, "md").decode()
    shown = stored_json(home, 2)
    assert shown["record_version"] == 2
    assert [(e["kind"], e["version"], e["reason"], e["by"]) for e in shown["history"]][:2] == [
        ("finalized", 1, None, shown["history"][0]["by"]),
        ("reopened", 1, "Chair corrected item 1", "Ms. Rapporteur"),
    ]
    assert shown["history"][2]["kind"] == "finalized" and shown["history"][2]["version"] == 2
    assert "archived files match" in cli_ok(home, "verify", "2")


def test_verify_finds_a_changed_and_a_missing_file(home: Home) -> None:
    series(home)
    cli_ok(home, "finalize", "2", "--no-pdf")
    cli_ok(home, "reopen", "2", "--reason", "one more")
    cli_ok(home, "finalize", "2", "--no-pdf")
    v1 = home.root / "archive" / "2" / "v1"
    md = next(v1.glob("*.md"))
    md.write_text(md.read_text().replace("an open point", "an altered point"))
    next((home.root / "archive" / "2" / "v2").glob("*.docx")).unlink()
    done = run_cli("verify", "2", home=home)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("minutes: changed: ") and md.name in lines[0]
    assert lines[1].startswith("minutes: missing: ") and "v2" in lines[1]
    never = run_cli("verify", "1", home=home)
    assert never.returncode == 1 and "never been finalized" in never.stderr


def test_finalizing_twice_is_refused(home: Home) -> None:
    cli_ok(home, "new", "Once", "--body", "IASC X")
    cli_ok(home, "finalize", "1", "--no-pdf")
    done = run_cli("finalize", "1", "--no-pdf", home=home)
    assert done.returncode == 1 and FINAL in done.stderr
    assert [p.name for p in (home.root / "archive" / "1").iterdir()] == ["v1"]


async def test_f9_marks_the_recalled_entry_confidential_and_back(home: Home) -> None:
    from minutes_tui.app import MinutesApp
    from tests.helpers import settle

    cli_ok(home, "new", "Live", "--body", "IASC X")
    cli_ok(home, "add", "1", "/i 1 Opening", "first point", "second point")
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("up", "up", "f9")  # the first point, recalled
        await settle(pilot)
        flags = [e["confidential"] for e in stored_json(home, 1)["items"][0]["entries"]]
        assert flags == [True, False]
        assert "first point" not in export(home, "md", meeting="1").decode()
        await pilot.press("f9")  # no recall now: the last entry
        await settle(pilot)
        flags = [e["confidential"] for e in stored_json(home, 1)["items"][0]["entries"]]
        assert flags == [True, True]
        await pilot.press("ctrl+z")  # takes back the mark, not the line before it
        await settle(pilot)
        entries = stored_json(home, 1)["items"][0]["entries"]
        assert [(e["text"], e["confidential"]) for e in entries] == [
            ("first point", True),
            ("second point", False),
        ]
        status = str(app.screen.query_one("#capture-status").render())
        assert "Undid: confidential mark on line 'second point'" in status


def test_the_cli_export_leaves_confidential_entries_out(home: Home, tmp_path: Path) -> None:
    """Through `minutes export` as a user runs it, not only through the builder: every
    reading of the meeting the command uses must know what is confidential."""
    from tests.helpers import run_cli

    script = tmp_path / "c.minutes"
    script.write_text(
        "---\ntitle: Briefing\nbody: CWG\n---\n/i 1 Access\nOCHA: an open point\n"
        "!UNHCR: the confidential corridor point\n!/a the secret corridor action [OCHA]\n"
        "/a an open action [WFP]\n",
        "utf-8",
    )
    assert run_cli("import", str(script), home=home).returncode == 0
    out = tmp_path / "record.md"
    done = run_cli("export", "1", "--out", str(out), home=home)
    assert done.returncode == 0, done.stderr
    text = out.read_text("utf-8")
    assert "an open point" in text and "1. an open action" in text
    assert "corridor" not in text
    shown = run_cli("show", "1", "--json", home=home)
    items = json.loads(shown.stdout)["items"]
    flags = [e["confidential"] for item in items for e in item["entries"]]
    assert flags == [False, True]
