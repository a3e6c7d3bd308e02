"""A returned draft taken in on the team archive: its comments are the meeting owner's,
never read by another rapporteur who reads the meeting itself (team/roles.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests import cleared
from tests.test_archive_attacks import online
from tests.test_archive_roles import as_role
from tests.test_incorporate import SENTENCE
from tests.test_sync_roles import OPAG, team  # noqa: F401  (the fixture)

pytestmark = pytest.mark.postgres


def test_a_returned_drafts_comments_are_the_owners_only(
    tmp_path: Path,
    team: dict[str, str],  # noqa: F811
    pg_server: Any,
) -> None:
    db = team["database"]
    home = tmp_path / "ana"
    mid = online(team, "ana", "new", "Open", "--body", OPAG, home=home)
    online(team, "ana", "add", mid, "/i 1 Access", SENTENCE, home=home)
    export = tmp_path / "draft.docx"
    online(team, "ana", "export", mid, "--format", "docx", "--out", str(export), home=home)
    returned = tmp_path / "cleared.docx"
    returned.write_bytes(cleared.cleared_in_word(export.read_bytes(), SENTENCE, "Sittwe"))
    online(team, "ana", "incorporate", mid, str(returned), "--accept-all", home=home)
    assert as_role(pg_server, db, "ana", "SELECT text FROM review_comment") == [("Sittwe",)]
    assert as_role(pg_server, db, "ben", "SELECT text FROM entry")  # he reads the meeting
    assert as_role(pg_server, db, "ben", "SELECT text FROM review_comment") == []
    shown = json.loads(online(team, "ana", "show", mid, "--json", home=home))
    assert [c["text"] for c in shown["review_comments"]] == ["Sittwe"]
    online(team, "ana", "undo", mid, home=home)
    assert as_role(pg_server, db, "ana", "SELECT text FROM review_comment") == []
