"""A meeting as plain text for `minutes show` (the record renderers do the real layout)."""

from __future__ import annotations

from minutes_tui.domain.snapshot import MeetingData, ReviewData
from minutes_tui.domain.translate import _
from minutes_tui.domain.vocabulary import status_word


def _secret(on: bool) -> str:
    """As `minutes actions` and search mark a `!` entry."""
    return _("[Confidential] ") if on else ""


def _review_line(r: ReviewData) -> str:
    """A review, made in this meeting, of an earlier meeting's action."""
    owners = f" [{'; '.join(r.owners)}]" if r.owners else ""
    status = status_word(r.status)
    text = f" — {r.text}" if r.text else ""
    what = f"{r.action_number}. {r.action_text}{owners}: {status}{text}"
    return "  ↻ " + _secret(r.confidential) + _("Review of action {action}").format(action=what)


def _next_meeting(m: MeetingData) -> str | None:
    when = " ".join(p for p in (m.next_date.isoformat() if m.next_date else None, m.next_time) if p)
    parts = [p for p in (when, m.next_text) if p]
    return " — ".join(parts) if parts else None


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
        out.append("\n" + _("Participants ({count})").format(count=len(m.participants)))
        for p in m.participants:
            extra = ", ".join(x for x in (p.position, p.organisation) if x)
            role = f" ({p.role})" if p.role else ""
            out.append(f"  - {p.display_name}{', ' + extra if extra and p.name else ''}{role}")
    for item in [None, *m.items]:
        item_id = item.id if item else None
        entries = [e for e in m.entries if e.item_id == item_id]
        actions = [a for a in m.actions if a.item_id == item_id]
        reviews = [r for r in m.reviews if r.item_id == item_id]
        if item is None and not entries and not actions and not reviews:
            continue
        out.append("")
        out.append(f"{item.label or ''} {item.title}".strip() if item else _("(before the agenda)"))
        out.extend(_review_line(r) for r in reviews)
        for e in entries:
            mark = {"decision": _("◆ Decision: "), "key_message": _("★ Key message: ")}.get(
                e.kind, ""
            )
            who = f"{e.speaker}: " if e.speaker else ""
            label = f"{e.label}: " if e.label else ""
            out.append(f"  {_secret(e.confidential)}{mark}{label}{who}{e.text}")
        for a in actions:
            owners = f" [{'; '.join(a.owners)}]" if a.owners else ""
            due = " " + _("(due {date})").format(date=a.due) if a.due else ""
            out.append(f"  {a.number}. {_secret(a.confidential)}{a.text}{owners}{due}")
            for sub in a.sub_items:
                sub_owners = f" [{'; '.join(sub.owners)}]" if sub.owners else ""
                out.append(f"     - {sub.text}{sub_owners}")
    if (following := _next_meeting(m)) is not None:
        out.append("\n" + _("Next meeting: {meeting}").format(meeting=following))
    return "\n".join(out)
