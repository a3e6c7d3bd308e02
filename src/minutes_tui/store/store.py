"""The store: every write is one short transaction, committed before it returns.

Captured lines arrive here already parsed by the capture grammar; the store only
decides where they go (numbers, agenda positions, speakers) and writes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from minutes_tui import capture
from minutes_tui.config import Home
from minutes_tui.models import (
    Action,
    ActionSubItem,
    ActionUpdate,
    AgendaItem,
    Entry,
    Meeting,
    Organisation,
    Participant,
    Person,
    now,
)
from minutes_tui.script import MeetingHeader
from minutes_tui.store.database import prepare
from minutes_tui.store.engine import make_engine, writer
from minutes_tui.store.errors import NotFound
from minutes_tui.store.schema import SchemaState
from minutes_tui.store.speakers import SpeakerIndex

if TYPE_CHECKING:
    from minutes_tui.attendance import Attendee
    from minutes_tui.store.log import LogLine
    from minutes_tui.store.reads import ActionData, ItemData, MeetingData

OPEN_STATUSES = ("pending", "in_progress")
REVIEW_ITEM_TITLE = "Review of previous actions"
NUMERIC_LABEL = re.compile(r"^(\d+(?:\.\d+)*)$")


@dataclass(frozen=True)
class Ref:
    """A row a captured line produced: enough to edit, delete or undo it."""

    table: str  # "entry" | "action" | "sub_item" | "update" | "item" | "participant" | "next"
    id: int


@dataclass
class Captured:
    kind: str
    refs: list[Ref] = field(default_factory=list)
    item_id: int | None = None  # the current agenda item after this line
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    line: str = ""
    # What undo must put back for rows the line changed rather than created.
    restore: dict[str, Any] = field(default_factory=dict)


def next_label(labels: list[str | None]) -> str:
    """The label after the last numbered item: 7.1 → 7.2, 2 → 3; none → 1."""
    for label in reversed(labels):
        if label and NUMERIC_LABEL.match(label):
            head, _, last = label.rpartition(".")
            nxt = str(int(last) + 1)
            return f"{head}.{nxt}" if head else nxt
    return str(sum(1 for label in labels if label) + 1)


class Store:
    def __init__(self, home: Home, engine: Engine) -> None:
        self.home = home
        self.engine = engine
        self.write_engine = writer(engine)

    @classmethod
    def open(cls, home: Home) -> Store:
        """Refuses a corrupt, foreign or too-new database before touching it."""
        state = prepare(home)
        engine = make_engine(home.db_path)
        if state is not SchemaState.CURRENT:
            from minutes_tui.store.migrate import upgrade

            upgrade(writer(engine))
        return cls(home, engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction (BEGIN IMMEDIATE … COMMIT)."""
        with Session(self.write_engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    # ---- meetings -------------------------------------------------------------

    def create_meeting(self, header: MeetingHeader, previous_id: int | None = None) -> int:
        with self.write() as s:
            meeting = Meeting(**header.model_dump(), previous_id=previous_id)
            s.add(meeting)
            s.flush()
            assert meeting.id is not None
            return meeting.id

    def series_defaults(self, previous_id: int) -> dict[str, str]:
        """What the next meeting of a series inherits, as header fields."""
        prev = self.meeting(previous_id)
        fields = {
            "title": prev.title,
            "body": prev.body,
            "chair": prev.chair,
            "rapporteur": prev.rapporteur,
            "place": prev.place,
            "style": prev.style,
            "sensitivity": prev.sensitivity,
        }
        if prev.start_time:
            fields["time"] = prev.start_time + (f"-{prev.end_time}" if prev.end_time else "")
        return {k: v for k, v in fields.items() if v}

    def create_from_previous(self, previous_id: int, header: MeetingHeader) -> int:
        """The next meeting of a series, in one transaction: the same participants
        (expected, not yet present) and, when the previous meeting left actions open,
        a first agenda item to review them."""
        with self.write() as s:
            prev = s.get(Meeting, previous_id)
            if prev is None:
                raise NotFound(f"No meeting with id {previous_id}.")
            meeting = Meeting(**header.model_dump(), previous_id=previous_id)
            s.add(meeting)
            s.flush()
            assert meeting.id is not None
            for p in s.exec(
                select(Participant)
                .where(Participant.meeting_id == previous_id)
                .order_by(col(Participant.id))
            ).all():
                s.add(
                    Participant(
                        meeting_id=meeting.id,
                        person_id=p.person_id,
                        organisation_id=p.organisation_id,
                        position=p.position,
                        role=p.role,
                        attendance="expected",
                    )
                )
            open_actions = s.exec(
                select(func.count())
                .select_from(Action)
                .where(
                    Action.meeting_id == previous_id,
                    col(Action.status).in_(OPEN_STATUSES),
                )
            ).one()
            if open_actions:
                s.add(
                    AgendaItem(
                        meeting_id=meeting.id,
                        label="1",
                        title=REVIEW_ITEM_TITLE,
                        position=1,
                    )
                )
            return meeting.id

    def meeting(self, meeting_id: int) -> Meeting:
        with self.read() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
            return meeting

    def update_meeting(self, meeting_id: int, **fields: Any) -> None:
        with self.write() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
            for key, value in fields.items():
                setattr(meeting, key, value)
            meeting.updated_at = now()

    # ---- what the grammar needs to know ---------------------------------------

    def speaker_index(self, meeting_id: int, s: Session | None = None) -> SpeakerIndex:
        with self._session(s) as session:
            people = session.exec(
                select(Participant.id, Person.honorific, Person.name, Participant.organisation_id)
                .join(Person, col(Person.id) == col(Participant.person_id))
                .where(Participant.meeting_id == meeting_id)
            ).all()
            orgs = session.exec(select(Organisation.id, Organisation.name)).all()
        return SpeakerIndex.build(
            [(p[0], p[1], p[2], p[3]) for p in people if p[0] is not None],
            [(o[0], o[1]) for o in orgs if o[0] is not None],
        )

    def context(self, meeting_id: int) -> capture.CaptureContext:
        index = self.speaker_index(meeting_id)
        return capture.CaptureContext(speakers=index.forms(), organisations=index.organisations)

    def owner_names(self) -> list[str]:
        """Owners typed before, in any meeting: offered as completions."""
        with self.read() as s:
            rows = s.exec(select(Action.owners)).all()
        seen: dict[str, None] = {}
        for owners in rows:
            for owner in owners or []:
                seen.setdefault(owner, None)
        return list(seen)

    @contextmanager
    def _session(self, s: Session | None) -> Iterator[Session]:
        if s is not None:
            yield s
        else:
            with self.read() as fresh:
                yield fresh

    # ---- capture ----------------------------------------------------------------

    def capture(
        self,
        meeting_id: int,
        item_id: int | None,
        line: str,
        context: capture.CaptureContext | None = None,
    ) -> Captured:
        """Parse one typed line and store it in one transaction."""
        if context is None:
            context = self.context(meeting_id)
        entry = capture.parse_line(line, context)
        with self.write() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
            if item_id is not None:
                item = s.get(AgendaItem, item_id)
                if item is None or item.meeting_id != meeting_id:
                    raise NotFound(f"No agenda item {item_id} in meeting {meeting_id}.")
            result = self._apply(s, meeting, item_id, entry)
            meeting.updated_at = now()
        result.line = line
        result.warnings = list(entry.warnings) + result.warnings
        return result

    def _apply(
        self, s: Session, meeting: Meeting, item_id: int | None, entry: capture.Entry
    ) -> Captured:
        assert meeting.id is not None
        mid = meeting.id
        if isinstance(entry, capture.Blank):
            return Captured("blank", item_id=item_id)
        if isinstance(entry, capture.Note):
            return self._add_note(s, mid, item_id, entry.note_kind, entry.speaker, entry.text)
        if isinstance(entry, capture.NewItem):
            return self._add_item(s, mid, entry.label, entry.title)
        if isinstance(entry, capture.NewParticipants):
            return self._add_participants(s, mid, item_id, entry.people)
        if isinstance(entry, capture.NewAction):
            return self._add_action(s, mid, item_id, entry)
        if isinstance(entry, capture.NewSubItem):
            return self._add_sub_item(s, mid, item_id, entry)
        if isinstance(entry, capture.ActionReview):
            return self._add_review(s, meeting, item_id, entry)
        if isinstance(entry, capture.NextMeeting):
            restore = {
                "next_date": meeting.next_date,
                "next_time": meeting.next_time,
                "next_text": meeting.next_text,
            }
            meeting.next_date, meeting.next_time = entry.date, entry.time
            meeting.next_text = entry.text or None
            return Captured(
                "next", [Ref("next", mid)], item_id, "Next meeting noted", restore=restore
            )
        raise AssertionError(f"unhandled entry {entry!r}")  # pragma: no cover

    def _add_note(
        self,
        s: Session,
        mid: int,
        item_id: int | None,
        kind: str,
        speaker: str | None,
        text: str,
        warnings: list[str] | None = None,
    ) -> Captured:
        participant_id, organisation_id = self._resolve_speaker(s, mid, speaker)
        entry = Entry(
            meeting_id=mid,
            item_id=item_id,
            kind=kind,
            speaker=speaker,
            participant_id=participant_id,
            organisation_id=organisation_id,
            text=text,
        )
        s.add(entry)
        s.flush()
        assert entry.id is not None
        label = {"point": "Point", "decision": "Decision", "key_message": "Key message"}[kind]
        return Captured(
            kind, [Ref("entry", entry.id)], item_id, f"{label} saved", warnings=warnings or []
        )

    def _resolve_speaker(
        self, s: Session, mid: int, speaker: str | None
    ) -> tuple[int | None, int | None]:
        if not speaker:
            return None, None
        named = self.speaker_index(mid, s).resolve(speaker)
        if named is not None:
            return named.participant_id, named.organisation_id
        # An all-caps acronym the grammar accepted: remember the organisation.
        return None, self._organisation_id(s, speaker)

    def _organisation_id(self, s: Session, name: str | None) -> int | None:
        if not name:
            return None
        # The exact name first: SQLite's lower() folds ASCII only, so "ÉCHO" would not
        # find itself by lower() and the insert below would break the unique constraint.
        org = s.exec(select(Organisation).where(Organisation.name == name)).first()
        if org is None:
            org = s.exec(
                select(Organisation).where(func.lower(Organisation.name) == name.lower())
            ).first()
        if org is None:
            org = Organisation(name=name)
            s.add(org)
            s.flush()
        return org.id

    def _add_item(self, s: Session, mid: int, label: str | None, title: str) -> Captured:
        items = s.exec(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == mid)
            .order_by(col(AgendaItem.position))
        ).all()
        if label is None:
            label = next_label([i.label for i in items if i.label != "AOB"])
        position = (items[-1].position + 1) if items else 1
        item = AgendaItem(meeting_id=mid, label=label, title=title, position=position)
        s.add(item)
        s.flush()
        assert item.id is not None
        return Captured("item", [Ref("item", item.id)], item.id, f"Item {label} {title}")

    def _add_participants(
        self, s: Session, mid: int, item_id: int | None, people: list[capture.PersonSpec]
    ) -> Captured:
        refs: list[Ref] = []
        restore: dict[str, Any] = {}
        names: list[str] = []
        for spec in people:
            org_id = self._organisation_id(s, spec.organisation)
            person_id = self._person_id(s, spec, org_id) if spec.name else None
            if person_id is None and org_id is None:
                continue
            query = select(Participant).where(Participant.meeting_id == mid)
            if person_id is not None:
                query = query.where(Participant.person_id == person_id)
            else:
                query = query.where(
                    Participant.organisation_id == org_id, col(Participant.person_id).is_(None)
                )
            existing = s.exec(query).first()
            if existing is not None:
                restore[str(existing.id)] = {
                    "role": existing.role,
                    "attendance": existing.attendance,
                    "position": existing.position,
                    "organisation_id": existing.organisation_id,
                }
                existing.role = spec.role or existing.role
                existing.attendance = spec.attendance
                existing.position = spec.position or existing.position
                existing.organisation_id = org_id or existing.organisation_id
            else:
                participant = Participant(
                    meeting_id=mid,
                    person_id=person_id,
                    organisation_id=org_id,
                    position=spec.position,
                    role=spec.role,
                    attendance=spec.attendance,
                )
                s.add(participant)
                s.flush()
                assert participant.id is not None
                refs.append(Ref("participant", participant.id))
            names.append(
                " ".join(p for p in (spec.honorific, spec.name) if p) or spec.organisation or ""
            )
        message = f"Participant{'s' if len(names) != 1 else ''}: " + "; ".join(names)
        return Captured("participants", refs, item_id, message, restore=restore)

    def _known_person(self, s: Session, name: str) -> Person | None:
        """Exact name first: SQLite's lower() folds ASCII only ("Élodie" ≠ "élodie")."""
        person = s.exec(select(Person).where(Person.name == name)).first()
        if person is None:
            person = s.exec(select(Person).where(func.lower(Person.name) == name.lower())).first()
        return person

    def _person_id(self, s: Session, spec: capture.PersonSpec, org_id: int | None) -> int:
        """People are remembered across meetings: match by name, keep the latest details."""
        assert spec.name
        person = self._known_person(s, spec.name)
        if person is None:
            person = Person(
                honorific=spec.honorific,
                name=spec.name,
                position=spec.position,
                organisation_id=org_id,
            )
            s.add(person)
        else:
            person.honorific = spec.honorific or person.honorific
            person.position = spec.position or person.position
            person.organisation_id = org_id or person.organisation_id
        s.flush()
        assert person.id is not None
        return person.id

    def _add_action(
        self, s: Session, mid: int, item_id: int | None, entry: capture.NewAction
    ) -> Captured:
        # BEGIN IMMEDIATE holds the write lock: max+1 cannot race another writer.
        last = s.exec(select(func.max(Action.number)).where(Action.meeting_id == mid)).one()
        number = (last or 0) + 1
        action = Action(
            meeting_id=mid,
            item_id=item_id,
            number=number,
            text=entry.text,
            owners=list(entry.owners),
            due_date=entry.due_date,
            due_text=entry.due_text,
        )
        s.add(action)
        s.flush()
        assert action.id is not None
        return Captured("action", [Ref("action", action.id)], item_id, f"Action {number} saved")

    def _add_sub_item(
        self, s: Session, mid: int, item_id: int | None, entry: capture.NewSubItem
    ) -> Captured:
        action = s.exec(
            select(Action).where(Action.meeting_id == mid).order_by(col(Action.number).desc())
        ).first()
        if action is None:
            return self._add_note(
                s,
                mid,
                item_id,
                "point",
                None,
                f"/s {entry.text}",
                ["No action yet to add a sub-item to; kept as a point."],
            )
        assert action.id is not None
        count = s.exec(
            select(func.count())
            .select_from(ActionSubItem)
            .where(ActionSubItem.action_id == action.id)
        ).one()
        sub = ActionSubItem(
            action_id=action.id, position=count + 1, text=entry.text, owners=list(entry.owners)
        )
        s.add(sub)
        s.flush()
        assert sub.id is not None
        return Captured(
            "subitem", [Ref("sub_item", sub.id)], item_id, f"Sub-item of action {action.number}"
        )

    def previous_meeting_id(self, s: Session, meeting: Meeting) -> int | None:
        """The meeting before this one in its series."""
        if meeting.previous_id is not None:
            return meeting.previous_id
        if not meeting.body:
            return None
        query = select(Meeting.id).where(Meeting.body == meeting.body, Meeting.id != meeting.id)
        if meeting.date is not None:
            query = query.where(col(Meeting.date) <= meeting.date).order_by(
                col(Meeting.date).desc(), col(Meeting.id).desc()
            )
        else:
            query = query.where(col(Meeting.id) < meeting.id).order_by(col(Meeting.id).desc())
        candidates = s.exec(query).all()
        for candidate in candidates:
            if candidate is not None:
                return candidate
        return None

    def _add_review(
        self, s: Session, meeting: Meeting, item_id: int | None, entry: capture.ActionReview
    ) -> Captured:
        assert meeting.id is not None
        previous = self.previous_meeting_id(s, meeting)
        action = None
        if previous is not None:
            action = s.exec(
                select(Action).where(Action.meeting_id == previous, Action.number == entry.number)
            ).first()
        if action is None:
            why = (
                "no previous meeting in this series"
                if previous is None
                else f"the previous meeting has no action {entry.number}"
            )
            return self._add_note(
                s,
                meeting.id,
                item_id,
                "point",
                None,
                f"Action {entry.number} ({entry.status.replace('_', ' ')}): {entry.text}".rstrip(
                    ": "
                ),
                [f"Cannot review action {entry.number}: {why}; kept as a point."],
            )
        assert action.id is not None
        update = ActionUpdate(
            action_id=action.id,
            meeting_id=meeting.id,
            item_id=item_id,
            status=entry.status,
            text=entry.text,
        )
        restore = {"action_id": action.id, "status": action.status}
        action.status = entry.status  # the current status is the latest review
        s.add(update)
        s.flush()
        assert update.id is not None
        return Captured(
            "review",
            [Ref("update", update.id)],
            item_id,
            f"Action {entry.number} of the previous meeting: {entry.status.replace('_', ' ')}",
            restore=restore,
        )

    # ---- undo, edit, delete -----------------------------------------------------

    def undo(self, captured: Captured, meeting_id: int) -> None:
        """Take back what one captured line did, in one transaction."""
        with self.write() as s:
            for ref in captured.refs:
                self._delete_ref(s, ref, meeting_id)
            if captured.kind == "participants":
                for pid, values in captured.restore.items():
                    participant = s.get(Participant, int(pid))
                    if participant is not None:
                        for key, value in values.items():
                            setattr(participant, key, value)
            elif captured.kind == "review":
                action = s.get(Action, captured.restore["action_id"])
                if action is not None:
                    action.status = self._latest_status(s, action) or captured.restore["status"]
            elif captured.kind == "next":
                meeting = s.get(Meeting, meeting_id)
                if meeting is not None:
                    for key, value in captured.restore.items():
                        setattr(meeting, key, value)

    def _latest_status(self, s: Session, action: Action) -> str | None:
        latest = s.exec(
            select(ActionUpdate.status)
            .where(ActionUpdate.action_id == action.id)
            .order_by(col(ActionUpdate.created_at).desc(), col(ActionUpdate.id).desc())
        ).first()
        return latest

    def delete(self, ref: Ref, meeting_id: int) -> None:
        with self.write() as s:
            self._delete_ref(s, ref, meeting_id)

    def _delete_ref(self, s: Session, ref: Ref, meeting_id: int) -> None:
        model = {
            "entry": Entry,
            "action": Action,
            "sub_item": ActionSubItem,
            "update": ActionUpdate,
            "item": AgendaItem,
            "participant": Participant,
        }.get(ref.table)
        if model is None:
            return
        row = s.get(model, ref.id)
        if row is None:
            return
        owner = getattr(row, "meeting_id", None)
        if isinstance(row, ActionSubItem):
            parent = s.get(Action, row.action_id)
            owner = parent.meeting_id if parent else None
        if owner != meeting_id:
            raise NotFound(f"That {ref.table.replace('_', ' ')} is not in this meeting.")
        if isinstance(row, Action):
            # Keep numbering gapless: later actions move up by one.
            number, mid = row.number, row.meeting_id
            s.delete(row)
            s.flush()
            later = s.exec(
                select(Action)
                .where(Action.meeting_id == mid, col(Action.number) > number)
                .order_by(col(Action.number))
            ).all()
            for action in later:
                action.number -= 1
                s.flush()
            return
        if isinstance(row, ActionUpdate):
            action = s.get(Action, row.action_id)
            s.delete(row)
            s.flush()
            if action is not None:
                action.status = self._latest_status(s, action) or "pending"
            return
        s.delete(row)

    def edit(
        self,
        ref: Ref,
        meeting_id: int,
        line: str,
        context: capture.CaptureContext | None = None,
    ) -> Captured:
        """Re-read an edited line and update its row in place (same number, same time).

        A line edited into another kind (a point that becomes an action) replaces
        the old row, in the same transaction.
        """
        if context is None:
            context = self.context(meeting_id)
        entry = capture.parse_line(line, context)
        with self.write() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
            result = self._edit_in_place(s, ref, meeting_id, entry)
            if result is None:
                row_item = self._item_of(s, ref)
                self._delete_ref(s, ref, meeting_id)
                result = self._apply(s, meeting, row_item, entry)
            meeting.updated_at = now()
        result.line = line
        result.warnings = list(entry.warnings) + result.warnings
        return result

    def _item_of(self, s: Session, ref: Ref) -> int | None:
        model = {"entry": Entry, "action": Action, "update": ActionUpdate}.get(ref.table)
        if model is None:
            if ref.table == "sub_item":
                sub = s.get(ActionSubItem, ref.id)
                action = s.get(Action, sub.action_id) if sub else None
                return action.item_id if action else None
            return None
        row = s.get(model, ref.id)
        return getattr(row, "item_id", None)

    def _edit_in_place(
        self, s: Session, ref: Ref, meeting_id: int, entry: capture.Entry
    ) -> Captured | None:
        if ref.table == "entry" and isinstance(entry, capture.Note):
            row = s.get(Entry, ref.id)
            if row is None or row.meeting_id != meeting_id:
                raise NotFound("That entry no longer exists.")
            row.kind, row.text, row.speaker = entry.note_kind, entry.text, entry.speaker
            row.participant_id, row.organisation_id = self._resolve_speaker(
                s, meeting_id, entry.speaker
            )
            return Captured(entry.note_kind, [ref], row.item_id, "Entry updated")
        if ref.table == "action" and isinstance(entry, capture.NewAction):
            action = s.get(Action, ref.id)
            if action is None or action.meeting_id != meeting_id:
                raise NotFound("That action no longer exists.")
            action.text, action.owners = entry.text, list(entry.owners)
            action.due_date, action.due_text = entry.due_date, entry.due_text
            return Captured("action", [ref], action.item_id, f"Action {action.number} updated")
        if ref.table == "sub_item" and isinstance(entry, capture.NewSubItem):
            sub = s.get(ActionSubItem, ref.id)
            if sub is None:
                raise NotFound("That sub-item no longer exists.")
            sub.text, sub.owners = entry.text, list(entry.owners)
            return Captured("subitem", [ref], self._item_of(s, ref), "Sub-item updated")
        if ref.table == "item" and isinstance(entry, capture.NewItem):
            item = s.get(AgendaItem, ref.id)
            if item is None or item.meeting_id != meeting_id:
                raise NotFound("That agenda item no longer exists.")
            item.label = entry.label or item.label
            item.title = entry.title
            return Captured("item", [ref], item.id, "Item updated")
        if ref.table == "update" and isinstance(entry, capture.ActionReview):
            update = s.get(ActionUpdate, ref.id)
            if update is None or update.meeting_id != meeting_id:
                raise NotFound("That review no longer exists.")
            update.status, update.text = entry.status, entry.text
            action = s.get(Action, update.action_id)
            s.flush()
            if action is not None:
                action.status = self._latest_status(s, action) or entry.status
            return Captured("review", [ref], update.item_id, "Review updated")
        return None

    # ---- participants -----------------------------------------------------------

    def update_participant(
        self,
        participant_id: int,
        *,
        honorific: str | None,
        name: str | None,
        position: str | None,
        organisation: str | None,
        role: str | None,
        attendance: str,
    ) -> None:
        with self.write() as s:
            participant = s.get(Participant, participant_id)
            if participant is None:
                raise NotFound("That participant no longer exists.")
            org_id = self._organisation_id(s, organisation)
            participant.organisation_id = org_id
            participant.position = position
            participant.role = role
            participant.attendance = attendance
            if name:
                spec = capture.PersonSpec(
                    honorific=honorific, name=name, position=position, organisation=organisation
                )
                if participant.person_id is not None:
                    person = s.get(Person, participant.person_id)
                    if person is not None and person.name.lower() == name.lower():
                        person.honorific, person.position = honorific, position
                        person.organisation_id = org_id
                    else:
                        participant.person_id = self._person_id(s, spec, org_id)
                else:
                    participant.person_id = self._person_id(s, spec, org_id)
            else:
                participant.person_id = None

    def set_action_status(self, action_id: int, status: str) -> None:
        with self.write() as s:
            action = s.get(Action, action_id)
            if action is None:
                raise NotFound("That action no longer exists.")
            action.status = status

    # ---- reads --------------------------------------------------------------------

    def load(self, meeting_id: int) -> MeetingData:
        from minutes_tui.store.load import load_meeting

        with self.read() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
            return load_meeting(s, meeting_id, self.previous_meeting_id(s, meeting))

    def item_log(self, meeting_id: int, item_id: int | None) -> list[LogLine]:
        from minutes_tui.store.log import item_log

        with self.read() as s:
            return item_log(s, meeting_id, item_id)

    def log_lines(self, refs: list[Ref]) -> list[LogLine]:
        from minutes_tui.store.log import lines_for

        with self.read() as s:
            return lines_for(s, refs)

    def counts(self, meeting_id: int) -> tuple[int, int]:
        """(participants, actions) of a meeting, for the sidebar."""
        with self.read() as s:
            participants = s.exec(
                select(func.count())
                .select_from(Participant)
                .where(Participant.meeting_id == meeting_id)
            ).one()
            actions = s.exec(
                select(func.count()).select_from(Action).where(Action.meeting_id == meeting_id)
            ).one()
        return participants, actions

    def current_item(self, meeting_id: int) -> int | None:
        """The agenda item a new line goes under: the last one opened."""
        with self.read() as s:
            return s.exec(
                select(AgendaItem.id)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(col(AgendaItem.position).desc(), col(AgendaItem.id).desc())
            ).first()

    def replay(self, meeting_id: int, lines: list[str]) -> list[Captured]:
        """Capture lines in order, each in its own transaction, as the keyboard would."""
        context = self.context(meeting_id)
        item_id = self.current_item(meeting_id)
        results = []
        for line in lines:
            result = self.capture(meeting_id, item_id, line, context)
            item_id = result.item_id
            if result.kind == "participants":
                context = self.context(meeting_id)
            results.append(result)
        return results

    def load_items(self, meeting_id: int) -> list[ItemData]:
        from minutes_tui.store.reads import ItemData

        with self.read() as s:
            rows = s.exec(
                select(AgendaItem)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(col(AgendaItem.position), col(AgendaItem.id))
            ).all()
        return [ItemData(i.id, i.label, i.title, i.presenters, i.position) for i in rows if i.id]

    def completion_names(self, meeting_id: int) -> tuple[list[str], list[str]]:
        """(speaker names as typed, organisation names) to offer while typing."""
        from minutes_tui.store.speakers import person_forms

        with self.read() as s:
            people = s.exec(
                select(Person.honorific, Person.name)
                .join(Participant, col(Participant.person_id) == col(Person.id))
                .where(Participant.meeting_id == meeting_id)
            ).all()
            orgs = [name for name in s.exec(select(Organisation.name)).all() if name]
        speakers = list(orgs)
        for honorific, name in people:
            speakers += person_forms(honorific, name)
        return speakers, orgs

    def add_participant(self, meeting_id: int, spec: capture.PersonSpec) -> Captured:
        with self.write() as s:
            if s.get(Meeting, meeting_id) is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
            return self._add_participants(s, meeting_id, None, [spec])

    def delete_participant(self, participant_id: int, meeting_id: int) -> None:
        self.delete(Ref("participant", participant_id), meeting_id)

    def previous_actions(self, meeting_id: int) -> tuple[int | None, list[ActionData]]:
        """The previous meeting of the series and its actions, with their reviews."""
        from minutes_tui.store.load import load_actions

        with self.read() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
            previous = self.previous_meeting_id(s, meeting)
            if previous is None:
                return None, []
            return previous, load_actions(s, previous)

    def set_status(self, meeting_id: int, status: str) -> None:
        """Draft or final: a final meeting opens as a read-only record."""
        self.update_meeting(meeting_id, status=status)

    def import_attendance(self, meeting_id: int, attendees: list[Attendee]) -> tuple[int, int]:
        """Mark attendees present, matching people already known; one transaction.

        Returns (participants added, participants already listed and now present)."""
        with self.write() as s:
            if s.get(Meeting, meeting_id) is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
            specs = []
            for attendee in attendees:
                known = self._known_person(s, attendee.name)
                organisation = attendee.organisation
                if known is not None and known.organisation_id is not None:
                    org = s.get(Organisation, known.organisation_id)
                    organisation = org.name if org else organisation
                specs.append(
                    capture.PersonSpec(
                        honorific=attendee.honorific or (known.honorific if known else None),
                        name=attendee.name,
                        organisation=organisation,
                        attendance="present",
                    )
                )
            result = self._add_participants(s, meeting_id, None, specs)
        added = len(result.refs)
        return added, len(specs) - added
