"""A redacted export of any style, in any format, names no participant of the meetings it
covers and no person the home knows (issue 23: a redacted workplan kept participants'
names, because its redactor — and its residual check — knew only co-chairs, leads and
partners).

Two meetings of one body are typed through the real store: the first names Ms. Gillian
Triggs, who is no participant of the second; the second names its participants in every
place a record prints text (points, decisions, key messages, labels, groups, actions,
their sub-items, partners, links, comments and reviews, the header, the introduction, the
next meeting), in every name form: "Ms. Jamal", "Jamal", "K. Hyland", "HYLAND".
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from minutes_tui.domain.snapshot import MeetingData, RegisterData
from minutes_tui.domain.vocabulary import STYLES
from minutes_tui.record.export import ExportError, render, render_register
from minutes_tui.record.redact import Redactor
from tests.record_fixtures import load_meeting, load_register, replay_series
from tests.reliability.test_redaction import fold, named

EARLIER = """\
---
title: Network meeting
body: NET
date: 2021-02-01
---
/p UNHCR: Ms. Gillian Triggs (Member)
/i 1 Opening
/a Map the referral pathways [UNHCR] by 2021-03-01
"""

LATER = """\
---
title: Network meeting
body: NET
date: 2021-03-01
place: Residence of Kevin Hyland, Geneva
chair: Ms. Valerie Guarnieri
introduction: Prepared with Kevin Hyland and GILLIAN TRIGGS.
---
/p WFP: Ms. Valerie Guarnieri (Co-Chair)
/p OCHA: Mr. Kevin Hyland
/p UNICEF: Ms. Amira Jamal
/i 1 Follow-up
/u 1 in progress Hyland shared the pathways with Ms. Jamal and Triggs
Kevin Hyland and Ms. Jamal presented; K. Hyland took questions from GILLIAN TRIGGS.
- a list item naming Amira and HYLAND
/d Ms. Jamal will chair the next session with Guarnieri.
/k Triggs stressed that Jamal's proposal stands.
/l Management Response: Hyland agreed.
/g Priority area: Jamal's proposals
/a Share the note drafted by Amira Jamal [Kevin Hyland; OCHA] by 2021-04-01 {ACTION_TAIL}
/s Check the figures with Triggs [Amira Jamal] | when: Q1 2021
/n 2021-04-01 10:00 hosted by Ms. Jamal
"""

ACTION_TAIL = (
    "| when: Q2 2021 | partners: Ms. Triggs, WHO | links: Hyland's group | comments: ask K. Hyland"
)
LATER = LATER.replace("{ACTION_TAIL}", ACTION_TAIL)
NAMES = ["Kevin", "Hyland", "Amira", "Jamal", "Gillian", "Triggs", "Valerie", "Guarnieri"]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    ids, root = replay_series(tmp_path_factory.mktemp("named"), [EARLIER, LATER])
    return root, ids[-1]


@pytest.fixture(scope="module")
def later(home: tuple[Path, int]) -> MeetingData:
    return load_meeting(*home)


@pytest.fixture(scope="module")
def register(home: tuple[Path, int]) -> RegisterData:
    return load_register(home[0], "NET", dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def docx_text(payload: bytes) -> str:
    """Every XML part of a .docx, tags stripped: what any reader of the file could see."""
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))]
    return re.sub(r"<[^>]*>", "", "\n".join(parts))


def readable(fmt: str, payload: bytes, tmp: Path) -> str:
    if fmt == "md":
        return payload.decode("utf-8")
    if fmt == "docx":
        return docx_text(payload)
    pdf = tmp / "out.pdf"
    pdf.write_bytes(payload)
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def assert_names_no_one(text: str) -> None:
    left = [n for n in NAMES if named(n, text)]
    assert left == [], left
    assert re.search(r"(?<!\w)K\. ", text) is None  # no initial left of "K. Hyland"


def test_the_fixture_names_everyone_unredacted(later: MeetingData, tmp_path: Path) -> None:
    """Without --redact every name form is there: the test reads real text."""
    text = readable("md", render(later, "md", "workplan"), tmp_path)
    assert all(named(n, text) for n in ["Hyland", "Jamal", "Triggs"])
    text = readable("md", render(later, "md", "summary"), tmp_path)
    assert all(named(n, text) for n in NAMES)


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("style", STYLES)
def test_every_style_and_format_names_no_one(
    later: MeetingData, style: str, fmt: str, tmp_path: Path
) -> None:
    assert_names_no_one(readable(fmt, render(later, fmt, style, redact=True), tmp_path))


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_body_register_names_no_one(register: RegisterData, fmt: str, tmp_path: Path) -> None:
    plain = readable(fmt, render_register(register, fmt), tmp_path)
    assert named("Jamal", plain) and named("Triggs", plain)
    assert_names_no_one(readable(fmt, render_register(register, fmt, redact=True), tmp_path))


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice for PDF")
@pytest.mark.parametrize("style", STYLES)
def test_every_style_as_pdf_names_no_one(later: MeetingData, style: str, tmp_path: Path) -> None:
    assert_names_no_one(readable("pdf", render(later, "pdf", style, redact=True), tmp_path))


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_the_residual_check_does_not_trust_the_register_redactor(
    register: RegisterData, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register redactor that knows only the co-chairs (the bug) cannot write a file:
    the residual check knows everyone the home knows."""
    monkeypatch.setattr(
        Redactor, "for_register", classmethod(lambda cls, data, also=(): cls(data.co_chairs))
    )
    with pytest.raises(ExportError, match="Redaction incomplete"):
        render_register(register, fmt, redact=True)


def test_names_are_folded_as_a_reader_reads_them() -> None:
    assert fold("HYLAND") == fold("Hyland") and named("Hyland", "by K. HYLAND.")
