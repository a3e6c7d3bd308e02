"""The capture grammar as the app teaches it: one example per form (help, palette, placeholder).

Data only: the grammar itself is capture/; this is what the help screen shows, what the
palette's "Add decision", "New agenda item"… entries put in the capture line, and the hints
the empty capture line shows in turn.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from minutes_tui.domain.translate import N_, _


class Form(NamedTuple):
    command: str  # what the palette puts in the capture line
    palette: str  # the palette entry ("" when the palette has none)
    example: str
    meaning: str


GRAMMAR = [
    Form("", "", "The board agreed to meet monthly.", N_("a discussion point")),
    Form("", "", "UNHCR: registration is complete.", N_("a point by a speaker (or @Jamal text)")),
    Form("/i ", N_("New agenda item"), "/i 7.2 Results Group 3 update", N_("a new agenda item")),
    Form("", "", "/i AOB", N_("any other business")),
    Form("", "", "/i -- Localization", N_("an unnumbered sub-heading (/i - a heading)")),
    Form(
        "/p ",
        N_("Add participant"),
        "/p Ms. Lian Yong, PSEA Coordinator, UNFPA (Chair)",
        N_("a participant: name, position, organisation (role, attendance)"),
    ),
    Form("", "", "/p UNHCR: Ms. Triggs; Mr. Hyland", N_("several people of one organisation")),
    Form(
        "/a ",
        N_("Add action"),
        "/a Share the factsheet [UNHCR; OCHA] by 2020-03-31",
        N_("a follow-up action: owners in [ ], a due date after by"),
    ),
    Form(
        "",
        "",
        "/a Map gaps [IOM] | when: Q2 | partners: WFP | links: 3.1 | comments: draft",
        N_("an action's fields after | (after /s too)"),
    ),
    Form(
        "/s ", N_("Add sub-item"), "/s Draft the terms [RG1]", N_("a sub-item of the last action")
    ),
    Form("/d ", N_("Add decision"), "/d The network endorses the guidance", N_("a decision")),
    Form("/k ", N_("Add key message"), "/k Funding is the main gap", N_("a key message")),
    Form("/g ", N_("New group"), "/g Protection cluster", N_("a group heading under the item")),
    Form(
        "/l ",
        N_("Labelled paragraph"),
        "/l Background: the plan was agreed",
        N_("a labelled paragraph"),
    ),
    Form(
        "/u #",
        N_("Review an action"),
        "/u #12 completed Guidance endorsed",
        N_("a review of an earlier action (#REF, or N of the previous meeting)"),
    ),
    Form("/n ", N_("Next meeting"), "/n 2020-08-20 15:00 Geneva", N_("the next meeting")),
    Form(
        "!",
        N_("Confidential entry"),
        "!OCHA: the route is not public",
        N_("! before a point, /d, /a or /u: confidential, left out of exports (F9 toggles)"),
    ),
    Form("", "", "\\/a not a command", N_("a leading \\ keeps the line as text")),
]

# What the empty capture line shows, in turn (every few seconds).
PLACEHOLDERS = [
    N_("a point · UNHCR: a point by UNHCR · /a action [owner] · /i item · F1 help"),
    N_("/d a decision · /k a key message · /l Label: a paragraph · F1 help"),
    N_("/p Ms. Name, Position, ORG (Chair) · /g a group heading · F1 help"),
    N_("/a action [owner] by 2026-03-31 | when: Q2 | partners: IOM · F1 help"),
    N_("/u #12 completed progress · /n 2026-08-20 15:00 the next meeting · F1 help"),
]
PLACEHOLDER_SECONDS = 6


def placeholder_at(seconds: float) -> str:
    return _(PLACEHOLDERS[int(seconds // PLACEHOLDER_SECONDS) % len(PLACEHOLDERS)])


def seconds_since_start(date: dt.date | None, start_time: str | None, now: dt.datetime) -> float:
    """How long the meeting has run, when it is today's and has started; else 0."""
    if date != now.date() or not start_time:
        return 0.0
    try:
        hours, minutes = (int(part) for part in start_time.split(":")[:2])
        start = now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    except ValueError:
        return 0.0
    return max(0.0, (now - start).total_seconds())
