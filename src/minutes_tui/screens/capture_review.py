"""The capture screen's review pane: the register's actions beside the agenda. A status
key (c/i/p/d) stores a dated review; Enter then adds its progress note to that same
review (one status + note is one review, never two), and a second status key for the
action changes that review rather than adding another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.widgets import OptionList

from minutes_tui.capture import unparse
from minutes_tui.domain.translate import _
from minutes_tui.domain.vocabulary import status_word
from minutes_tui.screens.capture_editing import CaptureEditing
from minutes_tui.widgets.capture_line import CaptureLine
from minutes_tui.widgets.review_list import ReviewList, describe

if TYPE_CHECKING:
    from minutes_tui.store.log import LogLine
    from minutes_tui.store.refs import Applied, Ref
    from minutes_tui.store.store import Store


class CaptureReview(CaptureEditing):
    """What the capture screen (its subclass) provides: the store, `after_write`; what
    this class adds: the review pane's keys."""

    # action id → the review its status key stored in this meeting (kept while the screen is)
    pane_reviews: dict[int, Ref]

    @property
    def store(self) -> Store:
        raise NotImplementedError

    def after_write(self, result: Applied) -> None:
        raise NotImplementedError

    def refresh_reviews(self) -> None:
        actions = self.store.register_actions(self.meeting_id)
        review = self.query_one("#review", ReviewList)
        review.show(actions)
        review.display = bool(actions)
        self.query_one("#review-title").display = bool(actions)

    def pane_review(self, action_id: int) -> tuple[int, LogLine] | None:
        """The review this pane stored for the action, when it is still in the log shown."""
        ref = self.pane_reviews.get(action_id)
        for index, line in enumerate(self.lines):
            if ref is not None and line.ref == ref:
                return index, line
        return None

    def save_edit(self, line: str) -> None:
        edited = self.recalled()
        super().save_edit(line)
        if edited is not None and edited.kind == "review":
            self.refresh_reviews()  # its status may have changed: the pane's mark follows

    def action_review(self) -> None:
        review = self.query_one("#review", ReviewList)
        if not review.option_count:
            self.status(_("No open actions in this body's register, and no previous meeting."))
            return
        review.focus()
        self.status(
            _("Review: c completed · i in progress · p pending · d dropped · Enter note · Esc back")
        )

    @on(OptionList.OptionHighlighted, "#review")
    def review_highlighted(self) -> None:
        review = self.query_one("#review", ReviewList)
        action = review.selected_action()
        if action is not None and review.has_focus:
            self.status(describe(action))

    @on(ReviewList.Prefill)
    def review_prefill(self, event: ReviewList.Prefill) -> None:
        line = self.query_one(CaptureLine)
        found = self.pane_review(event.action_id)
        if found is not None:  # the status key's review: Enter adds the note to it
            self.end_recall(restore_draft=True)
            self.draft = line.value
            self.recall_index, stored = found
            line.value = unparse.recall(stored) + " "
            line.add_class("editing")
            message = _("Action #{id}: type the progress, then Enter (same review).").format(
                id=event.action_id
            )
        else:
            line.value = f"/u #{event.action_id} " + (
                f"{status_word(event.status)} " if event.status else ""
            )
            message = _("Action #{id}: type the status and the progress, then Enter.").format(
                id=event.action_id
            )
        line.cursor_position = len(line.value)
        line.focus()
        self.status(message)

    @on(ReviewList.SetStatus)
    def review_status(self, event: ReviewList.SetStatus) -> None:
        found = self.pane_review(event.action_id)
        if found is not None:  # a second key changes the review it stored, keeping its note
            _index, stored = found
            typed = unparse.review_line(f"#{event.action_id}", event.status, stored.text)
            typed = unparse.confidential(stored.confidential, typed)
            edited = self.run_write(
                lambda: self.session.edit(stored.ref, typed, unparse.recall(stored))
            )
            if edited is not None:
                self.show_item(self.item_id)
                self.refresh_reviews()
                self.status(edited.message, edited.warnings)
            return
        result = self.run_write(
            lambda: self.session.review(event.action_id, event.number, event.status)
        )
        if result is not None:
            for stored in result.lines:
                if stored.kind == "review":
                    self.pane_reviews[event.action_id] = stored.ref
            self.after_write(result)

    @on(ReviewList.Leave)
    def review_leave(self) -> None:
        self.query_one(CaptureLine).focus()
        self.status("")
