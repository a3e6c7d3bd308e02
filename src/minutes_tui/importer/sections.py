"""Where a record's structure is: the sections it names ("Follow-up actions", "Status of
previous action points"), headings typed as text (capitals, bold, "1. Update on the
response"), and the agenda item line a heading becomes. Pure."""

from __future__ import annotations

import re

from minutes_tui.importer import languages
from minutes_tui.importer.blocks import Block
from minutes_tui.importer.dates import western_digits
from minutes_tui.importer.header import is_header_line

_SECTIONS = [
    ("intro", re.compile(r"introduction")),
    (
        "actions",
        re.compile(
            r"(follow[- ]?up actions?|action points?|action items?|(agreed )?actions?( agreed)?"
            r"|(agreed )?next steps)"
        ),
    ),
    (
        # the earlier meeting's actions and where they stand: reviews, not new actions
        "review",
        re.compile(
            r"review of (the )?(previous )?actions?( points)?( from .*)?"
            r"|((review|status|follow[- ]?up|update|progress)( of| on)? (the )?)?"
            r"(previous|past|earlier|last) (meeting'?s? )?actions?( points?| items?)?( from .*)?"
        ),
    ),
    (
        "participants",
        re.compile(r"(annex:?\s*)?((list of )?participants?( list)?|attendance|attendees)"),
    ),
    ("next", re.compile(r"next meeting.*")),
    ("discussion", re.compile(r"discussions?")),
    ("decisions", re.compile(r"decisions( taken)?|agreed decisions")),
    ("register", re.compile(r"progress by priority area|workplan progress")),
]
_SESSION_HEAD_RE = re.compile(r"(?i)^session\s+([0-9]+(?:\.[0-9]+)*)\s*[:.–—-]\s*(.+)$")
_NUMBER_HEAD_RE = re.compile(
    r"(?i)^(?:item\s+)?([0-9]{1,3}(?:\.[0-9]{1,3})*)\.?\s*[:.)–—-]?\s+(\S.*)$"
)
_AOB_RE = re.compile(r"(?i)^(aob|any other business)\b[\s:.–—-]*(.*)$")
SENTENCE_END = (".", "!", "?", ";", ")", '"', "”")
RECOMMENDATION_RE = re.compile(r"(?i)^recommendation\s+([0-9]+(?:\.[0-9]+)*)\s*:\s*(.*)$", re.S)
# page furniture: a footer's "DRAFT", "Page 2 of 5" (never an agenda item)
FURNITURE_RE = re.compile(r"(?i)^(draft|final draft|page\s+[0-9]+(\s+of\s+[0-9]+)?)\b.{0,40}$")


def section_of(text: str) -> str | None:
    t = text.casefold().strip(" :*.")
    own = languages.english(text)  # "Actions de suivi :": this tool's record, in French
    for said in (t, own.casefold().strip(" :*.") if own else None):
        for name, regex in _SECTIONS if said else ():
            if regex.fullmatch(said or ""):
                return name
    return languages.section(text)  # "Points d'action" in a French record


def looks_like_heading(b: Block) -> bool:
    """A paragraph that is a heading typed as text: ALL CAPS, or wholly bold, short."""
    t = b.text.strip()
    if b.kind != "para" or b.lead or not t or len(t) > 120 or t.endswith((".", ";", ",")):
        return False
    if FURNITURE_RE.match(t) or languages.is_furniture(t):
        return False
    letters = [c for c in t if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and not t.endswith(":"):
        return True
    return b.bold and not b.italic and not t.endswith(":")


def opens_section(b: Block) -> str | None:
    """The section a block opens: a heading, a bold lead-in alone ("**DISCUSSION:**"), a
    line ending in a colon ("Follow-Up Actions:") or a short line ("Agreed next steps")."""
    if b.kind not in ("heading", "para"):
        return None
    if b.lead is not None:
        return section_of(b.lead) if not b.text else None
    text = b.text.strip()
    if b.kind == "heading" or looks_like_heading(b) or text.endswith(":") or len(text) <= 40:
        return section_of(text)
    return None


def starts_body(b: Block) -> bool:
    """An agenda item, the introduction, a long paragraph, a table, a list, a section
    ("Action Points") or a recommendation starts the body."""
    if b.kind in ("table", "heading", "item") or len(b.text) > 300:
        return True
    alone = b.text if not b.lead else (b.lead if not b.text else None)  # not "Chair: X"
    if RECOMMENDATION_RE.match(b.text) or section_of(alone or "") not in (None, "intro"):
        return True
    return (
        not is_header_line(b.text)
        and looks_like_heading(b)
        and section_of(b.text) in (None, "intro")
    )


def item_line(text: str) -> tuple[str, bool]:
    """A heading → its `/i` line, and whether it was written "SESSION 7.1: …"."""
    text = text.strip().strip("*").strip()
    if (m := _SESSION_HEAD_RE.match(text)) is not None:
        return f"/i {m.group(1)} {m.group(2).strip()}", True
    if (m := _AOB_RE.match(text)) is not None:
        return f"/i AOB {m.group(2)}".rstrip(), False
    if (m := _NUMBER_HEAD_RE.match(western_digits(text))) is not None:  # "٢. …" is item 2
        return f"/i {m.group(1)} {text[m.start(2) :].strip()}", False
    return f"/i - {text}", False


def _title_like(b: Block) -> bool:
    """A numbered top-level line that reads as a title: short, capitalised, no sentence,
    no owner in brackets ("1. Share the 4W [UNHCR]" is an action)."""
    if b.kind != "item" or not b.numbered or b.number is None or b.level or b.lead:
        return False
    t = b.text.strip()
    return not (
        len(t) > 80 or t.endswith((*SENTENCE_END, ":", ",")) or "[" in t or not t[:1].isupper()
    )


def numbered_headings(blocks: list[Block]) -> list[Block]:
    """Numbered lines that are the record's headings, not a list (text from a PDF or typed
    as text): "1. Localization" alone between paragraphs; "2. Follow-up actions" (a
    section's name) over its bullets; and a run "1. …", "2. …", "3. …" numbered in turn,
    none next to another, one at least over a paragraph or a table, the rest over bullets.
    Never under "Follow-up actions" (numbered actions), never a sentence."""
    out = list(blocks)
    for run in _runs(blocks):
        first = run[0]
        before = blocks[first - 1] if first else None
        if before is not None and section_of(before.lead or before.text) is not None:
            continue
        over_content = any(_over_content(blocks, n) for n in run)
        for n in run:
            named = section_of(blocks[n].text) not in (None, "intro")
            alone = not _is_item(blocks, n - 1) and not _is_item(blocks, n + 1)
            if named or alone or (len(run) > 1 and over_content):
                b = blocks[n]
                out[n] = Block("heading", f"{b.number} {b.text.strip()}", level=2, line=b.line)
    return out


def _runs(blocks: list[Block]) -> list[list[int]]:
    """Title-like numbered lines in runs numbered in turn (1, 2, 3), none right after
    another numbered line (two together are a list)."""
    runs: list[list[int]] = []
    for n, b in enumerate(blocks):
        if not _title_like(b):
            continue
        above = blocks[n - 1] if n else None
        if above is not None and above.kind == "item" and above.numbered and not above.level:
            if runs and runs[-1][-1] == n - 1:
                runs[-1].pop()  # its neighbour too: the two are a list
                runs = [r for r in runs if r]
            continue
        last = blocks[runs[-1][-1]] if runs else None
        if last is not None and last.number is not None and b.number == last.number + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def _is_item(blocks: list[Block], n: int) -> bool:
    return 0 <= n < len(blocks) and blocks[n].kind == "item"


def _over_content(blocks: list[Block], n: int) -> bool:
    """Is the block after `n` a paragraph or a table (what a heading stands over)?"""
    return n + 1 < len(blocks) and blocks[n + 1].kind in ("para", "table")
