"""The register: an action agreed in one meeting is reviewed in any later meeting of the
body — by reference, from the review pane and from the tracker — and keeps its history;
the series is explicit (linked, never guessed) and can be relinked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.cli import main
from minutes_tui.config import Home
from minutes_tui.screens.actions import ActionsScreen
from tests.helpers import settle, type_text

# Every test here runs on a home's SQLite file and on a PostgreSQL team archive
# (tests/conftest.py); on the archive each command is `minutes --db URL …`.
pytestmark = pytest.mark.dialects


def cli(home: Home, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    archive = ["--db", home.db_url] if home.db_url else []
    code = main(["--home", str(home.root), *archive, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def history(home: Home, capsys: pytest.CaptureFixture[str], ref: int) -> list[tuple[str, str]]:
    code, out, err = cli(home, capsys, "actions", "--json")
    assert code == 0, err
    (action,) = [a for a in json.loads(out)["actions"] if a["id"] == ref]
    return [(h["status"], h["text"]) for h in action["history"]]


def script(tmp: Path, name: str, text: str) -> str:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return str(path)


FIRST = """---
title: Results Group 1
body: RG1
date: 2021-01-15
---
/i 1 Localization
/g LOCALIZATION
/a Map the pooled funds [OCHA in consultation with UNHCR, UNICEF and other concerned \
organizations] | when: Q2 2021 | partners: IOM, UNFPA | links: RG2 | comments: with the NGO \
consortia
/a Publish the guidance note [RG1 sub-group]
"""


async def test_an_action_of_meeting_1_is_reviewed_in_meetings_3_and_4(
    home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(home, capsys, "import", script(tmp_path, "m1.minutes", FIRST))
    assert code == 0, err
    m1 = int(out)
    code, out, _ = cli(home, capsys, "actions", "--json", "--meeting", str(m1))
    mapped = json.loads(out)["actions"][0]
    ref = mapped["id"]
    assert mapped["ref"] == f"#{ref}" and mapped["group"] == "LOCALIZATION"
    assert mapped["owners"] == [
        "OCHA in consultation with UNHCR, UNICEF and other concerned organizations"
    ]
    assert (mapped["timeframe"], mapped["partners"], mapped["links"], mapped["comments"]) == (
        "Q2 2021",
        ["IOM", "UNFPA"],
        "RG2",
        "with the NGO consortia",
    )
    # Meeting 2 (linked) does not review it.
    m2 = cli(home, capsys, "new", "RG1 meeting 2", "--from", str(m1), "--date", "2021-02-15")[1]
    # Meeting 3 reviews it by reference, in a script whose front matter names its previous.
    third = f"---\ntitle: RG1 meeting 3\nbody: RG1\ndate: 2021-03-15\nfrom: {m2.strip()}\n---\n"
    third += f"/u #{ref} ongoing funds mapped in two regions\n"
    code, out, err = cli(home, capsys, "import", script(tmp_path, "m3.minutes", third))
    assert code == 0 and not err, err
    m3 = int(out)
    assert history(home, capsys, ref) == [("in_progress", "funds mapped in two regions")]
    # Meeting 4: the review pane lists the register (not only meeting 3's own actions).
    m4 = int(cli(home, capsys, "new", "RG1 meeting 4", "--from", str(m3))[1])
    app = MinutesApp(home, open_meeting=m4, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen.query_one("#review")
        assert [o.id for o in review._options] == [str(ref), str(ref + 1)]  # type: ignore[attr-defined]
        await pilot.press("c", "enter")  # completed, then a note for it
        await pilot.pause()
        line = app.screen.query_one("#capture-line", Input)
        assert line.value == f"/u #{ref} completed "
        await type_text(pilot, "final mapping shared")
        await pilot.press("enter")
        await pilot.pause()
        # The tracker reviews the other one.
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        await type_text(pilot, "group:locali")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "i", *"drafting started", "enter")
        await settle(pilot)
    assert history(home, capsys, ref) == [
        ("in_progress", "funds mapped in two regions"),
        ("completed", "final mapping shared"),  # the key and its note: one review (issue 22)
    ]
    assert history(home, capsys, ref + 1) == [("in_progress", "drafting started")]
    code, out, _ = cli(home, capsys, "actions", "--json", "--group", "locali")
    assert [a["id"] for a in json.loads(out)["actions"]] == [ref, ref + 1]
    code, out, _ = cli(home, capsys, "actions", "--json", "--from", "2021-02-01")
    assert [a["id"] for a in json.loads(out)["actions"]] == []


def test_import_warns_of_an_unknown_reference_and_strict_fails(
    home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = script(tmp_path, "bad.minutes", "---\ntitle: T\nbody: RG1\n---\n/u #4242 completed\n")
    code, out, err = cli(home, capsys, "import", path)
    assert code == 0 and out.strip().isdigit()
    assert "bad.minutes:5: Cannot review action #4242: there is no action #4242" in err
    code, _, err = cli(home, capsys, "import", "--strict", path)
    assert code == 3 and "1 line(s) had warnings" in err


def test_edit_relinks_the_series_and_refuses_a_loop(
    home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    a = cli(home, capsys, "new", "Morning", "--body", "RG1", "--date", "2021-03-01")[1].strip()
    b = cli(home, capsys, "new", "Afternoon", "--body", "RG1", "--date", "2021-03-01")[1].strip()
    cli(home, capsys, "add", a, "/a Morning action [OCHA]")
    code, _, err = cli(home, capsys, "add", b, "/u 1 completed")
    assert code == 0 and "not linked to a previous one" in err  # never guessed
    code, _, err = cli(home, capsys, "edit", b, "--from", a, "--title", "Afternoon session")
    assert code == 0, err
    code, _, err = cli(home, capsys, "add", b, "/u 1 completed")
    assert code == 0 and not err
    code, _, err = cli(home, capsys, "edit", a, "--from", b)
    assert code == 1 and "loop" in err
    code, _, err = cli(home, capsys, "edit", b, "--no-series")
    shown = json.loads(cli(home, capsys, "show", b, "--json")[1])
    assert (shown["title"], shown["previous_id"]) == ("Afternoon session", None)
    code, _, err = cli(home, capsys, "edit", b, "--date", "2021-02-30")
    assert code == 2 and "2021-02-30" in err
    code, _, err = cli(home, capsys, "edit", b)
    assert code == 2 and "nothing to change" in err


def test_the_workplan_heads_with_the_latest_dated_meeting(
    home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    """A body's register is headed by its latest dated meeting; an undated one sorts
    before every dated one, on an archive as on SQLite."""
    cli(home, capsys, "new", "RG1 undated", "--body", "RG1", "--undated")
    cli(home, capsys, "new", "RG1 January", "--body", "RG1", "--date", "2021-01-15")
    cli(home, capsys, "new", "RG1 March", "--body", "RG1", "--date", "2021-03-15")
    from minutes_tui.store.store import Store

    store = Store.open(home)
    try:
        assert store.load_register("rg1").title == "RG1 March"
    finally:
        store.close()
