"""The vocabulary lives once: every closed set is imported from `minutes_tui.domain.vocabulary`,
and no other module spells one out again."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import minutes_tui
from minutes_tui.domain import vocabulary as v

SRC = Path(minutes_tui.__file__).parent

# A closed set written out again would show one of these runs of its members.
SPELLED_OUT = {
    "statuses": r"[\"']pending[\"'],\s*[\"']in_progress[\"']",
    "styles": r"[\"']summary[\"'],\s*[\"']minutes[\"'],\s*[\"']actions[\"']",
    "sensitivities": r"[\"']PUBLIC[\"'],\s*[\"']INTERNAL[\"']",
    "roles": r"[\"']Chair[\"'],\s*[\"']Co-Chair[\"'],\s*[\"']Presenter[\"']",
    "attendance": r"[\"']present[\"'],\s*[\"']apologies[\"'],\s*[\"']absent[\"']",
    "note kinds": r"[\"']point[\"'],\s*[\"']decision[\"'],\s*[\"']key_message[\"']",
}


def test_each_closed_set_is_defined_in_the_vocabulary() -> None:
    assert v.STATUSES[:2] == ("pending", "in_progress") and set(v.OPEN_STATUSES) < set(v.STATUSES)
    assert set(v.STATUS_INFO) == set(v.STATUSES)
    assert v.STYLES[:3] == ("summary", "minutes", "actions") and set(v.STYLE_NAMES) == set(v.STYLES)
    assert set(v.STYLE_WORDS.values()) == set(v.STYLES)
    assert v.SENSITIVITIES[0] == "PUBLIC" and "Co-Chair" in v.ROLES
    assert set(v.ROLE_WORDS.values()) == set(v.ROLES)
    assert set(v.ATTENDANCE_WORDS.values()) == set(v.ATTENDANCES)
    assert set(v.NOTE_LABELS) == set(get_args(v.NoteKind))
    for status in v.STATUSES:
        assert v.status_from_word(v.status_word(status)) == status


def test_no_other_module_spells_a_closed_set_out_again() -> None:
    found = []
    for path in SRC.rglob("*.py"):
        if path.name == "vocabulary.py" or "migrations" in path.parts:
            continue  # a migration keeps the values it was written with, on purpose
        text = path.read_text("utf-8")
        found += [f"{path.relative_to(SRC)}: {name}" for name, pattern in SPELLED_OUT.items()
                  if re.search(pattern, text)]  # fmt: skip
    assert found == []
