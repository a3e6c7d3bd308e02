"""MeetingData → Record: what each record style says, and in what order.

Pure: reads only the `MeetingData` snapshot it is given (never the database) and
returns a frozen `Record`. Renderers only lay that Record out.

Choices this module makes:

- Entries typed before the first agenda item are opening remarks: the summary record puts
  them under INTRODUCTION after the introduction; minutes put them under "Opening remarks".
- An attributed point reads as the speaker followed by the text: "UNHCR raised five
  points…" when the text starts in lower case, "WHO: The sector…" otherwise.
- Decisions and key messages lead with bold "Decision:" / "Key message:".
- Minutes: plain (unattributed) points are the narrative paragraphs of an item; attributed
  points, decisions and key messages are the item's DISCUSSION bullets, in typed order.
- A note's first line is always a paragraph (a point that starts with "# ", "1. " or "- "
  stays text); later lines of a multi-line note that start with "- " or "1. " are a list.
- Redaction replaces personal names with the person's organisation, else their role,
  else "a participant", everywhere text reaches the record: every plain text through the
  `Redactor` (record/redact.py), every speaker, owner and the rapporteur through its
  `attribution`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from minutes_tui.record.model import (
    ActionItem,
    ActionList,
    Block,
    BulletList,
    Heading,
    LabelledRow,
    LabelledRows,
    NumberedList,
    Paragraph,
    Record,
    SubItem,
    Table,
    TitleBlock,
    escape_inline,
)
from minutes_tui.record.redact import Redactor
from minutes_tui.snapshot import (
    ActionData,
    EntryData,
    ItemData,
    MeetingData,
    PersonData,
    ReviewData,
)

__all__ = ["STYLES", "Redactor", "build_record", "clean_text", "long_date", "status_words"]

STYLES = ("summary", "minutes", "actions")
RECORD_TYPES = {"summary": "Summary Record", "minutes": "Minutes", "actions": "Action Points"}

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# Characters no document should carry: C0/C1 controls other than tab and newline, lone
# surrogates (they cannot even be encoded as UTF-8), and the XML non-characters.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str | None) -> str:
    """Newlines normalised to "\\n"; control characters and non-characters removed."""
    if not text:
        return ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BAD_CHARS.sub("", text)


def long_date(d: dt.date | None) -> str:
    """9 July 2020 (English month names whatever the machine's locale)."""
    if d is None:
        return ""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


_STATUS_WORDS = {
    "pending": "Pending",
    "in_progress": "In Progress",
    "completed": "Completed",
    "dropped": "Dropped",
}


def status_words(status: str | None) -> str:
    if not status:
        return "Pending"
    return _STATUS_WORDS.get(status, status.replace("_", " ").title())


# Due phrases that read on their own, without a leading "by".
_DUE_WORDS = {"by", "before", "until", "till", "within", "on", "in", "during", "after", "asap"}
_DUE_WORDS |= {"ongoing", "immediately", "continuous", "continuing", "tbd", "tbc", "n/a"}


def due_words(action: ActionData) -> str | None:
    if action.due_date is not None:
        return f"by {long_date(action.due_date)}"
    text = clean_text(action.due_text).strip()
    if not text:
        return None
    first = text.split(maxsplit=1)[0].casefold().rstrip(".,:;")
    return text if first in _DUE_WORDS else f"by {text}"


_HONORIFICS = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|H\.\s?E|Amb|Rev|Hon)"


def _norm_name(s: str) -> str:
    return re.sub(r"[\s\u00a0-]+", " ", s).strip().casefold()


# ---- the builder ------------------------------------------------------------------


@dataclass
class _Ctx:
    data: MeetingData
    style: str
    redactor: Redactor | None

    def plain(self, text: str | None) -> str:
        """Plain text, cleaned and (when redacting) without personal names."""
        text = clean_text(text)
        return self.redactor(text) if self.redactor and text else text

    def md(self, text: str | None) -> str:
        """Plain text as inline Markdown."""
        return escape_inline(self.plain(text))

    def note(self, text: str | None) -> str:
        """User-typed Markdown, cleaned and redacted."""
        return self.plain(text).strip()

    def owners(self, owners: Iterable[str]) -> tuple[str, ...]:
        return tuple(o for o in (self.attribution(x) for x in owners) if o)

    def attribution(self, text: str | None) -> str:
        """A speaker, an owner or the rapporteur: a whole name there is a person."""
        text = clean_text(text).strip()
        return self.redactor.attribution(text) if self.redactor and text else text

    def speaker(self, e: EntryData) -> str | None:
        """The speaker as plain text, spelled as the meeting knows it."""
        speaker = clean_text(e.speaker).strip()
        if not speaker:
            return None
        org = clean_text(e.speaker_organisation).strip()
        if not e.speaker_is_person:
            if org and speaker.casefold() == org.casefold():
                return org
            return self.attribution(speaker)
        person = _find_person(self.data.participants, speaker)
        if self.redactor is not None:
            if person is not None:
                return Redactor.label(person)
            redacted = self.redactor.attribution(speaker)
            if redacted != speaker:
                return redacted
            return org or "a participant"
        if person is not None:
            return _spelled_like(person, speaker)
        return speaker


def _find_person(people: list[PersonData], speaker: str) -> PersonData | None:
    key = _norm_name(speaker)
    bare = _norm_name(re.sub(rf"^{_HONORIFICS}\.?\s+", "", speaker, flags=re.I))
    for p in people:
        if not p.name:
            continue
        name = _norm_name(p.name)
        if key in (name, _norm_name(p.display_name)) or bare == name:
            return p
    for p in people:
        if p.name and bare and _norm_name(p.name).split()[-1] == bare:
            return p
    return None


def _spelled_like(p: PersonData, typed: str) -> str:
    """The participant's own spelling of the form the rapporteur typed ("ms. jamal")."""
    assert p.name
    words = p.name.split()
    forms = [p.display_name, p.name]
    if p.honorific:
        forms.append(f"{p.honorific} {words[-1]}")
    forms.append(words[-1])
    key = _norm_name(typed)
    for form in forms:
        if _norm_name(form) == key:
            return form
    return typed


def build_record(data: MeetingData, style: str | None = None, redact: bool = False) -> Record:
    """The record of one meeting in a style: "summary", "minutes" or "actions"."""
    style = style or data.style or "summary"
    if style not in STYLES:
        raise ValueError(f"Unknown record style {style!r}: use summary, minutes or actions.")
    ctx = _Ctx(data, style, Redactor.for_meeting(data) if redact else None)
    builders: dict[str, Callable[[_Ctx], list[Block]]] = {
        "summary": _summary,
        "minutes": _minutes,
        "actions": _actions,
    }
    blocks = builders[style](ctx)
    label = clean_text(data.sensitivity).strip().upper() or "INTERNAL"
    if (data.status or "").casefold() == "draft":
        label += " · DRAFT"
    author = ctx.attribution(data.rapporteur) or "minutes-tui"
    return Record(
        style=style,
        title=_document_title(ctx),
        author=author,
        date=data.date,
        page_label=label,
        blocks=tuple(blocks),
        redacted=redact,
    )


def _document_title(ctx: _Ctx) -> str:
    d = ctx.data
    if ctx.style == "minutes":
        return _minutes_title(ctx)
    parts = [ctx.plain(d.title).strip(), ctx.plain(d.session).strip(), long_date(d.date)]
    return ", ".join(p for p in parts if p) + f" — {RECORD_TYPES[ctx.style]}"


def _minutes_title(ctx: _Ctx) -> str:
    title = ctx.plain(ctx.data.title).strip()
    date = long_date(ctx.data.date)
    return f"Minutes - {title}, {date}" if date else f"Minutes - {title}"


# ---- shared pieces ----------------------------------------------------------------


def _time(d: MeetingData) -> str | None:
    if d.start_time and d.end_time:
        return f"{d.start_time}–{d.end_time}"
    return d.start_time or None


def _details(ctx: _Ctx, *, chair: bool = True) -> list[tuple[str, str]]:
    d = ctx.data
    out: list[tuple[str, str]] = []
    if (t := _time(d)) is not None:
        out.append(("Time", escape_inline(clean_text(t))))
    if d.place and d.place.strip():
        out.append(("Place", ctx.md(d.place).strip()))
    if chair and d.chair and d.chair.strip():
        out.append(("Chair", ctx.md(d.chair).strip()))
    return out


_LIST_LINE = re.compile(r"^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(\S.*)$")


def note_blocks(text: str) -> list[Block]:
    """A note (inline Markdown, maybe several lines) as paragraphs and lists.

    The first line always starts a paragraph; a later line that starts with "- ", "* ",
    "+ " or "1. " is a list item; a blank line ends a paragraph.
    """
    blocks: list[Block] = []
    para: list[str] = []
    items: list[str] = []
    kind = ""  # "bullet" | "number"
    start = 1

    def flush_para() -> None:
        if para:
            blocks.append(Paragraph("\n".join(para)))
            para.clear()

    def flush_list() -> None:
        nonlocal kind
        if items:
            if kind == "bullet":
                blocks.append(BulletList(tuple(items)))
            else:
                blocks.append(NumberedList(tuple(items), start))
            items.clear()
        kind = ""

    for n, raw in enumerate(text.split("\n")):
        line = raw.strip()
        m = _LIST_LINE.match(raw) if n else None
        if m is not None:
            flush_para()
            this = "bullet" if m.group(1) else "number"
            if this != kind:
                flush_list()
                kind = this
                start = int(m.group(2)) if m.group(2) else 1
            items.append(m.group(3).strip())
        elif not line:
            flush_para()
            flush_list()
        else:
            flush_list()
            para.append(line)
    flush_para()
    flush_list()
    return blocks


_LEADS = {"decision": "**Decision:** ", "key_message": "**Key message:** "}


def _entry_md(ctx: _Ctx, e: EntryData) -> str:
    text = ctx.note(e.text)
    speaker = ctx.speaker(e)
    if speaker:
        who = escape_inline(speaker[:1].upper() + speaker[1:])
        first = text[:1]
        text = f"{who} {text}" if first.islower() else f"{who}: {text}" if text else who
    return _LEADS.get(e.kind, "") + text


def _one_line(md: str) -> str:
    """A note as one list item: its lines kept as line breaks."""
    return "\n".join(line.strip() for line in md.split("\n") if line.strip())


def _action_item(ctx: _Ctx, a: ActionData, status: bool = False) -> ActionItem:
    return ActionItem(
        number=a.number,
        text=ctx.note(a.text),
        owners=ctx.owners(a.owners),
        due=due_words(a) if not ctx.redactor else _opt(ctx.plain(due_words(a))),
        status=status_words(a.status) if status else None,
        sub_items=tuple(SubItem(ctx.note(s.text), ctx.owners(s.owners)) for s in a.sub_items),
    )


def _opt(s: str | None) -> str | None:
    return s or None


def _review_md(ctx: _Ctx, r: ReviewData) -> str:
    lead = f"**Action {r.action_number} (previous meeting):** "
    text = ctx.note(r.text)
    status = status_words(r.status)
    body = f"{status} — {text}" if text else status
    return lead + body


def _item_entries(d: MeetingData, item_id: int | None) -> list[EntryData]:
    return [e for e in d.entries if e.item_id == item_id]


def _item_actions(d: MeetingData, item_id: int | None) -> list[ActionData]:
    return sorted((a for a in d.actions if a.item_id == item_id), key=lambda a: a.number)


def _item_reviews(d: MeetingData, item_id: int | None) -> list[ReviewData]:
    return [r for r in d.reviews if r.item_id == item_id]


def _reviews_and_actions(
    ctx: _Ctx, item_id: int | None, actions_label: str = "Follow-Up Actions:"
) -> list[Block]:
    d = ctx.data
    out: list[Block] = []
    reviews = _item_reviews(d, item_id)
    if reviews:
        out.append(Paragraph("Review of previous actions:", "label"))
        out.append(BulletList(tuple(_review_md(ctx, r) for r in reviews)))
    actions = _item_actions(d, item_id)
    if actions:
        out.append(Paragraph(actions_label, "label"))
        out.append(ActionList(tuple(_action_item(ctx, a) for a in actions)))
    return out


def _is_numeric(label: str | None) -> bool:
    return bool(label) and re.fullmatch(r"\d+(?:\.\d+)*", label or "") is not None


def _is_aob(item: ItemData) -> bool:
    label = (item.label or "").strip().casefold().replace(".", "")
    title = item.title.strip().casefold().replace(".", "")
    return label == "aob" or title in ("aob", "any other business")


def _numbered_title(ctx: _Ctx, item: ItemData) -> str:
    title = ctx.plain(item.title).strip()
    label = clean_text(item.label).strip()
    if not label:
        return title
    if label.isdigit():
        label += "."
    return f"{label} {title}".strip()


def _next_meeting(ctx: _Ctx) -> str | None:
    d = ctx.data
    parts = []
    when = long_date(d.next_date)
    if when and d.next_time:
        when += f" at {d.next_time}"
    elif d.next_time:
        when = f"at {d.next_time}"
    text = ctx.note(d.next_text)
    if when:
        parts.append(escape_inline(when))
    if text:
        parts.append(text)
    return " — ".join(parts) if parts else None


def _short_body(body: str | None) -> str:
    """The short name of a body: "IASC OPAG" → "OPAG"; "IM Network" stays whole."""
    body = clean_text(body).strip()
    words = body.split()
    if len(words) > 1 and words[-1].isupper():
        return words[-1]
    return body


def _person_line(ctx: _Ctx, p: PersonData, *, position: bool = True) -> str:
    parts: list[str | None] = [p.display_name if p.name else (p.organisation or "")]
    if position:
        parts += [p.position or "", p.organisation if p.name else ""]
    return escape_inline(", ".join(clean_text(x).strip() for x in parts if x and x.strip()))


_IN_ROOM = ("present", "expected")


def _annex(ctx: _Ctx, heading: str) -> list[Block]:
    d = ctx.data
    people = [p for p in d.participants if (p.attendance or "present") in _IN_ROOM]
    apologies = [p for p in d.participants if p.attendance == "apologies"]
    if not people and not apologies:
        return []
    out: list[Block] = [Heading(heading)]
    if ctx.redactor is not None:
        return out + _annex_redacted(people, apologies)
    short = _short_body(d.body)
    rows: list[LabelledRow] = []
    for role in ("Chair", "Co-Chair"):
        chairs = [p for p in people if p.role == role]
        if chairs:
            label = f"{short} {role}".strip()
            rows.append(LabelledRow(label, tuple(_person_line(ctx, p) for p in chairs)))
    grouped: dict[str, list[str]] = defaultdict(list)
    others: list[str] = []
    for p in people:
        if p.role in ("Chair", "Co-Chair", "Presenter", "Secretariat"):
            continue
        line = _person_line(ctx, p, position=False) if p.name else ""
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
            out.append(BulletList(tuple(_person_line(ctx, p) for p in group)))
    if apologies:
        out.append(Paragraph("Apologies:", "label"))
        out.append(BulletList(tuple(_person_line(ctx, p) for p in apologies)))
    return out


def _annex_redacted(people: list[PersonData], apologies: list[PersonData]) -> list[Block]:
    counts: dict[str, int] = defaultdict(int)
    for p in people:
        counts[_group_label(p)] += 1
    rows = tuple((escape_inline(org), str(counts[org])) for org in sorted(counts, key=str.casefold))
    out: list[Block] = [Table(("Organisation", "Participants"), rows, (4, 1))]
    out.append(Paragraph(f"{len(people)} participants; names withheld in this version."))
    if apologies:
        sent: dict[str, int] = defaultdict(int)
        for p in apologies:
            sent[_group_label(p)] += 1
        out.append(Paragraph("Apologies:", "label"))
        out.append(BulletList(tuple(f"{escape_inline(o)} ({n})" for o, n in sorted(sent.items()))))
    return out


def _group_label(p: PersonData) -> str:
    if p.organisation:
        return clean_text(p.organisation).strip()
    if p.role in ("Presenter", "Secretariat", "Observer", "Chair", "Co-Chair", "Rapporteur"):
        return {"Presenter": "Presenters", "Observer": "Observers"}.get(p.role, p.role)
    return "Other participants"


# ---- summary record ---------------------------------------------------------------


def _summary_heading(ctx: _Ctx, item: ItemData) -> str:
    if _is_aob(item):
        return "AOB"
    label = clean_text(item.label).strip()
    title = ctx.plain(item.title).strip()
    if ctx.data.session and _is_numeric(label):
        return f"SESSION {label}: {title.upper()}" if title else f"SESSION {label}"
    return _numbered_title(ctx, item)


def _summary(ctx: _Ctx) -> list[Block]:
    d = ctx.data
    lines = [ctx.plain(d.session).strip().upper(), long_date(d.date), RECORD_TYPES["summary"]]
    out: list[Block] = [
        TitleBlock(
            title=ctx.plain(d.title).strip(),
            kicker=ctx.plain(d.body).strip() or None,
            lines=tuple(x for x in lines if x),
            details=tuple(_details(ctx)),
        )
    ]
    opening: list[Block] = []
    if d.introduction and d.introduction.strip():
        opening += note_blocks(ctx.note(d.introduction))
    for e in _item_entries(d, None):
        opening += note_blocks(_entry_md(ctx, e))
    opening += _reviews_and_actions(ctx, None)
    if opening:
        out.append(Heading("INTRODUCTION"))
        out += opening
    for item in d.items:
        out.append(Heading(_summary_heading(ctx, item)))
        for e in _item_entries(d, item.id):
            out += note_blocks(_entry_md(ctx, e))
        out += _reviews_and_actions(ctx, item.id)
    out += _annex(ctx, "ANNEX: PARTICIPANTS LIST")
    if (nxt := _next_meeting(ctx)) is not None:
        out += [Heading("NEXT MEETING"), Paragraph(nxt)]
    return out


# ---- minutes ----------------------------------------------------------------------


def _minutes_section(ctx: _Ctx, item_id: int | None) -> list[Block]:
    d = ctx.data
    out: list[Block] = []
    discussion: list[str] = []
    for e in _item_entries(d, item_id):
        if e.kind == "point" and not (e.speaker and e.speaker.strip()):
            out += note_blocks(ctx.note(e.text))
        else:
            discussion.append(_one_line(_entry_md(ctx, e)))
    if discussion:
        out.append(Paragraph("DISCUSSION:", "label"))
        out.append(BulletList(tuple(discussion)))
    out += _reviews_and_actions(ctx, item_id, "Follow-up actions:")
    return out


def _minutes(ctx: _Ctx) -> list[Block]:
    d = ctx.data
    details = _details(ctx)
    if any((p.attendance or "present") in _IN_ROOM for p in d.participants):
        details.append(("Participants", "see list below"))
    lines = [ctx.plain(d.session).strip()]
    out: list[Block] = [
        TitleBlock(
            title=_minutes_title(ctx),
            kicker=ctx.plain(d.body).strip() or None,
            lines=tuple(x for x in lines if x),
            details=tuple(details),
        )
    ]
    if d.introduction and d.introduction.strip():
        out += note_blocks(ctx.note(d.introduction))
    opening = _minutes_section(ctx, None)
    if opening:
        out.append(Heading("Opening remarks"))
        out += opening
    for item in d.items:
        out.append(Heading(_numbered_title(ctx, item)))
        if item.presenters and item.presenters.strip():
            presenters = ctx.plain(item.presenters).strip()
            several = re.search(r";|\band\b|,", presenters) is not None
            word = "Presenters" if several else "Presenter"
            out.append(Paragraph(f"*{word}: {escape_inline(presenters)}*"))
        out += _minutes_section(ctx, item.id)
    if (nxt := _next_meeting(ctx)) is not None:
        out += [Heading("Next Meeting"), Paragraph(nxt)]
    out += _annex(ctx, "Participants")
    return out


# ---- action points ----------------------------------------------------------------


def _owners_md(owners: Iterable[str]) -> str:
    return "; ".join(escape_inline(o) for o in owners)


def _actions(ctx: _Ctx) -> list[Block]:
    d = ctx.data
    lines = [ctx.plain(d.session).strip(), long_date(d.date), RECORD_TYPES["actions"]]
    out: list[Block] = [
        TitleBlock(
            title=ctx.plain(d.title).strip(),
            kicker=ctx.plain(d.body).strip() or None,
            lines=tuple(x for x in lines if x),
            details=tuple(_details(ctx)),
        )
    ]
    out.append(Heading("Follow-up actions"))
    actions = sorted(d.actions, key=lambda a: a.number)
    if actions:
        rows: list[tuple[str, ...]] = []
        for a in actions:
            item = _action_item(ctx, a, status=True)
            cell = item.text
            for sub in item.sub_items:
                owners = f" [*{_owners_md(sub.owners)}*]" if sub.owners else ""
                cell += f"\n• {sub.text}{owners}"
            rows.append(
                (
                    str(a.number),
                    cell,
                    _owners_md(item.owners),
                    escape_inline(item.due or ""),
                    item.status or "",
                )
            )
        out.append(
            Table(("No.", "Action", "Lead", "Due", "Status"), tuple(rows), (7, 41, 17, 15, 15))
        )
    else:
        out.append(Paragraph("No follow-up actions were recorded at this meeting."))
    out.append(Heading("Review of previous actions"))
    if d.previous_id is None:
        out.append(Paragraph("There was no previous meeting in this series to review."))
    elif not d.previous_actions:
        out.append(Paragraph("The previous meeting recorded no follow-up actions."))
    else:
        rows = []
        for a in sorted(d.previous_actions, key=lambda a: a.number):
            latest = a.updates[-1] if a.updates else None
            status = status_words(latest.status if latest else a.status)
            progress = ctx.note(latest.text) if latest else ""
            if latest and progress and latest.meeting_date and latest.meeting_id != d.id:
                progress = f"{progress} ({escape_inline(long_date(latest.meeting_date))})"
            rows.append(
                (
                    f"{a.number}. {ctx.note(a.text)}",
                    _owners_md(ctx.owners(a.owners)),
                    status,
                    progress or "—",
                )
            )
        out.append(
            Table(("Action point", "Lead", "Status", "Progress"), tuple(rows), (35, 16, 17, 32))
        )
    if (nxt := _next_meeting(ctx)) is not None:
        out += [Heading("Next meeting"), Paragraph(nxt)]
    return out
