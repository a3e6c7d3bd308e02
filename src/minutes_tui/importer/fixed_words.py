"""The fixed words of records written in French, Spanish and Arabic, as coordination
bodies write them: their section headings, header labels, lead-ins, table columns,
status words, due words and honorifics (`importer.languages` reads a record with them).

Regexes are matched against casefolded text with one space between words. English has
no entry here: the recogniser's own lists are English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from minutes_tui.domain.language import Language
from minutes_tui.domain.vocabulary import ActionStatus


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
