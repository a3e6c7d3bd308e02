"""Meetings for the record tests: the OPAG fixture through the real store, a two-meeting
series with reviews, a synthetic large meeting and a hostile one built directly.

Import the fixtures from a test module: `from tests.record_fixtures import opag, ...`.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path

import pytest

from minutes_tui.domain.snapshot import (
    ActionData,
    EntryData,
    ItemData,
    MeetingData,
    PersonData,
    RegisterData,
    ReviewData,
    SubItemData,
)
from tests.helpers import replay

FIXTURES = Path(__file__).parent / "fixtures"
OPAG_SCRIPT = FIXTURES / "opag-session-vii.minutes"
GOLDEN = FIXTURES / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
T0 = dt.datetime(2020, 7, 9, 9, 0, tzinfo=dt.UTC)


def replay_script(root: Path, text: str, previous_lines: str | None = None) -> MeetingData:
    """Replay a capture script into a fresh store under `root` and load the meeting."""
    from minutes_tui.capture.script import parse_script
    from minutes_tui.config import Home
    from minutes_tui.store.store import Store

    store = Store.open(Home(root))
    try:
        pid = None
        if previous_lines is not None:
            before = parse_script(previous_lines)
            pid = store.create_meeting(before.header)
            replay(store, pid, [line for _, line in before.lines])
        script = parse_script(text)
        mid = store.create_meeting(script.header, pid)  # the next meeting of the series
        replay(store, mid, [line for _, line in script.lines])
        return store.load(mid)
    finally:
        store.close()


def replay_series(root: Path, texts: list[str]) -> tuple[list[int], Path]:
    """Replay scripts as one series (each meeting linked to the one before) into a fresh
    store under `root`; returns the meeting ids and the store's home."""
    from minutes_tui.capture.script import parse_script
    from minutes_tui.config import Home
    from minutes_tui.store.store import Store

    store = Store.open(Home(root))
    ids: list[int] = []
    try:
        for text in texts:
            script = parse_script(text)
            mid = store.create_meeting(script.header, ids[-1] if ids else None)
            replay(store, mid, [line for _, line in script.lines])
            ids.append(mid)
    finally:
        store.close()
    return ids, root


def load_meeting(root: Path, meeting_id: int) -> MeetingData:
    from minutes_tui.config import Home
    from minutes_tui.store.store import Store

    store = Store.open(Home(root))
    try:
        return store.load(meeting_id)
    finally:
        store.close()


def load_register(
    root: Path, body: str, date_from: dt.date | None, date_to: dt.date | None
) -> RegisterData:
    from minutes_tui.config import Home
    from minutes_tui.store.store import Store

    store = Store.open(Home(root))
    try:
        return store.load_register(body, date_from, date_to)
    finally:
        store.close()


WORKPLAN_SCRIPTS = sorted((FIXTURES / "workplan").glob("*.minutes"))
FEB, JUN = dt.date(2021, 2, 1), dt.date(2021, 6, 30)


@pytest.fixture(scope="session")
def workplan_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The RG2 series (tests/fixtures/workplan/, four meetings January–June 2021)."""
    texts = [p.read_text("utf-8") for p in WORKPLAN_SCRIPTS]
    return replay_series(tmp_path_factory.mktemp("workplan"), texts)[1]


@pytest.fixture
def register(workplan_home: Path) -> RegisterData:
    """RG2's register from February to June 2021."""
    return load_register(workplan_home, "IASC RG2", FEB, JUN)


@pytest.fixture
def results_group(tmp_path: Path) -> MeetingData:
    """The RG1 meeting of 12 March 2021, its previous meeting linked (topics, reviews)."""
    texts = [(FIXTURES / n).read_text("utf-8") for n in RESULTS_GROUP]
    ids, root = replay_series(tmp_path / "rg1", texts)
    return load_meeting(root, ids[-1])


RESULTS_GROUP = ("results-group-previous.minutes", "results-group-actions.minutes")


@pytest.fixture
def response_plan(tmp_path: Path) -> MeetingData:
    text = (FIXTURES / "response-plan.minutes").read_text("utf-8")
    return replay_script(tmp_path / "plan", text)


@pytest.fixture(scope="session")
def opag_data(tmp_path_factory: pytest.TempPathFactory) -> MeetingData:
    return replay_script(tmp_path_factory.mktemp("opag"), OPAG_SCRIPT.read_text("utf-8"))


@pytest.fixture
def opag(opag_data: MeetingData) -> MeetingData:
    """The OPAG Session VII meeting, a private copy a test may change."""
    return copy.deepcopy(opag_data)


PREVIOUS_MEETING = """\
---
title: Information Management Network Meeting
body: IM Network
date: 2020-02-05
style: minutes
sensitivity: INTERNAL
---
/p MIMU: Ms. Shon Campbell (Chair)
/i 1 Open data
/a Share the open data guidance [MIMU] by 2020-02-28
/a Circulate the 3W template [OCHA; UNHCR] by end of February
/a Organise a POWER BI training [MIMU]
"""

CURRENT_MEETING = """\
---
title: Information Management Network Meeting
body: IM Network
date: 2020-03-03
time: 15:00-16:30
place: MIMU office, Yangon
chair: Ms. Shon Campbell, MIMU Manager
rapporteur: MIMU
style: minutes
sensitivity: INTERNAL
introduction: Follow-on Open Data and Big Data.
---
/p MIMU: Ms. Shon Campbell, MIMU Manager (Chair)
/p UNHCR: Mr. Mathew Richard, Information Management Officer (Presenter)
/p UNFPA: Ms. Lian Yong, Inter-Agency PSEA Coordinator (Presenter)
/p OCHA: Ms. Ana Lopez (apologies)
Welcome and round of introductions.
/i 1 UNHCR Registration and Case Management System (ProGres)
The **Profile Global Registration System** (ProGres) was established in 2003.
UNHCR: collects information and data on some of the most vulnerable people in the world.
/d Registration data stays with UNHCR; see [the policy](https://www.unhcr.org/data-protection).
/u 1 completed Guidance shared on 20 February
/u 2 in progress Template drafted, to be circulated next week
/a Present the Inform model to the network [OCHA] by 2020-05-06
/s Share the weblink for the index [OCHA]
/i 2 Updates on cluster/sector/agency initiatives
MIMU: is introducing new *Terms and Conditions* for its datasets.
/n 2020-05-06 15:00 Possibly on gender data
"""


@pytest.fixture
def series(tmp_path: Path) -> MeetingData:
    """A minutes-style meeting whose previous meeting in the series had three actions,
    two of them reviewed in this meeting."""
    return replay_script(tmp_path / "series", CURRENT_MEETING, PREVIOUS_MEETING)


# ---- meetings built directly ----------------------------------------------------------


def person(
    pid: int,
    hon: str | None,
    name: str | None,
    org: str | None,
    role: str | None = None,
    position: str | None = None,
    attendance: str = "present",
) -> PersonData:
    return PersonData(pid, hon, name, position, org, role, attendance)


def meeting(**kw: object) -> MeetingData:
    base: dict[str, object] = dict(
        id=1,
        body="Test Body",
        title="Test meeting",
        session=None,
        date=dt.date(2021, 3, 4),
        start_time=None,
        end_time=None,
        place=None,
        chair=None,
        rapporteur=None,
        style="summary",
        sensitivity="INTERNAL",
        status="final",
        introduction=None,
        next_date=None,
        next_time=None,
        next_text=None,
        previous_id=None,
    )
    base.update(kw)
    return MeetingData(**base)  # type: ignore[arg-type]


def entry(
    eid: int,
    item_id: int | None,
    text: str,
    speaker: str | None = None,
    kind: str = "point",
    org: str | None = None,
    is_person: bool = False,
) -> EntryData:
    return EntryData(
        eid, item_id, kind, speaker, org, is_person, text, T0 + dt.timedelta(seconds=eid)
    )


def action(
    aid: int,
    number: int,
    item_id: int | None,
    text: str,
    owners: list[str],
    due_date: dt.date | None = None,
    due_text: str | None = None,
    status: str = "pending",
    subs: list[SubItemData] | None = None,
) -> ActionData:
    return ActionData(
        aid,
        number,
        item_id,
        text,
        owners,
        due_date,
        due_text,
        status,
        T0 + dt.timedelta(seconds=aid),
        subs or [],
        [],
    )


def synthetic_meeting(items: int = 20, points: int = 2000, actions: int = 60) -> MeetingData:
    """A long meeting: `points` points spread over `items` items, with inline Markdown,
    links, speakers, decisions and `actions` actions (every fifth with sub-items)."""
    orgs = ["UNHCR", "WFP", "UNICEF", "OCHA", "IOM", "WHO", "NRC", "IFRC"]
    participants = [
        person(i + 1, "Ms." if i % 2 else "Mr.", f"Person{i} Surname{i}", orgs[i % len(orgs)])
        for i in range(40)
    ]
    agenda = [
        ItemData(i + 1, str(i + 1), f"Agenda item number {i + 1}", None, i + 1)
        for i in range(items)
    ]
    entries = []
    for n in range(points):
        item_id = n % items + 1
        kind = "decision" if n % 50 == 7 else "key_message" if n % 50 == 9 else "point"
        speaker = orgs[n % len(orgs)] if n % 3 == 0 else None
        text = (
            f"raised point {n} about **coordination** and *data*, see "
            f"[the note](https://example.org/notes/{n}) and `code {n}`; the group agreed "
            "that information sharing protocols need review before the next cycle."
            if n % 4 == 0
            else f"Point {n}: partners discussed access constraints, funding gaps and the "
            "timeline for the joint assessment across several districts."
        )
        entries.append(entry(n + 1, item_id, text, speaker, kind, speaker))
    acts = []
    for n in range(actions):
        subs = (
            [SubItemData(n * 10 + k, f"Sub-task {k} of action {n + 1}", ["OCHA"]) for k in range(2)]
            if n % 5 == 0
            else []
        )
        acts.append(
            action(
                n + 1,
                n + 1,
                n % items + 1,
                f"Follow up on topic {n + 1} with partners and report back",
                [orgs[n % len(orgs)]],
                dt.date(2021, 4, 1) if n % 2 else None,
                None if n % 2 else "end of the quarter",
                subs=subs,
            )
        )
    acts.sort(key=lambda a: (a.item_id or 0, a.number))
    for number, a in enumerate(acts, 1):
        a.number = number
    return meeting(
        title="Synthetic long meeting",
        session="Session I",
        participants=participants,
        items=agenda,
        entries=entries,
        actions=acts,
        chair="Ms. Person1 Surname1",
    )


ARABIC = "ناقش الاجتماع خطة الاستجابة الإنسانية وتبادل البيانات"
BURMESE = "အစည်းအဝေးတွင် ဒေတာမျှဝေခြင်းကို ဆွေးနွေးခဲ့သည်"
CONTROL = (
    "bell\x07 null\x00 escape\x1b vt\x0b ff\x0c del\x7f c1\x85 nonchar\ufffe\uffff "
    "surrogate\ud800 end"
)


def hostile_meeting(big: int = 1_000_000) -> MeetingData:
    """Every kind of text that breaks renderers, in every place text can go."""
    participants = [
        person(1, "Ms.", "Amina Al-Sayed", "UN|HCR `x`", "Chair", "Head | of `office`"),
        person(2, "Mr.", "Zaw Min", "WFP"),
        person(3, None, None, "<b>Org</b>"),
    ]
    items = [
        ItemData(1, "1", "Pipes | and `ticks` <script>alert(1)</script>", "Ms. Amina Al-Sayed", 1),
        ItemData(2, "2", "Scripts", None, 2),
    ]
    entries = [
        entry(1, None, "# not a heading"),
        entry(2, 1, "1. not a list"),
        entry(3, 1, "- not a bullet either"),
        entry(4, 1, "> not a quote\n---\n=== \n    not code\n[ref]: https://evil.example"),
        entry(
            5,
            1,
            "<div>html block</div> and <img src=x onerror=alert(1)> inline, "
            "but `<code>` and <https://example.org> stay",
        ),
        entry(6, 1, "a | b | c\n--- | ---"),
        entry(7, 1, CONTROL),
        entry(8, 2, ARABIC, "UNHCR", org="UNHCR"),
        entry(9, 2, BURMESE),
        entry(10, 2, "x" * big),
        entry(11, 2, "**bold** *italic* `code` [link](https://example.org/a?b=1&c=2)"),
        entry(12, 2, "Multi-line note:\n- first bullet\n- second bullet\n1. one\n2. two"),
        entry(13, 2, "Link [bad](javascript:alert(1)) and back\\slash and trailing \\"),
        entry(14, 2, "Group | `g` <b>", kind="group"),
        EntryData(15, 2, "point", None, None, False, "text | <i>", T0, label="La|bel <b>`x`"),
    ]
    actions = [
        action(
            1,
            1,
            1,
            "Fix the `a|b` pipe | issue <b>now</b>",
            ["UN|HCR", "`WFP`"],
            due_text="mid-August",
            subs=[SubItemData(1, "sub | pipe `x|y`", ["O|CHA"])],
        ),
        action(2, 2, 2, ARABIC, ["UNHCR"], dt.date(2021, 5, 1)),
        action(3, 3, 2, "1. starts like a list " + CONTROL, ["IOM"]),
    ]
    actions[0].group = "Area | <i>x</i> `y`"
    actions[0].timeframe = "Q2 | 2021 <b>"
    actions[0].partners = ["IOM|x", "<b>UNFPA</b>"]
    actions[0].links = "RG|2 `z`"
    actions[0].comments = "c | d <i>e</i>"
    actions[0].sub_items[0].timeframe = "Q3 | <b>"
    reviews = [
        ReviewData(
            1,
            2,
            9,
            "Review `a|b` | pipe <b>x</b>",
            ["O|CHA"],
            "in_progress",
            "progress | with <i>html</i>",
            T0,
            action_id=9,
            group="Topic | `g` <b>",
            action_meeting_id=7,
            action_meeting_date=dt.date(2021, 1, 5),
        )
    ]
    return meeting(
        title="Hostile | meeting `x` " + CONTROL,
        body="Body <i>",
        session="Session 1",
        chair="Ms. Amina Al-Sayed | <b>",
        introduction="## intro *is* Markdown\n+ plus",
        participants=participants,
        items=items,
        entries=entries,
        actions=actions,
        reviews=reviews,
        next_text="bring | pipes",
        next_date=dt.date(2021, 6, 1),
        sensitivity="RESTRICTED",
    )


# ---- golden files -------------------------------------------------------------------


def check_golden(name: str, text: str) -> None:
    """Compare `text` with tests/fixtures/golden/NAME; `UPDATE_GOLDEN=1` rewrites it."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return
    assert path.exists(), f"{path} is missing: run `UPDATE_GOLDEN=1 pytest {__file__}`"
    expected = path.read_text("utf-8")
    assert text == expected, (
        f"{name} differs from its golden file; if the change is intended, run "
        "`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_record_markdown.py` and review the diff"
    )
