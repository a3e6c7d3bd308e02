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
from minutes_tui.record.words import N_, Words


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
NOT_RECORDED = N_("Invited, attendance not recorded:")


def annex(ctx: Ctx, heading: str) -> list[Block]:
    d = ctx.data
    words = ctx.words
    people = [p for p in d.participants if (p.attendance or "present") in IN_ROOM]
    apologies = [p for p in d.participants if p.attendance == "apologies"]
    expected = [p for p in d.participants if p.attendance == "expected"]
    if not people and not apologies and not expected:
        return []
    out: list[Block] = [Heading(heading)]
    if ctx.redactor is not None:
        out += annex_redacted(people, apologies, words)
        if expected:
            withheld = words("{count}; names withheld.").format(count=len(expected))
            out.append(Paragraph(f"{words(NOT_RECORDED)} {withheld}"))
        return out
    short = short_body(d.body)
    rows: list[LabelledRow] = []
    for role, with_body in (
        ("Chair", N_("{body} Chair")),
        ("Co-Chair", N_("{body} Co-Chair")),
    ):
        chairs = [p for p in people if p.role == role]
        if chairs:
            label = words(with_body).format(body=short).strip() if short else words.role(role)
            rows.append(LabelledRow(label, tuple(person_line(ctx, p) for p in chairs)))
    grouped: dict[str, list[str]] = defaultdict(list)
    others: list[str] = []
    for p in people:
        if p.role in LISTED_APART:
            continue
        line = person_line(ctx, p, organisation=False) if p.name else ""
        if p.role in ("Observer", "Rapporteur"):
            role = words.role(p.role)
            line = f"{line} ({role})" if line else role
        org = clean_text(p.organisation).strip()
        if org:
            grouped[org].append(line)
        else:
            others.append(line)
    for org in sorted(grouped, key=str.casefold):
        values = tuple(v for v in grouped[org] if v) or ("—",)
        rows.append(LabelledRow(org, values))
    if others:
        rows.append(LabelledRow(words("Other participants"), tuple(others)))
    if rows:
        header = (words("Organisation"), words("Participants"))
        out.append(LabelledRows(tuple(rows), header))
    for role, label in (("Presenter", N_("Presenters:")), ("Secretariat", N_("Secretariat:"))):
        group = [p for p in people if p.role == role]
        if group:
            out.append(Paragraph(words(label), "label"))
            out.append(BulletList(tuple(person_line(ctx, p) for p in group)))
    if apologies:
        out.append(Paragraph(words("Apologies:"), "label"))
        out.append(BulletList(tuple(person_line(ctx, p) for p in apologies)))
    if expected:
        out.append(Paragraph(words(NOT_RECORDED), "label"))
        out.append(BulletList(tuple(person_line(ctx, p) for p in expected)))
    return out


def annex_redacted(
    people: list[PersonData], apologies: list[PersonData], words: Words
) -> list[Block]:
    counts: dict[str, int] = defaultdict(int)
    for p in people:
        counts[group_label(p, words)] += 1
    rows = tuple((escape_inline(org), str(counts[org])) for org in sorted(counts, key=str.casefold))
    out: list[Block] = [Table((words("Organisation"), words("Participants")), rows, (4, 1))]
    withheld = words("{count} participants; names withheld in this version.")
    out.append(Paragraph(withheld.format(count=len(people))))
    if apologies:
        sent: dict[str, int] = defaultdict(int)
        for p in apologies:
            sent[group_label(p, words)] += 1
        out.append(Paragraph(words("Apologies:"), "label"))
        out.append(BulletList(tuple(f"{escape_inline(o)} ({n})" for o, n in sorted(sent.items()))))
    return out


_GROUPS = {"Presenter": N_("Presenters"), "Observer": N_("Observers")}


def group_label(p: PersonData, words: Words) -> str:
    if p.organisation:
        return clean_text(p.organisation).strip()
    if p.role in ("Presenter", "Secretariat", "Observer", "Chair", "Co-Chair", "Rapporteur"):
        return words(_GROUPS[p.role]) if p.role in _GROUPS else words.role(p.role)
    return words("Other participants")
