"""The capture log reads an item's entries as plain rows (store/log.py): the same lines as
the ORM's, confidential marks included."""

from __future__ import annotations

from pathlib import Path

from minutes_tui.capture.unparse import recall
from minutes_tui.config import Home
from minutes_tui.store.store import Store
from tests.record_fixtures import FIXTURES, RESULTS_GROUP, WORKPLAN_SCRIPTS, replay_series

SERIES = {
    "results-group": [FIXTURES / n for n in RESULTS_GROUP],
    "workplan": WORKPLAN_SCRIPTS,
    "opag": [FIXTURES / "opag-session-vii.minutes"],
    "response-plan": [FIXTURES / "response-plan.minutes"],
}


def test_the_capture_log_of_every_item_reads_as_the_orm_would(tmp_path: Path) -> None:
    """store.log.item_log reads an item's entries as plain rows (20,000 open in a tenth of
    the time): each line equals the one built from the ORM row."""
    from sqlmodel import select

    from minutes_tui.store.log import entry_line, item_log
    from minutes_tui.store.models import Entry

    texts = [p.read_text("utf-8") for p in SERIES["opag"] + SERIES["results-group"]]
    ids, root = replay_series(tmp_path / "log", texts)
    store = Store.open(Home(root))
    compared = 0
    try:
        with store.read() as s:
            for mid in ids:
                for item_id in [None, *(i.id for i in store.load_items(mid))]:
                    rows = s.exec(
                        select(Entry).where(Entry.meeting_id == mid, Entry.item_id == item_id)
                    ).all()
                    expected = sorted(map(entry_line, rows), key=lambda x: x.ref.id)
                    got = [x for x in item_log(s, mid, item_id) if x.ref.table == "entry"]
                    assert sorted(got, key=lambda x: x.ref.id) == expected
                    compared += len(expected)
    finally:
        store.close()
    assert compared > 20


def test_a_confidential_line_reads_back_marked_and_recalls_with_its_bang(tmp_path: Path) -> None:
    """Recalling it without the `!` would make an edit quietly circulate it."""
    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.session.capture_session import CaptureSession
    from minutes_tui.store.log import item_log

    store = Store.open(Home(tmp_path))
    try:
        mid = store.create_meeting(MeetingHeader(title="Log", body="IMN"))
        CaptureSession(store, mid).submit_all(["/i 1 Access", "!OCHA: the corridor", "open"])
        item = store.load_items(mid)[0].id
        with store.read() as s:
            lines = item_log(s, mid, item)
    finally:
        store.close()
    assert [(x.confidential, recall(x)) for x in lines] == [
        (True, "!OCHA: the corridor"),
        (False, "open"),
    ]
