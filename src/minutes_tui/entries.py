"""What a typed line can become: the entry types the grammar produces and the store
applies, and the meeting header. Their closed sets (statuses, styles, roles, …) live in
`vocabulary.py`. Pure: standard library and pydantic only.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from minutes_tui.vocabulary import (
    ActionStatus,
    Attendance,
    HeadingForm,
    ListStyle,
    NoteKind,
    Role,
    Sensitivity,
    Style,
)

# ---- the meeting header -------------------------------------------------------------------

# "HH:MM", 24-hour clock, always two digits each.
HHMM = Annotated[str, StringConstraints(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")]

UNTITLED = "Untitled meeting"


class MeetingHeader(BaseModel):
    title: str
    body: str | None = None
    session: str | None = None
    date: dt.date | None = None
    start_time: HHMM | None = None
    end_time: HHMM | None = None
    place: str | None = None
    chair: str | None = None
    rapporteur: str | None = None
    style: Style = "summary"
    sensitivity: Sensitivity = "INTERNAL"
    introduction: str | None = None
    heading_form: HeadingForm | None = None


# ---- entries: what one typed line becomes ---------------------------------------------------


class Parsed(BaseModel):
    """Base of every entry."""

    warnings: list[str] = []  # human-readable, shown to the rapporteur


class Note(Parsed):
    kind: Literal["note"] = "note"
    confidential: bool = False  # `!` before the line: left out of circulated records
    note_kind: NoteKind = "point"
    speaker: str | None = None
    label: str | None = None  # a labelled paragraph's bold lead-in: "Management Response"
    text: str


class NewItem(Parsed):
    kind: Literal["item"] = "item"
    # "7.1", "2", "AOB"; None -> the store numbers it; "" (UNNUMBERED) -> no number
    label: str | None = None
    title: str
    presenters: str | None = None  # `| presenter: OCHA; Ms. Jamal`


class SetPresenters(Parsed):
    """`/presenter OCHA; Ms. Jamal`: who presents the current item."""

    kind: Literal["presenters"] = "presenters"
    presenters: str


class SetIntroduction(Parsed):
    """`/intro text`: the record's opening paragraph."""

    kind: Literal["introduction"] = "introduction"
    text: str


class PersonSpec(BaseModel):
    honorific: str | None = None  # normalised with a dot: "Ms.", "H.E."
    name: str | None = None
    position: str | None = None
    organisation: str | None = None
    role: Role | None = None
    attendance: Attendance = "present"


class NewParticipants(Parsed):
    kind: Literal["participants"] = "participants"
    people: list[PersonSpec]


class ListItem(Parsed):
    """`- text`, `1) text`, `2. text`, `(iii) text`, `(b) text`: the next item of the list of
    the entry typed just before (the store finds it); with none, a point as typed."""

    kind: Literal["list_item"] = "list_item"
    confidential: bool = False
    style: ListStyle
    marker: str  # as typed: "-", "1)", "(iii)"
    text: str


class NewGroup(Parsed):
    """A topic, priority area or recommendation: the actions after it belong to it."""

    kind: Literal["group"] = "group"
    title: str


class NewAction(Parsed):
    kind: Literal["action"] = "action"
    confidential: bool = False
    text: str
    owners: list[str] = []  # the leads
    due_date: dt.date | None = None
    due_text: str | None = None
    timeframe: str | None = None  # `| when: Q2 2021`, printed as typed
    partners: list[str] = []
    links: str | None = None
    comments: str | None = None


class NewSubItem(Parsed):
    kind: Literal["subitem"] = "subitem"
    text: str
    owners: list[str] = []
    timeframe: str | None = None


class ActionReview(Parsed):
    """A dated review of an action of the register: `number` is action N of the previous
    meeting; `action_id` is the register's reference (#123), typed or known to the pane.
    Without a status the action keeps its current one and gains the progress note."""

    kind: Literal["review"] = "review"
    confidential: bool = False
    number: int | None = Field(default=None, ge=1)
    action_id: int | None = Field(default=None, ge=1)
    status: ActionStatus | None = None
    text: str = ""

    @property
    def reference(self) -> str:
        """How the rapporteur named the action: "#123" or "3"."""
        return f"#{self.action_id}" if self.number is None else str(self.number)


class NextMeeting(Parsed):
    kind: Literal["next"] = "next"
    date: dt.date | None = None
    time: HHMM | None = None
    text: str = ""


# The entry types a `!` can mark confidential (a point, decision, key message, list item,
# action or review); anything else typed after `!` is stored as it reads, with a warning.
CONFIDENTIAL_KINDS = frozenset(["note", "list_item", "action", "review"])


class Blank(Parsed):
    kind: Literal["blank"] = "blank"


Entry = Annotated[
    Note
    | NewItem
    | NewParticipants
    | ListItem
    | SetPresenters
    | SetIntroduction
    | NewGroup
    | NewAction
    | NewSubItem
    | ActionReview
    | NextMeeting
    | Blank,
    Field(discriminator="kind"),
]
