"""`minutes show` and `export` read a meeting with the standard sqlite3 module
(store/plainload.py): the same MeetingData as the ORM's load, on every fixture."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from minutes_tui.config import Home
from minutes_tui.snapshot import IdentityTable
from minutes_tui.store import plainload
from minutes_tui.store.errors import NotFound
from minutes_tui.store.store import Store
from tests.helpers import run_cli
from tests.record_fixtures import FIXTURES, RESULTS_GROUP, WORKPLAN_SCRIPTS, replay_series

SERIES = {
    "results-group": [FIXTURES / n for n in RESULTS_GROUP],
    "workplan": WORKPLAN_SCRIPTS,
    "opag": [FIXTURES / "opag-session-vii.minutes"],
    "response-plan": [FIXTURES / "response-plan.minutes"],
}


@pytest.mark.parametrize("series", sorted(SERIES))
def test_plain_load_equals_the_orm_load(tmp_path: Path, series: str) -> None:
    texts = [p.read_text("utf-8") for p in SERIES[series]]
    ids, root = replay_series(tmp_path / series, texts)
    store = Store.open(Home(root))
    con = plainload.open_reader(Home(root))
    assert con is not None
    rows = 0
    try:
        for mid in ids:
            orm = dataclasses.replace(store.load(mid), identities=IdentityTable())
            plain = plainload.load_meeting(con, mid)
            assert plain == orm
            assert plain.to_json() == orm.to_json()
            rows += len(plain.entries) + len(plain.actions) + len(plain.reviews)
        assert rows  # the fixtures are not empty
        with pytest.raises(NotFound, match="No meeting with id 999"):
            plainload.load_meeting(con, 999)
    finally:
        con.close()
        store.close()


def test_show_json_reads_without_sqlalchemy(tmp_path: Path) -> None:
    texts = [p.read_text("utf-8") for p in SERIES["results-group"]]
    ids, root = replay_series(tmp_path / "rg", texts)
    script = (
        "import sys; from minutes_tui.cli import main; "
        f"code = main(['--home', {str(root)!r}, 'show', '{ids[-1]}', '--json']); "
        "print('sqlalchemy' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stderr.split() == ["False"], done.stderr
    assert done.stdout == run_cli("show", str(ids[-1]), "--json", home=root).stdout


def test_the_capture_log_of_every_item_reads_as_the_orm_would(tmp_path: Path) -> None:
    """store.log.item_log reads an item's entries as plain rows (20,000 open in a tenth of
    the time): each line equals the one built from the ORM row."""
    from sqlmodel import select

    from minutes_tui.models import Entry
    from minutes_tui.store.log import entry_line, item_log

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
