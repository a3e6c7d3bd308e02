"""A sync reads only the meetings that changed (issue 24): with nothing changed it reads
none, on either side, and a change made by any write path still goes out and arrives.

The reads are counted where sync reads a whole meeting (team/copies.py's `read_meeting`,
to hash one of this home's or to pull another's), through a real PostgreSQL archive."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from minutes_tui.config import Home
from tests.helpers import run_cli

pytestmark = pytest.mark.postgres


@pytest.fixture
def archive(archive_url: str) -> str:
    from minutes_tui.store.migrate import upgrade

    engine = create_engine(archive_url)
    upgrade(engine)
    engine.dispose()
    return archive_url


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Meeting title -> how many times a sync read that meeting whole."""
    from minutes_tui.team import copies, sync

    counted: Counter[str] = Counter()

    def counting(*args: object, **kwargs: bool) -> copies.MeetingCopy:
        copy = copies.read_meeting(*args, **kwargs)  # type: ignore[arg-type]
        counted[str(copy.meeting["title"])] += 1
        return copy

    monkeypatch.setattr(sync, "read_meeting", counting)
    return counted


def new_meeting(home: Home, title: str, *lines: str) -> str:
    made = run_cli("new", title, "--body", "IASC OPAG", "--date", "2026-11-02", home=home)
    assert made.returncode == 0, made.stderr
    if lines:
        added = run_cli("add", made.stdout.strip(), *lines, home=home)
        assert added.returncode == 0, added.stderr
    return made.stdout.strip()


def sync(home: Home, archive: str, reads: Counter[str]) -> tuple[str, Counter[str]]:
    """What the sync printed, and which meetings it read."""
    reads.clear()
    done = run_cli("sync", "--archive", archive, home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout, Counter(reads)


LINES = (
    "/p UNHCR: Ms. Gillian Triggs",
    "/i 1 Data responsibility",
    "OCHA: outlined the concept",
    "UNHCR raised points as follows:",
    "- further support to the drafting",
    "/a Finalize the guidance [OCHA] by 2026-12-31",
    "/s circulate a draft [UNHCR]",
)


def test_nothing_changed_reads_no_meeting_and_a_change_on_either_side_arrives(
    tmp_path: Path, archive: str, reads: Counter[str]
) -> None:
    a, b = Home(tmp_path / "a"), Home(tmp_path / "b")
    ours = {f"A{n}": new_meeting(a, f"A{n}", *LINES) for n in range(3)}
    theirs = new_meeting(b, "B0", "/i 1 Cash", "WFP: vouchers rolled out")
    assert sync(a, archive, reads)[1] == {"A0": 1, "A1": 1, "A2": 1}  # hashed to push
    assert sync(b, archive, reads)[1] == {"B0": 1, "A0": 1, "A1": 1, "A2": 1}  # + pulled
    assert sync(a, archive, reads)[1] == {"B0": 1}

    for home in (a, b, a, b):
        said, read = sync(home, archive, reads)
        assert said.startswith("nothing to do") and read == {}

    # A change here: that meeting alone is read, pushed, and pulled by the other home.
    run_cli("add", ours["A1"], "WHO: a late point", home=a)
    said, read = sync(a, archive, reads)
    assert said.startswith("pushed 1 meeting, pulled 0") and read == {"A1": 1}
    said, read = sync(b, archive, reads)
    assert said.startswith("pushed 0 meetings, pulled 1") and read == {"A1": 1}
    shown = run_cli("show", "--json", str(_id(b, "A1")), home=b).stdout
    assert "a late point" in shown

    # A change on the other side comes the same way.
    run_cli("edit", theirs, "--title", "B0 (renamed)", home=b)
    assert sync(b, archive, reads)[1] == {"B0 (renamed)": 1}
    said, read = sync(a, archive, reads)
    assert said.startswith("pushed 0 meetings, pulled 1") and read == {"B0 (renamed)": 1}
    assert sync(a, archive, reads)[1] == {}


def _id(home: Home, title: str) -> int:
    import json

    listed = json.loads(run_cli("list", "--json", home=home).stdout)["meetings"]
    return int(next(m["id"] for m in listed if m["title"] == title))


def test_every_write_path_marks_what_it_changed_and_only_that_is_read(
    tmp_path: Path, archive: str, reads: Counter[str]
) -> None:
    a = Home(tmp_path / "a")
    m1 = new_meeting(a, "M1", *LINES)
    m2 = new_meeting(a, "M2", "/i 1 Other business", "WFP: vouchers rolled out")
    m3 = new_meeting(a, "M3")
    sync(a, archive, reads)
    steps = [
        (("add", m1, "WHO: a point through the fast path"), {"M1"}),
        (("undo", m1), {"M1"}),
        (("edit", m2, "--title", "M2 (renamed)"), {"M2 (renamed)"}),
        # A person is shared: their new position changes every meeting that names them.
        (("add", m3, "/p UNHCR: Ms. Gillian Triggs, High Commissioner"), {"M1", "M3"}),
        # A review typed in M3 changes the status of M1's action.
        (("action-status", "1", "completed", "--meeting", m3), {"M1", "M3"}),
        (("trash", m2), {"M2 (renamed)"}),
        (("restore", m2), {"M2 (renamed)"}),
        (("finalize", m2, "--no-pdf"), {"M2 (renamed)"}),
        (("reopen", m2, "--reason", "a typo"), {"M2 (renamed)"}),
    ]
    for args, changed in steps:
        done = run_cli(*args, home=a)
        assert done.returncode == 0, (args, done.stderr)
        said, read = sync(a, archive, reads)
        assert read == dict.fromkeys(changed, 1), args
        meetings = "meeting" if len(changed) == 1 else "meetings"
        assert said.startswith(f"pushed {len(changed)} {meetings}"), (args, said)
        assert sync(a, archive, reads) == (
            "nothing to do: this home and the archive already agree\n",
            Counter(),
        ), args
