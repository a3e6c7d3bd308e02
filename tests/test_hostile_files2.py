"""Hostile files, second round (issue 23): attendance reports of huge names, an import
killed half-way, a file changed while read, zip64 directories, attribute floods, file
names that carry terminal escapes."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli


def new_meeting(home: Path) -> None:
    assert run_cli("new", "Kept", home=home).returncode == 0


def test_an_attendance_report_of_huge_names_is_refused_and_stores_nobody(tmp_path: Path) -> None:
    home = tmp_path / "home"
    new_meeting(home)
    rows = [f"Person {n},p{n}@example.org" for n in range(300)]
    rows.append("\U0001f600" + "x" * 5_000 + ",huge@example.org")
    report = tmp_path / "report.csv"
    report.write_text("Name,Email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("attendance", "1", report, home=home)
    assert result.returncode == 1
    assert "longer than 200 characters" in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    shown = run_cli("show", "1", home=home).stdout
    assert "Person 1" not in shown


def test_running_out_of_memory_is_one_sentence(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from minutes_tui.store import people

    home = tmp_path / "home"
    new_meeting(home)
    report = tmp_path / "report.csv"
    report.write_text("Name,Email\nAmal Haddad,a@who.int\n", encoding="utf-8")

    def no_memory(*_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(people, "import_attendance", no_memory)
    result = run_cli("attendance", "1", report, home=home)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "minutes: error: not enough memory to finish; the change under way was not stored"
    ]


KILLED_MID_STORE = """
import os, sys, time
from minutes_tui.store import apply as apply_module
real, calls = apply_module.apply, [0]
def slow(*args, **kwargs):
    calls[0] += 1
    if calls[0] == 50:  # half-way through the record's points: say so, wait for the kill
        print("storing", flush=True)
        time.sleep(60)
    return real(*args, **kwargs)
apply_module.apply = slow
from minutes_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_an_import_killed_while_storing_leaves_nothing_and_can_be_run_again(
    tmp_path: Path,
) -> None:
    import signal
    import subprocess
    import sys

    from tests.helpers import process_env

    home = tmp_path / "home"
    record = tmp_path / "old-record.md"
    points = "\n\n".join(f"UNHCR: point number {n}." for n in range(100))
    record.write_text(f"# Old meeting\n\n## First item\n\n{points}\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_STORE, "--home", str(home), "import-record", record],
        stdout=subprocess.PIPE,
        text=True,
        env=process_env(),
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "storing"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert run_cli("list", home=home).stdout.strip() in ("", "No meetings yet.")
    again = run_cli("import-record", record, home=home)
    assert again.returncode == 0, again.stderr
    assert "point number 99" in run_cli("show", "1", home=home).stdout


def test_a_record_removed_after_it_was_read_is_stored_by_the_bytes_read(
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """The hash is of the bytes read, never of the file read again (a file removed or
    changed meanwhile gave a FileRefused traceback)."""
    import hashlib

    import minutes_tui.reading.record_files as import_files

    record = tmp_path / "record.md"
    record.write_text("# Old meeting\n\nUNHCR: the point as read.\n", encoding="utf-8")
    read_bytes = record.read_bytes()
    real = import_files.read_source

    def then_changed(path: Path):  # type: ignore[no-untyped-def]
        result = real(path)
        path.write_text("# Changed meanwhile\n", encoding="utf-8")
        return result

    monkeypatch.setattr(import_files, "read_source", then_changed)
    home = tmp_path / "home"
    result = run_cli("import-record", record, home=home)
    assert result.returncode == 0, result.stderr
    from minutes_tui.config import Home
    from minutes_tui.store.imports import imported_with
    from minutes_tui.store.store import Store

    store = Store.open(Home(home))
    try:
        assert imported_with(store, hashlib.sha256(read_bytes).hexdigest())
    finally:
        store.close()
    record.unlink()
    real_then_removed = real

    def then_removed(path: Path):  # type: ignore[no-untyped-def]
        result = real_then_removed(path)
        path.unlink()
        return result

    record.write_text("# Another meeting\n\nWFP: another point.\n", encoding="utf-8")
    monkeypatch.setattr(import_files, "read_source", then_removed)
    result = run_cli("import-record", record, home=home)
    assert result.returncode == 0, result.stderr


def zip64_liar(entries: int, size: int) -> bytes:
    """A good .docx whose end record tells the truth, with a zip64 end record (which
    zipfile believes instead) claiming `entries` parts in a directory of `size` bytes."""
    import struct

    from tests import hostile_files as hostile

    data = hostile.good_docx()
    at = data.rfind(b"PK\x05\x06")
    (cd_offset,) = struct.unpack_from("<I", data, at + 16)
    zip64_end = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, cd_offset
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, at, 1)
    return data[:at] + zip64_end + locator + data[at:]


def test_a_zip64_directory_is_checked_before_zipfile_reads_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (tmp_path / "many.docx").write_bytes(zip64_liar(1_300_000, 1_000))
    (tmp_path / "large.docx").write_bytes(zip64_liar(10, 60 << 20))
    many = run_cli("import-record", tmp_path / "many.docx", home=home)
    assert many.returncode == 1
    assert "many.docx: not a Word document (over 2,000 parts)" in many.stderr, many.stderr
    large = run_cli("import-record", tmp_path / "large.docx", home=home)
    assert large.returncode == 1
    assert "its zip directory is too large" in large.stderr, large.stderr


def test_an_element_of_a_thousand_attributes_is_refused(tmp_path: Path) -> None:
    from tests import hostile_files as hostile

    body = "".join(f' a{n}="1"' for n in range(1_000))
    document = hostile.parts(hostile.good_docx())["word/document.xml"]
    flooded = document.replace(b"<w:body>", f"<w:body><w:p{body}/>".encode())
    assert flooded != document
    path = tmp_path / "attributes.docx"
    path.write_bytes(hostile.replaced("word/document.xml", flooded))
    result = run_cli("import-record", path, home=tmp_path / "home")
    assert result.returncode == 1
    assert "an element of over 100 attributes" in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1


EVIL = "evil\x1b]0;owned\x07\x1b[2J\nline\u202eed"


def test_a_file_name_with_escapes_is_printed_clean_on_every_import_path(tmp_path: Path) -> None:
    home = tmp_path / "home"
    new_meeting(home)
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / f"{EVIL}.md").write_text("# Old meeting\n\nUNHCR: a point.\n", encoding="utf-8")
    (folder / f"{EVIL}.docx").write_bytes(b"not a zip")
    (tmp_path / f"{EVIL}.csv").write_bytes(b"\xff\xfe" + b"no table")
    runs = [
        run_cli("import-record", folder, home=home),
        run_cli("import-record", folder / f"{EVIL}.docx", home=home),
        run_cli("attendance", "1", tmp_path / f"{EVIL}.csv", home=home),
        run_cli("import", tmp_path / f"{EVIL}.csv", home=home),
    ]
    for result in runs:
        printed = result.stdout + result.stderr
        assert "evil" in printed, printed
        for bad in ("\x1b", "\x07", "\u202e", "evil\n", "\nline"):
            assert bad not in printed, (bad, printed)


def test_bidi_controls_are_stripped_from_attendance_names_arabic_kept() -> None:
    from minutes_tui.importer.attendance import parse_attendance

    report = "Name,Email\n\u202eAmal Haddad\u202c,a@who.int\n\u2067أمل حداد\u2069,b@who.int\n"
    names = [a.name for a in parse_attendance(report.encode("utf-8"))]
    assert names == ["Amal Haddad", "أمل حداد"]


def test_two_parts_of_one_name_utf32_xml_and_a_symlink_loop_are_named(tmp_path: Path) -> None:
    import warnings
    import zipfile

    from tests import hostile_files as hostile

    home = tmp_path / "home"
    good = hostile.good_docx()
    twice = tmp_path / "twice.docx"
    with zipfile.ZipFile(twice, "w") as z:
        for name, blob in hostile.parts(good).items():
            z.writestr(name, blob)
        with warnings.catch_warnings():  # zipfile warns of the duplicate it is told to write
            warnings.simplefilter("ignore")
            z.writestr("word/document.xml", b"<w:document/>")  # a second part of that name
    utf32 = tmp_path / "utf32.docx"
    doctype = '<?xml version="1.0" encoding="UTF-32"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'
    utf32.write_bytes(hostile.replaced("word/styles.xml", doctype.encode("utf-32")))
    loop = tmp_path / "loop.docx"
    loop.symlink_to(loop)
    expected = {
        twice: "two parts named word/document.xml",
        utf32: "word/styles.xml is UTF-32 XML",
        loop: "a symlink loop",
    }
    for path, reason in expected.items():
        result = run_cli("import-record", path, home=home)
        assert result.returncode == 1
        assert reason in result.stderr, result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
