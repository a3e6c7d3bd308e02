"""Circulation: addresses on participants, `minutes circulate` writing an .eml draft (for
comments by a date, or the final record with its hashes), SMTP where configured, and the
meeting's history keeping each circulation."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import json
import socket
import threading
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest

from minutes_tui.capture import parse_line
from minutes_tui.domain.entries import NewParticipants
from minutes_tui.importer.attendance import parse_attendance
from tests.helpers import FIXTURES, run_cli, settle

TITLE = "Operational Policy and Advocacy Group"


def _meeting(home: Path) -> str:
    made = run_cli(
        "new",
        TITLE,
        "--body",
        "IASC OPAG",
        "--session",
        "Session VII",
        "--date",
        "2024-05-10",
        home=home,
    )
    assert made.returncode == 0, made.stderr
    meeting = made.stdout.strip()
    added = run_cli(
        "add",
        meeting,
        "/p Ms. Amal Haddad, Head of Secretariat, OCHA <haddad@un.org> (chair)",
        "/p WFP: Mr. John Doe (member) <doe@wfp.org>; Ms. Jane Roe",
        "/i 1 Data responsibility",
        "OCHA: outlined the concept of data responsibility",
        "/a Finalize the guidance [RG1] by 2024-06-01",
        home=home,
    )
    assert added.returncode == 0, added.stderr
    return meeting


def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str) -> None:
    """A config folder holding this config.toml, for this test's commands."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(toml)
    monkeypatch.setenv("MINUTES_CONFIG_DIR", str(config))


def _read_eml(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _bodies(message: EmailMessage) -> tuple[str, str]:
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    return plain.get_content(), html.get_content()


def _attachments(message: EmailMessage) -> dict[str, bytes]:
    return {
        part.get_filename() or "": part.get_payload(decode=True)
        for part in message.iter_attachments()
    }


# ---- the grammar: "<name@org.int>" ends a participant --------------------------------


@pytest.mark.parametrize(
    ("line", "email_address", "role"),
    [
        ("/p Ms. Amal Haddad, Head, OCHA <haddad@un.org>", "haddad@un.org", None),
        ("/p Ms. Amal Haddad, Head, OCHA <haddad@un.org> (chair)", "haddad@un.org", "Chair"),
        ("/p Ms. Amal Haddad, Head, OCHA (chair) <haddad@un.org>", "haddad@un.org", "Chair"),
        ("/p Ms. Amal Haddad, Head, OCHA (chair)", None, "Chair"),
    ],
)
def test_a_participant_carries_an_address(
    line: str, email_address: str | None, role: str | None
) -> None:
    entry = parse_line(line)
    assert isinstance(entry, NewParticipants)
    (person,) = entry.people
    assert (person.name, person.organisation) == ("Amal Haddad", "OCHA")
    assert person.email == email_address
    assert person.role == role
    assert not entry.warnings


def test_each_of_a_group_has_its_own_address() -> None:
    entry = parse_line("/p WFP: Mr. John Doe <doe@wfp.org>; Ms. Jane Roe")
    assert isinstance(entry, NewParticipants)
    assert [(p.name, p.email) for p in entry.people] == [
        ("John Doe", "doe@wfp.org"),
        ("Jane Roe", None),
    ]


def test_something_that_is_not_an_address_is_said_and_kept() -> None:
    entry = parse_line("/p Mr. Bad, Officer, UNHCR <not an address@>")
    assert isinstance(entry, NewParticipants)
    (person,) = entry.people
    assert person.email is None
    assert "<not an address@>" in (person.organisation or "") + (person.position or "")
    assert any("not an e-mail address" in w for w in entry.warnings)


def test_an_attendance_report_keeps_the_addresses() -> None:
    attendees = parse_attendance((FIXTURES / "attendance" / "zoom.csv").read_bytes())
    by_name = {a.name: a.email for a in attendees}
    assert by_name["Kevin Hyland"] == "hyland@unhcr.org"
    assert by_name["Arafat Jamal"] == "jamal@unhcr.org"


# ---- minutes circulate --for-comments ------------------------------------------------


def test_a_draft_goes_out_for_comments(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    done = run_cli(
        "circulate",
        meeting,
        "--for-comments",
        "--by",
        "2024-05-20",
        "--to",
        "cochair@org.int",
        "--out",
        out,
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip())
    assert path.parent == out and path.suffix == ".eml"
    message = _read_eml(path)
    assert [str(a.addr_spec) for a in message["To"].addresses] == [
        "haddad@un.org",
        "doe@wfp.org",
        "cochair@org.int",
    ]
    assert TITLE in message["Subject"] and "for comments by 20 May 2024" in message["Subject"]
    assert message["X-Unsent"] == "1"
    plain, html = _bodies(message)
    assert "20 May 2024" in plain and "20 May 2024" in html
    ((name, payload),) = _attachments(message).items()
    assert name.endswith(".docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(payload)).paragraphs)
    assert "outlined the concept of data responsibility" in text

    shown = json.loads(run_cli("show", meeting, "--json", home=tmp_path).stdout)
    (event,) = shown["history"]
    assert event["kind"] == "circulated" and event["reason"] == "for comments"
    assert event["due"] == "2024-05-20"
    assert event["recipients"] == ["haddad@un.org", "doe@wfp.org", "cochair@org.int"]


def test_a_confidential_line_never_goes_out(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    run_cli("add", meeting, "!UNHCR: the name of the informant", home=tmp_path)
    done = run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-20", home=tmp_path)
    assert done.returncode == 0, done.stderr
    message = _read_eml(Path(done.stdout.strip()))
    (payload,) = _attachments(message).values()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(payload)).paragraphs)
    assert "informant" not in text


def test_a_second_draft_never_replaces_the_first(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    first = run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-20", home=tmp_path)
    kept = Path(first.stdout.strip())
    kept.write_bytes(b"edited by hand")
    second = run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-27", home=tmp_path)
    assert second.returncode == 0, second.stderr
    assert Path(second.stdout.strip()) != kept
    assert kept.read_bytes() == b"edited by hand"
    shown = json.loads(run_cli("show", meeting, "--json", home=tmp_path).stdout)
    assert [e["due"] for e in shown["history"]] == ["2024-05-20", "2024-05-27"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--for-comments"], "needs --by"),
        (["--final"], "is a draft"),
        (["--for-comments", "--by", "2024-05-20", "--to", "not-an-address"], "not an e-mail"),
        (["--for-comments", "--by", "2024-05-09"], "before the meeting of 10 May 2024"),
    ],
)
def test_what_cannot_go_out_is_one_sentence_and_nothing_changes(
    tmp_path: Path, args: list[str], says: str
) -> None:
    meeting = _meeting(tmp_path)
    done = run_cli("circulate", meeting, *args, home=tmp_path)
    assert done.returncode != 0
    assert says in done.stderr and "Traceback" not in done.stderr
    assert list((tmp_path / "exports").glob("*.eml")) == []
    assert json.loads(run_cli("show", meeting, "--json", home=tmp_path).stdout)["history"] == []


def test_comments_due_before_the_meeting_are_a_usage_error(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)  # held on 2024-05-10
    done = run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-09", home=tmp_path)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    same_day = run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-10", home=tmp_path)
    assert same_day.returncode == 0, same_day.stderr


def test_nobody_to_send_to_is_said(tmp_path: Path) -> None:
    meeting = run_cli("new", "No addresses", "--date", "2024-05-10", home=tmp_path).stdout.strip()
    run_cli("add", meeting, "/p Ms. Jane Roe, Officer, WFP", home=tmp_path)
    done = run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-20", home=tmp_path)
    assert done.returncode == 1
    assert "Nobody to send it to" in done.stderr
    assert list((tmp_path / "exports").glob("*.eml")) == []


def test_the_body_list_from_the_config_is_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(
        tmp_path,
        monkeypatch,
        '[circulation]\nfrom = "secretariat@opag.org"\n'
        '[circulation.lists]\n"IASC OPAG" = ["members@opag.org", "haddad@un.org"]\n',
    )
    meeting = _meeting(tmp_path)
    done = run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-20", home=tmp_path)
    message = _read_eml(Path(done.stdout.strip()))
    assert [str(a.addr_spec) for a in message["To"].addresses] == [
        "haddad@un.org",
        "doe@wfp.org",
        "members@opag.org",
    ]
    assert str(message["From"]) == "secretariat@opag.org"


def test_redacted_exports_never_show_an_address(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    for fmt in ("md", "docx"):
        out = tmp_path / f"redacted.{fmt}"
        done = run_cli("export", meeting, "--format", fmt, "--redact", "--out", out, home=tmp_path)
        assert done.returncode == 0, done.stderr
        raw = out.read_bytes()
        if fmt == "docx":
            raw = "\n".join(p.text for p in docx.Document(out).paragraphs).encode()
        assert b"haddad@un.org" not in raw and b"doe@wfp.org" not in raw


# ---- minutes circulate --final --------------------------------------------------------


def test_the_final_record_goes_out_with_its_hashes(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    assert run_cli("finalize", meeting, "--no-pdf", home=tmp_path).returncode == 0
    refused = run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-20", home=tmp_path)
    assert refused.returncode == 1 and "is final" in refused.stderr
    done = run_cli("circulate", meeting, "--final", home=tmp_path)
    assert done.returncode == 0, done.stderr
    message = _read_eml(Path(done.stdout.strip()))
    attached = _attachments(message)
    assert sorted(Path(n).suffix for n in attached) == [".docx", ".md"]
    plain, _ = _bodies(message)
    for name, payload in attached.items():
        assert f"{name}  {hashlib.sha256(payload).hexdigest()}" in plain
    assert "final" in message["Subject"]
    history = json.loads(run_cli("show", meeting, "--json", home=tmp_path).stdout)["history"]
    assert history[-1]["reason"] == "final record" and history[-1]["version"] == 1


def test_a_changed_archived_file_is_not_sent(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    run_cli("finalize", meeting, "--no-pdf", home=tmp_path)
    (archived,) = (tmp_path / "archive").glob("*/v1/*.docx")
    archived.write_bytes(archived.read_bytes() + b"tampered")
    done = run_cli("circulate", meeting, "--final", home=tmp_path)
    assert done.returncode == 1 and "changed" in done.stderr
    assert list((tmp_path / "exports").glob("*.eml")) == []


# ---- sending by SMTP ------------------------------------------------------------------


class _Relay:
    """A minimal SMTP server on loopback: enough of RFC 5321 for smtplib to send one
    message (no STARTTLS: the client sends in clear only to a server on this machine)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received: list[tuple[list[str], bytes]] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn, conn.makefile("rb") as reader:

            def say(line: str) -> None:
                conn.sendall(line.encode() + b"\r\n")

            say("220 relay")
            rcpt: list[str] = []
            while line := reader.readline():
                verb = line.decode().strip()
                upper = verb.upper()
                if upper.startswith("EHLO"):
                    say("250-relay")
                    say("250 8BITMIME")
                elif upper.startswith(("MAIL", "RSET", "NOOP")):
                    say("250 ok")
                elif upper.startswith("RCPT"):
                    rcpt.append(verb.split(":", 1)[1].strip().strip("<>"))
                    say("250 ok")
                elif upper == "DATA":
                    say("354 go on")
                    data = b""
                    while (chunk := reader.readline()) != b".\r\n":
                        data += chunk
                    self.received.append((rcpt, data))
                    say("250 queued")
                elif upper == "QUIT":
                    say("221 bye")
                    return
                else:
                    say("502 no")


def test_send_hands_the_message_to_the_configured_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    relay = _Relay()
    _config(
        tmp_path,
        monkeypatch,
        '[circulation]\nfrom = "secretariat@opag.org"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {relay.port}\n',
    )
    meeting = _meeting(tmp_path)
    done = run_cli(
        "circulate", meeting, "--for-comments", "--by", "2024-05-20", "--send", home=tmp_path
    )
    assert done.returncode == 0, done.stderr
    relay.thread.join(5)
    ((rcpt, data),) = relay.received
    assert rcpt == ["haddad@un.org", "doe@wfp.org"]
    assert b"for comments by 20 May 2024" in data.replace(b"\r\n ", b" ")
    assert "sent to 2 recipients" in done.stderr


def test_a_password_in_the_config_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minutes_tui.config.settings import load_settings

    (tmp_path / "config.toml").write_text('[smtp]\nhost = "smtp.org"\npassword = "hunter2"\n')
    settings = load_settings(tmp_path)
    assert any("smtp.password is ignored" in p for p in settings.problems)
    assert "hunter2" not in repr(settings)


def test_a_user_without_a_password_is_told_where_to_put_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(
        tmp_path,
        monkeypatch,
        '[circulation]\nfrom = "me@opag.org"\n[smtp]\nhost = "127.0.0.1"\nport = 1\nuser = "me"\n',
    )
    monkeypatch.delenv("MINUTES_SMTP_PASSWORD", raising=False)
    meeting = _meeting(tmp_path)
    done = run_cli(
        "circulate", meeting, "--for-comments", "--by", "2024-05-20", "--send", home=tmp_path
    )
    assert done.returncode == 1
    assert "MINUTES_SMTP_PASSWORD" in done.stderr and "nothing was recorded" in done.stderr
    assert json.loads(run_cli("show", meeting, "--json", home=tmp_path).stdout)["history"] == []


# ---- where a circulation shows ---------------------------------------------------------


def test_the_meetings_list_and_the_final_history_show_a_circulation(tmp_path: Path) -> None:
    from minutes_tui.screens.record import history_markdown
    from minutes_tui.store.dbapi import file_snapshot
    from minutes_tui.store.load import load

    meeting = _meeting(tmp_path)
    other = run_cli("new", "Not circulated", home=tmp_path).stdout.strip()
    run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-20", home=tmp_path)
    listed = {
        m["id"]: m for m in json.loads(run_cli("list", "--json", home=tmp_path).stdout)["meetings"]
    }
    assert listed[int(meeting)]["circulated"] == "for comments until 2024-05-20"
    assert listed[int(other)]["circulated"] is None
    with file_snapshot(tmp_path / "db" / "minutes.sqlite") as snap:
        trail = history_markdown(load(snap, int(meeting)))
    assert "circulated: for comments until 20 May 2024, to 2 addresses" in trail


async def test_the_capture_header_says_the_record_is_out_for_comments(tmp_path: Path) -> None:
    from minutes_tui.app import MinutesApp
    from minutes_tui.config import Home

    meeting = _meeting(tmp_path)
    run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-20", home=tmp_path)
    app = MinutesApp(Home(tmp_path), open_meeting=int(meeting))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        heading = str(app.screen.query_one("#capture-heading").render())
    assert "✉ for comments until 20 May 2024" in heading


async def test_ctrl_o_circulates_from_the_capture_screen(tmp_path: Path) -> None:
    from textual.widgets import Input

    from minutes_tui.app import MinutesApp
    from minutes_tui.config import Home

    meeting = _meeting(tmp_path)
    app = MinutesApp(Home(tmp_path), open_meeting=int(meeting))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        due = app.screen.query_one("#circulate-due", Input)
        due.value = "yesterday"
        await pilot.press("enter")
        await settle(pilot)
        assert "is not a date" in str(app.screen.query_one("#circulate-result").render())
        due.value = "2999-05-20"
        app.screen.query_one("#circulate-to", Input).value = "cochair@org.int"
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if app.screen.id != "_default" and not app.screen.query("#circulate-dialog"):
                break
        await settle(pilot)
        heading = str(app.screen.query_one("#capture-heading").render())
        assert "✉ for comments until 20 May 2999" in heading
    (written,) = (tmp_path / "exports").glob("*.eml")
    message = _read_eml(written)
    assert (
        "cochair@org.int" in message["To"] and "for comments by 20 May 2999" in message["Subject"]
    )


async def test_ctrl_o_offers_and_asks_a_due_date_after_the_meeting(tmp_path: Path) -> None:
    from textual.widgets import Input

    from minutes_tui.app import MinutesApp
    from minutes_tui.config import Home

    meeting = _meeting(tmp_path)
    assert run_cli("edit", meeting, "--date", "2998-03-01", home=tmp_path).returncode == 0
    app = MinutesApp(Home(tmp_path), open_meeting=int(meeting))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        due = app.screen.query_one("#circulate-due", Input)
        assert due.value == "2998-03-08"  # a week after the meeting still to come
        due.value = "2998-02-27"
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            said = str(app.screen.query_one("#circulate-result").render())
            if said.strip():
                break
        assert "before the meeting of 1 March 2998" in said, said
    assert list((tmp_path / "exports").glob("*.eml")) == []


# ---- what an attacker tried (adversarial pass on this round) ---------------------------

INJECTIONS = [
    "a@=?utf-8?q?b.org=0D=0ABcc:_spy=40evil.example=0D=0AX-A:_?=.org",  # CR/LF → a Bcc
    "x@=?utf-8?q?list.org=2C_spy=40evil.example?=",  # a second recipient, encoded
    "x@evil.org(",  # a comment that swallows the next address
    "a:b@evil.org",  # a group
    "=?utf-8?q?x=22=2C_y=40evil.org?=@b.org",  # a quote that breaks the To header
    "ü@b.org",  # non-ASCII: rewritten as an encoded word
]


@pytest.mark.parametrize("address", INJECTIONS)
def test_an_address_that_could_add_a_recipient_is_refused(tmp_path: Path, address: str) -> None:
    meeting = _meeting(tmp_path)
    done = run_cli(
        "circulate",
        meeting,
        "--for-comments",
        "--by",
        "2024-05-20",
        "--to",
        address,
        home=tmp_path,
    )
    assert done.returncode == 1 and "not an e-mail address" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert list((tmp_path / "exports").glob("*.eml")) == []
    entry = parse_line(f"/p Mr. Eve Mallory, Officer, WFP <{address}>")
    assert isinstance(entry, NewParticipants)
    assert all(p.email is None for p in entry.people)


def test_a_listed_address_that_could_add_a_recipient_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(tmp_path, monkeypatch, f'[circulation.lists]\n"IASC OPAG" = ["{INJECTIONS[0]}"]\n')
    meeting = _meeting(tmp_path)
    done = run_cli("circulate", meeting, "--for-comments", "--by", "2024-05-20", home=tmp_path)
    assert done.returncode == 1 and "not an e-mail address" in done.stderr
    assert list((tmp_path / "exports").glob("*.eml")) == []


def test_a_draft_never_goes_into_the_database_folder(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    done = run_cli(
        "circulate",
        meeting,
        "--for-comments",
        "--by",
        "2024-05-20",
        "--out",
        tmp_path / "db",
        home=tmp_path,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert list((tmp_path / "db").glob("*.eml")) == []


def test_sending_needs_a_sender_and_a_password_in_the_file_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(tmp_path, monkeypatch, '[smtp]\nhost = "127.0.0.1"\nport = 1\npassword = "hunter2"\n')
    meeting = _meeting(tmp_path)
    done = run_cli(
        "circulate", meeting, "--for-comments", "--by", "2024-05-20", "--send", home=tmp_path
    )
    assert done.returncode == 1 and "[circulation] from" in done.stderr
    assert "smtp.password is ignored" in done.stderr and "hunter2" not in done.stderr
    assert list((tmp_path / "exports").glob("*.eml")) == []
