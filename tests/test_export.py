"""Writing exports: atomic, private (0600), and clear about what went wrong."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from docx import Document

import minutes_tui.record.safe_write as safe_write
from minutes_tui.domain.snapshot import MeetingData
from minutes_tui.record import build_record
from minutes_tui.record.export import ExportError, default_export_path, export
from minutes_tui.record.markdown import render_markdown
from tests import record_fixtures
from tests.record_fixtures import meeting

# pytest fixtures shared with the other record tests
opag = record_fixtures.opag
opag_data = record_fixtures.opag_data


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_export_writes_a_private_file(opag: MeetingData, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"record.{fmt}"
    assert export(opag, fmt, None, out, False) == out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    if fmt == "md":
        assert out.read_text("utf-8") == render_markdown(build_record(opag))
    else:
        assert Document(str(out)).paragraphs[1].style.name == "Title"
    assert leftovers(tmp_path) == []


def test_export_replaces_an_existing_export_only_when_asked(
    opag: MeetingData, tmp_path: Path
) -> None:
    out = tmp_path / "record.md"
    out.write_text("old")
    export(opag, "md", "actions", out, True, overwrite=True)
    assert "Review of previous actions" in out.read_text("utf-8")
    assert leftovers(tmp_path) == []


def test_export_keeps_an_earlier_file_and_takes_the_next_free_name(
    opag: MeetingData, tmp_path: Path
) -> None:
    out = tmp_path / "record.md"
    out.write_text("edited by hand")
    (tmp_path / "record-2.md").write_text("an earlier copy")
    written = export(opag, "md", "actions", out, True)
    assert written == tmp_path / "record-3.md"
    assert out.read_text("utf-8") == "edited by hand"
    assert (tmp_path / "record-2.md").read_text("utf-8") == "an earlier copy"
    assert "Review of previous actions" in written.read_text("utf-8")
    assert leftovers(tmp_path) == []


def test_a_full_disk_leaves_the_old_export_alone(
    opag: MeetingData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "record.docx"
    out.write_bytes(b"the export from yesterday")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", full)
    with pytest.raises(ExportError) as info:
        export(opag, "docx", None, out, False)
    assert str(info.value) == f"The disk is full, so {out} was not written."
    assert out.read_bytes() == b"the export from yesterday"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("move", "overwrite"), [("replace", True), ("link", False)])
def test_a_failed_rename_leaves_no_temporary_file(
    opag: MeetingData,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    move: str,
    overwrite: bool,
) -> None:
    def refuse(src: str, dst: str) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(safe_write.os, move, refuse)
    with pytest.raises(ExportError, match="permission denied"):
        export(opag, "md", None, tmp_path / "r.md", False, overwrite=overwrite)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder(opag: MeetingData, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as info:
        export(opag, "md", None, tmp_path / "nowhere" / "r.md", False)
    assert info.value.message == f"The folder {tmp_path / 'nowhere'} does not exist."


def test_a_path_that_is_a_folder(opag: MeetingData, tmp_path: Path) -> None:
    written = export(opag, "docx", None, tmp_path, False)  # the default name goes inside
    assert written == default_export_path(tmp_path, opag, "docx")
    assert list(tmp_path.iterdir()) == [written]
    with pytest.raises(ExportError) as info:  # "name/" is a folder, never a file "name"
        export(opag, "docx", None, f"{tmp_path / 'missing'}/", False)
    assert info.value.message == f"The folder {tmp_path / 'missing'} does not exist."


def test_a_folder_that_cannot_be_written(
    opag: MeetingData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: make the refusal happen as it would

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(safe_write.tempfile, "mkstemp", refuse)
    else:
        folder.chmod(0o500)
    try:
        with pytest.raises(ExportError) as info:
            export(opag, "md", None, folder / "r.md", False)
    finally:
        folder.chmod(0o700)
    assert info.value.message == f"Cannot write to the folder {folder}: permission denied."
    assert list(folder.iterdir()) == []


def test_unknown_format_and_style(opag: MeetingData, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Unknown export format 'odt'"):
        export(opag, "odt", None, tmp_path / "r.odt", False)
    with pytest.raises(ExportError, match="Unknown record style 'poem'"):
        export(opag, "md", "poem", tmp_path / "r.md", False)
    assert list(tmp_path.iterdir()) == []


def test_default_export_path(opag: MeetingData, tmp_path: Path) -> None:
    slug = "iasc-opag-operational-policy-and-advocacy-group-meeting-session-vii"
    first = f"2020-07-09-{opag.id}-{slug}"
    assert default_export_path(tmp_path, opag, "md", "summary") == tmp_path / f"{first}-summary.md"
    assert default_export_path(tmp_path, opag, "docx", "actions") == (
        tmp_path / f"{first}-actions.docx"
    )
    assert default_export_path(tmp_path, opag, "docx", "summary").suffix == ".docx"
    assert default_export_path(tmp_path, opag, "md", "summary", redact=True) == (
        tmp_path / f"2020-07-09-{opag.id}-summary-redacted.md"
    )


def test_default_export_path_slugs() -> None:
    exports = Path("/exports")
    data = meeting(
        body="Réseau Santé", title="Réunion  de coordination / Était", session=None, date=None
    )
    assert default_export_path(exports, data, "md", "summary") == (
        exports / "undated-1-reseau-sante-reunion-de-coordination-etait-summary.md"
    )
    data = meeting(body=None, title="اجتماع التنسيق", id=42)
    assert default_export_path(exports, data, "md", "summary").name == "2021-03-04-42-summary.md"
    data = meeting(title="word " * 60)
    name = default_export_path(exports, data, "md", "summary").stem
    assert name == "2021-03-04-1-test-body-word-summary" and name.isascii()
    long = meeting(body=None, title=" ".join(f"w{i}" for i in range(60)))
    stem = default_export_path(exports, long, "md", "summary").stem
    assert len(stem) <= len("2021-03-04-1-") + 80 + len("-summary")
