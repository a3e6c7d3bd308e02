"""Parse one captured line into a typed entry (grammar: docs/capture-grammar.md).

Pure: standard library and pydantic only, no I/O. ``parse_line`` never raises; text it
cannot read as a command is kept as a plain note, with a warning saying why.

Speed matters (this runs on every Enter and on every keystroke for hints), so every regex
is compiled once and every scan over the line is linear or bounded to its head or tail.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from pydantic import BaseModel

from minutes_tui.entries import (
    ATTENDANCE_WORDS,
    ROLE_WORDS,
    STATUS_WORD_PATTERN,
    ActionReview,
    Attendance,
    Blank,
    Entry,
    NewAction,
    NewItem,
    NewParticipants,
    NewSubItem,
    NextMeeting,
    Note,
    NoteKind,
    PersonSpec,
    Role,
    status_from_word,
)

__all__ = ["CaptureContext", "clean_text", "parse_line"]


class CaptureContext(BaseModel, frozen=True):
    """What the meeting already knows; matching against it is case-insensitive."""

    speakers: frozenset[str] = frozenset()  # "Arafat Jamal", "Jamal", "Ms. Jamal", "UNHCR"
    organisations: frozenset[str] = frozenset()  # "UNHCR", "Save the Children"


# --------------------------------------------------------------------------------------
# Sanitising
# --------------------------------------------------------------------------------------

# All C0 (tab, CR and LF included), DEL and C1 controls: a terminal cannot show them and
# the store must never see them.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_TABLE = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], " ")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_LONE_SURROGATE_RE = re.compile(
    r"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]"
)


def clean_text(s: str) -> str:
    """Controls -> space, lone surrogates -> U+FFFD, strip the ends; keep the rest exactly."""
    if not s.isprintable():  # fast path: most lines have nothing to replace
        # str.translate has a fast path for ASCII text; the regex is faster for the rest.
        s = s.translate(_CONTROL_TABLE) if s.isascii() else _CONTROL_RE.sub(" ", s)
        if _SURROGATE_RE.search(s):
            s = _LONE_SURROGATE_RE.sub("\ufffd", s)
            if _SURROGATE_RE.search(s):
                # What is left are valid high+low pairs: join each into its real character.
                s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    return s.strip()


# --------------------------------------------------------------------------------------
# Known names (speakers and organisations from the context)
# --------------------------------------------------------------------------------------

# "H.E." is only taken as an honorific when dotted or written "HE" in capitals, so the
# family name "He" (He Yafei) is left alone.
_HONORIFIC_RE = re.compile(r"(?:(?i:H\.\s?E\b\.?)|HE\b|(?i:(Mrs|Mr|Ms|Dr|Prof)\b)\.?)\s+(?=\S)")
_HONORIFIC_FORMS = {"mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "dr": "Dr.", "prof": "Prof."}
_MAX_KNOWN_WORDS = 12  # bounds the look-ahead after "@"


def _key(s: str) -> str:
    """Matching key: casefolded, whitespace collapsed."""
    return " ".join(s.casefold().split())


def _split_honorifics(s: str) -> tuple[str | None, str]:
    """Split leading honorifics ("H.E. Ms. Amina") into ("H.E. Ms.", "Amina")."""
    found: list[str] = []
    while (m := _HONORIFIC_RE.match(s)) is not None:
        found.append(_HONORIFIC_FORMS[m.group(1).casefold()] if m.group(1) else "H.E.")
        s = s[m.end() :]
    return (" ".join(found) or None), s


class _Known:
    """Lookups built once per context (cached), so each keystroke only does dict probes."""

    def __init__(self, context: CaptureContext) -> None:
        forms = context.speakers | context.organisations  # organisations speak too
        self.speakers = {_key(f): f.strip() for f in sorted(forms) if f.strip()}
        # Honorific-blind keys: "Mr Jamal" still matches a known "Jamal" or "Ms. Jamal".
        self.relaxed = {_key(_split_honorifics(f.strip())[1]) for f in forms} - {""}
        self.organisations = {_key(f): f.strip() for f in context.organisations if f.strip()}
        words = [len(k.split()) for k in self.speakers]
        self.max_words = min(max(words, default=1), _MAX_KNOWN_WORDS)

    def speaker(self, candidate: str) -> str | None:
        """Canonical form for an exact (case-insensitive) match, the typed form for an
        honorific-blind match, else None."""
        key = _key(candidate)
        if key in self.speakers:
            return self.speakers[key]
        if _key(_split_honorifics(candidate)[1]) in self.relaxed:
            return " ".join(candidate.split())
        return None

    def organisation(self, candidate: str) -> str | None:
        return self.organisations.get(_key(candidate))


@lru_cache(maxsize=16)
def _known(context: CaptureContext) -> _Known:
    return _Known(context)


_EMPTY_CONTEXT = CaptureContext()


# --------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------

_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&./\-]*[A-Z0-9]")
_CAPITALS_RE = re.compile(r"[A-Z]")
# All-caps words that head a line as labels, not as speakers ("NB: check the figures").
_NOT_SPEAKER_WORDS = (
    "NB PS FYI TBC TBD AOB NOTE TODO RE FW FWD ACTION DECISION UPDATE Q&A ETA EOD COB "
    "IMPORTANT URGENT"
)
_NOT_SPEAKERS = frozenset(_NOT_SPEAKER_WORDS.split())
_MAX_PREFIX = 80
_WORD_RE = re.compile(r"\S+")


def _is_acronym(s: str) -> bool:
    return (
        len(s) <= _MAX_PREFIX
        and _ACRONYM_RE.fullmatch(s) is not None
        and len(_CAPITALS_RE.findall(s)) >= 2
    )


def _is_organisation(s: str, known: _Known) -> bool:
    return _is_acronym(s) or known.organisation(s) is not None


def _prefix_speaker(text: str, known: _Known) -> tuple[str | None, str]:
    """`PREFIX: text` with a known or acronym PREFIX; anything else is all text."""
    colon = text.find(":", 0, _MAX_PREFIX + 1)
    if colon <= 0:
        return None, text
    after = text[colon + 1 :]
    # A colon must be followed by a space: "http://x" and "10:30" are text.
    if not after[:1].isspace() or not after.strip():
        return None, text
    prefix = text[:colon].strip()
    speaker = known.speaker(prefix)
    if speaker is None and _is_acronym(prefix) and prefix not in _NOT_SPEAKERS:
        speaker = prefix
    if speaker is None:
        return None, text
    return speaker, after.strip()


def _at_speaker(text: str, known: _Known) -> tuple[str | None, str]:
    """`@Name text`: the longest known form after "@", else the first word."""
    words: list[re.Match[str]] = []
    for m in _WORD_RE.finditer(text, 1):
        if not words and m.start() != 1:
            return None, text  # "@ something": no name follows the "@"
        words.append(m)
        if len(words) > known.max_words:
            break
    if not words:
        return None, text
    for n in range(min(len(words), known.max_words), 0, -1):
        candidate = text[1 : words[n - 1].end()].rstrip(":,;")
        speaker = known.speaker(candidate) if candidate else None
        if speaker is not None:
            return _speaker_and_rest(speaker, text, words[n - 1].end())
    first = words[0].group().rstrip(":,;")
    if not first:
        return None, text
    return _speaker_and_rest(first, text, words[0].end())


def _speaker_and_rest(speaker: str, text: str, end: int) -> tuple[str | None, str]:
    rest = text[end:].strip()
    if not rest:
        return None, text  # a name alone is not yet a note: keep what was typed
    return speaker, rest


def _note(text: str, known: _Known, note_kind: NoteKind = "point") -> Note:
    if text.startswith("@"):
        speaker, body = _at_speaker(text, known)
    else:
        speaker, body = _prefix_speaker(text, known)
    return Note(note_kind=note_kind, speaker=speaker, text=body)


def _command_word(line: str) -> str:
    """The command as typed ("/A"), for messages; splits once, not the whole line."""
    return line.split(None, 1)[0]


def _fallback(line: str, why: str, warnings: list[str] | None = None) -> Note:
    """Keep the whole line as a plain note and say why it was not read as a command."""
    return Note(text=line, warnings=[*(warnings or []), f"{why}; kept as a note"])


# --------------------------------------------------------------------------------------
# Dates and times
# --------------------------------------------------------------------------------------

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


def _parse_due(due: str) -> tuple[dt.date | None, str | None, list[str]]:
    """An ISO date becomes due_date; anything else is kept verbatim as due_text."""
    m = _ISO_DATE_RE.fullmatch(due.rstrip("."))
    if m is None:
        return None, due, []
    date = _to_date(m)
    if date is None:
        return None, due, [_not_a_date(m.group())]
    return date, None, []


def _split_trailing_due(text: str) -> tuple[str, str | None]:
    """Split off a trailing "by DATE" or "by <time phrase>"; other "by ..." stays text."""
    # Only the tail can hold a deadline, so a 1 MB line costs no more than a short one.
    tail_start = max(0, len(text) - _MAX_DUE - 8)
    m = _TRAILING_BY_RE.match(text, tail_start)
    if m is None:
        return text, None
    due = m.group(2).strip()
    if _ISO_DATE_RE.fullmatch(due.rstrip(".")) is None and not _looks_like_time(due):
        return text, None
    return text[: m.start(1)].rstrip().rstrip(",;:"), due


# --------------------------------------------------------------------------------------
# Owners: the last [...] group
# --------------------------------------------------------------------------------------

_OWNER_SPLIT_RE = re.compile(r"[;,]")
_BY_RE = re.compile(r"(?i)by\s+(\S.*)", re.S)
_TRAILING_PUNCT_RE = re.compile(r"[.;,]*")


class _Owned(NamedTuple):
    """A line split around its owners bracket."""

    text: str
    owners: list[str]
    due: str | None  # whatever followed "by" after the bracket, verbatim
    warnings: list[str]


def _take_owners(s: str) -> _Owned:
    """`TEXT [OWNERS] [by DUE]`: the last bracket group, if only `by DUE` may follow it."""
    close = s.rfind("]")
    opening = s.rfind("[", 0, close) if close >= 0 else -1
    if opening < 0:
        return _Owned(s, [], None, [])
    after = s[close + 1 :].strip()
    by = _BY_RE.fullmatch(after)
    if by is None and _TRAILING_PUNCT_RE.fullmatch(after) is None:
        return _Owned(s, [], None, [])  # brackets inside the sentence are just text
    inner = s[opening + 1 : close]
    owners = [o for part in _OWNER_SPLIT_RE.split(inner) if (o := part.strip().strip("*_ "))]
    warnings = [] if owners else [f"empty owner brackets [{inner}]; no owners recorded"]
    due = by.group(1).strip() if by else None
    return _Owned(s[:opening].rstrip(), owners, due, warnings)


# --------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------
# Participants
# --------------------------------------------------------------------------------------

_CO_CHAIR_RE = re.compile(r"(?i)\bco\s+chair\b")
_TAIL_WORD_SPLIT_RE = re.compile(r"[\s,;/]+")


def _split_top(s: str, sep: str) -> list[str]:
    """Split on `sep` outside parentheses: "Head (Cox's Bazar, BD), UNHCR" is two parts."""
    pieces = s.split(sep)
    if "(" not in s:
        return pieces
    # Rejoin pieces while a "(" is open; str.count keeps this linear and in C.
    parts: list[str] = []
    pending: list[str] = []
    depth = 0
    for piece in pieces:
        pending.append(piece)
        depth = max(0, depth + piece.count("(") - piece.count(")"))
        if depth == 0:
            parts.append(sep.join(pending))
            pending = []
    if pending:
        parts.append(sep.join(pending))
    return parts


@dataclass
class _Tail:
    """Role and attendance read from a trailing "(...)"."""

    role: Role | None = None
    attendance: Attendance = "present"
    warnings: list[str] = field(default_factory=list)


def _take_paren_tail(s: str) -> tuple[str, _Tail]:
    """Read "(chair, apologies)" off the end; a "(...)" with no role word stays in the text."""
    tail = _Tail()
    if not s.endswith(")"):
        return s, tail
    opening = s.rfind("(")
    inner = s[opening + 1 : -1]
    if opening < 0 or ")" in inner:
        return s, tail
    words = [w for w in _TAIL_WORD_SPLIT_RE.split(_CO_CHAIR_RE.sub("co-chair", inner)) if w]
    known = [w for w in words if w.casefold() in ROLE_WORDS or w.casefold() in ATTENDANCE_WORDS]
    if not known:
        return s, tail  # "(Cox's Bazar)" is part of the position, not a role
    roles = [ROLE_WORDS[w.casefold()] for w in words if w.casefold() in ROLE_WORDS]
    attendances = [
        ATTENDANCE_WORDS[w.casefold()] for w in words if w.casefold() in ATTENDANCE_WORDS
    ]
    unknown = [w for w in words if w not in known]
    tail.role = roles[0] if roles else None
    tail.attendance = attendances[-1] if attendances else "present"
    if unknown:
        tail.warnings.append(
            f"ignored {' '.join(unknown)!r} in ({inner}): not a role or attendance"
        )
    if len(set(roles)) > 1:
        tail.warnings.append(f"more than one role in ({inner}); kept {roles[0]}")
    return s[:opening].rstrip(), tail


def _person(raw: str, known: _Known, group_org: str | None) -> tuple[PersonSpec | None, list[str]]:
    """One participant: `[Honorific] Name[, Position...][, Organisation] [(Role, ...)]`."""
    body, tail = _take_paren_tail(raw.strip())
    parts = [p for part in _split_top(body, ",") if (p := part.strip())]
    honorific = name = position = organisation = None
    if group_org is not None:
        organisation = group_org
        if parts:
            honorific, name = _split_honorifics(parts[0])
            position = ", ".join(parts[1:]) or None
    elif len(parts) == 1 and _is_organisation(parts[0], known):
        organisation = known.organisation(parts[0]) or parts[0]
    elif parts:
        honorific, name = _split_honorifics(parts[0])
        if len(parts) == 2 and _is_organisation(parts[1], known):
            organisation = known.organisation(parts[1]) or parts[1]
        elif len(parts) == 2:
            position = parts[1]
        elif len(parts) > 2:
            position = ", ".join(parts[1:-1])
            organisation = known.organisation(parts[-1]) or parts[-1]
    if not name and not organisation:
        if raw.strip():
            tail.warnings.append(f"no name or organisation in {raw.strip()!r}; skipped")
        return None, tail.warnings
    person = PersonSpec(
        honorific=honorific,
        name=name or None,
        position=position,
        organisation=organisation,
        role=tail.role,
        attendance=tail.attendance,
    )
    return person, tail.warnings


def _group_org(rest: str) -> tuple[str, str] | None:
    """`ORG: Person; Person` -> (ORG, people). The colon must come before any list."""
    colon = rest.find(":", 0, _MAX_PREFIX + 1)
    if colon <= 0:
        return None
    head, after = rest[:colon], rest[colon + 1 :]
    if any(c in head for c in ",;()") or (after and not after[0].isspace()):
        return None
    head = head.strip()
    if not head or _HONORIFIC_RE.match(head):
        return None  # "Ms. Jamal: ..." is a person, not an organisation
    return head, after


def _cmd_participants(rest: str, line: str, known: _Known) -> Entry:
    if not rest:
        return _fallback(line, f"{_command_word(line)} needs a name or an organisation")
    group = _group_org(rest)
    org = None
    if group is not None:
        org = known.organisation(group[0]) or group[0]
        rest = group[1]
    people: list[PersonSpec] = []
    warnings: list[str] = []
    for raw in _split_top(rest, ";"):
        if not raw.strip():
            continue  # "A; ; B" or a trailing ";"
        person, person_warnings = _person(raw, known, org)
        warnings += person_warnings
        if person is not None:
            people.append(person)
    if org is not None and not people:
        people.append(PersonSpec(organisation=org))  # "/p UNHCR:" -> the organisation
    if not people:
        return _fallback(line, f"{_command_word(line)} needs a name or an organisation", warnings)
    return NewParticipants(people=people, warnings=warnings)


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------

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


def _parse(line: str, context: CaptureContext | None) -> Entry:
    line = clean_text(line)
    if not line:
        return Blank()
    known = _known(context or _EMPTY_CONTEXT)
    if line.startswith("\\"):  # escape: the rest is literal text, no command, no speaker
        return Note(text=line[1:].strip() or "\\")
    m = _COMMAND_RE.match(line)
    if m is None:
        return _note(line, known)
    handler = _COMMANDS.get(m.group(1).casefold())
    if handler is None:
        return _fallback(line, f"unknown command /{m.group(1)}")
    return handler(line[m.end() :], line, known)
