"""Deadlines and owners: `[OWNERS]`, `by DATE` or `by <time phrase>`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import NamedTuple

from minutes_tui.capture.dates import (
    due_after,
    looks_like_time,
    read_date,
    split_trailing,
    year_then_words,
)

_ISO_DATE_RE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")


def _to_date(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def _to_hhmm(m: re.Match[str]) -> str | None:
    hours, minutes = int(m["h"]), int(m["mi"])
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def _not_a_date(s: str) -> str:
    return f"{s} is not a calendar date; kept as due text"


# Words that make "by X" a deadline rather than an agent ("endorsed by the Principals").
_TIME_WORD_RE = re.compile(
    r"""\b(?:
        (?i:jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?
           |oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday
           |friday|saturday|sunday|weeks?|months?|years?|quarter|q[1-4]|next\s+meeting
           |end\s+of|mid\b-?|early|late|today|tomorrow|tonight|cob|eod|(?:19|20)[0-9]{2})
        |May|March|Mar  # capitalised only: "may" and "march" are also ordinary words
    )\b""",
    re.VERBOSE,
)
_TIME_LEAD = (
    "end mid early late next this close start beginning within cob eod today tomorrow "
    "tonight week month year quarter"
)
_TIME_LEAD_WORDS = frozenset(_TIME_LEAD.split())  # words a deadline phrase starts with
_MAX_DUE = 60  # a deadline is a short phrase; longer "by ..." tails stay in the text
_TRAILING_BY_RE = re.compile(r"(?is).*(\sby\s+)(\S.*)")


def _looks_like_time(s: str) -> bool:
    """A short phrase that mentions a time and starts like one ("end of August")."""
    if len(s) > _MAX_DUE or _TIME_WORD_RE.search(s) is None:
        return False
    words = s.split()
    if words[0].casefold() == "the" and len(words) > 1:
        words = words[1:]
    lead = words[0]
    return (
        lead[0].isdigit()
        or lead.casefold().strip(",.") in _TIME_LEAD_WORDS
        or _TIME_WORD_RE.match(lead) is not None
    )


def _parse_due(due: str, language: str = "en") -> tuple[dt.date | None, str | None, list[str]]:
    """An ISO date becomes due_date (in another language, also its own dates: "20 mars
    2024", "20/03/2024"); anything else is kept verbatim as due_text."""
    if language != "en":
        return _parse_due_in(due, language)
    m = _ISO_DATE_RE.fullmatch(due.rstrip("."))
    if m is None:
        return None, due, []
    date = _to_date(m)
    if date is None:
        return None, due, [_not_a_date(m.group())]
    return date, None, []


def _parse_due_in(due: str, language: str) -> tuple[dt.date | None, str | None, list[str]]:
    read = read_date(due, language, whole=True)
    if read is None or not read.has_year:
        return None, due, []
    if read.date is None:
        return None, due, [_not_a_date(due.rstrip(". "))]
    return read.date, None, []


def _split_trailing_due(text: str, language: str = "en") -> tuple[str, str | None]:
    """Split off a trailing "by DATE" or "by <time phrase>"; other "by ..." stays text.
    In another language its own due words count too ("avant le 20 mars"), by the same rule."""
    if language != "en":
        return _split_trailing_due_in(text, language)
    # Only the tail can hold a deadline, so a 1 MB line costs no more than a short one.
    tail_start = max(0, len(text) - _MAX_DUE - 8)
    m = _TRAILING_BY_RE.match(text, tail_start)
    if m is None:
        return text, None
    due = m.group(2).strip()
    if _ISO_DATE_RE.fullmatch(due.rstrip(".")) is None and not _looks_like_time(due):
        return text, None
    return text[: m.start(1)].rstrip().rstrip(",;:"), due


def _split_trailing_due_in(text: str, language: str) -> tuple[str, str | None]:
    found = split_trailing(text, language, _MAX_DUE)
    if found is None:
        return text, None
    due = found.due
    is_date = (
        _ISO_DATE_RE.fullmatch(due.rstrip(".")) is not None
        or read_date(due, language, whole=True) is not None
    )
    # "pour", "hasta", "حتى"… before anything but a date say what for or how long.
    is_time = not found.weak and not year_then_words(due)
    is_time = is_time and (_looks_like_time(due) or looks_like_time(due, language))
    if not (is_date or is_time):
        return text, None
    return text[: found.cut].rstrip().rstrip(",;:"), due


_BY_RE = re.compile(r"(?i)by\s+(\S.*)", re.S)
_ARABIC_SEPARATORS = str.maketrans("؛،", ";,")  # "[المفوضية، اليونيسف]" splits as "[A, B]"
_TRAILING_PUNCT_RE = re.compile(r"[.;,]*")


class _Owned(NamedTuple):
    """A line split around its owners bracket."""

    text: str
    owners: list[str]
    due: str | None  # whatever followed "by" after the bracket, verbatim
    warnings: list[str]
    due_word: str = "by"  # as typed, when not "by" ("d'ici le")


def _take_owners(
    s: str, is_party: Callable[[str], bool] = lambda _: False, language: str = "en"
) -> _Owned:
    """`TEXT [LEADS] [by DUE]`: the last bracket group, if only `by DUE` may follow it.

    Leads are split on ";". A comma splits them only when every piece names a known
    organisation or person (`is_party`): "[UNHCR, WFP]" is two leads, "[OCHA in
    consultation with UNHCR, UNICEF and others]" is one."""
    close = s.rfind("]")
    opening = s.rfind("[", 0, close) if close >= 0 else -1
    if opening < 0:
        return _Owned(s, [], None, [])
    after = s[close + 1 :].strip()
    by = _BY_RE.fullmatch(after)
    due = by.group(1).strip() if by else None
    due_word = "by"
    if due is None and language != "en" and (due := due_after(after, language)) is not None:
        due_word = after[: len(after) - len(due)].strip()
    if due is None and _TRAILING_PUNCT_RE.fullmatch(after) is None:
        return _Owned(s, [], None, [])  # brackets inside the sentence are just text
    typed = s[opening + 1 : close]
    inner = typed.translate(_ARABIC_SEPARATORS)
    owners = [lead for part in inner.split(";") for lead in _split_commas(part, is_party)]
    # The warning quotes the brackets as typed: nothing typed is lost, "؛" included.
    warnings = [] if owners else [f"empty owner brackets [{typed}]; no owners recorded"]
    return _Owned(s[:opening].rstrip(), owners, due, warnings, due_word)


def _split_commas(part: str, is_party: Callable[[str], bool]) -> list[str]:
    pieces = [p for piece in part.split(",") if (p := piece.strip().strip("*_ "))]
    if len(pieces) > 1 and all(is_party(p) for p in pieces):
        return pieces
    whole = " ".join(part.split()).strip("*_ ")
    return [whole] if whole else []
