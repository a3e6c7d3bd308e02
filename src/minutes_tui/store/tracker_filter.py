"""Which actions the tracker lists: the filter, and the screen's filter line read into one.

Pure: no database here (`store.tracker` runs the filter as SQL).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TrackerFilter:
    """Which actions to list; every field set narrows the list (all must hold).

    open_only   an open status (pending, in progress, continuous)
    overdue     open, with a due date before `today` (default: the machine's today)
    owner       a case-insensitive substring of any owner (of the action or a sub-item)
    body        the meeting's body, exactly, case-insensitive; or a lead that names the
                body (`lead_names`): a body's actions wherever they were agreed
    text        a case-insensitive substring of the action's text or of a sub-item's
    words       more such substrings, each of which must occur (the screen's plain words)
    meeting_id  actions of that meeting only
    group       the action's group (topic, priority area), a case-insensitive substring
    date_from   agreed in a meeting on or after this day
    date_to     agreed in a meeting on or before this day
    """

    open_only: bool = False
    overdue: bool = False
    owner: str | None = None
    body: str | None = None
    text: str | None = None
    words: tuple[str, ...] = ()
    meeting_id: int | None = None
    today: dt.date | None = None
    group: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def terms(self) -> list[str]:
        return [t for t in (self.text, *self.words) if t and t.strip()]

    def as_of(self) -> dt.date:
        return self.today or dt.date.today()


_TOKEN = re.compile(
    r'(?P<key>[A-Za-z]+):(?:"(?P<qv>[^"]*)"?|(?P<v>\S*))|"(?P<q>[^"]*)"?|(?P<w>\S+)'
)
QUERY_HELP = (
    'plain words match the action · owner:UNHCR · body:"IASC OPAG" · group:LOCALIZATION'
    " · from:2021-01-01 · to:2021-06-30 · meeting:12 · is:open · is:overdue"
)


def parse_query(query: str, today: dt.date | None = None) -> TrackerFilter:
    """The screen's filter line → a TrackerFilter.

    Plain words (or "quoted phrases") must each occur in the action's text or a
    sub-item's; `owner:X`, `body:X` (exact), `group:X`, `meeting:ID`, `from:DATE`,
    `to:DATE` (when it was agreed), `is:open`, `is:overdue` narrow further; values with
    spaces go in quotes. A token still being typed (`owner:`, `is:ov`, `from:2021-0`) is
    ignored; any other `key:value` is a plain word.
    """
    words: list[str] = []
    owner = body = group = None
    date_from = date_to = None
    meeting_id: int | None = None
    open_only = overdue = False
    for m in _TOKEN.finditer(query):
        key = (m.group("key") or "").casefold()
        value = m.group("qv") if m.group("qv") is not None else (m.group("v") or "")
        key = "owner" if key == "lead" else key
        if key in ("owner", "body", "meeting", "is", "group", "from", "to") and not value.strip():
            continue
        if key in ("from", "to"):
            day = _date_or_none(value.strip())
            if key == "from":
                date_from = day or date_from
            else:
                date_to = day or date_to
            continue
        if key == "group":
            group = value.strip()
            continue
        if key == "owner":
            owner = value.strip()
        elif key == "body":
            body = value.strip()
        elif key == "meeting" and value.isdigit():
            meeting_id = int(value)
        elif key == "is" and value.casefold() in ("open", "overdue"):
            open_only = open_only or value.casefold() == "open"
            overdue = overdue or value.casefold() == "overdue"
        elif key == "is" and any(w.startswith(value.casefold()) for w in ("open", "overdue")):
            continue
        elif key:
            words.append(m.group(0))
        elif m.group("q") is not None:
            if m.group("q").strip():
                words.append(m.group("q"))
        else:
            words.append(m.group("w"))
    return TrackerFilter(
        open_only=open_only,
        overdue=overdue,
        owner=owner,
        body=body,
        words=tuple(words),
        meeting_id=meeting_id,
        today=today,
        group=group,
        date_from=date_from,
        date_to=date_to,
    )


def lead_names(body: str) -> list[str]:
    """The leads that name a body, casefolded: its name and its short name ("IASC RG1"
    and "RG1": the last word, when it is an acronym)."""
    name = " ".join(body.split())
    words = name.split()
    names = [name.casefold()]
    if len(words) > 1 and words[-1].isupper():
        names.append(words[-1].casefold())
    return names


def _date_or_none(value: str) -> dt.date | None:
    """A complete ISO date, else None (a date still being typed)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
