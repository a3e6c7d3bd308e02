"""Attendance reports from Teams and Zoom → people (pure: text in, records out).

Teams writes UTF-16 tab-separated files with a summary section above the participant
table ("Name", "First Join", "Email", …; older exports: "Full Name", "User Action",
"Timestamp"), one row per join or leave. Zoom writes UTF-8 CSV ("Name (Original Name)",
"User Email", "Join Time", …), one row per join. Both are read here the same way: find
the header row, map its columns, keep one record per person.

Emails are read only to guess an organisation from the domain; they are not kept.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

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
ZOOM_ORIGINAL = re.compile(r"^(.*?)\s*\((.+)\)\s*$")
ANONYMOUS = re.compile(r"^(guest|user|participant|unknown|anonymous)\s*\d*$", re.IGNORECASE)
TEAMS_GUEST = re.compile(r"\s*\((?:Guest|External|Unverified)\)\s*$", re.IGNORECASE)


class AttendanceError(ValueError):
    """The file is not an attendance report this reader understands."""


@dataclass(frozen=True)
class Attendee:
    honorific: str | None
    name: str
    organisation: str | None
    joined: str | None  # as written in the report


def decode(raw: bytes) -> str:
    """Teams uses UTF-16 with a BOM; Zoom UTF-8, sometimes with a BOM."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def organisation_from_email(email: str) -> str | None:
    domain = email.strip().lower().rpartition("@")[2]
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


def clean_name(raw: str) -> tuple[str | None, str]:
    name = TEAMS_GUEST.sub("", raw.strip())
    zoom = ZOOM_ORIGINAL.match(name)
    if zoom:  # Zoom: "Display (Original Name)": the original is the real name
        name = zoom.group(2).strip() or zoom.group(1).strip()
    honorific = None
    match = HONORIFIC.match(name)
    if match:
        honorific = match.group(1).capitalize() + "."
        name = name[match.end() :]
    if "," in name:  # "Jamal, Arafat" → "Arafat Jamal"
        last, _, first = name.partition(",")
        if first.strip() and " " not in last.strip():
            name = f"{first.strip()} {last.strip()}"
    return honorific, " ".join(name.split())


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows):
        lowered = [cell.strip().lower() for cell in row]
        name = next((lowered.index(c) for c in NAME_COLUMNS if c in lowered), None)
        if name is None:
            continue
        columns = {"name": name}
        for key, names in (
            ("email", EMAIL_COLUMNS),
            ("join", JOIN_COLUMNS),
            ("action", ACTION_COLUMNS),
        ):
            found = next((lowered.index(c) for c in names if c in lowered), None)
            if found is not None:
                columns[key] = found
        if len(columns) > 1:  # a name column and at least one other known one
            return index, columns
    raise AttendanceError(
        "No attendance table found: expected a header with a name column "
        "(Name, Full Name, or Name (Original Name)) and an email or join-time column."
    )


def parse_attendance(raw: bytes) -> list[Attendee]:
    text = decode(raw)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    # NUL would stop the csv module; nothing in a report needs it.
    text = text.replace("\x00", "")
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise AttendanceError(f"Not a readable table: {exc}.") from None
    start, columns = _find_header(rows)
    people: dict[str, Attendee] = {}
    for row in rows[start + 1 :]:
        if not any(cell.strip() for cell in row):
            if people:
                break  # the table ended: Teams puts another section below it
            continue
        if len(row) <= columns["name"]:
            continue
        raw_name = row[columns["name"]].strip()
        if not raw_name:
            continue
        action = row[columns["action"]] if len(row) > columns.get("action", len(row)) else ""
        if action.strip().lower() in ("left", "left meeting"):
            continue
        honorific, name = clean_name(raw_name)
        if not name or ANONYMOUS.match(name):
            continue
        email = row[columns["email"]] if "email" in columns and len(row) > columns["email"] else ""
        joined = (
            row[columns["join"]].strip()
            if "join" in columns and len(row) > columns["join"]
            else None
        )
        key = name.casefold()
        if key not in people:
            people[key] = Attendee(honorific, name, organisation_from_email(email), joined or None)
    return list(people.values())
