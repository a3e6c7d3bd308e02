"""The commands: /i, /a, /s, /d, /k, /u, /n (and their long forms)."""

from __future__ import annotations

import re
from collections.abc import Callable

from minutes_tui.capture.known import _command_word, _fallback, _Known, _note
from minutes_tui.capture.when import (
    _parse_due,
    _split_trailing_due,
    _take_owners,
    _to_date,
    _to_hhmm,
)
from minutes_tui.entries import (
    STATUS_WORD_PATTERN,
    ActionReview,
    Entry,
    NewAction,
    NewItem,
    NewSubItem,
    NextMeeting,
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


def _cmd_item(rest: str, line: str, known: _Known) -> Entry:
    if not rest:
        return _fallback(line, f"{_command_word(line)} needs a title")
    m = _LABEL_RE.match(rest)
    if m is None:
        return NewItem(label=None, title=rest)
    label = m.group(1) or "AOB"
    title = rest[m.end() :].lstrip(" -–—:")
    if title:
        return NewItem(label=label, title=title)
    if label == "AOB":
        return NewItem(label=label, title="Any other business")
    return NewItem(label=label, title="", warnings=[f"item {label} has no title"])


def _cmd_action(rest: str, line: str, known: _Known) -> Entry:
    owned = _take_owners(rest)
    text, due = owned.text, owned.due
    if due is None:
        text, due = _split_trailing_due(text)
    if not text:
        return _fallback(line, f"{_command_word(line)} needs the action text", owned.warnings)
    due_date, due_text, due_warnings = _parse_due(due) if due else (None, None, [])
    return NewAction(
        text=text,
        owners=owned.owners,
        due_date=due_date,
        due_text=due_text,
        warnings=owned.warnings + due_warnings,
    )


def _cmd_subitem(rest: str, line: str, known: _Known) -> Entry:
    owned = _take_owners(rest)
    text = owned.text
    if owned.due is not None:  # a sub-item has no deadline field: keep it in the text
        text = f"{text} by {owned.due}".strip()
    if not text:
        return _fallback(line, f"{_command_word(line)} needs some text", owned.warnings)
    return NewSubItem(text=text, owners=owned.owners, warnings=owned.warnings)


_NUMBER_RE = re.compile(r"#?([0-9]+)[.:)]?(?:\s+|$)")
_STATUS_RE = re.compile(
    rf"(?i)({STATUS_WORD_PATTERN})"
    r"(?=[\s:;,.\-–—]|$)[\s:;,.\-–—]*"
)


_MAX_ACTION_DIGITS = 9  # keeps int() cheap and far below Python's digit limit


def _cmd_review(rest: str, line: str, known: _Known) -> Entry:
    command = _command_word(line)
    m = _NUMBER_RE.match(rest)
    if m is None:
        return _fallback(line, f"{command} needs an action number, e.g. {command} 3 done")
    digits = m.group(1)
    if len(digits) > _MAX_ACTION_DIGITS or int(digits) < 1:
        return _fallback(line, f"{digits[:12]} is not an action number (use 1, 2, 3…)")
    s = _STATUS_RE.match(rest, m.end())
    if s is None:
        return _fallback(
            line, f"{command} {digits} needs a status: pending, in progress, completed or dropped"
        )
    status = status_from_word(s.group(1))
    assert status is not None  # the regex matched one of the status words
    return ActionReview(number=int(digits), status=status, text=rest[s.end() :].strip())


_NEXT_DATE_RE = re.compile(
    r"(?P<token>(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2}))(?=[\s,;]|$)[\s,;]*"
)
_NEXT_TIME_RE = re.compile(
    r"(?P<token>(?:(?i:at)\s+)?(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2}))(?=[\s,;]|$)[\s,;]*"
)


def _cmd_next(rest: str, line: str, known: _Known) -> Entry:
    if not rest:
        return _fallback(line, f"{_command_word(line)} needs a date, a time or some text")
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
