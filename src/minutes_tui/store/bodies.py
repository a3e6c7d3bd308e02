"""Bodies and the bodies above them: a policy group, its results groups, their sub-groups.

Meetings name their body as text ("IASC RG1"); the `body` table says which body is above
which. Names compare casefolded, as everywhere a body is matched. A meeting's *register
family* is its body, every body above it and every body below it (transitively): the
actions it may review by reference, and the review pane's list.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from minutes_tui.store.errors import NotFound
from minutes_tui.store.models import Body


def _fold(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def _parents(s: Session) -> dict[str, str]:
    return parents_of((b.name, b.parent) for b in s.exec(select(Body)).all())


def parents_of(rows: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Every body's parent, casefolded: {"iasc rg1": "iasc opag"}, from (name, parent)."""
    return {_fold(name): _fold(parent) for name, parent in rows if _fold(parent)}


def parent_of(s: Session, body: str) -> str | None:
    """The parent as typed, or None."""
    for row in s.exec(select(Body)).all():
        if _fold(row.name) == _fold(body):
            return row.parent or None
    return None


def set_parent(s: Session, body: str, parent: str | None) -> None:
    """Put `body` under `parent` (None: at the top). Refuses a loop (a body under itself
    or under one of its own sub-bodies) with one sentence, changing nothing."""
    name = " ".join(body.split())
    if not name:
        raise NotFound("A body needs a name.")
    above = " ".join((parent or "").split()) or None
    if above is not None:
        parents = _parents(s)
        walk: str | None = _fold(above)
        seen: set[str] = set()
        while walk and walk not in seen:
            if walk == _fold(name):
                raise NotFound(f"{above} is {name} or one of its sub-bodies: that is a loop.")
            seen.add(walk)
            walk = parents.get(walk)
    row = next((b for b in s.exec(select(Body)).all() if _fold(b.name) == _fold(name)), None)
    if row is None:
        row = Body(name=name)
        s.add(row)
    row.parent = above
    s.flush()


def family(s: Session, body: str | None) -> set[str]:
    return family_of(_parents(s), body)


def family_of(parents: dict[str, str], body: str | None) -> set[str]:
    """The body, every body above it and every body below it (casefolded); empty for none."""
    start = _fold(body)
    if not start:
        return set()
    out = {start}
    walk = parents.get(start)
    while walk and walk not in out:  # up: the parent, its parent…
        out.add(walk)
        walk = parents.get(walk)
    below = {start}
    while True:  # down: every body whose parent is already below (or is) this one
        more = {child for child, parent in parents.items() if parent in below} - below
        if not more:
            break
        below |= more
    return out | below


def same_family(s: Session, body: str | None, other: str | None) -> bool:
    """May a meeting of `body` review an action agreed by `other`?"""
    return _fold(other) in family(s, body)
