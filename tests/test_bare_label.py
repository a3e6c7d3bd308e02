"""A bare `/l LABEL:` (docs/capture-grammar.md's `/l DISCUSSION:`) is a label, never raw
grammar in a record; a `/l` line that cannot be read says truthfully what is wrong (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes_tui.capture.parse import parse_line
from minutes_tui.config import Home
from minutes_tui.domain.entries import Note
from tests.helpers import run_cli

LINES = [
    "/i 1. Opening",
    "/l DISCUSSION:",
    "OCHA: welcomed the participants.",
    "/l Management Response:",
    "Agreed; the toolkit will be revised.",
]


def _meeting(home: Home, style: str) -> str:
    made = run_cli("new", "Bare labels", "--date", "2026-03-12", "--style", style, home=home)
    assert made.returncode == 0, made.stderr
    mid = made.stdout.strip()
    added = run_cli("add", mid, *LINES, home=home)
    assert added.returncode == 0, added.stderr
    assert "kept as a note" not in added.stderr + added.stdout
    return mid


@pytest.mark.parametrize("line", ["/l DISCUSSION:", "/l DISCUSSION:  ", "/label Next steps:"])
def test_a_bare_label_is_a_label(line: str) -> None:
    entry = parse_line(line)
    assert isinstance(entry, Note) and not entry.warnings
    assert entry.label == line.split(None, 1)[1].strip().rstrip(":") and entry.text == ""


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("/l no colon here", "needs a colon after the label"),
        ("/l Note:text", "needs a space after the label's colon"),
        ("/l : text", "needs a label before the colon"),
        ("/l", "needs a label and a colon"),
        ("/l " + "x" * 61 + ": text", "a label is at most 60 characters"),
    ],
)
def test_an_unreadable_label_line_says_what_is_wrong(line: str, why: str) -> None:
    entry = parse_line(line)
    assert isinstance(entry, Note) and entry.label is None
    assert any(why in w for w in entry.warnings), entry.warnings


@pytest.mark.parametrize("style", ["minutes", "summary", "response-plan"])
def test_a_bare_label_prints_as_a_bold_lead_in_in_markdown(home: Home, style: str) -> None:
    mid = _meeting(home, style)
    done = run_cli("export", mid, "--style", style, "--out", "-", home=home)
    assert done.returncode == 0, done.stderr
    assert "/l " not in done.stdout
    assert "**DISCUSSION:**" in done.stdout
    assert "**Management Response:**\n\nAgreed; the toolkit will be revised." in done.stdout


def test_a_bare_label_prints_bold_in_word(home: Home, tmp_path: Path) -> None:
    import docx

    mid = _meeting(home, "summary")
    out = tmp_path / "record.docx"
    done = run_cli("export", mid, "--format", "docx", "--out", str(out), home=home)
    assert done.returncode == 0, done.stderr
    paragraphs = docx.Document(str(out)).paragraphs
    assert not any("/l" in p.text for p in paragraphs)
    lead = next(p for p in paragraphs if p.text == "Management Response:")
    assert all(run.bold for run in lead.runs if run.text.strip())
    assert lead.paragraph_format.keep_with_next  # a lead-in stays with what it introduces


# Every command with input its form allows: never kept as raw "/x ..." text.
_WORD = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"), min_size=1)
_WORDS = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)
_STATUS = st.sampled_from(["done", "completed", "in progress", "pending", "dropped", ""])
_VALID = st.one_of(
    st.tuples(st.sampled_from(["/i", "/item"]), _WORDS).map(" ".join),
    st.tuples(st.sampled_from(["/a", "/s", "/d", "/k", "/g", "/pr", "/intro"]), _WORDS).map(
        " ".join
    ),
    # A label the form allows: at most 60 characters (a longer "label" is a sentence).
    st.tuples(
        st.sampled_from(["/l", "/label"]),
        _WORDS.filter(lambda w: len(w) <= 60),
        st.one_of(st.just(""), _WORDS),
    ).map(lambda t: f"{t[0]} {t[1]}: {t[2]}".rstrip()),
    st.tuples(st.integers(1, 999), _STATUS, _WORDS).map(lambda t: f"/u #{t[0]} {t[1]} {t[2]}"),
    st.tuples(st.integers(1, 28), st.integers(0, 23), _WORDS).map(
        lambda t: f"/n 2026-05-{t[0]:02d} {t[1]:02d}:30 {t[2]}"
    ),
)


@settings(max_examples=200, deadline=None)
@given(_VALID)
def test_property_a_valid_command_is_never_kept_as_raw_text(line: str) -> None:
    entry = parse_line(line)
    assert not any("kept as a note" in w for w in entry.warnings), (line, entry)
    assert not (isinstance(entry, Note) and entry.text.startswith("/")), (line, entry)


def test_discussion_is_printed_once_when_points_opened_it(tmp_path: Path) -> None:
    """The minutes' DISCUSSION list starts with `/l DISCUSSION:` or with the first
    attributed point: one or the other, never both (a new user saw it twice)."""
    from tests.helpers import run_cli

    meeting = run_cli("new", "Cash", "--style", "minutes", home=tmp_path).stdout.strip()
    run_cli(
        "add",
        meeting,
        "/i 1. Cash",
        "OCHA: opened the item",
        "/l DISCUSSION:",
        "UNHCR: noted the gaps",
        home=tmp_path,
    )
    text = run_cli("export", meeting, "--style", "minutes", "--out", "-", home=tmp_path).stdout
    assert text.count("DISCUSSION:") == 1, text
    assert text.index("OCHA opened") < text.index("UNHCR noted")
