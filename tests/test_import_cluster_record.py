"""A cluster's own plain-text record, as a new user imported it (issue 25's second round):
numbered section headings, action bullets that open with their owner in brackets, and a
status table of the PREVIOUS meeting's action points, imported through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from minutes_tui.cli.importing import read
from tests.conservation import kept, source_text
from tests.helpers import run_cli
from tests.record_fixtures import load_meeting

CLUSTER = Path(__file__).parent / "fixtures" / "cluster"
MARCH = CLUSTER / "shelter-cluster-2021-03-11.txt"  # reviews February's actions
FEBRUARY = CLUSTER / "shelter-cluster-2021-02-11.txt"
BODY = "Shelter Cluster"


def _import(home: Path, path: Path) -> int:
    got = run_cli("import-record", str(path), "--body", BODY, home=home)
    assert got.returncode == 0, got.stderr
    return int(got.stdout.split()[1])  # "meeting 2 (draft): …"


def _tracker(home: Path) -> dict[str, dict[str, Any]]:
    got = run_cli("actions", "--json", home=home)
    assert got.returncode == 0, got.stderr
    return {a["text"]: a for a in json.loads(got.stdout)["actions"]}


def test_numbered_section_headings_are_items_and_bracketed_owners_lead_actions(
    tmp_path: Path,
) -> None:
    m = load_meeting(tmp_path, _import(tmp_path, MARCH))
    assert [(i.label, i.title) for i in m.items] == [
        ("1", "Update on the response"),
        ("2", "Follow-up actions"),
        ("3", "Status of previous action points"),
    ]
    follow_up = m.items[1].id
    new = [(a.text, a.owners, a.due_text) for a in m.actions if a.item_id == follow_up]
    assert new == [
        ("Share the updated 4W", ["UNHCR"], "Friday"),
        ("Circulate the site assessment schedule to partners", ["IOM"], None),
        ("Draft the winterisation guidance note", ["NRC"], None),
    ]


def test_previous_action_points_review_the_earlier_meetings_actions(tmp_path: Path) -> None:
    february = _import(tmp_path, FEBRUARY)
    march = _import(tmp_path, MARCH)
    actions = _tracker(tmp_path)
    mapped = actions["Map the shelter gaps in Sector 4"]
    assert mapped["meeting_id"] == february  # reviewed, not agreed again
    assert (mapped["status"], mapped["progress"]) == ("completed", "map shared on 3 March")
    assert mapped["history"][-1]["meeting_id"] == march
    agreed = actions["Agree a common tent specification"]
    assert (agreed["meeting_id"], agreed["status"]) == (february, "in_progress")
    # February had no such action: carried into March, said so, its status kept
    trained = actions["Train partners on the NFI kit"]
    assert (trained["meeting_id"], trained["owners"]) == (march, ["NRC"])
    assert trained["comments"] == "carried from an earlier meeting"
    m = load_meeting(tmp_path, march)
    assert len(m.actions) == 4  # the three follow-up actions and the carried one
    assert {r.action_text for r in m.reviews} == {
        "Map the shelter gaps in Sector 4",
        "Agree a common tent specification",
    }


def test_without_an_earlier_meeting_previous_actions_are_carried_with_every_word(
    tmp_path: Path,
) -> None:
    march = _import(tmp_path, MARCH)
    carried = {
        a["text"]: a
        for a in _tracker(tmp_path).values()
        if a["comments"] == "carried from an earlier meeting"
    }
    assert sorted(carried) == [
        "Agree a common tent specification",
        "Map the shelter gaps in Sector 4",
        "Train partners on the NFI kit",
    ]
    mapped = carried["Map the shelter gaps in Sector 4"]
    assert (mapped["owners"], mapped["status"], mapped["progress"]) == (
        ["IOM"],
        "completed",
        "map shared on 3 March",
    )
    assert all(a["meeting_id"] == march for a in carried.values())
    m = load_meeting(tmp_path, march)
    rec = read(MARCH, BODY)
    assert not kept(source_text(MARCH), m, rec.unplaced, rec.structure)


def test_imported_reviews_are_dated_by_the_records_meeting(tmp_path: Path) -> None:
    alone, series = tmp_path / "alone", tmp_path / "series"
    _import(alone, MARCH)  # its table's statuses: reviews of the actions it carried
    _import(series, FEBRUARY)
    _import(series, MARCH)  # reviews of February's actions
    for home in (alone, series):
        action = _tracker(home)["Map the shelter gaps in Sector 4"]
        assert action["progress_date"] == "2021-03-11", home.name
        assert [h["date"] for h in action["history"]] == ["2021-03-11"], home.name
        shown = run_cli("actions", home=home).stdout
        assert "map shared on 3 March (2021-03-11)" in shown


def test_a_row_worded_a_little_differently_still_reviews_and_keeps_its_words(
    tmp_path: Path,
) -> None:
    _import(tmp_path, FEBRUARY)
    reworded = tmp_path / "march.txt"
    text = MARCH.read_text("utf-8").replace(
        "| Map the shelter gaps in Sector 4 | IOM |",
        "| Map the shelter gaps in Sectors 4 and 5 | IOM |",
    )
    reworded.write_text(text.replace("| Train partners", "| Train the partners"), "utf-8")
    got = run_cli("import-record", str(reworded), "--body", BODY, home=tmp_path)
    assert "2 reviews of earlier actions" in got.stdout
    mapped = _tracker(tmp_path)["Map the shelter gaps in Sector 4"]
    assert mapped["status"] == "completed"
    # the row's own words are in the review: "Sectors 4 and 5" is what the record said
    assert mapped["progress"] == (
        "Map the shelter gaps in Sectors 4 and 5 [IOM] — map shared on 3 March"
    )
    m = load_meeting(tmp_path, int(got.stdout.split()[1]))
    rec = read(reworded, BODY)
    assert not kept(reworded.read_text("utf-8"), m, rec.unplaced, rec.structure)


def test_a_row_that_says_nothing_of_a_stored_action_is_a_point_not_the_action_again(
    tmp_path: Path,
) -> None:
    february = _import(tmp_path, FEBRUARY)
    silent = tmp_path / "march.txt"
    text = MARCH.read_text("utf-8")
    silent.write_text(
        text.replace("specification | UNHCR | Ongoing |", "specification | UNHCR | |")
    )
    march = _import(tmp_path, silent)
    actions = run_cli("actions", "--json", home=tmp_path).stdout
    agreed = [a for a in json.loads(actions)["actions"] if a["text"].startswith("Agree a common")]
    assert [(a["meeting_id"], a["status"]) for a in agreed] == [(february, "pending")]
    points = [e.text for e in load_meeting(tmp_path, march).entries]
    assert "Agree a common tent specification [UNHCR]" in points


APRIL_2024 = CLUSTER / "shelter-2024-04-10.txt"  # "- [UNHCR] Share the updated 4W by Friday"
MAY_2024 = CLUSTER / "shelter-2024-05-08.txt"  # its table: "| Share the updated 4W by Friday |"


def test_a_row_that_repeats_the_due_phrase_reviews_the_action_stored_without_it(
    tmp_path: Path,
) -> None:
    april = _import(tmp_path, APRIL_2024)
    may = _import(tmp_path, MAY_2024)
    shared = [a for a in _tracker(tmp_path).values() if "4W" in a["text"]]
    assert [(a["meeting_id"], a["text"], a["status"], a["progress"]) for a in shared] == [
        (april, "Share the updated 4W", "completed", "Share the updated 4W by Friday [UNHCR]")
    ]  # the row's words open the review: the May record keeps all it said
    m = load_meeting(tmp_path, may)
    assert not [a for a in m.actions if "4W" in a.text]  # not agreed again in May
    assert len(m.reviews) == 3  # every row of the table reviews April's action
    rec = read(MAY_2024, BODY)
    assert not kept(source_text(MAY_2024), m, rec.unplaced, rec.structure)


def test_a_carried_actions_status_is_filed_under_the_item_of_its_table(tmp_path: Path) -> None:
    may = _import(tmp_path, MAY_2024)  # no earlier meeting: every row is carried
    m = load_meeting(tmp_path, may)
    previous = next(i.id for i in m.items if i.title == "Status of previous action points")
    assert len(m.reviews) == 2  # "Completed" and "Ongoing"; "Pending" is a new action's own
    assert {r.item_id for r in m.reviews} == {previous}  # never "(before the agenda)"
    shown = run_cli("show", str(may), home=tmp_path).stdout
    assert "before the agenda" not in shown


def test_a_dry_run_shows_the_reviews_the_import_will_store(tmp_path: Path) -> None:
    _import(tmp_path, APRIL_2024)
    args = ("import-record", str(MAY_2024), "--body", BODY, "--dry-run")
    shown = run_cli(*args, home=tmp_path).stdout
    assert "review of action 1: completed" in shown
    assert "review of action 2: in_progress awaiting donor figures" in shown
    assert "action 3: Share the updated 4W" not in shown  # not agreed again
    assert "will be matched" not in shown  # matched already: no "maybe"
    _import(tmp_path, MAY_2024)
    assert len(_tracker(tmp_path)) == 5  # three of April, two of May: as the dry run said


def test_a_dry_run_without_a_database_says_rows_will_be_matched_and_creates_nothing(
    tmp_path: Path,
) -> None:
    home = tmp_path / "new"
    args = ("import-record", str(MAY_2024), "--body", BODY, "--dry-run")
    shown = run_cli(*args, home=home).stdout
    assert "3 rows of previous action points will be matched against" in shown
    assert "action 3: Share the updated 4W" in shown  # carried, as stored when none match
    assert not home.exists()


def test_a_title_naming_a_cluster_and_its_meeting_gives_the_body(tmp_path: Path) -> None:
    shown = run_cli("import-record", str(APRIL_2024), "--dry-run", home=tmp_path).stdout
    assert "body: Shelter Cluster ·" in shown  # "Shelter Cluster" / "Coordination Meeting"
    assert read(APRIL_2024, None).header.body == "Shelter Cluster"
    assert read(APRIL_2024, "Shelter Sector").header.body == "Shelter Sector"  # --body wins
    # prose is never read as a body: only a title that is the name and "meeting"
    other = tmp_path / "other.txt"
    other.write_text(
        APRIL_2024.read_text("utf-8").replace("Shelter Cluster\n", "Notes of the Cluster\n")
    )
    assert read(other, None).header.body is None
