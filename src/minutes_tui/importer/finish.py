"""The last pass of a recognised record: actions given the owner all their sub-items
name, points attributed once every participant is known, texts made safe to replay, the
next meeting's line. Pure."""

from __future__ import annotations

import re

from minutes_tui.importer.blocks import Block
from minutes_tui.importer.dates import find_date, find_time
from minutes_tui.importer.people import Known

_OWNERS_TAIL_RE = re.compile(r"\[([^\[\]]+)\](?:\s*(?:by\s.*|\|.*))?$")
_NO_TOPIC = ("other actions", "other deliverables")
_LIST_LOOKING_RE = re.compile(r"^([-*•]|[0-9]{1,3}[.)]|\(?[ivxlc]{1,6}\)|\([a-z]\)|[a-h]\))\s")
Out = list[tuple[str, str, Block | None]]  # (kind, line, the block it came from)


def next_line(text: str, year: int | None) -> str:
    parts = ["/n"]
    if (d := find_date(text, year)) is not None:
        parts.append(d[0].isoformat())
    if (t := find_time(text)) is not None:
        parts.append(t)
    return " ".join([*parts, text])


def _lift_owners(out: Out, notes: list[str]) -> None:
    """ "Ensure focused efforts to:" with no owner, whose sub-items all name the same
    owners: the action is theirs (said in the notes, so it can be checked)."""
    for n, (kind, text, src) in enumerate(out):
        if kind != "action" or text.rstrip().endswith("]") or "[" in text:
            continue
        subs = []
        for later in out[n + 1 :]:
            if later[0] != "sub":
                break
            subs.append(_OWNERS_TAIL_RE.search(later[1]))
        owners = {m.group(1) for m in subs if m}
        if subs and len(owners) == 1 and all(subs):
            who = owners.pop()
            out[n] = (kind, f"{text} [{who}]", src)
            where = src.where() if src else "?"
            notes.append(f"{where}: action given its sub-items' owner {who}")


def finish(out: Out, known: Known, notes: list[str]) -> list[str]:
    """Points attributed now that every participant is known; texts made safe to replay."""
    _lift_owners(out, notes)
    lines: list[str] = []
    grouped = False
    for kind, text, _src in out:
        if text.startswith("/g "):
            # the words a record prints over actions with no topic, before the first topic
            if not grouped and text[3:].strip().casefold() in _NO_TOPIC:
                continue
            grouped = True
        if kind == "point":
            lines.append(point_line(text, known))
        elif kind in ("decision", "key"):
            command, rest = text.split(" ", 1)
            line = point_line(rest, known)
            lines.append(f"{command} {line[1:] if line.startswith(chr(92)) else line}")
        else:
            lines.append(text)
    return lines


def point_line(text: str, known: Known) -> str:
    """A paragraph → a point line: `UNHCR: raised …` when it opens with who spoke."""
    text = " ".join(text.split())
    if (who := known.opener(text)) is not None:  # quoted: attributed even if not yet known
        return f'@"{who[0]}" {who[1]}'
    if text.startswith(("/", "\\", "@")) or _LIST_LOOKING_RE.match(text):
        return f"\\{text}"
    return text
