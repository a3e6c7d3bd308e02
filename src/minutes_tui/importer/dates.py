"""Dates and times as records write them: "9 July 2020", "3rd March 2020", "March 3, 2020",
"May 6th at 1500", "14:00–15:30"; in a French, Spanish or Arabic record also "12 mars
2024", "12 de marzo de 2024", "١٢ آذار ٢٠٢٤" (Babel's month names) and "12/03/2024"
(day first), "10h00 à 12h00". Pure."""

from __future__ import annotations

import datetime as dt
import functools
import re

from minutes_tui.domain.language import DATE_LOCALES
from minutes_tui.importer.languages import current, words
from minutes_tui.importer.record_words import fold_words as fold

MONTHS = {
    m: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_MONTH = r"(?P<month>(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"))\.?"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
_DATE_RES = [
    re.compile(r"(?P<year>[0-9]{4})-(?P<mnum>[0-9]{2})-(?P<day>[0-9]{2})"),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?(?:\s+{_YEAR})?"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"),
]
_RANGE_RE = re.compile(
    r"\b([01]?[0-9]|2[0-3]):([0-5][0-9])\s*[-–—to ]+\s*([01]?[0-9]|2[0-3]):([0-5][0-9])"
)


# Arabic-Indic and Persian digits, one for one (positions in the text stay the same)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# a record's own date locale; Syria's and Iraq's month names too ("آذار" for March)
_BABEL_LOCALES = {
    "fr": (DATE_LOCALES["fr"],),
    "es": (DATE_LOCALES["es"],),
    "ar": (DATE_LOCALES["ar"], "ar_SY"),
}


def western_digits(text: str) -> str:
    """'١٢/٠٣/٢٠٢٤' → '12/03/2024' (the same length: a match's positions hold)."""
    return text.translate(_DIGITS)


@functools.cache
def _language_dates(language: str) -> tuple[dict[str, int], tuple[re.Pattern[str], ...]]:
    """A language's month names (Babel's, wide and abbreviated) → numbers, and its date
    forms: "12 mars 2024", "1er avril", "12 de marzo de 2024", "12/03/2024" (day first)."""
    from babel.dates import get_month_names  # only a foreign record's import needs it

    months: dict[str, int] = {}
    for locale in _BABEL_LOCALES.get(language, ()):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    months[fold(name).rstrip(".")] = number
    if not months:
        return {}, ()
    names = "|".join(
        r"\s+".join(re.escape(w) for w in name.split()) for name in sorted(months, key=len)[::-1]
    )
    month = rf"(?P<month>(?i:{names}))\.?"
    return months, (
        re.compile(
            rf"(?<!\w)(?P<day>[0-9]{{1,2}})(?:er|º|°)?\s+(?:de\s+)?{month}"
            rf"(?:[,،]?\s+(?:de\s+|del\s+)?{_YEAR})?(?!\w)"
        ),
        re.compile(rf"(?<![\w/.-])(?P<day>[0-3]?[0-9])[/.-](?P<mnum>[01]?[0-9])[/.-]{_YEAR}\b"),
    )


def _month(groups: dict[str, str], months: dict[str, int]) -> int:
    if groups.get("mnum"):
        return int(groups["mnum"])
    name = groups["month"].lower()
    return MONTHS.get(name) or months[fold(name).rstrip(".")]


def find_date(text: str, year: int | None = None) -> tuple[dt.date, re.Match[str]] | None:
    """The first calendar date written in `text`; a date without a year takes `year`.
    In a French, Spanish or Arabic record its own month names and day-first dates too
    (the match is of the text with western digits, at the same positions)."""
    found: list[tuple[int, dt.date, re.Match[str]]] = []
    months, foreign = _language_dates(current()) if current() != "en" else ({}, ())
    if foreign:
        text = western_digits(text)
    for regex in (*_DATE_RES, *foreign):
        for m in regex.finditer(text):
            groups = m.groupdict()
            month = _month(groups, months)
            y = int(groups["year"]) if groups.get("year") else year
            if y is None:
                continue
            try:
                found.append((m.start(), dt.date(y, month, int(groups["day"])), m))
            except ValueError:
                continue
            break
    if not found:
        return None
    # the first; of two at one place the longer ("8 mars 2024", not English "8 mar")
    _, date, m = min(found, key=lambda f: (f[0], -len(f[2].group(0))))
    return date, m


def is_date_line(text: str) -> dt.date | None:
    """A line that is only a date ("9 July 2020", "Thursday, 9 July 2020")."""
    got = find_date(text)
    if got is None:
        return None
    date, m = got
    rest = (text[: m.start()] + text[m.end() :]).strip(" ,.")
    rest = re.sub(r"(?i)^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", "", rest)
    if current() != "en":  # "Le mardi 12 mars 2024", "Martes, 12 de marzo de 2024"
        rest = re.sub(rf"(?i)^((le|el)\s+)?({_weekdays(current())})", "", rest.strip(" ,."))
    return date if not rest.strip(" ,.") else None


@functools.cache
def _weekdays(language: str) -> str:
    from babel.dates import get_day_names

    names = {
        fold(n)
        for loc in _BABEL_LOCALES[language]
        for n in get_day_names("wide", locale=loc).values()
    }
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def find_time_range(text: str) -> tuple[str, str | None] | None:
    if current() != "en" and (got := _foreign_time_range(western_digits(text))) is not None:
        return got
    if (m := _RANGE_RE.search(text)) is not None:
        return f"{int(m[1]):02d}:{m[2]}", f"{int(m[3]):02d}:{m[4]}"
    if (m := re.search(r"\b([01]?[0-9]|2[0-3]):([0-5][0-9])\b", text)) is not None:
        return f"{int(m[1]):02d}:{m[2]}", None
    return None


def _foreign_time_range(text: str) -> tuple[str, str | None] | None:
    """'10h00 à 12h00', '10 h – 12 h 30', 'de 10:00 a 12:00', '١٠:٠٠ إلى ١٢:٠٠'."""
    clock = r"([01]?[0-9]|2[0-3])\s?(?:h|:(?=[0-5][0-9]))\s?([0-5][0-9])?"
    between = rf"\s*(?:[-–—]|\b(?:{words().time_to})\b|إلى|حتى)\s*"
    if (m := re.search(rf"(?<!\d){clock}(?:{between}{clock})?(?!\d)", text)) is None:
        return None
    start = f"{int(m[1]):02d}:{m[2] or '00'}"
    return start, (f"{int(m[3]):02d}:{m[4] or '00'}" if m[3] else None)


def find_time(text: str) -> str | None:
    """ "at 1500", "15:00", "at 15.00" → "15:00"; "à 10h00" in a French record."""
    if current() != "en" and (got := _foreign_time_range(western_digits(text))) is not None:
        return got[0]
    m = re.search(r"\bat\s+([01]?[0-9]|2[0-3])[:.]?([0-5][0-9])\b", text) or re.search(
        r"\b([01]?[0-9]|2[0-3]):([0-5][0-9])\b", text
    )
    return f"{int(m[1]):02d}:{m[2]}" if m else None
