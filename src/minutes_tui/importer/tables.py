"""Tables in a record → capture lines: participants, action registers, reviews of earlier
actions, workplans and response plans. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minutes_tui.domain.vocabulary import ActionStatus
from minutes_tui.importer.actions import (
    due_of,
    split_action,
    status_marker,
    strip_ref,
    sub_line,
)
from minutes_tui.importer.cells import (
    has_html,
    header_at,
    html_text,
    leads,
    status_cell,
    unstack,
)
from minutes_tui.importer.earlier import EarlierAction, carried_line
from minutes_tui.importer.languages import english_column
from minutes_tui.importer.people import participant_lines

_NUMBERED_RE = re.compile(r"^\s*([0-9]{1,3})[.)]\s+(.*)$", re.S)
_BULLET_SPLIT_RE = re.compile(r"\s*(?:<br\s*/?>)?\s*[•·]\s*")


@dataclass
class TableLines:
    lines: list[str] = field(default_factory=list)
    statuses: list[tuple[int, ActionStatus, str]] = field(default_factory=list)  # (nth action, …)
    unplaced: list[str] = field(default_factory=list)
    kind: str = "table"
    structure: list[str] = field(default_factory=list)  # the header row: names, not content
    earlier: list[EarlierAction] = field(default_factory=list)  # rows of previous actions


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
    out = TableLines()
    rows = _normal(rows, out)
    head = [c.casefold() for c in rows[0]]

    def has(*words: str) -> bool:
        return _col(head, *words) is not None

    if has("organi", "agency", "entity") and has("participant", "name", "representative"):
        out.kind = "participants"
        position_at = _col(head, "position", "function")  # "Fonction", "Cargo", "الصفة"
        for row in rows[1:]:
            names = " ; ".join(c for n, c in enumerate(row[1:], 1) if c and n != position_at)
            if names and (position := _cell(row, position_at)):
                names += f", {position}"  # "Mme Awa Traoré, Coordinatrice du cluster"
            out.lines += participant_lines(row[0], names or _cell(row, position_at))
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
        _reviews(rows, out, actions)
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


def _normal(rows: list[list[str]], out: TableLines) -> list[list[str]]:
    """Title rows above the header kept as points; HTML cells as text; stacked cells
    (one paragraph a deliverable) as rows of their own."""
    at = header_at(rows)
    for row in rows[:at]:
        text = " | ".join(c for c in dict.fromkeys(row) if c)
        out.lines.append(f"\\{text}")
    rows = [[_plain(c) for c in row] for row in rows[at:]]
    if not rows:
        return rows
    head = [" ".join(c.split()) for c in rows[0]]
    out.structure += [c for c in head if c]
    head = [english_column(c) for c in head]  # "Échéance" is the deadline column
    text_at = _col([c.casefold() for c in head], "deliverable", "action")
    body = [r for row in rows[1:] for r in unstack(row, text_at)]
    return [head, *body]


def _plain(cell: str) -> str:
    if not has_html(cell):
        return cell
    text, items = html_text(cell)
    return "; ".join([text, *items] if text else items)


def _actions(rows: list[list[str]], out: TableLines, actions: int) -> None:
    head = [c.casefold() for c in rows[0]]
    text_at = _col(head, "action") or 0
    lead_at = _col(head, "lead", "responsib", "owner")
    status_at, progress_at = _col(head, "status"), _col(head, "progress", "update")
    comments_at = _col(head, "comment", "remark")
    due_at = _col(head, "due", "deadline", "by when", "timeline", "timeframe", "date")
    for row in rows[1:]:
        if (topic := _topic(row)) is not None:
            out.lines.append(f"/g {topic}")
            continue
        text = _NUMBERED_RE.sub(r"\2", _cell(row, text_at))
        if not text:
            if rest := " | ".join(c for c in row if c):  # a row with no action: kept
                out.lines.append(f"\\{rest}")
                out.unplaced.append(rest)
            continue
        owners = leads(_cell(row, lead_at))
        line = f"/a {text}" + (f" [{'; '.join(owners)}]" if owners else "")
        if due := _cell(row, due_at):
            when = due_of(due, None)
            line += (
                f" by {when}"
                if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", when)
                else (f" | when: {due}")
            )
        if comments := _cell(row, comments_at):
            line += f" | comments: {comments}"
        out.lines.append(line)
        actions += 1
        status, rest = status_cell(_cell(row, status_at)) if status_at is not None else (None, "")
        progress = " ".join(x for x in (rest, _cell(row, progress_at)) if x)
        if (status and status != "pending") or progress:  # a new action is pending anyway
            out.statuses.append((actions, status or "pending", progress))


def _reviews(rows: list[list[str]], out: TableLines, actions: int) -> None:
    """A table of the previous meeting's actions: "1. …" rows review its action 1; other
    rows are carried actions until the store's actions are matched (`importer.earlier`)."""
    head = [c.casefold() for c in rows[0]]
    text_at = _col(head, "action") or 0
    lead_at = _col(head, "lead", "responsib", "owner")
    status_at, progress_at = _col(head, "status"), _col(head, "progress", "comment", "update")
    topic = None  # the earlier meeting's topic: a group again only over a carried action
    for row in rows[1:]:
        if (named := _topic(row)) is not None:
            out.structure.append(named)
            topic = named
            continue
        text = _cell(row, text_at)
        status, rest = status_cell(_cell(row, status_at)) if status_at is not None else (None, "")
        progress = " ".join(x for x in (rest, _cell(row, progress_at)) if x)
        numbered = _NUMBERED_RE.match(text)
        if progress.casefold().startswith("not reviewed"):
            if numbered is not None:
                continue  # the action's words are its meeting's, already stored
            out.structure.append(progress)
            progress = ""
        if (m := numbered) is not None:
            words = (status or "").replace("_", " ")
            out.lines.append(f"/u {m.group(1)} {words} {progress}".replace("  ", " ").strip())
            continue
        if not text:
            if rest := " | ".join(c for c in row if c):  # a row with no action: kept
                out.lines.append(f"\\{rest}")
                out.unplaced.append(rest)
            continue
        if topic is not None:
            out.lines.append(f"/g {topic}")
            topic = None
        owners = tuple(leads(_cell(row, lead_at)))
        line = carried_line(text, owners)
        out.lines.append(line)
        out.earlier.append(EarlierAction(line, text, owners, status, progress))
        actions += 1
        if (status and status != "pending") or progress:  # a new action is pending anyway
            out.statuses.append((actions, status or "pending", progress))


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
        if status is not None:  # "[COMPLETE D]" (a marker a PDF broke) is the status
            out.structure.append(_cell(row, when_at))
        # the cell is the deliverable's text: its lead has a column ("… by 2021" is text)
        line = f"/a {strip_ref(text)}"
        if owners := leads(_cell(row, lead_at)):
            line += f" [{'; '.join(owners)}]"
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
    subs_at, rec_at = _col(head, "component"), _col(head, "recommendation")
    lead_at, when_at = _col(head, "lead", "responsib"), _col(head, "timeframe", "deadline")
    when_at = None if when_at == subs_at else when_at  # "Component actions (timeframe, lead)"
    group = ""
    for row in rows[1:]:
        if (topic := _topic(row)) is not None:
            out.lines.append(f"/g {topic}")
            group = topic
            continue
        if (rec := _cell(row, rec_at)) and rec_at != text_at:
            if rec in group:
                out.structure.append(rec)  # "13.4.1" under "Recommendation 13.4.1: …"
            else:
                out.lines.append(f"/g {rec}")
                group = rec
        cell = _NUMBERED_RE.sub(r"\2", _cell(row, text_at))
        cell, _, when = (
            cell.partition("*Timeframe:*")
            if "*Timeframe:*" in cell
            else cell.partition("Timeframe:")
        )
        text, _, lead = cell.partition("*Lead:*") if "*Lead:*" in cell else cell.partition("Lead:")
        owners = leads(lead.strip(" *") or _cell(row, lead_at))
        line = f"/a {text.strip()}" + (f" [{'; '.join(owners)}]" if owners else "")
        if when := when.strip(" *") or _cell(row, when_at):
            line += f" | when: {when}"
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
