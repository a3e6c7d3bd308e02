"""Capture scripts: an optional `---` front-matter header, then one capture line per line.

A script replays a meeting (tests, demos, catching up from paper notes). Pure: no I/O;
the caller reads the file and passes its text. See docs/capture-grammar.md.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

from minutes_tui.domain.header import UNTITLED, MeetingHeader
from minutes_tui.domain.language import LANGUAGE_NAMES, LANGUAGES, Language, language_from
from minutes_tui.domain.text import clean_text
from minutes_tui.domain.vocabulary import (
    HEADING_FORMS,
    SENSITIVITIES,
    STYLE_WORDS,
    Sensitivity,
    Style,
)

__all__ = ["CaptureScript", "ScriptError", "parse_header", "parse_script"]


@dataclass(kw_only=True, frozen=True)
class CaptureScript:
    header: MeetingHeader
    lines: list[tuple[int, str]]  # (1-based line number in the file, the line as written)
    previous_id: int | None = None  # `from: 12`: the meeting this one follows in its series


class ScriptError(ValueError):
    """A script the rapporteur must fix; the message names the line when it is known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        self.reason = message
        super().__init__(f"line {line}: {message}" if line is not None else message)


# --------------------------------------------------------------------------------------
# Header fields
# --------------------------------------------------------------------------------------

_TEXT_KEYS = (
    "title",
    "body",
    "parent",
    "session",
    "place",
    "chair",
    "rapporteur",
    "introduction",
)
KEYS = (  # in the order the docs list them, for the "known keys" message
    "title",
    "body",
    "parent",
    "session",
    "date",
    "time",
    "place",
    "chair",
    "rapporteur",
    "style",
    "sensitivity",
    "language",
    "introduction",
    "headings",
    "from",
)

_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME_RE = re.compile(r"([0-9]{1,2}):([0-9]{2})")
# The first dash or "to" splits a range. A search for the separator alone, not one
# fullmatch with a lazy start and "\s*" on both sides: that backtracked quadratically
# on a long value of spaces (36 s for 40 KB).
_RANGE_SEPARATOR_RE = re.compile(r"[-–—]|\bto\b")


def _show(value: str) -> str:
    """Quote a value for a message, cut short so a pasted paragraph stays readable."""
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _words(value: str) -> str:
    """Casefolded, with "-", "_" and runs of spaces all read as one space."""
    return " ".join(re.split(r"[\s_-]+", value.casefold())).strip()


def _parse_date(value: str) -> dt.date:
    m = _DATE_RE.fullmatch(value)
    try:
        if m is None:
            raise ValueError
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ScriptError(f"date {_show(value)} is not a date (use YYYY-MM-DD)") from None


def _parse_hhmm(value: str, whole: str) -> str:
    m = _TIME_RE.fullmatch(value.strip())
    if m is None or int(m[1]) > 23 or int(m[2]) > 59:
        raise ScriptError(f"time {_show(whole)} is not a time (use HH:MM or HH:MM-HH:MM)")
    return f"{int(m[1]):02d}:{int(m[2]):02d}"


def _parse_time(value: str) -> tuple[str, str | None]:
    """`09:00` or `09:00-11:30` (an en dash or "to" also works)."""
    m = _RANGE_SEPARATOR_RE.search(value)
    if m is None:
        return _parse_hhmm(value, value), None
    start = _parse_hhmm(value[: m.start()], value)
    end = _parse_hhmm(value[m.end() :], value)
    if end <= start:  # "HH:MM" strings compare in time order
        raise ScriptError(f"time {_show(value)} ends before it starts")
    return start, end


def _parse_style(value: str) -> Style:
    style = STYLE_WORDS.get(_words(value))
    if style is None:
        choices = ", ".join(STYLE_WORDS)
        raise ScriptError(f"style {_show(value)} is not one of: {choices}")
    return style


def _parse_sensitivity(value: str) -> Sensitivity:
    for level in SENSITIVITIES:
        if _words(level) == _words(value):
            return level
    choices = ", ".join(SENSITIVITIES)
    raise ScriptError(f"sensitivity {_show(value)} is not one of: {choices}")


def language_problem(value: str) -> str:
    """The one sentence a language nobody writes records in gets (script, option, form)."""
    known = ", ".join(f"{code} ({LANGUAGE_NAMES[code]})" for code in LANGUAGES)
    return f"language {_show(value)} is not one of: {known}"


def _parse_language(value: str) -> Language:
    found = language_from(value)
    if found is None:
        raise ScriptError(language_problem(value))
    return found


def _field(key: str, value: str) -> dict[str, object]:
    """One `key: value` as MeetingHeader attributes; raises ScriptError (no line number)."""
    if key not in KEYS:
        raise ScriptError(f"unknown key {_show(key)} (known keys: {', '.join(KEYS)})")
    # Headers come from files and command lines: nothing a terminal would obey is kept.
    value = clean_text(value)
    if not value:
        return {}  # "place:" with nothing after it means "not set"
    if key in _TEXT_KEYS:
        return {key: value}
    if key == "date":
        return {"date": _parse_date(value)}
    if key == "time":
        start, end = _parse_time(value)
        return {"start_time": start, "end_time": end}
    if key == "style":
        return {"style": _parse_style(value)}
    if key == "language":
        return {"language": _parse_language(value)}
    if key == "from":
        return {"previous_id": _parse_meeting_id(value)}
    if key == "headings":
        form = _words(value)
        if form not in HEADING_FORMS:
            raise ScriptError(f"headings {_show(value)} is not one of: {', '.join(HEADING_FORMS)}")
        return {"heading_form": form}
    return {"sensitivity": _parse_sensitivity(value)}


_MAX_ID = 2**63 - 1


def _parse_meeting_id(value: str) -> int:
    number = value.removeprefix("#")
    if not number.isascii() or not number.isdigit() or not 0 < int(number[:20]) <= _MAX_ID:
        raise ScriptError(f"from {_show(value)} is not a meeting id (a number)")
    return int(number)


def _header(fields: dict[str, object]) -> MeetingHeader:
    fields.setdefault("title", UNTITLED)
    return MeetingHeader.model_validate(fields)


def parse_header(fields: dict[str, str]) -> MeetingHeader:
    """Validate raw front-matter fields (keys are case-insensitive; empty means unset)."""
    values: dict[str, object] = {}
    for key, value in fields.items():
        values.update(_field(key.strip().casefold(), _unquote(value.strip())))
    return _header(values)


# --------------------------------------------------------------------------------------
# Scripts
# --------------------------------------------------------------------------------------

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")  # not str.splitlines: it also splits on \x0c, \x85…
_FENCE = "---"
_COMMENT = "#!"


class _Line(NamedTuple):
    number: int  # 1-based
    text: str


def _unquote(value: str) -> str:
    """`title: "Budget: 2021"` -> Budget: 2021 (front matter is YAML-like)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _front_matter(lines: list[_Line]) -> tuple[MeetingHeader, int | None, list[_Line]]:
    """Read the header if the first line is `---`; return it, the meeting it follows
    (`from:`) and the remaining lines."""
    if not lines or lines[0].text.rstrip() != _FENCE:
        return MeetingHeader(title=UNTITLED), None, lines
    # Find the closing fence first: a forgotten `---` is the real error, not whatever
    # capture line happens to follow.
    close = next((i for i, line in enumerate(lines[1:], 1) if line.text.strip() == _FENCE), None)
    if close is None:
        raise ScriptError("the header opened with '---' is never closed by a '---' line", 1)
    values: dict[str, object] = {}
    seen: dict[str, int] = {}
    for number, text in lines[1:close]:
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue  # blank lines and comments are allowed in the header
        key, colon, value = stripped.partition(":")
        key = key.strip().casefold()
        if not colon or not key:
            raise ScriptError(f"expected 'key: value' in the header, got {_show(stripped)}", number)
        if key in seen:
            raise ScriptError(f"{key!r} is given twice (first on line {seen[key]})", number)
        seen[key] = number
        try:
            values.update(_field(key, _unquote(value.strip())))
        except ScriptError as exc:
            raise ScriptError(exc.reason, number) from None
    previous = values.pop("previous_id", None)
    assert previous is None or isinstance(previous, int)
    return _header(values), previous, lines[close + 1 :]


def parse_script(text: str) -> CaptureScript:
    """Split a script into its header and its capture lines (with their line numbers)."""
    text = text.removeprefix("\ufeff")  # a BOM left by Windows editors
    lines = [_Line(n, t) for n, t in enumerate(_LINE_BREAK_RE.split(text), start=1)]
    if lines and lines[-1].text == "":
        lines.pop()  # the file's final newline does not start a line
    header, previous, body = _front_matter(lines)
    capture = [(n, t) for n, t in body if t.strip() and not t.lstrip().startswith(_COMMENT)]
    return CaptureScript(header=header, lines=capture, previous_id=previous)
