"""Name forms an adversarial pass got through a redacted export: a plural ("the Hylands
proposal"), a name run together in a URL or a file name ("karenhyland"), and invisible
marks inside the name (a variation selector, the combining grapheme joiner)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

LINES = {
    "plural": "UNHCR: the Hylands proposal was tabled",
    "plural possessive": "UNHCR: the Hylands' proposal was tabled",
    "joined in a URL": "UNHCR: see https://example.org/people/karenhyland for details",
    "joined in a file name": "UNHCR: notes filed as karenhyland.docx",
    "variation selector": "UNHCR: K\ufe0faren H\ufe0fyland opened the meeting",
    "grapheme joiner": "UNHCR: H\u034fyland opened the meeting",
}


@pytest.mark.parametrize("line", LINES.values(), ids=LINES.keys())
def test_a_name_form_is_not_left_in_a_redacted_export(tmp_path: Path, line: str) -> None:
    meeting = run_cli("new", "Base meeting", "--body", "IASC OPAG", home=tmp_path).stdout.strip()
    run_cli("add", meeting, "/p Ms. Karen Hyland, Chief, UNHCR", line, home=tmp_path)
    out = tmp_path / "r.md"
    done = run_cli(
        "export", meeting, "--format", "md", "--redact", "--keep", "--out", out, home=tmp_path
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text().casefold()
    for form in ("hyland", "karen"):
        assert form not in text.replace("\ufe0f", "").replace("\u034f", ""), text
