"""Search in French, Spanish and Arabic records: accents folded both ways, Arabic folded
as its readers type it (vowel marks, tatweel, alef, ta marbuta and alef maqsura forms),
the hit shown as written. On SQLite, and on a PostgreSQL archive (`dialects`)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from minutes_tui.domain.header import MeetingHeader
from minutes_tui.store.search import search
from minutes_tui.store.search_text import MARK_CLOSE, MARK_OPEN, fold, unfold, unmark
from minutes_tui.store.store import Store
from tests.helpers import replay, run_cli
from tests.test_search import FILLER, assert_index_in_sync

LINES = [
    "/p BCAH: Mme Aïcha Traoré, Coordinatrice (Chair)",
    "/i 1 Réunion de coordination",
    "HCR: la réunion des partenaires a eu lieu le 12 mars",
    "ACNUR: la evaluación rápida de necesidades está en curso",
    "OMS: el informe de situación se publicará el lunes",
    "/i 2 الصحة",
    "قال مُحَمَّد إنّ المدرسة في القرية مغلقة",
    "السيد أحمد خليل: عقد الاجتماع في المستشفى الكـبير",
    "يوجد ٣ مراكز صحية",
    "/a متابعة التقييم [أحمد خليل]",
    *FILLER,
]


@pytest.fixture
def records(store: Store) -> Store:
    mid = store.create_meeting(MeetingHeader(title="Cluster", body="Protection", date="2024-03-12"))
    replay(store, mid, LINES)
    return store


def texts(store: Store, query: str) -> list[str]:
    return [unmark(h.snippet) for h in search(store, query)]


@pytest.mark.dialects
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("reunion", "la réunion des partenaires"),  # accents typed or not, both ways
        ("réunion", "la réunion des partenaires"),
        ("evaluacion", "la evaluación rápida"),
        ("evaluación rapida", "la evaluación rápida"),
        ("situacion", "el informe de situación"),
        ("aicha", "Mme Aïcha Traoré"),
        ("TRAORE", "Mme Aïcha Traoré"),
    ],
)
def test_accents_are_folded_both_ways(records: Store, query: str, found: str) -> None:
    assert any(found in text for text in texts(records, query)), texts(records, query)


@pytest.mark.dialects
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("محمد", "قال مُحَمَّد إنّ"),  # without the vowel marks the text has
        ("مُحَمَّد", "قال مُحَمَّد إنّ"),  # with them
        ("المدرسه", "المدرسة في القرية"),  # ta marbuta typed as ha
        ("احمد", "عقد الاجتماع"),  # alef without hamza
        ("إحمد", "عقد الاجتماع"),
        ("الكبير", "المستشفى الكـبير"),  # tatweel in the text
        ("المستشفي", "المستشفى الكـبير"),  # alef maqsura typed as ya
        ("3 مراكز", "يوجد ٣ مراكز"),  # Arabic-Indic digits
    ],
)
def test_arabic_is_found_as_typed(records: Store, query: str, found: str) -> None:
    assert any(found in text for text in texts(records, query)), texts(records, query)


@pytest.mark.dialects
def test_an_arabic_hit_shows_the_text_as_written_with_its_match_marked(records: Store) -> None:
    [hit] = [h for h in search(records, "المدرسه") if h.kind == "entry"]
    assert hit.snippet == f"قال مُحَمَّد إنّ {MARK_OPEN}المدرسة{MARK_CLOSE} في القرية مغلقة"
    [hit] = [h for h in search(records, "محمد") if h.kind == "entry"]
    assert f"{MARK_OPEN}مُحَمَّد{MARK_CLOSE}" in hit.snippet
    [hit] = search(records, "who:احمد")  # an action's owner
    assert hit.who == f"{MARK_OPEN}أحمد{MARK_CLOSE} خليل"
    assert hit.snippet == "متابعة التقييم"
    assert_index_in_sync(records)


def test_the_index_keeps_the_text_as_written_only_where_folding_changed_it(
    records: Store,
) -> None:
    with closing(sqlite3.connect(records.home.db_path)) as con:
        rows = con.execute("SELECT text, shown_text FROM search_index").fetchall()
    shown = {text: written for text, written in rows}
    assert shown["قال محمد ان المدرسه في القريه مغلقه"] == "قال مُحَمَّد إنّ المدرسة في القرية مغلقة"
    [french] = [written for text, written in rows if "réunion des partenaires" in text]
    assert french is None
    assert shown[FILLER[2]] is None


def test_unfold_puts_the_marks_back_on_the_text_as_written() -> None:
    written = "قال مُحَمَّد إنّ المدرسة في الـقرية"
    folded = fold(written)
    assert folded == "قال محمد ان المدرسه في القريه"
    marked = folded.replace("محمد", f"{MARK_OPEN}محمد{MARK_CLOSE}")
    assert unfold(marked, written) == f"قال {MARK_OPEN}مُحَمَّد{MARK_CLOSE} إنّ المدرسة في الـقرية"
    cut = f"…{MARK_OPEN}محمد{MARK_CLOSE} ان…"
    assert unfold(cut, written) == f"…{MARK_OPEN}مُحَمَّد{MARK_CLOSE} إنّ…"
    assert unfold("réunion", "réunion") == "réunion"


def test_minutes_search_prints_arabic_as_written(records: Store) -> None:
    records.close()
    done = run_cli("search", "المدرسه", home=records.home)
    assert done.returncode == 0, done.stderr
    assert "قال مُحَمَّد إنّ **المدرسة** في القرية مغلقة" in done.stdout
    done = run_cli("search", "reunion", home=records.home)
    assert "HCR: la **réunion** des partenaires" in done.stdout
