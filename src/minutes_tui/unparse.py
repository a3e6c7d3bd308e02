"""Stored rows back to the line a rapporteur would type: what Up recalls for editing.

Pure, like the grammar it mirrors: `parse_line(unparse(x))` gives x back.
"""

from __future__ import annotations

import datetime as dt

NOTE_PREFIX = {"point": "", "decision": "/d ", "key_message": "/k "}


def owners_part(owners: list[str]) -> str:
    return f" [{'; '.join(owners)}]" if owners else ""


def note_line(kind: str, speaker: str | None, text: str, label: str | None = None) -> str:
    if kind == "group":
        return f"/g {text}"
    if label:
        return f"/l {label}: {text}".rstrip()
    body = f"{speaker}: {text}" if speaker else text
    prefix = NOTE_PREFIX.get(kind, "")
    if not prefix and not speaker and (body.startswith(("/", "\\", "@", "!")) or ":" in body[:81]):
        # A plain point that could read as a command or a speaker stays literal.
        return "\\" + body
    return prefix + body


def confidential(on: bool, line: str) -> str:
    """`!` before a confidential entry's line, as the rapporteur typed it."""
    return f"!{line}" if on else line


def fields_part(
    timeframe: str | None = None,
    partners: list[str] | None = None,
    links: str | None = None,
    comments: str | None = None,
) -> str:
    """The ` | name: value` tail of an action or sub-item."""
    pairs = (
        ("when", timeframe),
        ("partners", ", ".join(partners or [])),
        ("links", links),
        ("comments", comments),
    )
    return "".join(f" | {name}: {value}" for name, value in pairs if value)


def action_line(
    text: str,
    owners: list[str],
    due_date: dt.date | None,
    due_text: str | None,
    timeframe: str | None = None,
    partners: list[str] | None = None,
    links: str | None = None,
    comments: str | None = None,
) -> str:
    due = due_date.isoformat() if due_date else due_text
    return (
        f"/a {text}{owners_part(owners)}"
        + (f" by {due}" if due else "")
        + fields_part(timeframe, partners, links, comments)
    )


def sub_item_line(text: str, owners: list[str], timeframe: str | None = None) -> str:
    return f"/s {text}{owners_part(owners)}{fields_part(timeframe)}"


def review_line(reference: str, status: str | None, text: str) -> str:
    """`/u #12 completed text` (reference "#12") or `/u 3 …` (action 3 of the previous
    meeting)."""
    word = status.replace("_", " ") if status else ""
    return " ".join(p for p in ("/u", reference, word, text) if p)


def item_line(label: str | None, title: str) -> str:
    return f"/i {label + ' ' if label else ''}{title}"


LIST_MARKERS = {"bullet": "-", "decimal": "1)", "roman": "(i)", "alpha": "(a)"}


def list_item_line(style: str | None, text: str) -> str:
    return f"{LIST_MARKERS.get(style or 'bullet', '-')} {text}"


def item_line_of(label: str | None, title: str) -> str:
    """An agenda item as typed; an unnumbered heading keeps its dash."""
    return f"/i - {title}" if label == "" else item_line(label, title)
