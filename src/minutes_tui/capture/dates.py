"""Dates and due words in a meeting's language (French, Spanish, Arabic).

What follows "d'ici le", "antes del", "بحلول"… is read here: "20 mars 2024", "20/03/2024"
(day/month/year), "miércoles, 20 de marzo de 2024", "٢٠ مارس ٢٠٢٤", an ISO date in every
language. Month and weekday names come from Babel (no month tables here), imported on the
first line of a meeting that is not in English: an English meeting never loads it.

Matching runs on a folded copy of the text (lower case, accents and Arabic letter variants
dropped, Arabic-Indic digits as ASCII, bidi marks gone), with each folded character's
offset in what was typed, so what is kept is always the text as typed. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from minutes_tui.domain.language import DATE_LOCALES, Language

MAX_DATE = 80  # a date phrase is short: a longer due is due text, never scanned
_MAX_TIME_PHRASE = 60  # as the English rule's: longer "avant …" tails stay in the text

# Arabic letter variants a typist writes either way, and the marks Babel and Arabic
# keyboards put inside dates (RLM in "20‏/3‏/2024", tatweel, short vowels).
_ARABIC = str.maketrans("أإآٱةى" + "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹’‘ʼ", "ااااهي" + "0123456789" * 2 + "'''")
_DROPPED = frozenset("\u200e\u200f\u061c\u200b\u0640") | frozenset(map(chr, range(0x064B, 0x0660)))


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    c = c.translate(_ARABIC)
    if c in _DROPPED:
        return ""
    if c.isspace():
        return " "
    base = unicodedata.normalize("NFD", c)[0].casefold()
    return base if len(base) == 1 else c


def fold(s: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(s):
        if f := _fold_char(c):
            chars.append(f)
            offsets.append(i)
    return "".join(chars), offsets


def fold_key(s: str) -> str:
    """A matching key: folded, hyphens as spaces, whitespace collapsed."""
    folded = s.lower() if s.isascii() else fold(s)[0]  # ASCII: nothing else to fold
    return " ".join(folded.replace("-", " ").split())


def raw_end(offsets: list[int], end: int) -> int:
    """Where a match ending at folded `end` ends in the text as typed."""
    return offsets[end - 1] + 1 if end > 0 else 0


# The words before a due date ("by" works in every language), as folded. An article that
# belongs to the due word ("d'ici le", "antes del") is part of it; "la fin du mois" keeps
# its "la", as "by the end of" keeps "the".
_DUE_WORDS: dict[str, str] = {
    "fr": r"au plus tard(?: le| au)?|d'ici(?: le| au| a)?|avant(?: le)?|by",
    "es": r"a mas tardar(?: el)?|como muy tarde(?: el)?|antes del|antes de(?: el)?|by",
    "ar": r"(?:في موعد (?:اقصاه|لا يتجاوز|لا يتعدي)|بحلول|قبل)(?: (?:يوم|تاريخ))?|by",
}
# Words that also say what for or how long ("pour l'année 2025", "hasta el fin del
# conflicto", "jusqu'à la fin"): a due only before a date ("pour le 20 mars"), even after
# the owners' brackets; never before a year, a period or a time phrase.
_WEAK_DUE_WORDS: dict[str, str] = {
    "fr": r"pour(?: le)?|jusqu'(?:au|a)",
    "es": r"para(?: el)?|hasta(?: el)?",
    "ar": r"حتي(?: (?:يوم|تاريخ))?",
}

# Any language's due word at the start of a phrase (no Babel): a due kept as text keeps
# the word it was typed with ("d'ici le 20 mars"), and a recalled line writes it so.
_ANY_DUE_WORD_RE = re.compile(
    "(?:"
    + "|".join(
        w.replace("|by", "").replace(" ", r"\s+")
        for w in [*_DUE_WORDS.values(), *_WEAK_DUE_WORDS.values()]
    )
    + r")(?:(?<=')\s*|\s+)(?=\S)"
)


def starts_with_due_word(text: str) -> bool:
    """Does `text` start with a French, Spanish or Arabic due word ("avant le …")?"""
    return _ANY_DUE_WORD_RE.match(fold(text[:40])[0]) is not None


# Words that make "avant X" a deadline (as in English "by X"): besides months, weekdays
# and years; and the words a deadline phrase may start with.
_TIME_WORDS: dict[str, str] = {
    "fr": "semaine semaines mois annee annees trimestre t1 t2 t3 t4 q1 q2 q3 q4 fin mi debut "
    "aujourd demain soir",
    "es": "semana semanas mes meses ano anos trimestre t1 t2 t3 t4 q1 q2 q3 q4 fin finales "
    "mediados principios hoy manana",
    "ar": "اسبوع الاسبوع اسابيع شهر الشهر اشهر سنه السنه عام العام ربع الربع نهايه منتصف "
    "بدايه اوائل اواخر اليوم غدا",
}
_TIME_PHRASES: dict[str, tuple[str, ...]] = {
    "fr": ("prochaine reunion",),
    "es": ("proxima reunion",),
    "ar": ("الاجتماع القادم", "الاجتماع المقبل"),
}
_LEAD_WORDS: dict[str, str] = {
    "fr": "fin mi debut prochain prochaine cette ce dans courant aujourd demain semaine mois "
    "annee trimestre",
    "es": "fin finales final mediados principios proximo proxima este esta dentro hoy manana "
    "semana mes ano trimestre",
    "ar": "نهايه منتصف بدايه اوائل اواخر خلال الاسبوع الشهر السنه العام الربع اليوم غدا الاجتماع",
}
_ARTICLES: dict[str, frozenset[str]] = {
    "fr": frozenset({"la", "le", "les", "l"}),
    "es": frozenset({"el", "la", "los", "las"}),
    "ar": frozenset(),
}
# Locales whose month names a language's typists write: Arabic has three sets (مارس,
# آذار, and the Maghreb's مارس/ماي/جوان…).
_MONTH_LOCALES: dict[str, tuple[str, ...]] = {"ar": ("ar", "ar_SY", "ar_TN", "ar_MA")}
_YEAR_RE = re.compile(r"\b(?:19|20)[0-9]{2}\b")
_WORDS_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Calendar:
    """One language's names and patterns, built once from Babel."""

    months: dict[str, int]  # folded name or abbreviation → 1..12
    date_re: re.Pattern[str]  # a date at a position (folded text)
    due_re: re.Pattern[str]  # a due word, then the due (folded text)
    trailing_re: re.Pattern[str]  # the last " due word X" of a tail (folded text)
    time_words: frozenset[str]
    time_phrases: tuple[str, ...]
    lead_words: frozenset[str]
    articles: frozenset[str]


def _names(s: str) -> str:
    return fold_key(s).rstrip(".")


def _alternation(names: set[str]) -> str:
    return "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)
    )


@lru_cache(maxsize=8)
def calendar(language: str) -> Calendar:
    from babel.dates import get_day_names, get_month_names  # only for a meeting not in English

    lang: Language = language if language in DATE_LOCALES else "en"
    months: dict[str, int] = {}
    ambiguous: set[str] = set()
    weekdays: set[str] = set()
    full: set[str] = set()  # wide month and day names
    for locale in _MONTH_LOCALES.get(lang, (DATE_LOCALES[lang],)):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    key = _names(name)
                    if months.setdefault(key, number) != number:
                        ambiguous.add(key)
                days = list(map(_names, get_day_names(width, context, locale).values()))
                weekdays.update(days)
                if width == "wide":
                    full.update(days)
                    full.update(_names(n) for n in get_month_names(width, context, locale).values())
    for key in ambiguous:
        del months[key]
    article = {"fr": r"(?:le\s+)?", "es": r"(?:el\s+)?"}.get(lang, "")
    weekday = rf"(?:(?:{_alternation(weekdays)})\.?[,،]?\s+{article})?"
    day = r"(?P<d>[0-9]{1,2})(?:er|o|º|°|\.º)?\.?"
    long = rf"{day}\s*(?:de\s+)?(?P<mon>{_alternation(set(months))})\.?(?!\w)"
    year = r"(?:[,،]?\s*(?:de\s+|del\s+)?(?P<y>[0-9]{4})(?![0-9]))?"
    numeric = r"(?P<nd>[0-9]{1,2})\s*(?P<sep>[/.-])\s*(?P<nm>[0-9]{1,2})\s*(?P=sep)\s*"
    numeric += r"(?P<ny>[0-9]{4}|[0-9]{2})(?![0-9])"
    iso = r"(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})(?![0-9])"
    date_re = re.compile(rf"{article}{weekday}(?:{iso}|{numeric}|{long}{year})")
    weak = _WEAK_DUE_WORDS.get(lang, "(?!)").replace(" ", r"\s+")
    due_words = rf"(?P<weak>{weak})|" + _DUE_WORDS.get(lang, "by").replace(" ", r"\s+")
    # Short abbreviations ("mar", "jeu") are ordinary words too: only in a date itself.
    named = {n for n in [*months, *weekdays] if len(n) > 3 or n in full}
    time_words = frozenset(_TIME_WORDS.get(lang, "").split()) | named
    return Calendar(
        months=months,
        date_re=date_re,
        due_re=re.compile(rf"(?:{due_words})(?:(?<=')\s*|\s+)(?=\S)"),
        trailing_re=re.compile(rf"(?s).*(?P<cut>\s)(?:{due_words})(?:(?<=')\s*|\s+)(?=\S)"),
        time_words=frozenset(n for n in time_words if " " not in n),  # phrases below
        time_phrases=_TIME_PHRASES.get(lang, ()) + tuple(n for n in months if " " in n),
        lead_words=frozenset(_LEAD_WORDS.get(lang, "").split()),
        articles=_ARTICLES.get(lang, frozenset()),
    )


@dataclass(frozen=True)
class DateRead:
    """A date phrase at the start of a text: `date` None when it names no calendar day
    ("30/02/2024") or has no year ("20 mars"); `end` is where it ends as typed."""

    date: dt.date | None
    end: int
    has_year: bool


def read_date(text: str, language: str, *, whole: bool = False) -> DateRead | None:
    """The date phrase `text` starts with (the whole of it with `whole`), or None."""
    head = text[: MAX_DATE + 1]
    if whole and len(text.rstrip().rstrip(".")) > MAX_DATE:
        return None
    folded, offsets = fold(head)
    cal = calendar(language)
    m = cal.date_re.match(folded)
    if m is None or (whole and folded[m.end() :].strip(" .")):
        return None
    if m["iy"]:
        y, mo, d = int(m["iy"]), int(m["im"]), int(m["id"])
    elif m["ny"]:
        y = int(m["ny"]) + (2000 if len(m["ny"]) == 2 else 0)
        mo, d = int(m["nm"]), int(m["nd"])
    elif m["y"]:
        y, mo, d = int(m["y"]), cal.months[" ".join(m["mon"].split())], int(m["d"])
    else:
        return DateRead(date=None, end=raw_end(offsets, m.end()), has_year=False)
    try:
        date: dt.date | None = dt.date(y, mo, d)
    except ValueError:
        date = None
    return DateRead(date=date, end=raw_end(offsets, m.end()), has_year=True)


def due_after(after: str, language: str) -> str | None:
    """What follows a due word that `after` starts with ("d'ici le 20 mars" → "20 mars")."""
    folded, offsets = fold(after[:40])
    m = calendar(language).due_re.match(folded)
    if m is None:
        return None
    due = after[offsets[m.end()] :].strip()
    if m["weak"] and read_date(due, language, whole=True) is None:
        return None
    return due


@dataclass(frozen=True)
class Trailing:
    """A line's last " due-word X": where the due word's space is, X, and whether the
    word is a weak one (a due only before a date)."""

    cut: int
    due: str
    weak: bool


def split_trailing(text: str, language: str, max_due: int) -> Trailing | None:
    """The last " due-word X" of the line's tail. Only the tail is read, so a 1 MB line
    costs no more than a short one."""
    start = max(0, len(text) - max_due - 24)
    folded, offsets = fold(text[start:])
    m = calendar(language).trailing_re.match(folded)
    if m is None:
        return None
    due = text[start + offsets[m.end()] :].strip()
    return Trailing(start + offsets[m.start("cut")], due, m["weak"] is not None)


def year_then_words(phrase: str) -> bool:
    """A bare year with more words after it ("2024 et après"): an open phrase, no due."""
    words = _WORDS_RE.findall(fold(phrase)[0])
    return len(words) > 1 and _YEAR_RE.fullmatch(words[0]) is not None


def looks_like_time(phrase: str, language: str) -> bool:
    """A short phrase that mentions a time and starts like one ("fin mars", "mi-avril",
    "la semaine prochaine", "نهاية الشهر"): the English rule with this language's words."""
    if len(phrase) > _MAX_TIME_PHRASE:
        return False
    cal = calendar(language)
    folded = fold(phrase)[0]
    words = _WORDS_RE.findall(folded)
    if not words:
        return False
    joined = " ".join(words)
    if not (
        any(w in cal.time_words for w in words)
        or any(p in joined for p in cal.time_phrases)
        or _YEAR_RE.search(joined)
    ):
        return False
    if words[0] in cal.articles and len(words) > 1:
        words = words[1:]
    if year_then_words(phrase):
        return False
    lead = words[0]
    return lead[0].isdigit() or lead in cal.lead_words or lead in cal.time_words


# "à 15h30", "a las 10:00", "الساعة ١٠:٠٠", "at 15:00" (folded), after a next meeting's date.
_TIME_RE = re.compile(
    r"(?:(?:at|a|a\s+las?|vers|الساعه)\s+)?(?P<h>[0-9]{1,2})(?:[:h](?P<mi>[0-9]{2})|h)"
    r"(?=[\s,;،]|$)"
)
_SEPARATORS = " \t,;،"


@dataclass(frozen=True)
class NextRead:
    """`/n` in a meeting's language: its date, its time ("HH:MM"), the text after them."""

    date: dt.date | None
    time: str | None
    text: str
    warnings: list[str]


def read_next(rest: str, language: str) -> NextRead:
    """`/n mardi 12 mars 2024 à 10h00 Goma`, `/n 12/03/2024 15:00 …`: a malformed date or
    time goes back into the text, with a warning (as the English form does)."""
    kept: list[str] = []
    warnings: list[str] = []
    date = time = None
    pos = 0
    read = read_date(rest, language)
    if read is not None and read.has_year and rest[read.end : read.end + 1] in ("", *_SEPARATORS):
        date, pos = read.date, read.end
        if date is None:
            kept.append(rest[: read.end])
            warnings.append(f"{rest[: read.end]} is not a calendar date; kept in the text")
    pos += len(rest[pos:]) - len(rest[pos:].lstrip(_SEPARATORS))
    folded, offsets = fold(rest[pos : pos + 40])
    if (m := _TIME_RE.match(folded)) is not None:
        token = rest[pos : pos + raw_end(offsets, m.end())]
        pos += raw_end(offsets, m.end())
        hours, minutes = int(m["h"]), int(m["mi"] or 0)
        if hours > 23 or minutes > 59:
            kept.append(token)
            warnings.append(f"{token} is not a time of day (use HH:MM); kept in the text")
        else:
            time = f"{hours:02d}:{minutes:02d}"
    text = " ".join([*kept, rest[pos:].lstrip(_SEPARATORS)]).strip()
    return NextRead(date=date, time=time, text=text, warnings=warnings)
