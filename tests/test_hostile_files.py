"""Hostile files for the commands that read a user's file (`import-record`, `import`,
`attendance`): each is refused in one sentence on stderr with a non-zero exit, nothing
stored, never a traceback (run_cli raises on one), never a hang.

The files are built by tests/hostile_files.py, not committed.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import hostile_files as hostile
from tests.helpers import process_env, run_cli

MALFORMED: dict[str, Callable[[], bytes]] = {
    "truncated-package": hostile.truncated_package,
    "truncated-xml": hostile.truncated_xml,
    "bad-relationships": hostile.bad_relationships,
    "bad-crc": hostile.bad_crc,
    "billion-laughs": hostile.billion_laughs,
}
REASONS = {
    "truncated-package": "not a zip file",
    "truncated-xml": "its XML is broken",
    "bad-relationships": "its parts do not fit together",
    "bad-crc": "Bad CRC-32",
    "billion-laughs": "declares a DTD",
    "zip-bomb": "it may be a zip bomb",
}


@pytest.fixture
def home_with_a_meeting(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert run_cli("new", "Kept", home=home).returncode == 0
    return home


def meetings(home: Path) -> list[str]:
    listed = run_cli("list", home=home)
    assert listed.returncode == 0
    return listed.stdout.splitlines()


def one_sentence(stderr: str, name: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"minutes: error: {name}: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_six_malformed_word_files_give_one_sentence_each(
    tmp_path: Path, home_with_a_meeting: Path
) -> None:
    before = meetings(home_with_a_meeting)
    files = {name: make() for name, make in MALFORMED.items()}
    for name, data in files.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    # a bomb that tells the truth in its directory (the liar is in the memory test below)
    hostile.zip_bomb(tmp_path / "zip-bomb.docx", 40 << 20)
    for name in [*files, "zip-bomb"]:
        result = run_cli("import-record", tmp_path / f"{name}.docx", home=home_with_a_meeting)
        assert result.returncode == 1, (name, result.stdout)
        assert REASONS[name] in one_sentence(result.stderr, f"{name}.docx"), name
    assert meetings(home_with_a_meeting) == before


def test_a_part_of_millions_of_tiny_elements_is_refused_before_lxml(tmp_path: Path) -> None:
    """15 MB of "<w:p/>" is under the part's size limit, but lxml would take 400 MB
    for its 2.6 million elements: refused by their count."""
    path = tmp_path / "tiny-elements.docx"
    hostile.zip_bomb(path, 15 << 20)
    result = run_cli("import-record", path, home=tmp_path / "home")
    assert result.returncode == 1
    assert "over 1,000,000 XML elements" in one_sentence(result.stderr, "tiny-elements.docx")


def test_a_folder_of_hostile_files_reports_each_and_imports_the_good_one(
    tmp_path: Path, home_with_a_meeting: Path
) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    for name, make in MALFORMED.items():
        (folder / f"{name}.docx").write_bytes(make())
    (folder / "good.docx").write_bytes(hostile.good_docx())
    result = run_cli("import-record", folder, home=home_with_a_meeting)
    assert result.returncode == 1
    refused = [line for line in result.stderr.splitlines() if "not imported" in line]
    assert len(refused) == len(MALFORMED)
    assert len(meetings(home_with_a_meeting)) == 2


def test_a_style_of_an_unknown_type_is_read_past(tmp_path: Path) -> None:
    """python-docx raised on a style type Word does not have; the record is read anyway."""
    path = tmp_path / "odd-style.docx"
    path.write_bytes(hostile.unknown_style_type())
    result = run_cli("import-record", "--dry-run", path, home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "Results Group Meeting" in result.stdout


def test_styles_are_read_in_one_pass_not_searched_per_paragraph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-docx's `paragraph.style` searched every style for each paragraph: 50,000
    unused styles made 200 paragraphs take 169 s (bench/hostile_files.py times it). The
    reader names styles from one pass; python-docx's per-paragraph searches are never
    called, and headings and plain paragraphs keep their styles."""
    from docx.oxml.styles import CT_Styles

    from minutes_tui.reading.record_files import read_source

    def searched(*_args: object) -> None:
        raise AssertionError("a style searched for one paragraph")

    path = tmp_path / "styles.docx"
    path.write_bytes(hostile.many_styles(styles=2_000, paragraphs=5))
    monkeypatch.setattr(CT_Styles, "get_by_id", searched)
    monkeypatch.setattr(CT_Styles, "default_for", searched)
    blocks, _digest = read_source(path)
    assert [(b.kind, b.style) for b in blocks] == [("heading", "Heading 1")] + [
        ("para", "Normal")
    ] * 5


def test_a_fifo_named_txt_is_refused_without_waiting(tmp_path: Path) -> None:
    """Opening a FIFO for reading waits for a writer: every reader would hang forever."""
    fifo = tmp_path / "record.txt"
    os.mkfifo(fifo)
    home = tmp_path / "home"
    for argv in (
        ["import-record", fifo],
        ["import", fifo],
        ["attendance", "1", fifo],
    ):
        result = run_in_child(home, *map(str, argv))
        assert result.returncode == 1, result
        assert "not a regular file" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def run_in_child(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The real process, with a deadline: a hang fails the test instead of the suite."""
    code = "import sys; from minutes_tui.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "--home", str(home), *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=process_env(),
        check=False,
    )


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from minutes_tui.reading.safe_read import TEXT_LIMIT, WORD_LIMIT

    for name, size in (("huge.txt", TEXT_LIMIT + 1), ("huge.docx", WORD_LIMIT + 1)):
        path = tmp_path / name
        with path.open("wb") as f:
            f.truncate(size)  # sparse: no disk used
        result = run_cli("import-record", path, home=tmp_path / "home")
        assert result.returncode == 1
        assert "too large to read" in one_sentence(result.stderr, name)


def test_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    assert stat.S_ISCHR(os.stat(link).st_mode)
    result = run_cli("import-record", link, home=tmp_path / "home")
    assert result.returncode == 1
    assert "not a regular file" in result.stderr


def fake_pdftotext(folder: Path, script: str) -> None:
    folder.mkdir()
    tool = folder / "pdftotext"
    tool.write_text(f"#!/bin/sh\n{script}\n")
    tool.chmod(0o755)


def test_a_pdf_that_stalls_pdftotext_is_refused_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 71 KB PDF kept pdftotext busy for 120 s; here a pdftotext that never ends stands
    for it (bench/hostile_files.py times a real one), and the limit is shortened."""
    from minutes_tui.reading import pdf as pdf_reader

    fake_pdftotext(tmp_path / "bin", "exec sleep 600")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(pdf_reader, "PDF_TIMEOUT_S", 1.0)
    pdf = tmp_path / "slow.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    result = run_cli("import-record", pdf, home=tmp_path / "home")
    assert result.returncode == 1
    assert "still reading it after 1 s" in one_sentence(result.stderr, "slow.pdf")


def test_a_pdf_whose_text_never_ends_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_pdftotext(tmp_path / "bin", "exec yes 'the same line again'")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    pdf = tmp_path / "endless.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    result = run_cli("import-record", pdf, home=tmp_path / "home")
    assert result.returncode == 1
    assert "its text is over 16 MB" in one_sentence(result.stderr, "endless.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("declared", [None, 1000], ids=["honest", "lying-directory"])
def test_a_200_mb_zip_bomb_is_refused_in_under_400_mb(tmp_path: Path, declared: int | None) -> None:
    """Peak memory of the real process, as the kernel counts it: VmHWM of its own address
    space. Not ru_maxrss, which a child started by vfork inherits from its parent: under
    CI the pytest worker had grown to 535 MB, and the child reported that."""
    bomb = tmp_path / "bomb.docx"
    hostile.zip_bomb(bomb, 200 << 20, declared=declared)
    peak = tmp_path / "peak"
    code = (
        "import sys; from minutes_tui.cli import main; code = main(sys.argv[2:]); "
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]; "
        "open(sys.argv[1], 'w').write(hwm); "
        "sys.exit(code)"
    )
    argv = [str(peak), "--home", str(tmp_path / "home"), "import-record", str(bomb)]
    result = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        timeout=300,
        env=process_env(),
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("minutes: error: bomb.docx: ")
    peak_kb = int(peak.read_text())
    assert peak_kb < 400 * 1024, f"peak {peak_kb / 1024:.0f} MB"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_a_real_stalling_pdf_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 2.5 KB PDF of forms drawing forms (10⁹ strokes): the real pdftotext is stopped
    at the limit (shortened here; bench/hostile_files.py times the real one)."""
    from minutes_tui.reading import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "PDF_TIMEOUT_S", 3.0)
    pdf = tmp_path / "stall.pdf"
    pdf.write_bytes(hostile.stalling_pdf())
    result = run_cli("import-record", pdf, home=tmp_path / "home")
    assert result.returncode == 1
    assert "still reading it after 3 s" in one_sentence(result.stderr, "stall.pdf")


def test_a_fifo_as_the_organisations_directory_adds_nothing_and_never_blocks(
    tmp_path: Path,
) -> None:
    """Read at the start of every capture session: a FIFO there would hang each one."""
    import threading

    from minutes_tui.config.user_directory import load_user_organisations

    fifo = tmp_path / "organisations.csv"
    os.mkfifo(fifo)
    found: list[frozenset[str]] = []
    reader = threading.Thread(target=lambda: found.append(load_user_organisations(fifo)))
    reader.daemon = True  # were it to block, it must not hold the test run open
    reader.start()
    reader.join(20)
    if reader.is_alive():  # let it go: a writer that writes nothing ends its read
        with open(fifo, "wb"):
            pass
        pytest.fail("reading the directory waited on a FIFO")
    assert found == [frozenset()]
