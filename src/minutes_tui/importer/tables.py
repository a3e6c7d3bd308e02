"""Tables in a record → capture lines: participants, action registers, reviews of earlier
actions, workplans and response plans. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minutes_tui.importer.actions import (
    action_line,
    split_action,
    status_marker,
    sub_line,
)
from minutes_tui.importer.people import participant_lines
from minutes_tui.vocabulary import ActionStatus, status_from_word

_NUMBERED_RE = re.compile(r"^\s*([0-9]{1,3})[.)]\s+(.*)$", re.S)
_LEAD_FIELD_RE = re.compile(r"\*?(Lead|Timeframe):\*?\s*")
_BULLET_SPLIT_RE = re.compile(r"\s*(?:<br\s*/?>)?\s*[•·]\s*")


@dataclass
class TableLines:
    lines: list[str] = field(default_factory=list)
    statuses: list[tuple[int, ActionStatus, str]] = field(default_factory=list)  # (nth action, …)
    unplaced: list[str] = field(default_factory=list)
    kind: str = "table"


def _col(header: list[str], *words: str) -> int | None:
    for n, cell in enumerate(header):
        if any(w in cell.casefold() for w in words):
            return n
    return None


def _topic(row: list[str]) -> str | None:
    """A row that names a topic or priority area: one text, the other cells empty or equal."""
    first = row[0].strip() if row else ""
    if first and all(not c.strip() or c.strip() == first for c in row[1:]):
        return first
    return None


def _cell(row: list[str], n: int | None) -> str:
    return row[n].strip() if n is not None and n < len(row) else ""


def read_table(
    rows: list[list[str]], reviewing: bool, participants: bool, actions: int
) -> TableLines:
    """`actions`: how many actions the meeting has so far (statuses are given by position)."""
    if not rows:
        return TableLines()
    head = [c.casefold() for c in rows[0]]
    out = TableLines()

    def has(*words: str) -> bool:
        return _col(head, *words) is not None

    if has("organi", "agency", "entity") and has("participant", "name", "representative"):
        out.kind = "participants"
        for row in rows[1:]:
            out.lines += participant_lines(row[0], " ; ".join(c for c in row[1:] if c))
    elif participants and len(rows[0]) >= 2:
        out.kind = "participants"
        for row in rows:
            out.lines += participant_lines(row[0], " ; ".join(c for c in row[1:] if c))
    elif has("deliverable", "priority area"):
        out.kind = "workplan"
        _workplan(rows, out, actions)
    elif has("follow-up action") and has("comment", "component"):
        out.kind = "response plan"
        _response_plan(rows, out)
    elif has("action") and has("status", "progress") and reviewing:
        out.kind = "review"
        _reviews(rows, out)
    elif has("action") and has("lead", "responsible", "owner", "status"):
        out.kind = "actions"
        _actions(rows, out, actions)
    else:
        for row in rows:
            text = " | ".join(c for c in row if c)
            if text:
                out.lines.append(f"\\{text}")
                out.unplaced.append(text)
    return out


def _actions(rows: list[list[str]], out: TableLines, actions: int) -> None:
    head = [c.casefold() for c in rows[0]]
    text_at = _col(head, "action") or 0
    lead_at = _col(head, "lead", "responsible", "owner")
    status_at, progress_at = _col(head, "status"), _col(head, "progress", "comment", "update")
    due_at = _col(head, "due", "deadline", "by when", "timeline", "timeframe", "date")
    for row in rows[1:]:
        if (topic := _topic(row)) is not None:
            out.lines.append(f"/g {topic}")
            continue
        text = _NUMBERED_RE.sub(r"\2", _cell(row, text_at))
        if not text:
            continue
        lead, due = _cell(row, lead_at), _cell(row, due_at)
        line = action_line(f"{text} [{lead}]" if lead else text)
        if due:
            line += f" | when: {due}"
        out.lines.append(line)
        actions += 1
        status = status_from_word(_cell(row, status_at)) if status_at is not None else None
        progress = _cell(row, progress_at)
        if (status and status != "pending") or progress:  # a new action is pending anyway
            out.statuses.append((actions, status or "pending", progress))


def _reviews(rows: list[list[str]], out: TableLines) -> None:
    head = [c.casefold() for c in rows[0]]
    text_at = _col(head, "action") or 0
    status_at, progress_at = _col(head, "status"), _col(head, "progress", "comment", "update")
    for row in rows[1:]:
        if _topic(row) is not None:
            continue  # the topic is the earlier meeting's, already stored with its actions
        text, status = _cell(row, text_at), status_from_word(_cell(row, status_at))
        progress = _cell(row, progress_at)
        if progress.casefold().startswith("not reviewed"):
            continue
        if (m := _NUMBERED_RE.match(text)) is None:
            out.lines.append(f"\\{' | '.join(c for c in row if c)}")
            out.unplaced.append(f"review of an unnumbered action: {text}")
            continue
        words = (status or "").replace("_", " ")
        out.lines.append(f"/u {m.group(1)} {words} {progress}".replace("  ", " ").strip())


def _workplan(rows: list[list[str]], out: TableLines, actions: int) -> None:
    head = [c.casefold() for c in rows[0]]
    area_at, text_at = _col(head, "priority", "area"), _col(head, "deliverable", "action")
    when_at, lead_at = _col(head, "timeline", "timeframe", "status"), _col(head, "lead")
    partners_at, links_at = _col(head, "partner"), _col(head, "linkage", "link")
    area = None
    for row in rows[1:]:
        if (topic := _topic(row)) is not None:
            area, row = topic, []
            out.lines.append(f"/g {topic}")
            continue
        if (a := _cell(row, area_at)) and a != area:
            area = a
            out.lines.append(f"/g {a}")
        text = _cell(row, text_at)
        if not text:
            continue
        when, status = status_marker(_cell(row, when_at).replace("**", ""))
        parts = split_action(text)
        line = f"/a {parts.text}"
        if lead := _cell(row, lead_at):
            line += f" [{lead}]"
        for name, value in (("when", when), ("partners", _cell(row, partners_at))):
            if value:
                line += f" | {name}: {value}"
        if links := _cell(row, links_at):
            line += f" | links: {links}"
        out.lines.append(line)
        actions += 1
        if status is not None:
            out.statuses.append((actions, status, ""))


def _response_plan(rows: list[list[str]], out: TableLines) -> None:
    head = [c.casefold() for c in rows[0]]
    text_at, comments_at = _col(head, "follow-up action") or 0, _col(head, "comment")
    subs_at = _col(head, "component")
    lead_at = next((n for n, c in enumerate(head) if c.startswith("lead")), None)
    for row in rows[1:]:
        if (topic := _topic(row)) is not None:
            out.lines.append(f"/g {topic}")
            continue
        cell = _NUMBERED_RE.sub(r"\2", _cell(row, text_at))
        cell, _, when = (
            cell.partition("*Timeframe:*")
            if "*Timeframe:*" in cell
            else cell.partition("Timeframe:")
        )
        text, _, lead = cell.partition("*Lead:*") if "*Lead:*" in cell else cell.partition("Lead:")
        lead = _cell(row, lead_at) or lead  # a "Lead Organization" column of its own
        line = f"/a {text.strip()}"
        if lead.strip(" *"):
            line += f" [{lead.strip(' *')}]"
        if when.strip(" *"):
            line += f" | when: {when.strip(' *')}"
        if (comments := _cell(row, comments_at)) and comments.strip(" —-"):
            line += f" | comments: {comments}"
        out.lines.append(line)
        for sub in _BULLET_SPLIT_RE.split(_cell(row, subs_at)):
            if sub.strip(" —-"):
                out.lines.append(_sub_from_plan(sub))


def _sub_from_plan(sub: str) -> str:
    """'Survey current arrangements — Q2 2021 [*OCHA*]' → `/s … [OCHA] | when: Q2 2021`."""
    parts = split_action(sub)
    text, _, when = parts.text.partition(" — ")
    line = f"/s {text.strip()}"
    if parts.owners:
        line += f" [{'; '.join(parts.owners)}]"
    if when.strip():
        line += f" | when: {when.strip()}"
    return line if parts.owners or when else sub_line(sub)
