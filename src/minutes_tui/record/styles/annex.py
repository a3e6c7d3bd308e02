"""The participants annex, shared by the summary record and the minutes."""

from __future__ import annotations

from collections import defaultdict

from minutes_tui.domain.snapshot import PersonData
from minutes_tui.domain.vocabulary import LISTED_APART
from minutes_tui.record.common import Ctx, clean_text, short_body
from minutes_tui.record.model import (
    Block,
    BulletList,
    Heading,
    LabelledRow,
    LabelledRows,
    Paragraph,
    Table,
    escape_inline,
)


def person_line(ctx: Ctx, p: PersonData, *, organisation: bool = True) -> str:
    """'Mr. Omar Saleh, Shelter Officer, NRC'; without the organisation where a column
    already names it. The position is what the rapporteur typed, so it is always shown."""
    parts: list[str | None] = [p.display_name if p.name else (p.organisation or "")]
    parts.append(p.position or "")
    if organisation and p.name:
        parts.append(p.organisation)
    return escape_inline(", ".join(clean_text(x).strip() for x in parts if x and x.strip()))


# Who was in the room. People carried from the previous meeting of a series stay
# "expected" until marked present: they are listed apart, never as attendees.
IN_ROOM = ("present",)
NOT_RECORDED = "Invited, attendance not recorded:"


def annex(ctx: Ctx, heading: str) -> list[Block]:
    d = ctx.data
    people = [p for p in d.participants if (p.attendance or "present") in IN_ROOM]
    apologies = [p for p in d.participants if p.attendance == "apologies"]
    expected = [p for p in d.participants if p.attendance == "expected"]
    if not people and not apologies and not expected:
        return []
    out: list[Block] = [Heading(heading)]
    if ctx.redactor is not None:
        out += annex_redacted(people, apologies)
        if expected:
            out.append(Paragraph(f"{NOT_RECORDED} {len(expected)}; names withheld."))
        return out
    short = short_body(d.body)
    rows: list[LabelledRow] = []
    for role in ("Chair", "Co-Chair"):
        chairs = [p for p in people if p.role == role]
        if chairs:
            label = f"{short} {role}".strip()
            rows.append(LabelledRow(label, tuple(person_line(ctx, p) for p in chairs)))
    grouped: dict[str, list[str]] = defaultdict(list)
    others: list[str] = []
    for p in people:
        if p.role in LISTED_APART:
            continue
        line = person_line(ctx, p, organisation=False) if p.name else ""
        if p.role in ("Observer", "Rapporteur"):
            line = f"{line} ({p.role})" if line else p.role
        org = clean_text(p.organisation).strip()
        if org:
            grouped[org].append(line)
        else:
            others.append(line)
    for org in sorted(grouped, key=str.casefold):
        values = tuple(v for v in grouped[org] if v) or ("—",)
        rows.append(LabelledRow(org, values))
    if others:
        rows.append(LabelledRow("Other participants", tuple(others)))
    if rows:
        out.append(LabelledRows(tuple(rows), ("Organisation", "Participants")))
    for role, label in (("Presenter", "Presenters:"), ("Secretariat", "Secretariat:")):
        group = [p for p in people if p.role == role]
        if group:
            out.append(Paragraph(label, "label"))
            out.append(BulletList(tuple(person_line(ctx, p) for p in group)))
    if apologies:
        out.append(Paragraph("Apologies:", "label"))
        out.append(BulletList(tuple(person_line(ctx, p) for p in apologies)))
    if expected:
        out.append(Paragraph(NOT_RECORDED, "label"))
        out.append(BulletList(tuple(person_line(ctx, p) for p in expected)))
    return out


def annex_redacted(people: list[PersonData], apologies: list[PersonData]) -> list[Block]:
    counts: dict[str, int] = defaultdict(int)
    for p in people:
        counts[group_label(p)] += 1
    rows = tuple((escape_inline(org), str(counts[org])) for org in sorted(counts, key=str.casefold))
    out: list[Block] = [Table(("Organisation", "Participants"), rows, (4, 1))]
    out.append(Paragraph(f"{len(people)} participants; names withheld in this version."))
    if apologies:
        sent: dict[str, int] = defaultdict(int)
        for p in apologies:
            sent[group_label(p)] += 1
        out.append(Paragraph("Apologies:", "label"))
        out.append(BulletList(tuple(f"{escape_inline(o)} ({n})" for o, n in sorted(sent.items()))))
    return out


def group_label(p: PersonData) -> str:
    if p.organisation:
        return clean_text(p.organisation).strip()
    if p.role in ("Presenter", "Secretariat", "Observer", "Chair", "Co-Chair", "Rapporteur"):
        return {"Presenter": "Presenters", "Observer": "Observers"}.get(p.role, p.role)
    return "Other participants"
