"""Dates and times as records write them: "9 July 2020", "3rd March 2020", "March 3, 2020",
"May 6th at 1500", "14:00–15:30". Pure."""

from __future__ import annotations

import datetime as dt
import re

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


def find_date(text: str, year: int | None = None) -> tuple[dt.date, re.Match[str]] | None:
    """The first calendar date written in `text`; a date without a year takes `year`."""
    found: list[tuple[int, dt.date, re.Match[str]]] = []
    for regex in _DATE_RES:
        for m in regex.finditer(text):
            groups = m.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
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
    _, date, m = min(found, key=lambda f: f[0])
    return date, m


def is_date_line(text: str) -> dt.date | None:
    """A line that is only a date ("9 July 2020", "Thursday, 9 July 2020")."""
    got = find_date(text)
    if got is None:
        return None
    date, m = got
    rest = (text[: m.start()] + text[m.end() :]).strip(" ,.")
    rest = re.sub(r"(?i)^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", "", rest)
    return date if not rest.strip(" ,.") else None


def find_time_range(text: str) -> tuple[str, str | None] | None:
    if (m := _RANGE_RE.search(text)) is not None:
        return f"{int(m[1]):02d}:{m[2]}", f"{int(m[3]):02d}:{m[4]}"
    if (m := re.search(r"\b([01]?[0-9]|2[0-3]):([0-5][0-9])\b", text)) is not None:
        return f"{int(m[1]):02d}:{m[2]}", None
    return None


def find_time(text: str) -> str | None:
    """ "at 1500", "15:00", "at 15.00" → "15:00"."""
    m = re.search(r"\bat\s+([01]?[0-9]|2[0-3])[:.]?([0-5][0-9])\b", text) or re.search(
        r"\b([01]?[0-9]|2[0-3]):([0-5][0-9])\b", text
    )
    return f"{int(m[1]):02d}:{m[2]}" if m else None
