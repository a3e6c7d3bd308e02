"""The words redaction reads in a record's language: what stands in for a person, the
honorifics that lead into a name, and the words that are also names (months, weekdays,
common words) in English, French, Spanish and Arabic. Pure; Babel is imported only when
a record in another language than English is redacted.

"12 mars" keeps "mars" though a participant is named Mars: a month, a weekday or a
common word that is also a name part counts as a name only where it stands as one.
Organisation acronyms (BCAH, HCR, ACNUR, PAM, OMS, OIM …) are never names on their own.
Arabic is compared folded (record.normalise: vowel marks, tatweel, hamza seats, ta
marbuta and alef maqsura) and has its honorifics (السيد, الدكتورة …).
"""

from __future__ import annotations

import re
from functools import cache

from minutes_tui.record.common_words import COMMON_WORDS_BY_LANGUAGE
from minutes_tui.record.normalise import norm

ROLE_PHRASES = {
    "Chair": "the Chair",
    "Co-Chair": "a Co-Chair",
    "Presenter": "a presenter",
    "Member": "a member",
    "Secretariat": "the Secretariat",
    "Observer": "an observer",
    "Rapporteur": "the rapporteur",
}
# The same phrases in a record's other languages (the lead may move them to the "record"
# catalogue; they are the record's words, not the interface's).
PHRASES: dict[str, dict[str, str]] = {
    "fr": {
        "the Chair": "la présidence",
        "a Co-Chair": "une coprésidence",
        "a presenter": "un intervenant",
        "a member": "un membre",
        "the Secretariat": "le secrétariat",
        "an observer": "un observateur",
        "the rapporteur": "le rapporteur",
        "a participant": "un participant",
        "a person": "une personne",
    },
    "es": {
        "the Chair": "la presidencia",
        "a Co-Chair": "una copresidencia",
        "a presenter": "un ponente",
        "a member": "un miembro",
        "the Secretariat": "la secretaría",
        "an observer": "un observador",
        "the rapporteur": "el relator",
        "a participant": "un participante",
        "a person": "una persona",
    },
    "ar": {
        "the Chair": "الرئاسة",
        "a Co-Chair": "أحد الرؤساء المشاركين",
        "a presenter": "أحد مقدمي العروض",
        "a member": "أحد الأعضاء",
        "the Secretariat": "الأمانة",
        "an observer": "أحد المراقبين",
        "the rapporteur": "المقرر",
        "a participant": "أحد المشاركين",
        "a person": "شخص",
    },
}
HON_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "mx", "dr", "prof", "h.e", "mme", "mlle", "sr", "sra", "srta", "dra"}
)
HON_WORDS = frozenset(
    {"miss", "sir", "dame", "amb", "rev", "hon", "madam", "madame", "monsieur", "don", "dona"}
    | {"senor", "senora", "senorita", "doctora", "docteur"}
    # Arabic, folded: Mr, Mrs, Dr (m/f), Professor (m/f), Engineer, Sheikh, His Excellency
    | {"السيد", "السيده", "الدكتور", "الدكتوره", "الاستاذ", "الاستاذه", "المهندس", "الشيخ"}
    | {"سعاده", "معالي"}
)
# French "M. Dupont": an abbreviation only in a French record ("5 m" is five metres).
HON_BY_LANGUAGE = {"fr": frozenset({"m"})}
# Arabic joins "and", "with", "for", "so", "as" to the next word: "وأحمد" is "and Ahmad".
ARABIC_PREFIXES = "وبلفك"
ARABIC_LETTER = re.compile("[\u0620-\u064a]")

CALENDAR = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday"
)
MONTHS = frozenset(CALENDAR.split())


def caseless(c: str) -> bool:
    """A letter of a script without capitals (Arabic): any name part may be capitalised."""
    return c.isalpha() and not c.isupper() and not c.islower()


@cache
def calendar(language: str) -> frozenset[str]:
    """The months and weekdays of a record's language, wide and abbreviated, normalised
    (Babel, imported only here: a record is redacted long after the first frame)."""
    from babel.dates import get_day_names, get_month_names

    from minutes_tui.domain.language import DATE_LOCALES

    locales = [DATE_LOCALES.get(language, language)]  # type: ignore[call-overload]
    if language == "ar":
        locales.append("ar_SY")  # the Levantine months of Syria and Iraq: آذار, نيسان …
    names: list[str] = []
    for locale in locales:
        for width in ("wide", "abbreviated"):
            names += get_month_names(width, locale=locale).values()
            names += get_day_names(width, locale=locale).values()
    return frozenset(t.rstrip(".") for name in names for t in re.findall(r"\w+", norm(name)))


@cache
def common_words(language: str) -> frozenset[str]:
    return frozenset(norm(w) for w in COMMON_WORDS_BY_LANGUAGE.get(language, frozenset()))
