"""`/p`: participants, singly or grouped by organisation, with role and attendance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minutes_tui.capture.known import (
    _HONORIFIC_RE,
    _MAX_PREFIX,
    _command_word,
    _fallback,
    _is_organisation,
    _Known,
    _split_honorifics,
)
from minutes_tui.domain.entries import Entry, NewParticipants, PersonSpec
from minutes_tui.domain.vocabulary import ATTENDANCE_WORDS, ROLE_WORDS, Attendance, Role

_CO_CHAIR_RE = re.compile(r"(?i)\bco\s+chair\b")
# "<name@org.int>" ending a participant, before or after "(role)". Plain ASCII only (no
# quotes, comments or encoded words a mail library could turn into another recipient);
# one unambiguous pattern, so it runs in linear time on any line.
_ADDRESS_RE = re.compile(
    r"\s*<([A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)>\s*$",
    re.ASCII,
)
_BRACKETED_RE = re.compile(r"\s*<([^<>]*)>\s*$")
_TAIL_WORD_SPLIT_RE = re.compile(r"[\s,;/]+")
_ARABIC_SEPARATORS = str.maketrans("؛،", ";,")


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


def _take_address(s: str) -> tuple[str, str | None, list[str]]:
    """Read "<name@org.int>" off the end; anything else in angle brackets stays text."""
    found = _ADDRESS_RE.search(s)
    if found:
        return s[: found.start()].rstrip(), found.group(1), []
    bracketed = _BRACKETED_RE.search(s)
    if bracketed and "@" in bracketed.group(1):
        return s, None, [f"<{bracketed.group(1)}> is not an e-mail address; kept as text"]
    return s, None, []


def _person(raw: str, known: _Known, group_org: str | None) -> tuple[PersonSpec | None, list[str]]:
    """One participant: `[Honorific] Name[, Position...][, Organisation] [(Role, ...)]
    [<address>]` (the address may also come before the role)."""
    raw, email, address_warnings = _take_address(raw.strip())
    body, tail = _take_paren_tail(raw)
    if email is None and body != raw:
        body, email, more = _take_address(body)
        address_warnings += more
    tail.warnings[:0] = address_warnings
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
        email=email,
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
    rest = rest.translate(_ARABIC_SEPARATORS)  # "/p أحمد علي، المفوضية" as with ","
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
