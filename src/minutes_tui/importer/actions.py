"""Follow-up actions as records write them → `/a`, `/s`, `/g`, `/u` capture lines. Pure.

"Accelerate the guidance [*RG1 sub-group*] — by 15 April 2021 (#5)", "Share the weblink
(OCHA) by mid-August", action tables (Action point | Lead | Status | Progress, with topic
rows), workplan tables (priority area → deliverables, timelines & status, leads, partners,
linkages) and response-plan tables (follow-up action | comments | component actions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutes_tui.domain.vocabulary import ActionStatus
from minutes_tui.importer.dates import find_date, western_digits
from minutes_tui.importer.languages import due_words, status_of, time_words

_REF_TAIL_RE = re.compile(r"\s*\(#[0-9]+(?:,[^)]*)?\)\s*$")
_OWNERS_RE = re.compile(r"\[([^\[\]]*)\]\s*(.*)$", re.S)
_LEADING_OWNERS_RE = re.compile(r"^\[([^\[\]]{2,60})\]\s+(\S.*)$", re.S)
_PAREN_OWNERS_RE = re.compile(r"\(([^()]{2,80})\)\s*(.*)$", re.S)
_DASH_RE = re.compile(r"^\s*[—–]\s*|^\s+-\s+")
_MARKER_RE = re.compile(r"\*{0,2}\\?\[([A-Z][A-Z -]{2,20})\\?\]\*{0,2}")
_NUMBER_RE = re.compile(r"^\s*([0-9]{1,3})[.)]\s+")
_EMPHASIS = "*_ "


@dataclass
class ActionParts:
    text: str
    owners: list[str]
    due: str | None = None  # after "by": an ISO date when it reads as one, else the words
    when: str | None = None  # a timeframe: "Q3 2021", "April 2021"
    rest: str = ""  # what follows a dash after the owners (a status, a progress note)


def due_of(words: str, year: int | None) -> str:
    got = find_date(words, year)
    if got is not None and got[1].group(0).strip() == western_digits(words).strip(" .,"):
        return got[0].isoformat()
    return words.strip(" .")


def strip_ref(text: str) -> str:
    """'Map the schools (#5)' (a reference an export printed) → 'Map the schools'."""
    return _REF_TAIL_RE.sub("", text.strip())


def split_action(text: str, is_party: object = None, year: int | None = None) -> ActionParts:
    """Split a written action into text, owners, due date or timeframe."""
    text = _REF_TAIL_RE.sub("", text.strip())
    owners: list[str] = []
    tail = ""
    if (m := _LEADING_OWNERS_RE.match(text)) is not None and not _last_bracket(m.group(2)):
        # "[UNHCR] Share the updated 4W by Friday": the owner written first
        owners, text = _owner_list(m.group(1)), m.group(2)
    elif (m := _last_bracket(text)) is not None:
        owners = _owner_list(m.group(1))
        text, tail = text[: m.start()].rstrip(), m.group(2).strip()
    elif (m := _PAREN_OWNERS_RE.search(text)) is not None and _looks_like_owners(m.group(1)):
        owners = [o.strip() for o in re.split(r"[;,/]|\band\b", m.group(1)) if o.strip()]
        text, tail = text[: m.start()].rstrip(), m.group(2).strip()
    parts = ActionParts(text=text.strip(), owners=owners)
    if tail:
        tail = _DASH_RE.sub("", tail)
        first, _, rest = tail.partition(" — ")
        if (b := _by(first)) is not None:
            parts.due = due_of(b.group("when"), year)
        elif first and status_of(first) is None:
            parts.when = first.strip(" .")
        else:
            rest = tail
        parts.rest = rest.strip()
    elif (b := _trailing_by(parts.text)) is not None and _time_like(b.group("when")):
        parts.text, parts.due = parts.text[: b.start()].rstrip(), due_of(b.group("when"), year)
    return parts


def _by(text: str) -> re.Match[str] | None:
    """'by 15 April', and in a French record "d'ici le 15 avril": the due phrase."""
    return re.match(rf"(?i)^(?:{due_words()})(?P<when>.+)$", text, re.S)


def _trailing_by(text: str) -> re.Match[str] | None:
    """'… by mid-August' at the end of an action ("… avant le 20/03/2024")."""
    return re.search(
        rf"(?i)\s+(?:{due_words()})(?P<when>(?:mid-|end of |early |late )?\S.{{0,40}})$", text
    )


def without_due(text: str) -> str:
    """'Share the updated 4W by Friday' → 'Share the updated 4W': the text an action is
    stored with once `split_action` has taken its trailing due phrase."""
    if (b := _trailing_by(text)) is not None and _time_like(b.group("when")):
        return text[: b.start()].rstrip()
    return text


def _owner_list(inner: str) -> list[str]:
    return [o.strip(_EMPHASIS) for o in inner.split(";") if o.strip(_EMPHASIS)]


def _last_bracket(text: str) -> re.Match[str] | None:
    found = None
    for m in _OWNERS_RE.finditer(text):
        found = m
    if found is None or not found.group(1).strip(_EMPHASIS):
        return None
    return found


def _looks_like_owners(inner: str) -> bool:
    # "(OCHA)", "(UNHCR, UNICEF)": short, each part capitalised, no sentence inside
    parts = [p.strip() for p in re.split(r"[;,/]|\band\b", inner) if p.strip()]
    return bool(parts) and all(p[:1].isupper() and len(p.split()) <= 4 for p in parts)


def _time_like(words: str) -> bool:
    extra = time_words()
    return bool(
        find_date(words, 2000)
        or (extra and re.search(rf"(?i){extra}", words))
        or re.search(
            r"(?i)\b(mid-|end of|early|late|q[1-4]|next meeting|week|month|[0-9]{4}|"
            r"january|february|march|april|may|june|july|august|september|october|"
            r"november|december|monday|tuesday|wednesday|thursday|friday)",
            words,
        )
    )


def _fields(parts: ActionParts, **extra: str | None) -> str:
    out = ""
    if parts.owners:
        out += f" [{'; '.join(parts.owners)}]"
    if parts.due:
        out += f" by {parts.due}"
    fields = {"when": parts.when, **extra}
    for name, value in fields.items():
        if value and value.strip(" —-"):
            out += f" | {name}: {value.strip()}"
    return out


def action_line(text: str, year: int | None = None) -> str:
    parts = split_action(_NUMBER_RE.sub("", text), year=year)
    return f"/a {parts.text or text}{_fields(parts)}"


def sub_line(text: str, year: int | None = None) -> str:
    parts = split_action(text, year=year)
    if parts.due:  # a sub-item has no deadline: its due goes into the timeframe
        parts.when, parts.due = f"by {parts.due}", None
    return f"/s {parts.text or text}{_fields(parts)}"


def review_line(number: int, written: str) -> tuple[str, bool]:
    """'Text [*OCHA*] — Completed — progress' under "Action 4 (previous meeting)" →
    `/u 4 completed progress`; False when no status or progress could be read."""
    parts = split_action(written)
    status_word, _, progress = (parts.rest or "").partition(" — ")
    status = status_of(status_word.strip())
    if status is None:
        progress = parts.rest
    words = (status or "").replace("_", " ")
    line = f"/u {number} {words} {progress}".replace("  ", " ").strip()
    return line, bool(status or progress.strip())


def status_marker(text: str) -> tuple[str, ActionStatus | None]:
    """'Q2 2021 [COMPLETED]' → ('Q2 2021', 'completed')."""
    m = _MARKER_RE.search(text)
    if m is None:
        return text, None
    return (text[: m.start()] + text[m.end() :]).strip(" ·-—"), status_of(m.group(1))
