"""`[new_meeting] sensitivity` in config.toml applies to `new`, `import` and `import-record`
(issue 23: all three ignored it); an explicit option, front-matter line or a label the
imported record states wins."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from minutes_tui.config import Home
from tests.helpers import run_cli


@pytest.fixture
def configured(tmp_path: Path) -> None:
    folder = Path(os.environ["MINUTES_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text('[new_meeting]\nsensitivity = "restricted"\n', "utf-8")


def sensitivity(home: Home, meeting: str) -> str:
    shown = run_cli("show", meeting, "--json", home=home)
    assert shown.returncode == 0, shown.stderr
    return str(json.loads(shown.stdout)["sensitivity"])


def new_id(done: object) -> str:
    out = getattr(done, "stdout", "")
    assert getattr(done, "returncode", 1) == 0, getattr(done, "stderr", "")
    return str(out).strip().split()[-1]


@pytest.mark.usefixtures("configured")
def test_new_takes_the_configured_sensitivity(home: Home) -> None:
    assert sensitivity(home, new_id(run_cli("new", "Cash WG", home=home))) == "RESTRICTED"
    explicit = run_cli("new", "Cash WG", "--sensitivity", "PUBLIC", home=home)
    assert sensitivity(home, new_id(explicit)) == "PUBLIC"


def test_without_a_setting_new_is_internal(home: Home) -> None:
    assert sensitivity(home, new_id(run_cli("new", "Cash WG", home=home))) == "INTERNAL"


@pytest.mark.usefixtures("configured")
def test_import_takes_it_unless_the_front_matter_says(home: Home, tmp_path: Path) -> None:
    bare = tmp_path / "bare.minutes"
    bare.write_text("---\ntitle: Cash WG\n---\n/i 1 Transfers\nA point.\n", "utf-8")
    assert sensitivity(home, new_id(run_cli("import", str(bare), home=home))) == "RESTRICTED"
    said = tmp_path / "said.minutes"
    said.write_text("---\ntitle: Cash WG\nsensitivity: PUBLIC\n---\nA point.\n", "utf-8")
    assert sensitivity(home, new_id(run_cli("import", str(said), home=home))) == "PUBLIC"


@pytest.mark.usefixtures("configured")
def test_import_record_takes_it_unless_the_record_says(home: Home, tmp_path: Path) -> None:
    bare = tmp_path / "bare.md"
    bare.write_text("# Cash Working Group\n\n## 1. Transfers\n\nWFP noted the values.\n", "utf-8")
    done = run_cli("import-record", str(bare), home=home)
    assert done.returncode == 0, done.stderr
    meeting = done.stdout.split()[1].rstrip(":")
    assert sensitivity(home, meeting) == "RESTRICTED"
    said = tmp_path / "said.md"
    said.write_text(
        "# Cash Working Group\n\nPUBLIC\n\n## 1. Transfers\n\nWFP noted the values.\n", "utf-8"
    )
    done = run_cli("import-record", str(said), home=home)
    assert done.returncode == 0, done.stderr
    assert sensitivity(home, done.stdout.split()[1].rstrip(":")) == "PUBLIC"
