"""Shared by the back-catalogue tests: a meeting as the facts a round trip must keep."""

from __future__ import annotations

from pathlib import Path

from minutes_tui.domain.snapshot import MeetingData


def items(m: MeetingData, fold: bool = False) -> list[tuple[str | None, str]]:
    return [(i.label, i.title.casefold() if fold else i.title) for i in m.items]


def points(m: MeetingData) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, text, speaker, label) of every point, decision, key message and list line."""
    return [
        (e.kind, e.text, e.speaker, e.label)
        for e in sorted(m.entries, key=lambda e: e.id)
        if e.kind != "group"
    ]


def actions(m: MeetingData) -> list[tuple[object, ...]]:
    return [
        (
            a.number,
            a.text,
            a.owners,
            a.due_date,
            a.due_text,
            a.timeframe,
            [(s.text, s.owners, s.timeframe) for s in a.sub_items],
        )
        for a in sorted(m.actions, key=lambda a: a.number)
    ]


def register(m: MeetingData) -> list[tuple[object, ...]]:
    return [
        (a.number, a.group, a.partners, a.links, a.comments, a.status)
        for a in sorted(m.actions, key=lambda a: a.number)
    ]


def participants(m: MeetingData) -> list[tuple[str | None, ...]]:
    return sorted((p.honorific, p.name, p.position, p.organisation, p.role) for p in m.participants)


def import_into(
    root: Path, path: Path, previous: int | None = None, body: str | None = None
) -> int:
    """Import a record file through the CLI's own path; returns the meeting id."""
    from minutes_tui.cli.importing import read
    from minutes_tui.config import Home
    from minutes_tui.session.import_record import store_record
    from minutes_tui.store.store import Store

    store = Store.open(Home(root))
    try:
        return store_record(store, path, read(path, body), previous)
    finally:
        store.close()
