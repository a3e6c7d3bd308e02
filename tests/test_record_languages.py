"""A record in its meeting's language: every fixed word and date of every style, in
Markdown and in the Word file read back (issue 28). English stays as it was: the golden
records of tests/test_record_markdown.py prove it byte for byte."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import io
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from minutes_tui.domain.snapshot import ItemData, MeetingData, RegisterData, ReviewData
from minutes_tui.domain.vocabulary import ROLES, SENSITIVITIES, STATUS_INFO, STYLE_NAMES, STYLES
from minutes_tui.record import build_record, build_register_record, render_markdown
from minutes_tui.record.export import render
from tests.record_fixtures import T0, action, entry, meeting, person, series

__all__ = ["series"]  # a fixture

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "src" / "minutes_tui" / "record"
LOCALE = ROOT / "src" / "minutes_tui" / "locale"
LANGUAGES = ("fr", "es", "ar")
MARCH_12 = dt.date(2024, 3, 12)
LONG = {"fr": "12 mars 2024", "es": "12 de marzo de 2024", "ar": "12 مارس 2024"}
MONTH = {"fr": "mars 2024", "es": "marzo de 2024", "ar": "مارس 2024"}  # a workplan's period


def cluster_meeting(language: str) -> MeetingData:
    """A protection cluster's meeting of 12 March 2024, typed in French (so that no English
    word in the record can come from what the rapporteur typed)."""
    items = [
        ItemData(1, "1", "Situation sécuritaire", None, 1),
        ItemData(2, "2", "Plan de réponse", "HCR; UNICEF", 2),
        ItemData(3, "3", "Divers", None, 3),
    ]
    entries = [
        entry(1, 1, "présente la situation à Kaga-Bandoro.", "HCR"),
        entry(2, 1, "Le cluster adopte la note d'orientation.", kind="decision"),
        entry(3, 2, "Les financements restent insuffisants.", kind="key_message"),
        entry(4, 2, "La cartographie des partenaires est à jour."),
    ]
    first = action(1, 1, 1, "Partager la note d'orientation", ["HCR"], MARCH_12.replace(day=20))
    second = action(2, 2, 2, "Mettre à jour la cartographie", ["UNICEF"], None, "fin mars")
    second.status = "in_progress"
    earlier = action(9, 4, None, "Diffuser le rapport mensuel", ["OCHA"])
    review = ReviewData(1, 1, 4, earlier.text, ["OCHA"], "completed", "Rapport diffusé.", T0, 9)
    review.action_meeting_id, review.action_meeting_date = 7, dt.date(2024, 2, 13)
    return meeting(
        body="Cluster Protection RCA",
        title="Réunion mensuelle du cluster",
        session="Troisième séance",
        date=MARCH_12,
        start_time="10:00",
        end_time="12:00",
        place="Bureau du HCR, Bangui",
        chair="Mme Awa Diallo",
        sensitivity="RESTRICTED",
        status="draft",
        next_date=dt.date(2024, 4, 9),
        next_time="10:00",
        next_text="à confirmer",
        previous_id=5,
        language=language,
        participants=[
            person(1, "Mme", "Awa Diallo", "HCR", "Chair"),
            person(2, "M.", "Jean Koné", "UNICEF", "Presenter"),
            person(3, "M.", "Paul Ngoma", "IRC", "Member"),
            person(4, "Mme", "Nadia Bello", "ECHO", "Observer"),
            person(5, "Mme", "Fatou Sow", "OCHA", None, None, "apologies"),
        ],
        items=items,
        entries=entries,
        actions=[first, second],
        reviews=[review],
        previous_actions=[],
    )


def docx_text(record_bytes: bytes) -> str:
    """Every word a reader of the Word file sees: body, tables, page header and footer,
    and the document's category."""
    from docx import Document

    doc = Document(io.BytesIO(record_bytes))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    for section in doc.sections:
        lines += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    lines.append(doc.core_properties.category)
    return "\n".join(lines)


def both(data: MeetingData, style: str) -> tuple[str, str]:
    """The record of `data` in `style` as Markdown and as the Word file's text."""
    md = render(data, "md", style).decode("utf-8")
    return md, docx_text(render(data, "docx", style))


# ---- the promises ---------------------------------------------------------------


def test_a_french_record_reads_12_mars_2024_and_decision_in_markdown_and_word() -> None:
    for text in both(cluster_meeting("fr"), "summary"):
        assert "12 mars 2024" in text
        assert "Décision" in text
        for english in ("Decision", "Action points", "(Chair)", "March"):
            assert english not in text
        assert "Présidence" in text and "d'ici le 20 mars 2024" in text


def test_a_spanish_record_reads_12_de_marzo_de_2024_and_decision() -> None:
    for text in both(cluster_meeting("es"), "summary"):
        assert "12 de marzo de 2024" in text
        assert "Decisión" in text and "Decision:" not in text
        assert "Presidencia" in text and "para el 20 de marzo de 2024" in text


def test_an_arabic_record_has_arabic_fixed_words_and_date() -> None:
    md, word = both(cluster_meeting("ar"), "summary")
    for text in (md, word):
        assert "12 مارس 2024" in text
        assert "قرار:" in text and "الرئاسة" in text and "بحلول 20 مارس 2024" in text
        assert "Decision" not in text and "March" not in text
    assert "الصفحة 1 من 1" in word  # the footer's "Page N of M"
    assert "مقيد · مسودة" in word  # the page header: RESTRICTED · DRAFT


# ---- no English fixed word, in any style, format or language ---------------------------


@cache
def catalogue(language: str) -> dict[str, str]:
    with (LOCALE / language / "LC_MESSAGES" / "record.po").open("rb") as f:
        return {str(m.id): str(m.string) for m in read_po(f) if m.id}


_PLACEHOLDER = re.compile(r"\{\w+\}")


def english_words(language: str) -> set[str]:
    """The English words of every message the language translates differently: what a
    record in that language must never print."""
    out: set[str] = set()
    for msgid, msgstr in catalogue(language).items():
        for piece in _PLACEHOLDER.split(msgid):
            piece = piece.strip(" :–-(),;[]")
            if re.search(r"[A-Za-z]{2}", piece) and piece not in msgstr:
                out.add(piece)
    return out


def leftovers(text: str, language: str) -> list[str]:
    return sorted(
        w for w in english_words(language) if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("style", STYLES)
def test_no_english_fixed_word_in_any_style_or_format(style: str, language: str) -> None:
    data = cluster_meeting(language)
    md, word = both(data, style)
    assert leftovers(md, language) == []
    assert leftovers(word, language) == []
    date = (MONTH if style == "workplan" else LONG)[language]
    assert date in md and date in word


def test_a_record_including_confidential_entries_says_so_in_its_language() -> None:
    data = cluster_meeting("fr")
    data.entries[3].confidential = True
    md = render_markdown(build_record(data, "summary", include_confidential=True))
    assert "[Confidentiel] La cartographie" in md
    assert "**DIFFUSION RESTREINTE · PROJET · CONTIENT DES ÉLÉMENTS CONFIDENTIELS**" in md


@pytest.mark.parametrize("style", ["summary", "minutes", "actions", "summary-status"])
def test_no_french_fixed_word_is_taken_for_an_unknown_name(series: MeetingData, style: str) -> None:
    """A redacted record lists name-like words nobody recorded (record/unknown.py) and is
    not written unless the user decides; the record's own French words are never among
    them. (The meeting's text is English here: the check reads English words, and French
    text typed by a rapporteur is another part of issue 28.)"""
    from minutes_tui.record.residual import checker
    from minutes_tui.record.unknown import unknown_names

    def flagged(language: str) -> set[str]:
        data = dataclasses.replace(series, language=language)
        md = render(data, "md", style, redact=True, keep=True).decode("utf-8")
        assert "Shon Campbell" not in md
        return set(unknown_names(md, checker(data), language=language))

    assert flagged("fr") <= flagged("en")  # ("ProGres", typed in the meeting, is in both)


def test_a_register_report_is_in_its_language() -> None:
    first = action(1, 1, 1, "Cartographier les partenaires", ["HCR"], dt.date(2021, 9, 30))
    first.group, first.meeting_date = "Protection des données", dt.date(2021, 2, 3)
    register = RegisterData("Cluster Protection", dt.date(2021, 2, 1), dt.date(2021, 6, 30))
    register.actions = [first]
    french = render_markdown(build_register_record(register, language="fr"))
    assert "Rapport d'avancement – février–juin 2021" in french
    assert "**\\[EN ATTENTE\\]** En attente" in french  # the legend
    assert "d'ici le 30 septembre 2021" in french
    spanish = render_markdown(build_register_record(dataclasses.replace(register, language="es")))
    assert "Informe de avance – febrero–junio de 2021" in spanish
    english = render_markdown(build_register_record(register))
    assert "Progress report – February–June 2021" in english
    assert "by 30 September 2021" in english


# ---- the catalogues ----------------------------------------------------------------------


def _called(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def record_messages() -> dict[str, str]:
    """Every message the record code writes (msgid → where): `words("…")`, `N_("…")`,
    and the vocabulary's words the record prints (statuses, document kinds, roles,
    sensitivities)."""
    found: dict[str, str] = {}
    for path in sorted(RECORD.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and _called(node) in ("words", "N_") and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    for info in STATUS_INFO.values():
        found.setdefault(info.title, "vocabulary.STATUS_INFO")
        found.setdefault(info.marker, "vocabulary.STATUS_INFO")
    for word in (*STYLE_NAMES.values(), *ROLES, *SENSITIVITIES):
        found.setdefault(word, "vocabulary")
    return found


def test_the_scan_finds_the_record_messages() -> None:
    messages = record_messages()
    assert {"Decision:", "Page {page} of {pages}", "{label}:", "Priority areas of work"} <= set(
        messages
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_record_message_has_an_entry_in_each_catalogue(language: str) -> None:
    entries = catalogue(language)
    missing = [f"{m!r} ({where})" for m, where in record_messages().items() if not entries.get(m)]
    assert missing == [], f"record.po of {language} lacks: " + ", ".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_add_no_markdown(language: str) -> None:
    """A translation has the message's placeholders, and no Markdown mark the message has
    not: the record puts fixed words into inline Markdown as they are."""
    for msgid, msgstr in catalogue(language).items():
        assert sorted(_PLACEHOLDER.findall(msgstr)) == sorted(_PLACEHOLDER.findall(msgid)), msgid
        assert set(re.findall(r"[*_`\[\]<>\\|#]", msgstr)) <= set(msgid), msgid


def test_the_record_writes_no_month_of_its_own() -> None:
    """Dates in the record come from Babel: no module of the record package imports the
    app's English month table or its English date helpers."""
    for path in sorted(RECORD.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "minutes_tui.domain.display":
                names = {a.name for a in node.names}
                assert not names & {"MONTHS", "long_date", "short_date"}, path
