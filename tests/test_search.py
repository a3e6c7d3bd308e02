"""Full-text search: the FTS5 index and its triggers, `search()`, `minutes search`, the screen."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.screens.search import SearchScreen, as_you_type
from minutes_tui.store import search as search_module
from minutes_tui.store.errors import StoreError
from minutes_tui.store.models import ActionUpdate, Entry
from minutes_tui.store.refs import Ref
from minutes_tui.store.search import Hit, fts_query, search, touches_scope
from minutes_tui.store.search_text import (
    MARK_CLOSE,
    MARK_OPEN,
    SearchError,
    mark,
    repair,
    segments,
    unmark,
)
from minutes_tui.store.store import Store
from tests.helpers import FIXTURES, capture, edit, replay, run_cli, settle, type_text

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ROOT / "src/minutes_tui/store/migrations/versions"
MIGRATION = VERSIONS / "0021_search_folding.py"
SPEED = VERSIONS / "0010_search_speed.py"
SIZE = (120, 40)

# Lines that do not mention what the tests look for: bm25 needs a corpus in which
# a searched word is not everywhere.
FILLER = [
    "WFP: pipeline breaks expected in the third quarter",
    "UNICEF: nutrition screening reached most districts",
    "The secretariat will circulate the revised calendar",
    "IOM: displacement tracking shows new arrivals in the north",
    "FAO: seeds distribution delayed by the rains",
    "WHO: health facilities report shortages of supplies",
    "Partners welcomed the updated dashboard",
    "UNFPA: clinical management of rape training planned",
]


def new_meeting(store: Store, title: str, date: str, body: str = "IM Network") -> int:
    return store.create_meeting(MeetingHeader(title=title, body=body, date=date))


def index_rows(con: sqlite3.Connection) -> list[tuple[object, ...]]:
    return con.execute(
        "SELECT rowid, meeting_id, item_id, detail, who, text, scope, shown_who, shown_text "
        "FROM search_index "
        "ORDER BY rowid"
    ).fetchall()


def search_migration(path: Path = MIGRATION):  # type: ignore[no-untyped-def]
    """The latest migration that says what the index rows are (or the one at `path`)."""
    spec = importlib.util.spec_from_file_location("search_migration", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    return migration


def rebuilt_rows(con: sqlite3.Connection) -> list[tuple[object, ...]]:
    """What the migration's backfill would put in the index today."""
    rows: list[tuple[object, ...]] = []
    for select in search_migration().SOURCES.values():
        rows += con.execute(select).fetchall()
    return sorted(rows, key=lambda row: row[0])  # type: ignore[arg-type,return-value]


def assert_index_in_sync(store: Store) -> None:
    if store.online:
        return  # PostgreSQL's search vectors are generated columns: nothing to drift
    con = sqlite3.connect(store.home.db_path)
    try:
        assert index_rows(con) == rebuilt_rows(con)
    finally:
        con.close()


def kinds(hits: list[Hit]) -> list[str]:
    return [h.kind for h in hits]


@pytest.fixture
def three_meetings(store: Store) -> Store:
    """Three meetings of a series; the first one mentions cholera."""
    return fill_three_meetings(store)


def fill_three_meetings(store: Store) -> Store:
    first = new_meeting(store, "March", "2020-03-03")
    replay(
        store,
        first,
        [
            "/p Ms. Shon Campbell, MIMU Manager, MIMU (Chair)",
            "/p UNHCR: Mr. Mathew Richard, Information Management Officer (Presenter)",
            "/i 1 Cholera preparedness",
            "OCHA: the oral cholera vaccination campaign starts in the camps next month "
            "after the partners agreed the microplan with the health authorities",
            "WHO: cholera, cholera everywhere",
            *FILLER[:4],
            "/a Share the ProGres factsheet [UNHCR] by 2020-03-31",
            "/s Translate it into Burmese [MIMU]",
            "/d The network endorses the data sharing protocol",
        ],
    )
    second = new_meeting(store, "April", "2020-04-07")
    store.update_meeting(second, previous_id=first)  # the next meeting of the series
    replay(
        store,
        second,
        [
            "/i 1 Review of actions",
            "/u 1 completed factsheet shared with all partners",
            "/i 2 Partner updates",
            *FILLER[4:],
            "/k Guidance on remote data collection is a priority",
        ],
    )
    third = new_meeting(store, "May", "2020-05-05")
    replay(store, third, ["/i 1 Updates", *FILLER, "OCHA: registration of new arrivals"])
    return store


# ---- search() --------------------------------------------------------------------------


@pytest.mark.dialects
def test_finds_a_word_typed_two_meetings_ago_best_match_first(three_meetings: Store) -> None:
    hits = search(three_meetings, "cholera")
    assert [h.meeting_id for h in hits] == [1, 1, 1]
    # A short line saying it twice beats a long line saying it once; the item title too.
    assert unmark(hits[0].who) == "WHO" and "cholera everywhere" in unmark(hits[0].snippet)
    assert {h.kind for h in hits} == {"entry", "item"}
    assert hits == sorted(hits, key=lambda h: h.rank)
    entry = next(h for h in hits if "vaccination" in h.snippet)
    assert f"{MARK_OPEN}cholera{MARK_CLOSE}" in entry.snippet
    assert entry.meeting_date == "2020-03-03" and entry.meeting_title == "March"
    assert entry.meeting_body == "IM Network" and entry.meeting_name == "IM Network · March"
    assert (entry.item_label, entry.item_title) == ("1", "Cholera preparedness")
    assert entry.item_name == "1 Cholera preparedness" and entry.item_id is not None
    assert entry.summary().startswith("OCHA: ")
    assert mark(entry.snippet, "**", "**").count("**cholera**") == 1


@pytest.mark.dialects
def test_a_prefix_ranks_what_was_said_above_who_attended(store: Store) -> None:
    """`inform*` (what the screen runs for "INFORM"): the points about information come
    before the participants whose short lines bm25 alone ranked first."""
    mid = new_meeting(store, "March", "2020-03-03")
    replay(
        store,
        mid,
        [
            "/p INFORM",
            "/p Ms. Ana Lopez, Information Management Officer, OCHA",
            "/i 1 Data",
            *FILLER,
            "OCHA: the information management working group will share the 4W data with"
            " every cluster before the next meeting of the network",
            "Information sharing is key",
        ],
    )
    hits = search(store, "inform*")
    assert kinds(hits) == ["entry", "entry", "participant", "participant"]
    assert [h.kind for h in search(store, "INFORM")] == ["participant"]  # still found


@pytest.mark.dialects
def test_every_kind_of_thing_is_searchable(three_meetings: Store) -> None:
    store = three_meetings
    (action,) = search(store, "ProGres")
    assert action.kind == "action" and action.detail == "1"
    assert (
        action.summary() == f"Action 1: Share the {MARK_OPEN}ProGres{MARK_CLOSE} factsheet [UNHCR]"
    )
    assert kinds(search(store, "Burmese")) == ["sub_item"]
    assert search(store, "Burmese")[0].who == "MIMU"
    (review,) = search(store, "factsheet shared")
    assert review.kind == "update" and review.meeting_id == 2 and review.detail == "completed"
    assert review.item_title == "Review of actions"
    (decision,) = search(store, "endorses")
    assert decision.detail == "decision" and decision.summary().startswith("Decision: ")
    (key,) = search(store, "remote")
    assert key.detail == "key_message" and key.meeting_id == 2
    people = search(store, "Richard")
    assert kinds(people) == ["participant"]
    assert unmark(people[0].snippet) == (
        "Mr. Mathew Richard, Information Management Officer (Presenter)"
    )
    assert people[0].who == "UNHCR" and people[0].item_id is None
    assert kinds(search(store, "MIMU Manager")) == ["participant"]
    assert kinds(search(store, '"Partner updates"')) == ["item"]
    # Owners and speakers are searchable too, alone with who:
    assert {h.kind for h in search(store, "who:UNHCR")} == {"action", "participant"}
    assert {h.kind for h in search(store, "UNHCR")} == {"action", "participant"}


def test_phrase_prefix_boolean_and_accents(three_meetings: Store) -> None:
    store = three_meetings
    assert len(search(store, '"cholera vaccination"')) == 1
    assert search(store, '"vaccination cholera"') == []
    (prefixed,) = search(store, "vacc*")
    assert f"{MARK_OPEN}vaccination{MARK_CLOSE}" in prefixed.snippet
    assert len(search(store, "cholera AND camps")) == 1
    assert len(search(store, "cholera NOT camps")) == 2
    assert {h.meeting_id for h in search(store, "seeds OR registration")} == {2, 3}
    assert len(search(store, "NEAR(cholera campaign, 3)")) == 1
    capture(store, 3, None, "Réfugiés au café")
    assert len(search(store, "refugies cafe")) == 1  # case and accents are ignored
    assert len(search(store, "CAFÉ")) == 1


@pytest.mark.dialects
def test_limit_meeting_and_empty_queries(three_meetings: Store) -> None:
    store = three_meetings
    assert len(search(store, "the", limit=3)) == 3
    assert {h.meeting_id for h in search(store, "the", meeting_id=2)} == {2}
    assert (
        search(store, "") == [] and search(store, "   ") == [] and search(store, "x", limit=0) == []
    )
    assert search(store, "nowhere") == []


def test_the_meeting_scope_tokens_are_never_found_by_a_user_query(store: Store) -> None:
    first = new_meeting(store, "T", "2020-01-01")
    second = new_meeting(store, "U", "2020-02-01")
    replay(store, first, ["Shelter: 3.5 m2 per person", *FILLER])
    replay(store, second, ["Mobile clinics reach the m2 camp", *FILLER])
    assert touches_scope("3.5 m2") and touches_scope("M*") and touches_scope("ḿ2")
    assert not touches_scope("mm2 data") and not touches_scope("m2x")
    assert fts_query("data") == "data" and fts_query("foo(") == "foo("
    assert fts_query("m2") == "{who text} : (m2)"
    assert fts_query("data", 7) == "{who text} : (data) AND scope:m7"
    assert len(search(store, "m2")) == 2  # not every line of meeting 2
    assert len(search(store, "m1")) == 0
    prefixed = search(store, "m*")  # words that start with m, not every row's scope
    assert prefixed and all(f"{MARK_OPEN}m" in (h.snippet + h.who).lower() for h in prefixed)
    assert len(prefixed) < 2 + 2 * len(FILLER)
    assert [h.meeting_id for h in search(store, "m2", meeting_id=first)] == [first]
    assert {h.meeting_id for h in search(store, "the", meeting_id=second)} == {second}


def test_plain_words_with_punctuation_still_search(store: Store) -> None:
    mid = new_meeting(store, "T", "2020-01-01")
    replay(
        store,
        mid,
        ["OCHA's co-chair opened the e-mail thread", "UNHCR: registration continues", *FILLER],
    )
    assert repair("co-chair OCHA's") == '"co-chair" "OCHA\'s"'
    assert repair("UNHCR: e-mail* AND who:co-chair") == '"UNHCR:" "e-mail"* AND who:"co-chair"'
    assert repair('"quoted') is None
    for query in ("co-chair", "OCHA's", "e-mail*", "UNHCR: registration", "co-chair, OCHA's!"):
        assert len(search(store, query)) == 1, query
    assert search(store, "&&") == [] and search(store, "*") == []


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ('"unbalanced', "double quote"),
        ("AND", "between two words"),
        ("cholera AND", "between two words"),
        ("NOT cholera", "between two words"),
        ("foo(", "parenthesis is not closed"),
        ("foo)", "never opened"),
        ("data -guidance", "write NOT before it"),
        ("(UNHCR: x)", "reads as a column"),
    ],
)
def test_a_query_fts5_cannot_read_is_a_search_error(
    three_meetings: Store, query: str, why: str
) -> None:
    with pytest.raises(SearchError, match=why) as caught:
        search(three_meetings, query)
    assert isinstance(caught.value, StoreError)
    message = str(caught.value)
    assert message.startswith("Cannot search for “") and message.endswith(".")
    assert "\n" not in message


@pytest.mark.dialects
def test_search_inside_a_session_sees_its_transaction(three_meetings: Store) -> None:
    with three_meetings.write() as s:
        s.add(Entry(meeting_id=3, text="an uncommitted quokka"))
        s.flush()
        assert len(search(s, "quokka")) == 1
        s.rollback()
    assert search(three_meetings, "quokka") == []
    if three_meetings.online:
        return
    con = sqlite3.connect(three_meetings.home.db_path)
    assert len(search(con, "cholera")) == 3  # a plain sqlite3 connection too
    con.close()


def test_common_words_rank_only_the_newest_entries(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    mid = new_meeting(store, "T", "2020-01-01")
    replay(store, mid, ["/i Agenda", "old old old old news", "/a Old habits die hard"])
    replay(store, mid, [f"old item {n} of a long day" for n in range(6)] + FILLER)
    everything = search(store, "old")
    assert everything[0].snippet.count(MARK_OPEN) == 4  # the best match: "old" four times
    monkeypatch.setattr(search_module, "RANK_WINDOW", 3)
    windowed = search(store, "old")
    texts = [unmark(h.snippet) for h in windowed]
    assert "old old old old news" not in texts  # an entry older than the newest three
    assert [h.kind for h in windowed].count("entry") == 3
    assert "action" in kinds(windowed)  # other kinds always compete


def test_a_common_word_costs_the_same_however_many_older_entries_match(
    home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the window is read: ten times more older matches cost (almost) no more work."""
    monkeypatch.setattr(search_module, "RANK_WINDOW", 10)

    def steps(older: int) -> tuple[int, list[str]]:
        store = Store.open(Home(tmp_path / f"h{older}"))
        mid = new_meeting(store, "T", "2020-01-01")
        replay(store, mid, ["/i Agenda", "/a Keep the old pipeline open"])
        con = sqlite3.connect(store.home.db_path)
        con.executemany(
            "INSERT INTO entry (meeting_id, kind, text, created_at)"
            " VALUES (?, 'point', ?, '2020-01-01 09:00:00.000000')",
            [(mid, f"old line {n}") for n in range(older)]
            + [(mid, f"newer old news {n}") for n in range(20)],
        )
        con.commit()
        count = [0]

        def step() -> int:
            count[0] += 1
            return 0

        con.set_progress_handler(step, 1)  # one call a virtual machine instruction
        hits = search(con, "old")
        con.set_progress_handler(None, 1)
        con.close()
        store.close()
        return count[0], [f"{h.kind} {unmark(h.snippet)}" for h in hits]

    few, few_hits = steps(100)
    many, many_hits = steps(1000)
    assert many_hits == few_hits  # the newest ten entries and the action, both times
    assert "action Keep the old pipeline open" in many_hits and len(many_hits) == 11
    assert many < few * 1.2, (few, many)


def test_equal_scores_keep_their_order_newest_source_row_first(store: Store) -> None:
    mid = new_meeting(store, "T", "2020-01-01")
    replay(store, mid, ["/i Agenda", *FILLER, "/a Review the quokka census", "Quokka census"])
    replay(store, mid, ["/a Quokka census", "Review the quokka census"])
    hits = search(store, "quokka census")
    # Each pair scores the same; within a pair the row with the higher id * 8 + kind code
    # comes first, as before actions moved above every entry in the index (0010): entry 9
    # (73) before action 2 (18), entry 10 (81) before action 1 (10).
    assert [(h.kind, h.row_id, unmark(h.snippet)) for h in hits] == [
        ("entry", 9, "Quokka census"),
        ("action", 2, "Quokka census"),
        ("entry", 10, "Review the quokka census"),
        ("action", 1, "Review the quokka census"),
    ]
    assert hits[0].rank == hits[1].rank and hits[2].rank == hits[3].rank


# ---- the index stays in sync -------------------------------------------------------------


@pytest.mark.dialects
def test_edits_deletes_and_undo_keep_the_index_in_sync(three_meetings: Store) -> None:
    store = three_meetings
    assert_index_in_sync(store)
    typed = capture(store, 3, None, "UNICEF: wombat sightings near the school")
    (hit,) = search(store, "wombat")
    assert hit.row_id == typed.refs[0].id and hit.meeting_id == 3
    edit(store, typed.refs[0], 3, "UNICEF: platypus sightings near the school")
    assert search(store, "wombat") == [] and len(search(store, "platypus")) == 1
    edit(store, typed.refs[0], 3, "/d platypus protection endorsed")
    assert search(store, "platypus")[0].detail == "decision"
    store.delete(typed.refs[0], 3)
    assert search(store, "platypus") == []
    undone = capture(store, 3, None, "/a Count the echidnas [WWF]")
    assert kinds(search(store, "echidnas")) == ["action"]
    edit(store, undone.refs[0], 3, "/a Count the echidnas again [WWF; IUCN] by 2020-06-30")
    (action,) = search(store, "IUCN")
    assert action.who == f"WWF; {MARK_OPEN}IUCN{MARK_CLOSE}" and "again" in action.snippet
    store.undo(undone, 3)
    assert search(store, "echidnas") == [] and search(store, "WWF") == []
    assert_index_in_sync(store)


@pytest.mark.dialects
def test_renumbered_actions_and_their_sub_items_follow(store: Store) -> None:
    mid = new_meeting(store, "T", "2020-01-01")
    made = replay(store, mid, ["/i 1 A", "/a First", "/a Second", "/s Second's part", "/a Third"])
    first, second, third = made[1].refs[0], made[2].refs[0], made[4].refs[0]
    store.delete(second, mid)
    assert search(store, "Second") == []  # the action and its sub-item went together
    assert search(store, "Third")[0].detail == "2"
    replay(store, mid, ["/s Third's part"])
    assert search(store, "part")[0].summary().startswith("Action 2, sub-item: ")
    store.delete(first, mid)  # Third becomes 1, and its sub-item says so
    assert search(store, "Third")[0].detail == "1"
    assert search(store, "part")[0].summary().startswith("Action 1, sub-item: ")
    assert_index_in_sync(store)
    store.delete(third, mid)
    assert search(store, "part") == [] and search(store, "Third") == []
    assert_index_in_sync(store)


@pytest.mark.dialects
def test_reviews_follow_edits_and_their_item(three_meetings: Store) -> None:
    store = three_meetings
    (review,) = search(store, "factsheet shared")
    item = store.load_items(2)[0]
    with store.write() as s:
        row = s.get(ActionUpdate, review.row_id)
        assert row is not None
        row.text = "factsheet translated"
    assert search(store, "shared") == [] and len(search(store, "translated")) == 1
    store.delete(Ref("item", item.id), 2)  # the review stays, under no item
    (moved,) = search(store, "translated")
    assert moved.item_id is None and moved.item_name == ""
    assert_index_in_sync(store)


def test_people_and_organisations_renamed_everywhere(three_meetings: Store) -> None:
    store = three_meetings
    (richard,) = search(store, "Richard")
    store.update_participant(
        richard.row_id,
        honorific="Dr.",
        name="Mathew Richard",
        position="Head of IM",
        organisation="UNHCR",
        role="Presenter",
        attendance="present",
    )
    assert (
        unmark(search(store, "Richard")[0].snippet) == "Dr. Mathew Richard, Head of IM (Presenter)"
    )
    con = sqlite3.connect(store.home.db_path)
    with con:
        con.execute("UPDATE organisation SET name = 'UN Refugee Agency' WHERE name = 'UNHCR'")
        con.execute("UPDATE person SET name = 'Shon Campbell-Lee' WHERE name = 'Shon Campbell'")
    con.close()
    assert search(store, "Richard")[0].who == "UN Refugee Agency"
    assert len(search(store, "Campbell-Lee")) == 1
    assert_index_in_sync(store)


def test_a_deleted_meeting_leaves_nothing_behind(three_meetings: Store) -> None:
    con = sqlite3.connect(three_meetings.home.db_path)
    con.execute("PRAGMA foreign_keys=ON")
    with con:
        con.execute("DELETE FROM meeting WHERE id = 1")
    assert con.execute("SELECT count(*) FROM search_index WHERE meeting_id = 1").fetchone() == (0,)
    con.close()
    assert search(three_meetings, "cholera") == []
    assert_index_in_sync(three_meetings)


def test_the_opag_record_is_indexed_like_a_rebuild(home: Home) -> None:
    assert run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home).returncode == 0
    store = Store.open(home)
    try:
        assert_index_in_sync(store)
        assert "participant" in kinds(search(store, "Valerie"))
    finally:
        store.close()


# ---- the migration ---------------------------------------------------------------------


def test_migration_backfills_an_existing_database_and_downgrades(home: Home) -> None:
    from alembic import command

    from minutes_tui.store.database import prepare
    from minutes_tui.store.engine import make_engine
    from minutes_tui.store.migrate import alembic_config, upgrade
    from tests.reliability.test_environment import FILL

    prepare(home)
    engine = make_engine(home.db_path)
    upgrade(engine, "0001_initial")
    old = Store(home, engine)
    con = sqlite3.connect(home.db_path)  # written as that revision's schema had it
    for sql in FILL:
        con.execute(sql)
    con.execute("INSERT INTO person (id, honorific, name) VALUES (2, 'Ms.', 'Valerie Guarnieri')")
    con.execute(
        "INSERT INTO participant (id, meeting_id, person_id, role, attendance, created_at)"
        " VALUES (2, 1, 2, 'Co-Chair', 'present', '2020-07-09 09:00:00.000000')"
    )
    con.execute("UPDATE action_sub_item SET text = 'Draft the annex' WHERE id = 1")
    con.execute("UPDATE entry SET text = 'outlined the concept of data responsibility'")
    con.commit()
    con.close()
    mid = 1
    con = sqlite3.connect(home.db_path)
    assert (
        con.execute("SELECT name FROM sqlite_master WHERE name = 'search_index'").fetchall() == []
    )
    con.close()
    upgrade(engine)
    assert sorted(kinds(search(old, "responsibility"))) == ["entry", "item"]
    assert kinds(search(old, "annex")) == ["sub_item"]
    assert kinds(search(old, "Guarnieri")) == ["participant"]
    assert_index_in_sync(old)

    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0001_initial")
    con = sqlite3.connect(home.db_path)
    leftovers = con.execute(
        "SELECT name FROM sqlite_master WHERE name LIKE 'search%' OR sql LIKE '%search_index%'"
    ).fetchall()
    assert leftovers == []
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_initial",)
    con.close()
    con = sqlite3.connect(home.db_path)  # no trigger left behind to fail a write
    con.execute(
        "INSERT INTO entry (meeting_id, item_id, kind, text, created_at)"
        " VALUES (?, NULL, 'point', 'typed while downgraded', '2020-07-09 10:00:00.000000')",
        (mid,),
    )
    con.commit()
    con.close()
    engine.dispose()
    # Opening it again upgrades it, through the command line too.
    found = run_cli("search", "--json", "downgraded", home=home)
    assert found.returncode == 0, found.stderr
    assert [h["kind"] for h in json.loads(found.stdout)["hits"]] == ["entry"]


QUERIES = ("cholera", "ProGres", "Burmese", "factsheet shared", "UNHCR", "Richard", "the", "vacc*")


def test_upgrade_to_0010_keeps_every_row_searchable_and_downgrades(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database written before 0010 finds the same things after the rows are renumbered."""
    from alembic import command

    from minutes_tui.store.database import prepare
    from minutes_tui.store.engine import make_engine, writer
    from minutes_tui.store.migrate import alembic_config, upgrade

    prepare(home)
    engine = make_engine(home.db_path)
    previous = search_migration(SPEED).down_revision
    # Written by today's code (later revisions add columns its models need), then taken
    # back to the revision before 0010: the index rows in 0002's layout, as an old home.
    upgrade(writer(engine))
    old = fill_three_meetings(Store(home, engine))
    old.trash_meeting(3)
    cfg = alembic_config()

    def downgrade_to_previous() -> None:
        with writer(engine).begin() as connection:
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, previous)

    def found() -> list[list[dict[str, object]]]:
        return [[h.to_json() for h in search(old, q)] for q in QUERIES]

    def index_rowids() -> list[int]:
        with closing(sqlite3.connect(home.db_path)) as con:
            return [row[0] for row in con.execute("SELECT rowid FROM search_index")]

    def trigger_sql() -> dict[str, str]:
        with closing(sqlite3.connect(home.db_path)) as con:
            return dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'"))

    before = found()
    assert [len(hits) for hits in before] == [3, 1, 1, 1, 2, 1, 8, 1]
    downgrade_to_previous()
    rowids, triggers = index_rowids(), trigger_sql()
    assert all(rowid < search_module.OTHER for rowid in rowids)
    upgrade(writer(engine))
    assert found() == before
    moved = index_rowids()
    assert len(moved) == len(rowids) and min(moved) < search_module.OTHER < max(moved)
    assert_index_in_sync(old)
    capture(old, 2, None, "/a Map the quokka colonies [IOM]")  # the new triggers index it
    capture(old, 2, None, "Quokka colonies were mapped")
    assert_index_in_sync(old)
    assert [h.kind for h in search(old, "quokka")] == ["entry", "action"]

    downgrade_to_previous()
    # Today's search also reads action_sub_item.confidential (0014), which a database taken
    # back before 0010 lacks: ask it as before 0014 (the index rows are what is checked).
    monkeypatch.setitem(
        search_module._CONFIDENTIAL_SQL,
        "sub_item",
        "SELECT s.id FROM action_sub_item s JOIN action a ON a.id = s.action_id"
        " WHERE a.confidential AND s.id IN ({})",
    )
    # ... and the text as written beside the folded index (0021), which it lacks too.
    old_shown = search_module.SHOWN_SQL.replace("shown_who, shown_text", "NULL, NULL")
    monkeypatch.setattr(search_module, "SHOWN_SQL", old_shown)
    assert trigger_sql() == triggers  # 0002's triggers again, word for word
    assert all(rowid < search_module.OTHER for rowid in index_rowids())
    assert [h.kind for h in search(old, "quokka")] == ["entry", "action"]

    def where(found: list[list[dict[str, object]]]) -> list[list[tuple[object, object]]]:
        return [[(hit["kind"], hit["row_id"]) for hit in hits] for hits in found[:-2]]

    # The same rows ("the" and "vacc*" left out: they find the quokka lines too).
    assert where(found()) == where(before)
    engine.dispose()


# ---- minutes search ----------------------------------------------------------------------


def test_cli_search_lines_and_json(home: Home) -> None:
    assert run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home).returncode == 0
    done = run_cli("search", "data", "responsibility", "--limit", "4", home=home)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 4
    assert all(line.startswith("1  2020-07-09  IASC OPAG · Operational") for line in lines)
    assert all("**data** **responsibility**" in line.lower() for line in lines)
    assert "7.1 Digitization" in lines[0]
    found = run_cli("search", '"remote data collection"', "--json", home=home)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)["hits"]
    assert hits and all(h["meeting_id"] == 1 for h in hits)
    first = hits[0]
    assert set(first) >= {"kind", "row_id", "meeting_date", "item_label", "snippet", "rank"}
    # Plain text in every field; the matches as [start, end) offsets into it.
    assert "**" not in found.stdout
    for field in ("snippet", "summary"):
        spans = first["highlights"][field]
        assert [first[field][a:b].lower() for a, b in spans] == ["remote data collection"]
    none = json.loads(run_cli("search", "nothing-like-this", "--json", home=home).stdout)
    assert none == {"version": 1, "query": "nothing-like-this", "hits": []}
    missing = run_cli("search", "zzz", home=home)
    assert missing.returncode == 0 and missing.stdout == ""
    one = run_cli("search", "co-chair", "--meeting", "1", "--limit", "2", home=home)
    assert one.returncode == 0 and len(one.stdout.splitlines()) == 2


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "foo("])
def test_cli_bad_query_is_one_line_and_exit_1(home: Home, query: str) -> None:
    assert run_cli("new", "A meeting", home=home).returncode == 0
    done = run_cli("search", query, home=home)
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("minutes: error: Cannot search for")


def test_cli_search_refuses_an_unknown_meeting_and_creates_nothing(home: Home) -> None:
    done = run_cli("search", "anything", home=home)
    assert done.returncode == 0 and not home.db_path.exists()
    assert run_cli("new", "A meeting", home=home).returncode == 0
    unknown = run_cli("search", "anything", "--meeting", "9", home=home)
    assert unknown.returncode == 1 and "No meeting with id 9" in unknown.stderr


def test_store_search_imports_neither_textual_nor_sqlalchemy() -> None:
    code = (
        "import sys, minutes_tui.store.search; "
        "print(sorted(m for m in ('textual', 'sqlalchemy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_marker_helpers() -> None:
    text = f"a {MARK_OPEN}b{MARK_CLOSE} c {MARK_OPEN}d{MARK_CLOSE}"
    assert segments(text) == [("a ", False), ("b", True), (" c ", False), ("d", True)]
    assert mark(text, "[", "]") == "a [b] c [d]" and unmark(text) == "a b c d"
    assert as_you_type("data respo") == "data respo*"
    assert as_you_type("data respo ") == "data respo "
    assert as_you_type("da") == "da" and as_you_type("guid*") == "guid*"
    assert as_you_type("cholera AND") == "cholera AND"
    assert as_you_type('"data respo') == '"data respo'


# ---- the screen ----------------------------------------------------------------------


async def search_app(home: Home) -> MinutesApp:
    assert run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home).returncode == 0
    return MinutesApp(home, clock=lambda: 0.0)


async def searched(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the search typed last has run (its debounce timer, then its worker)."""
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    for _ in range(1000):
        await pilot.pause(0.02)
        idle = screen.debounce is None and not any(w.is_running for w in pilot.app.workers)
        # ... and its answer is on screen (the worker hands it over a moment later).
        if idle and (screen.answered == screen.text or not screen.text.strip()):
            break
    await settle(pilot)


async def typed(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await type_text(pilot, text)
    await searched(pilot)


async def test_screen_search_as_you_type_and_open_at_the_item(home: Home) -> None:
    app = await search_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(SearchScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.focused is screen.query_one("#search-input", Input)
        await typed(pilot, "Results Gro")  # the last word as a prefix while typing
        results = screen.query_one("#search-results", OptionList)
        assert results.option_count == len(screen.hits) > 0
        assert all(h.meeting_id == 1 for h in screen.hits)
        assert "best first" in str(screen.query_one("#search-status").render())
        target = next(n for n, h in enumerate(screen.hits) if h.item_label == "7.2")
        for _ in range(target):
            await pilot.press("down")
        assert results.highlighted == target
        await pilot.press("enter")
        await settle(pilot)
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        items = {i.id: i.label for i in capture.items}
        assert items[capture.item_id] == "7.2"  # not the last item, where capture starts
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen  # back to the search, the list still there
        assert results.option_count > 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)


async def test_screen_says_why_a_query_cannot_be_read(home: Home) -> None:
    app = await search_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(SearchScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await typed(pilot, "guidance")
        count = len(screen.hits)
        assert count > 0
        await typed(pilot, ' "unbalanced')
        status = screen.query_one("#search-status")
        assert "double quote" in str(status.render()) and status.has_class("error")
        assert len(screen.hits) == count  # the last good list stays
        await pilot.press(*["backspace"] * 40)
        await searched(pilot)
        assert screen.hits == [] and not status.has_class("error")
        await typed(pilot, "nothing-of-the-sort ")
        assert "No match" in str(status.render())


@pytest.mark.slow
def test_search_on_a_large_generated_database(tmp_path: Path) -> None:
    """100,000 generated entries: every kind of query answers (speed: bench/search.py)."""
    generate = [sys.executable, str(ROOT / "bench/generate.py"), "--home", str(tmp_path / "big")]
    made = subprocess.run(
        [*generate, "--meetings", "200", "--entries", "100000"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert made.returncode == 0, made.stderr
    con = sqlite3.connect(Home(tmp_path / "big").db_path)
    for query in ("zeolite", "coordination", '"data responsibility"', "vaccin*", "the"):
        hits = search(con, query)
        assert hits, query
        assert [h.rank for h in hits] == sorted(h.rank for h in hits), query
    con.close()
