"""The back catalogue, round trip: the fixture meetings exported to Word and Markdown in
each style, imported back with `import-record`'s own path, give the same meeting.

Where a style does not hold, it is because the record itself does not carry the facts:
- the actions style prints only actions and reviews (no items, points or participants);
- summary and minutes print no partners, links or comments of an action, and the
  response-plan style folds a due date into the timeframe;
- the workplan style is a register report across a series (rows mix this meeting's
  actions with reviews of earlier ones, shown by reference), not one meeting's record.
- a plain point typed without a speaker but opening with a known organisation
  ("InterAction underscored …") comes back attributed: the record prints both the same.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from minutes_tui.domain.snapshot import MeetingData
from minutes_tui.record.export import render
from tests.record_fixtures import FIXTURES, RESULTS_GROUP, load_meeting, replay_series
from tests.roundtrip import actions, import_into, items, participants, points, register

FORMATS = ("md", "docx")


@pytest.fixture(scope="module")
def meetings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[MeetingData, ...]]:
    root = tmp_path_factory.mktemp("fixtures")
    out: dict[str, tuple[MeetingData, ...]] = {}
    for name, files in {
        "opag": ("opag-session-vii.minutes",),
        "plan": ("response-plan.minutes",),
        "rg1": RESULTS_GROUP,  # the previous meeting first: this one reviews its actions
    }.items():
        ids, home = replay_series(root / name, [(FIXTURES / f).read_text("utf-8") for f in files])
        out[name] = tuple(load_meeting(home, i) for i in ids)
    return out


def round_trip(
    tmp_path: Path, series: tuple[MeetingData, ...], style: str, fmt: str
) -> MeetingData:
    """Export each meeting of the series, import them back in order (linked), load the last."""
    home, previous = tmp_path / "home", None
    for n, meeting in enumerate(series):
        path = tmp_path / f"record-{n}.{fmt}"
        path.write_bytes(render(meeting, fmt, style))
        previous = import_into(home, path, previous, body=meeting.body)
    assert previous is not None
    return load_meeting(home, previous)


def rendered(m: MeetingData) -> list[tuple[str, str, str | None]]:
    """Points as the record prints them: the speaker, then the text."""
    return [(k, f"{s} {t}" if s else t, label) for k, t, s, label in points(m)]


def speakers(m: MeetingData) -> list[str | None]:
    return [s for _, _, s, _ in points(m)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", ["summary", "minutes"])
def test_opag_round_trip(tmp_path: Path, meetings: dict, style: str, fmt: str) -> None:
    original = meetings["opag"][-1]
    got = round_trip(tmp_path, meetings["opag"], style, fmt)
    # the summary style prints headings in capitals ("SESSION 7.1: DIGITIZATION …")
    assert items(got, fold=style == "summary") == items(original, fold=style == "summary")
    assert rendered(got) == rendered(original)
    said, heard = speakers(original), speakers(got)
    assert [s for s in said if s] == [h for s, h in zip(said, heard, strict=True) if s]
    extra = [t for (_, t, s, _), h in zip(points(original), heard, strict=True) if h and not s]
    assert [t.split()[0] for t in extra] == ["InterAction", "InterAction"]
    assert actions(got) == actions(original)
    assert participants(got) == participants(original)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", ["summary", "minutes"])
def test_results_group_round_trip(tmp_path: Path, meetings: dict, style: str, fmt: str) -> None:
    """Topics, a labelled paragraph, due dates and timeframes, reviews of the previous
    meeting's actions (the series is imported in order and linked)."""
    original = meetings["rg1"][-1]
    got = round_trip(tmp_path, meetings["rg1"], style, fmt)
    assert items(got) == items(original)
    assert points(got) == points(original)
    assert actions(got) == actions(original)
    assert register(got) == register(original)
    assert participants(got) == participants(original)
    assert sorted((r.action_number, r.status, r.text) for r in got.reviews) == sorted(
        (r.action_number, r.status, r.text) for r in original.reviews
    )
    assert got.previous_id is not None


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", ["summary", "minutes", "response-plan"])
def test_response_plan_round_trip(tmp_path: Path, meetings: dict, style: str, fmt: str) -> None:
    original = meetings["plan"][-1]
    got = round_trip(tmp_path, meetings["plan"], style, fmt)
    assert items(got) == items(original)
    assert points(got) == points(original)
    assert actions(got) == actions(original)
    if style == "response-plan":  # the one style that prints comments in a table
        assert register(got) == register(original)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["opag", "plan", "rg1"])
def test_actions_style_round_trip(tmp_path: Path, meetings: dict, name: str, fmt: str) -> None:
    original = meetings[name][-1]
    got = round_trip(tmp_path, meetings[name], "actions", fmt)
    assert actions(got) == actions(original)
    assert [(a.number, a.group) for a in got.actions] == [
        (a.number, a.group) for a in sorted(original.actions, key=lambda a: a.number)
    ]
    assert sorted((r.action_number, r.status, r.text) for r in got.reviews) == sorted(
        (r.action_number, r.status, r.text) for r in original.reviews
    )
    assert (got.title, got.date, got.body) == (original.title, original.date, original.body)


def test_a_changed_fixture_is_noticed(tmp_path: Path, meetings: dict) -> None:
    """The comparison itself can fail: a different owner is a different meeting."""
    changed = copy.deepcopy(meetings["opag"][-1])
    changed.actions[0].owners = ["OCHA"]
    got = round_trip(tmp_path, (changed,), "minutes", "md")
    assert actions(got) != actions(meetings["opag"][-1])
