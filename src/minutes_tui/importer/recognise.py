"""Blocks of a record → a meeting header and the capture lines that rebuild it.

Nothing is dropped: a paragraph the recogniser cannot place is kept as a plain point and
listed in `unplaced`. Pure: the lines are replayed by the caller through a CaptureSession.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from minutes_tui.domain.header import MeetingHeader
from minutes_tui.domain.language import Language
from minutes_tui.domain.vocabulary import ActionStatus
from minutes_tui.importer import languages
from minutes_tui.importer.actions import action_line, review_line, sub_line
from minutes_tui.importer.blocks import Block
from minutes_tui.importer.cells import unhtml
from minutes_tui.importer.earlier import EarlierAction
from minutes_tui.importer.finish import finish, next_line
from minutes_tui.importer.header import Header, prose_date, read_header, title_index
from minutes_tui.importer.people import Known, role_of, split_people
from minutes_tui.importer.sections import (
    FURNITURE_RE,
    RECOMMENDATION_RE,
    SENTENCE_END,
    item_line,
    looks_like_heading,
    numbered_headings,
    opens_section,
    section_of,
    starts_body,
)
from minutes_tui.importer.tables import read_table

_ROLE_LIST_RE = re.compile(
    r"(?i)^([\w -]{0,30}\b(presenters?|secretariat|observers?|co-chairs?))\s*:?$"
)
_DECISION_LEADS = {"decision", "decisions", "agreed", "the meeting agreed", "agreement"}
_KEY_LEADS = {"key message", "key messages"}
_PREVIOUS_RE = re.compile(r"(?i)^action\s+([0-9]{1,3})\s*(\(previous meeting\))?$")
_NEXT_RE = re.compile(r"(?i)^(the\s+)?next\s+meeting\b")
_OWNER_END_RE = re.compile(r"\[[^\[\]]{2,60}\]\s*$")
_PAGE_RE = re.compile(r"(?i)[\W_]*(page\s+)?[0-9]{1,4}(\s+of\s+[0-9]{1,4})?[\W_]*")
_PERIOD_RE = re.compile(r"(?i)^(reporting period|report period|period covered)\s*:\s*\S")


@dataclass
class Recognised:
    header: MeetingHeader
    lines: list[str]
    statuses: list[tuple[int, ActionStatus, str]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # "line 12: text", kept as plain points
    notes: list[str] = field(default_factory=list)  # what the header was read as, doubts
    # words read as structure, not content: a table's header row, a section's heading
    structure: list[str] = field(default_factory=list)
    sha256: str = ""  # of the bytes read (set by the reader): what "imported before" compares
    # rows of a previous-actions table, stored as carried actions unless the store holds
    # them (`import_record` matches them: `importer.earlier`)
    earlier: list[EarlierAction] = field(default_factory=list)
    # the record's language, told from its fixed words ("Points d'action", "Échéance"):
    # the imported meeting's language (its record's fixed words and dates)
    language: Language = "en"


@dataclass
class _State:
    known: Known
    year: int | None
    mode: str = "body"
    role: str | None = None
    actions: int = 0
    heading_form: str | None = None
    out: list[tuple[str, str, Block | None]] = field(default_factory=list)  # (kind, text, src)
    participants: list[str] = field(default_factory=list)
    statuses: list[tuple[int, ActionStatus, str]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    structure: list[str] = field(default_factory=list)
    earlier: list[EarlierAction] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    next_text: list[str] = field(default_factory=list)
    last_heading: int = -1  # index in out of the last /i line (for a presenter line)

    def emit(self, line: str, src: Block | None = None, kind: str = "line") -> None:
        self.out.append((kind, line, src))

    def keep(self, b: Block, why: str) -> None:
        self.emit(b.text, b, "point")
        self.unplaced.append(f"{b.where()}: {why}: {b.text[:100]}")


def recognise(blocks: list[Block], body: str | None = None) -> Recognised:
    """The meeting a record's blocks make, read with the fixed words of its language."""
    language = languages.detect(_fixed_word_candidates(blocks))
    with languages.reading(language):
        rec = _recognise(blocks, body)
    rec.language = language
    # the meeting's language (MeetingHeader.language, meeting.language: issue 28's data)
    rec.header = rec.header.model_copy(update={"language": language})
    if language != "en":
        rec.notes.append(f"language: {language} (from the record's headings and labels)")
    return rec


def _fixed_word_candidates(blocks: list[Block]) -> list[str]:
    """The short texts of a record where its fixed words are: headings, labels, lead-ins,
    table cells."""
    out: list[str] = []
    for b in blocks:
        if b.kind == "table":
            out += [c for row in b.rows for c in row if 0 < len(c) <= 40]
            continue
        out += [t for t in (b.lead, b.text[:60] if len(b.text) <= 80 else b.text[:20]) if t]
    return out


def _recognise(blocks: list[Block], body: str | None) -> Recognised:
    blocks = numbered_headings(unhtml(blocks))
    title_at = title_index(blocks)
    split = next((n for n, b in enumerate(blocks) if n > title_at and starts_body(b)), len(blocks))
    header = read_header(blocks[:split], title_at)
    if header.date is None:  # "… met on 16 July 2020 to discuss …"
        for b in blocks[title_at + 1 : title_at + 4]:
            if (d := prose_date(b.text)) is not None:
                header.date = d
                header.note("date (in prose)", d)
                break
    extra_intro = header.introduction[1:]
    state = _State(Known(), header.date.year if isinstance(header.date, dt.date) else None)
    state.intro = header.introduction[:1]
    state.structure += header.structure
    for text in extra_intro:  # only the first short paragraph under the title introduces
        if _PERIOD_RE.match(text):  # "Reporting period: …", a labelled paragraph
            label, _, rest = text.partition(":")
            state.emit(f"/l {label.strip()}: {rest.strip()}")
        else:
            state.emit(text, None, "point")
    first_body = True
    for b in blocks[split:]:
        if (
            first_body
            and b.kind == "para"
            and not b.lead
            and not state.intro
            and header.style == "minutes"
            and not looks_like_heading(b)
            and section_of(b.text) is None
        ):
            state.intro.append(b.text)  # the minutes style puts it under the header
            first_body = False
            continue
        first_body = False
        _block(state, b)
    for p in state.participants:
        state.known.add_participant_line(p)
    if header.chair:  # "Ms. Haddad stressed …": the chair speaks too, named in the header
        state.known.add_participant_line(f"/p {header.chair}")
    lines = [*state.participants, *finish(state.out, state.known, state.notes)]
    if state.next_text:
        lines.append(next_line(" ".join(state.next_text), state.year))
    meeting = _meeting_header(header, body, state)
    return Recognised(
        meeting,
        lines,
        state.statuses,
        state.unplaced,
        header.recognised + state.notes,
        state.structure,
        earlier=state.earlier,
    )


# A title that is only a coordination body's name and "(Coordination) Meeting": the name,
# capitalised words ending in the kind of body, is the body (never a guess from prose)
_BODY_MEETING_RE = re.compile(
    r"(?:The\s+)?((?:[A-Z][\w&'’-]*\s+){1,5}(?:Sub-[Cc]luster|Cluster|Working Group|Sector|"
    r"Task Force|Area of Responsibility))\s+(?:[Cc]oordination\s+)?[Mm]eeting"
)


def _meeting_header(h: Header, body: str | None, state: _State) -> MeetingHeader:
    title = h.title or "Untitled record"
    if body is None:
        body = h.body
        if body is None and (m := re.search(r"\(([A-Z][A-Za-z0-9-]{1,15})\)", title)):
            body = m.group(1)
        elif body is None and (m := _BODY_MEETING_RE.fullmatch(title.strip())):
            body = m.group(1)  # "Shelter Cluster Coordination Meeting": the cluster's own
        elif body is None:
            body = languages.body_in_title(title)  # "… de la réunion du Cluster Protection"
    if not isinstance(h.date, dt.date):
        state.notes.append("no date found: the meeting is stored without one")
    intro = "\n\n".join(state.intro) or None
    # set only when the record says it: else the configured default applies (header.py)
    said: dict[str, str] = {"sensitivity": h.sensitivity} if h.sensitivity else {}
    return MeetingHeader(
        title=title,
        body=body,
        session=h.session,
        date=h.date if isinstance(h.date, dt.date) else None,
        start_time=h.start_time,
        end_time=h.end_time,
        place=h.place,
        chair=h.chair,
        style=h.style or "summary",
        introduction=intro,
        heading_form="session" if state.heading_form == "session" else None,
        **said,  # type: ignore[arg-type]
    )


def _block(state: _State, b: Block) -> None:
    if b.kind == "table":
        t = read_table(b.rows, state.mode == "review", state.mode == "participants", state.actions)
        target = state.participants if t.kind == "participants" else None
        for line in t.lines:
            (target.append(line) if target is not None else state.emit(line, b))
        state.actions += sum(1 for line in t.lines if line.startswith("/a "))
        state.statuses += t.statuses
        state.structure += t.structure
        state.earlier += t.earlier
        state.unplaced += [f"{b.where()}: table row kept as a point: {u[:100]}" for u in t.unplaced]
        return
    text = b.text.strip()
    section = opens_section(b)
    if b.kind == "heading" or looks_like_heading(b):
        if state.mode == "actions" and b.kind == "para" and (b.bold or b.italic) and not section:
            state.emit(f"/g {text}", b)  # a topic over the actions: ***LOCALIZATION***
            return
        _heading(state, b, section)
        return
    if section is not None and section != "register":
        state.mode, state.role = section, None
        state.structure.append(text or b.lead or "")  # "Follow-up actions:": a section
        return
    alone = b.lead if b.lead and not b.text else (text if not b.lead else "")
    if b.kind == "para" and (m := _ROLE_LIST_RE.match(alone)) is not None:
        state.mode, state.role = "participants", role_of(m.group(1))  # "Presenters:"
        state.structure.append(alone)
        return
    handler = {"participants": _person, "next": _next, "intro": _intro}.get(state.mode)
    if handler is not None:
        handler(state, b)
        return
    if b.kind == "item":
        _list_item(state, b)
    else:
        _para(state, b)


def _heading(state: _State, b: Block, section: str | None) -> None:
    if section == "register":
        state.mode = "body"
        state.structure.append(b.text)
        return
    line, session = item_line(b.text)
    state.heading_form = "session" if session else state.heading_form
    numbered = not line.startswith("/i - ")
    if numbered:  # "1. Review of action points" is an item; "4. Next Meeting" is not
        section = section_of(line.split(" ", 2)[-1])
    if section == "next" or (section is not None and not numbered):
        state.mode, state.role = section, None
        state.structure.append(b.text)  # a section's heading: its content follows
        return
    state.mode, state.role = (
        section if section in ("review", "actions", "decisions") else "body",
        None,
    )
    state.emit(line, b)
    state.last_heading = len(state.out) - 1


def _para(state: _State, b: Block) -> None:
    if not b.lead and (got := languages.plain_lead(b.text)) is not None:
        b = dataclasses.replace(b, lead=got[0], text=got[1])  # "Décision : …" not in bold
    lead = (b.lead or "").casefold()
    full = f"{b.lead}: {b.text}" if b.lead else b.text
    if RECOMMENDATION_RE.match(full) is not None:  # "Recommendation 13.4.1: …" heads an item
        state.emit(f"/i - {' '.join(full.split())}", b)
        state.last_heading = len(state.out) - 1
        state.mode = "body"
        return
    if _PERIOD_RE.match(full) and not b.lead:  # "Reporting period: …", kept as it is labelled
        label, _, rest = full.partition(":")
        state.emit(f"/l {label.strip()}: {rest.strip()}", b)
        return
    if b.lead:
        if (m := _PREVIOUS_RE.match(b.lead)) is not None:
            line, ok = review_line(int(m.group(1)), b.text)
            state.emit(line if ok else f"\\{b.lead}: {b.text}", b)
            if not ok:
                state.unplaced.append(f"{b.where()}: review without a status: {b.text[:80]}")
            return
        if lead in _DECISION_LEADS:
            state.emit(f"/d {b.text}", b, "decision")
        elif lead in _KEY_LEADS:
            state.emit(f"/k {b.text}", b, "key")
        elif languages.is_decision(lead):  # "Décision :", "Acuerdo:", "القرار:"
            state.emit(f"/d {b.text}", b, "decision")
            state.structure.append(b.lead)  # the entry's kind says it
        elif languages.is_key_message(lead):
            state.emit(f"/k {b.text}", b, "key")
            state.structure.append(b.lead)
        else:
            state.emit(f"/l {b.lead}: {b.text}", b)
        return
    if _NEXT_RE.match(b.text) or languages.opens_next_meeting(b.text):
        state.next_text.append(b.text)
        return
    if state.mode == "decisions":  # the paragraphs under "Décisions", "Acuerdos"
        state.emit(f"/d {b.text}", b, "decision")
        return
    if state.mode == "actions" and _OWNER_END_RE.search(b.text):  # a bullet lost in a PDF
        state.actions += 1
        state.emit(action_line(b.text, state.year), b, "action")
        return
    if state.mode == "actions" and b.italic:
        state.emit(f"/g {b.text}", b)
        return
    if (
        state.last_heading == len(state.out) - 1
        and state.last_heading >= 0
        and _presenter_line(state, b.text)
    ):
        kind, line, src = state.out[state.last_heading]
        state.out[state.last_heading] = (kind, f"{line} | presenter: {b.text.strip()}", src)
        return
    if (
        _PAGE_RE.fullmatch(b.text)
        or FURNITURE_RE.match(b.text.strip())
        or languages.is_furniture(b.text)
    ):
        state.emit(f"\\{b.text.strip()}", b)  # as printed: "DRAFT – …" names no speaker
        state.unplaced.append(f"{b.where()}: page furniture, kept as a point: {b.text[:100]}")
    elif len(b.text) < 60 and not b.text.rstrip().endswith(SENTENCE_END):
        state.keep(b, "a short line kept as a point (a heading?)")
    else:
        state.emit(b.text, b, "point")


def _presenter_line(state: _State, text: str) -> bool:
    """'Mathew Richard (Information Management Officer) UNHCR' under an item's title."""
    t = text.strip()
    if len(t) > 120 or t.endswith((".", ":", ";")):
        return False
    last = t.split()[-1] if t.split() else ""
    return last in state.known.organisations or bool(re.fullmatch(r"[A-Z][A-Z0-9-]{1,10}", last))


def _list_item(state: _State, b: Block) -> None:
    if state.mode == "actions":
        if b.level == 0:
            state.actions += 1
            if b.number is not None and b.number != state.actions:
                state.notes.append(
                    f"{b.where()}: action {b.number} in the record is stored as action "
                    f"{state.actions} (actions are numbered in order across the meeting)"
                )
            state.emit(action_line(b.text, state.year), b, "action")
        else:
            state.emit(sub_line(b.text, state.year), b, "sub")
        return
    if state.mode == "review" and b.lead and (m := _PREVIOUS_RE.match(b.lead)):
        line, ok = review_line(int(m.group(1)), b.text)
        state.emit(line if ok else f"\\{b.lead}: {b.text}", b)
        return
    if state.mode in ("discussion", "decisions") or b.lead:
        _para(state, b)
        return
    marker = f"{b.number or 1})" if b.numbered else "-"
    state.emit(f"{'  ' * b.level}{marker} {b.text}", b)


def _person(state: _State, b: Block) -> None:
    people = split_people(b.text if not b.lead else f"{b.lead}: {b.text}")
    honorific = r"(Mr|Ms|Mrs|Dr|Prof|H\.E)\b"
    if own := languages.honorifics():  # "Mme", "Sra.", "السيدة"
        honorific += f"|({own})\\s"
    role = f" ({state.role})" if state.role else ""
    org, colon, rest = people[0].partition(":") if people else ("", "", "")
    if colon and 0 < len(org.strip()) <= 60 and re.match(honorific, rest.strip()):
        # "HCR : Mme Claire Martin ; M. Jean Dupont": an organisation's line
        named = "; ".join([rest.strip(), *people[1:]])
        state.participants.append(f"/p {org.strip()}: {named}{role}")
        return
    if not people or not any(re.match(honorific, p) for p in people):
        state.keep(b, "not read as a participant")
        return
    state.participants += [f"/p {p}{role}" for p in people]


def _next(state: _State, b: Block) -> None:
    state.next_text.append(b.text)


def _intro(state: _State, b: Block) -> None:
    state.intro.append(b.text)
