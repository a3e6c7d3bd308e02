"""Search on a PostgreSQL team archive (store/search_pg.py): the query syntax a user types,
ranking and highlighting, and the same filters as on SQLite (trash, confidential, scope).

The search tests shared by both dialects are in tests/test_search.py (marked `dialects`).
"""

from __future__ import annotations

import pytest

from minutes_tui.domain.header import MeetingHeader
from minutes_tui.store.search import search
from minutes_tui.store.search_text import MARK_CLOSE, MARK_OPEN, unmark
from minutes_tui.store.store import Store
from tests.helpers import replay

ON_POSTGRES = pytest.mark.parametrize(
    "dialect", [pytest.param("postgres", marks=pytest.mark.postgres)]
)
FILLER = [
    "WFP: pipeline breaks expected in the third quarter",
    "UNICEF: nutrition screening reached most districts",
    "The secretariat will circulate the revised calendar",
    "FAO: seeds distribution delayed by the rains",
]


@pytest.fixture
def archive(store: Store) -> Store:
    assert store.online
    first = store.create_meeting(MeetingHeader(title="March", body="IMN", date="2020-03-03"))
    replay(
        store,
        first,
        [
            "/i 1 Cholera preparedness",
            "OCHA: the oral cholera vaccination campaign starts in the camps next month "
            "after the partners agreed the microplan with the health authorities, district "
            "by district, with the support of the national vaccination committee and the "
            "cold chain team of the ministry",
            "WHO: cholera, cholera everywhere",
            "Réfugiés au café",
            "!UNHCR: the protection incident in camp 4 is confidential",
            *FILLER,
        ],
    )
    second = store.create_meeting(MeetingHeader(title="April", body="IMN", date="2020-04-07"))
    replay(store, second, ["/i 1 Updates", "OCHA: registration of new arrivals", *FILLER])
    return store


@ON_POSTGRES
def test_phrases_prefixes_operators_and_accents(archive: Store) -> None:
    assert len(search(archive, '"cholera vaccination"')) == 1
    assert search(archive, '"vaccination cholera"') == []
    (prefixed,) = search(archive, "vacc*")
    assert f"{MARK_OPEN}vaccination{MARK_CLOSE}" in prefixed.snippet
    assert len(search(archive, "cholera AND camps")) == 1
    assert len(search(archive, "cholera NOT camps")) == 2
    assert len(search(archive, "cholera -camps")) == 2
    assert {h.meeting_id for h in search(archive, "seeds or registration")} == {1, 2}
    assert len(search(archive, "refugies cafe")) == 1  # case and accents are ignored
    assert len(search(archive, "CAFÉ")) == 1
    assert search(archive, "&&") == [] and search(archive, "*") == []


@ON_POSTGRES
def test_ranked_and_highlighted_like_the_sqlite_path(archive: Store) -> None:
    hits = search(archive, "cholera")
    assert unmark(hits[0].who) == "WHO"  # a short line saying it twice comes first
    assert hits == sorted(hits, key=lambda h: h.rank)
    assert {h.kind for h in hits} == {"entry", "item"}
    long = next(h for h in hits if "vaccination" in h.snippet)
    assert long.snippet.endswith("…")  # cut around the match, and says so
    assert len(unmark(long.snippet).split()) <= 25
    assert f"{MARK_OPEN}cholera{MARK_CLOSE}" in long.snippet
    assert long.meeting_name == "IMN · March" and long.item_name == "1 Cholera preparedness"
    assert long.to_json()["snippet"] == unmark(long.snippet)


@ON_POSTGRES
def test_who_and_text_columns(archive: Store) -> None:
    assert {h.kind for h in search(archive, "who:OCHA")} == {"entry"}
    assert len(search(archive, "who:OCHA")) == 2
    assert search(archive, "text:OCHA") == []


@ON_POSTGRES
def test_trash_confidential_and_one_meeting(archive: Store) -> None:
    (secret,) = search(archive, "protection incident")
    assert secret.confidential and secret.summary().startswith("[Confidential] ")
    assert {h.meeting_id for h in search(archive, "seeds", meeting_id=2)} == {2}
    assert len(search(archive, "seeds")) == 2
    archive.trash_meeting(2)
    assert {h.meeting_id for h in search(archive, "seeds")} == {1}
    assert search(archive, "registration") == []
    assert search(archive, "seeds", meeting_id=2) == []


@ON_POSTGRES
def test_participants_follow_renames_of_people_and_organisations(archive: Store) -> None:
    from sqlalchemy import text

    replay(archive, 1, ["/p UNHCR: Mr. Mathew Richard, Information Management Officer"])
    (richard,) = search(archive, "Richard")
    assert richard.kind == "participant" and unmark(richard.who) == "UNHCR"
    assert [h.kind for h in search(archive, "UNHCR Information")] == ["participant"]
    archive.update_participant(
        richard.row_id,
        honorific="Dr.",
        name="Mathew Richard",
        position="Head of IM",
        organisation="UNHCR",
        role="Presenter",
        attendance="present",
    )
    assert (
        unmark(search(archive, "Richard")[0].snippet)
        == "Dr. Mathew Richard, Head of IM (Presenter)"
    )
    with archive.engine.begin() as conn:  # renamed elsewhere: the triggers follow
        conn.execute(
            text("UPDATE organisation SET name = 'UN Refugee Agency' WHERE name = 'UNHCR'")
        )
        conn.execute(
            text("UPDATE person SET name = 'Mathew Richard-Lee' WHERE name = 'Mathew Richard'")
        )
    assert unmark(search(archive, "Richard-Lee")[0].who) == "UN Refugee Agency"
    assert search(archive, "Refugee Agency")[0].kind == "participant"


@ON_POSTGRES
def test_common_words_rank_only_the_newest_entries(
    archive: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minutes_tui.store import search_pg

    replay(archive, 2, ["old old old old news", "/a Old habits die hard"])
    replay(archive, 2, [f"old item {n} of a long day" for n in range(6)])
    assert search(archive, "old")[0].snippet.count(MARK_OPEN) == 4
    monkeypatch.setattr(search_pg, "RANK_WINDOW", 3)
    windowed = search(archive, "old")
    assert "old old old old news" not in [unmark(h.snippet) for h in windowed]
    assert [h.kind for h in windowed].count("entry") == 3 and "action" in [h.kind for h in windowed]
