"""What every record style shares: the builder's context and the pieces of a meeting
(notes, attributions, actions, reviews, item titles) as record text.

Pure: reads only the snapshot it is given, never the database.

- An attributed point reads as the speaker followed by the text: "UNHCR raised five
  points…" when the text starts in lower case, "WHO: The sector…" otherwise.
- Decisions and key messages lead with bold "Decision:" / "Key message:"; a labelled
  paragraph (`/l Management Response: …`) leads with its own label in bold, in every style.
- A group line (`/g TITLE`) is never narrative: it only names the group of the actions
  typed after it; styles that show groups do so as headings or table rows.
- A note's first line is always a paragraph (a point that starts with "# ", "1. " or "- "
  stays text); later lines of a multi-line note that start with "- " or "1. " are a list.
- Redaction replaces personal names with the person's organisation, else their role,
  else "a participant", everywhere text reaches the record: every plain text through the
  `Redactor` (record/redact.py), every speaker, owner and the rapporteur through its
  `attribution`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from minutes_tui.domain.snapshot import (
    ActionData,
    EntryData,
    ItemData,
    MeetingData,
    ReviewData,
)
from minutes_tui.domain.vocabulary import heading_depth
from minutes_tui.record.marks import entry_mark, marked
from minutes_tui.record.model import (
    ActionItem,
    ActionList,
    Block,
    BulletList,
    NumberedList,
    Paragraph,
    SubItem,
    TitleBlock,
    escape_inline,
)
from minutes_tui.record.notes import autolink, note_blocks
from minutes_tui.record.redact import Redactor
from minutes_tui.record.speakers import find_person, spelled_like
from minutes_tui.record.words import N_, Words, words_for

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


# Due phrases that read on their own, without a leading "by" (in any record language: a
# due phrase is kept as typed, in whatever language it was typed).
_DUE_WORDS = {"by", "before", "until", "till", "within", "on", "in", "during", "after", "asap"}
_DUE_WORDS |= {"ongoing", "immediately", "continuous", "continuing", "tbd", "tbc", "n/a"}
_DUE_WORDS |= {"avant", "d'ici", "dici", "pour", "jusqu'au", "jusqu'à", "dès", "en", "au"}
_DUE_WORDS |= {"continu", "immédiatement", "permanent"}
_DUE_WORDS |= {"antes", "para", "hasta", "durante", "dentro", "desde", "continuo", "inmediato"}
_DUE_WORDS |= {"قبل", "بحلول", "خلال", "حتى", "في", "مستمر", "فورا", "فوراً"}


def due_words(action: ActionData, words: Words | None = None) -> str | None:
    """'by 31 August 2020', 'd'ici le 31 août 2020'; a phrase typed as it reads."""
    words = words or words_for("en")
    if action.due_date is not None:
        return words("by {date}").format(date=words.long_date(action.due_date))
    text = clean_text(action.due_text).strip()
    if not text:
        return None
    first = text.split(maxsplit=1)[0].casefold().rstrip(".,:;")
    return text if first in _DUE_WORDS else words("by {when}").format(when=text)


@dataclass
class Text:
    """Text on its way into a record: cleaned, and without personal names when redacting."""

    redactor: Redactor | None
    words: Words = field(default_factory=lambda: words_for("en"), kw_only=True)

    def plain(self, text: str | None) -> str:
        """Plain text, cleaned and (when redacting) without personal names."""
        text = clean_text(text)
        return self.redactor(text) if self.redactor and text else text

    def md(self, text: str | None) -> str:
        """Plain text as inline Markdown."""
        return escape_inline(self.plain(text))

    def note(self, text: str | None) -> str:
        """User-typed Markdown, cleaned and redacted, bare web addresses made links."""
        return autolink(self.plain(text).strip())

    def owners(self, owners: Iterable[str]) -> tuple[str, ...]:
        return tuple(o for o in (self.attribution(x) for x in owners) if o)

    def attribution(self, text: str | None) -> str:
        """A speaker, an owner or the rapporteur: a whole name there is a person."""
        text = clean_text(text).strip()
        return self.redactor.attribution(text) if self.redactor and text else text


@dataclass
class Ctx(Text):
    """What a meeting's style builder reads: the meeting, the style, the redactor."""

    data: MeetingData
    style: str
    lists: dict[int, list[EntryData]] | None = None  # entry id → its list items (lazy)

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
        person = find_person(self.data.participants, speaker)
        if self.redactor is not None:
            if person is not None:
                return Redactor.label(person, self.redactor.language)
            redacted = self.redactor.attribution(speaker)
            if redacted != speaker:
                return redacted
            return org or self.redactor.fallback
        if person is not None:
            return spelled_like(person, speaker)
        return speaker


# ---- shared pieces ----------------------------------------------------------------


def meeting_time(d: MeetingData) -> str | None:
    if d.start_time and d.end_time:
        return f"{d.start_time}–{d.end_time}"
    return d.start_time or None


def details(ctx: Ctx, *, chair: bool = True) -> list[tuple[str, str]]:
    d = ctx.data
    words = ctx.words
    out: list[tuple[str, str]] = []
    if (t := meeting_time(d)) is not None:
        out.append((words("Time"), escape_inline(clean_text(t))))
    if d.place and d.place.strip():
        out.append((words("Place"), ctx.md(d.place).strip()))
    if chair and d.chair and d.chair.strip():
        out.append((words("Chair"), ctx.md(d.chair).strip()))
    return out


_LEADS = {"decision": N_("Decision:"), "key_message": N_("Key message:")}


def entry_md(ctx: Ctx, e: EntryData) -> str:
    text = ctx.note(e.text)
    speaker = ctx.speaker(e)
    if speaker:
        who = escape_inline(speaker[:1].upper() + speaker[1:])
        first = text[:1]
        text = f"{who} {text}" if first.islower() else f"{who}: {text}" if text else who
    label = ctx.plain(e.label).strip().rstrip(":").strip()
    if label:
        text = f"**{escape_inline(label)}:** {text}".rstrip()
    lead = _LEADS.get(e.kind)
    return f"**{ctx.words(lead)}** {text}" if lead else text


def one_line(md: str) -> str:
    """A note as one list item: its lines kept as line breaks."""
    return "\n".join(line.strip() for line in md.split("\n") if line.strip())


def when_words(ctx: Text, a: ActionData) -> str | None:
    """The timeframe as typed ("Q2 2021") and the due date, whichever the action has."""
    parts = [ctx.plain(a.timeframe).strip(), ctx.plain(due_words(a, ctx.words)).strip()]
    return ", ".join(p for p in parts if p) or None


def action_item(ctx: Ctx, a: ActionData, status: bool = False, ref: bool = False) -> ActionItem:
    return ActionItem(
        number=a.number,
        text=ctx.note(a.text),
        owners=ctx.owners(a.owners),
        due=when_words(ctx, a),
        status=ctx.words.status_title(a.status) if status else None,
        sub_items=tuple(
            SubItem(ctx.note(s.text), ctx.owners(s.owners), opt(ctx.plain(s.timeframe).strip()))
            for s in a.sub_items
        ),
        ref=a.ref if ref else None,
        mark=f"action:{a.id}",
    )


def grouped_actions(ctx: Ctx, actions: list[ActionData], ref: bool = False) -> list[Block]:
    """Actions as numbered lists, each run of one group under its title (in italics)."""
    out: list[Block] = []
    run: list[ActionItem] = []
    group: str | None = None
    grouped = any(ctx.plain(a.group).strip() for a in actions)
    other = ctx.words("Other actions")
    for a in actions:
        title = ctx.plain(a.group).strip() or (other if grouped else None)
        if run and title != group:
            out.append(ActionList(tuple(run)))
            run = []
        if not run and title:
            out.append(Paragraph(f"*{escape_inline(title)}*", "label"))
        group = title
        run.append(action_item(ctx, a, ref=ref))
    if run:
        out.append(ActionList(tuple(run)))
    return out


def opt(s: str | None) -> str | None:
    return s or None


def review_source(ctx: Ctx, r: ReviewData) -> str:
    """Where the reviewed action was agreed: "previous meeting", or its date and reference."""
    if ctx.data.previous_id is not None and r.action_meeting_id == ctx.data.previous_id:
        return ctx.words("previous meeting")
    agreed = ctx.words.long_date(r.action_meeting_date)
    return f"{r.ref}, {agreed}" if agreed else r.ref


def review_md(ctx: Ctx, r: ReviewData) -> str:
    """'**Action 6 (previous meeting):** Share the guidance [*MIMU*] — Completed — note'."""
    source = escape_inline(review_source(ctx, r))
    lead = "**" + ctx.words("Action {number} ({source}):").format(
        number=r.action_number, source=source
    )
    lead += "** "
    what = ctx.note(r.action_text)
    leads = ctx.owners(r.owners)
    if leads:
        what += f" [*{owners_md(leads)}*]"
    text = ctx.note(r.text)
    status = ctx.words.status_title(r.status)
    body = f"{status} — {text}" if text else status
    return f"{lead}{what} — {body}" if what else lead + body


def owners_md(owners: Iterable[str]) -> str:
    return "; ".join(escape_inline(o) for o in owners)


def item_entries(d: MeetingData, item_id: int | None) -> list[EntryData]:
    """The item's narrative entries, in typed order: group lines only name groups, and
    list lines print with the entry they continue (`entry_blocks`), so both are left out."""
    return [
        e for e in d.entries if e.item_id == item_id and e.kind != "group" and e.parent_id is None
    ]


def list_items(ctx: Ctx, entry: EntryData) -> list[EntryData]:
    """The lines typed as the next items of this entry's list, in order (one pass over the
    meeting's entries, once per record: a long meeting must not cost n² here)."""
    if ctx.lists is None:
        ctx.lists = {}
        for e in ctx.data.entries:
            if e.parent_id is not None:
                ctx.lists.setdefault(e.parent_id, []).append(e)
    return ctx.lists.get(entry.id, [])


def list_block(ctx: Ctx, items: list[EntryData]) -> list[Block]:
    """A list of typed items, numbered as the rapporteur typed them."""
    if not items:
        return []
    texts = tuple(ctx.note(e.text) for e in items)
    style, marks = items[0].list_style or "bullet", tuple(map(entry_mark, items))
    if style == "bullet":
        return [BulletList(texts, marks)]
    numbering: Literal["decimal", "roman", "alpha"] = (
        "roman" if style == "roman" else "alpha" if style == "alpha" else "decimal"
    )
    return [NumberedList(texts, 1, numbering, marks)]


def opens_list(e: EntryData) -> bool:
    """The first item of a list typed first under an item (or after a group line)."""
    return e.parent_id is None and bool(e.list_style)


def bare_label(ctx: Ctx, e: EntryData) -> Paragraph | None:
    """A label with no text (`/l DISCUSSION:`): a bold lead-in kept with what follows."""
    label = ctx.plain(e.label).strip().rstrip(":").strip()
    if not label or ctx.note(e.text).strip() or ctx.speaker(e) or e.kind != "point":
        return None
    return Paragraph(f"{escape_inline(label)}:", "label")


def entry_blocks(ctx: Ctx, e: EntryData) -> list[Block]:
    """An entry as paragraphs, followed by the list typed after it; a list that opens an
    item is one list, its first item included."""
    if opens_list(e):
        return list_block(ctx, [e, *list_items(ctx, e)])
    lead = bare_label(ctx, e)
    head = [lead] if lead is not None else marked(note_blocks(entry_md(ctx, e)), entry_mark(e))
    return head + list_block(ctx, list_items(ctx, e))


def heading_level(d: MeetingData, item: ItemData) -> int:
    """ "2.1" under a "2" of the same meeting is one level down (and "2.1.3" two)."""
    if (depth := heading_depth(item.label)) is not None:
        return min(1 + depth, 3)  # `/i -- …` a level below `/i - …`
    labels = {i.label for i in d.items if i.label}
    label = (item.label or "").strip()
    level = 1
    while "." in label:
        label = label.rpartition(".")[0]
        if label in labels:
            level += 1
    return min(level, 3)


def item_actions(d: MeetingData, item_id: int | None) -> list[ActionData]:
    return sorted((a for a in d.actions if a.item_id == item_id), key=lambda a: a.number)


def item_reviews(d: MeetingData, item_id: int | None) -> list[ReviewData]:
    return [r for r in d.reviews if r.item_id == item_id]


REVIEWS_LEAD = N_("Review of previous actions")


def _titled(d: MeetingData, item_id: int | None, *titles: str) -> bool:
    """Is the item titled one of `titles` (a new meeting of a series opens with such an
    item, in English or in the record's language)?"""
    item = next((i for i in d.items if i.id == item_id), None)
    title = clean_text(item.title if item else "").strip().rstrip(":").strip()
    return title.casefold() in {t.casefold() for t in titles}


def reviews_and_actions(
    ctx: Ctx, item_id: int | None, actions_label: str = N_("Follow-Up Actions:")
) -> list[Block]:
    d = ctx.data
    out: list[Block] = []
    reviews = item_reviews(d, item_id)
    if reviews:
        # the heading just above may say it already
        if not _titled(d, item_id, REVIEWS_LEAD, ctx.words(REVIEWS_LEAD)):
            out.append(Paragraph(ctx.words("Review of previous actions:"), "label"))
        out.append(BulletList(tuple(review_md(ctx, r) for r in reviews)))
    actions = item_actions(d, item_id)
    if actions:
        out.append(Paragraph(ctx.words(actions_label), "label"))
        out += grouped_actions(ctx, actions)
    return out


def is_numeric(label: str | None) -> bool:
    return bool(label) and re.fullmatch(r"\d+(?:\.\d+)*", label or "") is not None


def is_aob(item: ItemData) -> bool:
    label = (item.label or "").strip().casefold().replace(".", "")
    title = item.title.strip().casefold().replace(".", "")
    return label == "aob" or title in ("aob", "any other business")


def numbered_title(ctx: Ctx, item: ItemData) -> str:
    title = ctx.plain(item.title).strip()
    label = clean_text(item.label).strip()
    if not label or heading_depth(label) is not None:
        return title
    if label.isdigit():
        label += "."
    return f"{label} {title}".strip()


def next_meeting(ctx: Ctx) -> str | None:
    d = ctx.data
    parts = []
    when = ctx.words.long_date(d.next_date)
    if when and d.next_time:
        when = ctx.words("{date} at {time}").format(date=when, time=d.next_time)
    elif d.next_time:
        when = ctx.words("at {time}").format(time=d.next_time)
    text = ctx.note(d.next_text)
    if when:
        parts.append(escape_inline(when))
    if text:
        parts.append(text)
    return " — ".join(parts) if parts else None


def short_body(body: str | None) -> str:
    """The short name of a body: "IASC OPAG" → "OPAG"; "IM Network" stays whole."""
    body = clean_text(body).strip()
    words = body.split()
    if len(words) > 1 and words[-1].isupper():
        return words[-1]
    return body


def title_block(ctx: Ctx, style: str, *, session_upper: bool = False) -> TitleBlock:
    """The record's head: body, title, session, date and the document kind, then details."""
    d = ctx.data
    session = ctx.plain(d.session).strip()
    words = ctx.words
    lines = [
        session.upper() if session_upper else session,
        words.long_date(d.date),
        words.style_name(style),
    ]
    return TitleBlock(
        title=ctx.plain(d.title).strip(),
        kicker=ctx.plain(d.body).strip() or None,
        lines=tuple(x for x in lines if x),
        details=tuple(details(ctx)),
    )
