"""Teams and Zoom attendance reports → participants, matching people already known."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from minutes_tui.config import Home
from minutes_tui.importer.attendance import (
    AttendanceError,
    organisation_from_email,
    parse_attendance,
    parse_name,
)
from tests.helpers import FIXTURES, run_cli

TEAMS = FIXTURES / "attendance" / "teams.csv"
ZOOM = FIXTURES / "attendance" / "zoom.csv"


def test_teams_report_utf16_tabs_sections() -> None:
    people = parse_attendance(TEAMS.read_bytes())
    assert [(p.name, p.organisation) for p in people] == [
        ("Shon Campbell", "MIMU"),
        ("Mathew Richard", "UNHCR"),  # joined twice, listed once
        ("Lian Yong", None),  # a guest on a personal address: no organisation guessed
    ]


def test_zoom_report() -> None:
    people = parse_attendance(ZOOM.read_bytes())
    assert [(p.honorific, p.name, p.organisation) for p in people] == [
        ("Ms.", "Arafat Jamal", "UNHCR"),
        (None, "Kevin Hyland", "UNHCR"),
        (None, "Meritxell Relano", "UNICEF"),  # "Relano, Meritxell" turned round
    ]


def test_names_and_domains() -> None:
    parts = parse_name("Dr Craig Burgess (External)")
    assert (parts.honorific, parts.name) == ("Dr.", "Craig Burgess")
    assert organisation_from_email("x@who.int") == "WHO"
    assert organisation_from_email("x@field.unhcr.org") == "UNHCR"
    assert organisation_from_email("x@gmail.com") is None
    assert organisation_from_email("not an email") is None


def test_not_a_report() -> None:
    for raw in (b"", b"hello,world\n1,2\n", "\u0000\u0001".encode(), b"\xff\xfe\x00"):
        try:
            parse_attendance(raw)
        except AttendanceError as exc:
            assert "No attendance table" in str(exc)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.text(max_size=20), max_size=6), max_size=12), st.sampled_from([",", "\t"])
)
def test_any_table_reads_or_says_why(rows: list[list[str]], sep: str) -> None:
    header = sep.join(["Name", "Email", "Join Time"])
    body = "\n".join(sep.join(r) for r in rows)
    for raw in ((header + "\n" + body).encode("utf-8"), body.encode("utf-16")):
        try:
            people = parse_attendance(raw)
        except AttendanceError:
            continue
        assert all(p.name and p.name == p.name.strip() for p in people)
        assert len({p.name.casefold() for p in people}) == len(people)


def test_cli_attendance_matches_known_people(home: Home) -> None:
    assert (
        run_cli("new", "IM Network", "--body", "IM", "--date", "2020-02-04", home=home).returncode
        == 0
    )
    assert (
        run_cli(
            "add", "1", "/p Ms. Arafat Jamal, Representative, UNHCR (Chair)", home=home
        ).returncode
        == 0
    )
    assert (
        run_cli("new", "IM Network", "--from", "1", "--date", "2020-03-03", home=home).returncode
        == 0
    )
    done = run_cli("attendance", "2", str(ZOOM), home=home)
    assert done.returncode == 0, done.stderr
    assert "2 added, 1 already listed" in done.stdout
    people = json.loads(run_cli("show", "2", "--json", home=home).stdout)["participants"]
    jamal = next(p for p in people if p["name"] == "Arafat Jamal")
    assert (jamal["attendance"], jamal["role"], jamal["position"]) == (
        "present",
        "Chair",
        "Representative",
    )
    assert {p["name"]: p["organisation"] for p in people} == {
        "Arafat Jamal": "UNHCR",
        "Kevin Hyland": "UNHCR",
        "Meritxell Relano": "UNICEF",
    }
    bad = run_cli("attendance", "2", str(FIXTURES / "opag-session-vii.minutes"), home=home)
    assert bad.returncode == 1 and "No attendance table" in bad.stderr


def test_brackets_after_a_name_organisation_or_note() -> None:
    report = (
        b"Name (Original Name),User Email,Join Time\n"
        b"Amira Jamal (WHO),amira@gmail.com,1\n"  # an acronym: the organisation
        b"Lian Yong (she/her),lian@unicef.org,2\n"  # a pronoun note: dropped
        b"Tom Ngo (he/him) (Guest),,3\n"
        b"Ana Ruiz (they/them) (Save the Children),,4\n"  # a known organisation, any case
        b"Kim (Kim Lee-Park),kim@unhcr.org,5\n"  # Zoom's original name: the real name
        b"Bo Chan (External),bo@nrc.no,6\n"
    )
    assert [(p.name, p.organisation) for p in parse_attendance(report)] == [
        ("Amira Jamal", "WHO"),
        ("Lian Yong", "UNICEF"),
        ("Tom Ngo", None),
        ("Ana Ruiz", "Save the Children"),
        ("Kim Lee-Park", "UNHCR"),
        ("Bo Chan", "NRC"),
    ]


def test_emails_are_never_names() -> None:
    report = (
        b"Name,Email,Join Time\n"
        b"amira.jamal@who.int,,1\n"  # nothing but an e-mail: no name to keep
        b"Lian Yong <lian.yong@unicef.org>,,2\n"  # the organisation from its domain
        b"Tom Ngo tom@gmail.com,tom@iom.int,3\n"  # the Email column first, as before
    )
    people = parse_attendance(report)
    assert [(p.name, p.organisation) for p in people] == [
        ("Lian Yong", "UNICEF"),
        ("Tom Ngo", "IOM"),
    ]
    assert not any("@" in p.name for p in people)


def test_names_chosen_by_attendees_carry_no_terminal_escapes() -> None:
    report = b'Name,Email,Join Time\n"Amira\x1b]0;pwned\x07 Jam\x1b[2Jal (W\x1b[31mHO)",,\x1b[2J1\n'
    [person] = parse_attendance(report)
    assert (person.name, person.organisation, person.joined) == ("Amira Jamal", "WHO", "1")
