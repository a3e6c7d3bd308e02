"""What the model test (tests/test_session_model.py) found in the capture session, each
fault pinned as the sequence of rules that showed it; each of these failed before its fix."""

from __future__ import annotations

from typing import Any

from minutes_tui.config import Home
from tests.test_session_model import SessionMachine

# ---- what the model found, each pinned as the sequence that showed it -----------------------


def replay_steps(home: Home, steps: list[tuple[str, dict[str, Any]]]) -> None:
    """Run rules of the machine in this order, checking the store against the model after
    each, as Hypothesis does."""
    SessionMachine.home = home
    machine = SessionMachine()
    try:
        machine.store_equals_model()
        for name, arguments in steps:
            getattr(machine, name)(**arguments)
            machine.store_equals_model()
    finally:
        machine.teardown()


def typed(form: str, word: str, secret: bool = False) -> tuple[str, dict[str, Any]]:
    return ("type_line", {"form": form, "words": [word], "secret": secret})


def test_model_delete_a_line_with_its_list_and_undo(home: Home) -> None:
    """Undo typed the parent again at the end with a new time; its list items were lost."""
    replay_steps(
        home,
        [
            typed("speaker", "water"),
            typed("list", "cash"),
            typed("list", "data"),
            typed("point", "health"),
            ("delete_line", {"pick": "water"}),
            ("undo", {}),
        ],
    )


def test_model_delete_an_action_with_sub_items_and_undo(home: Home) -> None:
    """Undo typed the action again as the last number; its sub-items were lost."""
    replay_steps(
        home,
        [
            typed("action", "water"),
            typed("sub", "cash"),
            typed("list", "data"),
            typed("action", "health"),
            ("delete_line", {"pick": "water"}),
            ("undo", {}),
        ],
    )


def test_model_a_review_redone_after_a_restart_keeps_its_note(home: Home) -> None:
    """The review pane's journal line was "/u 1 completed": redo after a restart read it
    again and stored the review without its note."""
    replay_steps(
        home,
        [
            ("review", {"which": 0, "status": "completed"}),
            ("reopen", {}),
            ("undo", {}),
            ("redo", {}),
        ],
    )


def test_model_undo_after_f9_takes_back_the_mark(home: Home) -> None:
    """F9 was no step of the journal: ctrl+z after it deleted the line typed before."""
    replay_steps(
        home,
        [
            typed("point", "water"),
            typed("decision", "cash"),
            ("confidential", {"pick": "water"}),
            ("undo", {}),
        ],
    )


def test_model_redo_types_the_line_again_under_its_own_item(home: Home) -> None:
    """Redo put the line under the item current at the undo, not the one it was typed in."""
    replay_steps(
        home,
        [
            typed("item", "water"),
            typed("item", "cash"),
            typed("point", "data"),
            ("move_to_item", {"pick": 0}),
            ("undo", {}),
            ("redo", {}),
        ],
    )


def test_model_retype_a_point_with_a_list_as_an_action_and_undo(home: Home) -> None:
    """Undo of an edit into another kind typed the old line again at the end, new time,
    without its list items."""
    replay_steps(
        home,
        [
            typed("point", "water"),
            typed("list", "cash"),
            typed("point", "data"),
            ("retype_kind", {"pick": "water"}),
            ("undo", {}),
        ],
    )


def test_model_editing_a_point_keeps_its_confidential_list_item_confidential(
    home: Home,
) -> None:
    """Editing the text of a point wrote its mark again, and its list items followed it:
    a list item marked `!` under it became public."""
    replay_steps(
        home,
        [
            typed("point", "water"),
            typed("list", "cash", secret=True),
            ("edit_line", {"pick": "water", "words": ["data"]}),
        ],
    )


def test_model_a_sub_item_after_deleted_ones_comes_last(home: Home) -> None:
    """A new sub-item took position count + 1: after two deletions, before a later one."""
    replay_steps(
        home,
        [
            typed("action", "water"),
            typed("sub", "cash"),
            typed("sub", "data"),
            typed("sub", "health"),
            ("delete_line", {"pick": "cash"}),
            ("delete_line", {"pick": "data"}),
            typed("sub", "access"),
        ],
    )


def test_model_deleting_the_current_item_moves_to_the_last_one(home: Home) -> None:
    """The session stayed on the deleted item: the next line failed with NotFound."""
    replay_steps(
        home,
        [
            typed("item", "water"),
            typed("item", "cash"),
            ("delete_item", {}),
            typed("point", "data"),
        ],
    )
