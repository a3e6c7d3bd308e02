"""Stored rows back to the line a rapporteur would type: what Up recalls for editing.

Pure, like the grammar it mirrors: `parse_line(unparse(x))` gives x back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from minutes_tui.capture.dates import starts_with_due_word
from minutes_tui.domain.vocabulary import heading_depth

if TYPE_CHECKING:
    from minutes_tui.store.logline import LogLine

NOTE_PREFIX = {"point": "", "decision": "/d ", "key_message": "/k "}
# What makes a plain point read as something else: a command, an escape, an `@` speaker,
# the confidential mark, a list marker (as capture/parse.py's _LIST_RE), or "WHO: text"
# (a colon followed by a space and more text, within the prefix length the grammar reads).
_NOT_PLAIN = re.compile(
    r"[/\\@!]"
    r"|(?:[-*•]|[0-9]{1,3}[.)]|\(?[ivxlc]{1,6}\)|\([a-z]\)|[a-h]\))\s"
    r"|[^:]{1,80}:\s+\S"
)


def owners_part(owners: list[str]) -> str:
    return f" [{'; '.join(owners)}]" if owners else ""


def note_line(kind: str, speaker: str | None, text: str, label: str | None = None) -> str:
    if kind == "group":
        return f"/g {text}"
    if label:
        return f"/l {label}: {text}".rstrip()
    body = f"{speaker}: {text}" if speaker else text
    prefix = NOTE_PREFIX.get(kind, "")
    if not prefix and not speaker and _NOT_PLAIN.match(body):
        # A plain point that could read as a command, a list item or a speaker (with
        # some meeting's participants) stays literal; `typed_note` drops the backslash
        # where the meeting at hand reads the line the same without it.
        return "\\" + body
    return prefix + body


def typed_note(
    kind: str,
    speaker: str | None,
    text: str,
    label: str | None,
    secret: bool,
    parse: Callable[[str], Any],
) -> str:
    """The plainest line that `parse` (the grammar with what the meeting knows) reads
    back as this stored note: what ↑ shows, so Enter stores the same entry again.

    "UNHCR raised: …" shows as typed unless UNHCR would make it a speaker's point; a
    speaker the meeting does not know (`@Someone text` typed once) comes back quoted."""
    line = confidential(secret, note_line(kind, speaker, text, label))
    bare = line.replace("\\", "", 1) if line.removeprefix("!").startswith("\\") else None
    quoted = None
    if speaker and '"' not in speaker and len(speaker) <= 80 and not label:
        quoted = confidential(secret, f'{NOTE_PREFIX.get(kind, "")}@"{speaker}" {text}')
    for candidate in (bare, line, quoted):
        if candidate is None:
            continue
        entry = parse(candidate)
        fields = ("note_kind", "speaker", "label", "text", "confidential")
        found = tuple(getattr(entry, name, None) for name in fields)
        if found == (kind, speaker, label, text, secret):
            return candidate
    return line


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
    # A due phrase typed with its own word ("d'ici le 20 mars") is written back as typed.
    by = " " if due_text and not due_date and starts_with_due_word(due_text) else " by "
    return (
        f"/a {text}{owners_part(owners)}"
        + (f"{by}{due}" if due else "")
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
    """An agenda item as typed; an unnumbered heading keeps its dash (or dashes)."""
    depth = heading_depth(label)
    return f"/i {'-' * (depth + 1)} {title}" if depth is not None else item_line(label, title)


def presenters_part(presenters: str | None) -> str:
    return f" | presenter: {presenters}" if presenters else ""


def recall(line: LogLine) -> str:
    """A line of the capture log as it would be typed: what ↑ puts back for editing."""
    if line.kind == "item":
        return item_line_of(line.label, line.text) + presenters_part(line.presenters)
    if line.kind == "action":
        typed = action_line(
            line.text,
            list(line.owners),
            None,
            line.by,
            line.timeframe,
            list(line.partners),
            line.links,
            line.comments,
        )
    elif line.kind == "subitem":
        typed = sub_item_line(line.text, list(line.owners), line.timeframe)
    elif line.kind == "review":
        typed = review_line(f"#{line.action_id}", line.status, line.text)
    elif line.in_list:
        typed = list_item_line(line.list_style, line.text)
    else:
        typed = note_line(line.kind, line.speaker, line.text, line.label)
    return confidential(line.confidential, typed)
