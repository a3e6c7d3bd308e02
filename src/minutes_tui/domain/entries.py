"""What a typed line can become: the entry types the grammar produces and the store
applies, and the participant spec. Their closed sets (statuses, styles, roles, …) live in
`vocabulary.py`. Pure: standard library only.

Plain frozen dataclasses (values: changed only by `dataclasses.replace`), not pydantic
models: `minutes add` must start without importing pydantic (issue 15), and defining the
models cost more CPU than the rest of the command. `frozen` costs about 4 ms at import
(two more generated methods a class) and is kept: an entry is a value the session, the
journal and recall share. No `slots`: it rebuilds each class (a few more ms) for no gain
where an entry lives for one line.

The grammar checks what it puts in them (an action number ≥ 1, a time as HH:MM), and
`ActionReview` and `NextMeeting` refuse those values from any builder; a form's input is
validated where it arrives (`PersonSpec` through `pydantic.TypeAdapter` in the
participants screen). The meeting header, validated from user input, is in `header.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from minutes_tui.domain.vocabulary import (
    ActionStatus,
    Attendance,
    ListStyle,
    NoteKind,
    Role,
)

# "HH:MM", 24-hour clock, always two digits each (as header.py's HHMM).
_HHMM_RE = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")

# ---- entries: what one typed line becomes ---------------------------------------------------


@dataclass(kw_only=True, frozen=True)
class Parsed:
    """Base of every entry."""

    warnings: list[str] = field(default_factory=list)  # human-readable, for the rapporteur


@dataclass(kw_only=True, frozen=True)
class Note(Parsed):
    kind: Literal["note"] = "note"
    confidential: bool = False  # `!` before the line: left out of circulated records
    note_kind: NoteKind = "point"
    speaker: str | None = None
    label: str | None = None  # a labelled paragraph's bold lead-in: "Management Response"
    text: str


@dataclass(kw_only=True, frozen=True)
class NewItem(Parsed):
    kind: Literal["item"] = "item"
    # "7.1", "2", "AOB"; None -> the store numbers it; "" (UNNUMBERED) -> no number
    label: str | None = None
    title: str
    presenters: str | None = None  # `| presenter: OCHA; Ms. Jamal`


@dataclass(kw_only=True, frozen=True)
class SetPresenters(Parsed):
    """`/presenter OCHA; Ms. Jamal`: who presents the current item."""

    kind: Literal["presenters"] = "presenters"
    presenters: str


@dataclass(kw_only=True, frozen=True)
class SetIntroduction(Parsed):
    """`/intro text`: the record's opening paragraph."""

    kind: Literal["introduction"] = "introduction"
    text: str


@dataclass(kw_only=True, frozen=True)
class PersonSpec:
    """One participant as typed (`/p …`) or entered in the participants form."""

    honorific: str | None = None  # normalised with a dot: "Ms.", "H.E."
    name: str | None = None
    position: str | None = None
    organisation: str | None = None
    role: Role | None = None
    attendance: Attendance = "present"
    email: str | None = None  # "<name@org.int>" at the end: circulation (minutes circulate)


@dataclass(kw_only=True, frozen=True)
class NewParticipants(Parsed):
    kind: Literal["participants"] = "participants"
    people: list[PersonSpec]


@dataclass(kw_only=True, frozen=True)
class ListItem(Parsed):
    """`- text`, `1) text`, `2. text`, `(iii) text`, `(b) text`: the next item of the list of
    the entry typed just before (the store finds it); with none, a point as typed."""

    kind: Literal["list_item"] = "list_item"
    confidential: bool = False
    style: ListStyle
    marker: str  # as typed: "-", "1)", "(iii)"
    text: str


@dataclass(kw_only=True, frozen=True)
class NewGroup(Parsed):
    """A topic, priority area or recommendation: the actions after it belong to it."""

    kind: Literal["group"] = "group"
    title: str


@dataclass(kw_only=True, frozen=True)
class NewAction(Parsed):
    kind: Literal["action"] = "action"
    confidential: bool = False
    text: str
    owners: list[str] = field(default_factory=list)  # the leads
    due_date: dt.date | None = None
    due_text: str | None = None
    timeframe: str | None = None  # `| when: Q2 2021`, printed as typed
    partners: list[str] = field(default_factory=list)
    links: str | None = None
    comments: str | None = None


@dataclass(kw_only=True, frozen=True)
class NewSubItem(Parsed):
    kind: Literal["subitem"] = "subitem"
    confidential: bool = False
    text: str
    owners: list[str] = field(default_factory=list)
    timeframe: str | None = None


@dataclass(kw_only=True, frozen=True)
class ActionReview(Parsed):
    """A dated review of an action of the register: `number` is action N of the previous
    meeting; `action_id` is the register's reference (#123), typed or known to the pane.
    Without a status the action keeps its current one and gains the progress note."""

    kind: Literal["review"] = "review"
    confidential: bool = False
    number: int | None = None
    action_id: int | None = None
    status: ActionStatus | None = None
    text: str = ""

    def __post_init__(self) -> None:
        # The grammar refuses 0 before it builds one; this keeps every other builder (the
        # review pane) to the rule pydantic's `ge=1` kept when these were models.
        for value in (self.number, self.action_id):
            if value is not None and value < 1:
                raise ValueError(f"action number or reference {value} is not 1 or more")

    @property
    def reference(self) -> str:
        """How the rapporteur named the action: "#123" or "3"."""
        return f"#{self.action_id}" if self.number is None else str(self.number)


@dataclass(kw_only=True, frozen=True)
class NextMeeting(Parsed):
    kind: Literal["next"] = "next"
    date: dt.date | None = None
    time: str | None = None  # "HH:MM", 24-hour clock
    text: str = ""

    def __post_init__(self) -> None:
        # As for ActionReview: the grammar checks first (`_to_hhmm`); this keeps the rule.
        if self.time is not None and _HHMM_RE.fullmatch(self.time) is None:
            raise ValueError(f"{self.time!r} is not a time of day (HH:MM)")


@dataclass(kw_only=True, frozen=True)
class Blank(Parsed):
    kind: Literal["blank"] = "blank"


# The entry types a `!` can mark confidential (a point, decision, key message, list item,
# action, sub-item or review); anything else typed after `!` is kept whole as a confidential
# point, with a warning (the grammar's `_confidential`): nothing marked ever circulates.
CONFIDENTIAL_TYPES = (Note, ListItem, NewAction, NewSubItem, ActionReview)

# One typed line's entry; `kind` tells them apart (mypy narrows on it).
Entry: TypeAlias = (
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
    | Blank
)
