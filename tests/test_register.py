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


OPAG = """---
title: OPAG Session IX
body: IASC OPAG
date: 2021-02-10
---
/i 1 Localization
/g LOCALIZATION
/a Map local partners' access to pooled funds [RG1] | when: Q2 2021
/a Brief the principals [OCHA]
"""


async def test_a_results_group_reviews_its_parent_bodys_action_by_reference(
    home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(home, capsys, "import", script(tmp_path, "opag.minutes", OPAG))
    assert code == 0, err
    opag = int(out)
    ref = json.loads(cli(home, capsys, "actions", "--json", "--meeting", str(opag))[1])["actions"][
        0
    ]["id"]
    rg1 = "---\ntitle: RG1 March\nbody: IASC RG1\ndate: 2021-03-12\n---\n/i 1 Review\n"
    rg1 += f"/u #{ref} ongoing Mapping under way in five countries\n"
    # Without a parent the RG1 meeting may not review OPAG's register.
    code, _, err = cli(home, capsys, "import", script(tmp_path, "rg1a.minutes", rg1))
    assert "belongs to the register of IASC OPAG" in err
    code, out, err = cli(home, capsys, "edit", "--body", "IASC RG1", "--parent", "IASC OPAG")
    assert code == 0 and "IASC RG1 is now under IASC OPAG" in out, err
    code, out, err = cli(home, capsys, "import", script(tmp_path, "rg1b.minutes", rg1))
    assert code == 0 and not err, err
    assert history(home, capsys, ref) == [("in_progress", "Mapping under way in five countries")]
    # A sub-group of RG1, named in its front matter, reviews OPAG's actions too (two up).
    sub = rg1.replace("body: IASC RG1", "body: RG1 sub-group\nparent: IASC RG1")
    sub = sub.replace("ongoing Mapping under way in five countries", "Data shared")
    code, out, err = cli(home, capsys, "import", script(tmp_path, "sub.minutes", sub))
    assert code == 0 and not err, err
    sub_id = int(out)
    # And OPAG's next meeting reviews the sub-group's (below it) from the review pane.
    cli(home, capsys, "add", str(sub_id), "/a Share the data template [RG1 sub-group]")
    later = cli(home, capsys, "new", "OPAG X", "--body", "IASC OPAG", "--date", "2021-04-01")[1]
    app = MinutesApp(home, open_meeting=int(later), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen.query_one("#review")
        listed = [int(o.id) for o in review._options]  # type: ignore[attr-defined]
    template = json.loads(cli(home, capsys, "actions", "--json", "--meeting", str(sub_id))[1])
    assert listed == [ref, ref + 1, template["actions"][0]["id"]]
    # The tracker: RG1's actions include the one it leads in OPAG's register.
    code, out, _ = cli(home, capsys, "actions", "--json", "--body", "IASC RG1")
    assert [a["id"] for a in json.loads(out)["actions"]] == [ref]
    code, out, _ = cli(home, capsys, "actions", "--json", "--lead", "rg1")
    assert {a["id"] for a in json.loads(out)["actions"]} == {ref, template["actions"][0]["id"]}
    # A loop is refused, with one sentence, and changes nothing.
    code, _, err = cli(home, capsys, "edit", "--body", "IASC OPAG", "--parent", "RG1 sub-group")
    assert code == 1 and "loop" in err
    code, _, err = cli(home, capsys, "edit", "--body", "IASC RG1")
    assert code == 2


RG1_STATUS = """---
title: Results Group 1 on Operational Response
body: IASC RG1
parent: IASC OPAG
date: 2021-03-12
style: summary-status
---
/i 1 Action points from OPAG
The co-chairs opened the review of the action points OPAG gave the group.
/u #{ref} ongoing Mapping under way in five countries
/i 2 Localization
UNHCR: raised two points:
- pooled funds
- local leadership
/d The group agreed to report to OPAG in April.
"""


def test_a_results_group_record_carries_its_narrative_and_the_status_table(
    home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 26's done-when: an RG1 meeting (front matter `parent: IASC OPAG`) reviews an
    OPAG action by reference, and its summary-status record holds the narrative and the
    action under its topic row with its lead and status, in Markdown and in Word."""
    from docx import Document

    opag = cli(home, capsys, "import", script(tmp_path, "opag.minutes", OPAG))[1].strip()
    actions = json.loads(cli(home, capsys, "actions", "--json", "--meeting", opag)[1])
    ref = actions["actions"][0]["id"]
    text = RG1_STATUS.replace("{ref}", str(ref))
    code, out, err = cli(home, capsys, "import", script(tmp_path, "rg1.minutes", text))
    assert code == 0 and not err, err
    rg1 = out.strip()
    md_path, docx_path = tmp_path / "rg1.md", tmp_path / "rg1.docx"
    assert cli(home, capsys, "export", rg1, "--out", str(md_path))[0] == 0
    md = md_path.read_text("utf-8")
    assert "The co-chairs opened the review" in md and "- local leadership" in md
    assert "**Decision:** The group agreed to report to OPAG in April." in md
    assert (
        "| Action Point | Lead | Status | Progress Overview |\n| --- | --- | --- | --- |\n"
        "| **LOCALIZATION** |   |   |   |\n"
        f"| Map local partners' access to pooled funds (#{ref}, agreed 10 February 2021) "
        "| RG1 | In Progress | Mapping under way in five countries |" in md
    )
    assert "Review of previous actions:" not in md  # the table, not the bullets
    code, _, err = cli(home, capsys, "export", rg1, "--format", "docx", "--out", str(docx_path))
    assert code == 0, err
    doc = Document(str(docx_path))
    (table,) = doc.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["Action Point", "Lead", "Status", "Progress Overview"]
    assert rows[1] == ["LOCALIZATION"] * 4  # one cell across the four columns
    assert rows[2][1:] == ["RG1", "In Progress", "Mapping under way in five countries"]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeated on every page
    texts = [p.text for p in doc.paragraphs]
    assert "UNHCR raised two points:" in texts and "local leadership" in texts


def test_a_results_groups_workplan_holds_the_action_it_leads_with_markers_as_given(
    home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The workplan of RG1 includes the action OPAG gave it to lead; markers are undated
    when the rapporteur asks (--undated-markers), and nobody's report is never invented."""
    opag = cli(home, capsys, "import", script(tmp_path, "opag.minutes", OPAG))[1].strip()
    actions = json.loads(cli(home, capsys, "actions", "--json", "--meeting", opag)[1])
    ref = actions["actions"][0]["id"]
    text = RG1_STATUS.replace("{ref}", str(ref))
    assert cli(home, capsys, "import", script(tmp_path, "rg1.minutes", text))[0] == 0

    def workplan(body: str, *extra: str) -> str:
        out = tmp_path / f"{body}{len(extra)}.md"
        code, _, err = cli(
            home, capsys, "export", body, "--style", "workplan", "--out", str(out), *extra
        )
        assert code == 0, err
        return out.read_text("utf-8")

    rg1 = workplan("IASC RG1")
    assert f"Map local partners' access to pooled funds (#{ref})" in rg1
    assert "**\\[ONGOING\\]** 12 Mar 2021: Mapping under way in five countries" in rg1
    undated = workplan("IASC RG1", "--undated-markers")
    assert "Q2 2021 **\\[ONGOING\\]** Mapping under way in five countries |" in undated
    opag_plan = workplan("IASC OPAG")
    assert "Brief the principals" in opag_plan
    assert "[PENDING]" not in opag_plan.split("**Legend:**", 1)[1].split("\n", 1)[1]
    code, _, err = cli(home, capsys, "export", opag, "--undated-markers")
    assert code == 2 and "workplan" in err
