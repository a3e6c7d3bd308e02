"""Redacted records in French, Spanish and Arabic: names go (with or without their
accents, vowel marks or prefixes), the language's months, weekdays, common words and the
organisations' acronyms stay. Meetings built directly, the Markdown read back."""

from __future__ import annotations

from minutes_tui.domain.snapshot import ItemData, MeetingData
from minutes_tui.record import build_record, render_markdown
from tests.record_fixtures import action, entry, meeting, person


def redacted(data: MeetingData) -> str:
    return render_markdown(build_record(data, "minutes", redact=True))


def test_a_french_record_loses_its_names_and_keeps_its_months_and_acronyms() -> None:
    people = [
        person(1, "Mme", "Aïcha Traoré", "BCAH"),
        person(2, "M.", "Jean Mars", None, "Chair"),
        person(3, None, "Pam Fontaine", "HCR"),
    ]
    data = meeting(
        language="fr",
        participants=people,
        items=[ItemData(1, "1", "Réunion de coordination", None, 1)],
        entries=[
            entry(1, 1, "Mme Aïcha Traoré a ouvert la réunion le 12 mars."),
            entry(2, 1, "Aicha Traore a présenté le plan ; TRAORÉ répondra lundi."),
            entry(3, 1, "Le PAM et le HCR suivront ; une fontaine réparée ; Mars viendra."),
            entry(4, 1, "M. Mars remercie l'OMS, l'OIM et le BCAH ; Pam Fontaine aussi."),
            entry(5, 1, "a clos la séance.", "Jean Mars", is_person=True),
        ],
        actions=[action(1, 1, 1, "Partager le rapport avant le 20 mars", ["Aïcha Traoré"])],
    )
    md = redacted(data)
    for name in ("Aïcha", "Aicha", "Traoré", "Traore", "TRAORÉ", "Jean", "M. Mars", "Pam Fontaine"):
        assert name not in md, name
    assert "BCAH a ouvert la réunion le 12 mars." in md
    assert "BCAH a présenté le plan ; BCAH répondra lundi." in md
    assert "Le PAM et le HCR suivront ; une fontaine réparée ; Mars viendra." in md
    assert "La présidence remercie l'OMS, l'OIM et le BCAH ; HCR aussi." in md
    assert "avant le 20 mars" in md
    assert "- La présidence a clos la séance." in md  # the speaker, by role, in French


def test_a_spanish_record_loses_its_names_and_keeps_its_words() -> None:
    people = [person(1, "Sr.", "José Pérez", "ACNUR"), person(2, "Sra.", "Paz Abril", None)]
    data = meeting(
        language="es",
        participants=people,
        items=[ItemData(1, "1", "Evaluación", None, 1)],
        entries=[
            entry(1, 1, "El Sr. José Pérez presentó la evaluación el 3 de abril."),
            entry(2, 1, "Jose Perez y la Sra. Abril piden paz; PEREZ enviará el informe."),
        ],
    )
    md = redacted(data)
    for name in ("José", "Jose", "Pérez", "Perez", "PEREZ", "Sra. Abril"):
        assert name not in md, name
    assert "ACNUR presentó la evaluación el 3 de abril." in md  # "El" went with "Sr."
    assert "ACNUR y un participante piden paz; ACNUR enviará el informe." in md


def test_an_arabic_record_loses_its_names_however_they_are_typed() -> None:
    people = [person(1, "السيد", "أحمد خليل", "اليونيسف"), person(2, None, "سلام آمنة", None)]
    data = meeting(
        language="ar",
        participants=people,
        items=[ItemData(1, "1", "الصحة", None, 1)],
        entries=[
            entry(1, 1, "قال السيد أحمد خليل إن المدارس مغلقة منذ آذار."),
            entry(2, 1, "شكر الرئيس احمد خليل وأحمد على التقرير يوم الخميس."),
            entry(3, 1, "أكد أَحْمَد خليـل أن سلام دائم ممكن، وآمنة ستتابع."),
        ],
    )
    md = redacted(data)
    for name in ("أحمد", "احمد", "أَحْمَد", "خليل", "خليـل", "آمنة"):
        assert name not in md, name
    assert "قال اليونيسف إن المدارس مغلقة منذ آذار." in md
    assert "شكر الرئيس اليونيسف واليونيسف على التقرير يوم الخميس." in md
    assert "أن سلام دائم ممكن، وأحد المشاركين ستتابع." in md


def test_a_name_after_a_french_elision_is_redacted_and_the_article_stays() -> None:
    people = [person(1, "Mme", "Hélène Lefèvre", "BCAH")]
    lines = [
        "Le rapport d'Hélène est prêt ; celui d’Hélène aussi.",
        "Selon Pierre, qu'Hélène valide, puis l'avis d'Lefèvre.",
        "Le texte d'Helene, jusqu'à d'HÉLÈNE et lorsqu’Hélène revient.",
        "Soutenu par Hélène.",
    ]
    data = meeting(
        language="fr",
        participants=people,
        items=[ItemData(1, "1", "Rapport", None, 1)],
        entries=[entry(i + 1, 1, line) for i, line in enumerate(lines)],
    )
    md = redacted(data)
    for name in ("Hélène", "Helene", "HÉLÈNE", "Lefèvre"):
        assert name not in md, name
    assert "Le rapport d'BCAH est prêt ; celui d’BCAH aussi." in md
    assert "Selon Pierre, qu'BCAH valide, puis l'avis d'BCAH." in md
    assert "Le texte d'BCAH, jusqu'à d'BCAH et lorsqu’BCAH revient." in md
    assert "Soutenu par BCAH." in md


def test_an_arabic_name_behind_two_prefixes_is_redacted_and_the_prefixes_stay() -> None:
    people = [person(1, "السيد", "أحمد الخطيب", "اليونيسف")]
    lines = [
        "شكرا وبأحمد فبأحمد تم الأمر.",
        "قال ولأحمد وكأحمد رأي.",
        "الكلمة للخطيب ثم وللخطيب وبالخطيب.",
    ]
    data = meeting(
        language="ar",
        participants=people,
        items=[ItemData(1, "1", "الصحة", None, 1)],
        entries=[entry(i + 1, 1, line) for i, line in enumerate(lines)],
    )
    md = redacted(data)
    for name in ("أحمد", "خطيب"):
        assert name not in md, name
    assert "شكرا وباليونيسف فباليونيسف تم الأمر." in md
    assert "قال ولاليونيسف وكاليونيسف رأي." in md
    assert "الكلمة لاليونيسف ثم ولاليونيسف وباليونيسف." in md


def test_a_spanish_first_name_that_is_a_word_is_redacted_inside_a_sentence() -> None:
    people = [person(1, "Sr.", "Ángel Peña", "ACNUR"), person(2, None, "Rose Martin", None)]
    data = meeting(
        language="es",
        participants=people,
        items=[ItemData(1, "1", "Evaluación", None, 1)],
        entries=[
            entry(1, 1, "Saludos a Ángel y gracias a Rose."),
            entry(2, 1, "Habló con Angel; un ángel y una rosa."),
            entry(3, 1, "Ángel enviará el informe."),  # first word: it may be the word
        ],
    )
    md = redacted(data)
    assert "Saludos a ACNUR y gracias a un participante." in md
    assert "Habló con ACNUR; un ángel y una rosa." in md
    assert "Ángel enviará el informe." in md
