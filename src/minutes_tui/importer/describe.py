"""What an import recognised, in words, for `--dry-run` and the summary. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from minutes_tui.capture import CaptureContext, parse_line
from minutes_tui.domain.display import clip
from minutes_tui.domain.entries import Entry
from minutes_tui.importer.people import Known
from minutes_tui.importer.recognise import Recognised


@dataclass
class Counts:
    items: int = 0
    points: int = 0
    actions: int = 0
    owned: int = 0  # actions with at least one owner
    participants: int = 0
    reviews: int = 0
    unplaced: int = 0


def entries(rec: Recognised) -> list[tuple[str, Entry]]:
    """Each line with the entry the grammar reads from it (speakers as the meeting knows them)."""
    known = Known()
    for line in rec.lines:
        if line.startswith("/p "):
            known.add_participant_line(line)
    context = CaptureContext(speakers=frozenset(known.people), organisations=frozenset())
    return [(line, parse_line(line, context)) for line in rec.lines]


def count(rec: Recognised) -> Counts:
    c = Counts(unplaced=len(rec.unplaced))
    for _, e in entries(rec):
        if e.kind == "item":
            c.items += 1
        elif e.kind in ("note", "list_item"):
            c.points += 1
        elif e.kind == "action":
            c.actions += 1
            c.owned += bool(e.owners)
        elif e.kind == "participants":
            c.participants += len(e.people)
        elif e.kind == "review":
            c.reviews += 1
    return c


def describe(rec: Recognised, width: int = 100) -> list[str]:
    h = rec.header
    out = [
        f"meeting: {h.title}",
        f"  body: {h.body or '—'} · session: {h.session or '—'}"
        f" · date: {h.date or '— (none found)'}"
        f" · time: {h.start_time or '—'}{'–' + h.end_time if h.end_time else ''}"
        f" · place: {h.place or '—'} · style: {h.style}",
        f"  chair: {h.chair or '—'}",
    ]
    if h.introduction:
        out.append(f"  introduction: {clip(h.introduction, width)}")
    number = 0
    for line, e in entries(rec):
        if e.kind == "participants":
            for p in e.people:
                who = " ".join(x for x in (p.honorific, p.name) if x) or "—"
                extra = ", ".join(x for x in (p.position, p.organisation) if x)
                role = f" ({p.role})" if p.role else ""
                out.append(f"participant: {who}{', ' + extra if extra else ''}{role}")
        elif e.kind == "item":
            out.append(f"item {e.label or ''} {e.title}".replace("  ", " "))
        elif e.kind == "note":
            kind = {"point": "point", "decision": "decision", "key_message": "key message"}
            who = f" [{e.speaker}]" if e.speaker else ""
            label = f" {e.label}:" if e.label else ""
            out.append(f"  {kind[e.note_kind]}{who}{label} {clip(e.text, width)}")
        elif e.kind == "list_item":
            out.append(f"    list: {clip(e.text, width)}")
        elif e.kind == "action":
            number += 1
            owners = "; ".join(e.owners) or "NO OWNER"
            due = e.due_date or e.due_text or e.timeframe
            out.append(
                f"  action {number}: {clip(e.text, width)} — owners: {owners}"
                + (f" — due: {due}" if due else "")
            )
        elif e.kind == "subitem":
            out.append(f"    sub-item: {clip(e.text, width)} [{'; '.join(e.owners)}]")
        elif e.kind == "group":
            out.append(f"  topic: {e.title}")
        elif e.kind == "review":
            out.append(f"  review of action {e.number or e.action_id}: {e.status} {e.text}")
        elif e.kind == "next":
            out.append(f"next meeting: {e.date or ''} {e.time or ''} {clip(e.text, width)}")
        else:
            out.append(f"  {e.kind}: {clip(line, width)}")
    if rec.earlier:
        out.append(
            f"note: {len(rec.earlier)} rows of previous action points will be matched against "
            "the body's earlier actions when stored: a row found is a review of that action, "
            "the others are carried actions as shown"
        )
    for n, status, progress in rec.statuses:
        out.append(f"status of action {n}: {status} {progress}".rstrip())
    for note in rec.notes:
        if ":" in note and note.split(":")[0] in (
            "title",
            "body",
            "session",
            "date",
            "style",
            "chair",
            "time",
            "place",
            "introduction",
            "sensitivity",
        ):
            continue
        out.append(f"note: {note}")
    out.append(f"could not place ({len(rec.unplaced)}; kept as plain points):")
    out += [f"  {u}" for u in rec.unplaced] or ["  nothing"]
    return out
