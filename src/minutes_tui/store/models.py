"""SQLModel tables: the one description of the data.

Plain foreign-key columns, no ORM relationships: every write is one short
transaction in `store.writes`, and reads that must be fast (the first frame)
use the standard `sqlite3` module against these same tables.
"""

import datetime as dt
import uuid as uuidlib

from sqlalchemy import JSON, Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel


def now() -> dt.datetime:
    """Aware UTC; shown in local time, so a record says "09:03" as the room saw it."""
    return dt.datetime.now(dt.UTC)


def new_uuid() -> str:
    """A row's identity across homes and the team archive (local ids differ: team/sync.py)."""
    return str(uuidlib.uuid4())


def uuid_field() -> str:
    return Field(default_factory=new_uuid, unique=True, index=True)  # type: ignore[no-any-return]


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    name: str = Field(sa_column_kwargs={"unique": True})


class Body(SQLModel, table=True):
    """A body (policy group, results group, sub-group) and the body above it. Meetings
    name their body as text; a row here exists only once a body has a parent (or had one).
    A meeting reviews the actions of its body, of the bodies above it and of those below."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    name: str = Field(sa_column_kwargs={"unique": True})
    parent: str | None = None  # the name of the body above, as typed


class Person(SQLModel, table=True):
    """Someone who has attended a meeting; remembered across meetings."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    honorific: str | None = None
    name: str = Field(index=True)
    position: str | None = None
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="SET NULL"
    )
    email: str | None = None  # "<name@org.int>" typed with /p: where a circulated record goes


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    body: str | None = Field(default=None, index=True)
    title: str
    session: str | None = None
    date: dt.date | None = Field(default=None, index=True)
    start_time: str | None = None
    end_time: str | None = None
    place: str | None = None
    chair: str | None = None
    rapporteur: str | None = None
    style: str = "summary"
    sensitivity: str = "INTERNAL"
    status: str = "draft"
    introduction: str | None = None
    heading_form: str | None = None  # "session": "SESSION 7.1: TITLE"; else "7.1 Title"
    # The record's language (domain/language.py): its fixed words, dates, due words.
    language: str = "en"
    next_date: dt.date | None = None
    next_time: str | None = None
    next_text: str | None = None
    previous_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    created_at: dt.datetime = Field(default_factory=now)
    updated_at: dt.datetime = Field(default_factory=now)
    # Moved to the trash (`minutes trash`): hidden from every list, read and search.
    deleted_at: dt.datetime | None = Field(default=None, index=True)
    # The home that writes this meeting (team/sync.py): None for this home's own; another
    # home's identity for a copy pulled from the team archive, which is read-only here.
    owner: str | None = Field(default=None, index=True)
    sync_hash: str | None = None  # the content hash this copy was last synced at
    # On the team archive: the PostgreSQL role that wrote it (default current_user), the
    # only one row-level security lets write it (team/roles.py). NULL in a home's SQLite.
    owner_role: str | None = None


class Participant(SQLModel, table=True):
    """A person's (or an organisation's) attendance and role in one meeting."""

    __table_args__ = (Index("ix_participant_meeting", "meeting_id"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="RESTRICT")
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="RESTRICT"
    )
    position: str | None = None
    role: str | None = None
    attendance: str = "present"
    created_at: dt.datetime = Field(default_factory=now)


class AgendaItem(SQLModel, table=True):
    __tablename__ = "agenda_item"
    __table_args__ = (Index("ix_agenda_item_meeting", "meeting_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    label: str | None = None
    title: str
    presenters: str | None = None
    position: int = 0
    created_at: dt.datetime = Field(default_factory=now)


class Entry(SQLModel, table=True):
    """A discussion point, decision or key message under an agenda item."""

    __table_args__ = (
        Index("ix_entry_meeting_item", "meeting_id", "item_id"),
        Index("ix_entry_parent", "parent_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    item_id: int | None = Field(default=None, foreign_key="agenda_item.id", ondelete="CASCADE")
    kind: str = "point"  # point | decision | key_message | labelled | group
    label: str | None = None  # a labelled paragraph's bold lead-in ("Management Response")
    # The next item of another entry's list ("- …", "2) …", "(iii) …"), and its numbering.
    # (No ON DELETE: SQLite's ADD COLUMN keeps it where reflection cannot read it back;
    # deleting an entry deletes its list items first, in `store.edits.delete`.)
    parent_id: int | None = Field(default=None, foreign_key="entry.id")
    list_style: str | None = None
    speaker: str | None = None
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", ondelete="SET NULL"
    )
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="SET NULL"
    )
    text: str
    confidential: bool = False  # left out of circulated records (`!` before the line)
    created_at: dt.datetime = Field(default_factory=now)


class Action(SQLModel, table=True):
    """A follow-up action, numbered across the whole meeting."""

    __table_args__ = (
        UniqueConstraint("meeting_id", "number", name="uq_action_meeting_number"),
        Index("ix_action_item", "item_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    item_id: int | None = Field(default=None, foreign_key="agenda_item.id", ondelete="CASCADE")
    number: int
    text: str
    owners: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    due_date: dt.date | None = None
    due_text: str | None = None
    timeframe: str | None = None  # printed as typed: "Q2 2021", "After WHS"
    group_title: str | None = None  # the topic, priority area or recommendation it is under
    partners: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    links: str | None = None  # linkages across groups
    comments: str | None = None
    status: str = "pending"
    confidential: bool = False
    created_at: dt.datetime = Field(default_factory=now)


class ActionSubItem(SQLModel, table=True):
    __tablename__ = "action_sub_item"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    position: int = 0
    text: str
    owners: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    timeframe: str | None = None
    confidential: bool = False  # `!- text` after an action, `!/s text`
    created_at: dt.datetime = Field(default_factory=now)


class ActionUpdate(SQLModel, table=True):
    """A later meeting's review of an action: one action keeps its whole history."""

    __tablename__ = "action_update"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    item_id: int | None = Field(default=None, foreign_key="agenda_item.id", ondelete="SET NULL")
    status: str
    text: str = ""
    confidential: bool = False
    created_at: dt.datetime = Field(default_factory=now)
    # On the team archive: the review's author (a PostgreSQL role, default current_user);
    # reviews are append-only there, and only their author changes one. NULL at home.
    owner_role: str | None = None


class ImportedRecord(SQLModel, table=True):
    """A meeting made from a record written before the tool: which file, which bytes."""

    __tablename__ = "imported_record"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", unique=True)
    file_name: str
    sha256: str = Field(index=True)
    imported_at: dt.datetime = Field(default_factory=now)


class RecordVersion(SQLModel, table=True):
    """One finalization of a meeting: version N of its record, archived."""

    __tablename__ = "record_version"
    __table_args__ = (UniqueConstraint("meeting_id", "version", name="uq_record_version"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    version: int
    folder: str  # relative to the data home: "archive/<meeting-id>/v<N>"
    finalized_at: dt.datetime = Field(default_factory=now)
    finalized_by: str | None = None  # the rapporteur


class ArchivedFile(SQLModel, table=True):
    """A file of an archived version and the SHA-256 it had when it was written."""

    __tablename__ = "archived_file"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    version_id: int = Field(foreign_key="record_version.id", ondelete="CASCADE", index=True)
    name: str  # inside the version's folder
    sha256: str
    size: int
    # The file itself, on the team archive only (team/files.py): NULL at home, where it is
    # <home>/<folder>/<name>.
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))


class MeetingEvent(SQLModel, table=True):
    """The audit trail of a meeting's status: finalized (version N) or reopened (why)."""

    __tablename__ = "meeting_event"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = uuid_field()
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    kind: str  # finalized | reopened | circulated (for comments, or the final record)
    version: int | None = None
    reason: str | None = None
    by: str | None = None
    at: dt.datetime = Field(default_factory=now)
    due: dt.date | None = None  # a circulation for comments: comments due by
    recipients: str | None = None  # a circulation: the addresses, ", "-joined


class JournalStep(SQLModel, table=True):
    """One undoable step done in a meeting (store/journal.py), written in the transaction
    that did it, so ctrl+z still knows it after the app is closed and opened again."""

    __tablename__ = "journal"
    __table_args__ = (Index("ix_journal_meeting", "meeting_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    kind: str  # capture | edit | delete | details
    what: str  # the line as typed (or what changed): "Undid: …" names it
    refs: str  # " entry:12 action:3 ": the rows it made, so a deletion can forget it
    data: str  # JSON: what reverses it
    at: dt.datetime = Field(default_factory=now)


class HomeIdentity(SQLModel, table=True):
    """This database's identity, generated once (migration 0009): the owner of its meetings."""

    __tablename__ = "home_identity"

    id: int | None = Field(default=None, primary_key=True)
    home: str


class ReviewComment(SQLModel, table=True):
    """A reviewer's comment from a draft returned from Word (circulation/incorporate.py),
    kept with the row it was anchored to, and listed until it is resolved. Changes made
    without tracking and paragraphs the reviewer added are kept here too, never lost."""

    __tablename__ = "review_comment"
    __table_args__ = (Index("ix_review_comment_meeting", "meeting_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    row_table: str | None = None  # entry | action: the row it was anchored to, if any
    row_id: int | None = None
    author: str
    text: str
    anchor: str = ""  # the paragraph it was anchored to, as the reviewer left it
    source: str = ""  # the returned file's name
    at: dt.datetime = Field(default_factory=now)
    resolved_at: dt.datetime | None = None
