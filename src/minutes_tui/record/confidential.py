"""Confidential entries in a record: left out of a circulated one, marked in one that
includes them (`--include-confidential`, the export dialog's switch).

Works on the snapshot, before any style builds blocks, so no style or renderer can show
what it was never given. Pure.

How numbers read. The store never renumbers: action N of a meeting stays N (what `/u N`,
the tracker and the capture screen use) and its register reference #id never changes. A
circulated record numbers the actions it shows 1, 2, 3 … in their order, so a confidential
action is not a gap; a review of an earlier meeting's action gives that action's number
in that meeting's circulated record. A record that includes confidential entries shows the
store's numbers, as the rapporteur typed them.
"""

from __future__ import annotations

from dataclasses import replace

from minutes_tui.domain.snapshot import ActionData, EntryData, MeetingData, RegisterData, ReviewData

MARK = "[Confidential] "


def circulated(data: MeetingData) -> MeetingData:
    """The meeting without its confidential entries, actions and reviews, numbered again."""
    hidden = {e.id for e in data.entries if e.confidential}
    entries = [e for e in data.entries if e.id not in hidden and (e.parent_id or 0) not in hidden]
    return replace(
        data,
        entries=entries,
        actions=_public_actions(data.actions),
        reviews=[_renumber_review(r) for r in data.reviews if not r.confidential],
        previous_actions=_public_actions(data.previous_actions),
    )


def marked(data: MeetingData, mark: str = MARK) -> MeetingData:
    """The whole meeting, each confidential entry, action and review marked as such (with
    `mark`, "[Confidential] " in the record's language)."""
    secret = {e.id for e in data.entries if e.confidential}
    return replace(
        data,
        entries=[_mark_entry(e, secret, mark) for e in data.entries],
        actions=[_mark_action(a, mark) for a in data.actions],
        reviews=[
            replace(r, text=mark + r.text if r.text else mark.strip()) if r.confidential else r
            for r in data.reviews
        ],
        previous_actions=[_mark_action(a, mark) for a in data.previous_actions],
    )


def has_confidential(data: MeetingData) -> bool:
    """Whether the meeting holds anything a circulated record leaves out: what decides
    that a record including confidential entries says so on every page."""
    return (
        any(e.confidential for e in data.entries)
        or any(r.confidential for r in data.reviews)
        or _any_confidential(data.actions)
        or _any_confidential(data.previous_actions)
    )


def register_has_confidential(data: RegisterData) -> bool:
    return _any_confidential(data.actions)


def _any_confidential(actions: list[ActionData]) -> bool:
    return any(
        a.confidential
        or any(u.confidential for u in a.updates)
        or any(s.confidential for s in a.sub_items)
        for a in actions
    )


def circulated_register(data: RegisterData) -> RegisterData:
    return replace(data, actions=_public_actions(data.actions))


def marked_register(data: RegisterData, mark: str = MARK) -> RegisterData:
    return replace(data, actions=[_mark_action(a, mark) for a in data.actions])


def _public_actions(actions: list[ActionData]) -> list[ActionData]:
    return [
        replace(
            a,
            number=a.public_number or a.number,
            updates=[u for u in a.updates if not u.confidential],
            sub_items=[s for s in a.sub_items if not s.confidential],
        )
        for a in actions
        if not a.confidential
    ]


def _renumber_review(r: ReviewData) -> ReviewData:
    return replace(r, action_number=r.action_public_number or r.action_number)


def _mark_entry(e: EntryData, secret: set[int], mark: str) -> EntryData:
    # A list item of a confidential entry is marked with it (its parent carries the mark);
    # one marked on its own (`!- text` under a circulated point) carries its own.
    if e.confidential and (e.parent_id or 0) not in secret:
        return replace(e, text=mark + e.text)
    return e


def _mark_action(a: ActionData, mark: str) -> ActionData:
    updates = [replace(u, text=mark + u.text) if u.confidential else u for u in a.updates]
    subs = [replace(s, text=mark + s.text) if s.confidential else s for s in a.sub_items]
    text = mark + a.text if a.confidential else a.text
    return replace(a, text=text, updates=updates, sub_items=subs)
