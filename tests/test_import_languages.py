"""Issue 28: `minutes import-record` reads records written in French, Spanish and Arabic
(tests/fixtures/languages, as Markdown and as Word built from it): their headings,
header labels, lead-ins, action tables, statuses and dates land in their fields, and the
meeting is given the record's language. English records read as before."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes_tui.domain.snapshot import MeetingData
from tests.conservation import kept, placed_sentences, source_text
from tests.language_records import FOLDER, RECORDS, TEXTS, build_docx
from tests.record_fixtures import load_meeting
from tests.roundtrip import import_into

FR = FOLDER / "fr-cluster-protection.md"
ES = FOLDER / "es-gtrm-proteccion.md"
AR = FOLDER / "ar-protection-cluster.md"


def _form(tmp_path: Path, record: Path, form: str) -> Path:
    return record if form != "docx" else build_docx(record, tmp_path / f"{record.stem}.docx")


def _imported(tmp_path: Path, path: Path) -> MeetingData:
    home = tmp_path / "home"
    return load_meeting(home, import_into(home, path))


def _recognised(path: Path):  # type: ignore[no-untyped-def]
    from minutes_tui.cli.importing import read

    return read(path, None)


@pytest.mark.parametrize(
    ("record", "form"),
    [*((r, f) for r in RECORDS for f in ("md", "docx")), *((t, "txt") for t in TEXTS)],
    ids=lambda v: v.stem if isinstance(v, Path) else v,
)
def test_every_sentence_of_a_foreign_record_is_placed(
    tmp_path: Path, record: Path, form: str
) -> None:
    """Each sentence (a line, a cell, a sentence of a paragraph) is an entry, an action, a
    participant or a header fact, none in the "could not place" list, no word lost."""
    path = _form(tmp_path, record, form)
    rec = _recognised(path)
    meeting = _imported(tmp_path, path)
    source = source_text(path)
    assert not kept(source, meeting, rec.unplaced, rec.structure)
    placed, total = placed_sentences(source, meeting, rec.unplaced, rec.structure)
    assert (placed, rec.unplaced) == (total, [])


@pytest.mark.parametrize("form", ["md", "docx"])
def test_a_french_record_imports_into_its_fields(tmp_path: Path, form: str) -> None:
    path = _form(tmp_path, FR, form)
    assert _recognised(path).language == "fr"
    m = _imported(tmp_path, path)
    assert m.language == "fr"  # the meeting is French: its record, grammar and search follow
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 3, 12), "10:00", "12:30")
    assert m.body == "Cluster Protection"
    assert m.place == "Bureau OCHA, Goma, et en ligne (Teams)"
    assert m.chair is not None and m.chair.startswith("Mme Awa Traoré")
    assert (m.next_date, m.next_time) == (dt.date(2024, 4, 9), "10:00")
    decisions = [e.text for e in m.entries if e.kind == "decision"]
    assert len(decisions) == 4 and decisions[1].startswith("Le cluster adopte")
    new = {a.text: a for a in m.actions if a.number > 3}
    alert = new["Rédiger la note d'alerte sur les sites spontanés"]
    assert (alert.owners, alert.due_date, alert.status) == (
        ["HCR"],
        dt.date(2024, 3, 29),
        "in_progress",
    )
    legal = new["Organiser une séance d'appui juridique mobile à Bulengo"]
    assert legal.due_date == dt.date(2024, 3, 20)  # "20/03/2024": day first
    assert new["Mettre à jour la liste des points focaux de protection"].status == "completed"
    assert new["Partager les critères de priorisation du plan de réponse"].status == "pending"
    # the previous meeting's actions (carried: this store holds no earlier meeting)
    carried = {a.text: a for a in m.actions if a.number <= 3}
    assert (
        carried["Partager la cartographie des acteurs de protection par zone de santé"].status
        == "completed"
    )
    people = {(p.name, p.position, p.organisation) for p in m.participants}
    assert ("Mme Awa Traoré", "Coordinatrice du cluster", "HCR") in people


@pytest.mark.parametrize("form", ["md", "docx"])
def test_a_spanish_record_imports_into_its_fields(tmp_path: Path, form: str) -> None:
    path = _form(tmp_path, ES, form)
    assert _recognised(path).language == "es"
    m = _imported(tmp_path, path)
    assert (m.date, m.start_time, m.body) == (dt.date(2024, 3, 12), "15:00", "Sector Protección")
    assert (m.next_date, m.next_time) == (dt.date(2024, 4, 9), "15:00")
    assert sum(e.kind == "decision" for e in m.entries) == 4
    new = {a.text: a for a in m.actions if a.number > 3}
    note = new["Redactar la nota informativa sobre la situación en Tumbes"]
    assert (note.owners, note.due_date, note.status) == (
        ["ACNUR"],
        dt.date(2024, 3, 26),
        "in_progress",
    )
    assert new["Compartir la guía de derivación revisada"].due_date == dt.date(2024, 3, 20)
    assert new["Actualizar el directorio de puntos focales"].status == "completed"


@pytest.mark.parametrize("form", ["md", "docx"])
def test_an_arabic_record_imports_into_its_fields(tmp_path: Path, form: str) -> None:
    path = _form(tmp_path, AR, form)
    assert _recognised(path).language == "ar"
    m = _imported(tmp_path, path)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 3, 12), "10:00", "12:00")
    assert m.body == "مجموعة الحماية"
    assert (m.next_date, m.next_time) == (dt.date(2024, 4, 9), "10:00")  # "٩ نيسان ٢٠٢٤"
    assert sum(e.kind == "decision" for e in m.entries) == 4
    new = {a.text: a for a in m.actions if a.number > 3}
    alert = new["إعداد مذكرة الإنذار حول المخيمات المكتظة"]
    assert (alert.owners, alert.due_date, alert.status) == (
        ["المفوضية"],
        dt.date(2024, 3, 29),
        "in_progress",
    )
    assert new["تحديث قائمة جهات التنسيق للحماية"].due_date == dt.date(2024, 3, 15)  # "آذار"
    assert new["تحديث قائمة جهات التنسيق للحماية"].status == "completed"
    assert [i.label for i in m.items if i.label] == ["1", "2", "3", "4", "5"]  # "١." …


@pytest.mark.parametrize(
    ("language", "text", "date"),
    [
        ("fr", "Le mardi 12 mars 2024", dt.date(2024, 3, 12)),
        ("fr", "1er avril 2024", dt.date(2024, 4, 1)),
        ("fr", "12/03/2024", dt.date(2024, 3, 12)),
        ("es", "martes, 12 de marzo de 2024", dt.date(2024, 3, 12)),
        ("ar", "١٢ مارس ٢٠٢٤", dt.date(2024, 3, 12)),
        ("ar", "٥ كانون الثاني ٢٠٢٤", dt.date(2024, 1, 5)),
    ],
)
def test_a_date_line_in_the_records_language(language: str, text: str, date: dt.date) -> None:
    from minutes_tui.importer.dates import is_date_line
    from minutes_tui.importer.languages import reading

    with reading(language):  # type: ignore[arg-type]
        assert is_date_line(text) == date
    assert is_date_line(text) is None  # an English record: "12/03/2024" may be 3 December


def test_an_english_record_stays_english_and_needs_no_babel(tmp_path: Path) -> None:
    """The English records read as before (their tests); telling the language costs no
    Babel import (only a foreign record's dates load its month names)."""
    record = (
        Path(__file__).parent / "fixtures" / "backcatalogue" / "minutes-im-network-march-2020.txt"
    )
    code = (
        "import sys\n"
        "from minutes_tui.cli.importing import read\n"
        f"rec = read(__import__('pathlib').Path({str(record)!r}), None)\n"
        "print(rec.language, 'babel' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["en", "False"]


def test_the_dry_run_says_the_language(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    result = run_cli("import-record", str(FR), "--dry-run", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "language: fr" in result.stdout
    assert "date: 2024-03-12" in result.stdout


def test_a_french_record_typed_as_text(tmp_path: Path) -> None:
    """Text as pdftotext gives it: "Décision :" not in bold, actions as bullets with their
    owners in brackets and "d'ici le …", "avant le 29/02/2024", participants "PAM : M. …"."""
    m = _imported(tmp_path, FOLDER / "fr-secal-tchad.txt")
    assert (m.date, m.body) == (dt.date(2024, 2, 5), "Cluster Sécurité Alimentaire")
    assert [e.text for e in m.entries if e.kind == "decision"] == [
        "Le cluster adopte les critères de ciblage harmonisés pour la période de soudure."
    ]
    due = {a.text.split()[0]: (a.owners, a.due_date) for a in m.actions}
    assert due["Partager"] == (["PAM"], dt.date(2024, 2, 12))
    assert due["Organiser"] == (["FAO", "HCR"], dt.date(2024, 2, 29))
    people = {(p.name, p.organisation) for p in m.participants}
    assert {("Mme Claire Martin", "HCR"), ("Mme Fatimé Oumar", "FAO")} <= people


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("fr", "Partager la note [HCR] d'ici le 20 mars 2024"),
        ("fr", "Partager la note [HCR] avant le 20/03/2024"),
        ("fr", "Partager la note (HCR) d’ici le 20 mars 2024"),
        ("es", "Compartir la nota [ACNUR] para el 20 de marzo de 2024"),
        ("es", "Compartir la nota [ACNUR] antes del 20/03/2024"),
        ("ar", "مشاركة المذكرة [المفوضية] بحلول ٢٠ مارس ٢٠٢٤"),
    ],
)
def test_a_due_phrase_in_the_records_language(language: str, written: str) -> None:
    from minutes_tui.importer.actions import action_line
    from minutes_tui.importer.languages import reading

    with reading(language):  # type: ignore[arg-type]
        assert action_line(written).endswith("] by 2024-03-20")
    assert "by 2024-03-20" not in action_line(written)  # an English record's "by" only


_EARLIER = """\
# Compte rendu de la réunion du Cluster Protection

**Date :** 13 février 2024

## Points d'action

- Partager la cartographie des acteurs de protection par zone de santé [HCR] d'ici le 1er mars 2024
- Mettre à jour la note de plaidoyer sur l'accès humanitaire [BCAH] d'ici le 8 mars 2024
"""


def test_a_french_table_of_previous_actions_reviews_the_stored_ones(tmp_path: Path) -> None:
    """ "Suivi des points d'action de la réunion précédente": its rows are the body's
    earlier actions (stored with their due phrase taken off), reviewed, not agreed again."""
    home = tmp_path / "home"
    earlier = tmp_path / "fevrier.md"
    earlier.write_text(_EARLIER, "utf-8")
    first = load_meeting(home, import_into(home, earlier))
    assert [a.due_date for a in first.actions] == [dt.date(2024, 3, 1), dt.date(2024, 3, 8)]
    m = load_meeting(home, import_into(home, FR))
    texts = [a.text for a in m.actions]
    assert "Partager la cartographie des acteurs de protection par zone de santé" not in texts
    earlier = [a.id for a in first.actions]
    reviews = {r.action_id: r.status for r in m.reviews if r.action_id in earlier}
    assert reviews == {earlier[0]: "completed", earlier[1]: "pending"}


@pytest.mark.parametrize(
    "footer", ["PROJET – NE PAS DIFFUSER", "BORRADOR", "Página 2 de 5", "صفحة ٢ من ٥"]
)
def test_a_pages_furniture_in_the_records_language_is_no_item(footer: str) -> None:
    from minutes_tui.importer import read_text, recognise

    record = {"BORRADOR": ES, "Página 2 de 5": ES, "صفحة ٢ من ٥": AR}.get(footer, FR)
    text = record.read_text("utf-8")
    cut = text.index("\n## ٣." if footer == "صفحة ٢ من ٥" else "\n## 3.")  # a page broke
    rec = recognise(read_text(f"{text[:cut]}\n\n{footer}\n{text[cut:]}"))
    assert f"\\{footer}" in rec.lines
    assert not any(line.startswith("/i") and footer in line for line in rec.lines)
    assert any("page furniture" in u for u in rec.unplaced)


@pytest.mark.parametrize(
    ("title", "said", "actions"),
    [
        (
            "Compte rendu",
            "La réunion du Cluster Protection s'est tenue le mardi 12 mars 2024 à Goma.",
            "Points d'action",
        ),
        (
            "Acta",
            "La reunión del Sector Protección se realizó el 12 de marzo de 2024 en Lima.",
            "Puntos de acción",
        ),
        ("محضر اجتماع", "عقد اجتماع مجموعة الحماية يوم ١٢ آذار ٢٠٢٤ في غازي عنتاب.", "نقاط العمل"),
    ],
)
def test_the_day_a_record_says_the_meeting_met_on(title: str, said: str, actions: str) -> None:
    from minutes_tui.importer import read_text, recognise

    rec = recognise(read_text(f"# {title}\n\n{said}\n\n## {actions}\n\n- [HCR] Partager\n"))
    assert rec.header.date == dt.date(2024, 3, 12)


# A generated record in each language: its fixed words, Babel's dates (Arabic-Indic digits
# too), an action table and bulleted actions with due phrases, decisions, paragraphs.
_FIXED = {
    "fr": ("Compte rendu de la réunion", "Date :", "Points d'action", "Décisions",
           ["Action", "Responsable", "Échéance", "Statut"], "d'ici le"),
    "es": ("Acta de la reunión", "Fecha:", "Puntos de acción", "Acuerdos",
           ["Acción", "Responsable", "Plazo", "Estado"], "antes del"),
    "ar": ("محضر اجتماع", "التاريخ:", "نقاط العمل", "القرارات",
           ["الإجراء", "المسؤول", "الموعد النهائي", "الحالة"], "بحلول"),
}  # fmt: skip
_PROSE = {
    "fr": "le cluster a examiné la situation des sites et des partenaires dans la province",
    "es": "el sector revisó la situación de los albergues y de las socias en la frontera",
    "ar": "ناقشت المجموعة الوضع في المخيمات ومع الشركاء في المنطقة",
}
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@st.composite
def _foreign_record(draw: st.DrawFn) -> tuple[str, str, list[dt.date]]:
    from babel.dates import format_date

    from minutes_tui.importer.fixed_words import WORDS

    language = draw(st.sampled_from(["fr", "es", "ar"]))
    title, date_label, actions, decisions, columns, due = _FIXED[language]
    dates = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))

    def written(day: dt.date) -> str:
        text = draw(st.sampled_from([format_date(day, "long", locale=language), f"{day:%d/%m/%Y}"]))
        return text.translate(_ARABIC_DIGITS) if language == "ar" and draw(st.booleans()) else text

    def sentence() -> str:
        words = _PROSE[language].split()
        return " ".join(draw(st.permutations(words))[: draw(st.integers(4, len(words)))])

    day = draw(dates)
    out = [f"# {title}", f"**{date_label}** {written(day)}"]
    for _ in range(draw(st.integers(0, 3))):
        out.append(sentence().capitalize() + ".")
    out.append(f"## {decisions}")
    out += [f"- {sentence().capitalize()}." for _ in range(draw(st.integers(1, 3)))]
    out.append(f"## {actions}")
    statuses = sorted(WORDS[language].statuses)
    due_dates = [draw(dates) for _ in range(draw(st.integers(1, 4)))]
    rows = [f"| {' | '.join(columns)} |", "|---|---|---|---|"]
    for due_day in due_dates:
        status = draw(st.sampled_from(statuses)).capitalize()
        rows.append(f"| {sentence().capitalize()} | HCR | {written(due_day)} | {status} |")
    out.append("\n".join(rows))
    bullet_day = draw(dates)
    out.append(f"- {sentence().capitalize()} [OCHA] {due} {written(bullet_day)}")
    return language, "\n\n".join(out) + "\n", [day, *due_dates, bullet_day]


def _conserved(tmp_path: Path, record: tuple[str, str, list[dt.date]]) -> None:
    language, text, dates = record
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = folder / "record.md"
    path.write_text(text, "utf-8")
    rec = _recognised(path)
    meeting = _imported(folder, path)
    assert rec.language == language
    assert not kept(text, meeting, rec.unplaced, rec.structure)
    assert [meeting.date, *(a.due_date for a in meeting.actions)] == dates


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(record=_foreign_record())
def test_a_generated_foreign_record_keeps_every_word_and_date(
    tmp_path: Path, record: tuple[str, str, list[dt.date]]
) -> None:
    _conserved(tmp_path, record)


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(record=_foreign_record())
def test_a_generated_foreign_record_keeps_every_word_and_date_long(
    tmp_path: Path, record: tuple[str, str, list[dt.date]]
) -> None:
    _conserved(tmp_path, record)


def test_an_arabic_header_typed_line_under_line() -> None:
    """Header lines with no blank line between them (text copied out of Word) are fields
    each, not one paragraph: "المكان: …" starts a line of its own as "Place: …" does."""
    from minutes_tui.importer import read_text, recognise

    text = (
        "محضر اجتماع مجموعة الحماية\n\n"
        "التاريخ: ١٢ مارس ٢٠٢٤\nالمكان: غازي عنتاب\nالرئاسة: السيدة ليلى حداد\n\n"
        "نقاط العمل\n\n- مشاركة المذكرة [المفوضية] بحلول ٢٠ مارس ٢٠٢٤\n"
    )
    rec = recognise(read_text(text))
    h = rec.header
    assert (h.date, h.place, h.chair) == (dt.date(2024, 3, 12), "غازي عنتاب", "السيدة ليلى حداد")
    assert rec.lines == ["/a مشاركة المذكرة [المفوضية] by 2024-03-20"]
