"""The layers: grammar, store and record never import Textual; the first frame waits for
nothing heavy (SQLAlchemy, Alembic, python-docx)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = [
    "minutes_tui.capture",
    "minutes_tui.script",
    "minutes_tui.attendance",
    "minutes_tui.unparse",
    "minutes_tui.store.store",
    "minutes_tui.store.search",
    "minutes_tui.store.tracker",
    "minutes_tui.record",
    "minutes_tui.record.export",
]


def imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("module", PURE)
def test_lower_layers_never_import_textual(module: str) -> None:
    modules = imported_after(f"import {module}")
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}


def test_first_frame_imports_nothing_heavy() -> None:
    # What the meetings screen needs to draw: the app, the screen, the list reader.
    modules = imported_after(
        "import minutes_tui.cli, minutes_tui.app, minutes_tui.screens.meetings"
    )
    for heavy in ("sqlalchemy", "sqlmodel", "alembic", "docx", "pydantic"):
        assert heavy not in modules, heavy
