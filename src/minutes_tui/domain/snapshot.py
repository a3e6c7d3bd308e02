"""A meeting as plain data: what the store loads and the record builder reads.

Neutral ground between the store and the record: plain dataclasses, no ORM, no I/O,
so record/ never imports store/.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from minutes_tui.domain.display import local


@dataclass
class PersonData:
    id: int
    honorific: str | None
    name: str | None
    position: str | None
    organisation: str | None
    role: str | None
    attendance: str
    email: str | None = None

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.honorific, self.name) if p) or (self.organisation or "")


@dataclass
class EntryData:
    id: int
    item_id: int | None
    kind: str  # point | decision | key_message | group (a group's title line)
    speaker: str | None
    speaker_organisation: str | None
    speaker_is_person: bool
    text: str
    created_at: dt.datetime
    label: str | None = None  # a labelled paragraph's bold lead-in
    parent_id: int | None = None  # the entry whose list this is the next item of
    list_style: str | None = None  # bullet | decimal | roman | alpha
    confidential: bool = False


@dataclass
class SubItemData:
    id: int
    text: str
    owners: list[str]
    timeframe: str | None = None
    confidential: bool = False


@dataclass
class UpdateData:
    id: int
    meeting_id: int
    meeting_date: dt.date | None
    status: str
    text: str
    created_at: dt.datetime
    confidential: bool = False


@dataclass
class ActionData:
    id: int
    number: int
    item_id: int | None
    text: str
    owners: list[str]
    due_date: dt.date | None
    due_text: str | None
    status: str
    created_at: dt.datetime
    sub_items: list[SubItemData] = field(default_factory=list)
    updates: list[UpdateData] = field(default_factory=list)
    group: str | None = None  # topic, priority area or recommendation
    partners: list[str] = field(default_factory=list)
    links: str | None = None
    comments: str | None = None
    timeframe: str | None = None
    meeting_id: int | None = None  # the meeting that agreed it
    meeting_date: dt.date | None = None
    confidential: bool = False
    # Its number in a record that leaves confidential actions out (1, 2, 3 … among its
    # meeting's other actions that are not confidential); None when it is confidential.
    public_number: int | None = None

    @property
    def due(self) -> str | None:
        return self.due_date.isoformat() if self.due_date else self.due_text

    @property
    def ref(self) -> str:
        """The register's reference, as the tracker shows it and `/u #N` takes it."""
        return f"#{self.id}"


@dataclass
class ReviewData:
    """A review typed in this meeting of an action of the register."""

    id: int
    item_id: int | None
    action_number: int
    action_text: str
    owners: list[str]
    status: str
    text: str
    created_at: dt.datetime
    action_id: int = 0
    group: str | None = None
    action_meeting_id: int | None = None  # the meeting that agreed the action
    action_meeting_date: dt.date | None = None
    confidential: bool = False  # the review, or the action it reviews
    action_public_number: int | None = None  # see ActionData.public_number

    @property
    def ref(self) -> str:
        return f"#{self.action_id}"


@dataclass
class ItemData:
    id: int
    label: str | None
    title: str
    presenters: str | None
    position: int


@dataclass(frozen=True)
class KnownPerson:
    """Someone the database knows by name, from any meeting (see `store.identities`).

    role: "Chair" / "Rapporteur" when the name comes from this meeting's header field.
    """

    name: str
    honorific: str | None = None
    organisation: str | None = None
    role: str | None = None


@dataclass
class IdentityTable:
    """Every person the database knows, and every organisation name: what redaction
    must remove, and what it must leave alone."""

    people: list[KnownPerson] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


@dataclass
class EventData:
    """A line of a meeting's audit trail: finalized (version N), reopened (why) or
    circulated (for comments until `due`, or final; to `recipients`)."""

    kind: str
    version: int | None
    at: dt.datetime
    by: str | None
    reason: str | None
    due: dt.date | None = None
    recipients: list[str] = field(default_factory=list)


def addresses(stored: str | None) -> list[str]:
    """meeting_event.recipients, as stored (", "-joined), back to a list."""
    return stored.split(", ") if stored else []


@dataclass
class MeetingData:
    id: int
    body: str | None
    title: str
    session: str | None
    date: dt.date | None
    start_time: str | None
    end_time: str | None
    place: str | None
    chair: str | None
    rapporteur: str | None
    style: str
    sensitivity: str
    status: str
    introduction: str | None
    next_date: dt.date | None
    next_time: str | None
    next_text: str | None
    previous_id: int | None
    heading_form: str | None = None  # "session": "SESSION 7.1: TITLE"
    language: str = "en"  # the record's language (domain/language.py)
    participants: list[PersonData] = field(default_factory=list)
    items: list[ItemData] = field(default_factory=list)
    entries: list[EntryData] = field(default_factory=list)
    actions: list[ActionData] = field(default_factory=list)
    reviews: list[ReviewData] = field(default_factory=list)
    previous_actions: list[ActionData] = field(default_factory=list)
    version: int | None = None  # the record version of a final meeting
    history: list[EventData] = field(default_factory=list)
    # Everyone the database knows, for redaction; not part of the meeting's own data.
    identities: IdentityTable = field(default_factory=IdentityTable)

    def to_json(self) -> dict[str, Any]:
        """The whole meeting, items holding their entries and actions."""
        # One pass over plain fields (dataclasses.asdict deep-copies everything, the
        # identities of the whole database included: 3/4 of `minutes show --json`).
        by_item: dict[int | None, list[EntryData]] = {}
        for e in self.entries:
            by_item.setdefault(e.item_id, []).append(e)
        data: dict[str, Any] = {}
        for name in _field_names(type(self)):
            if name == "identities":
                continue  # other meetings' people are no business of this JSON
            if name == "items":
                data["items"] = [
                    {
                        **_jsonable(item),
                        "entries": _jsonable(by_item.get(item.id, [])),
                        "actions": [a.number for a in self.actions if a.item_id == item.id],
                        "reviews": [r.id for r in self.reviews if r.item_id == item.id],
                    }
                    for item in self.items
                ]
            elif name != "entries":
                data[name] = _jsonable(getattr(self, name))
        data["unfiled_entries"] = _jsonable(by_item.get(None, []))
        # "version" is the JSON shape's own key (`show --json`): the record's is this one.
        data["record_version"] = data.pop("version", None)
        return data


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _jsonable(value: Any) -> Any:
    """Plain JSON values: what asdict and then this did, in one shallow pass."""
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _jsonable(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return local(value).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass
class RegisterData:
    """A body's register over a period: what a workplan progress report is built from."""

    body: str
    date_from: dt.date | None
    date_to: dt.date | None
    title: str = ""
    note: str | None = None  # the latest meeting's introduction
    co_chairs: list[PersonData] = field(default_factory=list)
    sensitivity: str = "INTERNAL"
    actions: list[ActionData] = field(default_factory=list)  # updates limited to the period
    # Markers as the body gives them: "[ONGOING] text", without the review's date
    # (`minutes export BODY --style workplan --undated-markers`).
    undated_markers: bool = False
    # For redaction: the participants of the latest meeting covered, and everyone the
    # database knows (every other meeting's participants among them).
    participants: list[PersonData] = field(default_factory=list)
    identities: IdentityTable = field(default_factory=IdentityTable)
    language: str = "en"  # the latest meeting's: the report's fixed words and dates
