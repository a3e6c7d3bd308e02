"""How dates, meeting names and long text are shown: one way each, everywhere.

Pure and light (the first frame imports it): standard library only. The app's screens
write English month names whatever the machine's locale; a record writes its dates in
its meeting's language with Babel (record/words.py), never with these.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ELLIPSIS = "…"


def long_date(day: dt.date | None) -> str:
    """'9 July 2020' (the record's form); '' for none."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def short_date(day: dt.date | None, missing: str = "") -> str:
    """'9 Jul 2020' (screens, where width is short)."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}" if day else missing


def meeting_name(body: str | None, title: str | None, session: str | None = None) -> str:
    """'IASC OPAG · Operational Policy … · Session VII': the meeting wherever it is named."""
    return " · ".join(p for p in (body, title, session) if p)


def clip(text: str, width: int) -> str:
    """One line, cut to `width` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: max(width - 1, 0)] + ELLIPSIS


def local(moment: dt.datetime) -> dt.datetime:
    """Stored UTC → the machine's local time (naive values are taken as UTC). Here, not
    in snapshot.py, so the log line of `minutes add` does not import the snapshot."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()
