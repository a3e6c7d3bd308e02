"""Nothing is dropped (issue 25): every word of a record's source is in the stored meeting,
in the "could not place" list, or in what the importer read as structure (a table's
header row, a section heading, a field label). A Hypothesis property over generated
records — headers, tables with wrapped cells and topic rows, lists, footers, HTML — in
Word, Markdown, text laid out by columns and (slow, with LibreOffice) PDF; and every fixture.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests import unseen_records as U
from tests.conservation import kept, source_text

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_FILES = sorted([*(FIXTURES / "backcatalogue").iterdir(), *(FIXTURES / "unseen").iterdir()])

_WORDS = [
    "share",
    "map",
    "survey",
    "the",
    "of",
    "and",
    "for",
    "with",
    "partners",
    "camps",
    "water",
    "funding",
    "plan",
    "review",
    "report",
    "data",
    "by",
    "in",
    "on",
    "to",
    "update",
    "guidance",
    "training",
    "north",
    "east",
]
_NAMES = ["UNHCR", "OCHA", "WFP", "IOM", "NRC", "UNICEF", "Save the Children", "Cluster"]
_STATUSES = ["Completed", "Ongoing", "Pending", "In progress", "Done", "", "Delayed"]
_COLUMNS = [
    ["Action Point", "Lead", "Status", "Progress"],
    ["Action", "Responsible", "Deadline", "Status", "Comments"],
    ["Deliverable", "Timeframe", "Lead", "Partners"],
    ["Follow-up action", "Lead", "Timeframe", "Comments"],
]


def _sentence(min_size: int = 2, max_size: int = 14) -> st.SearchStrategy[str]:
    words = st.lists(
        st.one_of(
            st.sampled_from(_WORDS),
            st.sampled_from(_NAMES),
            st.from_regex(r"[0-9]{1,4}", fullmatch=True),
        ),
        min_size=min_size,
        max_size=max_size,
    )
    return words.map(lambda w: " ".join(w)).map(lambda s: s[:1].upper() + s[1:])


@st.composite
def _table(draw: st.DrawFn) -> tuple[str, list[U.Row]]:
    head = draw(st.sampled_from(_COLUMNS))
    rows: list[U.Row] = [list(head)]
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()) and len(rows) > 1:
            rows.append((draw(_sentence(1, 3)).upper(),))  # a topic row
            continue
        row = []
        for name in head:
            n = name.casefold()
            if "lead" in n or "responsible" in n or "partner" in n:
                row.append(draw(st.sampled_from(_NAMES)))
            elif n == "status":
                row.append(draw(st.sampled_from(_STATUSES)))
            elif "action" in n or "deliverable" in n:
                row.append(draw(_sentence(2, 30)))  # long ones wrap
            elif "deadline" in n or "timeframe" in n:
                row.append(draw(st.sampled_from(["Q2 2021", "15 March 2021", "End of May", ""])))
            else:
                row.append(draw(st.one_of(st.just(""), _sentence(1, 20))))
        rows.append(row)
    return ("table", rows)


_HTML = st.one_of(
    _sentence().map(lambda s: f"<p>{s} <i>{s.split()[0]}</i></p>"),
    st.lists(_sentence(), min_size=1, max_size=3).map(
        lambda xs: '<ul style="margin:0">' + "".join(f"<li>{x}</li>" for x in xs) + "</ul>"
    ),
)
_BLOCK = st.one_of(
    _sentence(8, 40).map(lambda s: ("para", s + ".")),
    _sentence(1, 4).map(lambda s: ("heading", s)),
    st.lists(_sentence(), min_size=1, max_size=4).map(lambda xs: ("bullets", xs)),
    st.lists(
        st.tuples(_sentence(), st.sampled_from(_NAMES)).map(lambda t: f"{t[0]} [{t[1]}]"),
        min_size=1,
        max_size=3,
    ).map(lambda xs: ("actions", xs)),
    _table(),
    _HTML.map(lambda h: ("para", h)),
)
_HEADER = st.lists(
    st.sampled_from(
        [
            ("para", "Date: 12 May 2021"),
            ("para", "Chair: Ms. Amina Yusuf (UNHCR)"),
            ("para", "The working group met on 3 March 2021 to review the plan."),
            ("para", "Reporting period: January – June 2021"),
        ]
    ),
    max_size=3,
    unique=True,
)
RECORDS = st.builds(
    lambda title, header, blocks, footer: [("title", title), *header, *blocks, *footer],
    _sentence(2, 6),
    _HEADER,
    st.lists(_BLOCK, min_size=1, max_size=6),
    st.lists(st.sampled_from([("para", "DRAFT"), ("para", "Page 2 of 3")]), max_size=2),
)


def _expand(spec: U.Spec) -> U.Spec:
    """Action points are a heading and bullets in every form."""
    out: U.Spec = []
    for kind, value in spec:
        if kind == "actions":
            out += [("heading", "Action Points"), ("bullets", [f"• {v}" for v in value])]
        else:
            out.append((kind, value))
    return out


def markdown(spec: U.Spec) -> str:
    out: list[str] = []
    for kind, value in _expand(spec):
        if kind == "title":
            out.append(f"# {value}")
        elif kind == "heading":
            out.append(f"## {value}")
        elif kind == "bullets":
            out.append("\n".join(f"- {v.lstrip('•· ')}" for v in value))
        elif kind == "table":
            width = len(value[0])
            lines = [f"| {' | '.join(value[0])} |", "|" + "---|" * width]
            for row in value[1:]:
                cells = [f"**{row[0]}**", *[""] * (width - 1)] if len(row) == 1 else row
                lines.append(f"| {' | '.join(cells)} |")
            out.append("\n".join(lines))
        else:
            out.append(value)
    return "\n\n".join(out) + "\n"


def laid_out(spec: U.Spec) -> str:
    """As `pdftotext -layout` prints a record: paragraphs wrapped at 78, a table's cells
    wrapped in their columns, three spaces between columns, a topic row alone."""
    out: list[str] = []
    for kind, value in _expand(spec):
        if kind == "table":
            width = len(value[0])
            size = max(12, 76 // width - 3)
            for row in value:
                if len(row) == 1:
                    out.append(row[0])
                    continue
                cells = [textwrap.wrap(c, size) or [""] for c in row]
                for k in range(max(len(c) for c in cells)):
                    parts = [(c[k] if k < len(c) else "").ljust(size) for c in cells]
                    out.append("   ".join(parts).rstrip())
            out.append("")
        elif kind == "bullets":
            out += [f"• {v.lstrip('•· ')}" for v in value] + [""]
        else:
            out += [*textwrap.wrap(value, 78), ""]
    return "\n".join(out)


def _import(path: Path) -> tuple[object, object]:
    from minutes_tui.cli.importing import read
    from minutes_tui.config import Home
    from minutes_tui.session.import_record import store_record
    from minutes_tui.store.store import Store

    rec = read(path, None)
    home = Path(tempfile.mkdtemp(prefix="minutes-conserve-"))
    store = Store.open(Home(home))
    try:
        return rec, store.load(store_record(store, path, rec, None))
    finally:
        store.close()
        shutil.rmtree(home, ignore_errors=True)


def assert_conserved(path: Path) -> None:
    rec, meeting = _import(path)
    lost = kept(source_text(path), meeting, rec.unplaced, rec.structure)  # type: ignore[attr-defined]
    assert not lost, f"{path.name}: words in neither the meeting nor the list: {dict(lost)}"


def write(spec: U.Spec, form: str, folder: Path) -> Path:
    path = folder / f"record.{form}"
    if form == "docx":
        return U.build_docx(_expand(spec), path)
    if form == "md":
        path.write_text(markdown(spec), "utf-8")
    else:
        path.write_text(laid_out(spec), "utf-8")
    return path


# found by the property: a deliverable's "… by 8869 …" was read as a due date and dropped
_BY_IN_A_DELIVERABLE: U.Spec = [
    ("title", "Plan"),
    (
        "table",
        [
            ["Deliverable", "Timeframe", "Lead", "Partners"],
            ["Map the camps by 8869 plan for IOM", "Q2 2021", "Save the Children", "WFP"],
        ],
    ),
]


@pytest.mark.parametrize("form", ["docx", "md", "txt"])
@example(spec=_BY_IN_A_DELIVERABLE)
@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=RECORDS)
def test_every_word_of_a_generated_record_is_kept(tmp_path: Path, form: str, spec: U.Spec) -> None:
    assert_conserved(write(spec, form, Path(tempfile.mkdtemp(dir=tmp_path))))


@pytest.mark.slow
@pytest.mark.parametrize("form", ["docx", "md", "txt", "pdf"])
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # CI runs exactly what was run before it landed
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(spec=RECORDS)
def test_every_word_of_a_generated_record_is_kept_long(
    tmp_path: Path, form: str, spec: U.Spec
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    if form != "pdf":
        assert_conserved(write(spec, form, folder))
        return
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) and pdftotext make the PDF")
    docx = write(spec, "docx", folder)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        capture_output=True,
        check=True,
        timeout=180,
    )
    assert_conserved(folder / "record.pdf")


# pdftotext -layout's text of the PDF the slow run found losing words: a second table
# straight under the first (no blank line) was read as the first's rows, and the cells
# under its header words fell in columns with no name
_TWO_TABLES = """\
IOM 1 report 0586 water 6032
Reporting period: January – June 2021

Action         Responsible   Deadline         Status       Comments
UNICEF         UNHCR         End of May       Delayed      Training
UNICEF of                                                  review in
of WFP in
7222
Follow-up action Lead                   Timeframe       Comments
UNICEF east 6     OCHA                  End of May      Review report 9
                                                        UNICEF NRC
                                                        IOM
Page 2 of 3
"""


def test_a_table_straight_under_another_is_a_table_of_its_own(tmp_path: Path) -> None:
    from minutes_tui.importer import read_text

    tables = [b.rows for b in read_text(_TWO_TABLES) if b.kind == "table"]
    assert [t[0] for t in tables] == [
        ["Action", "Responsible", "Deadline", "Status", "Comments"],
        ["Follow-up action Lead", "Timeframe", "Comments"],
    ]
    path = tmp_path / "record.txt"
    path.write_text(_TWO_TABLES, "utf-8")
    assert_conserved(path)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_every_word_of_every_fixture_is_kept(path: Path) -> None:
    assert_conserved(path)


@pytest.mark.parametrize("name", sorted(U.SPECS | U.HOLD_OUT_SPECS))
def test_every_word_of_the_unseen_word_records_is_kept(tmp_path: Path, name: str) -> None:
    assert_conserved(U.build_docx((U.SPECS | U.HOLD_OUT_SPECS)[name], tmp_path / f"{name}.docx"))
