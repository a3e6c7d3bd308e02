"""What the phrasebook learns from: the newest recorded texts of a meeting's body.

Never a confidential (`!`) line, nor a meeting in the trash: completion shows on a
shared screen, and must not put a confidential word on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minutes_tui.store.store import Store

# Enough for a body's phrasing (a year of meetings), little enough to read at once.
LEARN_LIMIT = 3000

_TEXTS = """
SELECT e.text FROM entry e JOIN meeting m ON m.id = e.meeting_id
WHERE (m.id = :mid OR m.body = :body) AND NOT e.confidential AND m.deleted_at IS NULL
ORDER BY e.id DESC LIMIT :limit
"""


def body_texts(store: Store, meeting_id: int, limit: int = LEARN_LIMIT) -> list[str]:
    """The texts of the newest entries of the meeting's body (or of the meeting alone,
    when it has no body), oldest first."""
    from sqlalchemy import text

    with store.engine.connect() as con:
        body = con.execute(
            text("SELECT body FROM meeting WHERE id = :mid"), {"mid": meeting_id}
        ).scalar()
        # `m.body = NULL` is never true: a meeting without a body learns from itself.
        rows = con.execute(text(_TEXTS), {"mid": meeting_id, "body": body, "limit": limit}).all()
    return [row[0] for row in reversed(rows) if row[0]]
