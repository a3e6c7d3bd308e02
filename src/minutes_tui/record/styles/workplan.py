"""The workplan progress report: a body's register over a period as one wide table.

*Priority areas of work | Concrete deliverables | Timelines & status | Leads | Partners |
Linkages across groups*: one row per action, the priority area (the action's `/g` group)
one merged cell over its deliverables, areas in the order the register first names them.
The status cell holds the timeline as typed ("Q2 2021", a due date) and then EVERY review
of the period, oldest first, as a dated marker ("[ONGOING] 12 Mar 2021: text"); an action
with no review in the period shows its current status marker alone.

Which actions: every action the body agreed up to the end of the period, except those
closed before it (completed, de-prioritized or dropped, with no review in the period and
agreed before it): a progress report tracks what is alive, and what closed during it.
"""

from __future__ import annotations

import datetime as dt

from minutes_tui.domain.snapshot import ActionData, MeetingData, RegisterData, UpdateData
from minutes_tui.domain.vocabulary import STATUS_INFO
from minutes_tui.record.common import Text, clean_text, when_words
from minutes_tui.record.model import (
    Block,
    Heading,
    Paragraph,
    Row,
    Table,
    TitleBlock,
    escape_inline,
)
from minutes_tui.record.notes import note_blocks
from minutes_tui.record.redact import Redactor
from minutes_tui.record.words import N_, Words, words_for

HEADER = (
    N_("Priority areas of work"),
    N_("Concrete deliverables"),
    N_("Timelines & status"),
    N_("Leads"),
    N_("Partners"),
    N_("Linkages across groups"),
)
WIDTHS = (13, 25, 27, 15, 10, 10)
NO_AREA = N_("Other deliverables")


def build(
    data: RegisterData, redactor: Redactor | None, words: Words | None = None
) -> tuple[list[Block], str]:
    """The report's blocks and its document title."""
    words = words or words_for(data.language)
    text = Text(redactor, words=words)
    body = text.plain(data.body).strip()
    period = period_words(data.date_from, data.date_to, words)
    if period:
        title = words("Progress report – {period}").format(period=period)
    else:
        title = words("Progress report")
    lines = [text.plain(data.title).strip(), words.style_name("workplan")]
    out: list[Block] = [
        TitleBlock(
            title=title,
            kicker=body or None,
            lines=tuple(x for x in lines if x),
            details=tuple(_co_chairs(text, data)),
        )
    ]
    if data.note and data.note.strip():
        out += note_blocks(text.note(data.note))
    # One line: the legend should not push the table off the first page.
    legend = " · ".join(
        f"**{escape_inline(words.status_marker(s))}** {words.status_title(s)}" for s in STATUS_INFO
    )
    out.append(Paragraph(f"**{words('Legend:')}** {legend}"))
    out.append(Heading(words("Progress by priority area")))
    actions = [a for a in data.actions if _reported(a, data.date_from)]
    if not actions:
        out.append(Paragraph(words("The register holds no actions for this period.")))
        return out, f"{body} — {title}" if body else title
    table = rows(text, actions, data.undated_markers)
    header = tuple(words(h) for h in HEADER)
    out.append(Table(header, table, WIDTHS, merge_first=True, wide=True))
    return out, f"{body} — {title}" if body else title


def period_words(start: dt.date | None, end: dt.date | None, words: Words | None = None) -> str:
    """'February–June 2021', 'November 2020–March 2021', 'June 2021', 'to 30 June 2021';
    'février–juin 2021', 'febrero–junio de 2021' (Babel's month names)."""
    words = words or words_for("en")
    if start and end:
        if (start.year, start.month) == (end.year, end.month):
            return words.month_year(end)
        first = words.month(start) if start.year == end.year else words.month_year(start)
        return f"{first}–{words.month_year(end)}"
    if start:
        return words("since {date}").format(date=words.long_date(start))
    if end:
        return words("to {date}").format(date=words.long_date(end))
    return ""


def _co_chairs(text: Text, data: RegisterData) -> list[tuple[str, str]]:
    names = []
    for p in data.co_chairs:
        name = text.attribution(p.display_name) if p.name else ""
        org = text.plain(p.organisation).strip()
        names.append(f"{name} ({org})" if name and org and name != org else name or org)
    names = [escape_inline(n) for n in names if n]
    if not names:
        return []
    label = text.words("Co-Chairs") if len(names) > 1 else text.words("Chair")
    return [(label, "; ".join(names))]


def _reported(a: ActionData, start: dt.date | None) -> bool:
    info = STATUS_INFO.get(a.status)
    if info is None or info.open or a.updates:
        return True
    return start is None or (a.meeting_date is not None and a.meeting_date >= start)


def _area_order(text: Text, actions: list[ActionData]) -> list[str]:
    order: list[str] = []
    no_area = text.words(NO_AREA)
    for a in actions:
        area = text.plain(a.group).strip() or no_area
        if area not in order:
            order.append(area)
    if no_area in order:  # deliverables without an area come last
        order.remove(no_area)
        order.append(no_area)
    return order


def rows(text: Text, actions: list[ActionData], undated: bool = False) -> tuple[Row, ...]:
    out: list[Row] = []
    no_area = text.words(NO_AREA)
    for area in _area_order(text, actions):
        for a in actions:
            if (text.plain(a.group).strip() or no_area) == area:
                out.append(
                    (
                        escape_inline(area),
                        _deliverable(text, a),
                        _status_cell(text, a, undated),
                        "; ".join(escape_inline(o) for o in text.owners(a.owners)),
                        ", ".join(escape_inline(text.plain(p).strip()) for p in a.partners),
                        text.md(a.links).strip(),
                    )
                )
    return tuple(out)


def _deliverable(text: Text, a: ActionData) -> str:
    lines = [f"{text.note(a.text)} ({a.ref})"]
    for sub in a.sub_items:
        extra = [", ".join(escape_inline(o) for o in text.owners(sub.owners))]
        extra.append(escape_inline(text.plain(sub.timeframe).strip()))
        tail = "; ".join(x for x in extra if x)
        lines.append(f"• {text.note(sub.text)}" + (f" ({tail})" if tail else ""))
    if comments := text.note(a.comments):
        lines.append(f"*{text.words('Comments:')}* {comments}")
    return "\n".join(lines)


def _review_day(u: UpdateData) -> dt.date:
    return u.meeting_date or u.created_at.date()


def _status_cell(text: Text, a: ActionData, undated: bool = False) -> str:
    """The timeline, then each review's marker, dated unless the body gives them undated;
    an action nobody reported on (pending, never reviewed in the period) gets no marker."""
    lines = [escape_inline(w) for w in (when_words(text, a),) if w]
    updates = sorted(a.updates, key=lambda u: (_review_day(u), u.created_at, u.id))
    for u in updates:
        note = text.note(u.text)
        marker = f"**{escape_inline(text.words.status_marker(u.status))}**"
        if undated:
            lines.append(f"{marker} {note}".strip())
        else:
            # a review of an undated meeting (an imported record) has no day: never today's
            day = f" {text.words.short_date(u.meeting_date)}" if u.meeting_date else ""
            lines.append(f"{marker}{day}" + (f": {note}" if note else ""))
    if not updates and a.status != "pending":
        lines.append(f"**{escape_inline(text.words.status_marker(a.status))}**")
    return "\n".join(lines) or "—"


def register_of_meeting(data: MeetingData) -> RegisterData:
    """One meeting as a register: its own actions, reviews up to its date (a meeting
    exported in the workplan style)."""
    actions = []
    for a in data.actions:
        copy = ActionData(**{**a.__dict__})
        copy.updates = [u for u in a.updates if data.date is None or _review_day(u) <= data.date]
        actions.append(copy)
    return RegisterData(
        body=clean_text(data.body) or clean_text(data.title),
        date_from=data.date,
        date_to=data.date,
        title=data.title,
        note=data.introduction,
        co_chairs=[p for p in data.participants if p.role in ("Chair", "Co-Chair")],
        sensitivity=data.sensitivity,
        actions=actions,
        participants=data.participants,
        identities=data.identities,
        language=data.language,
    )


__all__ = ["build", "period_words", "register_of_meeting", "rows"]
