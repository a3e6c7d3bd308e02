"""A record's table of PREVIOUS action points ("Status of previous action points": Action |
Lead | Status) → reviews of the actions an earlier meeting of the body agreed, when the
store holds them; else actions carried into this meeting, said so in their comments.

The recogniser cannot see the store: it writes each row as a carried action and notes it
(`EarlierAction`); `review_earlier`, given the body's stored actions, turns the rows it
finds into `/u #ID` reviews. Pure.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from minutes_tui.domain.vocabulary import ActionStatus
from minutes_tui.importer.actions import without_due
from minutes_tui.importer.languages import reading

if TYPE_CHECKING:
    from minutes_tui.importer.recognise import Recognised

CARRIED = "carried from an earlier meeting"  # the comment a carried action is stored with
_SAME = 0.85  # how alike two action texts must be (difflib's ratio of their words)
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class EarlierAction:
    """A row of a previous-actions table, as the recogniser wrote it (`line`)."""

    line: str  # the carried action's `/a` line: what is stored when nothing matches
    text: str
    owners: tuple[str, ...]
    status: ActionStatus | None
    progress: str


class StoredAction(Protocol):
    """An action of the register (the tracker's rows are such)."""

    @property
    def id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def owners(self) -> list[str]: ...


def carried_line(text: str, owners: Sequence[str]) -> str:
    lead = f" [{'; '.join(owners)}]" if owners else ""
    return f"/a {text}{lead} | comments: {CARRIED}"


def _words(text: str) -> str:
    return " ".join(w.casefold() for w in _WORD_RE.findall(text))


def _likeness(row: EarlierAction, stored: StoredAction) -> float:
    """0 when the leads differ (both given, none shared); else how alike the texts are."""
    ours = {o.casefold() for o in row.owners}
    theirs = {o.casefold() for o in stored.owners}
    if ours and theirs and not ours & theirs:
        return 0.0
    # "Share the updated 4W by Friday" was stored as "Share the updated 4W", due Friday:
    # the row is compared as written and without its due phrase (the importer's own rule)
    theirs_text = _words(stored.text)
    return max(
        difflib.SequenceMatcher(None, _words(text), theirs_text).ratio()
        for text in {row.text, without_due(row.text)}
    )


def match(
    row: EarlierAction, stored: Sequence[StoredAction], taken: set[int]
) -> StoredAction | None:
    """The stored action this row reviews: the most alike, the newest of equals (the
    tracker lists the newest meeting first)."""
    best: StoredAction | None = None
    score = _SAME
    for action in stored:
        if action.id in taken:
            continue
        if (alike := _likeness(row, action)) >= score and (best is None or alike > score):
            best, score = action, alike
    return best


def _review(row: EarlierAction, action: StoredAction) -> str:
    """`/u #ID status progress`; the row's own words first when the stored action does not
    hold them all (a cell's words are never lost)."""
    said = _words(" ".join([row.text, *row.owners])).split()
    # "… by Friday" too: the meeting's record keeps every word of its row
    held = set(_words(" ".join([action.text, *action.owners])).split())
    progress = row.progress
    if any(w not in held for w in said):
        lead = f" [{'; '.join(row.owners)}]" if row.owners else ""
        progress = " — ".join(x for x in (f"{row.text}{lead}", progress) if x)
    words = (row.status or "").replace("_", " ")
    return " ".join(x for x in (f"/u #{action.id}", words, progress) if x)


def review_earlier(rec: Recognised, stored: Sequence[StoredAction]) -> Recognised:
    """The record with each previous-actions row the store holds as a review of it."""
    with reading(rec.language):  # a French row's "… d'ici le 1er mars" is its due phrase
        return _review_earlier(rec, stored)


def _review_earlier(rec: Recognised, stored: Sequence[StoredAction]) -> Recognised:
    lines, statuses = list(rec.lines), list(rec.statuses)
    notes = list(rec.notes)
    taken: set[int] = set()
    start = 0
    for row in rec.earlier:
        at = next((n for n in range(start, len(lines)) if lines[n] == row.line), None)
        if at is None:  # edited in the preview: the line as it now stands is stored
            continue
        start = at + 1
        action = match(row, stored, taken)
        if action is None:
            continue
        taken.add(action.id)
        nth = sum(1 for line in lines[: at + 1] if line.startswith(("/a ", "!/a ")))
        # nothing said of it: a point (its words), never the same action agreed again
        lead = f" [{'; '.join(row.owners)}]" if row.owners else ""
        said = row.status or row.progress
        lines[at] = _review(row, action) if said else f"\\{row.text}{lead}"
        statuses = [
            (n - 1 if n > nth else n, status, text) for n, status, text in statuses if n != nth
        ]
        notes.append(f"previous action reviewed, not agreed again: #{action.id} {row.text[:60]}")
    return dataclasses.replace(rec, lines=lines, statuses=statuses, notes=notes)
