"""A meeting as plain text for `minutes show` (the record renderers do the real layout)."""

from __future__ import annotations

from minutes_tui.snapshot import MeetingData


def meeting_text(m: MeetingData) -> str:
    out: list[str] = []
    head = " · ".join(p for p in (m.body, m.title, m.session) if p)
    out.append(f"#{m.id}  {head}")
    out.append(
        "    "
        + "  ".join(
            p
            for p in (
                m.date.isoformat() if m.date else None,
                m.start_time,
                m.place,
                m.style,
                m.sensitivity,
                m.status,
            )
            if p
        )
    )
    if m.participants:
        out.append(f"\nParticipants ({len(m.participants)})")
        for p in m.participants:
            extra = ", ".join(x for x in (p.position, p.organisation) if x)
            role = f" ({p.role})" if p.role else ""
            out.append(f"  - {p.display_name}{', ' + extra if extra and p.name else ''}{role}")
    for item in [None, *m.items]:
        item_id = item.id if item else None
        entries = [e for e in m.entries if e.item_id == item_id]
        actions = [a for a in m.actions if a.item_id == item_id]
        if item is None and not entries and not actions:
            continue
        out.append("")
        out.append(f"{item.label or ''} {item.title}".strip() if item else "(before the agenda)")
        for e in entries:
            mark = {"decision": "◆ Decision: ", "key_message": "★ Key message: "}.get(e.kind, "")
            who = f"{e.speaker}: " if e.speaker else ""
            out.append(f"  {mark}{who}{e.text}")
        for a in actions:
            owners = f" [{'; '.join(a.owners)}]" if a.owners else ""
            due = f" (due {a.due})" if a.due else ""
            out.append(f"  {a.number}. {a.text}{owners}{due}")
            for sub in a.sub_items:
                sub_owners = f" [{'; '.join(sub.owners)}]" if sub.owners else ""
                out.append(f"     - {sub.text}{sub_owners}")
    return "\n".join(out)
