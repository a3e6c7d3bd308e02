"""The fixed words of records written in French, Spanish and Arabic, as coordination
bodies write them ("Points d'action", "Acuerdos", "نقاط العمل", "Échéance", "En cours"),
and the record's language told from them. Pure.

While a record is recognised (`reading(language)`), the recogniser's word lists are the
English ones plus those of the record's language: a French record's "Points d'action"
opens its actions, its "Échéance" column is the due date, its "En cours" a status. The
language is held for the length of one `recognise` call (a context variable) because
the dates, statuses and labels it decides are read in a dozen places; an English record
is read with the English words only, exactly as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from minutes_tui.domain.language import Language
from minutes_tui.domain.vocabulary import ActionStatus, status_from_word

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_CURRENT: ContextVar[Language] = ContextVar("record_language", default="en")


@contextmanager
def reading(language: Language) -> Iterator[None]:
    token = _CURRENT.set(language)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> Language:
    return _CURRENT.get()


@dataclass(frozen=True)
class Words:
    """One language's fixed words. Regexes are matched against casefolded text."""

    sections: dict[str, str] = field(default_factory=dict)  # section kind → regex (fullmatch)
    labels: dict[str, str] = field(default_factory=dict)  # "lieu" → "place" (header fields)
    decisions: frozenset[str] = frozenset()  # lead-ins of a decision
    key_messages: frozenset[str] = frozenset()
    next_meeting: str = ""  # a paragraph opening so is the next meeting
    columns: tuple[tuple[str, str], ...] = ()  # a header cell's word → the English column
    statuses: dict[str, ActionStatus] = field(default_factory=dict)
    due: str = ""  # words before a due date ("d'ici le"), as `by` in English
    honorifics: str = ""  # regex alternation, each followed by a space and a name
    titles: str = ""  # words of a record's title (telling the language)
    time_to: str = ""  # "10h00 à 12h00": the word between two times
    when: str = ""  # words of a due phrase that is no date ("prochaine réunion", "fin")
    # a title naming the body that met: "Compte rendu de la réunion du Cluster Protection"
    body: str = ""
    furniture: str = ""  # a page's header or footer, whole: "Page 2 sur 5", "BORRADOR"
    met_on: str = ""  # "s'est tenue le": the words before the day a meeting met


FRENCH = Words(
    sections={
        "actions": r"points? d'actions?|actions? (à (mener|suivre|entreprendre)|convenues|"
        r"retenues)|prochaines étapes|plan d'actions?",
        "review": r"(suivi|revue|examen|état d'avancement|point sur( l'état)?)( des| de l')? ?"
        r"(points? d'actions?|actions?|recommandations?)( de la (réunion )?(précédente|"
        r"dernière)( réunion)?| précédent(e)?s)",
        "participants": r"(annexe\s*:?\s*)?((liste des )?participant(e)?s|liste de présence|"
        r"présences?|personnes présentes)",
        "next": r"(date de la )?prochaine réunion.*",
        "discussion": r"(points de )?discussions?|échanges|débats?",
        "decisions": r"décisions?( prises)?|principales décisions",
        "intro": r"introduction|mot d'ouverture",
    },
    labels={
        "date": "date",
        "lieu": "place",
        "heure": "time",
        "horaire": "time",
        "présidence": "chair",
        "présidé par": "chair",
        "président": "chair",
        "présidente": "chair",
        "coprésidence": "co-chairs",
        "rapporteur": "rapporteur",
        "rapporteuse": "rapporteur",
        "secrétariat": "rapporteur",
        "participants": "participants",
        "organe": "body",
    },
    decisions=frozenset({"décision", "décisions", "décision prise", "il a été convenu"}),
    key_messages=frozenset({"message clé", "messages clés"}),
    next_meeting=r"(la\s+)?prochaine\s+réunion\b",
    columns=(
        ("livrable", "deliverable"),
        ("action", "action"),
        ("responsab", "responsible"),
        ("échéance", "deadline"),
        ("echeance", "deadline"),
        ("délai", "deadline"),
        ("date limite", "deadline"),
        ("statut", "status"),
        ("état", "status"),
        ("avancement", "progress"),
        ("commentaire", "comments"),
        ("observation", "comments"),
        ("partenaire", "partners"),
        ("organisation", "organisation"),
        ("structure", "organisation"),
        ("nom", "name"),
        ("fonction", "function"),
        ("poste", "function"),
    ),
    statuses={
        "en cours": "in_progress",
        "terminé": "completed",
        "terminée": "completed",
        "achevé": "completed",
        "achevée": "completed",
        "réalisé": "completed",
        "réalisée": "completed",
        "fait": "completed",
        "en attente": "pending",
        "à faire": "pending",
        "annulé": "dropped",
        "annulée": "dropped",
        "continu": "continuous",
        "permanent": "continuous",
    },
    due=r"d['’]ici (?:le |au |à )?|avant (?:le )?|au plus tard (?:le )?|pour le ",
    honorifics=r"M\.|Mme|Mlle|Dr|Pr",
    titles=r"compte rendu|procès-verbal|relevé de conclusions|réunion|ordre du jour",
    time_to=r"à",
    met_on=r"\b(s['’]est tenue?|s['’]est réunie?|a eu lieu|se sont réunis|réunis)\b[^.;]{0,60}?"
    r"\b(le|du)\s+(?=\S)",
    furniture=r"(projet|brouillon|version provisoire)(\s*[–—:-].*)?"
    r"|page\s+[0-9]+(\s*(sur|/)\s*[0-9]+)?",
    body=r"(?:compte rendu|procès-verbal|relevé de conclusions)(?: de la|\s*[-–—:])\s*réunion"
    r"(?: mensuelle)?"
    r"(?: de coordination)? du (?P<body>(?:cluster|sous-cluster|groupe de travail|secteur)"
    r" [^–—:(]+?)(?:\s*[–—:(-].*)?",
    when=r"prochaine réunion|fin |début |mi-|semaine|mois|trimestre|t[1-4]\b",
)

SPANISH = Words(
    sections={
        "actions": r"puntos de acción|acciones( acordadas| a seguir| pendientes)?|"
        r"próximos pasos|plan de acción",
        "review": r"(seguimiento|revisión|estado)( de)? (los )?(puntos de acción|acciones|"
        r"acuerdos)( de la (reunión )?anterior| anteriores)",
        "participants": r"(anexo\s*:?\s*)?((lista de )?participantes|asistentes|asistencia)",
        "next": r"próxima reunión.*",
        "discussion": r"discusión|puntos de discusión|deliberaciones",
        "decisions": r"acuerdos( adoptados| alcanzados)?|decisiones",
        "intro": r"introducción",
    },
    labels={
        "fecha": "date",
        "lugar": "place",
        "hora": "time",
        "horario": "time",
        "preside": "chair",
        "presidencia": "chair",
        "presidido por": "chair",
        "presidida por": "chair",
        "copresidencia": "co-chairs",
        "moderador": "chair",
        "moderadora": "chair",
        "relator": "rapporteur",
        "relatora": "rapporteur",
        "secretaría": "rapporteur",
        "participantes": "participants",
        "asistentes": "participants",
    },
    decisions=frozenset({"acuerdo", "acuerdos", "decisión", "decisiones", "se acordó"}),
    key_messages=frozenset({"mensaje clave", "mensajes clave"}),
    next_meeting=r"(la\s+)?próxima\s+reunión\b",
    columns=(
        ("entregable", "deliverable"),
        ("acción", "action"),
        ("acciones", "action"),
        ("responsable", "responsible"),
        ("plazo", "deadline"),
        ("fecha límite", "deadline"),
        ("estado", "status"),
        ("avance", "progress"),
        ("comentario", "comments"),
        ("observacion", "comments"),
        ("observación", "comments"),
        ("socio", "partners"),
        ("organización", "organisation"),
        ("entidad", "organisation"),
        ("nombre", "name"),
        ("cargo", "function"),
    ),
    statuses={
        "en curso": "in_progress",
        "en progreso": "in_progress",
        "en proceso": "in_progress",
        "completado": "completed",
        "completada": "completed",
        "finalizado": "completed",
        "finalizada": "completed",
        "realizado": "completed",
        "realizada": "completed",
        "pendiente": "pending",
        "cancelado": "dropped",
        "cancelada": "dropped",
        "continuo": "continuous",
        "permanente": "continuous",
    },
    due=r"para el |antes del |antes de |a más tardar el |hasta el ",
    honorifics=r"Sr\.|Sra\.|Srta\.|Dr\.|Dra\.|Lic\.|Ing\.",
    titles=r"acta|reunión|orden del día",
    time_to=r"a|al",
    met_on=r"\b(se (realizó|celebró|reunió|llevó a cabo)|tuvo lugar|se reunieron|reunidos)\b"
    r"[^.;]{0,60}?\b(el|del)\s+(?=\S)",
    furniture=r"(borrador|versión preliminar)(\s*[–—:-].*)?|página\s+[0-9]+(\s+de\s+[0-9]+)?",
    body=r"acta(?: de la|\s*[-–—:])\s*reunión(?: mensual)?(?: de coordinación)? del "
    r"(?P<body>(?:sector|subsector|grupo de trabajo|clúster|subgrupo) [^–—:(]+?)"
    r"(?:\s*[–—:(-].*)?",
    when=r"próxima reunión|finales de|fin de|principios de|mediados de|semana|mes\b|trimestre",
)

ARABIC = Words(
    sections={
        "actions": r"نقاط العمل|الإجراءات( المتفق عليها| المطلوبة)?|الخطوات (القادمة|التالية)"
        r"|خطة العمل",
        "review": r"(متابعة|مراجعة) (نقاط العمل|الإجراءات)( من)? (الاجتماع السابق|السابقة)",
        "participants": r"(ملحق\s*:?\s*)?(قائمة )?(الحضور|المشاركين|المشاركون)",
        "next": r"الاجتماع (القادم|المقبل).*|موعد الاجتماع (القادم|المقبل).*",
        "discussion": r"(نقاط )?(النقاش|المناقشة|المناقشات)",
        "decisions": r"القرارات( المتخذة)?|ما تم الاتفاق عليه",
        "intro": r"مقدمة",
    },
    labels={
        "التاريخ": "date",
        "المكان": "place",
        "الوقت": "time",
        "الساعة": "time",
        "الرئاسة": "chair",
        "رئيس الاجتماع": "chair",
        "رئيسة الاجتماع": "chair",
        "ترأس الاجتماع": "chair",
        "المقرر": "rapporteur",
        "الحضور": "participants",
        "المشاركون": "participants",
    },
    decisions=frozenset({"القرار", "القرارات", "تقرر", "تم الاتفاق"}),
    key_messages=frozenset({"رسالة رئيسية", "الرسائل الرئيسية"}),
    next_meeting=r"(سيعقد\s+)?الاجتماع\s+(القادم|المقبل)",
    columns=(
        ("الإجراء", "action"),
        ("نقطة العمل", "action"),
        ("المسؤول", "responsible"),
        ("الجهة المسؤولة", "responsible"),
        ("الموعد النهائي", "deadline"),
        ("المهلة", "deadline"),
        ("الحالة", "status"),
        ("التقدم", "progress"),
        ("ملاحظات", "comments"),
        ("التعليقات", "comments"),
        ("الشركاء", "partners"),
        ("المنظمة", "organisation"),
        ("الجهة", "organisation"),
        ("الاسم", "name"),
        ("الصفة", "function"),
        ("المنصب", "function"),
    ),
    statuses={
        "قيد التنفيذ": "in_progress",
        "جار": "in_progress",
        "جاري": "in_progress",
        "مكتمل": "completed",
        "مكتملة": "completed",
        "منجز": "completed",
        "تم": "completed",
        "معلق": "pending",
        "قيد الانتظار": "pending",
        "لم يبدأ": "pending",
        "ملغى": "dropped",
        "مستمر": "continuous",
    },
    due=r"بحلول |قبل |في موعد أقصاه ",
    honorifics=r"السيدة|السيد|الدكتورة|الدكتور|د\.",
    titles=r"محضر|اجتماع|جدول الأعمال",
    time_to=r"إلى|حتى",
    met_on=r"(عقد|عقدت|انعقد|اجتمع|اجتمعت)[^.;]{0,60}?(يوم|بتاريخ|في)\s+(?=\S)",
    furniture=r"مسودة(\s*[–—:-].*)?|صفحة\s+[0-9]+(\s+من\s+[0-9]+)?",
    body=r"محضر (?:ال)?اجتماع (?P<body>(?:مجموعة|قطاع|فريق عمل|مجموعة عمل) [^–—:(]+?)"
    r"(?:\s*[–—:(-].*)?",
    when=r"الاجتماع (القادم|المقبل)|نهاية|بداية|منتصف|الأسبوع|الشهر",
)

WORDS: dict[Language, Words] = {"en": Words(), "fr": FRENCH, "es": SPANISH, "ar": ARABIC}


def words() -> Words:
    return WORDS[current()]


def fold(text: str) -> str:
    """Casefolded, apostrophes as typed or curly, one space between words."""
    return " ".join(text.replace("’", "'").casefold().split())


def section(text: str) -> str | None:
    """The section a heading in the record's language names, e.g. "Points d'action"."""
    t = fold(text).strip(" :*.")
    for kind, regex in words().sections.items():
        if regex and re.fullmatch(regex, t):
            return kind
    return None


def label(text: str) -> str | None:
    """The English name of a header field written in the record's language."""
    return words().labels.get(fold(text).strip(" :"))


def label_line(text: str) -> tuple[str, str] | None:
    """'Lieu : Goma' → ('place', 'Goma') in a French record."""
    key, colon, value = text.partition(":")
    if not colon or len(key) > 30:
        return None
    name = label(key)
    return (name, value) if name is not None else None


def body_in_title(title: str) -> str | None:
    """'Compte rendu de la réunion du Cluster Protection' → 'Cluster Protection'."""
    regex = words().body
    m = re.fullmatch(regex, title.strip(), re.I) if regex else None
    return m.group("body").strip() if m else None


def is_furniture(text: str) -> bool:
    """'Page 2 sur 5', 'BORRADOR – no circular': a page's furniture, never an item."""
    regex = words().furniture
    t = fold(text).translate(_DIGITS)
    return bool(regex) and len(t) <= 60 and re.fullmatch(regex, t) is not None


def plain_lead(text: str) -> tuple[str, str] | None:
    """'Décision : Le cluster adopte …' typed without bold: its lead-in and its text."""
    lead, colon, rest = text.partition(":")
    if colon and rest.strip() and (is_decision(lead) or is_key_message(lead)):
        return lead.strip(), rest.strip()
    return None


def is_decision(lead: str) -> bool:
    return fold(lead) in words().decisions


def is_key_message(lead: str) -> bool:
    return fold(lead) in words().key_messages


def opens_next_meeting(text: str) -> bool:
    regex = words().next_meeting
    return bool(regex) and re.match(regex, fold(text)) is not None


def english_column(cell: str) -> str:
    """A header cell with the English column it names added ('Échéance' → 'Échéance
    deadline'), so the table reader finds its columns by their English names."""
    t = fold(cell)
    for word, english in sorted(words().columns, key=lambda c: -len(c[0])):
        if re.search(rf"(?<!\w){re.escape(word)}", t):  # "nom", never "économie"
            return f"{cell} {english}"
    return cell


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def status_of(word: str) -> ActionStatus | None:
    """'Ongoing', and in a French record 'En cours', 'Terminé' … → a status."""
    if (status := status_from_word(word)) is not None:
        return status
    t = fold(word)
    table = words().statuses
    return table.get(t) or {_strip_accents(k): v for k, v in table.items()}.get(_strip_accents(t))


def due_words() -> str:
    """The regex of the words before a due date, in English and the record's language."""
    extra = words().due
    return r"by\s+" + (f"|{extra}" if extra else "")


def time_words() -> str:
    """Words of a due phrase that is no date: "prochaine réunion", "fin avril"."""
    return words().when


def honorifics() -> str:
    return words().honorifics


def detect(texts: list[str]) -> Language:
    """The language of a record, from its fixed words: headings, labels, lead-ins and
    table headers (`texts`: the short texts of its blocks). Arabic by its script; French
    or Spanish when two of their fixed words or more are found and more than the other's."""
    letters = [c for t in texts for c in t if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if letters and arabic / len(letters) > 0.3:
        return "ar"
    own = [t for t in texts if fold(t).partition(":")[0].strip(" *.") not in _SHARED]
    scores: dict[Language, int] = {}
    for language in ("fr", "es"):
        w = WORDS[language]
        with reading(language):
            scores[language] = sum(
                1 for t in own if section(t) or label_line(t) or label(t) or _own_word(w, t)
            )
    best = max(scores, key=lambda k: scores[k])
    others = [v for k, v in scores.items() if k != best]
    return best if scores[best] >= 2 and scores[best] > max(others) else "en"


# words English records write too: they tell no language
_SHARED = {"date", "participants", "introduction", "discussion", "discussions", "rapporteur"}


def _own_word(w: Words, text: str) -> bool:
    """A status word ("En cours") or a title's word ("Compte rendu") of the language."""
    t = fold(text)
    return t in w.statuses or (bool(w.titles) and re.match(rf"({w.titles})\b", t) is not None)
