"""The commands: /i, /a, /s, /d, /k, /u, /n (and their long forms)."""

from __future__ import annotations

import re
from collections.abc import Callable

from minutes_tui.capture.dates import read_next
from minutes_tui.capture.known import (
    _command_word,
    _fallback,
    _is_organisation,
    _Known,
    _note,
)
from minutes_tui.capture.when import (
    _parse_due,
    _split_trailing_due,
    _take_owners,
    _to_date,
    _to_hhmm,
)
from minutes_tui.domain.entries import (
    ActionReview,
    Entry,
    NewAction,
    NewGroup,
    NewItem,
    NewSubItem,
    NextMeeting,
    Note,
    SetIntroduction,
    SetPresenters,
)
from minutes_tui.domain.vocabulary import (
    STATUS_WORD_PATTERN,
    UNNUMBERED,
    NoteKind,
    status_from_word,
)


def _cmd_note(note_kind: NoteKind) -> Callable[[str, str, _Known], Entry]:
    def handler(rest: str, line: str, known: _Known) -> Entry:
        if not rest:
            return _fallback(line, f"{_command_word(line)} needs some text")
        return _note(rest, known, note_kind)

    return handler


_LABEL_RE = re.compile(r"(?:([0-9]+(?:\.[0-9]+)*)|((?i:aob)))[.:)]?(?:\s+|$)")


_UNNUMBERED_RE = re.compile(r"([-–—]{1,3})\s+")  # "-", "--", "---": the heading's level
_PRESENTER_RE = re.compile(r"\s\|\s*(?i:presenters?|presented by|lead)\s*:\s*")


def _cmd_item(rest: str, line: str, known: _Known) -> Entry:
    """`/i 7.2 Title`, `/i Title` (numbered after the last), `/i - HEADING` (no number;
    `/i -- SUB-HEADING` and `/i --- …` one and two levels below), with an optional
    `| presenter: OCHA; Ms. Jamal`."""
    presenters = None
    if (p := _PRESENTER_RE.search(rest)) is not None:
        rest, presenters = rest[: p.start()].rstrip(), rest[p.end() :].strip() or None
    if not rest:
        return _fallback(line, f"{_command_word(line)} needs a title")
    if (u := _UNNUMBERED_RE.match(rest)) is not None and rest[u.end() :].strip():
        label = UNNUMBERED + "-" * (len(u.group(1)) - 1)  # a sub-heading: "-", "--"
        return NewItem(label=label, title=rest[u.end() :].strip(), presenters=presenters)
    m = _LABEL_RE.match(rest)
    if m is None:
        return NewItem(label=None, title=rest, presenters=presenters)
    label = m.group(1) or "AOB"
    title = rest[m.end() :].lstrip(" -–—:")
    if title:
        return NewItem(label=label, title=title, presenters=presenters)
    if label == "AOB":
        return NewItem(label=label, title="Any other business", presenters=presenters)
    return NewItem(label=label, title="", warnings=[f"item {label} has no title"])


def _cmd_presenters(rest: str, line: str, known: _Known) -> Entry:
    if not rest:
        return _fallback(line, f"{_command_word(line)} needs who presents, e.g. OCHA; Ms. Jamal")
    return SetPresenters(presenters=rest)


def _cmd_intro(rest: str, line: str, known: _Known) -> Entry:
    if not rest:
        return _fallback(line, f"{_command_word(line)} needs the introduction's text")
    return SetIntroduction(text=rest)


# ` | name: value` fields after an action or a sub-item (the names a rapporteur types).
_FIELD_NAMES = {
    "when": "timeframe",
    "timeframe": "timeframe",
    "timeline": "timeframe",
    "partners": "partners",
    "partner": "partners",
    "links": "links",
    "link": "links",
    "linkages": "links",
    "comments": "comments",
    "comment": "comments",
}
_FIELD_RE = re.compile(r"\s\|\s*([A-Za-z]+)\s*:\s*")
_LIST_SPLIT_RE = re.compile(r"[;,]")


def _take_fields(rest: str) -> tuple[str, dict[str, str], list[str]]:
    """Split `TEXT | when: Q2 2021 | partners: IOM` into the text and its fields. A `|`
    not followed by a known field name stays in the text."""
    marks = [m for m in _FIELD_RE.finditer(rest) if m.group(1).casefold() in _FIELD_NAMES]
    if not marks:
        return rest, {}, []
    fields: dict[str, str] = {}
    warnings: list[str] = []
    for n, m in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(rest)
        name = _FIELD_NAMES[m.group(1).casefold()]
        value = rest[m.end() : end].strip()
        if name in fields:
            warnings.append(f"{m.group(1)}: given twice; the last one kept")
        if value:
            fields[name] = value
    return rest[: marks[0].start()].rstrip(), fields, warnings


def _is_party(known: _Known) -> Callable[[str], bool]:
    """Does a piece of a lead name an organisation or a person (so a comma may split)?"""
    return lambda piece: known.speaker(piece) is not None or _is_organisation(piece, known)


def _cmd_action(rest: str, line: str, known: _Known) -> Entry:
    rest, fields, field_warnings = _take_fields(rest)
    owned = _take_owners(rest, _is_party(known), known.language)
    text, due, due_word = owned.text, owned.due, owned.due_word
    if due is None:
        whole = text
        text, due = _split_trailing_due(text, known.language)
        if due is not None:  # the due word as typed sits between the text and the due
            due_word = whole[len(text) :].strip(" ,;:")[: -len(due)].strip() or "by"
    if not text:
        return _fallback(line, f"{_command_word(line)} needs the action text", owned.warnings)
    due_date, due_text, due_warnings = _parse_due(due, known.language) if due else (None, None, [])
    if due_text and due_word.casefold() != "by":
        # Not a date ("le 20 mars" without a year, "fin avril"): the phrase keeps the word
        # it was typed with, so the record reads "d'ici le 20 mars", not "d'ici 20 mars".
        due_text = f"{due_word} {due_text}"
    partners = fields.get("partners", "")
    return NewAction(
        text=text,
        owners=owned.owners,
        due_date=due_date,
        due_text=due_text,
        timeframe=fields.get("timeframe"),
        partners=[p for part in _LIST_SPLIT_RE.split(partners) if (p := part.strip())],
        links=fields.get("links"),
        comments=fields.get("comments"),
        warnings=owned.warnings + due_warnings + field_warnings,
    )


def _cmd_subitem(rest: str, line: str, known: _Known) -> Entry:
    rest, fields, field_warnings = _take_fields(rest)
    owned = _take_owners(rest, _is_party(known), known.language)
    text = owned.text
    if owned.due is not None:  # a sub-item has no deadline field: keep it in the text
        text = f"{text} {owned.due_word} {owned.due}".strip()
    if not text:
        return _fallback(line, f"{_command_word(line)} needs some text", owned.warnings)
    return NewSubItem(
        text=text,
        owners=owned.owners,
        timeframe=fields.get("timeframe"),
        warnings=owned.warnings + field_warnings,
    )


def _cmd_group(rest: str, line: str, known: _Known) -> Entry:
    if not rest:
        return _fallback(line, f"{_command_word(line)} needs a title (a topic, a priority area)")
    return NewGroup(title=rest)


_LABEL_MAX = 60
# `Label: text`, or a bare `Label:` (a lead-in with no text, e.g. `/l DISCUSSION:`). The
# colon is the first one followed by a space or the end, so `10:30` stays in a label.
_LABELLED_RE = re.compile(r"(?P<label>.*?):(?:\s+(?P<text>.*)|$)", re.S)


def _cmd_label(rest: str, line: str, known: _Known) -> Entry:
    command = _command_word(line)
    m = _LABELLED_RE.match(rest)
    if m is None:
        if ":" in rest:
            why = "needs a space after the label's colon"
        else:
            why = "needs a colon after the label" if rest else "needs a label and a colon"
        return _fallback(line, f"{command} {why}, e.g. {command} Note: text")
    label, text = m.group("label").strip(), (m.group("text") or "").strip()
    if not label:
        return _fallback(line, f"{command} needs a label before the colon, e.g. {command} Note:")
    if len(label) > _LABEL_MAX:
        why = f"a label is at most {_LABEL_MAX} characters (this one has {len(label)})"
        return _fallback(line, f"{command}: {why}")
    return Note(label=label, text=text)


_REF_RE = re.compile(r"(#)?([0-9]+)[.:)]?(?:\s+|$)")
_STATUS_RE = re.compile(
    rf"(?i)({STATUS_WORD_PATTERN})"
    r"(?=[\s:;,.\-–—]|$)[\s:;,.\-–—]*"
)


_MAX_ACTION_DIGITS = 9  # keeps int() cheap and far below Python's digit limit


def _cmd_review(rest: str, line: str, known: _Known) -> Entry:
    """`/u N [status] [progress]` (action N of the previous meeting) or `/u #REF …` (any
    action of the register, by the reference the tracker shows)."""
    command = _command_word(line)
    m = _REF_RE.match(rest)
    if m is None:
        return _fallback(
            line, f"{command} needs an action number or reference, e.g. {command} 3 done"
        )
    digits = m.group(2)
    if len(digits) > _MAX_ACTION_DIGITS or int(digits) < 1:
        return _fallback(line, f"{digits[:12]} is not an action number (use 1, 2, 3… or #12)")
    by_reference = m.group(1) is not None
    s = _STATUS_RE.match(rest, m.end())
    status = status_from_word(s.group(1)) if s else None
    text = rest[s.end() if s else m.end() :].strip()
    if status is None and not text:
        return _fallback(line, f"{command} {m.group(0).strip()} needs a status or a progress note")
    if by_reference:
        return ActionReview(action_id=int(digits), status=status, text=text)
    return ActionReview(number=int(digits), status=status, text=text)


_NEXT_DATE_RE = re.compile(
    r"(?P<token>(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2}))(?=[\s,;]|$)[\s,;]*"
)
_NEXT_TIME_RE = re.compile(
    r"(?P<token>(?:(?i:at)\s+)?(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2}))(?=[\s,;]|$)[\s,;]*"
)


def _cmd_next(rest: str, line: str, known: _Known) -> Entry:
    if not rest:
        return _fallback(line, f"{_command_word(line)} needs a date, a time or some text")
    if known.language != "en":  # "/n mardi 12 mars 2024 à 10h00", "/n 12/03/2024 15:00"
        read = read_next(rest, known.language)
        return NextMeeting(date=read.date, time=read.time, text=read.text, warnings=read.warnings)
    kept: list[str] = []  # malformed date/time tokens go back into the text
    warnings: list[str] = []
    date = time = None
    pos = 0
    if (m := _NEXT_DATE_RE.match(rest)) is not None:
        pos = m.end()
        date = _to_date(m)
        if date is None:
            token = m.group("token")
            kept.append(token)
            warnings.append(f"{token} is not a calendar date; kept in the text")
    if (m := _NEXT_TIME_RE.match(rest, pos)) is not None:
        pos = m.end()
        time = _to_hhmm(m)
        if time is None:
            token = m.group("token")
            kept.append(token)
            warnings.append(f"{token} is not a time of day (use HH:MM); kept in the text")
    text = " ".join([*kept, rest[pos:]]).strip()
    return NextMeeting(date=date, time=time, text=text, warnings=warnings)
