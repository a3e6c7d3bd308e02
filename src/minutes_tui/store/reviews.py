"""Reviews of actions from the tracker and the CLI: a new dated status, and its undo.

Each is one transaction through `Store.write()`; the current status of an action is its
latest review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from minutes_tui.store import meetings
from minutes_tui.store.errors import NotFound
from minutes_tui.store.final import (
    MeetingFinal,
    MeetingNotOurs,
    check_writable,
    not_ours_message,
)
from minutes_tui.store.models import Action, ActionUpdate, Meeting, now
from minutes_tui.store.tracker import normalize_status

if TYPE_CHECKING:
    from minutes_tui.store.store import Store


@dataclass(frozen=True)
class StatusChange:
    """What `review_action` did: enough to take it back (`undo_review`)."""

    action_id: int
    update_id: int
    meeting_id: int
    status: str
    previous_status: str


def review_action(
    store: Store,
    action_id: int,
    status: str,
    progress: str = "",
    meeting_id: int | None = None,
) -> StatusChange:
    """Give an action a new status, recorded as a review (an ActionUpdate), in one transaction.

    `meeting_id` is the reviewing meeting. Without one, the review goes to the meeting
    that follows the action's meeting in its series (the meeting whose `/u N` would
    review it, so the record of that meeting lists it as a review of the previous
    meeting's action); when the series has no later meeting yet, to the action's own
    meeting, and the review is then dated by the day it was recorded.
    """
    with store.write() as s:
        return review_in(s, action_id, status, progress, meeting_id)


def review_in(
    s: Session, action_id: int, status: str, progress: str = "", meeting_id: int | None = None
) -> StatusChange:
    """`review_action` in the caller's transaction (an imported record's whole store)."""
    from minutes_tui.domain.text import clean_text

    status = normalize_status(status)
    action = s.get(Action, action_id)
    if action is None:
        raise NotFound(f"No action with id {action_id}.")
    meetings.get(s, action.meeting_id)  # an action of a trashed meeting is out of reach
    if meeting_id is not None:
        reviewing = meetings.get(s, meeting_id)
    else:
        reviewing = _reviewing_meeting(s, action)
    if reviewing.owner is not None:  # another home's copy: review it from a meeting of ours
        raise MeetingNotOurs(not_ours_message(reviewing.id or 0))
    if reviewing.status == "final":
        # The review would change a final record: it belongs to a later meeting.
        raise MeetingFinal(
            f"Meeting {reviewing.id} is final: nothing was changed. Review the action "
            "from a later meeting of the series, or reopen the meeting (with a reason)."
        )
    assert reviewing.id is not None and action.id is not None
    update = ActionUpdate(
        action_id=action.id,
        meeting_id=reviewing.id,
        item_id=None,
        status=status,
        text=clean_text(progress, keep_spacing=True),  # as the grammar cleans a line
        confidential=action.confidential,  # a confidential action's review is too
    )
    previous = action.status
    action.status = status  # the current status is the latest review
    reviewing.updated_at = now()
    s.add(update)
    s.flush()
    assert update.id is not None
    return StatusChange(action.id, update.id, reviewing.id, status, previous)


def _reviewing_meeting(s: Session, action: Action) -> Meeting:
    """The meeting linked after the action's own (its series' next), else its own."""
    own = s.get(Meeting, action.meeting_id)
    assert own is not None
    following = s.exec(
        select(Meeting)
        .where(Meeting.previous_id == own.id, col(Meeting.deleted_at).is_(None))
        .order_by(col(Meeting.date).nulls_first(), col(Meeting.id))  # SQLite's order, anywhere
    ).first()
    return following or own


def undo_review(store: Store, change: StatusChange) -> None:
    """Take back a `review_action`: remove its review and restore the status it replaced
    (or the latest remaining review's, if one was made since)."""
    with store.write() as s:
        check_writable(s, change.meeting_id)
        update = s.get(ActionUpdate, change.update_id)
        if update is not None:
            s.delete(update)
            s.flush()
        action = s.get(Action, change.action_id)
        if action is None:
            return
        # A review made since (another window, the CLI) now holds the current status.
        newer = s.exec(
            select(ActionUpdate.status)
            .where(ActionUpdate.action_id == action.id, col(ActionUpdate.id) > change.update_id)
            .order_by(col(ActionUpdate.created_at).desc(), col(ActionUpdate.id).desc())
        ).first()
        action.status = newer or change.previous_status
