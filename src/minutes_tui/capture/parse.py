"""The entry point: one typed line → one typed entry. Never raises."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from minutes_tui.capture.clean import clean_text
from minutes_tui.capture.commands import (
    _cmd_action,
    _cmd_group,
    _cmd_intro,
    _cmd_item,
    _cmd_label,
    _cmd_next,
    _cmd_note,
    _cmd_presenters,
    _cmd_review,
    _cmd_subitem,
)
from minutes_tui.capture.known import (
    _EMPTY_CONTEXT,
    CaptureContext,
    _fallback,
    _Known,
    _known,
    _note,
)
from minutes_tui.capture.people import _cmd_participants
from minutes_tui.domain.entries import CONFIDENTIAL_TYPES, Blank, Entry, ListItem, Note
from minutes_tui.domain.vocabulary import ListStyle

_COMMAND_RE = re.compile(r"/([A-Za-z]+)(?:\s+|$)")

_Handler = Callable[[str, str, _Known], Entry]
_ITEM, _PEOPLE, _ACTION, _SUB = _cmd_item, _cmd_participants, _cmd_action, _cmd_subitem
_DECISION, _KEY = _cmd_note("decision"), _cmd_note("key_message")
_COMMANDS: dict[str, _Handler] = {
    "i": _ITEM,
    "item": _ITEM,
    "p": _PEOPLE,
    "participant": _PEOPLE,
    "participants": _PEOPLE,
    "a": _ACTION,
    "action": _ACTION,
    "s": _SUB,
    "sub": _SUB,
    "subitem": _SUB,
    "d": _DECISION,
    "decision": _DECISION,
    "k": _KEY,
    "key": _KEY,
    "keymessage": _KEY,
    "u": _cmd_review,
    "update": _cmd_review,
    "review": _cmd_review,
    "n": _cmd_next,
    "next": _cmd_next,
    "g": _cmd_group,
    "group": _cmd_group,
    "l": _cmd_label,
    "label": _cmd_label,
    "pr": _cmd_presenters,
    "presenter": _cmd_presenters,
    "presenters": _cmd_presenters,
    "intro": _cmd_intro,
    "introduction": _cmd_intro,
}


def parse_line(line: str, context: CaptureContext | None = None) -> Entry:
    """Read one captured line. Never raises: anything unreadable becomes a plain note."""
    try:
        return _parse(line, context)
    except Exception as exc:  # a bug must never cost the rapporteur a line
        text = clean_text(line) if isinstance(line, str) else ""
        if not text:
            return Blank()
        return Note(text=text, warnings=[f"could not read this line ({type(exc).__name__})"])


# A list marker and a space: "- ", "* ", "• ", "3) ", "3. ", "(iv) ", "iv) ", "(b) ", "b) ".
_LIST_RE = re.compile(
    r"(?P<marker>[-*•]|(?P<num>[0-9]{1,3})[.)]|\(?(?P<roman>[ivxlc]{1,6})\)|\((?P<alpha>[a-z])\)"
    r"|(?P<alpha2>[a-h])\))\s+(?=\S)"
)
_ROMAN_RE = re.compile(r"c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")


def _list_item(line: str) -> ListItem | None:
    m = _LIST_RE.match(line)
    if m is None:
        return None
    if m.group("num") is not None:
        style: ListStyle = "decimal"
    elif m.group("roman") is not None:
        if not _ROMAN_RE.fullmatch(m.group("roman")):
            return None  # "(xii)" yes; "(vix)" is not a numeral
        style = "roman"
    elif m.group("alpha") or m.group("alpha2"):
        style = "alpha"
    else:
        style = "bullet"
    return ListItem(style=style, marker=m.group("marker"), text=line[m.end() :].strip())


# What a form that cannot be confidential is, in a warning.
_FORMS = {
    "item": "an agenda item",
    "participants": "a participant",
    "presenters": "a presenter",
    "introduction": "an introduction",
    "group": "a group",
    "next": "a next meeting",
}


def _confidential(entry: Entry, typed: str) -> Entry:
    """The entry marked confidential, when its kind can be; else the line as typed kept
    whole as a confidential point, warned: what was marked `!` never circulates."""
    if entry.kind == "blank":
        return entry
    if isinstance(entry, CONFIDENTIAL_TYPES):
        return replace(entry, confidential=True)
    what = _FORMS.get(entry.kind, "this line")
    why = f"{what} cannot be confidential: kept as a confidential point (!), not circulated"
    return Note(text=typed.strip(), confidential=True, warnings=[*entry.warnings, why])


def _parse(line: str, context: CaptureContext | None) -> Entry:
    line = clean_text(line)
    if line.strip() == "!":  # a lone mark is text, as a lone "\\" is: nothing typed is dropped
        return Note(text="!")
    if line.startswith("!"):  # `!UNHCR: …`, `!/a …`: the entry is confidential
        return _confidential(_parse(line[1:], context), line[1:])
    if not line:
        return Blank()
    known = _known(context or _EMPTY_CONTEXT)
    if line.startswith("\\"):  # escape: the rest is literal text, no command, no speaker
        return Note(text=line[1:].strip() or "\\")
    m = _COMMAND_RE.match(line)
    if m is None:
        return _list_item(line) or _note(line, known)
    handler = _COMMANDS.get(m.group(1).casefold())
    if handler is None:
        return _fallback(line, f"unknown command /{m.group(1)}")
    return handler(line[m.end() :], line, known)
