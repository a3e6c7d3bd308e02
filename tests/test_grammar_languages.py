"""The grammar in a meeting's language (issue 28): due words and dates in French, Spanish
and Arabic ("d'ici le 20 mars 2024", "antes del 20/03/2024", "بحلول ٢٠ مارس ٢٠٢٤"), `/n`
dates, and the directory's French, Spanish and Arabic names (BCAH, HCR, ACNUR, المفوضية)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes_tui.capture import CaptureContext, parse_line
from minutes_tui.capture.directory import ORGANISATIONS, TRANSLATED
from minutes_tui.config import Home
from minutes_tui.domain.entries import NewAction, NewParticipants, NewSubItem, NextMeeting, Note
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.domain.language import DATE_LOCALES
from minutes_tui.store.store import Store
from tests.helpers import run_cli
from tests.test_capture import ANY_CHAR, GRAMMAR_TEXT, _check_parses

FR, ES, AR, EN = (CaptureContext(language=lang) for lang in ("fr", "es", "ar", "en"))
MARCH_20 = dt.date(2024, 3, 20)


def action(line: str, context: CaptureContext) -> NewAction:
    entry = parse_line(line, context)
    assert isinstance(entry, NewAction), entry
    return entry


def due(line: str, context: CaptureContext) -> tuple[str, dt.date | None, str | None]:
    entry = action(line, context)
    return entry.text, entry.due_date, entry.due_text


# --------------------------------------------------------------------------------------
# Due words
# --------------------------------------------------------------------------------------


def test_done_when_d_ici_le_20_mars_2024_is_the_due_date_2024_03_20() -> None:
    entry = action("/a Préparer la note de synthèse [HCR] d'ici le 20 mars 2024", FR)
    assert (entry.text, entry.owners, entry.due_date, entry.due_text) == (
        "Préparer la note de synthèse",
        ["HCR"],
        MARCH_20,
        None,
    )
    assert due("/a Préparer la note de synthèse d'ici le 20 mars 2024", FR) == (
        "Préparer la note de synthèse",
        MARCH_20,
        None,
    )


@pytest.mark.parametrize(
    ("context", "tail"),
    [
        (FR, "d'ici le 20 mars 2024"),
        (FR, "d’ici le 20 mars 2024"),  # a typographic apostrophe
        (FR, "avant le 20/03/2024"),
        (FR, "pour le 20 mars 2024"),
        (FR, "au plus tard le 20 mars 2024"),
        (FR, "avant le mercredi 20 mars 2024"),
        (FR, "d'ici le 20 MARS 2024"),
        (FR, "avant le 20/3/24"),
        (FR, "jusqu'au 20 mars 2024"),
        (ES, "para el 20 de marzo de 2024"),
        (ES, "antes del 20/03/2024"),
        (ES, "a más tardar el 20 de marzo de 2024"),
        (ES, "a mas tardar el 20 de marzo de 2024"),
        (ES, "para el miércoles, 20 de marzo de 2024"),
        (ES, "hasta el 20 de marzo de 2024"),
        (ES, "antes de 20-03-2024"),
        (AR, "بحلول 20 مارس 2024"),
        (AR, "قبل 20/03/2024"),
        (AR, "في موعد أقصاه ٢٠ مارس ٢٠٢٤"),
        (AR, "بحلول ٢٠ آذار ٢٠٢٤"),  # the Levant's month names (Babel's ar_SY)
        (AR, "في موعد لا يتجاوز 20 مارس 2024"),
        (AR, "حتى 20 مارس 2024"),
        (AR, "قبل 20\u200f/3\u200f/2024"),  # the marks Babel's Arabic short dates carry
    ],
)
def test_due_words_and_dates_of_the_meetings_language(context: CaptureContext, tail: str) -> None:
    assert due(f"/a Rapport [OCHA] {tail}", context) == ("Rapport", MARCH_20, None)
    assert due(f"/a Rapport {tail}", context) == ("Rapport", MARCH_20, None)


def test_numeric_dates_are_day_month_year_in_french_spanish_and_arabic() -> None:
    assert due("/a Rapport avant le 03/04/2024", FR)[1] == dt.date(2024, 4, 3)
    assert due("/a Informe antes del 03/04/2024", ES)[1] == dt.date(2024, 4, 3)
    assert due("/a تقرير قبل 03/04/2024", AR)[1] == dt.date(2024, 4, 3)


def test_month_names_come_with_or_without_accents() -> None:
    assert due("/a Rapport d'ici le 3 fevrier 2024", FR)[1] == dt.date(2024, 2, 3)
    assert due("/a Rapport d'ici le 15 aout 2024", FR)[1] == dt.date(2024, 8, 15)
    assert due("/a Rapport d'ici le 1er févr. 2024", FR)[1] == dt.date(2024, 2, 1)
    assert due("/a Informe para el 9 de septiembre de 2024", ES)[1] == dt.date(2024, 9, 9)


def test_a_date_without_a_year_or_a_time_phrase_is_due_text() -> None:
    """Kept as due text with the due word it was typed with."""
    assert due("/a Rapport d'ici au 20 mars", FR) == ("Rapport", None, "d'ici au 20 mars")
    assert due("/a Informe para el 20 de marzo", ES) == ("Informe", None, "para el 20 de marzo")
    assert due("/a Rapport avant la fin du mois", FR)[2] == "avant la fin du mois"
    assert due("/a Rapport d'ici mi-avril", FR) == ("Rapport", None, "d'ici mi-avril")
    assert due("/a Rapport d'ici fin mars", FR) == ("Rapport", None, "d'ici fin mars")
    assert due("/a Rapport avant la semaine prochaine", FR)[2] == "avant la semaine prochaine"
    assert due("/a Informe antes de finales de marzo", ES)[2] == "antes de finales de marzo"
    assert due("/a تقرير قبل نهاية الشهر", AR) == ("تقرير", None, "قبل نهاية الشهر")
    assert due("/a تقرير قبل الاجتماع القادم", AR) == ("تقرير", None, "قبل الاجتماع القادم")


def test_a_date_that_is_not_on_the_calendar_is_due_text_with_a_warning() -> None:
    entry = action("/a Rapport avant le 31/02/2024", FR)
    assert (entry.due_date, entry.due_text) == (None, "avant le 31/02/2024")
    assert entry.warnings == ["31/02/2024 is not a calendar date; kept as due text"]
    entry = action("/a Informe [ACNUR] para el 30 de febrero de 2024", ES)
    assert entry.due_text == "para el 30 de febrero de 2024"
    assert "not a calendar date" in entry.warnings[0]


@pytest.mark.parametrize(
    ("context", "line"),
    [
        # what the English grammar does with "by the steering committee": text
        (FR, "/a Présenter le plan avant le comité de pilotage"),
        (FR, "/a Partager le rapport pour le HCR"),
        (FR, "/a Organiser un atelier pour le jeu de rôle"),  # "jeu" (Thursday's "jeu.")
        (FR, "/a Consulter les partenaires avant la réunion du cluster"),
        (ES, "/a Presentar el plan antes del comité directivo"),
        (ES, "/a Compartir el informe para el ACNUR"),
        (AR, "/a مناقشة الخطة قبل الاتصال بالشركاء"),
    ],
)
def test_ordinary_text_after_a_due_word_stays_text(context: CaptureContext, line: str) -> None:
    entry = action(line, context)
    assert (entry.text, entry.due_date, entry.due_text) == (line[3:], None, None)


@pytest.mark.parametrize(
    ("context", "line", "owners"),
    [
        (FR, "/a Envoyer la liste [HCR] pour validation", ["HCR"]),
        (FR, "/a Envoyer la liste [HCR] pour le cluster", ["HCR"]),
        (ES, "/a Enviar la lista [ACNUR] para revisión", ["ACNUR"]),
        (ES, "/a Mantener el registro [ACNUR] hasta nuevo aviso", ["ACNUR"]),
    ],
)
def test_pour_and_para_after_the_owners_say_what_for(
    context: CaptureContext, line: str, owners: list[str]
) -> None:
    """ "by" after the owners is always a deadline; "pour"/"para"/"hasta" only before a
    date: the rest of the line stays as typed, so nothing is read as a due."""
    entry = parse_line(line, context)
    assert isinstance(entry, NewAction)
    assert (entry.text, entry.owners, entry.due_date, entry.due_text) == (line[3:], [], None, None)
    assert due("/a Envoyer la liste [HCR] pour le 20 mars", FR)[2] == "pour le 20 mars"


@pytest.mark.parametrize(
    ("context", "line"),
    [
        (FR, "/a [HCR] payer les primes pour les mois de janvier à mars"),
        (FR, "/a [HCR] préparer le budget pour l'année 2025"),
        (FR, "/a [HCR] collecter les données pour 2024"),
        (FR, "/a [HCR] appuyer jusqu'à la fin du conflit"),
        (FR, "/a [HCR] collecter les données avant 2024 et après"),
        (ES, "/a preparar el plan para el año 2025"),
        (ES, "/a apoyar hasta el fin del conflicto"),
        (AR, "/a الدعم حتى نهاية النزاع"),
    ],
)
def test_a_purpose_or_a_duration_is_not_a_deadline(context: CaptureContext, line: str) -> None:
    """ "pour", "para", "hasta", "jusqu'à", "حتى" make a due only before a full date
    (as "pour le 20 mars 2024"); a bare year followed by more words is never a due."""
    entry = action(line, context)
    assert (entry.due_date, entry.due_text) == (None, None)
    assert line[3:].endswith(entry.text)


def test_english_due_words_keep_working_in_every_language() -> None:
    for context in (FR, ES, AR):
        assert due("/a Report [OCHA] by 2024-03-20", context) == ("Report", MARCH_20, None)
        assert due("/a Report by 2024-03-20", context) == ("Report", MARCH_20, None)
        assert due("/a Report by end of March", context) == ("Report", None, "end of March")
        assert due("/a Report by the Principals", context)[1:] == (None, None)


def test_an_english_meeting_reads_as_before() -> None:
    line = "/a Préparer le rapport d'ici le 20 mars 2024"
    assert due(line, EN) == (line[3:], None, None)
    assert due("/a Report by 20/03/2024", EN) == ("Report", None, "20/03/2024")
    assert due("/a Report by 20 March 2024", EN) == ("Report", None, "20 March 2024")
    assert parse_line("/n 20/03/2024 15:00 Goma", EN) == NextMeeting(
        date=None, time=None, text="20/03/2024 15:00 Goma"
    )


def test_a_sub_item_keeps_its_due_words_as_typed() -> None:
    entry = parse_line("/s Cartographier les sites [OIM] d'ici le 20 mars 2024", FR)
    assert isinstance(entry, NewSubItem)
    assert (entry.text, entry.owners) == ("Cartographier les sites d'ici le 20 mars 2024", ["OIM"])


# --------------------------------------------------------------------------------------
# /n: the next meeting
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("context", "line", "expected"),
    [
        (FR, "/n mardi 12 mars 2024 à 10h00 à Goma", (dt.date(2024, 3, 12), "10:00", "à Goma")),
        (FR, "/n le 12 mars 2024 à 9h Bangui", (dt.date(2024, 3, 12), "09:00", "Bangui")),
        (FR, "/n 12/03/2024 15:00 N'Djamena", (dt.date(2024, 3, 12), "15:00", "N'Djamena")),
        (FR, "/n 2024-03-12 15:00 Goma", (dt.date(2024, 3, 12), "15:00", "Goma")),
        (ES, "/n el martes 12 de marzo de 2024 a las 10:00", (dt.date(2024, 3, 12), "10:00", "")),
        (ES, "/n 12/03/2024, Bogotá", (dt.date(2024, 3, 12), None, "Bogotá")),
        (AR, "/n الثلاثاء ١٢ مارس ٢٠٢٤ الساعة ١٠:٠٠ عمّان", (dt.date(2024, 3, 12), "10:00", "عمّان")),
        (AR, "/n 12 آذار 2024 دمشق", (dt.date(2024, 3, 12), None, "دمشق")),
        (FR, "/n le 12 mars à Goma", (None, None, "le 12 mars à Goma")),  # no year: text
    ],
)
def test_next_meeting_dates_and_times_in_the_meetings_language(
    context: CaptureContext, line: str, expected: tuple[Any, ...]
) -> None:
    entry = parse_line(line, context)
    assert isinstance(entry, NextMeeting)
    assert (entry.date, entry.time, entry.text) == expected
    assert entry.warnings == []


def test_a_malformed_next_meeting_date_or_time_stays_in_the_text_with_a_warning() -> None:
    entry = parse_line("/n 30/02/2024 25h00 Goma", FR)
    assert isinstance(entry, NextMeeting)
    assert (entry.date, entry.time, entry.text) == (None, None, "30/02/2024 25h00 Goma")
    assert entry.warnings == [
        "30/02/2024 is not a calendar date; kept in the text",
        "25h00 is not a time of day (use HH:MM); kept in the text",
    ]


# --------------------------------------------------------------------------------------
# Properties: Babel's own dates read back; nothing raises
# --------------------------------------------------------------------------------------

_DUE_WORD = {"fr": "d'ici le", "es": "para el", "ar": "بحلول"}
_LOCALES = [("fr", "fr"), ("es", "es"), ("ar", "ar"), ("ar", "ar_SY"), ("ar", "ar_TN")]
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
DATES = st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31))
SHORT_DATES = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))  # Spanish "20/3/24"


def _reads_back(language: str, locale: str, form: str, day: dt.date) -> None:
    from babel.dates import format_date

    written = format_date(day, form, locale=locale)
    context = CaptureContext(language=language)
    line = f"/a Rapport [OCHA] {_DUE_WORD[language]} {written}"
    assert action(line, context).due_date == day, (line, action(line, context))
    assert action(f"/a Rapport {_DUE_WORD[language]} {written}", context).due_date == day
    entry = parse_line(f"/n {written} Goma", context)
    assert isinstance(entry, NextMeeting) and (entry.date, entry.text) == (day, "Goma"), entry


@FEW
@given(
    st.sampled_from(_LOCALES),
    st.sampled_from(["medium", "long", "full"]),
    DATES,
)
def test_property_babels_dates_read_back(place: tuple[str, str], form: str, day: dt.date) -> None:
    _reads_back(*place, form, day)


@FEW
@given(st.sampled_from(_LOCALES), SHORT_DATES)
def test_property_babels_short_dates_read_back(place: tuple[str, str], day: dt.date) -> None:
    _reads_back(*place, "short", day)


@pytest.mark.slow
@MANY
@given(st.sampled_from(_LOCALES), st.sampled_from(["short", "medium", "long", "full"]), SHORT_DATES)
def test_property_babels_dates_read_back_long(
    place: tuple[str, str], form: str, day: dt.date
) -> None:
    _reads_back(*place, form, day)


def test_the_record_locales_are_the_ones_read() -> None:
    """The dates the record prints (l28words, DATE_LOCALES) are among those read back."""
    assert {DATE_LOCALES[lang] for lang in ("fr", "es", "ar")} <= {loc for _, loc in _LOCALES}


LANGUAGE_CONTEXTS = st.sampled_from([FR, ES, AR])
DUE_FRAGMENTS = st.sampled_from(
    [
        "/a ",
        "[HCR] ",
        " d'ici le ",
        " avant le ",
        " au plus tard le ",
        " antes del ",
        " a más tardar el ",
        " بحلول ",
        " في موعد أقصاه ",
        "/n ",
        "20 mars 2024",
        "31/02/2024",
        "٢٠ مارس ٢٠٢٤",
        "\u200f/",
        " à 10h00 ",
        " 25h99 ",
        "mercredi ",
        "1er ",
        "de ",
    ]
)
DUE_LINES = st.lists(st.one_of(DUE_FRAGMENTS, st.text(alphabet=ANY_CHAR, max_size=5))).map("".join)


@FEW
@given(st.text(alphabet=ANY_CHAR), LANGUAGE_CONTEXTS)
def test_property_never_raises_in_french_spanish_arabic(line: str, context: CaptureContext) -> None:
    _check_parses(line, context)


@FEW
@given(st.one_of(DUE_LINES, GRAMMAR_TEXT), LANGUAGE_CONTEXTS)
def test_property_due_fragments_never_raise(line: str, context: CaptureContext) -> None:
    _check_parses(line, context)


@pytest.mark.slow
@MANY
@given(st.one_of(st.text(alphabet=ANY_CHAR), DUE_LINES, GRAMMAR_TEXT), LANGUAGE_CONTEXTS)
def test_property_never_raises_in_other_languages_long(line: str, context: CaptureContext) -> None:
    _check_parses(line, context)


def test_a_long_line_costs_no_more_in_another_language() -> None:
    line = "/a " + "x avant le comité " * 60_000 + "d'ici le 20 mars 2024"
    assert due(line, FR)[1:] == (MARCH_20, None)


def test_an_english_meeting_never_imports_babel() -> None:
    """The Enter path of an English meeting stays as it was: Babel is loaded only for a
    meeting in another language (and then it is)."""
    code = (
        "import sys\n"
        "from minutes_tui.capture import CaptureContext, parse_line\n"
        "for line in ('/a X [OCHA] by 2024-03-20', '/a X by end of May', '/n 2024-03-20 Goma'):\n"
        "    parse_line(line, CaptureContext())\n"
        "print('babel' in sys.modules, end=' ')\n"
        "parse_line('/a X avant le 20 mars 2024', CaptureContext(language='fr'))\n"
        "print('babel' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False True\n"


# --------------------------------------------------------------------------------------
# The directory in French, Spanish and Arabic
# --------------------------------------------------------------------------------------

AS_TYPED = [
    "BCAH",
    "HCR",
    "ACNUR",
    "PAM",
    "PMA",
    "OMS",
    "OPS",
    "OPS/OMS",
    "OIM",
    "FAO",
    "UNICEF",
    "FNUAP",
    "PNUD",
    "ONU Femmes",
    "ONU Mujeres",
    "CICR",
    "FICR",
    "OIT",
    "HCDH",
    "ACNUDH",
    "OCAH",
    "UNOPS",
    "MSF",
    "NRC",
    "CNR",
    "المفوضية",
    "اليونيسف",
    "برنامج الأغذية العالمي",
    "منظمة الصحة العالمية",
    "أوتشا",
]


@pytest.mark.parametrize("speaker", AS_TYPED)
@pytest.mark.parametrize("context", [EN, FR, ES, AR])
def test_french_spanish_and_arabic_names_speak_as_typed(
    speaker: str, context: CaptureContext
) -> None:
    entry = parse_line(f"{speaker}: le point", context)
    assert isinstance(entry, Note)
    assert (entry.speaker, entry.text, entry.warnings) == (speaker, "le point", [])


@pytest.mark.parametrize(
    ("typed", "speaker"),
    [
        ("Programme alimentaire mondial", "PAM"),  # as "World Food Programme" gives WFP
        ("programme alimentaire mondial", "PAM"),
        ("Haut Commissariat des Nations unies pour les refugies", "HCR"),
        ("Bureau de la coordination des affaires humanitaires", "BCAH"),
        ("Alto Comisionado de las Naciones Unidas para los Refugiados", "ACNUR"),
        ("Programa Mundial de Alimentos", "PMA"),
        ("مفوضية الأمم المتحدة لشؤون اللاجئين", "المفوضية"),
        ("مفوضية الامم المتحدة لشؤون اللاجئين", "المفوضية"),  # hamza left off
        ("اوتشا", "أوتشا"),
        ("يونيسف", "اليونيسف"),
    ],
)
def test_full_names_give_their_own_languages_short_name(typed: str, speaker: str) -> None:
    entry = parse_line(f"{typed}: point", FR)
    assert isinstance(entry, Note)
    assert (entry.speaker, entry.warnings) == (speaker, [])


def test_owners_and_participants_resolve_as_typed() -> None:
    entry = action("/a Cartographier les sites [HCR, PAM] d'ici le 20 mars 2024", FR)
    assert entry.owners == ["HCR", "PAM"]  # both known, so the comma splits them
    entry = action("/a تقرير [المفوضية، اليونيسف] بحلول 20 مارس 2024", AR)
    assert (entry.owners, entry.due_date) == (["المفوضية", "اليونيسف"], MARCH_20)
    people = parse_line("/p أحمد علي، المفوضية", AR)
    assert isinstance(people, NewParticipants)
    assert [(p.name, p.organisation) for p in people.people] == [("أحمد علي", "المفوضية")]


def test_every_translated_row_names_an_organisation_of_the_directory() -> None:
    shorts = {short for short, _, _ in ORGANISATIONS}
    assert {english for english, *_ in TRANSLATED} <= shorts


def test_done_when_bcah_and_hcr_speak_through_minutes_add_with_no_warning(home: Home) -> None:
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Cluster Protection, Goma"))
    store.close()
    lines = ["BCAH: présente la situation", "HCR: rappelle les chiffres", "/a Note [HCR, PAM]"]
    result = run_cli("add", str(mid), *lines, home=home)
    assert result.returncode == 0, result.stderr
    assert "not a known speaker" not in result.stderr and "warning" not in result.stderr
    store = Store.open(home)
    try:
        record = store.load(mid)
    finally:
        store.close()
    assert [(e.speaker, e.text) for e in record.entries] == [
        ("BCAH", "présente la situation"),
        ("HCR", "rappelle les chiffres"),
    ]
    assert [a.owners for a in record.actions] == [["HCR", "PAM"]]


@pytest.mark.parametrize("label", ["NOTA", "RAS", "RAPPEL", "ATTENTION"])
def test_french_and_spanish_labels_are_no_unknown_speakers(label: str) -> None:
    entry = parse_line(f"{label}: vérifier les chiffres", FR)
    assert isinstance(entry, Note)
    assert (entry.speaker, entry.text, entry.warnings) == (
        None,
        f"{label}: vérifier les chiffres",
        [],
    )


@pytest.mark.parametrize(
    "role",
    ["Président", "Presidente", "Co-présidente", "Secretaria", "Relatora", "الرئيس", "الأمانة"],
)
def test_french_spanish_and_arabic_roles_speak(role: str) -> None:
    entry = parse_line(f"{role}: ouvre la séance", FR)
    assert isinstance(entry, Note)
    assert (entry.speaker, entry.text) == (
        role.replace("Secretaria", "Secretaría"),
        "ouvre la séance",
    )
