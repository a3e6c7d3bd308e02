"""The top of a record: body, title, session, date, time, place, chair, style. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from minutes_tui.domain.vocabulary import SENSITIVITIES, STYLE_WORDS, Sensitivity, Style
from minutes_tui.importer import languages, record_words
from minutes_tui.importer.blocks import Block
from minutes_tui.importer.dates import find_date, find_time_range, is_date_line

_STYLE_LINES: dict[str, Style] = {
    **STYLE_WORDS,
    "summary record": "summary",
    "workplan progress report": "workplan",
    "management response plan": "response-plan",
    "minutes": "minutes",
}
_SESSION_RE = re.compile(r"(?i)session\s+([IVXLC]+|[0-9]+)")
_MINUTES_TITLE_RE = re.compile(r"(?i)^minutes\s*[-–—:]\s*(.+)$")
_FIELD_RE = re.compile(
    r"(?i)^(chair|chairs|co-chairs?|chaired by|time|date|updated|as of|place|venue|location"
    r"|participants"
    r"|attendees|rapporteur|legend|body)\s*:\s*(.*)$",
    re.S,
)
# "The SAG met on 16 July 2020 to discuss", "a meeting held on Thursday, 9 July 2020"
_PROSE_DATE_RE = re.compile(
    r"(?i)\b(met|meeting|convened|held|took place|gathered)\b[^.;]{0,60}?\bon\s+(?=\S)"
)
_VIRTUAL_RE = re.compile(r"(?i)\b(virtual|videoconference|video conference|online|zoom|teams)\b")


@dataclass
class Header:
    title: str | None = None
    body: str | None = None
    session: str | None = None
    date: object = None  # dt.date
    start_time: str | None = None
    end_time: str | None = None
    place: str | None = None
    chair: str | None = None
    style: Style | None = None
    sensitivity: Sensitivity | None = None
    introduction: list[str] = field(default_factory=list)
    recognised: list[str] = field(default_factory=list)  # what each header line was read as
    # the words of header lines read into fields: labels, a style line, a weekday
    structure: list[str] = field(default_factory=list)

    def note(self, what: str, value: object) -> None:
        self.recognised.append(f"{what}: {value}")


def _field(header: Header, key: str, value: str) -> bool:
    key = key.casefold()
    value = value.strip()
    if key in ("chair", "chairs", "co-chair", "co-chairs", "chaired by"):
        header.chair = value.rstrip(".")
        header.note("chair", header.chair)
    elif key == "time":
        if (t := find_time_range(value)) is not None:
            header.start_time, header.end_time = t
            header.note("time", value)
    elif key in ("date", "updated", "as of"):
        if (d := find_date(value)) is not None:
            header.date = d[0]
            header.note("date", d[0])
    elif key in ("place", "venue", "location"):
        header.place = value.rstrip(".")
        header.note("place", header.place)
    elif key == "body":
        header.body = value
    # participants: "see list below", rapporteur, legend: recognised, nothing to keep
    return True


def title_index(blocks: list[Block]) -> int:
    """The title: a Word "Title", else a first-level Markdown heading, else the first
    plain paragraph."""
    for test in (
        lambda b: b.style == "Title",
        lambda b: b.kind == "heading" and b.level == 1,
        lambda b: b.kind in ("para", "heading") and _plain(b) and not is_header_line(b.text),
    ):
        found = next((n for n, b in enumerate(blocks[:12]) if test(b)), None)
        if found is not None:
            return found
    return -1


def read_header(blocks: list[Block], title_at: int) -> Header:
    """Read the blocks at the top of a record (all before the body starts)."""
    header = Header()
    for n, block in enumerate(blocks):
        text = block.text.strip()
        if n == title_at:
            _title(header, text)
        elif not _known_line(header, block) and text:
            if n < title_at and header.body is None:
                header.body = text
                header.note("body", text)
            elif _VIRTUAL_RE.search(text) and header.place is None and len(text) < 60:
                header.place = "Virtual" if "virtual" in text.casefold() else text
                header.note("place", header.place)
            else:
                header.introduction.append(text)
                header.note("introduction", text[:60])
    return header


def is_header_line(text: str) -> bool:
    """A session, a date, a record style or a sensitivity on a line of its own."""
    text = text.strip(" .*")
    return bool(
        _SESSION_RE.fullmatch(text)
        or is_date_line(text)
        or _style_line(text) is not None
        or _sensitivity(text) is not None
    )


def _sensitivity(text: str) -> Sensitivity | None:
    """'INTERNAL · DRAFT', and this tool's own 'INTERNE · PROJET' in a French record."""
    label = text.strip("* ").split(" · ")[0].strip()
    for said in (label.upper(), languages.english(label)):
        if said in SENSITIVITIES:
            return SENSITIVITIES[SENSITIVITIES.index(said)]
    return None


def _style_line(text: str) -> Style | None:
    """'Summary Record', and this tool's own 'Compte rendu analytique' in a French record."""
    said = text.casefold().strip(" .")
    own = languages.english(text)
    return _STYLE_LINES.get(said) or (_STYLE_LINES.get(own.casefold()) if own else None)


def _plain(block: Block) -> bool:
    return (
        bool(block.text)
        and block.lead is None
        and not _FIELD_RE.match(block.text)
        and languages.label_line(block.text) is None
    )


def _known_line(header: Header, block: Block) -> bool:
    if known := _read_known(header, block):
        header.structure.append(f"{block.lead or ''} {block.text}")
    return known


def _read_known(header: Header, block: Block) -> bool:
    text = block.text.strip()
    if block.lead and _FIELD_RE.match(f"{block.lead}: {block.text}"):
        return _field(header, block.lead, block.text)
    if (m := _FIELD_RE.match(text)) is not None:
        return _field(header, m.group(1), m.group(2))
    if block.lead and (key := languages.label(block.lead)) is not None:  # "**Lieu :** Goma"
        return _field(header, key, block.text)
    if (got := languages.label_line(text)) is not None:  # "Présidence : Mme Awa Traoré (HCR)"
        return _field(header, *got)
    if (sensitivity := _sensitivity(text)) is not None:
        header.sensitivity = sensitivity
        header.note("sensitivity", header.sensitivity)
        return True
    if (style := _style_line(text)) is not None:
        header.style = style
        header.note("style", header.style)
        return True
    if (m := _SESSION_RE.fullmatch(text.strip(" ."))) is not None:
        header.session = f"Session {m.group(1).upper()}"
        header.note("session", header.session)
        return True
    if (d := is_date_line(text)) is not None:
        header.date = d
        header.note("date", d)
        return True
    return False


def prose_date(text: str) -> dt.date | None:
    """The date a paragraph says the meeting met on, when it says so."""
    own = languages.words().met_on  # "La réunion s'est tenue le 12 mars 2024"
    said = [*_PROSE_DATE_RE.finditer(text), *(re.finditer(own, text, re.I) if own else ())]
    for m in said:
        got = find_date(text[m.end() : m.end() + 40])
        if got is not None and got[1].start() <= len("Wednesday, "):
            return got[0]
    return None


def _title(header: Header, text: str) -> None:
    own = record_words.minutes_title(languages.current())  # "Procès-verbal - …"
    if (m := _MINUTES_TITLE_RE.match(text) or (own.match(text) if own else None)) is not None:
        header.style = header.style or "minutes"
        header.structure.append(text[: m.start(1)])
        text = m.group(1)
    if (d := find_date(text)) is not None and d[1].end() >= len(text.rstrip(" .")) - 1:
        header.date = header.date or d[0]
        header.structure.append(text[d[1].start() :])
        text = text[: d[1].start()].rstrip(" ,،-–—")  # "محضر - …، 12 مارس 2024"
    header.title = text.strip()
    header.note("title", header.title)
