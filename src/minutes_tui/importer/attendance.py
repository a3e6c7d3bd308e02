"""Attendance reports from Teams and Zoom → people (pure: a report in, records out).

Teams writes UTF-16 tab-separated files with a summary section above the participant
table ("Name", "First Join", "Email", …; older exports: "Full Name", "User Action",
"Timestamp"), one row per join or leave. Zoom writes UTF-8 CSV ("Name (Original Name)",
"User Email", "Join Time", …), one row per join. Both are read here the same way: find
the header row, map its columns, keep one record per person.

An e-mail address (its column, or one written in the name column) guesses the organisation
from its domain and is kept as the person's address, where `minutes circulate` sends the
record; it is never kept as a name, and redacted exports never show it. Names are chosen
by the attendees themselves: they are cleaned (no terminal escapes), and read in time
linear in their length. The file is read line by line, so a huge one costs time, not
memory.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, NamedTuple, TextIO

from minutes_tui.domain.text import clean_text

NAME_COLUMNS = ("full name", "name (original name)", "name", "participant", "display name")
EMAIL_COLUMNS = ("email", "user email", "email address", "participant id (upn)", "upn")
JOIN_COLUMNS = ("first join", "join time", "timestamp", "joined", "first join time")
ACTION_COLUMNS = ("user action", "action")

# Domains whose organisation is not the domain's own name.
KNOWN_DOMAINS = {
    "un.org": "UN",
    "who.int": "WHO",
    "iom.int": "IOM",
    "ohchr.org": "OHCHR",
    "nrc.no": "NRC",
    "icvanetwork.org": "ICVA",
    "interaction.org": "InterAction",
    "unhabitat.org": "UN-Habitat",
    "savethechildren.org": "Save the Children",
    "care.org": "CARE",
}
PERSONAL_DOMAINS = {
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "proton.me",
    "protonmail.com",
    "aol.com",
    "gmx.net",
    "mail.com",
}
HONORIFIC = re.compile(r"^(Mr|Ms|Mrs|Dr|Prof)\.?\s+", re.IGNORECASE)
ANONYMOUS = re.compile(r"^(guest|user|participant|unknown|anonymous)\s*\d*$", re.IGNORECASE)
# An acronym in brackets after a name is the organisation: "Amira Jamal (WHO)".
ACRONYM = re.compile(r"[A-Z][A-Z0-9&./-]*[A-Z0-9]")
# Bracketed notes that are not part of a name: Teams' guest marks and pronouns.
NOTES = {"guest", "external", "unverified", "any pronouns"}
PRONOUNS = {
    "she", "her", "hers", "he", "him", "his", "they", "them", "their", "theirs",
    "ze", "zir", "zirs", "hir", "xe", "xem", "xyr", "any", "all",
}  # fmt: skip
MAX_BRACKETS = 4  # bracketed groups read from the end of one name; the rest is kept
LINE_LIMIT = 1 << 20  # characters in one line of a report: real lines are under 1 KB
MAX_PEOPLE = 20_000  # the largest Teams town hall; a longer list is not a meeting's
MAX_NAME = 200  # characters in one cleaned name: a real one is short (2,000 × 120 KB names
# once took 2.9 GB to store)


class AttendanceError(ValueError):
    """The file is not an attendance report this reader understands."""


@dataclass(frozen=True)
class Attendee:
    honorific: str | None
    name: str
    organisation: str | None
    joined: str | None  # as written in the report
    email: str | None = None  # a plain address (name@domain), else None


class NameParts(NamedTuple):
    honorific: str | None
    name: str  # "" when nothing but an e-mail or a note was written
    organisation: str | None  # from "(WHO)" after the name
    email: str | None  # an e-mail written in the name column (never kept as a name)


# Plain ASCII addresses only (as circulation/mail.py sends to): nothing a mail library
# could rewrite into another header or recipient.
_ADDRESS_RE = re.compile(
    r"[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    re.ASCII,
)


def _address(cell: str) -> str | None:
    """The cell as an e-mail address when it is one (Teams' UPN column is one too)."""
    text = clean_text(cell).strip().strip("<>()[],;")
    return text if _ADDRESS_RE.fullmatch(text) else None


def organisation_from_email(email: str) -> str | None:
    domain = clean_text(email).lower().rpartition("@")[2]
    if not domain or domain in PERSONAL_DOMAINS:
        return None
    for known, name in KNOWN_DOMAINS.items():
        if domain == known or domain.endswith("." + known):
            return name
    labels = domain.split(".")
    if len(labels) < 2:
        return None
    label = labels[-2] if labels[-1] not in ("uk", "au", "nz", "za") else labels[-3]
    # An acronym-like label (unhcr, wfp) reads as the organisation's acronym.
    return label.upper() if label.isalpha() and len(label) <= 6 else None


def _known_organisations(extra: Iterable[str]) -> dict[str, str]:
    """Casefolded name -> the name as written, for matching "(Save the Children)"."""
    names = [*KNOWN_DOMAINS.values(), *extra]
    return {name.casefold(): name for name in names if name}


_KNOWN = _known_organisations(())


def _bracket_kind(inner: str, known: dict[str, str]) -> tuple[str, str | None]:
    """("note", None), ("organisation", name) or ("name", None) for the text in brackets."""
    folded = inner.casefold()
    pronouns = [p.strip() for p in folded.split("/")]
    if folded in NOTES or (len(pronouns) > 1 and all(p in PRONOUNS for p in pronouns)):
        return "note", None
    if folded in known:
        return "organisation", known[folded]
    if ACRONYM.fullmatch(inner):
        return "organisation", inner
    return "name", None


def parse_name(raw: str, known: dict[str, str] | None = None) -> NameParts:
    """One name cell as written by its owner -> honorific, name, organisation, e-mail.

    Linear in the cell's length: string methods and anchored patterns only (the regexes
    this replaced took 64 s on a name of 130 KB of spaces)."""
    known = _KNOWN if known is None else known
    # Controls and escape sequences out, whitespace runs collapsed: attendees choose names.
    name = clean_text(raw)
    email = None
    if "@" in name:  # an e-mail is never a name; kept aside only to guess the organisation
        words = name.split(" ")
        email = next(w for w in words if "@" in w).strip("<>()[],;")
        name = " ".join(w for w in words if "@" not in w)
    organisation = None
    for _ in range(MAX_BRACKETS):
        if not name.endswith(")"):
            break
        opening = name.rfind("(")
        inner = name[opening + 1 : -1].strip()
        if opening < 0 or "(" in inner or ")" in inner:
            break
        kind, found = _bracket_kind(inner, known)
        if kind == "name":
            # Zoom: "Display (Original Name)": the original is the real name.
            name = inner or name[:opening]
            break
        if kind == "organisation" and organisation is None:
            organisation = found
        name = name[:opening].rstrip()
    honorific = None
    match = HONORIFIC.match(name)
    if match:
        honorific = match.group(1).capitalize() + "."
        name = name[match.end() :]
    if "," in name:  # "Jamal, Arafat" → "Arafat Jamal"
        last, _, first = name.partition(",")
        if first.strip() and " " not in last.strip():
            name = f"{first.strip()} {last.strip()}"
    return NameParts(honorific, " ".join(name.split()), organisation, email)


def _header_columns(row: list[str]) -> dict[str, int] | None:
    """The columns of a header row, or None when the row is not the table's header."""
    lowered = [cell.strip().lower() for cell in row]
    name = next((lowered.index(c) for c in NAME_COLUMNS if c in lowered), None)
    if name is None:
        return None
    columns = {"name": name}
    for key, names in (
        ("email", EMAIL_COLUMNS),
        ("join", JOIN_COLUMNS),
        ("action", ACTION_COLUMNS),
    ):
        found = next((lowered.index(c) for c in names if c in lowered), None)
        if found is not None:
            columns[key] = found
    # A name column and at least one other known one.
    return columns if len(columns) > 1 else None


def _lines(text: TextIO) -> Iterator[str]:
    """The report's lines, one at a time, each bounded: the file is never read whole."""
    while line := text.readline(LINE_LIMIT):
        if len(line) == LINE_LIMIT and not line.endswith(("\n", "\r")):
            raise AttendanceError(
                f"A line is longer than {LINE_LIMIT:,} characters: not an attendance report."
            )
        # NUL would stop the csv module; nothing in a report needs it.
        yield line.replace("\x00", "")


def _cell(row: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return row[index] if index is not None and index < len(row) else ""


def _read_rows(rows: Iterator[list[str]], known: dict[str, str]) -> list[Attendee]:
    columns = None
    for row in rows:
        columns = _header_columns(row)
        if columns is not None:
            break
    if columns is None:
        raise AttendanceError(
            "No attendance table found: expected a header with a name column "
            "(Name, Full Name, or Name (Original Name)) and an email or join-time column."
        )
    people: dict[str, Attendee] = {}
    for row in rows:
        if not any(cell.strip() for cell in row):
            if people:
                break  # the table ended: Teams puts another section below it
            continue
        if _cell(row, columns, "action").strip().lower() in ("left", "left meeting"):
            continue
        raw_name = _cell(row, columns, "name")
        if not raw_name.strip():
            continue
        parts = parse_name(raw_name, known)
        if not parts.name or ANONYMOUS.match(parts.name):
            continue
        if len(parts.name) > MAX_NAME:
            raise AttendanceError(
                f"A name is longer than {MAX_NAME} characters: not an attendance report."
            )
        key = parts.name.casefold()
        if key in people:
            continue
        if len(people) == MAX_PEOPLE:
            raise AttendanceError(f"More than {MAX_PEOPLE:,} people: not one meeting's report.")
        organisation = (
            parts.organisation
            or organisation_from_email(_cell(row, columns, "email"))
            or (organisation_from_email(parts.email) if parts.email else None)
        )
        joined = clean_text(_cell(row, columns, "join")) or None
        email = _address(_cell(row, columns, "email")) or _address(parts.email or "")
        people[key] = Attendee(parts.honorific, parts.name, organisation, joined, email)
    return list(people.values())


def _encoding(head: bytes) -> tuple[str, str]:
    """Teams uses UTF-16 with a BOM; Zoom UTF-8, sometimes with a BOM."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "replace"
    return "utf-8-sig", "strict"


def _parse(stream: BinaryIO, encoding: str, errors: str, known: dict[str, str]) -> list[Attendee]:
    start = stream.tell()
    sample = stream.read(4096).decode(encoding, errors="replace")
    stream.seek(start)
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    text = io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="")
    try:
        return _read_rows(csv.reader(_lines(text), delimiter=delimiter), known)
    except csv.Error as exc:
        raise AttendanceError(f"Not a readable table: {exc}.") from None
    finally:
        text.detach()  # the caller's stream stays open


def parse_attendance(source: bytes | BinaryIO, organisations: Iterable[str] = ()) -> list[Attendee]:
    """The people in a report, read as a stream (bytes, or a seekable binary file).

    `organisations` adds names that "(X)" after a name is read as, beside acronyms and
    the organisations of KNOWN_DOMAINS."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    known = _known_organisations(organisations) if organisations else _KNOWN
    start = stream.tell()
    encoding, errors = _encoding(stream.read(2))
    stream.seek(start)
    try:
        return _parse(stream, encoding, errors, known)
    except UnicodeDecodeError:  # not UTF-8: read again as the Windows code page
        stream.seek(start)
        return _parse(stream, "cp1252", "replace", known)
