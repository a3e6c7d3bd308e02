"""`--redact` is a guarantee: every finding of the adversarial review, one test each, a
residual check that refuses to write a file that still names someone, and a property
test over random names (accents, apostrophes, multi-part surnames, common words).

Each test goes through `export.render` (what `minutes export --redact` writes) and reads
the result the way a reader would: case, accents, zero-width characters and apostrophe
variants do not hide a name from a reader, so they do not hide it from these checks.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes_tui.domain.snapshot import ActionData, ItemData, MeetingData, PersonData
from minutes_tui.record.export import ExportError, export, render
from tests.record_fixtures import action, entry, meeting, person, replay_script

# ---- reading an export as a reader would ------------------------------------------------


def fold(text: str) -> str:
    """Case, accents, zero-width characters, soft hyphens and apostrophe variants gone."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub("[’‘ʼ`´]", "'", text).casefold()


def md(data: MeetingData, style: str = "summary") -> str:
    return render(data, "md", style, redact=True).decode("utf-8")


def docx_xml(data: MeetingData, style: str = "summary") -> str:
    """Every XML part of the redacted .docx, tags stripped and entities decoded."""
    with zipfile.ZipFile(io.BytesIO(render(data, "docx", style, redact=True))) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))]
    return html.unescape(re.sub(r"<[^>]*>", " ", "\n".join(parts)))


def docx_paragraphs(data: MeetingData, style: str = "summary") -> str:
    doc = Document(io.BytesIO(render(data, "docx", style, redact=True)))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def named(form: str, text: str) -> bool:
    """Does `form` appear in `text` as whole words, however it is spelled?"""
    return re.search(rf"(?<![\w']){re.escape(fold(form))}(?![\w])", fold(text)) is not None


def exports(data: MeetingData, style: str = "summary") -> list[str]:
    return [md(data, style), docx_xml(data, style)]


def assert_nameless(data: MeetingData, forms: list[str], style: str = "summary") -> None:
    for text in exports(data, style):
        left = [f for f in forms if named(f, text)]
        assert left == [], left


# ---- one test per finding ---------------------------------------------------------------


def test_header_fields_name_nobody() -> None:
    data = meeting(
        participants=[person(1, "Ms.", "Arafat Jamal", "UNHCR")],
        chair="Amira Haddad (UNHCR), Chair of the Network",
        rapporteur="Tomas Novak",
        place="Tomas Novak's office, Geneva",
        items=[ItemData(1, "1", "Opening", None, 1)],
    )
    assert_nameless(data, ["Amira", "Haddad", "Tomas", "Novak"], "summary")
    assert_nameless(data, ["Amira", "Haddad", "Tomas", "Novak"], "actions")
    text = md(data)
    assert "**Place:** The rapporteur's office, Geneva" in text
    assert "**Chair:** The Chair (UNHCR), Chair of the Network" in text


def test_docx_core_properties_name_nobody() -> None:
    data = meeting(
        participants=[person(1, "Ms.", "Arafat Jamal", "UNHCR")],
        rapporteur="Tomas Novak",
        title="Briefing prepared by Arafat Jamal",
    )
    doc = Document(io.BytesIO(render(data, "docx", "summary", redact=True)))
    props = doc.core_properties
    for value in (props.author, props.last_modified_by, props.title):
        assert not named("Novak", value) and not named("Jamal", value), value
    assert props.author == "The rapporteur"
    assert props.title.startswith("Briefing prepared by UNHCR")


PREVIOUS = """\
---
title: Cash Working Group
body: CWG
date: 2020-02-05
---
/p WFP: Ms. Lena Fischer
/i 1 Transfer values
/a Share the draft transfer values [Lena Fischer] by 2020-02-28
/a Circulate the 3W template [OCHA]
"""

CURRENT = """\
---
title: Cash Working Group
body: CWG
date: 2020-03-03
---
/p UNHCR: Ms. Arafat Jamal
/i 1 Follow-up
/u 1 in progress Lena Fischer shared a first draft with Fischer's team
Lena Fischer presented the figures and Ms. Fischer took questions.
"""


@pytest.fixture
def series_with_outsider(tmp_path: Path) -> MeetingData:
    """A meeting whose previous meeting (in the same database) had Lena Fischer, who is
    not a participant of this one, as an action owner."""
    return replay_script(tmp_path, CURRENT, PREVIOUS)


def test_previous_actions_owners_and_progress_name_nobody(
    series_with_outsider: MeetingData,
) -> None:
    data = series_with_outsider
    assert data.previous_actions and data.previous_actions[0].owners == ["Lena Fischer"]
    assert_nameless(data, ["Lena", "Fischer"], "actions")
    table = md(data, "actions").split("Review of previous actions", 1)[1]
    assert "| 1. Share the draft transfer values (#1) | WFP | In Progress |" in table
    assert "WFP shared a first draft with WFP's team" in table


def test_people_of_other_meetings_are_known(series_with_outsider: MeetingData) -> None:
    data = series_with_outsider
    assert "Lena" not in {p.name for p in data.participants}
    for style in ("summary", "minutes"):
        assert_nameless(data, ["Lena", "Fischer"], style)
    assert "WFP presented the figures and WFP took questions." in md(data)


def test_first_names_alone() -> None:
    data = meeting(
        participants=[person(1, "Ms.", "Amira Haddad", "UNHCR")],
        items=[ItemData(1, "1", "Plans", None, 1)],
        entries=[entry(1, 1, "Amira said the plan was late, and amira agreed.")],
        actions=[action(1, 1, 1, "Share the plan", ["Amira"])],
    )
    assert_nameless(data, ["Amira"])
    text = md(data)
    assert "UNHCR said the plan was late, and UNHCR agreed." in text
    assert "Share the plan [*UNHCR*]" in text


def test_names_in_any_case() -> None:
    data = meeting(
        participants=[person(1, "Ms.", "Arafat Jamal", "UNHCR")],
        items=[ItemData(1, "1", "Plans", None, 1)],
        entries=[entry(1, 1, "Thanks to jamal, JAMAL and MS. JAMAL for the plan.")],
    )
    assert_nameless(data, ["Jamal"])
    assert "Thanks to UNHCR, UNHCR and UNHCR for the plan." in md(data)


def test_names_without_their_accents() -> None:
    data = meeting(
        participants=[person(1, "Mr.", "José Álvarez", "OCHA")],
        items=[ItemData(1, "1", "Plans", None, 1)],
        entries=[entry(1, 1, "Jose Alvarez and ALVAREZ agreed; so did Jose\u0301.")],
    )
    assert_nameless(data, ["José", "Álvarez"])
    assert "OCHA and OCHA agreed; so did OCHA." in md(data)


def test_apostrophe_variants() -> None:
    data = meeting(
        participants=[person(1, "Ms.", "Siobhan O'Brien", "IFRC")],
        items=[ItemData(1, "1", "Plans", None, 1)],
        entries=[entry(1, 1, "O’Brien and Ms. O‘Brien spoke; O'Brien's report followed.")],
    )
    assert_nameless(data, ["O'Brien"])
    assert "IFRC and IFRC spoke; IFRC's report followed." in md(data)


def test_multi_part_surnames() -> None:
    data = meeting(
        participants=[
            person(1, "Ms.", "Amal Al-Hassan", "IOM"),
            person(2, None, "Pieter van der Berg", "NRC"),
            person(3, None, "Ana de la Cruz", "OCHA"),
        ],
        items=[ItemData(1, "1", "Plans", None, 1)],
        entries=[
            entry(1, 1, "Ms. Al Hassan opened; Al Hassan and AL-HASSAN agreed."),
            entry(2, 1, "Van der Berg spoke, then Mr. van der Berg closed."),
            entry(3, 1, "De La Cruz and de la Cruz replied."),
        ],
    )
    assert_nameless(data, ["Hassan", "Al Hassan", "Berg", "der Berg", "Cruz", "La Cruz"])
    text = md(data)
    assert "\nIOM opened; IOM and IOM agreed.\n" in text
    assert "\nNRC spoke, then NRC closed.\n" in text
    assert "\nOCHA and OCHA replied.\n" in text


def test_e_mail_addresses_and_link_targets() -> None:
    data = meeting(
        participants=[person(1, "Ms.", "Amira Haddad", "UNHCR")],
        items=[ItemData(1, "1", "Contacts", None, 1)],
        entries=[
            entry(1, 1, "Write to amira.haddad@unhcr.org or help@ocha.org for the file."),
            entry(
                2,
                1,
                "See [her page](https://x.org/staff/amira-haddad) and [the plan](https://x.org/p).",
            ),
            entry(3, 1, "Also <https://x.org/u/haddad_a> and [mail](mailto:amira@unhcr.org)."),
        ],
    )
    assert_nameless(data, ["Amira", "Haddad"])
    for text in exports(data):
        assert "@" not in text
    text = md(data)
    assert "Write to (e-mail withheld) or (e-mail withheld) for the file." in text
    assert "See her page and [the plan](https://x.org/p)." in text
    assert "Also (link withheld) and mail." in text


def test_zero_width_space_and_soft_hyphen_inside_a_name() -> None:
    data = meeting(
        participants=[person(1, "Ms.", "Arafat Jamal", "UNHCR")],
        items=[ItemData(1, "1", "Plans", None, 1)],
        entries=[entry(1, 1, "Ja\u200bmal spoke, then Ja\u00admal and Ara\u200dfat agreed.")],
    )
    assert_nameless(data, ["Jamal", "Arafat"])
    assert "UNHCR spoke, then UNHCR and UNHCR agreed." in md(data)


def test_names_that_are_common_words_months_or_organisations_survive_as_words() -> None:
    data = meeting(
        participants=[
            person(1, "Ms.", "May Lwin", "DFID"),
            person(2, "Mr.", "Daniel Long", "WFP"),
            person(3, None, "WHO", "UNHCR"),  # a person stored by mistake with this name
            person(4, None, "Ops", "WHO"),
            person(5, None, "Luis de la Rose", "IFRC"),
        ],
        items=[ItemData(1, "1", "Plans", None, 1)],
        entries=[
            entry(1, 1, "The report is due by 31 May 2020, said Ms. May."),
            entry(2, 1, "Long-term funding was raised by Mr. Long and Daniel Long."),
            entry(3, 1, "The WHO guidance was endorsed."),
            entry(4, 1, "De la Rose agreed; a rose bloomed; Rose Street."),
        ],
        actions=[action(1, 1, 1, "Send the report", ["May"], dt.date(2020, 5, 31))],
    )
    text = md(data)
    assert "The report is due by 31 May 2020, said DFID." in text
    assert "Long-term funding was raised by WFP and WFP." in text
    assert "The WHO guidance was endorsed." in text
    assert "IFRC agreed; a rose bloomed; Rose Street." in text
    assert "Send the report [*DFID*] — by 31 May 2020" in text
    assert "DFID" not in text.replace("said DFID", "").replace("[*DFID*]", "").split("ANNEX")[0]


# ---- the residual check ------------------------------------------------------------------


def leaky(monkeypatch: pytest.MonkeyPatch) -> None:
    """Break the redactor: it lets every name through."""
    from minutes_tui.record.redact import Redactor

    monkeypatch.setattr(Redactor, "__call__", lambda self, text: text)
    monkeypatch.setattr(Redactor, "attribution", lambda self, text: text)


def leaky_meeting() -> MeetingData:
    return meeting(
        participants=[person(1, "Ms.", "Amira Haddad", "UNHCR")],
        items=[ItemData(1, "1", "Plans", None, 1)],
        entries=[entry(1, 1, "Amira Haddad said the plan was late; amira agreed.")],
        rapporteur="Tomas Novak",
    )


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_redacted_file_that_still_names_someone_is_not_written(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leaky(monkeypatch)
    out = tmp_path / f"record.{fmt}"
    out.write_bytes(b"an earlier export")
    with pytest.raises(ExportError) as caught:
        export(leaky_meeting(), fmt, "summary", out, redact=True)
    message = caught.value.message
    assert re.fullmatch(r"Redaction incomplete: \d+ personal name forms .* not written\.", message)
    assert int(re.search(r"\d+", message).group()) >= 2  # type: ignore[union-attr]
    for name in ("Amira", "Haddad", "Tomas", "Novak"):
        assert name.casefold() not in message.casefold()
    assert out.read_bytes() == b"an earlier export"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_residual_check_reads_the_docx_core_properties(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that reaches only dc:creator (the rapporteur) is still caught."""
    from minutes_tui.record.redact import Redactor

    monkeypatch.setattr(Redactor, "attribution", lambda self, text: text)
    data = meeting(participants=[person(1, "Ms.", "Amira Haddad", "UNHCR")], rapporteur="Haddad")
    assert "Haddad" not in md(data).split("\n", 1)[1]  # nowhere in the body…
    with pytest.raises(ExportError, match="Redaction incomplete: 2 personal name forms "):
        render(data, "docx", "summary", redact=True)  # …but in dc:creator, cp:lastModifiedBy


def test_residual_check_reads_names_split_across_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Word stores "Ja**mal**" as two runs; stripped of its tags, the part reads "Jamal"."""
    from minutes_tui.record import redact, residual

    check = residual.check_docx
    data = meeting(participants=[person(1, "Ms.", "Arafat Jamal", "UNHCR")])
    texts = residual.docx_texts(render(data, "docx", "summary", redact=False))
    assert any("Jamal" in t for t in texts) and check is not None
    payload = render(
        meeting(entries=[entry(1, None, "Ja**mal** spoke.")], participants=[]), "docx", "summary"
    )
    redactor = redact.Redactor([person(1, "Ms.", "Arafat Jamal", "UNHCR")])
    with pytest.raises(redact.RedactionIncomplete):
        check(redactor, payload)


def test_plain_exports_are_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    leaky(monkeypatch)
    assert "Amira Haddad said" in render(leaky_meeting(), "md", "summary").decode()


# ---- the property: random people, nothing of them left, every other sentence kept ----------

COMMON_NAMES = ["May", "June", "Will", "Hope", "Grace", "Long", "Young", "Price", "Rose", "Mark"]
SYLLABLES = ["ka", "lo", "mi", "zu", "ren", "dor", "thi", "vek", "sa", "nu", "qui", "bex"]
ACCENTS = {"a": "á", "e": "é", "o": "ö", "u": "ü", "i": "í"}
PARTICLE_SURNAMES = ["Al {}", "van der {}", "de la {}", "O'{}", "O’{}", "{}-{}"]
HONORIFICS = ["Ms.", "Mr.", "Dr.", None]
ORGS = ["UNHCR", "WFP", "OCHA", "DFID", None]
# Sentences that name nobody, though they use words that are also names in COMMON_NAMES,
# a month, an organisation and an honorific-like word.
SENTENCES = [
    "The report is due by 31 May 2020 at the latest.",
    "Long-term funding was discussed at length.",
    "The WHO guidance was endorsed without changes.",
    "We will hope for a better season next year.",
    "Young people need more support in the camps.",
    "Partners agreed to mark the date in June.",
    "Grace periods were extended for all loans.",
    "The price of rice rose again in March.",
]
VOCABULARY = {w for s in SENTENCES for w in re.findall(r"\w+", s.casefold())}


@st.composite
def made_up_word(draw: st.DrawFn) -> str:
    word = "".join(draw(st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3)))
    if draw(st.booleans()):
        i = draw(st.integers(0, len(word) - 1))
        word = word[:i] + ACCENTS.get(word[i], word[i]) + word[i + 1 :]
    return word.capitalize()


@st.composite
def a_person(draw: st.DrawFn) -> tuple[str | None, str, list[str]]:
    """(honorific, full name, the words of the name a reader would recognise)."""
    first = draw(st.one_of(made_up_word(), st.sampled_from(COMMON_NAMES)))
    base = draw(made_up_word())
    shape = draw(st.sampled_from(["{}", *PARTICLE_SURNAMES]))
    surname = shape.format(base, draw(made_up_word())) if "-" in shape else shape.format(base)
    return draw(st.sampled_from(HONORIFICS)), f"{first} {surname}", [first, base]


def variants(name: str, draw: st.DrawFn) -> str:
    """The name as a rapporteur might type it: another case, no accents, a zero-width
    space or soft hyphen inside, another apostrophe."""
    how = draw(st.sampled_from(["same", "upper", "lower", "plain", "zwsp", "shy", "curly"]))
    if how == "upper":
        return name.upper()
    if how == "lower":
        return name.lower()
    if how == "plain":
        return "".join(
            c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
        )
    if how in ("zwsp", "shy"):
        i = draw(st.integers(1, max(1, len(name.split()[-1]) - 1)))
        head, _, last = name.rpartition(" ")
        mark = "\u200b" if how == "zwsp" else "\u00ad"
        return f"{head} {last[:i]}{mark}{last[i:]}".strip()
    if how == "curly":
        return name.replace("'", "’")
    return name


@st.composite
def meetings(draw: st.DrawFn) -> tuple[MeetingData, list[list[str]]]:
    people = draw(st.lists(a_person(), min_size=1, max_size=4))
    words = [w for _, _, ws in people for w in ws]
    made_up = [w for w in words if w not in COMMON_NAMES]
    if any(fold(w) in VOCABULARY for w in made_up):
        draw(st.nothing())
    participants: list[PersonData] = []
    entries = []
    texts: list[str] = []
    for n, (hon, name, ws) in enumerate(people):
        org = draw(st.sampled_from(ORGS))
        participants.append(person(n + 1, hon, name, org))
        first, surname = name.split(" ", 1)
        forms = [name, f"{hon or 'Ms.'} {surname}"]
        if ws[0] not in COMMON_NAMES:  # a first name alone is a name only if it is no word
            forms.append(first)
        for form in forms:
            texts.append(f"{variants(form, draw)} spoke about the plan.")
        texts.append(f"Write to {fold(ws[0])}.{fold(ws[1])}@example.org for details.")
        texts.append(f"See [the page](https://example.org/{fold(ws[1])}) for more.")
    sentences = draw(st.permutations(SENTENCES))
    for i, text in enumerate(texts + list(sentences)):
        entries.append(entry(i + 1, 1, text))
    speaker_name = people[0][1]
    entries.append(entry(999, 1, "closed the item.", speaker_name, is_person=True))
    owners = [people[-1][1].split()[0], people[0][1]]
    data = meeting(
        participants=participants,
        chair=f"{people[0][0] or 'Ms.'} {people[0][1]}",
        rapporteur=people[-1][1],
        items=[ItemData(1, "1", "Everything", None, 1)],
        entries=entries,
        actions=[ActionData(**{**vars(action(1, 1, 1, "Share the plan", owners))})],
    )
    return data, [ws for _, _, ws in people]


RANDOM_PEOPLE = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)


@settings(RANDOM_PEOPLE, max_examples=10)
@given(meetings())
def test_random_people_leave_no_trace(case: tuple[MeetingData, list[list[str]]]) -> None:
    leave_no_trace(case)


@pytest.mark.slow
@settings(RANDOM_PEOPLE, max_examples=200)
@given(meetings())
def test_many_more_random_people_leave_no_trace(
    case: tuple[MeetingData, list[list[str]]],
) -> None:
    leave_no_trace(case)


def leave_no_trace(case: tuple[MeetingData, list[list[str]]]) -> None:
    data, names = case
    made_up = [w for ws in names for w in ws if w not in COMMON_NAMES]
    text, xml, paragraphs = md(data), docx_xml(data), docx_paragraphs(data)
    for out in (text, xml):
        left = [w for w in made_up if named(w, out)]
        assert left == [], left
        for p in data.participants:  # a common-word name is gone where it stood as a name
            assert not named(p.name or "", out), p.name
        assert "@" not in out
    for sentence in SENTENCES:
        assert sentence in text, sentence
        assert sentence in paragraphs, sentence


# ---- confidential entries: left out before redaction, redacted when included -----------


def confidential_meeting() -> MeetingData:
    from dataclasses import replace

    data = meeting(
        participants=[
            person(1, "Ms.", "Amira Jamal", "UNHCR"),
            person(2, "Mr.", "Omar Haddad", "WFP"),
        ],
        items=[ItemData(1, "1", "Protection", None, 1)],
        entries=[
            entry(1, 1, "the convoy left on time", "UNHCR", org="UNHCR"),
            replace(entry(2, 1, "Omar Haddad briefed on the hidden route"), confidential=True),
        ],
        actions=[
            replace(
                action(1, 1, 1, "Jamal to call Haddad about the route", ["UNHCR"]),
                confidential=True,
                public_number=None,
            ),
            replace(action(2, 2, 1, "publish the report", ["WFP"]), public_number=1),
        ],
    )
    return data


def test_a_redacted_circulated_record_has_neither_names_nor_confidential_text() -> None:
    data = confidential_meeting()
    for text in exports(data):
        assert "hidden route" not in text and "call" not in fold(text)
        assert "1. publish the report" in text or "publish the report" in text
        assert not [f for f in ("Amira", "Jamal", "Omar", "Haddad") if named(f, text)]
    # Included, confidential text is marked and still redacted.
    full = render(data, "md", redact=True, include_confidential=True).decode()
    assert "hidden route" in full and "INCLUDES CONFIDENTIAL ENTRIES" in full
    assert not [f for f in ("Amira", "Jamal", "Omar", "Haddad") if named(f, full)]
