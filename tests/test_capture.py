"""The capture grammar (docs/capture-grammar.md): one row, one test; then the hard cases,
speed, and Hypothesis properties (never raises, always validates, text is always kept)."""

import dataclasses
import datetime as dt
import re
from collections import Counter
from typing import Annotated, Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import Field, TypeAdapter

from minutes_tui.capture import CaptureContext, clean_text, parse_line
from minutes_tui.domain.entries import (
    ActionReview,
    Blank,
    Entry,
    NewAction,
    NewItem,
    NewParticipants,
    NewSubItem,
    NextMeeting,
    Note,
    PersonSpec,
)

CTX = CaptureContext(
    speakers=frozenset({"Arafat Jamal", "Jamal", "Ms. Jamal", "UNHCR", "Save the Children"}),
    organisations=frozenset({"UNHCR", "Save the Children", "Norwegian Refugee Council"}),
)
ENTRY = TypeAdapter(Annotated[Entry, Field(discriminator="kind")])
_HHMM_RE = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")


def fields(entry: Any) -> dict[str, Any]:
    """The parsed entry as a plain dict, for compact expectations."""
    return dataclasses.asdict(entry)


def person(**kw: Any) -> dict[str, Any]:
    return dataclasses.asdict(PersonSpec(**kw))


def validated(entry: Entry) -> Entry:
    """The entry rebuilt from its fields through pydantic (every type and closed set
    checked), plus the checks the entry types leave to the grammar: an action number or
    reference of 1 or more, a next-meeting time as HH:MM."""
    if isinstance(entry, ActionReview):
        assert entry.number is None or entry.number >= 1, entry
        assert entry.action_id is None or entry.action_id >= 1, entry
    if isinstance(entry, NextMeeting) and entry.time is not None:
        assert _HHMM_RE.fullmatch(entry.time), entry
    return ENTRY.validate_python(fields(entry))


# --------------------------------------------------------------------------------------
# Sanitising and blanks
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["", " ", "\t", "   \t  ", "\x00", "\n\r", "\u3000", "\x85"])
def test_empty_or_whitespace_is_blank(line: str) -> None:
    assert parse_line(line) == Blank()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  text  ", "text"),
        ("a\tb", "a b"),  # tab too becomes a space
        ("a\x00b", "a b"),
        ("a\x07\x1b[31mb", "a b"),  # terminal escapes cannot reach the store: removed whole
        ("a\x1b]0;title\x07b", "ab"),  # an OSC sequence (retitles the window)
        ("a\x7fb\x85c\x9fd", "a b c d"),  # DEL and C1 controls
        ("a\nb\rc", "a b c"),
        ("x\ud800y", "x\ufffdy"),  # lone high surrogate
        ("x\udfffy", "x\ufffdy"),  # lone low surrogate
        ("\ud83d\ude00", "😀"),  # a valid pair is joined into its character
        ("\ude00\ud83d", "\ufffd\ufffd"),  # the wrong way round: both lone
        ("a  b", "a  b"),  # internal spacing is kept exactly
        ("<b>x</b> | `y` &amp;", "<b>x</b> | `y` &amp;"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


# --------------------------------------------------------------------------------------
# Notes and speakers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        ("The meeting opened at 10:00.", None, "The meeting opened at 10:00."),
        ("UNHCR: welcomed the report", "UNHCR", "welcomed the report"),
        ("WFP: noted the gap", "WFP", "noted the gap"),  # acronym, not in the context
        ("UN-HABITAT: presented", "UN-Habitat", "presented"),  # the directory's short name
        ("UN HABITAT: presented", "UN-Habitat", "presented"),
        ("InterAction: noted", "InterAction", "noted"),
        ("Interaction: with communities is key", None, "Interaction: with communities is key"),
        ("Save the Children: raised", "Save the Children", "raised"),
        ("Co-Chairs: welcomed", "Co-Chairs", "welcomed"),
        ("GDPR: applies", None, "GDPR: applies"),  # unknown acronym: text, with a hint
        ("COVID-19: cases rose", None, "COVID-19: cases rose"),
        ("PSEA: focal points", None, "PSEA: focal points"),
        ("RG3: reported back", None, "RG3: reported back"),  # known only once in the meeting
        ("IFRC : spacing before the colon", "IFRC", "spacing before the colon"),
        ("UNHCR/IOM: joint statement", "UNHCR/IOM", "joint statement"),
        ("Note: x", None, "Note: x"),  # not known, not an acronym
        ("http://x", None, "http://x"),
        ("HTTP://X", None, "HTTP://X"),  # a colon must be followed by a space
        ("10:30 resumed", None, "10:30 resumed"),
        ("NB: check the figures", None, "NB: check the figures"),  # a label, not a speaker
        ("ACTION: see below", None, "ACTION: see below"),
        ("A: one capital is not an acronym", None, "A: one capital is not an acronym"),
        ("UNHCR:", None, "UNHCR:"),  # a name with nothing said is kept as typed
        ("Ms. Jamal: text", None, "Ms. Jamal: text"),  # known only through a context
        ("@Jamal text", "Jamal", "text"),
        ("@Arafat Jamal text", "Arafat", "Jamal text"),  # no context: the first word
        ("@Jamal: text", "Jamal", "text"),
        ("@Jamal, text", "Jamal", "text"),
        ("@ text", None, "@ text"),
        ("@Jamal", None, "@Jamal"),
        ("@: text", None, "@: text"),
    ],
)
def test_notes_without_context(line: str, speaker: str | None, text: str) -> None:
    entry = parse_line(line)
    assert isinstance(entry, Note)
    assert (entry.speaker, entry.text, entry.note_kind) == (speaker, text, "point")


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        ("Ms. Jamal: opened the meeting", "Ms. Jamal", "opened the meeting"),
        ("ms. jamal: any case", "Ms. Jamal", "any case"),  # the known form is returned
        ("Jamal: spoke", "Jamal", "spoke"),
        ("Arafat  Jamal: spacing", "Arafat Jamal", "spacing"),
        ("Mr Jamal: another honorific", "Mr Jamal", "another honorific"),
        ("Save the Children: not an acronym", "Save the Children", "not an acronym"),
        (
            "Norwegian Refugee Council: organisations speak",
            "Norwegian Refugee Council",
            "organisations speak",
        ),
        ("unhcr: lower case", "UNHCR", "lower case"),
        ("Unknown Person: stays text", None, "Unknown Person: stays text"),
        ("@Arafat Jamal text", "Arafat Jamal", "text"),  # the longest known form
        ("@arafat jamal: text", "Arafat Jamal", "text"),
        ("@Ms. Jamal text", "Ms. Jamal", "text"),
        ("@Jamal text", "Jamal", "text"),
        ("@Save the Children said", "Save the Children", "said"),
        ("@Arafat Jamalx text", "Arafat", "Jamalx text"),  # whole words only
    ],
)
def test_notes_with_context(line: str, speaker: str | None, text: str) -> None:
    assert fields(parse_line(line, CTX)) == fields(Note(speaker=speaker, text=text))


def test_a_long_prefix_is_never_a_speaker() -> None:
    prefix = "A" * 81
    assert parse_line(f"{prefix}: text").speaker is None
    assert parse_line(f"{'A' * 80}: text").speaker is None  # not known either


def test_an_unknown_acronym_says_how_to_attribute_it() -> None:
    entry = parse_line("GDPR: applies to the registration data")
    assert isinstance(entry, Note) and entry.speaker is None
    assert entry.warnings and "/p GDPR" in entry.warnings[0] and "@GDPR" in entry.warnings[0]
    known = CaptureContext(speakers=frozenset({"RG3"}), organisations=frozenset({"RG3"}))
    assert parse_line("RG3: reported back", known).speaker == "RG3"


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        ('@"Save the Children" raised five points', "Save the Children", "raised five points"),
        ("@Save the Children: raised five points", "Save the Children", "raised five points"),
        ("@Friends of the Earth: spoke", "Friends of the Earth", "spoke"),
        ("@Save the Children raised five points", "Save the Children", "raised five points"),
    ],
)
def test_at_names_a_speaker_of_several_words(line: str, speaker: str, text: str) -> None:
    assert fields(parse_line(line)) == fields(Note(speaker=speaker, text=text))


@pytest.mark.parametrize(
    ("line", "note_kind", "speaker", "text"),
    [
        ("/d The group agreed", "decision", None, "The group agreed"),
        ("/decision UNHCR: will lead", "decision", "UNHCR", "will lead"),
        ("/D upper case", "decision", None, "upper case"),
        ("/k Funding is short", "key_message", None, "Funding is short"),
        ("/key WFP: pipeline break in May", "key_message", "WFP", "pipeline break in May"),
        ("/keymessage @Jamal access matters", "key_message", "Jamal", "access matters"),
    ],
)
def test_decisions_and_key_messages(
    line: str, note_kind: str, speaker: str | None, text: str
) -> None:
    expected = Note(note_kind=note_kind, speaker=speaker, text=text)
    assert fields(parse_line(line)) == fields(expected)


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("\\/a text", "/a text"),
        ("\\UNHCR: no speaker detection", "UNHCR: no speaker detection"),
        ("\\@Jamal text", "@Jamal text"),
        ("\\\\double", "\\double"),
        ("\\", "\\"),  # a lone backslash is kept rather than lost
        ("  \\/p  leading space ", "/p  leading space"),
    ],
)
def test_escape(line: str, text: str) -> None:
    assert fields(parse_line(line, CTX)) == fields(Note(text=text))


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("/x foo", "unknown command /x"),
        ("/xyz", "unknown command /xyz"),
        ("/actions plural is not a command", "unknown command /actions"),
        ("/a", "/a needs the action text"),
        ("/action   ", "/action needs the action text"),
        ("/a [UNHCR] by 2020-08-31", "/a needs the action text"),
        ("/s", "/s needs some text"),
        ("/i", "/i needs a title"),
        ("/p", "/p needs a name or an organisation"),
        ("/d", "/d needs some text"),
        ("/k", "/k needs some text"),
        ("/n", "/n needs a date, a time or some text"),
        ("/u", "/u needs an action number"),
        ("/u done", "/u needs an action number"),
        ("/u 3", "/u 3 needs a status"),
        ("/u 0 done", "0 is not an action number"),
        ("/u 1234567890 done", "1234567890 is not an action number"),
    ],
)
def test_unknown_or_incomplete_commands_become_notes(line: str, why: str) -> None:
    entry = parse_line(line)
    assert isinstance(entry, Note)
    assert (entry.note_kind, entry.speaker, entry.text) == ("point", None, line.strip())
    assert len(entry.warnings) == 1
    assert entry.warnings[0].startswith(why)
    assert entry.warnings[0].endswith("kept as a note")


@pytest.mark.parametrize("line", ["/", "//", "/ a", "/usr/bin is the path", "/a/b", "/a: x", "/1"])
def test_slash_without_a_command_word_is_a_plain_note(line: str) -> None:
    assert fields(parse_line(line)) == fields(Note(text=line))


# --------------------------------------------------------------------------------------
# Items
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label", "title"),
    [
        ("/i 7.1 Funding update", "7.1", "Funding update"),
        ("/i 7.1. Funding update", "7.1", "Funding update"),  # trailing dot dropped
        ("/i 2 Adoption of the agenda", "2", "Adoption of the agenda"),
        ("/i 2. Adoption", "2", "Adoption"),
        ("/i 3 - Budget", "3", "Budget"),
        ("/item 10.2.1 Deep numbering", "10.2.1", "Deep numbering"),
        ("/I 4 Upper-case command", "4", "Upper-case command"),
        ("/i AOB", "AOB", "Any other business"),
        ("/i aob", "AOB", "Any other business"),
        ("/i AOB Visit of the ERC", "AOB", "Visit of the ERC"),
        ("/i Welcome and introductions", None, "Welcome and introductions"),
        ("/i 7.1a is not a label", None, "7.1a is not a label"),
        ("/i AOBX is not a label", None, "AOBX is not a label"),
    ],
)
def test_items(line: str, label: str | None, title: str) -> None:
    assert fields(parse_line(line)) == fields(NewItem(label=label, title=title))


def test_item_with_a_label_but_no_title_warns() -> None:
    entry = parse_line("/i 7.1")
    assert isinstance(entry, NewItem)
    assert (entry.label, entry.title) == ("7.1", "")
    assert entry.warnings == ["item 7.1 has no title"]


# --------------------------------------------------------------------------------------
# Participants
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("/p Arafat Jamal", [person(name="Arafat Jamal")]),
        ("/p Ms. Arafat Jamal", [person(honorific="Ms.", name="Arafat Jamal")]),
        ("/p Ms Jamal", [person(honorific="Ms.", name="Jamal")]),
        ("/p mr jamal", [person(honorific="Mr.", name="jamal")]),
        ("/p Mrs. A", [person(honorific="Mrs.", name="A")]),
        ("/p Dr B", [person(honorific="Dr.", name="B")]),
        ("/p Prof. C", [person(honorific="Prof.", name="C")]),
        ("/p H.E. D", [person(honorific="H.E.", name="D")]),
        ("/p H.E D", [person(honorific="H.E.", name="D")]),
        ("/p HE Mr. E", [person(honorific="H.E. Mr.", name="E")]),
        ("/p He Yafei", [person(name="He Yafei")]),  # a family name, not "H.E."
        ("/p Professor F", [person(name="Professor F")]),
        # two parts: acronym or known organisation -> organisation; else position
        ("/p Ms. Jamal, UNHCR", [person(honorific="Ms.", name="Jamal", organisation="UNHCR")]),
        # Known to the shipped directory: its short name, as the organisation.
        ("/p Jamal, UN-HABITAT", [person(name="Jamal", organisation="UN-Habitat")]),
        ("/p Jamal, Save the Children", [person(name="Jamal", organisation="Save the Children")]),
        ("/p Jamal, Friends of the Earth", [person(name="Jamal", position="Friends of the Earth")]),
        ("/p Jamal, Head of Office", [person(name="Jamal", position="Head of Office")]),
        # three or more parts: name, position(s), organisation
        (
            "/p Ms. Jamal, Head of Office, UNHCR",
            [
                person(
                    honorific="Ms.", name="Jamal", position="Head of Office", organisation="UNHCR"
                )
            ],
        ),
        (
            "/p Jamal, Head, Sub-Office, Cox's Bazar, Save the Children",
            [
                person(
                    name="Jamal",
                    position="Head, Sub-Office, Cox's Bazar",
                    organisation="Save the Children",
                )
            ],
        ),
        # role and attendance
        ("/p Jamal (chair)", [person(name="Jamal", role="Chair")]),
        ("/p Jamal (Co-Chair)", [person(name="Jamal", role="Co-Chair")]),
        ("/p Jamal (co chair)", [person(name="Jamal", role="Co-Chair")]),
        (
            "/p Jamal (presenter, apologies)",
            [person(name="Jamal", role="Presenter", attendance="apologies")],
        ),
        (
            "/p Jamal (SECRETARIAT absent)",
            [person(name="Jamal", role="Secretariat", attendance="absent")],
        ),
        ("/p Jamal (expected)", [person(name="Jamal", attendance="expected")]),
        ("/p Jamal (observer)", [person(name="Jamal", role="Observer")]),
        ("/p Jamal (member, present)", [person(name="Jamal", role="Member")]),
        ("/p Jamal (rapporteur)", [person(name="Jamal", role="Rapporteur")]),
        (
            "/p Ms. Jamal, Representative, UNHCR (chair)",
            [
                person(
                    honorific="Ms.",
                    name="Jamal",
                    position="Representative",
                    organisation="UNHCR",
                    role="Chair",
                )
            ],
        ),
        # a parenthesis with no role word is part of the text
        (
            "/p Jamal, Head of Office (Cox's Bazar)",
            [person(name="Jamal", position="Head of Office (Cox's Bazar)")],
        ),
        (
            "/p Jamal, Head (Cox's Bazar, BD), UNHCR",
            [person(name="Jamal", position="Head (Cox's Bazar, BD)", organisation="UNHCR")],
        ),
        # organisation alone
        ("/p UNHCR", [person(organisation="UNHCR")]),
        ("/p UNHCR (observer)", [person(organisation="UNHCR", role="Observer")]),
        # several people
        (
            "/p A, UNHCR; B, WFP",
            [person(name="A", organisation="UNHCR"), person(name="B", organisation="WFP")],
        ),
        ("/p A; ; B;", [person(name="A"), person(name="B")]),
    ],
)
def test_participants(line: str, people: list[dict[str, Any]]) -> None:
    entry = parse_line(line)
    assert isinstance(entry, NewParticipants), entry
    assert [dataclasses.asdict(p) for p in entry.people] == people
    assert entry.warnings == []


def test_participants_known_organisation_from_context() -> None:
    entry = parse_line("/p Jamal, save the children", CTX)
    assert isinstance(entry, NewParticipants)
    assert entry.people == [PersonSpec(name="Jamal", organisation="Save the Children")]
    entry = parse_line("/p Norwegian Refugee Council", CTX)
    assert isinstance(entry, NewParticipants)
    assert entry.people == [PersonSpec(organisation="Norwegian Refugee Council")]


@pytest.mark.parametrize(
    ("line", "people"),
    [
        (
            "/p UNHCR: Ms. A; Mr. B",
            [
                person(honorific="Ms.", name="A", organisation="UNHCR"),
                person(honorific="Mr.", name="B", organisation="UNHCR"),
            ],
        ),
        (
            "/p WFP: Jamal, Country Director (presenter); Ali, Logistics Officer, Dhaka",
            [
                person(
                    name="Jamal", position="Country Director", organisation="WFP", role="Presenter"
                ),
                person(name="Ali", position="Logistics Officer, Dhaka", organisation="WFP"),
            ],
        ),
        ("/p Save the Children: Jamal", [person(name="Jamal", organisation="Save the Children")]),
        ("/p UNHCR:", [person(organisation="UNHCR")]),
        ("/p UNHCR: (observer)", [person(organisation="UNHCR", role="Observer")]),
    ],
)
def test_participants_group_form(line: str, people: list[dict[str, Any]]) -> None:
    entry = parse_line(line)
    assert isinstance(entry, NewParticipants), entry
    assert [dataclasses.asdict(p) for p in entry.people] == people


def test_participants_group_form_uses_the_known_spelling() -> None:
    entry = parse_line("/p unhcr: A", CTX)
    assert isinstance(entry, NewParticipants)
    assert entry.people == [PersonSpec(name="A", organisation="UNHCR")]


def test_honorific_then_colon_is_not_a_group() -> None:
    entry = parse_line("/p Ms. Jamal: UNHCR")
    assert isinstance(entry, NewParticipants)
    assert entry.people[0].organisation is None


def test_participant_unknown_paren_words_warn_and_are_named() -> None:
    entry = parse_line("/p Jamal (chair, via video)")
    assert isinstance(entry, NewParticipants)
    assert entry.people == [PersonSpec(name="Jamal", role="Chair")]
    assert len(entry.warnings) == 1
    assert "'via video'" in entry.warnings[0]


def test_participant_two_roles_keeps_the_first() -> None:
    entry = parse_line("/p Jamal (chair, presenter)")
    assert isinstance(entry, NewParticipants)
    assert entry.people[0].role == "Chair"
    assert entry.warnings == ["more than one role in (chair, presenter); kept Chair"]


def test_participant_without_a_name_is_a_note() -> None:
    entry = parse_line("/p (chair)")
    assert isinstance(entry, Note)
    assert entry.text == "/p (chair)"
    assert entry.warnings[-1] == "/p needs a name or an organisation; kept as a note"


@pytest.mark.parametrize("command", ["/p", "/participant", "/participants", "/P"])
def test_participant_long_forms(command: str) -> None:
    assert parse_line(f"{command} Jamal").kind == "participants"


# --------------------------------------------------------------------------------------
# Actions and sub-items
# --------------------------------------------------------------------------------------


def action(text: str, owners: list[str] | None = None, **kw: Any) -> dict[str, Any]:
    return fields(NewAction(text=text, owners=owners or [], **kw))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/a Draft the ToR", action("Draft the ToR")),
        ("/a Draft the ToR [UNHCR]", action("Draft the ToR", ["UNHCR"])),
        ("/a Draft [UNHCR; WFP]", action("Draft", ["UNHCR", "WFP"])),
        ("/a Draft [UNHCR, WFP ,IOM]", action("Draft", ["UNHCR", "WFP", "IOM"])),
        ("/a Draft [ UNHCR ;; WFP; ]", action("Draft", ["UNHCR", "WFP"])),
        ("/a Draft [*RG1 sub-group*]", action("Draft", ["RG1 sub-group"])),
        ("/a Draft [**UNHCR**; _WFP_]", action("Draft", ["UNHCR", "WFP"])),
        ("/a Draft [a] and [b]", action("Draft [a] and", ["b"])),  # the last group
        ("/a Review [the draft] report", action("Review [the draft] report")),  # not at the end
        (
            "/a Draft [UNHCR] by 2020-08-31",
            action("Draft", ["UNHCR"], due_date=dt.date(2020, 8, 31)),
        ),
        (
            "/a Draft [UNHCR] by 2020-08-31.",
            action("Draft", ["UNHCR"], due_date=dt.date(2020, 8, 31)),
        ),
        ("/a Draft [UNHCR] BY mid-August", action("Draft", ["UNHCR"], due_text="mid-August")),
        (
            "/a Draft [UNHCR] by the Principals' retreat",
            action("Draft", ["UNHCR"], due_text="the Principals' retreat"),
        ),
        ("/a Draft by 2020-08-31", action("Draft", due_date=dt.date(2020, 8, 31))),
        ("/a Draft by mid-August", action("Draft", due_text="mid-August")),
        ("/a Draft by end of August", action("Draft", due_text="end of August")),
        ("/a Draft by the end of Q3", action("Draft", due_text="the end of Q3")),
        ("/a Draft by the next meeting", action("Draft", due_text="the next meeting")),
        ("/a Draft by Friday", action("Draft", due_text="Friday")),
        ("/a Draft by 31 August 2020", action("Draft", due_text="31 August 2020")),
        ("/a Draft by early September", action("Draft", due_text="early September")),
        ("/a Draft by next week", action("Draft", due_text="next week")),
        ("/a Draft, by Friday", action("Draft", due_text="Friday")),
        (
            "/a Draft ToR by 2020-08-31 [UNHCR]",
            action("Draft ToR", ["UNHCR"], due_date=dt.date(2020, 8, 31)),
        ),
        ("/a To be endorsed by the Principals", action("To be endorsed by the Principals")),
        ("/a Endorsed by the Principals [IASC]", action("Endorsed by the Principals", ["IASC"])),
        (
            "/a To be endorsed by the Principals by end of August",
            action("To be endorsed by the Principals", due_text="end of August"),
        ),
        ("/a Share it by may", action("Share it by may")),  # lower-case "may" is not May
        (
            "/a Raise it by the Principals at their meeting in August",
            action("Raise it by the Principals at their meeting in August"),
        ),
        ("/a Draft by", action("Draft by")),
        ("/action Long form [X]", action("Long form", ["X"])),
    ],
)
def test_actions(line: str, expected: dict[str, Any]) -> None:
    assert fields(parse_line(line)) == expected


def test_action_empty_brackets_warn() -> None:
    entry = parse_line("/a Draft []")
    assert fields(entry) == action(
        "Draft", warnings=["empty owner brackets []; no owners recorded"]
    )
    entry = parse_line("/a Draft [ ; ** ]")
    assert isinstance(entry, NewAction)
    assert entry.owners == []
    assert len(entry.warnings) == 1


@pytest.mark.parametrize("line", ["/a Draft [UNHCR] by 2020-02-30", "/a Draft by 2020-02-30"])
def test_action_invalid_iso_date_is_due_text_with_warning(line: str) -> None:
    entry = parse_line(line)
    assert isinstance(entry, NewAction)
    assert (entry.due_date, entry.due_text) == (None, "2020-02-30")
    assert entry.warnings == ["2020-02-30 is not a calendar date; kept as due text"]


@pytest.mark.parametrize(
    ("line", "text", "owners"),
    [
        ("/s Check the figures", "Check the figures", []),
        ("/s Check the figures [RG3]", "Check the figures", ["RG3"]),
        ("/sub Check [RG3; RG4]", "Check", ["RG3", "RG4"]),
        ("/subitem Check [*Protection cluster*]", "Check", ["Protection cluster"]),
        ("/s Check [RG3] by Friday", "Check by Friday", ["RG3"]),  # no due field: kept
        ("/s Check [the] figures", "Check [the] figures", []),
    ],
)
def test_subitems(line: str, text: str, owners: list[str]) -> None:
    assert fields(parse_line(line)) == fields(NewSubItem(text=text, owners=owners))


def test_subitem_empty_brackets_warn() -> None:
    entry = parse_line("/s Check []")
    assert isinstance(entry, NewSubItem)
    assert (entry.text, entry.owners, len(entry.warnings)) == ("Check", [], 1)


# --------------------------------------------------------------------------------------
# Reviews and next meeting
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("pending", "pending"),
        ("in progress", "in_progress"),
        ("in-progress", "in_progress"),
        ("In Progress", "in_progress"),
        ("in_progress", "in_progress"),
        ("ongoing", "in_progress"),
        ("completed", "completed"),
        ("complete", "completed"),
        ("done", "completed"),
        ("DONE", "completed"),
        ("dropped", "dropped"),
        ("cancelled", "dropped"),
        ("canceled", "dropped"),
    ],
)
def test_review_status_spellings(word: str, status: str) -> None:
    entry = parse_line(f"/u 3 {word} report shared")
    assert fields(entry) == fields(ActionReview(number=3, status=status, text="report shared"))


@pytest.mark.parametrize(
    ("line", "number", "status", "text"),
    [
        ("/u 1 done", 1, "completed", ""),
        ("/update 12 pending: awaiting figures", 12, "pending", "awaiting figures"),
        ("/review 4 Done - circulated on 3 May", 4, "completed", "circulated on 3 May"),
        ("/U 5. dropped, overtaken by events", 5, "dropped", "overtaken by events"),
    ],
)
def test_reviews(line: str, number: int, status: str, text: str) -> None:
    assert fields(parse_line(line)) == fields(ActionReview(number=number, status=status, text=text))


def test_review_status_must_be_a_whole_word() -> None:
    # Not a status word: the whole rest is the progress note, the status stays as it is.
    assert parse_line("/u 3 doneish") == ActionReview(number=3, text="doneish")


def test_hash_names_the_register_reference_not_a_number() -> None:
    assert parse_line("/review #4 Done") == ActionReview(action_id=4, status="completed")


@pytest.mark.parametrize(
    ("line", "date", "time", "text", "warnings"),
    [
        ("/n 2020-09-15 10:00 Room 5", dt.date(2020, 9, 15), "10:00", "Room 5", 0),
        ("/n 2020-09-15", dt.date(2020, 9, 15), None, "", 0),
        ("/n 2020-9-5, 9:30, Geneva", dt.date(2020, 9, 5), "09:30", "Geneva", 0),
        (
            "/next 2020-09-15 at 14:00 by videoconference",
            dt.date(2020, 9, 15),
            "14:00",
            "by videoconference",
            0,
        ),
        ("/n 14:00 same room", None, "14:00", "same room", 0),
        ("/n to be confirmed", None, None, "to be confirmed", 0),
        ("/n 2020-09-15 14:00-16:00 Room 5", dt.date(2020, 9, 15), None, "14:00-16:00 Room 5", 0),
        ("/n 2020-13-01 Room 5", None, None, "2020-13-01 Room 5", 1),
        ("/n 2020-02-30 10:00", None, "10:00", "2020-02-30", 1),
        ("/n 2020-09-15 25:00", dt.date(2020, 9, 15), None, "25:00", 1),
    ],
)
def test_next_meeting(
    line: str, date: dt.date | None, time: str | None, text: str, warnings: int
) -> None:
    entry = parse_line(line)
    assert isinstance(entry, NextMeeting), entry
    assert (entry.date, entry.time, entry.text, len(entry.warnings)) == (date, time, text, warnings)


def test_next_meeting_malformed_date_warning_text() -> None:
    entry = parse_line("/n 2020-13-01")
    assert entry.warnings == ["2020-13-01 is not a calendar date; kept in the text"]


# --------------------------------------------------------------------------------------
# Hard cases: scripts, symbols, control characters, size
# --------------------------------------------------------------------------------------

ARABIC = "رحبت المفوضية بالتقرير وأكدت على أهمية الحماية"
BURMESE = "အစည်းအဝေးကို စတင်ဖွင့်လှစ်ခဲ့သည်"


@pytest.mark.parametrize(
    "text",
    [
        ARABIC,
        BURMESE,
        "👍🏽 agreed 🇺🇳",
        "a | b | c",
        "`code` and ``more``",
        "<script>alert(1)</script> &amp;",
    ],
)
def test_text_is_kept_verbatim(text: str) -> None:
    assert fields(parse_line(text)) == fields(Note(text=text))
    assert fields(parse_line(f"UNHCR: {text}")) == fields(Note(speaker="UNHCR", text=text))
    assert fields(parse_line(f"/d {text}")) == fields(Note(note_kind="decision", text=text))
    entry = parse_line(f"/a {text} [WFP]")
    assert isinstance(entry, NewAction)
    assert (entry.text, entry.owners) == (text, ["WFP"])


def test_right_to_left_text_in_every_field() -> None:
    entry = parse_line(f"/p {ARABIC}, UNHCR (chair)")
    assert isinstance(entry, NewParticipants)
    assert entry.people == [PersonSpec(name=ARABIC, organisation="UNHCR", role="Chair")]
    entry = parse_line(f"/i 3 {BURMESE}")
    assert fields(entry) == fields(NewItem(label="3", title=BURMESE))
    entry = parse_line(f"@{ARABIC.split()[0]} {BURMESE}")
    assert fields(entry) == fields(Note(speaker=ARABIC.split()[0], text=BURMESE))


def test_control_characters_nul_and_surrogates() -> None:
    entry = parse_line("UNHCR:\x00noted\ud800 the\x1b gap")
    assert fields(entry) == fields(Note(speaker="UNHCR", text="noted\ufffd the  gap"))
    entry = parse_line("/a\tDraft\x00[UNHCR]")
    assert fields(entry) == action("Draft", ["UNHCR"])
    assert parse_line("\ud800") == Note(text="\ufffd")
    assert parse_line("\x00\x01\x02") == Blank()


def test_results_never_contain_controls_or_surrogates() -> None:
    entry = parse_line("/p \ud800\x00A, UN\x85HCR (chair\x07)")
    assert entry.people == [PersonSpec(name="\ufffd A", position="UN HCR", role="Chair")]
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]", str(fields(entry)))


LONG = 10_000
BIG = 1_000_000


def _long_lines(size: int) -> list[str]:
    words = f"the UNHCR meeting [x] (chair) by 2020-08-31 ; , : {ARABIC} 😀 a:b "
    body = (words * (size // len(words) + 1))[:size]
    return [
        body,
        "UNHCR: " + body,
        "@Jamal " + body,
        "/a " + body + " [UNHCR] by 2020-08-31",
        "/p " + body,
        "/p UNHCR: " + body,
        "/s " + body,
        "/u 3 done " + body,
        "/n 2020-09-15 10:00 " + body,
        "/i 3 " + body,
        "/x " + body,
        "x" * size,
        "(" * size,
        "[" * size,
        " by" * (size // 3),
        "\x00" * size,
        "\ud800" * size,
        "/p " + ";" * size,
        "/a " + "]" * size,
    ]


def test_a_10000_character_line_is_read_whole() -> None:
    # Speed is measured by bench/grammar.py, not asserted here.
    for line in _long_lines(LONG):
        entry = parse_line(line, CTX)
        validated(entry)


def test_a_1mb_line_is_read() -> None:
    for big in _long_lines(BIG):
        entry = parse_line(big, CTX)
        assert entry.kind != "blank" or not clean_text(big)


def test_long_line_text_is_whole() -> None:
    body = "word " * 2000
    entry = parse_line("UNHCR: " + body)
    assert isinstance(entry, Note)
    assert entry.text == body.strip()


# --------------------------------------------------------------------------------------
# Properties (Hypothesis)
# --------------------------------------------------------------------------------------

# Every code point, including lone surrogates (Cs) and controls (Cc).
ANY_CHAR = st.characters(exclude_categories=())
NASTY_CHAR = st.characters(categories=["Cs", "Cc", "Zs", "Zl", "Zp", "Cf"])
FRAGMENTS = [
    "/a ",
    "/p ",
    "/u ",
    "/i ",
    "/s ",
    "/d ",
    "/k ",
    "/n ",
    "/x ",
    "/item ",
    "/review ",
    "UNHCR: ",
    "Ms. Jamal: ",
    "@",
    "@Arafat Jamal ",
    "[",
    "]",
    "[*",
    "*]",
    " by ",
    "by ",
    "\\",
    "(",
    ")",
    ";",
    ",",
    ":",
    " ",
    "chair",
    "apologies",
    "done",
    "in progress",
    "2020-08-31",
    "2020-02-30",
    "10:00",
    "25:99",
    "mid-August",
    "AOB",
    "7.1",
    "3",
    "0",
    "H.E. ",
    "Ms ",
    "#",
    "*",
    "\x00",
    "\t",
    "\ud800",
    "\udc00",
    "😀",
    "ق",
    "မ",
]
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=200)
LEADS = [
    "",
    "/a ",
    "/p ",
    "/p UNHCR: ",
    "/u 3 ",
    "/u 1 done ",
    "/u 2 In progress",
    "/i ",
    "/s ",
    "/d ",
    "/k ",
    "/n ",
    "/x ",
    "@",
    "\\",
]
GRAMMAR_TEXT = st.tuples(
    st.sampled_from(LEADS),  # start most lines with a command, so every kind is exercised
    st.lists(
        st.one_of(
            st.sampled_from(FRAGMENTS),
            st.text(alphabet=ANY_CHAR, max_size=6),
            st.text(alphabet=NASTY_CHAR, max_size=3),
        ),
        max_size=20,
    ),
).map(lambda parts: parts[0] + "".join(parts[1]))
# Well-formed command shapes with random pieces, so the deep paths (owners, roles, due
# dates, statuses, speakers) are exercised too, not only the fallbacks.
PIECE = st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ANY_CHAR, min_size=1, max_size=8))
PHRASE = st.lists(PIECE, min_size=1, max_size=5).map(" ".join)
LIST = st.lists(PHRASE, max_size=4)
ROLE_WORDS = st.lists(
    st.one_of(st.sampled_from(["chair", "co chair", "Apologies", "presenter", "absent"]), PIECE),
    max_size=3,
)
DUE = st.one_of(
    st.just(""),
    st.sampled_from([" by 2020-08-31", " by 2020-02-30", " by mid-August", " by end of Q3"]),
    PHRASE.map(lambda p: " by " + p),
)
PERSON = st.tuples(st.sampled_from(["", "Ms. ", "H.E. ", "dr "]), PHRASE, LIST, ROLE_WORDS).map(
    lambda t: t[0] + ", ".join([t[1], *t[2]]) + (f" ({', '.join(t[3])})" if t[3] else "")
)
SPEAKER = st.one_of(st.sampled_from(sorted(CTX.speakers | {"WFP", "UN-HABITAT"})), PHRASE)
STRUCTURED = st.one_of(
    st.tuples(PHRASE, LIST.map("; ".join), DUE).map(lambda t: f"/a {t[0]} [{t[1]}]{t[2]}"),
    st.tuples(PHRASE, LIST.map(", ".join), DUE).map(lambda t: f"/s {t[0]} [{t[1]}]{t[2]}"),
    st.lists(PERSON, min_size=1, max_size=3).map(lambda ps: "/p " + "; ".join(ps)),
    st.tuples(PHRASE, st.lists(PERSON, max_size=3)).map(lambda t: f"/p {t[0]}: {'; '.join(t[1])}"),
    st.tuples(
        st.integers(0, 10**12),
        st.sampled_from(["done", "in progress", "Cancelled", "ongoing", "pending", ""]),
        PHRASE,
    ).map(lambda t: f"/u {t[0]} {t[1]} {t[2]}"),
    st.tuples(
        st.sampled_from(["", "2020-09-15 ", "2020-13-01 ", "2020-9-5, "]),
        st.sampled_from(["", "10:00 ", "at 9:30 ", "25:00 ", "14:00-16:00 "]),
        PHRASE,
    ).map(lambda t: "/n " + "".join(t)),
    st.tuples(st.sampled_from(["", "7.1 ", "2. ", "AOB ", "aob"]), PHRASE).map(
        lambda t: "/i " + "".join(t)
    ),
    st.tuples(st.sampled_from(["", "/d ", "/k "]), SPEAKER, PHRASE).map(
        lambda t: f"{t[0]}{t[1]}: {t[2]}"
    ),
    st.tuples(SPEAKER, PHRASE).map(lambda t: f"@{t[0]} {t[1]}"),
)
LINES = st.one_of(ANY_TEXT, GRAMMAR_TEXT, STRUCTURED)
CONTEXTS = st.sampled_from([None, CTX])

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The long variant (make test-slow, run by CI: tests/test_grammar_long.py) draws the same
# 100,000 lines every run, so a submission's CI result is reproducible; the fast variants
# above explore at random.
SLOW = settings(
    max_examples=100_000,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)

_COMMAND_RE = re.compile(r"/([A-Za-z]+)(?:\s+|$)")
# Characters the grammar itself consumes (command slash, brackets, separators, ...); the
# Arabic comma and semicolon separate owners and participants as "," and ";" do.
_STRUCTURE = r"\s/\[\]();,:*_#@\\.\-–—،؛"
_TOKEN_RE = re.compile(f"[^{_STRUCTURE}]+")
# Words the grammar reads as syntax rather than content.
_KEYWORD_TEXT = (
    "by at he co chair cochair presenter member secretariat observer rapporteur"
    " present apologies apology absent expected"
)
_KEYWORDS = frozenset(_KEYWORD_TEXT.split())


def _squash(s: str) -> str:
    return "".join(s.split()).casefold()


def _strings(value: Any) -> list[str]:
    """Every string the result carries (fields, people, owners, warnings, dates)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dt.date | int) and not isinstance(value, bool):
        return [str(value)]
    return []


def _check_parses(line: str, context: CaptureContext | None) -> Any:
    entry = parse_line(line, context)
    again = validated(entry)
    assert again == entry
    assert not any("could not read this line" in w for w in entry.warnings)
    return entry


def _check_note_keeps_text(clean: str, entry: Note) -> None:
    """A note is the line itself, or SPEAKER + separator + TEXT, nothing dropped."""
    if clean.startswith("\\"):
        assert entry.text == (clean[1:].strip() or "\\")
        return
    if entry.warnings and entry.note_kind == "point":
        # a command it could not read, or a speaker it does not know: the whole line
        assert (entry.speaker, entry.text) == (None, clean)
        return
    # a /d, /k … whose speaker is unknown carries a warning and keeps "AA: …" as text
    body = clean
    if entry.note_kind != "point":
        m = _COMMAND_RE.match(clean)
        assert m is not None
        body = clean[m.end() :]
    if entry.speaker is None:
        assert entry.text == body.strip()
        return
    assert entry.text and entry.text == entry.text.strip()
    assert entry.text in body
    squashed, speaker, text = _squash(body), _squash(entry.speaker), _squash(entry.text)
    # The speaker as typed: its name, or another name the shipped directory gives it
    # ("@UNDCO" is DCO).
    names = "|".join(re.escape(_squash(n)) for n in _directory_names(entry.speaker))
    if squashed.startswith("@"):
        # @Name or @"Name with spaces", then the text
        pattern = '@"?(?:' + names + ')"?[:,;]*' + re.escape(text)
    else:
        pattern = "(?:" + names + "):" + re.escape(text)
    assert re.fullmatch(pattern, squashed), (squashed, speaker, text)


def _tokens(s: str) -> Counter[str]:
    """Content words, casefolded; numbers without leading zeros ("09:00" == "9:00")."""
    words = _TOKEN_RE.findall(s.casefold())
    return Counter(w.lstrip("0") or "0" if w.isdigit() else w for w in words)


def _check_words_kept(clean: str, entry: Any) -> None:
    """Every content word of the input, as often as it occurs, is in the result: in a
    field or, for words the grammar ignores, named in a warning."""
    m = _COMMAND_RE.match(clean)
    body = clean[m.end() :] if m else clean
    wanted = _tokens(body)
    for keyword in _KEYWORDS:
        del wanted[keyword]
    found = " ".join(_strings(fields(entry)))
    missing = wanted - _tokens(found + " " + _aliases_of(found))
    assert not missing, (missing, clean, entry)


def _directory_names(speaker: str) -> list[str]:
    """The speaker and, if the shipped directory knows it, all its names."""
    from minutes_tui.capture.directory import ORGANISATIONS

    for short, full, aliases in ORGANISATIONS:
        if short == speaker:
            return [name for name in (short, full, *aliases.split("|")) if name]
    return [speaker]


def _aliases_of(found: str) -> str:
    """The shipped directory's names for the organisations found: "/p DG ECHO" is ECHO."""
    from minutes_tui.capture.directory import ORGANISATIONS

    # A name of several words ("Islamic Relief", which "/p IRW" gives) is found whole,
    # and its other names count once for each time it was found ("/p IRW; IRW").
    return " ".join(
        f"{full} {aliases.replace('|', ' ')}"
        for short, full, aliases in ORGANISATIONS
        for _ in re.finditer(rf"(?<!\w){re.escape(short)}(?!\w)", found)
    )


def _check_text_kept(line: str, context: CaptureContext | None) -> None:
    clean = clean_text(line)
    entry = _check_parses(line, context)
    if not clean:
        assert isinstance(entry, Blank)
        return
    assert not isinstance(entry, Blank)
    if clean.startswith("!") and clean.lstrip("! ").strip():
        while clean.startswith("!"):  # the confidential mark (twice is once); the rest is a line
            clean = clean[1:].strip()
    elif clean.startswith("!"):  # marks alone: "!" is kept as text
        assert isinstance(entry, Note) and entry.text == "!"
        return
    if isinstance(entry, Note):
        _check_note_keeps_text(clean, entry)
        if any(w.startswith("unknown command") for w in entry.warnings):
            assert entry.text == clean
    elif isinstance(entry, ActionReview):
        assert clean.endswith(entry.text)
        assert str(entry.number) in clean
    else:
        _check_words_kept(clean, entry)


@PROPERTY
@given(st.text(alphabet=ANY_CHAR), CONTEXTS)
def test_property_never_raises_and_validates(line: str, context: CaptureContext | None) -> None:
    _check_parses(line, context)


@PROPERTY
@given(GRAMMAR_TEXT, CONTEXTS)
def test_property_grammar_fragments_never_raise(line: str, context: CaptureContext | None) -> None:
    _check_parses(line, context)


@PROPERTY
@given(LINES, CONTEXTS)
@example("/P IRW", None)  # found by the 100k run: IRW is "Islamic Relief", two words
@example("/P IRW;IRW", None)  # and its aliases count once per time it is found
@example("/p DG ECHO", None)
@example("@UNDCO 0", None)  # the 100k run: UNDCO is the directory's DCO
@example("/P 0؛", None)  # the 100k run: "؛" separates participants as ";" does
@example("/A 0[؛]", None)  # the 100k run: an Arabic semicolon in empty brackets is quoted as typed
def test_property_text_is_always_kept(line: str, context: CaptureContext | None) -> None:
    _check_text_kept(line, context)


@PROPERTY
@given(st.text(alphabet=ANY_CHAR, max_size=60))
def test_property_unknown_commands_keep_the_line(rest: str) -> None:
    line = "/zz " + rest
    entry = parse_line(line)
    assert isinstance(entry, Note)
    assert entry.text == clean_text(line)
    assert entry.warnings == ["unknown command /zz; kept as a note"]


@PROPERTY
@given(st.text(alphabet=ANY_CHAR, max_size=60))
def test_property_clean_text_is_idempotent_and_safe(line: str) -> None:
    once = clean_text(line)
    assert clean_text(once) == once
    assert once == once.strip()
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]", once)


def test_a_lone_confidential_mark_is_kept_as_text() -> None:
    # "!" alone marks nothing: it is what was typed, stored like a lone "\"
    for line in ["!", "! ", "  !  "]:
        entry = parse_line(line, None)
        assert isinstance(entry, Note) and entry.text == "!" and not entry.confidential
    entry = parse_line("!!", None)
    assert isinstance(entry, Note) and entry.text == "!" and entry.confidential


@pytest.mark.parametrize(
    "build",
    [
        lambda: ActionReview(number=0, status="completed"),
        lambda: ActionReview(action_id=0, text="progress"),
        lambda: ActionReview(number=-3, text="progress"),
        lambda: NextMeeting(time="24:00"),
        lambda: NextMeeting(time="9:30"),
        lambda: NextMeeting(time="10:00 "),
    ],
)
def test_the_entry_types_refuse_what_their_pydantic_models_refused(build: Any) -> None:
    """Action numbers and references are 1 or more, a next meeting's time is HH:MM, for
    every builder of an entry (the review pane builds reviews without the grammar)."""
    with pytest.raises(ValueError):
        build()
