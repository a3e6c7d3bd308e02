"""The previous meeting's actions, beside the agenda: review them from the keyboard."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from minutes_tui.domain.display import short_date
from minutes_tui.domain.snapshot import ActionData
from minutes_tui.domain.translate import N_, _
from minutes_tui.domain.vocabulary import STATUS_INFO, ActionStatus, status_from_word, status_word


def review_option(action: ActionData) -> Option:
    """One line an action, cut with "…" at the pane's own width (app.tcss: text-wrap
    nowrap, text-overflow ellipsis): a wider sidebar shows more; the whole action shows
    in the status line."""
    info = STATUS_INFO.get(action.status)
    mark = info.mark if info else "·"
    text = " ".join(action.text.split())
    return Option(Content.assemble((f"{mark} #{action.id} ", "bold"), text), id=str(action.id))


def describe(action: ActionData) -> str:
    owners = f" [{'; '.join(action.owners)}]" if action.owners else ""
    latest = action.updates[-1].text if action.updates and action.updates[-1].text else ""
    status = status_word(action.status)
    agreed = (
        " · " + _("agreed {date}").format(date=short_date(action.meeting_date))
        if action.meeting_date
        else ""
    )
    text = f"#{action.id} ({action.number}.) {action.text}{owners} · {status}{agreed}"
    return text + (f" · {latest}" if latest else "")


class ReviewList(OptionList):
    """Enter puts `/u #REF ` in the capture line; p/i/c/d set the status at once.

    Lists the register: the previous meeting's actions, then the body's other open ones."""

    statuses_set: dict[int, ActionStatus]  # action id → the status given here, for Enter

    BINDINGS = [
        Binding(
            "enter",
            "prefill",
            N_("Review"),
            id="review.prefill",
            tooltip=N_("Type a progress note for this action"),
        ),
        Binding(
            "c",
            "status('completed')",
            N_("Completed"),
            id="review.completed",
            tooltip=N_("Mark the action completed"),
        ),
        Binding(
            "i",
            "status('in_progress')",
            N_("In progress"),
            id="review.in_progress",
            tooltip=N_("Mark the action in progress"),
        ),
        Binding(
            "p",
            "status('pending')",
            N_("Pending"),
            id="review.pending",
            tooltip=N_("Mark the action pending"),
        ),
        Binding(
            "d",
            "status('dropped')",
            N_("Dropped"),
            id="review.dropped",
            tooltip=N_("Mark the action dropped"),
        ),
        Binding(
            "escape", "leave", N_("Back"), id="review.leave", tooltip=N_("Back to the capture line")
        ),
    ]

    class Prefill(Message):
        """Enter: put `/u #REF ` (and the status just set here, if any) in the line."""

        def __init__(self, action_id: int, status: ActionStatus | None) -> None:
            super().__init__()
            self.action_id = action_id
            self.status = status

    class SetStatus(Message):
        def __init__(self, action_id: int, number: int, status: ActionStatus) -> None:
            super().__init__()
            self.action_id = action_id
            self.number = number
            self.status = status

    class Leave(Message):
        pass

    def on_mount(self) -> None:
        self.statuses_set = {}

    def show(self, actions: list[ActionData]) -> None:
        self.actions = actions
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(review_option(a) for a in actions)
        if actions:
            self.highlighted = min(highlighted or 0, len(actions) - 1)

    def selected_action(self) -> ActionData | None:
        actions: list[ActionData] = getattr(self, "actions", [])
        if self.highlighted is None or self.highlighted >= len(actions):
            return None
        return actions[self.highlighted]

    def action_prefill(self) -> None:
        action = self.selected_action()
        if action is not None:
            self.post_message(self.Prefill(action.id, self.statuses_set.get(action.id)))

    def action_status(self, status: str) -> None:
        action, value = self.selected_action(), status_from_word(status)
        if action is not None and value is not None:
            self.statuses_set[action.id] = value
            self.post_message(self.SetStatus(action.id, action.number, value))

    def action_leave(self) -> None:
        self.post_message(self.Leave())
