"""The words redaction reads in a record's language: what stands in for a person, the
honorifics that lead into a name, and the words that are also names (months, weekdays,
common words) in English, French, Spanish and Arabic. Pure; Babel is imported only when
a record in another language than English is redacted.

"12 mars" keeps "mars" though a participant is named Mars: a month, a weekday or a
common word that is also a name part counts as a name only where it stands as one.
Organisation acronyms (BCAH, HCR, ACNUR, PAM, OMS, OIM …) are never names on their own.
Arabic is compared folded (record.normalise: vowel marks, tatweel, hamza seats, ta
marbuta and alef maqsura) and has its honorifics (السيد, الدكتورة …).

A record in French, Spanish or Arabic reads its language's months, weekdays, common
words, honorifics and stand-ins from here; Arabic has no capitals (any part counts as
capitalised) and joins one or two prefixes ("وأحمد", "وبأحمد", "للخطيب": the prefixes
stay); French elides ("d'Hélène": "d'" stays). French and Spanish capitalise no common
word inside a sentence, so there a participant's part that is a common word counts as a
name wherever it is capitalised inside one ("Saludos a Ángel").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from minutes_tui.record.common_words import (
    COMMON_WORDS,
    COMMON_WORDS_BY_LANGUAGE,
    ORGANISATION_ACRONYMS,
)
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
# Two of them ("وبأحمد" and with Ahmad, "فلأحمد" so for Ahmad): "and"/"so" before "with",
# "for", "as". After "ل" the article "ال" loses its alef: "للخطيب" is "ل" + "الخطيب".
ARABIC_DOUBLE_PREFIX = re.compile("[وف][بلك]")
# French elision: "d'Hélène", "qu'Hélène", "jusqu'à"; the elided word stays, the name goes.
ELISIONS = frozenset({"d", "l", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"})
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


def sentence_case(parts: Iterable[str], language: str, acronyms: Iterable[str]) -> set[str]:
    """The participants' name parts that are common words yet count as a name wherever
    they are capitalised inside a sentence. French and Spanish capitalise no common word
    there (titles are in sentence case, months and weekdays in small letters), so "Saludos
    a Ángel" names Ángel. English capitalises words in titles ("Long Term Plan") and its
    months, so English keeps to its rule: next to another part of the name, or after an
    honorific. Months, weekdays and acronyms are left out ("Mars viendra", "le PAM")."""
    common = (COMMON_WORDS | common_words(language)) - calendar(language) - MONTHS
    common -= ORGANISATION_ACRONYMS | set(acronyms)
    return {p for p in parts if p in common and len(p) > 1}


def elided(key: str, parts: Mapping[str, object]) -> str | None:
    """The name part after a French elided word ("d'helene", "qu'helene"), normalised."""
    head, _, tail = key.partition("'")
    return tail if head in ELISIONS and tail in parts else None


def arabic_prefixed(
    key: str, parts: Mapping[str, set[int]], ambiguous: set[str]
) -> tuple[int, frozenset[int]] | None:
    """(prefix length, people) of an Arabic name part behind a one-letter prefix
    ("وأحمد", "لخليل"), two of them ("وبأحمد", "ولأحمد"), or "ل" before an article
    that lost its alef ("للخطيب", "وللخطيب"); `key` normalised."""
    if len(key) < 4 or key[0] not in ARABIC_PREFIXES or not ARABIC_LETTER.match(key):
        return None
    sizes = [1, 2] if ARABIC_DOUBLE_PREFIX.match(key) or key[:2] == "لل" else [1]
    for size in sizes:
        rest = key[size:]
        forms = [rest, "ا" + rest] if key[size - 1] == "ل" and rest[:1] == "ل" else [rest]
        for form in forms:
            people = parts.get(form)
            if len(rest) >= 3 and people and form not in ambiguous:
                return size, frozenset(people)
    return None


def sentence_start(text: str, pos: int) -> bool:
    """Does a sentence (or the text, a line, a bracket) start at `pos`?"""
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == 0:
        return True
    before = text[i - 1]
    return before in '\n(["“' or (before in ".!?:" and i < pos)
