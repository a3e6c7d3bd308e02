"""The `minutes` command as a user (or a script) runs it; in process, see tests/helpers.py."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from minutes_tui.config import Home
from tests.helpers import FIXTURES, run_cli


def test_new_add_show_json(home: Home) -> None:
    made = run_cli(
        "new", "IM Network meeting", "--body", "IM Network", "--date", "2020-03-03", home=home
    )
    assert made.returncode == 0, made.stderr
    mid = made.stdout.strip()
    assert mid == "1"
    lines = [
        "/p Ms. Shon Campbell, MIMU Manager, MIMU (Chair)",
        "/p UNHCR: Mr. Mathew Richard, Information Management Officer (Presenter)",
        "/p OCHA",
        "/i UNHCR registration (ProGres)",
        "UNHCR: ProGres is the registration system.",
        "Mr. Richard: data is stored in Copenhagen.",
        "/d Members welcome the data sharing agreements",
        "/a Share the ProGres factsheet [UNHCR] by 2020-03-31",
        "/i PSEA Network",
        "/a Circulate the reporting framework [PSEA Network; OCHA]",
        "/a Report back at the next meeting [MIMU] by mid-May",
    ]
    added = run_cli("add", mid, *lines, home=home)
    assert added.returncode == 0, added.stderr
    shown = run_cli("show", mid, "--json", home=home)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["title"] == "IM Network meeting" and data["date"] == "2020-03-03"
    assert [p["name"] for p in data["participants"]] == ["Shon Campbell", "Mathew Richard", None]
    assert data["participants"][0]["role"] == "Chair"
    assert data["participants"][1]["organisation"] == "UNHCR"
    assert [i["title"] for i in data["items"]] == ["UNHCR registration (ProGres)", "PSEA Network"]
    first = data["items"][0]
    assert [(e["kind"], e["speaker"]) for e in first["entries"]] == [
        ("point", "UNHCR"),
        ("point", "Mr. Richard"),
        ("decision", None),
    ]
    assert first["actions"] == [1] and data["items"][1]["actions"] == [2, 3]
    actions = data["actions"]
    assert [(a["number"], a["owners"]) for a in actions] == [
        (1, ["UNHCR"]),
        (2, ["PSEA Network", "OCHA"]),
        (3, ["MIMU"]),
    ]
    assert actions[0]["due_date"] == "2020-03-31" and actions[2]["due_text"] == "mid-May"
    plain = run_cli("show", mid, home=home)
    assert "3. Report back at the next meeting [MIMU]" in plain.stdout


def test_show_keeps_labels_and_the_confidential_mark(home: Home) -> None:
    assert run_cli("new", "Weekly", "--date", "2020-03-03", home=home).returncode == 0
    lines = [
        "/i 1 Data",
        "/l Management Response: agreed with the findings",
        "!UNHCR: the evacuation route is not public",
        "!/a Brief the donors quietly [OCHA]",
        "/a Share the factsheet [UNHCR]",
    ]
    assert run_cli("add", "1", *lines, home=home).returncode == 0
    plain = run_cli("show", "1", home=home).stdout
    assert "  Management Response: agreed with the findings" in plain
    assert "  [Confidential] UNHCR: the evacuation route is not public" in plain
    assert "  1. [Confidential] Brief the donors quietly [OCHA]" in plain
    assert "  2. Share the factsheet [UNHCR]" in plain
    data = json.loads(run_cli("show", "1", "--json", home=home).stdout)
    entries = data["items"][0]["entries"]
    assert [(e["label"], e["confidential"]) for e in entries] == [
        ("Management Response", False),
        (None, True),
    ]
    assert [a["confidential"] for a in data["actions"]] == [True, False]


def test_list_newest_first(home: Home) -> None:
    for title, date in [("Old", "2020-01-01"), ("New", "2021-01-01"), ("Mid", "2020-06-01")]:
        assert run_cli("new", title, "--date", date, home=home).returncode == 0
    listed = run_cli("list", "--json", home=home)
    assert [m["title"] for m in json.loads(listed.stdout)["meetings"]] == ["New", "Mid", "Old"]
    text = run_cli("list", home=home).stdout.splitlines()
    assert "2021-01-01" in text[0] and "New" in text[0]


def test_import_opag_fixture(home: Home) -> None:
    done = run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home)
    assert done.returncode == 0, done.stderr
    data = json.loads(run_cli("show", done.stdout.strip(), "--json", home=home).stdout)
    actions = data["actions"]
    assert [a["number"] for a in actions] == [1, 2, 3, 4, 5, 6, 7]
    assert all(a["owners"] == ["RG1 sub-group on data responsibility"] for a in actions[:5])
    assert actions[5]["owners"] == ["OPAG"]
    assert [s["owners"] for s in actions[6]["sub_items"]] == [["RG3"], ["RG3"]]
    labels = [i["label"] for i in data["items"]]
    assert labels == ["7.1", "7.2", "AOB"]
    by_item = {i["label"]: i["actions"] for i in data["items"]}
    assert by_item == {"7.1": [1, 2, 3, 4, 5], "7.2": [6, 7], "AOB": []}
    # The annex: participants grouped by organisation, as typed.
    orgs: dict[str, list[str]] = {}
    for p in data["participants"]:
        if p["name"]:
            orgs.setdefault(p["organisation"] or "", []).append(p["name"])
    assert orgs["ICVA"] == ["Mirela Shuteriqi", "Jeremy Wellard", "Jeremy Rempel"]
    assert orgs["UNICEF"] == ["Meritxell Relano", "Segolene Adam"]
    assert orgs["WFP"][0] == "Valerie Guarrieri"
    co_chairs = [p["name"] for p in data["participants"] if p["role"] == "Co-Chair"]
    assert co_chairs == ["Valerie Guarrieri", "Geir Olav Lisle"]
    speakers = {e["speaker"] for i in data["items"] for e in i["entries"]}
    assert {"UNHCR", "IFRC", "ICRC", "IOM"} <= speakers


def test_errors_are_one_line_and_change_nothing(home: Home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("new", "A meeting", home=home).returncode == 0
    db = home.db_path

    def snapshot() -> list[tuple]:  # type: ignore[type-arg]
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT id, title, date FROM meeting").fetchall()
        finally:
            con.close()

    before = snapshot()
    cases = [
        (["show", "42"], "No meeting with id 42"),
        (["add", "42", "hello"], "No meeting with id 42"),
        (["new", "Bad date", "--date", "2020-13-45"], "2020-13-45"),
        (["new", "Bad style", "--style", "poem"], "poem"),
        (["import", str(tmp_path / "missing.minutes")], "no such file"),
        (["show", "abc"], "not a meeting id"),
    ]
    for args, expected in cases:
        done = run_cli(*args, home=home)
        assert done.returncode != 0, args
        assert expected in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) <= 2, done.stderr
    assert snapshot() == before


def test_bad_script_changes_nothing(home: Home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "bad.minutes"
    script.write_text("---\ntitle: x\ndate: 2020-02-30\n---\nhello\n", encoding="utf-8")
    done = run_cli("import", str(script), home=home)
    assert done.returncode != 0 and "2020-02-30" in done.stderr
    listed = run_cli("list", "--json", home=home).stdout
    assert json.loads(listed) == {"version": 1, "meetings": []}


def test_refuses_corrupt_and_newer_databases(home: Home) -> None:
    assert run_cli("new", "A meeting", home=home).returncode == 0
    con = sqlite3.connect(home.db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = home.db_path.read_bytes()
    for args in (["list"], ["show", "1"], ["add", "1", "x"], ["new", "B"]):
        done = run_cli(*args, home=home)
        assert done.returncode == 1 and "newer version" in done.stderr, (args, done.stderr)
    assert home.db_path.read_bytes() == before
    home.db_path.write_bytes(b"\x00garbage" * 512)
    done = run_cli("list", home=home)
    assert done.returncode == 1 and "not a readable minutes-tui database" in done.stderr


# ---- which home was read -------------------------------------------------------------


def test_an_empty_home_is_named_on_stderr_and_stdout_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    listed = run_cli("list", "--json", home=empty)
    assert listed.returncode == 0
    assert json.loads(listed.stdout) == {"version": 1, "meetings": []}  # scripts read on
    assert listed.stderr == (
        f"minutes: No meetings in HOME ({empty}, given by --home; no database yet); "
        "another home: --home DIR or MINUTES_HOME=DIR\n"
    )
    # Without --home: MINUTES_HOME's, said so; after an error, the error comes first.
    monkeypatch.setenv("MINUTES_HOME", str(empty))
    shown = run_cli("show", "3")
    assert shown.returncode == 1
    assert shown.stderr.startswith(  # still one line: the error, then the home it read
        f"minutes: error: No meeting with id 3. No meetings in HOME ({empty}, from MINUTES_HOME"
    )
    assert shown.stderr.count("\n") == 1
    # From a checkout whose ./db holds meetings (`make run`'s home), that is the hint.
    checkout = tmp_path / "checkout"
    assert run_cli("new", "Weekly", home=checkout).returncode == 0
    monkeypatch.chdir(checkout)
    assert (
        run_cli("search", "anything")
        .stderr.splitlines()[-1]
        .endswith("another home: --home . (this folder has meetings)")
    )


def test_a_home_with_meetings_is_not_named(home: Home) -> None:
    assert run_cli("new", "Weekly", home=home).returncode == 0
    for args in (("list",), ("actions",), ("trash", "--list"), ("show", "1")):
        done = run_cli(*args, home=home)
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
