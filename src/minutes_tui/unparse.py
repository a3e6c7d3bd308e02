"""Stored rows back to the line a rapporteur would type: what Up recalls for editing.

Pure, like the grammar it mirrors: `parse_line(unparse(x))` gives x back.
"""

from __future__ import annotations

import datetime as dt

NOTE_PREFIX = {"point": "", "decision": "/d ", "key_message": "/k "}


def owners_part(owners: list[str]) -> str:
    return f" [{'; '.join(owners)}]" if owners else ""


def note_line(kind: str, speaker: str | None, text: str) -> str:
    body = f"{speaker}: {text}" if speaker else text
    prefix = NOTE_PREFIX.get(kind, "")
    if not prefix and not speaker and (body.startswith(("/", "\\", "@")) or ":" in body[:81]):
        # A plain point that could read as a command or a speaker stays literal.
        return "\\" + body
    return prefix + body


def action_line(
    text: str, owners: list[str], due_date: dt.date | None, due_text: str | None
) -> str:
    due = due_date.isoformat() if due_date else due_text
    return f"/a {text}{owners_part(owners)}" + (f" by {due}" if due else "")


def sub_item_line(text: str, owners: list[str]) -> str:
    return f"/s {text}{owners_part(owners)}"


def review_line(number: int, status: str, text: str) -> str:
    return f"/u {number} {status.replace('_', ' ')} {text}".rstrip()


def item_line(label: str | None, title: str) -> str:
    return f"/i {label + ' ' if label else ''}{title}"
